//! The corpus of bad input in `tests/e2e/bad-input/`: every file there is refused by the
//! importer for the one reason its `manifest.json` entry gives, with the words the
//! person will read; the one file marked `"opens": true` (script payloads in every text
//! field) is valid and loads. The browser spec `tests/e2e/bad-input.spec.js` drives the
//! same files through the page.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use okr_canvas::domain::import::{
    import, ImportFailure, MAX_FILE_BYTES, MAX_KEY_RESULTS, MAX_OBJECTIVES,
};
use serde_json::{json, Value};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/bad-input")
}

fn manifest() -> serde_json::Map<String, Value> {
    let text = fs::read_to_string(corpus_dir().join("manifest.json")).expect("manifest.json");
    match serde_json::from_str(&text).expect("manifest.json is JSON") {
        Value::Object(entries) => entries,
        other => panic!("manifest.json must be an object, found {other}"),
    }
}

fn corpus_files() -> BTreeSet<String> {
    fs::read_dir(corpus_dir())
        .expect("tests/e2e/bad-input exists")
        .map(|entry| entry.expect("readable entry").file_name())
        .map(|name| name.into_string().expect("file names are UTF-8"))
        .filter(|name| name != "manifest.json")
        .collect()
}

/// What the page lists for a refused file: one line per error, "path: message".
fn lines(failure: &ImportFailure) -> Vec<String> {
    failure.errors().iter().map(|e| e.to_string()).collect()
}

#[test]
fn the_manifest_lists_exactly_the_files_of_the_corpus() {
    let listed: BTreeSet<String> = manifest().keys().cloned().collect();
    let files = corpus_files();
    assert_eq!(
        listed.difference(&files).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "listed in manifest.json but missing"
    );
    assert_eq!(
        files.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "in the folder but not in manifest.json"
    );
    assert!(files.len() >= 32, "only {} cases", files.len());
    for name in &files {
        assert!(name.ends_with(".okr.json"), "{name}");
        let size = fs::metadata(corpus_dir().join(name)).unwrap().len();
        assert!(
            size < 64 * 1024,
            "{name} is {size} bytes; keep corpus files small"
        );
    }
}

#[test]
fn every_bad_file_is_refused_for_its_one_reason() {
    let mut problems = Vec::new();
    for (name, entry) in manifest() {
        if entry.get("opens") == Some(&Value::Bool(true)) {
            continue;
        }
        let expect = entry["expect"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: \"expect\" must be text"));
        let errors = entry.get("errors").and_then(Value::as_u64).unwrap_or(1) as usize;
        let bytes = fs::read(corpus_dir().join(&name)).unwrap();
        match import(&bytes) {
            Ok(_) => problems.push(format!("{name}: was accepted")),
            Err(failure) => {
                let lines = lines(&failure);
                if lines.is_empty() {
                    problems.push(format!("{name}: refused without any error"));
                } else if lines.len() != errors || failure.unlisted() != 0 {
                    problems.push(format!(
                        "{name}: expected {errors} error(s), got {} (+{} unlisted): {lines:#?}",
                        lines.len(),
                        failure.unlisted()
                    ));
                } else if !lines.iter().all(|line| line.contains(expect)) {
                    problems.push(format!("{name}: no error says {expect:?}: {lines:#?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_payload_file_is_valid_and_keeps_its_payloads_verbatim() {
    let opening: Vec<String> = manifest()
        .into_iter()
        .filter(|(_, entry)| entry.get("opens") == Some(&Value::Bool(true)))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(opening, vec!["payloads-valid.okr.json".to_owned()]);
    let bytes = fs::read(corpus_dir().join(&opening[0])).unwrap();
    let raw: Value = serde_json::from_slice(&bytes).unwrap();
    let imported = match import(&bytes) {
        Ok(imported) => imported,
        Err(failure) => panic!("the payload file was refused: {failure}"),
    };
    let doc = &imported.document;
    assert_eq!(doc.title, raw["title"].as_str().unwrap());
    assert!(doc.title.contains("onerror"));
    assert_eq!(
        doc.cycle.as_ref().map(|c| c.label.as_str()),
        raw["cycle"]["label"].as_str()
    );
    for (team, raw_team) in doc.teams.iter().zip(raw["teams"].as_array().unwrap()) {
        assert_eq!(team.name, raw_team["name"].as_str().unwrap());
    }
    for (objective, raw_objective) in doc
        .objectives
        .iter()
        .zip(raw["objectives"].as_array().unwrap())
    {
        assert_eq!(objective.title, raw_objective["title"].as_str().unwrap());
        assert_eq!(
            objective.description.as_deref(),
            raw_objective["description"].as_str()
        );
        assert_eq!(
            objective.standalone.as_deref(),
            raw_objective["standalone"].as_str()
        );
        let raw_krs = raw_objective["keyResults"].as_array();
        for (i, kr) in objective.key_results.iter().enumerate() {
            let raw_kr = &raw_krs.unwrap()[i];
            assert_eq!(kr.title, raw_kr["title"].as_str().unwrap());
            assert_eq!(kr.unit.as_deref(), raw_kr["unit"].as_str());
            for (j, check_in) in kr.check_ins.iter().enumerate() {
                assert_eq!(
                    check_in.note.as_deref(),
                    raw_kr["checkIns"][j]["note"].as_str()
                );
            }
        }
    }
    for (link, raw_link) in doc.links.iter().zip(raw["links"].as_array().unwrap()) {
        assert_eq!(link.note.as_deref(), raw_link["note"].as_str());
    }
    // The unknown field named with a payload, and the position of a card named with one.
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("<img src=x onerror")));
    assert!(warnings.iter().any(|w| w.contains("<svg onload")));
}

/// The cases the spec generates at test time instead of keeping them as files.
fn canvas_with_description(description_chars: usize) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": "okr-canvas",
        "version": 1,
        "title": "Far too big",
        "teams": [{ "id": "co", "name": "Co", "level": "company" }],
        "objectives": [{
            "id": "o-big", "team": "co", "title": "Big",
            "description": "d".repeat(description_chars)
        }],
        "links": []
    }))
    .unwrap()
}

#[test]
fn over_large_files_are_refused_with_the_size_limit() {
    for size in [MAX_FILE_BYTES + 1, 20 * 1024 * 1024] {
        let mut bytes = canvas_with_description(size);
        bytes.truncate(size);
        assert_eq!(bytes.len(), size);
        let failure = import(&bytes).expect_err("an over-large file must be refused");
        let lines = lines(&failure);
        assert_eq!(lines.len(), 1, "{lines:#?}");
        // The page refuses these before reading them, with its own sentence; both say this.
        assert!(
            lines[0].contains("a canvas file may be at most"),
            "{}",
            lines[0]
        );
    }
}

#[test]
fn too_many_objectives_and_key_results_are_refused_with_the_limit() {
    let objectives = format!(
        "{{\"format\":\"okr-canvas\",\"version\":1,\"title\":\"Too many\",\"teams\":[],\"objectives\":[{}],\"links\":[]}}",
        vec!["{}"; MAX_OBJECTIVES + 1].join(",")
    );
    let failure = import(objectives.as_bytes()).expect_err("too many objectives");
    assert_eq!(
        lines(&failure),
        vec![format!(
            "$.objectives: The file has {} objectives; at most {MAX_OBJECTIVES} are allowed. Split the canvas into smaller files.",
            MAX_OBJECTIVES + 1
        )]
    );

    let key_results = format!(
        "{{\"format\":\"okr-canvas\",\"version\":1,\"title\":\"Too many\",\"teams\":[],\"objectives\":[{{\"keyResults\":[{}]}}],\"links\":[]}}",
        vec!["0"; MAX_KEY_RESULTS + 1].join(",")
    );
    let failure = import(key_results.as_bytes()).expect_err("too many key results");
    assert_eq!(
        lines(&failure),
        vec![format!(
            "$.objectives: The file has {} key results; at most {MAX_KEY_RESULTS} are allowed. Split the canvas into smaller files.",
            MAX_KEY_RESULTS + 1
        )]
    );
}
