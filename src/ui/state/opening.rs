//! Opening what a person brings in — a file, a share link, a file published
//! beside the page — and, when it is big, opening it in steps: reading and
//! checking it, placing its cards, drawing the map, with the page painted and
//! the step shown between them rather than frozen for seconds with no sign.

use leptos::prelude::*;

use super::{with_every_card_placed, AppState, NoticeAction, NoticeKind};
use crate::browser::clock::next_paint;
use crate::browser::location;
use crate::domain::import::{import, Imported};
use crate::domain::share::{self, ShareLinkError};

/// Inputs from this size on are opened in steps with their progress shown;
/// smaller ones open at once (within a frame or two).
const BIG_FILE_BYTES: usize = 512 * 1024;
/// The same for a share link's fragment, which is compressed: about a
/// 300-objective canvas.
const BIG_LINK_CHARS: usize = 24 * 1024;

/// A long piece of work under way, for the progress shown over the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What is being done: "Opening q3.okr.json".
    pub title: String,
    /// The step under way, in words.
    pub step: String,
    /// Steps done so far, of [`Progress::STEPS`].
    pub done: u32,
}

impl Progress {
    /// Reading and checking, placing the cards, drawing the map.
    pub const STEPS: u32 = 3;
}

impl AppState {
    /// Opens the file `bytes` (named `file_name`) as a new canvas beside the
    /// open one, or reports every error and changes nothing. A spreadsheet or
    /// an export is read in the importer worker and previewed first.
    pub fn open_file(&self, file_name: &str, bytes: &[u8]) {
        if crate::sheets::is_sheet(file_name, bytes) {
            self.open_sheet(file_name, bytes.to_vec());
            return;
        }
        if bytes.len() < BIG_FILE_BYTES {
            match import(bytes) {
                Ok(imported) => {
                    let state = *self;
                    let file_name = file_name.to_string();
                    leptos::task::spawn_local(async move {
                        state.open_imported_file(&file_name, imported).await;
                    });
                }
                Err(failure) => self.notices.refused_file(file_name, &failure),
            }
            return;
        }
        if self.is_busy() {
            return;
        }
        let state = *self;
        let file_name = file_name.to_string();
        let bytes = bytes.to_vec();
        leptos::task::spawn_local(async move {
            let title = format!("Opening {file_name}");
            match state.in_steps(&title, || import(&bytes)).await {
                Ok(imported) => state.open_imported_file(&file_name, imported).await,
                Err(failure) => state.notices.refused_file(&file_name, &failure),
            }
            state.end_progress().await;
        });
    }

    /// A checked file: a version of a canvas kept here (the open one or
    /// another) is offered for merging into it, or opening on its own; any
    /// other opens as a new canvas.
    async fn open_imported_file(&self, file_name: &str, imported: Imported) {
        let left = if self.is_version_of_open_canvas(&imported.document) {
            self.review_document(file_name, imported, true).await
        } else if let Some(id) = self.kept_canvas_of(&imported.document) {
            self.review_for_kept_canvas(&id, file_name, imported).await
        } else {
            Some(imported)
        };
        if let Some(imported) = left {
            self.open_as_new_file(file_name, imported);
        }
    }

    /// A checked file, opened as a new canvas; the notice offers to replace
    /// the canvas that was open.
    pub(super) fn open_as_new_file(&self, file_name: &str, imported: Imported) {
        let title = imported.document.title.clone();
        let previous = self
            .canvases
            .shared_view
            .with_untracked(Option::is_none)
            .then(|| {
                (
                    self.canvases.canvas_id.get_untracked(),
                    self.document.with_untracked(|d| d.title.clone()),
                )
            });
        if !self.open_as_new_canvas(imported.document) {
            return;
        }
        let details = imported.warnings.iter().map(|w| w.to_string()).collect();
        let (message, action) = match previous {
            Some((id, previous_title)) => (
                format!(
                    "Opened “{title}” from {file_name} as a new canvas. “{previous_title}” \
                     is still under Canvases, unless you replace it."
                ),
                Some(NoticeAction::ReplaceCanvas { id }),
            ),
            None => (
                format!("Opened “{title}” from {file_name} as a new canvas."),
                None,
            ),
        };
        self.notices
            .push(NoticeKind::Status, message, details, action);
    }

    /// Opens what the address's fragment names: a canvas in a share link
    /// (`#canvas=…`) or a file beside the page (`#file=examples/….okr.json`).
    /// A broken link is explained and the open canvas stays as it is.
    pub fn open_from_fragment(&self) {
        let fragment = location::fragment();
        if share::is_share_fragment(&fragment) {
            if fragment.len() < BIG_LINK_CHARS {
                self.open_share_link(share::decode_share_fragment(&fragment));
                return;
            }
            if self.is_busy() {
                return;
            }
            let state = *self;
            leptos::task::spawn_local(async move {
                let decoded = state
                    .in_steps("Opening the share link", || {
                        share::decode_share_fragment(&fragment)
                    })
                    .await;
                state.open_share_link(decoded);
                state.end_progress().await;
            });
            return;
        }
        let Some(path) = fragment.strip_prefix("file=") else {
            return;
        };
        let path = js_sys::decode_uri_component(path)
            .ok()
            .and_then(|p| p.as_string())
            .unwrap_or_else(|| path.to_string());
        let state = *self;
        leptos::task::spawn_local(async move {
            match location::fetch_beside_page(&path).await {
                Ok(bytes) => {
                    let opened = if bytes.len() < BIG_FILE_BYTES {
                        import(&bytes)
                    } else {
                        state
                            .in_steps(&format!("Opening {path}"), || import(&bytes))
                            .await
                    };
                    match opened {
                        Ok(imported) => {
                            let warnings =
                                imported.warnings.iter().map(|w| w.to_string()).collect();
                            state.open_shared(imported.document, path, warnings);
                        }
                        Err(failure) => state.notices.refused_file(&path, &failure),
                    }
                    state.end_progress().await;
                }
                Err(message) => state.notices.error(message),
            }
        });
    }

    fn open_share_link(&self, decoded: Result<Imported, ShareLinkError>) {
        match decoded {
            Ok(imported) => {
                let warnings = imported.warnings.iter().map(|w| w.to_string()).collect();
                self.open_shared(imported.document, "a share link".to_string(), warnings);
            }
            Err(error) => {
                let details = error
                    .import_failure()
                    .map(|failure| failure.errors().iter().map(|e| e.to_string()).collect())
                    .unwrap_or_default();
                self.notices
                    .push(NoticeKind::Error, error.to_string(), details, None);
            }
        }
    }

    /// Whether something big is being opened; says so when it is.
    fn is_busy(&self) -> bool {
        let busy = self
            .canvases
            .progress
            .with_untracked(|p| p.as_ref().map(|p| p.title.clone()));
        if let Some(title) = &busy {
            self.notices.error(format!(
                "{title}… is still under way; try again once it is open."
            ));
        }
        busy.is_some()
    }

    /// Reads something big in steps — `read` (parse and check), then the
    /// cards' places — painting the page and showing each step first. The
    /// result is ready to open; the map is drawn as it opens.
    async fn in_steps<E>(
        &self,
        title: &str,
        read: impl FnOnce() -> Result<Imported, E>,
    ) -> Result<Imported, E> {
        self.show_step(title, 0, "Reading and checking it…".to_string());
        next_paint().await;
        let mut imported = read()?;
        let count = imported.document.objectives.len();
        self.show_step(title, 1, format!("Placing {count} objectives on the map…"));
        next_paint().await;
        imported.document = with_every_card_placed(imported.document);
        self.show_step(title, 2, "Drawing the map…".to_string());
        next_paint().await;
        Ok(imported)
    }

    fn show_step(&self, title: &str, done: u32, step: String) {
        self.canvases.progress.set(Some(Progress {
            title: title.to_string(),
            step,
            done,
        }));
    }

    /// Takes the progress away once what was opened has been drawn.
    async fn end_progress(&self) {
        if self.canvases.progress.with_untracked(Option::is_some) {
            next_paint().await;
            self.canvases.progress.set(None);
        }
    }
}
