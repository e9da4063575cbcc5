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
