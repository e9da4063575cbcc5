//! Measures how readable the automatic layout makes a canvas: its size and
//! shape, how many links cross, and the zoom at which it fits a window.
//!
//! ```text
//! cargo run --release --example layout_report -- public/examples/acme.okr.json
//! cargo run --release --example layout_report -- --generate 2000
//! ```
//!
//! Every card is placed afresh ("tidy up") for a window of 1440×900 and of
//! 1280×720, as the page does; the canvas area is the window less the page's
//! header.

use std::process::ExitCode;

use okr_canvas::domain::generate::generate;
use okr_canvas::domain::import::import;
use okr_canvas::domain::layout::{layout_document, LayoutMode, LayoutOptions};
use okr_canvas::map::geometry::fit_to_view;
use okr_canvas::map::scene::{objective_card_size, Scene};

const USAGE: &str = "usage: layout_report <file.okr.json> | --generate <objectives>";
/// The page's header above the canvas, in CSS pixels.
const HEADER_HEIGHT: f64 = 72.0;
/// The margin a fit leaves around the map, as the page does.
const FIT_MARGIN: f64 = 40.0;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let document = match args.as_slice() {
        [flag, count] if flag == "--generate" => match count.parse() {
            Ok(count) => generate(count, 1),
            Err(_) => return usage(),
        },
        [path] => {
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("could not read {path}: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match import(&bytes) {
                Ok(imported) => imported.document,
                Err(failure) => {
                    eprintln!("{failure}");
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => return usage(),
    };
    println!(
        "{} objectives, {} links",
        document.objectives.len(),
        document.links.len()
    );
    for (width, height) in [(1440.0, 900.0), (1280.0, 720.0)] {
        let canvas_height = height - HEADER_HEIGHT;
        let options = LayoutOptions {
            aspect_ratio: width / canvas_height,
            ..LayoutOptions::default()
        };
        let mut laid_out = document.clone();
        laid_out.layout = layout_document(
            &laid_out,
            &objective_card_size,
            &options,
            LayoutMode::TidyAll,
        );
        let scene = Scene::build(&laid_out, &|_| 0.0);
        let Some(bounds) = scene.bounds else {
            println!("{width}×{height}: empty canvas");
            continue;
        };
        let fit = fit_to_view(bounds, width, canvas_height, FIT_MARGIN);
        println!(
            "{width}×{height}: map {:.0}×{:.0} (aspect {:.2}, asked {:.2}), fits at {:.0}%, {} link crossings",
            bounds.width,
            bounds.height,
            bounds.width / bounds.height,
            options.aspect_ratio,
            fit.scale * 100.0,
            scene.link_crossings(1.0),
        );
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
