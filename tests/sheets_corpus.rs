//! The corpus of bad spreadsheets and exports in `tests/e2e/bad-input-sheets/`:
//! each file is either refused in words (`"refused"`) or opens with the bad
//! row left out and named (`"skipped"`), with the words its `manifest.json`
//! entry gives. The browser spec `tests/e2e/sheets.spec.js` drives the same
//! files through the page.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use okr_canvas::sheets::table::read_zip;
use okr_canvas::sheets::{is_sheet, read, Choices, Outcome};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/bad-input-sheets")
}

fn manifest() -> serde_json::Map<String, Value> {
    let text = fs::read_to_string(corpus_dir().join("manifest.json")).expect("manifest.json");
    match serde_json::from_str(&text).expect("manifest.json is JSON") {
        Value::Object(entries) => entries,
        other => panic!("manifest.json must be an object, found {other}"),
    }
}

#[test]
fn the_manifest_lists_exactly_the_files_of_the_corpus() {
    let mut listed: Vec<String> = manifest().keys().cloned().collect();
    let mut files: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "manifest.json")
        .collect();
    listed.sort();
    files.sort();
    assert_eq!(listed, files);
    assert!(files.len() >= 9, "only {} cases", files.len());
}

#[test]
fn every_bad_sheet_is_refused_or_its_bad_row_named_in_the_words_listed() {
    for (name, expected) in manifest() {
        let bytes = fs::read(corpus_dir().join(&name)).unwrap();
        assert!(is_sheet(&name, &bytes), "{name} is read as a sheet");
        let outcome = read(&name, &bytes, &Choices::default(), Some(read_zip));
        match (&outcome, expected.get("refused"), expected.get("skipped")) {
            (Outcome::Refused(problems), Some(Value::String(words)), None) => assert!(
                problems.iter().any(|p| p.contains(words.as_str())),
                "{name}: {problems:?} should say {words:?}"
            ),
            (Outcome::Preview(preview), None, Some(Value::String(words))) => {
                assert!(
                    preview
                        .skipped
                        .iter()
                        .any(|s| s.reason.contains(words.as_str())),
                    "{name}: {:?} should name a row with {words:?}",
                    preview.skipped
                );
                assert!(preview.skipped.iter().all(|s| s.row >= 2), "{name}");
            }
            _ => panic!("{name}: {outcome:?} is not what {expected} says"),
        }
    }
}
