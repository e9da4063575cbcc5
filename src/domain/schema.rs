//! The JSON Schema of the file format, generated from the document types.
//!
//! The published schema (`public/schema/okr-canvas.v1.schema.json`) lets other tools
//! check or produce canvas files without reading this code. Generating it from the
//! types, and failing a test when the checked-in copy is stale, keeps the schema and the
//! code from drifting apart. Regenerate it with `UPDATE_SCHEMA=1 cargo test schema`.
//!
//! The schema describes shapes and single-value rules (types, required fields, lengths,
//! id and date patterns, ranges). Rules that relate several values (unknown or duplicate
//! ids, levels, cycles, a date that is not in the calendar) cannot be said in JSON
//! Schema; the importer checks those. Host-only: the browser build never needs it.

use super::model::Document;

/// Where the published schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "public/schema/okr-canvas.v1.schema.json";
/// The schema's `$id`: its file name, so that it resolves next to the page.
pub const SCHEMA_ID: &str = "okr-canvas.v1.schema.json";

/// The schema as a JSON value.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Document).to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".to_owned(), SCHEMA_ID.into());
        object.insert(
            "description".to_owned(),
            "An OKR Canvas file, format version 1: the organisation, its objectives and key results, how they align, and where the cards sit.".into(),
        );
    }
    schema
}

/// The schema as the text of the published file: pretty, with a final newline.
pub fn schema_text() -> String {
    match serde_json::to_string_pretty(&schema()) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(error) => unreachable!("a JSON value always serialises: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::export;
    use crate::domain::generate::generate;
    use std::path::{Path, PathBuf};

    fn repository_file(relative: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
    }

    fn validator() -> jsonschema::Validator {
        jsonschema::validator_for(&schema()).expect("the generated schema is a valid schema")
    }

    fn schema_errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
        let instance: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {}", e.instance_path, e))
            .collect()
    }

    #[test]
    fn schema_file_is_up_to_date() {
        let path = repository_file(SCHEMA_PATH);
        let fresh = schema_text();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &fresh).expect("write the schema file");
            return;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == fresh,
            "{} is stale; regenerate it with `UPDATE_SCHEMA=1 cargo test schema`",
            path.display()
        );
    }

    #[test]
    fn schema_carries_the_single_value_rules() {
        let text = schema_text();
        for needle in [
            r#""pattern": "^[A-Za-z0-9_.-]{1,64}$""#,
            r#""maxLength": 500"#,
            r#""minimum": 0.001"#,
            r#""maximum": 1000000.0"#,
            r#""minimum": -1000000.0"#,
            r#""enum": ["#,
            r#""keyResults""#,
            r#""checkIns""#,
        ] {
            assert!(text.contains(needle), "the schema lacks {needle}");
        }
        let schema = schema();
        assert_eq!(
            schema["$defs"]["FormatName"]["enum"],
            serde_json::json!(["okr-canvas"])
        );
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }

    #[test]
    fn example_files_validate_against_the_schema_and_import() {
        let validator = validator();
        let directory = repository_file("public/examples");
        let mut checked = 0;
        for entry in std::fs::read_dir(&directory).expect("public/examples exists") {
            let path = entry.expect("readable directory").path();
            if !path.to_string_lossy().ends_with(".okr.json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable example");
            let errors = schema_errors(&validator, &text);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            let imported = crate::domain::import::import(text.as_bytes());
            assert!(imported.is_ok(), "{}: {:?}", path.display(), imported.err());
            checked += 1;
        }
        assert!(checked > 0, "no example files in {}", directory.display());
    }

    #[test]
    fn exports_of_generated_documents_validate_against_the_schema() {
        let validator = validator();
        for (size, seed) in [(1, 1), (25, 2), (300, 3)] {
            let text = export(&generate(size, seed));
            let errors = schema_errors(&validator, &text);
            assert!(errors.is_empty(), "{size} objectives: {errors:#?}");
        }
    }

    #[test]
    fn the_schema_refuses_what_the_importer_refuses_on_shape() {
        let validator = validator();
        let text = export(&generate(10, 4));
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        value["objectives"][0]["keyResults"][0]["weight"] = 0.into();
        value["objectives"][1]["id"] = "has space".into();
        value["version"] = 2.into();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors.len(), 3, "{errors:#?}");

        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        value["objectives"][0]["keyResults"][0]["weight"] = 5e-324.into();
        value["layout"] = serde_json::json!({ "o1": { "x": 1.7e308, "y": 0 } });
        assert_eq!(validator.iter_errors(&value).count(), 2);
    }
}
