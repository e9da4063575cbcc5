//! A spreadsheet or an OKR-suite export opened: read in the importer worker
//! (`browser/importer.rs`), previewed in the sheet dialog, and opened as a
//! new canvas only when the person confirms; the open canvas is never
//! changed. Choosing another period, a team's level or what a column holds
//! reads the file again.

use std::sync::Arc;

use leptos::prelude::*;

use super::AppState;
use crate::browser::importer::read_sheet;
use crate::domain::import::import;
use crate::domain::model::Level;
use crate::sheets::{Choices, Outcome, Preview};

/// A file read, waiting for the person's confirmation.
#[derive(Clone, Debug)]
pub struct SheetReview {
    pub file_name: String,
    pub bytes: Arc<Vec<u8>>,
    pub preview: Preview,
    /// What the person chose so far.
    pub choices: Choices,
    /// Whether the file is being read again (another choice made).
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
            let outcome = read_sheet(file_name.clone(), bytes.clone(), Choices::default()).await;
            state.notices.dismiss(reading);
            match outcome {
                Ok(Outcome::Preview(preview)) => {
                    state.sheet.set(Some(SheetReview {
                        file_name,
                        bytes,
                        preview: *preview,
                        choices: Choices::default(),
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
        self.choose_again(|c| c.period = Some(period));
    }

    /// Reads the file under review again with `team` at `level`.
    pub fn choose_sheet_level(&self, team: String, level: Level) {
        self.choose_again(|c| {
            c.levels.insert(team, level);
        });
    }

    /// Reads the spreadsheet under review again with its `role`th column
    /// (see `sheets::columns::ROLES`) read from `column`, or from none.
    pub fn choose_sheet_column(&self, role: usize, column: Option<usize>) {
        let Some(review) = self.sheet.get_untracked() else {
            return;
        };
        let Some(plan) = review.preview.columns else {
            return;
        };
        let mut columns: Vec<Option<usize>> = plan.roles.iter().map(|r| r.column).collect();
        if role >= columns.len() {
            return;
        }
        // A column is read as one thing: taken from any other role.
        for other in columns
            .iter_mut()
            .filter(|c| column.is_some() && **c == column)
        {
            *other = None;
        }
        columns[role] = column;
        self.choose_again(|c| c.columns = Some(columns));
    }

    /// Reads the file under review again with `change` made to its choices.
    fn choose_again(&self, change: impl FnOnce(&mut Choices)) {
        let Some(mut review) = self.sheet.get_untracked() else {
            return;
        };
        change(&mut review.choices);
        self.sheet.update(|r| {
            if let Some(r) = r {
                r.busy = true;
            }
        });
        let state = *self;
        leptos::task::spawn_local(async move {
            let reading = read_sheet(
                review.file_name.clone(),
                review.bytes.clone(),
                review.choices.clone(),
            );
            match reading.await {
                Ok(Outcome::Preview(preview)) => state.sheet.set(Some(SheetReview {
                    preview: *preview,
                    busy: false,
                    ..review
                })),
                // The preview stays as it was, with the choice undone.
                Ok(Outcome::Refused(problems)) => {
                    state.sheet.update(|r| {
                        if let Some(r) = r {
                            r.busy = false;
                        }
                    });
                    let first = problems.into_iter().next().unwrap_or_default();
                    state
                        .notices
                        .error(format!("That choice was not applied. {first}"));
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
