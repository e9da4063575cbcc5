//! The OKRs people keep elsewhere — an OKR suite's export, a spreadsheet, the
//! Markdown outline this app exports — read into a document of the file format, with a preview of what comes in
//! and of everything that does not, named. Pure: no browser, no UI (checked
//! by `tests/architecture.rs`).
//!
//! It runs in the importer worker (`src/bin/importer.rs`), not in the page:
//! the page sends the file's bytes and the person's [`Choices`] and gets back
//! an [`Outcome`] as JSON, so the readers (and the `csv` crate) cost the
//! page's first load nothing. The document comes back as the format's JSON
//! text, and the page reads it through the same importer as any file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::graph::AlignmentGraph;
use crate::domain::import::import;
use crate::domain::model::{Document, Level};

pub mod columns;
pub mod generate;
pub mod outline;
pub mod table;
pub mod viva;
pub mod viva_org;

/// What the person chose in the preview.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Choices {
    /// The period the canvas holds; `None` for the reader's default.
    #[serde(default)]
    pub period: Option<String>,
    /// Levels the person set, by team name, over the ones inferred.
    #[serde(default)]
    pub levels: BTreeMap<String, Level>,
    /// Which column holds what, as the person corrected the guess: one
    /// entry per [`columns::ROLES`], the column's place or none.
    #[serde(default)]
    pub columns: Option<Vec<Option<usize>>>,
}

/// A period found in the file, with its dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub name: String,
    pub start: String,
    pub end: String,
    /// How many objectives the file has in it.
    pub objectives: usize,
}

/// A team of the canvas, with its level and the team above it, for the
/// preview to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamLine {
    pub name: String,
    pub level: Level,
    pub parent: Option<String>,
    pub objectives: usize,
}

/// A row of the file that is not on the canvas, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// The row's number as a spreadsheet shows it (the header is row 1), or
    /// the place in a list of the file's.
    pub row: usize,
    pub title: String,
    pub reason: String,
}

/// What opening the file would give, before anything is created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// What the file was read as: "a Viva Goals export".
    pub kind: String,
    pub periods: Vec<Period>,
    /// The period the canvas holds.
    pub period: Option<String>,
    /// For a spreadsheet of no known kind: which column was read as what.
    pub columns: Option<columns::ColumnPlan>,
    /// The canvas, as the file format's JSON text.
    pub document: String,
    pub title: String,
    pub objectives: usize,
    pub key_results: usize,
    pub check_ins: usize,
    pub teams: Vec<TeamLine>,
    pub hard_links: usize,
    /// Alignments the format's rules would refuse as hard links, kept as
    /// soft links, each with the rule in words.
    pub soft_links: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// What a skipped thing's number counts: "Row" of a sheet, "Item" of a
    /// list.
    pub row_word: String,
    /// Anything else the person should know (a card with two teams, say).
    pub notes: Vec<String>,
}

/// The worker's answer: a preview, or why the file cannot be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Preview(Box<Preview>),
    Refused(Vec<String>),
}

/// Whether the file `file_name` is a spreadsheet, an export or an outline
/// rather than a canvas file: named `.csv`, `.tsv`, `.xlsx` or `.md`, a ZIP,
/// text whose first line is a Markdown title, or text whose first line is
/// cells (it starts with a letter, a digit or a quote and holds a comma or a
/// tab). Anything else goes to the canvas importer, which names
/// what is wrong with it.
pub fn is_sheet(file_name: &str, bytes: &[u8]) -> bool {
    let name = file_name.to_ascii_lowercase();
    if [".csv", ".tsv", ".xlsx", ".md", ".markdown"]
        .iter()
        .any(|e| name.ends_with(e))
        || bytes.starts_with(b"PK\x03\x04")
    {
        return true;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    if first_line.starts_with(b"# ") {
        return true;
    }
    let starts_as_cells = first_line
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'"');
    starts_as_cells && first_line.iter().any(|b| matches!(b, b',' | b'\t'))
}

/// Reads `bytes` (named `file_name`) as one of the kinds of file this reads;
/// a ZIP (an Excel workbook, a Viva Goals organisation export) only when
/// `zips` reads them (see [`table::ZipReader`]).
pub fn read(
    file_name: &str,
    bytes: &[u8],
    choices: &Choices,
    zips: Option<table::ZipReader>,
) -> Outcome {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let outcome = if let Some(text) = text.ok().filter(|t| outline::is_outline(t)) {
        outline::preview(file_name, text)
    } else if let (true, Some(unzip)) = (bytes.starts_with(b"PK\x03\x04"), zips) {
        match unzip(bytes) {
            Ok(table::Unzipped::Workbook(table)) => read_sheet(file_name, &table, choices),
            Ok(table::Unzipped::Files(files)) => viva_org::preview(file_name, &files, choices),
            Err(problems) => Err(problems),
        }
    } else {
        table::read_table(bytes, zips).and_then(|table| read_sheet(file_name, &table, choices))
    };
    match outcome {
        Ok(preview) => Outcome::Preview(Box::new(preview)),
        Err(problems) => Outcome::Refused(problems),
    }
}

/// A table: an Explorer export, or a spreadsheet whose columns are guessed.
fn read_sheet(
    file_name: &str,
    table: &table::Table,
    choices: &Choices,
) -> Result<Preview, Vec<String>> {
    if viva::is_explorer_export(&table.header) {
        viva::preview(file_name, table, choices)
    } else {
        columns::preview(file_name, table, choices)
    }
}

/// The graph of a canvas being made from `file_name`, or the rules it breaks.
fn graph_of(file_name: &str, document: &Document) -> Result<AlignmentGraph, Vec<String>> {
    AlignmentGraph::from_document(document).map_err(|violations| {
        violations
            .into_iter()
            .map(|v| format!("The canvas could not be made from {file_name}: {}", v.error))
            .collect()
    })
}

/// `document` as the format's JSON, read back as the page will read it, so
/// that what the preview offers always opens.
fn checked_text(file_name: &str, document: &Document) -> Result<String, Vec<String>> {
    let text = serde_json::to_string(document).unwrap_or_default();
    match import(text.as_bytes()) {
        Ok(_) => Ok(text),
        Err(failure) => Err(failure
            .errors()
            .iter()
            .map(|e| format!("The canvas could not be made from {file_name}: {e}"))
            .collect()),
    }
}

/// The teams of `document` as the preview lists them.
fn team_lines(document: &Document) -> Vec<TeamLine> {
    let name_of = |id: &String| {
        document
            .teams
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.name.clone())
    };
    document
        .teams
        .iter()
        .map(|t| TeamLine {
            name: t.name.clone(),
            level: t.level,
            parent: t.parent.as_ref().and_then(name_of),
            objectives: document
                .objectives
                .iter()
                .filter(|o| o.team == t.id)
                .count(),
        })
        .collect()
}

/// What the readers' tests share: a preview's canvas as the page opens it,
/// the rows it names as left out, its objectives' ids.
#[cfg(test)]
pub(crate) mod testing {
    use super::Preview;
    use crate::domain::import::import;
    use crate::domain::model::Document;

    pub fn opened(preview: &Preview) -> Document {
        import(preview.document.as_bytes())
            .unwrap_or_else(|f| panic!("{:?}", f.errors()))
            .document
    }

    pub fn skipped(preview: &Preview) -> Vec<(usize, &str)> {
        preview
            .skipped
            .iter()
            .map(|s| (s.row, s.reason.as_str()))
            .collect()
    }

    pub fn objective_ids(doc: &Document) -> Vec<&str> {
        let mut ids: Vec<&str> = doc.objectives.iter().map(|o| o.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_is_told_from_a_canvas_file_by_its_name_or_its_first_line() {
        assert!(is_sheet("okrs.CSV", b"{}"));
        assert!(is_sheet("export", b"\xEF\xBB\xBFId,Title,Team\n"));
        assert!(is_sheet("paste", b"\"Title\"\t\"Team\"\n"));
        assert!(is_sheet("book", b"PK\x03\x04"));
        assert!(is_sheet("pasted", b"# Acme\n\n## Acme (company)\n"));
        // Canvas files, broken or not, go to the canvas importer.
        for text in [
            &b"\xEF\xBB\xBF  {\"format\": \"okr-canvas\"}"[..],
            b"",
            b"null",
            b"\"text\"",
            b"// a comment, then {}",
            b"\xFF\xFEa,b",
            b"\xEF\xBB\xBF\xEF\xBB\xBF{}",
        ] {
            assert!(!is_sheet("canvas.okr.json", text), "{text:?}");
        }
    }
}
