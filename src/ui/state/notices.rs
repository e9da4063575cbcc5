//! The messages shown over the map: confirmations that fade; errors that stay
//! until the person changes the canvas (the cause fixed, or something else
//! done) or dismisses them; and messages offering an action (Undo, Replace,
//! Export) that stay until it is used or they are dismissed. Also the report
//! of a refused file.

use leptos::prelude::*;

use super::{AppState, Refusal};
use crate::domain::import::ImportFailure;
use crate::session::library::CanvasEntry;

/// How long a confirmation without an action stays on screen.
const STATUS_NOTICE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(6);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// A refusal or failure: shown as `role="alert"` until dismissed.
    Error,
    /// A confirmation: shown as `role="status"`.
    Status,
}

/// What a notice's button does, if it has one.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeAction {
    /// Move `from`'s hard link to `to` (after a refused second hard parent).
    MoveHardLink { from: String, to: String },
    /// Download the open canvas (after storage failed).
    ExportCanvas,
    /// Store again the open canvas another tab deleted.
    KeepDeletedCanvas,
    /// Show both versions of a canvas two tabs changed.
    ShowConflict,
    /// Put a deleted canvas back.
    RestoreDeletedCanvas {
        index: usize,
        entry: CanvasEntry,
        text: String,
    },
    /// Delete the canvas `id`, which a file just opened beside.
    ReplaceCanvas { id: String },
    /// List every problem of a refused file.
    ShowImportErrors(ImportReport),
    /// Save, then reload into the new version of the app waiting.
    ReloadToUpdate,
}

/// A refused file's problems: (where, what) pairs, and how many more the
/// importer found but did not list.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    pub file_name: String,
    pub problems: Vec<(String, String)>,
    pub unlisted: usize,
}

/// How many of a refused file's problems its notice lists; all are in the dialog.
const NOTICE_LISTED_ERRORS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    pub title: String,
    /// Lines under the title, such as every error of a refused file.
    pub details: Vec<String>,
    pub action: Option<NoticeAction>,
}

/// The messages on screen, and the refused file whose problems are listed.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: StoredValue<u64>,
    /// Every problem of the last refused file, while its list is shown.
    pub import_errors: RwSignal<Option<ImportReport>>,
}

impl Notices {
    pub(super) fn new() -> Notices {
        Notices {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            import_errors: RwSignal::new(None),
        }
    }

    /// The messages on screen, oldest first.
    pub fn list(&self) -> ReadSignal<Vec<Notice>> {
        self.list.read_only()
    }

    /// Tells the person `file_name` was not opened, listing its first
    /// problems, with a button for all of them.
    pub fn refused_file(&self, file_name: &str, failure: &ImportFailure) {
        let errors = failure.errors();
        let details = errors
            .iter()
            .take(NOTICE_LISTED_ERRORS)
            .map(|e| e.to_string())
            .collect();
        let report = ImportReport {
            file_name: file_name.to_string(),
            problems: errors
                .iter()
                .map(|e| (e.path.clone(), e.kind.to_string()))
                .collect(),
            unlisted: failure.unlisted(),
        };
        self.push(
            NoticeKind::Error,
            format!("{file_name} was not opened: {}", failure.summary()),
            details,
            Some(NoticeAction::ShowImportErrors(report)),
        );
    }

    /// Says why a change did not happen.
    pub fn refusal(&self, refusal: &Refusal) {
        self.error(refusal.to_string());
    }

    pub fn error(&self, title: impl Into<String>) {
        self.push(NoticeKind::Error, title.into(), Vec::new(), None);
    }

    pub fn error_with_details(&self, title: impl Into<String>, details: Vec<String>) {
        self.push(NoticeKind::Error, title.into(), details, None);
    }

    /// A part of the app (`ui/lazy.rs`) that could not be fetched.
    pub fn part_unavailable(&self) {
        self.error_with_details(
            "That part of OKR Canvas could not be loaded.",
            vec![
                "It is fetched the first time it is used, and the network is not there. \
                 Connect and try again; your canvas is as it was."
                    .to_string(),
            ],
        );
    }

    pub fn status(&self, title: impl Into<String>) {
        self.push(NoticeKind::Status, title.into(), Vec::new(), None);
    }

    /// Says what is under way ("Reading …"); its id, to dismiss it when done.
    pub fn under_way(&self, title: impl Into<String>) -> u64 {
        self.add(NoticeKind::Status, title.into(), Vec::new(), None)
    }

    /// The person changed the canvas: an error about an earlier attempt is
    /// out of date (its cause fixed, or something else done instead), so the
    /// errors without an action go. Those with one stay until used or
    /// dismissed.
    pub fn acted(&self) {
        let stale = |n: &Notice| n.kind == NoticeKind::Error && n.action.is_none();
        if self.list.with_untracked(|list| list.iter().any(stale)) {
            self.list.update(|list| list.retain(|n| !stale(n)));
        }
    }

    pub fn dismiss(&self, id: u64) {
        // The notice may outlive the app (a timer after unmount).
        self.list.try_update(|list| list.retain(|n| n.id != id));
    }

    pub fn push(
        &self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        action: Option<NoticeAction>,
    ) {
        self.add(kind, title, details, action);
    }

    fn add(
        &self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        action: Option<NoticeAction>,
    ) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let fades = kind == NoticeKind::Status && action.is_none();
        self.list.update(|list| {
            // Confirmations replace each other; a message offering an action
            // stays until it is used or dismissed.
            if kind == NoticeKind::Status {
                list.retain(|n| n.kind != NoticeKind::Status || n.action.is_some());
            }
            list.push(Notice {
                id,
                kind,
                title,
                details,
                action,
            });
        });
        // A plain confirmation fades on its own.
        if fades {
            let notices = *self;
            set_timeout(move || notices.dismiss(id), STATUS_NOTICE_LIFETIME);
        }
        id
    }
}

impl AppState {
    /// Carries out a notice's action.
    pub fn run_notice_action(&self, action: &NoticeAction) {
        match action {
            NoticeAction::MoveHardLink { from, to } => self.move_hard_link(from, to),
            NoticeAction::ExportCanvas => self.export_canvas(),
            NoticeAction::KeepDeletedCanvas => self.keep_this_version(),
            NoticeAction::ShowConflict => self.conflict_open.set(true),
            NoticeAction::RestoreDeletedCanvas { index, entry, text } => {
                self.restore_deleted_canvas(*index, entry, text)
            }
            NoticeAction::ReplaceCanvas { id } => self.replace_canvas(id),
            NoticeAction::ShowImportErrors(report) => {
                self.notices.import_errors.set(Some(report.clone()))
            }
            NoticeAction::ReloadToUpdate => {
                self.save_now();
                crate::browser::offline::update_now();
            }
        }
    }
}
