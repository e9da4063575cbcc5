//! Properties of reading spreadsheets and exports: no input panics the
//! readers, whatever bytes or cells arrive; every export they accept opens
//! as a canvas the format's importer takes; every row is either on the
//! canvas or named as left out.
// Property tests run on the host only; the browser build has no proptest.
#![cfg(not(target_arch = "wasm32"))]

use okr_canvas::domain::import::import;
use okr_canvas::sheets::generate::{explorer_export, HEADER};
use okr_canvas::sheets::table::read_workbook;
use okr_canvas::sheets::{read, Choices, Outcome};
use proptest::prelude::*;

/// A cell of an export, from the kinds of text real ones hold.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Objective".to_string()),
        Just("Key result".to_string()),
        Just("Deliverable".to_string()),
        Just("Q2 2026".to_string()),
        Just("2026-04-01".to_string()),
        Just("2026-06-30".to_string()),
        "[0-9]{1,4}",
        "[0-9]{1,3}%",
        "x(weight: [0-9]{1,3}%, Id: [0-9]{1,4})",
        "Checkin Date: 2026-0[1-9]-1[0-9]; Note: [a-z;\"\n ]{0,12}; Current Value: [0-9]{1,3}%?;",
        "[ -~\n\"é]{0,12}",
    ]
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read("any.csv", &bytes, &Choices::default(), None);
        let mut workbook = b"PK\x03\x04".to_vec();
        workbook.extend(&bytes);
        let _ = read("any.xlsx", &workbook, &Choices::default(), Some(read_workbook));
    }

    #[test]
    fn any_export_opens_as_a_canvas_or_is_refused_in_words(
        rows in prop::collection::vec(prop::collection::vec(cell(), 24..27), 0..24),
        period in prop_oneof![Just(None), Just(Some("Q2 2026".to_string())), Just(Some("Nope".to_string()))],
    ) {
        let mut text = format!("{HEADER}\n");
        for row in &rows {
            text.push_str(&row.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        match read("export.csv", text.as_bytes(), &Choices { period }, None) {
            Outcome::Preview(preview) => {
                prop_assert!(!preview.document.is_empty());
                let opened = import(preview.document.as_bytes());
                prop_assert!(opened.is_ok(), "{:?}", opened.err().map(|f| f.errors().to_vec()));
            }
            Outcome::Refused(problems) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(problems.iter().all(|p| !p.trim().is_empty()));
            }
        }
    }
}

#[test]
fn every_row_of_a_big_export_is_on_the_canvas_or_named() {
    let text = explorer_export(1_000);
    let Outcome::Preview(preview) = read("big.csv", text.as_bytes(), &Choices::default(), None)
    else {
        panic!("refused")
    };
    assert_eq!(
        preview.objectives + preview.key_results + preview.skipped.len(),
        1_000
    );
    assert!(import(preview.document.as_bytes()).is_ok());
}
