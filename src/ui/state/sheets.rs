//! A spreadsheet or an OKR-suite export opened: read in the importer worker
//! (`browser/importer.rs`), previewed in the sheet dialog, and opened as a
//! new canvas only when the person confirms; the open canvas is never
//! changed. Choosing another period reads the file again.

use std::sync::Arc;

use leptos::prelude::*;

use super::AppState;
use crate::browser::importer::read_sheet;
use crate::domain::import::import;
use crate::sheets::{Choices, Outcome, Preview};

/// A file read, waiting for the person's confirmation.
#[derive(Clone, Debug)]
pub struct SheetReview {
    pub file_name: String,
    pub bytes: Arc<Vec<u8>>,
    pub preview: Preview,
    /// Whether the file is being read again (another period chosen).
    pub busy: bool,
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

impl AppState {
    /// Reads a spreadsheet or an export in the worker and opens its preview;
    /// a refusal is told in a notice and nothing changes.
    pub(super) fn open_sheet(&self, file_name: &str, bytes: Vec<u8>) {
        let state = *self;
        let file_name = file_name.to_string();
        let bytes = Arc::new(bytes);
        let reading = state.notices.under_way(format!("Reading {file_name}…"));
        leptos::task::spawn_local(async move {
            let outcome = read_sheet(&file_name, &bytes, &Choices::default()).await;
            state.notices.dismiss(reading);
            match outcome {
                Ok(Outcome::Preview(preview)) => {
                    state.sheet.set(Some(SheetReview {
                        file_name,
                        bytes,
                        preview: *preview,
                        busy: false,
                    }));
                    state.sheet_dialog_open.set(true);
                }
                Ok(Outcome::Refused(problems)) => state.refuse_sheet(&file_name, problems),
                Err(message) => state.notices.error(message),
            }
        });
    }

    /// Reads the file under review again for `period`.
    pub fn choose_sheet_period(&self, period: String) {
        let Some(review) = self.sheet.get_untracked() else {
            return;
        };
        self.sheet.update(|r| {
            if let Some(r) = r {
                r.busy = true;
            }
        });
        let state = *self;
        leptos::task::spawn_local(async move {
            let choices = Choices {
                period: Some(period),
            };
            match read_sheet(&review.file_name, &review.bytes, &choices).await {
                Ok(Outcome::Preview(preview)) => state.sheet.set(Some(SheetReview {
                    preview: *preview,
                    busy: false,
                    ..review
                })),
                Ok(Outcome::Refused(problems)) => {
                    state.close_sheet();
                    state.refuse_sheet(&review.file_name, problems);
                }
                Err(message) => {
                    state.close_sheet();
                    state.notices.error(message);
                }
            }
        });
    }

    /// Opens the previewed canvas as a new canvas, read as any file is.
    pub fn open_previewed_sheet(&self) {
        let Some(review) = self.sheet.get_untracked() else {
            return;
        };
        self.close_sheet();
        match import(review.preview.document.as_bytes()) {
            Ok(imported) => self.open_as_new_file(&review.file_name, imported),
            Err(failure) => self.notices.refused_file(&review.file_name, &failure),
        }
    }

    pub fn close_sheet(&self) {
        self.sheet.set(None);
        self.sheet_dialog_open.set(false);
    }

    fn refuse_sheet(&self, file_name: &str, problems: Vec<String>) {
        let mut problems = problems.into_iter();
        let first = problems.next().unwrap_or_default();
        self.notices.push(
            super::NoticeKind::Error,
            format!("{file_name} was not opened. {first}"),
            problems.collect(),
            None,
        );
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
