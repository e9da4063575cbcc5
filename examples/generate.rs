//! Writes a generated canvas of any size to standard output, so the browser
//! benchmark and manual load tests can open a realistic big map:
//!
//! ```text
//! cargo run --example generate -- 2000 > big.okr.json
//! cargo run --example generate -- 2000 7 > other.okr.json   # another seed
//! ```

use std::io::Write;
use std::process::ExitCode;

use okr_canvas::domain::export::export;
use okr_canvas::domain::generate::generate;

const USAGE: &str = "usage: generate <objectives> [seed]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
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
    let text = export(&generate(objectives, seed));
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("could not write the canvas: {error}");
            ExitCode::FAILURE
        }
    }
}
