//! The one place the app's state lives: the open document and the messages
//! shown to the person, behind named operations.
//!
//! `AppState` is a `Copy` handle around signals, provided by context. The
//! derived scene (what the map draws) is a memo of the document, so nothing
//! keeps a second copy in sync by hand.

use leptos::prelude::*;

use crate::browser::storage::{self, StorageError, CURRENT_CANVAS_KEY};
use crate::domain::export::export;
use crate::domain::import::{import, ImportFailure};
use crate::domain::model::Document;
use crate::domain::progress::compute_progress;
use crate::scene::Scene;

/// The sample canvas shown on first open.
pub const SAMPLE_CANVAS: &str = include_str!("../../public/examples/acme.okr.json");

/// Where an unreadable stored canvas is kept before anything overwrites it.
const BACKUP_KEY: &str = "okr-canvas:unreadable-backup";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// A refusal or failure: shown as `role="alert"` until dismissed.
    Error,
    /// A confirmation: shown as `role="status"`.
    Status,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    pub title: String,
    /// Lines under the title, such as every error of a refused file.
    pub details: Vec<String>,
    /// Offer to put back the canvas that the last open replaced.
    pub offers_restore: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    document: RwSignal<Document>,
    /// The canvas replaced by the last open, for one-step restore.
    replaced: RwSignal<Option<Document>>,
    notices: RwSignal<Vec<Notice>>,
    next_notice_id: StoredValue<u64>,
    /// Whether saving works; once it has failed, the person has been told.
    storage_ok: StoredValue<bool>,
    pub scene: Memo<Scene>,
}

impl AppState {
    /// Opens the canvas kept in this browser, or the sample on first open,
    /// telling the person when storage is missing or unreadable.
    pub fn start() -> AppState {
        let notices = RwSignal::new(Vec::new());
        let mut startup_notices = Vec::new();
        let document = match restore_saved_canvas() {
            Ok(Some(doc)) => doc,
            Ok(None) => sample_canvas(),
            Err(StartupProblem::Storage(StorageError::Unavailable)) => {
                startup_notices.push((
                    NoticeKind::Error,
                    StorageError::Unavailable.to_string(),
                    Vec::new(),
                ));
                sample_canvas()
            }
            Err(StartupProblem::Storage(error)) => {
                startup_notices.push((NoticeKind::Error, error.to_string(), Vec::new()));
                sample_canvas()
            }
            Err(StartupProblem::Unreadable(details)) => {
                startup_notices.push((
                    NoticeKind::Error,
                    format!(
                        "The canvas saved in this browser could not be read, so the sample is \
                         shown instead. A copy of the saved data was kept under the storage key \
                         \"{BACKUP_KEY}\"."
                    ),
                    details,
                ));
                sample_canvas()
            }
        };
        let document = RwSignal::new(document);
        let scene = Memo::new(move |_| {
            document.with(|doc| {
                let progress = compute_progress(doc);
                Scene::build(doc, &|id| progress.get(id).copied().unwrap_or(0.0))
            })
        });
        let state = AppState {
            document,
            replaced: RwSignal::new(None),
            notices,
            next_notice_id: StoredValue::new(0),
            storage_ok: StoredValue::new(storage::is_available()),
            scene,
        };
        for (kind, title, details) in startup_notices {
            state.push_notice(kind, title, details, false);
        }
        state.autosave();
        state
    }

    pub fn title(&self) -> Signal<String> {
        let document = self.document;
        Signal::derive(move || document.with(|d| d.title.clone()))
    }

    pub fn cycle_label(&self) -> Signal<Option<String>> {
        let document = self.document;
        Signal::derive(move || document.with(|d| d.cycle.as_ref().map(|c| c.label.clone())))
    }

    pub fn notices(&self) -> ReadSignal<Vec<Notice>> {
        self.notices.read_only()
    }

    /// The open canvas in the file format, for export.
    pub fn exported(&self) -> (String, String) {
        self.document
            .with_untracked(|d| (d.title.clone(), export(d)))
    }

    /// Opens the file `bytes` (named `file_name`) in place of the open canvas,
    /// or reports every error and changes nothing.
    pub fn open_file(&self, file_name: &str, bytes: &[u8]) {
        match import(bytes) {
            Ok(imported) => {
                let title = imported.document.title.clone();
                let previous = self.document.get_untracked();
                self.replaced.set(Some(previous));
                self.document.set(imported.document);
                let details = imported
                    .warnings
                    .iter()
                    .map(|w| w.to_string())
                    .collect::<Vec<_>>();
                self.push_notice(
                    NoticeKind::Status,
                    format!("Opened “{title}” from {file_name}."),
                    details,
                    true,
                );
            }
            Err(failure) => self.report_refused_file(file_name, &failure),
        }
    }

    /// Puts back the canvas that the last open replaced.
    pub fn restore_replaced(&self) {
        if let Some(previous) = self.replaced.get_untracked() {
            let title = previous.title.clone();
            self.replaced.set(None);
            self.document.set(previous);
            self.push_notice(
                NoticeKind::Status,
                format!("Restored “{title}”."),
                Vec::new(),
                false,
            );
        }
    }

    pub fn report_refused_file(&self, file_name: &str, failure: &ImportFailure) {
        let details = failure.errors().iter().map(|e| e.to_string()).collect();
        self.push_notice(
            NoticeKind::Error,
            format!("{file_name} was not opened: {}", failure.summary()),
            details,
            false,
        );
    }

    pub fn notify_error(&self, title: impl Into<String>) {
        self.push_notice(NoticeKind::Error, title.into(), Vec::new(), false);
    }

    pub fn notify_status(&self, title: impl Into<String>) {
        self.push_notice(NoticeKind::Status, title.into(), Vec::new(), false);
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|list| list.retain(|n| n.id != id));
    }

    fn push_notice(
        &self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        offers_restore: bool,
    ) {
        let id = self.next_notice_id.get_value();
        self.next_notice_id.set_value(id + 1);
        self.notices.update(|list| {
            // Confirmations replace each other; errors stay until dismissed.
            if kind == NoticeKind::Status {
                list.retain(|n| n.kind != NoticeKind::Status);
            }
            list.push(Notice {
                id,
                kind,
                title,
                details,
                offers_restore,
            });
        });
    }

    /// Saves the canvas after every change. A failure is reported once, and
    /// the canvas stays open in memory.
    fn autosave(&self) {
        let state = *self;
        Effect::new(move |_| {
            let text = state.document.with(serde_json::to_string);
            let Ok(text) = text else { return };
            if !state.storage_ok.get_value() {
                return;
            }
            if let Err(error) = storage::save_text(CURRENT_CANVAS_KEY, &text) {
                state.storage_ok.set_value(false);
                state.notify_error(error.to_string());
            }
        });
    }
}

enum StartupProblem {
    Storage(StorageError),
    /// The stored text is not a valid canvas; the lines say why.
    Unreadable(Vec<String>),
}

fn restore_saved_canvas() -> Result<Option<Document>, StartupProblem> {
    let Some(text) = storage::load_text(CURRENT_CANVAS_KEY).map_err(|error| match error {
        StorageError::Refused(_) => {
            keep_unreadable_copy();
            StartupProblem::Unreadable(vec![error.to_string()])
        }
        other => StartupProblem::Storage(other),
    })?
    else {
        return Ok(None);
    };
    match import(text.as_bytes()) {
        Ok(imported) => Ok(Some(imported.document)),
        Err(failure) => {
            keep_unreadable_copy();
            Err(StartupProblem::Unreadable(
                failure.errors().iter().map(|e| e.to_string()).collect(),
            ))
        }
    }
}

/// Copies the unreadable stored canvas aside so that saving the sample over
/// it loses nothing.
fn keep_unreadable_copy() {
    if let Some(raw) = storage::load_raw(CURRENT_CANVAS_KEY) {
        let _ = storage::save_raw(BACKUP_KEY, &raw);
    }
}

/// The embedded sample canvas. It is validated by a host test, so failure
/// here means a broken build; even then the app opens, on an empty canvas.
pub fn sample_canvas() -> Document {
    import(SAMPLE_CANVAS.as_bytes())
        .map(|imported| imported.document)
        .unwrap_or_else(|_| Document::new("Untitled canvas"))
}

/// Provides a fresh state to the component tree and returns it.
pub fn provide_app_state() -> AppState {
    let state = AppState::start();
    provide_context(state);
    state
}

/// The app state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
