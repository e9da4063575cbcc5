//! Writing a canvas as a file (format version 1).
//!
//! Files are kept in git and mailed around, so the output is meant to diff cleanly:
//! pretty-printed with two spaces, fields in the order of the format description (the
//! order of the struct fields in `model`), the layout sorted by id (a `BTreeMap`), whole
//! numbers without a fraction, absent optional fields left out, and a final newline.
//! Importing what this writes gives back the same document, and exporting that again
//! gives the same bytes.

use super::model::Document;

/// The canvas as the text of a `.okr.json` file.
pub fn export(doc: &Document) -> String {
    // Serialising these types into memory has no failure path: every map key is a
    // string and nothing does I/O, so the error arm is unreachable in practice.
    match serde_json::to_string_pretty(doc) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(error) => unreachable!("a document always serialises: {error}"),
    }
}

/// The same document as [`export`], in the same field order, without indentation or
/// a final newline: the form for places where every byte counts (share links) rather
/// than for people reading a diff.
pub fn export_compact(doc: &Document) -> String {
    match serde_json::to_string(doc) {
        Ok(text) => text,
        Err(error) => unreachable!("a document always serialises: {error}"),
    }
}

/// How [`export_within`] wrote a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileForm {
    /// Pretty-printed, as [`export`].
    Pretty,
    /// Without indentation, because the pretty form is over the limit.
    Compact,
    /// Without indentation, and still over the limit: the importer will refuse it.
    OverLimit,
}

/// The canvas as file text the importer accepts again: pretty when that fits in
/// `limit` bytes, else without indentation (a very large canvas is mostly
/// indentation when pretty-printed), and says which.
pub fn export_within(doc: &Document, limit: usize) -> (String, FileForm) {
    let pretty = export(doc);
    if pretty.len() <= limit {
        return (pretty, FileForm::Pretty);
    }
    let mut compact = export_compact(doc);
    compact.push('\n');
    let form = if compact.len() <= limit {
        FileForm::Compact
    } else {
        FileForm::OverLimit
    };
    (compact, form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    #[test]
    fn a_file_over_the_limit_is_written_compact_and_still_imports() {
        let doc = crate::domain::generate::generate(200, 3);
        let pretty = export(&doc);
        let (compact, form) = export_within(&doc, pretty.len() - 1);
        assert_eq!(form, FileForm::Compact);
        assert!(compact.len() < pretty.len());
        let back = crate::domain::import::import(compact.as_bytes()).expect("imports");
        assert_eq!(export(&back.document), pretty);
        assert_eq!(export_within(&doc, pretty.len()).1, FileForm::Pretty);
        assert_eq!(export_within(&doc, 10).1, FileForm::OverLimit);
    }

    fn small_document() -> Document {
        let mut doc = Document::new("Acme — Q1 2027");
        doc.teams
            .push(Team::new("acme", "Acme", Level::Company, None));
        let mut kr = KeyResult::new("kr-arr", "Nordic ARR", 0.0, 2_000_000.0);
        kr.current = Some(450_000.0);
        kr.unit = Some("EUR".into());
        doc.objectives.push(Objective {
            key_results: vec![kr],
            ..Objective::new("o-nordic", "acme", "Win the Nordic market")
        });
        doc.objectives.push(Objective {
            id: "z-last".into(),
            title: "Keep customers happy".into(),
            kind: ObjectiveKind::Committed,
            rollup: Rollup::Both,
            standalone: Some("Our mission".into()),
            key_results: Vec::new(),
            ..doc.objectives[0].clone()
        });
        doc.links.push(Link {
            from: "z-last".into(),
            to: "kr-arr".into(),
            kind: LinkKind::Soft,
            note: Some("Happy customers buy more".into()),
        });
        doc.layout
            .insert("z-last".into(), Position { x: 1.0, y: 2.5 });
        doc.layout
            .insert("o-nordic".into(), Position { x: 0.0, y: 0.0 });
        doc
    }

    #[test]
    fn export_is_pretty_ordered_and_ends_with_a_newline() {
        let text = export(&small_document());
        assert!(text.ends_with("}\n"));
        assert!(
            text.starts_with("{\n  \"format\": \"okr-canvas\",\n  \"version\": 1,\n  \"title\"")
        );
        let teams = text.find("\"teams\"").unwrap();
        let objectives = text.find("\"objectives\"").unwrap();
        let links = text.find("\"links\"").unwrap();
        let layout = text.find("\"layout\"").unwrap();
        assert!(teams < objectives && objectives < links && links < layout);
        assert!(text.find("\"o-nordic\": {").unwrap() < text.find("\"z-last\": {").unwrap());
        assert!(text.contains("\"target\": 2000000,"));
        assert!(!text.contains("\"cycle\""), "absent cycle stays absent");
        assert!(
            !text.contains("\"checkIns\""),
            "no empty history is written"
        );
    }

    #[test]
    fn export_import_export_gives_the_same_bytes() {
        let first = export(&small_document());
        let imported = crate::domain::import::import(first.as_bytes()).unwrap();
        assert_eq!(imported.document, small_document());
        assert_eq!(export(&imported.document), first);
    }
}
