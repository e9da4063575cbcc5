//! How many canvases fit in a browser's local storage: the stored size of a
//! generated canvas, as the app stored it before (the canvas's JSON text) and
//! as it stores it now (a record: the canvas compressed), and how many such
//! canvases fit in a store of a given number of characters.
//!
//! ```text
//! cargo run --release --example storage_capacity -- 2000 5242880
//! ```
//!
//! Chromium and Firefox allow each site about 5 Mi characters of local
//! storage (keys and values, counted in UTF-16 code units); every character
//! the app stores is ASCII, so a character is a code unit.

use std::process::ExitCode;
use std::time::Instant;

use okr_canvas::domain::generate::generate;
use okr_canvas::session::store::Record;

const USAGE: &str = "usage: storage_capacity <objectives> <store characters>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [objectives, capacity] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let (Ok(objectives), Ok(capacity)) = (objectives.parse::<usize>(), capacity.parse::<usize>())
    else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let document = generate(objectives, 7);
    let text = serde_json::to_string(&document).unwrap_or_default();
    let started = Instant::now();
    let record = Record {
        revision: 1,
        saved_at: 1.8e12,
        title: document.title.clone(),
        text: text.clone(),
    };
    let stored = record.encode();
    let encode_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = Instant::now();
    let decoded = Record::decode(&stored);
    let decode_ms = started.elapsed().as_secs_f64() * 1e3;
    if decoded.as_ref().map(|r| r.text.as_str()) != Some(text.as_str()) {
        eprintln!("the record does not read back");
        return ExitCode::FAILURE;
    }
    // Each canvas also costs its key and its line in the list of canvases.
    let overhead = "okr-canvas:canvas:c0000000000".len() + 80;
    println!("canvas of {objectives} objectives");
    println!(
        "  before: {} characters stored, {} fit in {capacity}",
        text.len(),
        capacity / (text.len() + overhead)
    );
    println!(
        "  now:    {} characters stored ({:.1} % of before), {} fit in {capacity}",
        stored.len(),
        100.0 * stored.len() as f64 / text.len() as f64,
        capacity / (stored.len() + overhead)
    );
    println!("  encode {encode_ms:.1} ms, decode {decode_ms:.1} ms (native, release)");
    ExitCode::SUCCESS
}
