//! Writes a generated canvas of any size to standard output, so the browser
//! benchmark and manual load tests can open a realistic big map:
//!
//! ```text
//! cargo run --example generate -- 2000 > big.okr.json
//! cargo run --example generate -- 2000 7 > other.okr.json   # another seed
//! cargo run --example generate -- 20000 1 --link > big.link    # as a share link's fragment
//! ```

use std::io::Write;
use std::process::ExitCode;

use okr_canvas::domain::export::export;
use okr_canvas::domain::generate::generate;
use okr_canvas::domain::share::encode_share_fragment;

const USAGE: &str = "usage: generate <objectives> [seed] [--link]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let link = args.iter().any(|a| a == "--link");
    args.retain(|a| a != "--link");
    let mut args = args.into_iter();
    let Some(objectives) = args.next().and_then(|a| a.parse::<usize>().ok()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let seed = match args.next().map(|a| a.parse::<u64>()) {
        None => 1,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let document = generate(objectives, seed);
    let text = if link {
        encode_share_fragment(&document)
    } else {
        export(&document)
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("could not write the canvas: {error}");
            ExitCode::FAILURE
        }
    }
}
