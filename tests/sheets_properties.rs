//! Properties of reading spreadsheets and exports: no input panics the
//! readers, whatever bytes or cells arrive; every export they accept opens
//! as a canvas the format's importer takes; every row is either on the
//! canvas or named as left out.
// Property tests run on the host only; the browser build has no proptest.
#![cfg(not(target_arch = "wasm32"))]

use okr_canvas::domain::import::import;
use okr_canvas::sheets::generate::{explorer_export, HEADER};
use okr_canvas::sheets::table::read_zip;
use okr_canvas::sheets::{read, viva_org, Choices, Outcome, Preview};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A preview opens as a canvas the importer takes; a refusal says why.
fn opens_or_says_why(outcome: Result<Preview, Vec<String>>) -> Result<(), TestCaseError> {
    match outcome {
        Ok(preview) => {
            let opened = import(preview.document.as_bytes());
            prop_assert!(
                opened.is_ok(),
                "{:?}",
                opened.err().map(|f| f.errors().to_vec())
            );
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| !p.trim().is_empty()));
        }
    }
    Ok(())
}

/// A header a spreadsheet might have.
fn header_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Title".to_string()),
        Just("Type".to_string()),
        Just("Id".to_string()),
        Just("Parent".to_string()),
        Just("Team".to_string()),
        Just("Team level".to_string()),
        Just("Target".to_string()),
        Just("Current".to_string()),
        Just("Start date".to_string()),
        "[ -~]{0,8}",
    ]
}

/// A record of an organisation export's objectives file.
fn org_record() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(json!(1)), Just(json!("2")), Just(json!(3)), Just(Value::Null), (0u32..6).prop_map(|n| json!(n))],
        prop_oneof![Just("Big rock"), Just("Kpi"), Just("Project"), Just("Objective"), Just("x")],
        "[ -~]{0,8}",
        prop_oneof![Just(json!("Q2 2026")), Just(json!({"Name": "FY 2026"})), Just(Value::Null)],
        prop::collection::vec((0u32..6, prop_oneof![Just(json!("0.0%")), Just(json!(50)), Just(json!("x"))]), 0..3),
        prop_oneof![Just(Value::Null), Just(json!({"Start": 1, "Target": 10})), Just(json!({"Outcome Type": "Percentage"})), Just(json!({"Target": "lots"}))],
        prop_oneof![Just(json!([{"Name": "Acme"}])), Just(json!("Sales")), Just(json!([])), Just(json!(7))],
    )
        .prop_map(|(id, kind, title, period, alignment, outcome, teams)| {
            json!({
                "ID": id, "Type": kind, "Title": title, "Time Period": period,
                "Start Date": "2026-04-01", "End Date": "2026-06-30",
                "Alignment": alignment.into_iter().map(|(id, w)| json!({"ID": id, "Weight": w})).collect::<Vec<_>>(),
                "Outcome": outcome, "Teams": teams, "Owner": [{"Name": "Ann"}, 3],
            })
        })
}

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
        let _ = read("any.xlsx", &workbook, &Choices::default(), Some(read_zip));
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
        match read("export.csv", text.as_bytes(), &Choices { period, ..Choices::default() }, None) {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_spreadsheet_with_any_columns_chosen_opens_or_is_refused_in_words(
        header in prop::collection::vec(header_word(), 1..7),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..16),
        columns in prop::option::of(prop::collection::vec(prop::option::of(0usize..9), 11)),
    ) {
        let mut text = header.iter().map(|h| quoted(h)).collect::<Vec<_>>().join(",");
        text.push('\n');
        for row in &rows {
            text.push_str(&row.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        let choices = Choices { columns, ..Choices::default() };
        match read("sheet.csv", text.as_bytes(), &choices, None) {
            Outcome::Preview(preview) => opens_or_says_why(Ok(*preview))?,
            Outcome::Refused(problems) => opens_or_says_why(Err(problems))?,
        }
    }

    #[test]
    fn any_organisation_export_opens_or_is_refused_in_words(
        records in prop::collection::vec(org_record(), 0..12),
        check_ins in prop::collection::vec((0u32..6, prop_oneof![Just(json!(5)), Just(json!("80%")), Just(json!("n/a"))]), 0..6),
    ) {
        let check_ins: Vec<Value> = check_ins
            .into_iter()
            .map(|(okr, value)| json!({"OKR ID": okr, "CheckIn Date": "2026-05-01 00:00:00", "Current Value": value}))
            .collect();
        let files = vec![
            ("objectives_export_file_1.json".to_string(), serde_json::to_vec(&records).unwrap()),
            ("checkins_export_file_1.json".to_string(), serde_json::to_vec(&check_ins).unwrap()),
        ];
        opens_or_says_why(viva_org::preview("org.zip", &files, &Choices::default()))?;
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
