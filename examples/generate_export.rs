//! Prints a synthetic Viva Goals Explorer export of N rows (default 1,000), for
//! measuring how long opening one takes: `cargo run --release --example
//! generate_export -- 1000 > export.csv`.

fn main() {
    let rows = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    print!("{}", okr_canvas::sheets::generate::explorer_export(rows));
}
