//! The pictures of the sample map shown before the app runs on a first visit
//! (`public/previews/`), and the window shapes each is for (`SAMPLE_SHAPES` in
//! `public/boot-picture.js`), are what the app will show.
//!
//! A first visit opens the sample, laid out for the shape of the map's area
//! (`map::scene::with_every_card_placed`). The layout changes at a handful of
//! shapes only, so the build carries one picture per layout and the page's boot
//! script picks the one for its window. Here the shapes where the layout
//! changes are found again (scan, then bisection), and the checked-in pictures
//! and shapes must equal them. After a change to the layout, the cards or the
//! sample: `UPDATE_PREVIEWS=1 cargo test --test sample_preview`.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use okr_canvas::domain::import::import;
use okr_canvas::domain::progress::compute_progress;
use okr_canvas::map::scene::{with_every_card_placed, Scene};
use okr_canvas::output::picture::preview_svg;

/// The narrowest and widest shapes (width over height) looked at.
const SHAPES: (f64, f64) = (0.1, 12.0);
/// The scan's step, as a factor between shapes.
const STEP: f64 = 1.01;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn sample() -> okr_canvas::domain::model::Document {
    let text = fs::read(repository().join("public/examples/acme.okr.json")).expect("the sample");
    import(&text).expect("the sample is valid").document
}

/// The picture of the sample laid out for `shape`.
fn picture(shape: f64) -> String {
    let doc = with_every_card_placed(sample(), Some(shape));
    let progress = compute_progress(&doc);
    let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
    preview_svg(&scene).expect("the sample has cards")
}

/// The shapes at which the picture changes, each with six decimals, and the
/// picture from each (the first from the narrowest shape).
fn pictures_by_shape() -> (Vec<String>, Vec<String>) {
    let mut shapes = Vec::new();
    let mut pictures = vec![picture(SHAPES.0)];
    let mut low = SHAPES.0;
    while low < SHAPES.1 {
        let high = low * STEP;
        let next = picture(high);
        if pictures.last() != Some(&next) {
            // The change lies in (low, high]: narrow it down.
            let before = picture(low);
            let (mut a, mut b) = (low, high);
            for _ in 0..60 {
                let middle = (a + b) / 2.0;
                if picture(middle) == before {
                    a = middle;
                } else {
                    b = middle;
                }
            }
            shapes.push(format!("{b:.6}"));
            pictures.push(next);
        }
        low = high;
    }
    (shapes, pictures)
}

fn preview_file(index: usize) -> PathBuf {
    repository().join(format!("public/previews/sample-{index}.svg"))
}

const SHAPES_LIST: &str = "SAMPLE_SHAPES = [";

/// Where the boot script's list of shapes is written.
fn shapes_in_script(script: &str) -> Option<(usize, usize)> {
    let start = script.find(SHAPES_LIST)? + SHAPES_LIST.len();
    let end = start + script[start..].find(']')?;
    Some((start, end))
}

#[test]
fn sample_previews_are_up_to_date() {
    let (shapes, pictures) = pictures_by_shape();
    assert!(
        pictures.len() > 1 && pictures.len() < 40,
        "the sample's layout follows the window's shape in a few steps, not {}",
        pictures.len()
    );
    let script_path = repository().join("public/boot-picture.js");
    let script = fs::read_to_string(&script_path).expect("public/boot-picture.js");
    let (start, end) = shapes_in_script(&script).expect("public/boot-picture.js has SAMPLE_SHAPES");
    let written = shapes.join(", ");
    if std::env::var_os("UPDATE_PREVIEWS").is_some() {
        let directory = repository().join("public/previews");
        if directory.exists() {
            fs::remove_dir_all(&directory).expect("remove the old previews");
        }
        fs::create_dir_all(&directory).expect("create public/previews");
        for (index, svg) in pictures.iter().enumerate() {
            fs::write(preview_file(index), svg).expect("write a preview");
        }
        let script = format!("{}{written}{}", &script[..start], &script[end..]);
        fs::write(&script_path, script).expect("write public/boot-picture.js");
        return;
    }
    let stale = "stale; regenerate with `UPDATE_PREVIEWS=1 cargo test --test sample_preview`";
    assert_eq!(
        &script[start..end],
        written,
        "public/boot-picture.js's SAMPLE_SHAPES is {stale}"
    );
    for (index, svg) in pictures.iter().enumerate() {
        let checked_in = fs::read_to_string(preview_file(index)).unwrap_or_default();
        assert!(
            &checked_in == svg,
            "{} is {stale}",
            preview_file(index).display()
        );
    }
    assert!(
        !preview_file(pictures.len()).exists(),
        "public/previews has pictures no shape uses: {stale}"
    );
}

#[test]
fn a_preview_is_the_map_alone_and_safe_to_show() {
    let svg = picture(1.6);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\""));
    // Nothing outside the picture, nothing that runs.
    let rest = svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for needle in [
        "<script",
        "href",
        "http:",
        "https:",
        "<image",
        "<foreignObject",
    ] {
        assert!(!rest.contains(needle), "{needle} in the preview");
    }
    let event_attribute = rest.split(" on").skip(1).any(|after| {
        let name: String = after
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        !name.is_empty() && after[name.len()..].starts_with('=')
    });
    assert!(!event_attribute, "an event attribute in the preview");
    // The map, not the exported picture's heading and legend.
    assert!(!svg.contains("class=\"heading\""));
    assert!(!svg.contains("class=\"legend\""));
    assert_eq!(
        svg.matches("<g class=\"card\"").count(),
        sample().objectives.len()
    );
    // The page's theme: the dark colours come with it.
    assert!(svg.contains("prefers-color-scheme:dark"));
}
