//! The tests of `domain/import.rs`: beside the code, in a file of their own for length.

use super::*;
use crate::domain::graph::{LinkError, ObjectiveError, TeamError};
use serde_json::json;

/// A small valid canvas: a company, a department and a team, one objective each,
/// a hard chain team → department → company key result, and a soft link.
fn valid() -> Value {
    json!({
        "format": "okr-canvas",
        "version": 1,
        "title": "Acme — Q1 2027",
        "cycle": { "label": "Q1 2027", "start": "2027-01-01", "end": "2027-03-31" },
        "teams": [
            { "id": "acme", "name": "Acme", "level": "company" },
            { "id": "sales", "name": "Sales", "level": "department", "parent": "acme" },
            { "id": "nordic", "name": "Nordic AE", "level": "team", "parent": "sales", "color": "#2a9d8f" }
        ],
        "objectives": [
            {
                "id": "o-company", "team": "acme", "title": "Win the Nordic market",
                "kind": "committed", "rollup": "both",
                "keyResults": [
                    { "id": "kr-arr", "title": "Nordic ARR", "start": 0, "target": 2000000,
                      "current": 450000, "unit": "EUR", "weight": 2, "confidence": 0.6,
                      "checkIns": [
                          { "date": "2027-01-20", "value": 300000, "confidence": 0.5, "note": "Two pilots" },
                          { "date": "2027-02-20", "value": 450000 }
                      ] }
                ]
            },
            { "id": "o-sales", "team": "sales", "title": "Grow ARR", "rollup": "children" },
            { "id": "o-nordic", "team": "nordic", "title": "Sign ten customers",
              "keyResults": [ { "id": "kr-signed", "title": "Customers signed", "start": 0, "target": 10 } ] },
            { "id": "o-brand", "team": "nordic", "title": "Be known", "standalone": null }
        ],
        "links": [
            { "from": "o-nordic", "to": "o-sales", "kind": "hard" },
            { "from": "o-sales", "to": "kr-arr", "kind": "hard" },
            { "from": "o-brand", "to": "o-company", "kind": "soft", "note": "Brand lifts pipeline" }
        ],
        "layout": { "o-company": { "x": 0, "y": 0 }, "o-sales": { "x": -120.5, "y": 300 } }
    })
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

fn failure(bytes: &[u8]) -> ImportFailure {
    match import(bytes) {
        Ok(_) => panic!("the file should have been refused"),
        Err(failure) => failure,
    }
}

fn errors_of(value: &Value) -> Vec<(String, ImportErrorKind)> {
    failure(&bytes(value))
        .errors()
        .iter()
        .map(|e| (e.path.clone(), e.kind.clone()))
        .collect()
}

/// The single error of a refused file.
fn only_error(value: &Value) -> (String, ImportErrorKind) {
    let errors = errors_of(value);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.into_iter().next().unwrap()
}

fn with(change: impl FnOnce(&mut Value)) -> Value {
    let mut value = valid();
    change(&mut value);
    value
}

#[test]
fn a_valid_file_loads_with_defaults_applied() {
    let imported = import(&bytes(&valid())).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let doc = &imported.document;
    assert_eq!(doc.objectives.len(), 4);
    let nordic = &doc.objectives[2];
    assert_eq!(nordic.kind, ObjectiveKind::Aspirational);
    assert_eq!(nordic.rollup, Rollup::KeyResults);
    assert_eq!(nordic.key_results[0].weight, 1.0);
    assert_eq!(nordic.key_results[0].current, None);
    assert_eq!(nordic.key_results[0].current_value(), 0.0);
    assert_eq!(doc.objectives[3].standalone, None);
    assert_eq!(doc.layout.len(), 2);
    let graph = AlignmentGraph::from_document(doc).unwrap();
    assert_eq!(
        graph.hard_parent_of("o-sales").map(|l| l.to.as_str()),
        Some("kr-arr")
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut file = b"\xEF\xBB\xBF".to_vec();
    file.extend(bytes(&valid()));
    assert!(import(&file).is_ok());
}

#[test]
fn export_of_an_import_is_stable() {
    let first = import(&bytes(&valid())).unwrap().document;
    let text = crate::domain::export::export(&first);
    let second = import(text.as_bytes()).unwrap().document;
    assert_eq!(first, second);
    assert_eq!(crate::domain::export::export(&second), text);
}

// --- Stage 1: bytes and syntax ------------------------------------------------------

#[test]
fn truncated_text_is_reported_with_line_and_column() {
    let text = "{\n  \"format\": \"okr-canvas\",\n  \"version\": 1,\n  \"title\": \"Acme";
    let errors = failure(text.as_bytes());
    let [error] = errors.errors() else {
        panic!("{errors:?}")
    };
    assert_eq!(error.path, "$");
    assert!(
        matches!(error.kind, ImportErrorKind::Truncated { line: 4, .. }),
        "{:?}",
        error.kind
    );
    assert!(error.to_string().contains("cut off"));
}

#[test]
fn non_json_text_is_reported_with_line_and_column() {
    let errors = failure(b"{\n  \"format\": okr-canvas\n}");
    let [error] = errors.errors() else {
        panic!("{errors:?}")
    };
    match &error.kind {
        ImportErrorKind::NotJson {
            line,
            column,
            reason,
        } => {
            assert_eq!((*line, *column), (2, 13));
            assert!(reason.contains("double quotes"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("line 2, column 13"));
    let errors = failure(b"Subject: our OKRs\n\nHello");
    assert!(matches!(
        errors.errors()[0].kind,
        ImportErrorKind::NotJson {
            line: 1,
            column: 1,
            ..
        }
    ));
}

#[test]
fn trailing_commas_are_explained() {
    let errors = failure(b"{\"format\": \"okr-canvas\",}");
    match &errors.errors()[0].kind {
        ImportErrorKind::NotJson { reason, .. } => {
            assert!(reason.contains("comma"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(failure(b"").errors()[0].kind, ImportErrorKind::Empty);
    assert_eq!(failure(b"  \n").errors()[0].kind, ImportErrorKind::Empty);
}

#[test]
fn text_that_is_not_utf8_is_refused_with_its_place() {
    let errors = failure(b"{\n  \"title\": \"Caf\xE9\"\n}");
    assert_eq!(
        errors.errors()[0].kind,
        ImportErrorKind::NotUtf8 {
            line: 2,
            column: 16
        }
    );
}

#[test]
fn an_over_large_file_is_refused_before_reading_it() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    let errors = failure(&big);
    assert_eq!(
        errors.errors()[0].kind,
        ImportErrorKind::TooLarge {
            size: MAX_FILE_BYTES + 1,
            limit: MAX_FILE_BYTES
        }
    );
    assert!(errors.errors()[0].to_string().contains("10 MiB"));
}

#[test]
fn huge_numbers_are_refused_clearly() {
    let text = bytes(&valid());
    let text = String::from_utf8(text)
        .unwrap()
        .replace("\"target\":10,", "\"target\":1e400,");
    let errors = failure(text.as_bytes());
    let [error] = errors.errors() else {
        panic!("{errors:?}")
    };
    assert!(matches!(
        error.kind,
        ImportErrorKind::NumberOutOfRange { line: 1, .. }
    ));
    assert!(error.to_string().contains("too large"));
}

#[test]
fn nan_and_infinity_are_not_numbers() {
    for literal in ["NaN", "Infinity", "-Infinity"] {
        let text = String::from_utf8(bytes(&valid()))
            .unwrap()
            .replace("\"target\":10,", &format!("\"target\":{literal},"));
        let errors = failure(text.as_bytes());
        assert!(
            matches!(errors.errors()[0].kind, ImportErrorKind::NotJson { .. }),
            "{literal}: {errors:?}"
        );
    }
}

/// Regression: an object with a key twice passed the importer, which kept the last
/// value without a word.
#[test]
fn a_key_given_twice_is_refused_at_its_object() {
    let text = String::from_utf8(bytes(&valid()))
        .unwrap()
        .replacen(
            "\"title\":\"Acme — Q1 2027\"",
            "\"title\":\"Acme\",\"title\":\"Acme — Q1 2027\"",
            1,
        )
        .replace(
            "\"title\":\"Grow ARR\"",
            "\"title\":\"Grow ARR\",\"title\":\"Grow\",\"title\":\"ARR\"",
        )
        .replace(
            "\"o-sales\":{",
            "\"o-sales\":{\"x\":0,\"y\":0},\"o-sales\":{",
        )
        .replace("\"format\"", "\"extra\":{\"a\":1,\"a\":2},\"format\"");
    let lines: Vec<String> = failure(text.as_bytes())
        .errors()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
            lines,
            // In file order: the test's JSON writer sorts the keys of every object.
            vec![
                "$.extra: This object has the key \"a\" twice, so it is unclear which value is meant; delete one of the two.",
                "$.layout: This object has the key \"o-sales\" twice, so it is unclear which value is meant; delete one of the two.",
                "$.objectives[1]: This object has the key \"title\" twice, so it is unclear which value is meant; delete one of the two.",
                "$: This object has the key \"title\" twice, so it is unclear which value is meant; delete one of the two.",
            ]
        );
}

/// A file with nothing unknown is read on the fast path, where a card position
/// given twice must not slip through either.
#[test]
fn a_card_position_given_twice_is_refused_on_the_fast_path() {
    let text = String::from_utf8(bytes(&valid())).unwrap().replace(
        "\"o-sales\":{",
        "\"o-sales\":{\"x\":0,\"y\":0},\"o-sales\":{",
    );
    assert!(read_typed(&text).is_err());
    let failure = failure(text.as_bytes());
    let [error] = failure.errors() else {
        panic!("{failure:?}")
    };
    assert_eq!(error.path, "$.layout");
    assert_eq!(
        error.kind,
        ImportErrorKind::DuplicateKey {
            key: "o-sales".into()
        }
    );
    let position = text.replace("\"y\":300", "\"y\":300,\"x\":1");
    assert_eq!(
        failure_paths(&position),
        vec!["$.layout", "$.layout[\"o-sales\"]"]
    );
}

fn failure_paths(text: &str) -> Vec<String> {
    failure(text.as_bytes())
        .errors()
        .iter()
        .map(|e| e.path.clone())
        .collect()
}

fn broken_escape(text: &str) -> (usize, usize, String) {
    let failure = failure(text.as_bytes());
    match &failure.errors()[0].kind {
        ImportErrorKind::BrokenEscape {
            line,
            column,
            escape,
        } => (*line, *column, escape.clone()),
        other => panic!("{text}: {other:?}"),
    }
}

/// Regression: a lone surrogate escape was refused with the JSON reader's
/// "lone leading surrogate in hex escape".
#[test]
fn a_broken_character_escape_is_refused_in_words() {
    let (line, column, escape) = broken_escape("{\n  \"title\": \"Acme \\ud800\"\n}");
    assert_eq!((line, column, escape.as_str()), (2, 18, "\\ud800"));
    let message = failure("{\"title\": \"x\\ud800\"}".as_bytes()).errors()[0].to_string();
    assert_eq!(
            message,
            "$: The file contains a broken character escape (\\ud800) at line 1, column 13: it names half of a character, or no character at all. Write the character itself instead, or remove the escape."
        );
    for (text, shown) in [
        (r#"{"a": "x\ud800\u0041"}"#, r"\ud800\u0041"),
        (r#"{"a": "\ud800\ud800"}"#, r"\ud800\ud800"),
        (r#"{"a": "\udc00 alone"}"#, r"\udc00"),
        (r#"{"a": "\uDFFF"}"#, r"\uDFFF"),
        (r#"{"a": "\u12"}"#, r"\u12"),
        (r#"{"a": "\uZZZZ"}"#, r"\uZZZZ"),
        // Escapes before it that are fine are passed over.
        (r#"{"a": "\\u\"\u00e9\ud83d\ude00 é \ud834"}"#, r"\ud834"),
        (r#"{"é": "ü", "a": "\udbff"}"#, r"\udbff"),
        // Regression: the reader's column fell inside "é", and the escape was
        // quoted with half a character.
        (r#"{"a": "\uéaaé\uDa0a"}"#, r"\uéaaé"),
    ] {
        assert_eq!(broken_escape(text).2, shown, "{text}");
    }
    // Columns count characters, as editors do.
    assert_eq!(broken_escape(r#"{"é": "ü", "a": "\udbff"}"#).1, 18);
    // A key is text too.
    assert_eq!(broken_escape(r#"{"\ud800": 1}"#).2, r"\ud800");
    // Unknown escapes keep their own words.
    let unknown = failure(br#"{"a": "\w"}"#).errors()[0].to_string();
    assert!(unknown.contains("starts an unknown escape"), "{unknown}");
    // A pair that makes one character is fine.
    assert!(import(
        String::from_utf8(bytes(&valid()))
            .unwrap()
            .replace("Be known", "Be known \\ud83d\\ude00")
            .as_bytes()
    )
    .is_ok());
}

#[test]
fn deep_nesting_is_refused_without_crashing() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        failure(text.as_bytes()).errors()[0].kind,
        ImportErrorKind::TooDeep { .. }
    ));
    let text = format!(
        "{{\"format\":\"okr-canvas\",\"x\":{}",
        "{\"a\":".repeat(5000)
    );
    assert!(import(text.as_bytes()).is_err());
}

// --- Stage 2: format and version ----------------------------------------------------

#[test]
fn a_file_that_is_not_an_object_is_refused() {
    let errors = failure(b"[1, 2, 3]");
    assert_eq!(
        errors.errors()[0].kind,
        ImportErrorKind::WrongType {
            expected: "an object { … } holding the canvas",
            found: "a list [ … ]"
        }
    );
}

#[test]
fn a_wrong_format_gets_its_own_message() {
    let (path, kind) = only_error(&with(|v| v["format"] = json!("trello-board")));
    assert_eq!(path, "$.format");
    assert_eq!(
        kind,
        ImportErrorKind::WrongFormat {
            found: "\"trello-board\"".into()
        }
    );
    assert!(kind.to_string().contains("not an OKR Canvas file"));
    let (_, kind) = only_error(&with(|v| {
        v.as_object_mut().unwrap().remove("format");
    }));
    assert!(matches!(kind, ImportErrorKind::WrongFormat { .. }));
}

#[test]
fn a_newer_version_gets_its_own_message() {
    let (path, kind) = only_error(&with(|v| v["version"] = json!(2)));
    assert_eq!(path, "$.version");
    assert_eq!(
        kind,
        ImportErrorKind::NewerVersion {
            found: 2,
            supported: 1
        }
    );
    assert!(kind.to_string().contains("newer version"));
}

#[test]
fn versions_that_never_existed_are_refused() {
    for version in [json!(0), json!(-1), json!(1.5), json!("1"), json!(null)] {
        let (path, kind) = only_error(&with(|v| v["version"] = version.clone()));
        assert_eq!(path, "$.version");
        assert!(
            matches!(kind, ImportErrorKind::UnsupportedVersion { .. }),
            "{version}: {kind:?}"
        );
    }
    let (_, kind) = only_error(&with(|v| {
        v.as_object_mut().unwrap().remove("version");
    }));
    assert!(matches!(
        kind,
        ImportErrorKind::MissingField {
            field: "version",
            ..
        }
    ));
}

#[test]
fn migration_accepts_the_current_version_unchanged() {
    assert_eq!(migrate(valid(), 1), Ok(valid()));
    assert!(migrate(valid(), 0).is_err());
}

// --- Stage 3: limits ----------------------------------------------------------------

#[test]
fn too_many_objectives_are_refused_with_the_limit() {
    let (path, kind) = only_error(&with(|v| {
        v["objectives"] = Value::Array(vec![json!({}); MAX_OBJECTIVES + 1]);
    }));
    assert_eq!(path, "$.objectives");
    assert_eq!(
        kind,
        ImportErrorKind::TooMany {
            what: "objectives",
            limit: MAX_OBJECTIVES,
            found: MAX_OBJECTIVES + 1
        }
    );
}

#[test]
fn too_many_key_results_are_refused_with_the_limit() {
    let (_, kind) = only_error(&with(|v| {
        let krs = Value::Array(vec![json!(0); MAX_KEY_RESULTS / 2 + 1]);
        v["objectives"][0]["keyResults"] = krs.clone();
        v["objectives"][1]["keyResults"] = krs;
    }));
    assert!(
        matches!(
            kind,
            ImportErrorKind::TooMany {
                what: "key results",
                ..
            }
        ),
        "{kind:?}"
    );
}

// --- Stage 4: shapes and values -----------------------------------------------------

#[test]
fn wrong_types_are_reported_at_their_place() {
    let errors = errors_of(&with(|v| {
        v["title"] = json!(42);
        v["objectives"][0]["keyResults"][0]["target"] = json!("two million");
        v["objectives"][1]["keyResults"] = json!({});
        v["links"][0]["from"] = json!(null);
    }));
    let places: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        places,
        vec![
            "$.title",
            "$.objectives[0].keyResults[0].target",
            "$.objectives[1].keyResults",
            "$.links[0].from"
        ]
    );
    assert_eq!(
        errors[1].1,
        ImportErrorKind::WrongType {
            expected: "a number",
            found: "text"
        }
    );
}

#[test]
fn missing_required_fields_are_named() {
    let errors = errors_of(&with(|v| {
        v["objectives"][1].as_object_mut().unwrap().remove("title");
        v["objectives"][0]["keyResults"][0]
            .as_object_mut()
            .unwrap()
            .remove("target");
        v.as_object_mut().unwrap().remove("links");
    }));
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|(p, k)| match k {
            ImportErrorKind::MissingField { field, .. } => (p.as_str(), *field),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("$.objectives[0].keyResults[0]", "target"),
            ("$.objectives[1]", "title"),
            ("$", "links"),
        ]
    );
    assert!(errors[0].1.to_string().contains("\"target\" is missing"));
}

#[test]
fn unknown_choices_list_the_allowed_ones() {
    let (path, kind) = only_error(&with(|v| v["teams"][1]["level"] = json!("division")));
    assert_eq!(path, "$.teams[1].level");
    assert!(kind
        .to_string()
        .contains("company, department, team, individual"));
    let (path, _) = only_error(&with(|v| v["links"][0]["kind"] = json!("strong")));
    assert_eq!(path, "$.links[0].kind");
    let (path, _) = only_error(&with(|v| {
        v["objectives"][0]["rollup"] = json!("keyResults")
    }));
    assert_eq!(path, "$.objectives[0].rollup");
}

#[test]
fn unknown_fields_are_warnings_not_errors() {
    let imported = import(&bytes(&with(|v| {
        v["owner"] = json!("Ann");
        v["objectives"][0]["keyResults"][0]["colour"] = json!("red");
    })))
    .unwrap();
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
            warnings,
            vec![
                "$.objectives[0].keyResults[0].colour: The field \"colour\" is not part of the format and was ignored.",
                "$.owner: The field \"owner\" is not part of the format and was ignored.",
            ]
        );
    let text = crate::domain::export::export(&imported.document);
    assert!(!text.contains("colour") && !text.contains("owner"));
}

#[test]
fn unknown_fields_are_found_at_every_depth() {
    let imported = import(&bytes(&with(|v| {
        v["cycle"]["owner"] = json!("Ann");
        v["objectives"][0]["keyResults"][0]["checkIns"][0]["mood"] = json!({"a": [1]});
        v["layout"] = json!({ "o-company": { "x": 1, "y": 2, "z": 3 } });
    })))
    .unwrap();
    let places: Vec<&str> = imported.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        places,
        vec![
            "$.cycle.owner",
            "$.objectives[0].keyResults[0].checkIns[0].mood",
            "$.layout[\"o-company\"].z",
        ]
    );
}

#[test]
fn positions_of_unknown_cards_are_dropped_with_a_warning() {
    let imported = import(&bytes(&with(|v| {
        v["layout"]["o-gone"] = json!({"x": 1, "y": 2})
    })))
    .unwrap();
    assert!(!imported.document.layout.contains_key("o-gone"));
    assert_eq!(
        imported.warnings[0].kind,
        ImportWarningKind::PositionOfUnknownCard {
            id: "o-gone".into()
        }
    );
}

#[test]
fn over_long_strings_are_refused_with_the_limit() {
    let errors = errors_of(&with(|v| {
        v["title"] = json!("t".repeat(201));
        v["objectives"][0]["description"] = json!("d".repeat(10_001));
        v["objectives"][0]["keyResults"][0]["unit"] = json!("u".repeat(21));
        v["links"][2]["note"] = json!("é".repeat(2_001));
    }));
    let found: Vec<(&str, usize)> = errors
        .iter()
        .map(|(p, k)| match k {
            ImportErrorKind::Field(FieldError::TooLong { max, .. }) => (p.as_str(), *max),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("$.title", 200),
            ("$.objectives[0].description", 10_000),
            ("$.objectives[0].keyResults[0].unit", 20),
            ("$.links[2].note", 2_000),
        ]
    );
    // Characters are counted, not bytes: 500 two-byte characters are fine.
    assert!(import(&bytes(&with(
        |v| v["objectives"][0]["title"] = json!("é".repeat(500))
    )))
    .is_ok());
}

#[test]
fn empty_titles_are_refused() {
    let (path, kind) = only_error(&with(|v| v["objectives"][2]["title"] = json!("")));
    assert_eq!(path, "$.objectives[2].title");
    assert!(matches!(
        kind,
        ImportErrorKind::Field(FieldError::Empty { .. })
    ));
}

/// Regression: titles of spaces only passed the importer, though the inspector
/// refuses them as empty.
#[test]
fn titles_of_spaces_only_are_refused_like_empty_ones() {
    let errors = errors_of(&with(|v| {
        v["title"] = json!("   ");
        v["cycle"]["label"] = json!("\t");
        v["teams"][1]["name"] = json!("\u{a0}\u{a0}");
        v["objectives"][1]["title"] = json!(" \n ");
        v["objectives"][2]["keyResults"][0]["title"] = json!("  ");
    }));
    let found: Vec<(&str, &FieldError)> = errors
        .iter()
        .map(|(p, k)| match k {
            ImportErrorKind::Field(error) => (p.as_str(), error),
            other => panic!("{p}: {other:?}"),
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("$.title", &FieldError::Blank { field: "title" }),
            (
                "$.cycle.label",
                &FieldError::Blank {
                    field: "cycle label"
                }
            ),
            ("$.teams[1].name", &FieldError::Blank { field: "team name" }),
            (
                "$.objectives[1].title",
                &FieldError::Blank {
                    field: "objective title"
                }
            ),
            (
                "$.objectives[2].keyResults[0].title",
                &FieldError::Blank {
                    field: "key result title"
                }
            ),
        ]
    );
    // The fast path, which a file with nothing unknown takes, refuses it too.
    let text = String::from_utf8(bytes(&valid()))
        .unwrap()
        .replace("\"Grow ARR\"", "\"  \"");
    let failure = failure(text.as_bytes());
    assert_eq!(failure.errors().len(), 1);
    assert_eq!(failure.errors()[0].path, "$.objectives[1].title");
    // Spaces around a title are the person's business.
    assert!(import(&bytes(&with(|v| v["title"] = json!("  Acme  ")))).is_ok());
}

#[test]
fn bad_values_are_refused_each_at_its_place() {
    let errors = errors_of(&with(|v| {
        v["cycle"]["start"] = json!("2027-04-01");
        v["teams"][2]["color"] = json!("teal");
        v["objectives"][3]["id"] = json!("o brand");
        v["objectives"][0]["keyResults"][0]["weight"] = json!(0);
        v["objectives"][0]["keyResults"][0]["confidence"] = json!(60);
        v["objectives"][0]["keyResults"][0]["checkIns"][1]["date"] = json!("2027-01-10");
        v["objectives"][2]["keyResults"][0]["checkIns"] =
            json!([{ "date": "2027-02-30", "value": 1 }]);
    }));
    let kinds: Vec<(&str, &FieldError)> = errors
        .iter()
        .map(|(p, k)| match k {
            ImportErrorKind::Field(field) => (p.as_str(), field),
            other => panic!("{p}: {other:?}"),
        })
        .collect();
    assert!(matches!(
        kinds[0],
        ("$.cycle.end", FieldError::CycleEndsBeforeStart { .. })
    ));
    assert!(matches!(
        kinds[1],
        ("$.teams[2].color", FieldError::BadColor { .. })
    ));
    assert!(matches!(
        kinds[2],
        (
            "$.objectives[0].keyResults[0].weight",
            FieldError::WeightNotPositive { .. }
        )
    ));
    assert!(matches!(
        kinds[3],
        (
            "$.objectives[0].keyResults[0].confidence",
            FieldError::ConfidenceOutOfRange { .. }
        )
    ));
    assert!(matches!(
        kinds[4],
        (
            "$.objectives[0].keyResults[0].checkIns[1].date",
            FieldError::CheckInsOutOfOrder { .. }
        )
    ));
    assert!(matches!(
        kinds[5],
        (
            "$.objectives[2].keyResults[0].checkIns[0].date",
            FieldError::BadDate { .. }
        )
    ));
    assert!(matches!(
        kinds[6],
        ("$.objectives[3].id", FieldError::BadId { .. })
    ));
    assert_eq!(kinds.len(), 7);
}

/// Regression: a position of ±1.7e308 was accepted and the card vanished from the
/// map; a weight of 5e-324 was accepted and its objective's progress underflowed.
#[test]
fn far_positions_and_vanishing_weights_are_refused() {
    let errors = errors_of(&with(|v| {
        v["objectives"][0]["keyResults"][0]["weight"] = json!(5e-324);
        v["objectives"][2]["keyResults"][0]["weight"] = json!(2e6);
        v["layout"]["o-company"] = json!({ "x": 1.7e308, "y": -1.7e308 });
        v["layout"]["o-sales"] = json!({ "x": 1_000_000, "y": -1_000_000.5 });
    }));
    let found: Vec<(&str, String)> = errors
        .iter()
        .map(|(p, k)| (p.as_str(), k.to_string()))
        .collect();
    assert_eq!(
            found,
            vec![
                ("$.objectives[0].keyResults[0].weight", "The weight is 5e-324; a weight is a number from 0.001 to 1,000,000 (the usual value is 1).".to_owned()),
                ("$.objectives[2].keyResults[0].weight", "The weight is 2000000; a weight is a number from 0.001 to 1,000,000 (the usual value is 1).".to_owned()),
                ("$.layout[\"o-company\"].x", "The x position is 1.7e308; a card's position must stay between -1,000,000 and 1,000,000 canvas units.".to_owned()),
                ("$.layout[\"o-company\"].y", "The y position is -1.7e308; a card's position must stay between -1,000,000 and 1,000,000 canvas units.".to_owned()),
                ("$.layout[\"o-sales\"].y", "The y position is -1000000.5; a card's position must stay between -1,000,000 and 1,000,000 canvas units.".to_owned()),
            ]
        );
    // The same on the fast path, which a file with nothing unknown takes.
    let text = String::from_utf8(bytes(&valid()))
        .unwrap()
        .replace("\"x\":-120.5", "\"x\":-1e7");
    let failure = failure(text.as_bytes());
    assert_eq!(failure.errors().len(), 1);
    assert_eq!(failure.errors()[0].path, "$.layout[\"o-sales\"].x");
    // The edges themselves are fine.
    assert!(import(&bytes(&with(|v| {
        v["objectives"][0]["keyResults"][0]["weight"] = json!(0.001);
        v["objectives"][2]["keyResults"][0]["weight"] = json!(1_000_000);
        v["layout"]["o-company"] = json!({ "x": -1_000_000, "y": 1_000_000 });
    })))
    .is_ok());
}

#[test]
fn null_optional_fields_count_as_absent() {
    let imported = import(&bytes(&with(|v| {
        v["cycle"] = json!(null);
        v["objectives"][0]["description"] = json!(null);
        v["objectives"][0]["keyResults"][0]["current"] = json!(null);
    })))
    .unwrap();
    assert_eq!(imported.document.cycle, None);
    assert_eq!(imported.document.objectives[0].description, None);
    assert_eq!(imported.document.objectives[0].key_results[0].current, None);
    let (path, _) = only_error(&with(|v| v["objectives"][0]["description"] = json!(7)));
    assert_eq!(path, "$.objectives[0].description");
}

#[test]
fn errors_are_capped_and_counted() {
    let value = with(|v| {
        v["objectives"] = Value::Array(
            (0..150)
                .map(|i| json!({ "id": format!("o{i}"), "team": "acme", "title": 7 }))
                .collect(),
        );
    });
    let failure = failure(&bytes(&value));
    assert_eq!(failure.errors().len(), MAX_LISTED_ERRORS);
    assert_eq!(failure.unlisted(), 50);
    assert!(failure.summary().contains("150 problems"));
}

// --- Stage 5: references and alignment ----------------------------------------------

fn rule_error(value: &Value) -> (String, RuleError) {
    match only_error(value) {
        (path, ImportErrorKind::Rule(error)) => (path, error),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_team_of_an_objective_is_refused() {
    let (path, error) = rule_error(&with(|v| v["objectives"][1]["team"] = json!("marketing")));
    assert_eq!(path, "$.objectives[1].team");
    assert!(matches!(
        error,
        RuleError::Objective(ObjectiveError::UnknownTeam { .. })
    ));
}

#[test]
fn unknown_parent_team_is_refused() {
    let (path, error) = rule_error(&with(|v| v["teams"][1]["parent"] = json!("holding")));
    assert_eq!(path, "$.teams[1].parent");
    assert!(matches!(
        error,
        RuleError::Team(TeamError::UnknownParent { .. })
    ));
}

#[test]
fn unknown_link_ends_are_refused() {
    let errors = errors_of(&with(|v| {
        v["links"][0]["from"] = json!("o-ghost");
        v["links"][2]["to"] = json!("kr-ghost");
    }));
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].0, "$.links[0].from");
    assert!(matches!(
        errors[0].1,
        ImportErrorKind::Rule(RuleError::Link(LinkError::UnknownSource { .. }))
    ));
    assert_eq!(errors[1].0, "$.links[2].to");
    assert!(matches!(
        errors[1].1,
        ImportErrorKind::Rule(RuleError::Link(LinkError::UnknownTarget { .. }))
    ));
}

#[test]
fn a_link_from_a_key_result_is_refused() {
    let (path, error) = rule_error(&with(|v| v["links"][2]["from"] = json!("kr-signed")));
    assert_eq!(path, "$.links[2].from");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::SourceIsKeyResult { .. })
    ));
}

#[test]
fn duplicate_ids_are_refused_across_objectives_and_key_results() {
    let (path, error) = rule_error(&with(|v| {
        v["objectives"][2]["keyResults"][0]["id"] = json!("o-sales")
    }));
    assert_eq!(path, "$.objectives[2].keyResults[0].id");
    assert!(matches!(
        error,
        RuleError::Objective(ObjectiveError::DuplicateId { .. })
    ));
    let errors = errors_of(&with(|v| v["teams"][2]["id"] = json!("sales")));
    let (path, ImportErrorKind::Rule(error)) = &errors[0] else {
        panic!("{errors:?}")
    };
    assert_eq!(path, "$.teams[2].id");
    assert!(matches!(
        error,
        RuleError::Team(TeamError::DuplicateId { .. })
    ));
}

#[test]
fn a_team_parent_must_be_higher() {
    let (path, error) = rule_error(&with(|v| v["teams"][1]["level"] = json!("company")));
    assert_eq!(path, "$.teams[1].parent");
    assert!(matches!(
        error,
        RuleError::Team(TeamError::ParentNotHigher { .. })
    ));
}

#[test]
fn team_parents_must_not_loop() {
    let errors = errors_of(&with(|v| {
        v["teams"][0]["parent"] = json!("sales");
    }));
    assert!(
        matches!(
            errors[0].1,
            ImportErrorKind::Rule(RuleError::Team(TeamError::ParentCycle { .. }))
        ),
        "{errors:?}"
    );
}

#[test]
fn a_hard_link_to_a_lower_level_is_refused() {
    let (path, error) = rule_error(&with(|v| {
        v["links"][2] = json!({ "from": "o-company", "to": "o-brand", "kind": "hard" });
    }));
    assert_eq!(path, "$.links[2]");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::HardNotUpward { .. })
    ));
    assert!(
        error
            .to_string()
            .contains("Acme (company) → 'Win the Nordic market'"),
        "{error}"
    );
}

#[test]
fn a_hard_link_to_the_same_level_is_refused() {
    let (path, error) = rule_error(&with(|v| {
        v["links"][2] = json!({ "from": "o-brand", "to": "o-nordic", "kind": "hard" });
    }));
    assert_eq!(path, "$.links[2]");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::HardNotUpward { .. })
    ));
}

#[test]
fn a_hard_cycle_is_refused() {
    let (path, error) = rule_error(&with(|v| {
        v["links"][2] = json!({ "from": "o-company", "to": "o-nordic", "kind": "hard" });
    }));
    assert_eq!(path, "$.links[2]");
    assert!(
        matches!(error, RuleError::Link(LinkError::HardCycle { .. })),
        "{error:?}"
    );
}

#[test]
fn a_second_hard_parent_is_refused() {
    let (path, error) = rule_error(&with(|v| {
        v["links"][2] = json!({ "from": "o-nordic", "to": "kr-arr", "kind": "hard" });
    }));
    assert_eq!(path, "$.links[2]");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::SecondHardParent { .. })
    ));
    assert_eq!(
            error.to_string(),
            "Nordic AE → 'Sign ten customers' already has a hard parent, 'Grow ARR'; move the hard link instead?"
        );
}

#[test]
fn a_duplicate_link_is_refused() {
    let (path, error) = rule_error(&with(|v| {
        v["links"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "from": "o-brand", "to": "o-company", "kind": "hard" }));
    }));
    assert_eq!(path, "$.links[3]");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::Duplicate { .. })
    ));
}

#[test]
fn a_link_to_itself_or_its_own_key_result_is_refused() {
    let (_, error) = rule_error(&with(|v| v["links"][2]["to"] = json!("o-brand")));
    assert!(matches!(error, RuleError::Link(LinkError::ToItself { .. })));
    let (path, error) = rule_error(&with(|v| {
        v["links"][2] = json!({ "from": "o-nordic", "to": "kr-signed", "kind": "soft" });
    }));
    assert_eq!(path, "$.links[2]");
    assert!(matches!(
        error,
        RuleError::Link(LinkError::ToOwnKeyResult { .. })
    ));
}

#[test]
fn all_link_problems_are_listed_at_once() {
    let errors = errors_of(&with(|v| {
        let links = v["links"].as_array_mut().unwrap();
        links.push(json!({ "from": "o-brand", "to": "o-brand", "kind": "soft" }));
        links.push(json!({ "from": "o-nordic", "to": "o-company", "kind": "hard" }));
    }));
    let places: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(places, vec!["$.links[3]", "$.links[4]"]);
}

#[test]
fn owners_and_a_status_set_by_hand_load_and_export_again() {
    let value = with(|v| {
        v["objectives"][0]["owner"] = json!("Dana Kim");
        v["objectives"][0]["keyResults"][0]["owner"] = json!("Lee Park");
        v["objectives"][1]["status"] =
            json!({ "value": "at_risk", "note": "Vendor slipped", "date": "2027-02-01" });
    });
    let doc = import(&bytes(&value)).unwrap().document;
    assert_eq!(doc.objectives[0].owner.as_deref(), Some("Dana Kim"));
    assert_eq!(
        doc.objectives[0].key_results[0].owner.as_deref(),
        Some("Lee Park")
    );
    let status = doc.objectives[1].status.as_ref().unwrap();
    assert_eq!(status.value, Pace::AtRisk);
    assert_eq!(status.note.as_deref(), Some("Vendor slipped"));
    let text = crate::domain::export::export(&doc);
    assert!(text.contains("\"owner\": \"Dana Kim\""));
    assert!(text.contains("\"value\": \"at_risk\""));
    assert_eq!(import(text.as_bytes()).unwrap().document, doc);
    // Files without them read as before: no owner, the status computed.
    let plain = import(&bytes(&valid())).unwrap().document;
    assert!(plain
        .objectives
        .iter()
        .all(|o| o.owner.is_none() && o.status.is_none()));
}

#[test]
fn a_blank_owner_or_an_unknown_status_is_refused_at_its_place() {
    let (path, _) = only_error(&with(|v| v["objectives"][2]["owner"] = json!("  ")));
    assert_eq!(path, "$.objectives[2].owner");
    let (path, _) = only_error(&with(|v| {
        v["objectives"][0]["keyResults"][0]["owner"] = json!(7)
    }));
    assert_eq!(path, "$.objectives[0].keyResults[0].owner");
    let (path, _) = only_error(&with(|v| {
        v["objectives"][1]["status"] = json!({ "value": "fine" })
    }));
    assert_eq!(path, "$.objectives[1].status.value");
    let (path, _) = only_error(&with(|v| {
        v["objectives"][1]["status"] = json!({ "value": "on_track", "date": "soon" })
    }));
    assert_eq!(path, "$.objectives[1].status.date");
}

#[test]
fn a_files_identity_and_revision_load_and_export_again() {
    let value = with(|v| v["identity"] = json!({ "id": "c-acme", "revision": 3 }));
    let doc = import(&bytes(&value)).unwrap().document;
    let identity = doc.identity.as_ref().unwrap();
    assert_eq!((identity.id.as_str(), identity.revision), ("c-acme", 3));
    let text = crate::domain::export::export(&doc);
    assert!(text.contains("\"identity\""));
    assert_eq!(import(text.as_bytes()).unwrap().document, doc);
    // Older files have none.
    assert_eq!(import(&bytes(&valid())).unwrap().document.identity, None);
    let (path, _) = only_error(&with(|v| {
        v["identity"] = json!({ "id": "c acme!", "revision": 1 })
    }));
    assert_eq!(path, "$.identity.id");
    let (path, _) = only_error(&with(|v| {
        v["identity"] = json!({ "id": "c-acme", "revision": 1.5 })
    }));
    assert_eq!(path, "$.identity.revision");
}

#[test]
fn a_flag_to_re_align_loads_and_exports_again() {
    let value = with(|v| v["objectives"][1]["realign"] = json!(true));
    let doc = import(&bytes(&value)).unwrap().document;
    assert!(doc.objectives[1].realign && !doc.objectives[0].realign);
    let text = crate::domain::export::export(&doc);
    assert_eq!(text.matches("\"realign\"").count(), 1);
    assert_eq!(import(text.as_bytes()).unwrap().document, doc);
    let (path, _) = only_error(&with(|v| v["objectives"][1]["realign"] = json!("yes")));
    assert_eq!(path, "$.objectives[1].realign");
}
