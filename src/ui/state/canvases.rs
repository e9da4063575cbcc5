//! Keeping canvases in this browser: several of them, each under its own
//! storage key with the list beside them (`crate::library`), saved a moment
//! after each change and at once when the tab is hidden or closed, and kept
//! in step with a second tab that edits the same canvas.
//!
//! Storage can fail in every way (blocked, full, corrupt, written by an older
//! version of the app); each ends in a message and a canvas that stays open
//! in memory, never in lost work.

use leptos::prelude::*;

use super::{
    sample_canvas, with_every_card_placed, AppState, NoticeAction, NoticeKind, BACKUP_KEY,
};
use crate::browser::storage::{self, StorageError, CURRENT_CANVAS_KEY};
use crate::domain::graph::{ObjectiveError, RuleError};
use crate::domain::import::import;
use crate::domain::model::Document;
use crate::library::{copy_title, CanvasEntry, Library};

/// The list of canvases.
pub const LIBRARY_KEY: &str = "okr-canvas:library";
/// How long after a change the canvas is saved: typing a title saves once.
const SAVE_DELAY_MS: u64 = 400;

/// The storage key of the canvas `id`.
pub fn canvas_key(id: &str) -> String {
    format!("okr-canvas:canvas:{id}")
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn seed() -> u64 {
    (js_sys::Math::random() * 1e15) as u64
}

/// What the app opens with, and what to tell the person about it.
pub(super) struct Startup {
    pub library: Library,
    pub canvas_id: String,
    pub document: Document,
    pub notices: Vec<(String, Vec<String>)>,
}

/// Reads the list and the open canvas from storage, migrating the single
/// canvas an older version of the app kept, and falling back to the sample
/// in `today`'s quarter (in memory when storage is unavailable).
pub(super) fn restore(today: &str) -> Startup {
    let mut notices = Vec::new();
    let mut library = match storage::load_raw_checked(LIBRARY_KEY) {
        Ok(Some(text)) => Library::parse(&text).unwrap_or_else(|| {
            let _ = storage::save_raw(&format!("{BACKUP_KEY}:library"), &text);
            notices.push((
                format!(
                    "The list of your canvases could not be read; a copy was kept under the \
                     storage key \"{BACKUP_KEY}:library\". Canvases saved before are listed again as they are found."
                ),
                Vec::new(),
            ));
            Library::default()
        }),
        Ok(None) => Library::default(),
        Err(error) => {
            notices.push((error.to_string(), Vec::new()));
            let mut library = Library::default();
            let document = sample_canvas(today);
            let id = library.add(&document.title, now(), seed());
            library.open = Some(id.clone());
            return Startup {
                library,
                canvas_id: id,
                document,
                notices,
            };
        }
    };

    // An older version kept one canvas under one key: it becomes the first
    // canvas of the list.
    if let Some(raw) = storage::load_raw(CURRENT_CANVAS_KEY) {
        // Older versions stored the canvas's text as a JSON string.
        let text = serde_json::from_str::<String>(&raw).unwrap_or_else(|_| raw.clone());
        match read_stored(&text) {
            Ok(document) => {
                let id = library.add(&document.title, now(), seed());
                if store_canvas(&id, &document).is_ok() {
                    storage::remove(CURRENT_CANVAS_KEY);
                    library.open = Some(id);
                    save_library(&library).ok();
                } else {
                    library.remove(&id);
                }
            }
            Err(details) => {
                let _ = storage::save_raw(BACKUP_KEY, &raw);
                storage::remove(CURRENT_CANVAS_KEY);
                notices.push((unreadable_message(), details));
            }
        }
    }

    // The canvas open last time, else the most recent, else the sample.
    let candidates: Vec<String> = library
        .open
        .iter()
        .cloned()
        .chain(library.canvases.iter().map(|e| e.id.clone()))
        .collect();
    for id in candidates {
        let Some(text) = storage::load_raw(&canvas_key(&id)) else {
            library.remove(&id);
            continue;
        };
        match read_stored(&text) {
            Ok(document) => {
                library.open = Some(id.clone());
                save_library(&library).ok();
                return Startup {
                    library,
                    canvas_id: id,
                    document,
                    notices,
                };
            }
            Err(details) => {
                let _ = storage::save_raw(BACKUP_KEY, &text);
                storage::remove(&canvas_key(&id));
                library.remove(&id);
                notices.push((unreadable_message(), details));
            }
        }
    }
    let document = sample_canvas(today);
    let id = library.add(&document.title, now(), seed());
    library.open = Some(id.clone());
    if store_canvas(&id, &document).is_ok() {
        save_library(&library).ok();
    }
    Startup {
        library,
        canvas_id: id,
        document,
        notices,
    }
}

fn unreadable_message() -> String {
    format!(
        "A canvas saved in this browser could not be read, so it was not opened. A copy of the \
         saved data was kept under the storage key \"{BACKUP_KEY}\"."
    )
}

/// A stored canvas, through the same import (validation, migration of older
/// versions) as a file.
fn read_stored(text: &str) -> Result<Document, Vec<String>> {
    import(text.as_bytes())
        .map(|imported| with_every_card_placed(imported.document))
        .map_err(|failure| failure.errors().iter().map(|e| e.to_string()).collect())
}

fn document_text(document: &Document) -> String {
    serde_json::to_string(document).unwrap_or_default()
}

fn store_canvas(id: &str, document: &Document) -> Result<String, StorageError> {
    let text = document_text(document);
    storage::save_raw(&canvas_key(id), &text).map(|()| text)
}

fn save_library(library: &Library) -> Result<(), StorageError> {
    storage::save_raw(LIBRARY_KEY, &library.to_json())
}

impl AppState {
    /// Saves a moment after every change to the person's own canvas, at once
    /// when the page is hidden or closed, and follows a second tab.
    pub(super) fn keep_saved(&self) {
        let state = *self;
        Effect::new(move |first: Option<()>| {
            state.document.track();
            // A shared canvas is not the person's: it is saved once they edit a copy.
            if state.shared_view.with(Option::is_some) || first.is_none() {
                return;
            }
            state.save_pending.set_value(true);
            let generation = state.save_generation.get_value() + 1;
            state.save_generation.set_value(generation);
            set_timeout(
                move || {
                    if state.save_generation.try_get_value() == Some(generation) {
                        state.save_now();
                    }
                },
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        });
        let on_page_hide = window_event_listener(leptos::ev::pagehide, move |_| state.save_now());
        let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if hidden {
                state.save_now();
            } else {
                state.retry_save();
            }
        });
        let on_storage = window_event_listener(leptos::ev::storage, move |event| {
            state.other_tab_wrote(&event);
        });
        on_cleanup(move || {
            on_page_hide.remove();
            on_visibility.remove();
            on_storage.remove();
        });
    }

    /// Writes the open canvas now if it has unsaved changes.
    pub fn save_now(&self) {
        if !self.save_pending.try_get_value().unwrap_or(false) {
            return;
        }
        // A shared canvas is not saved; after a storage failure the changes
        // stay pending, so another tab's write cannot silently replace them.
        if self.shared_view.with_untracked(Option::is_some) || !self.storage_ok.get_value() {
            return;
        }
        self.save_pending.set_value(false);
        let id = self.canvas_id.get_untracked();
        let (title, text) = self
            .document
            .with_untracked(|doc| (doc.title.clone(), document_text(doc)));
        // Nothing new to write (a canvas just taken from another tab, or reopened).
        if self.last_written.with_value(|w| *w == text) {
            return;
        }
        let result = storage::save_raw(&canvas_key(&id), &text).and_then(|()| {
            self.last_written.set_value(text);
            self.library.update(|l| {
                l.touch(&id, &title, now());
                l.open = Some(id.clone());
            });
            self.library.with_untracked(save_library)
        });
        match result {
            // Still unsaved: retried with the next change, or when room is made.
            // The person is told once; the header says it until a save succeeds.
            Err(error) => {
                self.save_pending.set_value(true);
                if self.save_failure.get_untracked().is_none() {
                    self.push_notice(
                        NoticeKind::Error,
                        error.to_string(),
                        Vec::new(),
                        Some(NoticeAction::ExportCanvas),
                    );
                }
                self.save_failure.set(Some(error.to_string()));
            }
            Ok(()) => {
                if self.save_failure.get_untracked().is_some() {
                    self.save_failure.set(None);
                    self.notify_status("Saved in this browser again: nothing was lost.");
                }
            }
        }
    }

    /// Tries again to save a canvas whose last save failed (room may have
    /// been made: a canvas deleted here, or storage freed in another tab).
    pub fn retry_save(&self) {
        if self.save_failure.get_untracked().is_some() {
            self.save_now();
        }
    }

    /// Another tab changed storage. The same canvas: taken over when this tab
    /// has nothing unsaved, else the person chooses. The list: followed.
    fn other_tab_wrote(&self, event: &web_sys::StorageEvent) {
        let Some(key) = event.key() else {
            return;
        };
        // Another tab removing something may have made the room a failed save needs.
        if event.new_value().is_none() {
            self.retry_save();
        }
        if key == LIBRARY_KEY {
            if let Some(library) = event.new_value().and_then(|t| Library::parse(&t)) {
                let open = self.library.with_untracked(|l| l.open.clone());
                self.library.set(Library { open, ..library });
            }
            return;
        }
        let id = self.canvas_id.get_untracked();
        if key != canvas_key(&id) || self.shared_view.with_untracked(Option::is_some) {
            return;
        }
        let Some(text) = event.new_value() else {
            self.notify_error(
                "This canvas was deleted in another tab. It stays open here: it will be saved \
                 again with your next change, or export it to keep a file.",
            );
            self.save_pending.set_value(true);
            return;
        };
        if self.last_written.with_value(|w| *w == text) {
            return;
        }
        if self.save_pending.get_value() {
            self.push_notice(
                NoticeKind::Error,
                "This canvas was changed in another tab while you have unsaved changes here. \
                 Keep editing here to keep yours (the other tab's changes are then replaced), \
                 or load the other tab's version."
                    .to_string(),
                Vec::new(),
                Some(NoticeAction::LoadOtherTab),
            );
            return;
        }
        self.take_stored_version(&text);
    }

    fn take_stored_version(&self, text: &str) {
        match read_stored(text) {
            Ok(document) => {
                self.last_written.set_value(text.to_string());
                let view = self.view.get_untracked();
                self.replace_document(document);
                // The same map: stay where the person was looking.
                self.view.set(view);
                self.save_pending.set_value(false);
                self.notify_status("Updated with the changes made in another tab.");
            }
            Err(details) => self.push_notice(
                NoticeKind::Error,
                "Another tab saved this canvas in a form this tab cannot read; yours stays open."
                    .to_string(),
                details,
                None,
            ),
        }
    }

    /// Loads the open canvas as another tab saved it, dropping this tab's
    /// unsaved changes.
    pub fn load_other_tab_version(&self) {
        let id = self.canvas_id.get_untracked();
        self.save_pending.set_value(false);
        match storage::load_raw(&canvas_key(&id)) {
            Some(text) => self.take_stored_version(&text),
            None => self.notify_error("The other tab's version is no longer there."),
        }
    }

    // ----- the list of canvases ------------------------------------------

    /// Adds `document` to the list as a new canvas and opens it.
    pub fn open_as_new_canvas(&self, document: Document) {
        self.save_now();
        self.leave_shared_state();
        let document = with_every_card_placed(document);
        let id = self
            .library
            .try_update(|l| {
                let id = l.add(&document.title, now(), seed());
                l.open = Some(id.clone());
                id
            })
            .unwrap_or_default();
        self.canvas_id.set(id);
        self.replace_document(document);
        // Stored at once: a new canvas exists even before its first change.
        self.save_pending.set_value(true);
        self.save_now();
    }

    /// Starts an empty canvas.
    pub fn new_canvas(&self) {
        self.open_as_new_canvas(Document::new("Untitled canvas"));
        self.notify_status(
            "Started a new, empty canvas. Add a team with “New team”; your other canvases are \
             under “Canvases”.",
        );
    }

    /// Opens the canvas `id` of the list.
    pub fn open_canvas(&self, id: &str) {
        if self.canvas_id.get_untracked() == id && self.shared_view.with_untracked(Option::is_none)
        {
            return;
        }
        self.save_now();
        let Some(text) = storage::load_raw(&canvas_key(id)) else {
            self.notify_error(
                "This canvas is no longer stored in this browser (it may have been deleted in another tab).",
            );
            self.library.update(|l| {
                l.remove(id);
            });
            return;
        };
        match read_stored(&text) {
            Ok(document) => {
                self.leave_shared_state();
                self.canvas_id.set(id.to_string());
                self.library.update(|l| l.open = Some(id.to_string()));
                self.library.with_untracked(save_library).ok();
                self.last_written.set_value(text);
                self.replace_document(document);
                self.save_pending.set_value(false);
            }
            Err(details) => {
                let _ = storage::save_raw(BACKUP_KEY, &text);
                self.push_notice(NoticeKind::Error, unreadable_message(), details, None);
            }
        }
    }

    /// Renames the canvas `id`; the open one through an undoable change.
    pub fn rename_canvas(&self, id: &str, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            self.notify_error("A canvas needs a name.");
            return;
        }
        if id == self.canvas_id.get_untracked() {
            self.apply_or_notify("Rename canvas", |g| {
                g.set_title(title)
                    .map_err(|e| RuleError::Objective(ObjectiveError::Invalid(e)))
            });
            return;
        }
        let Some(text) = storage::load_raw(&canvas_key(id)) else {
            return;
        };
        let Ok(mut document) = read_stored(&text) else {
            self.notify_error("That canvas could not be read, so it was not renamed.");
            return;
        };
        document.title = title.chars().take(200).collect();
        match store_canvas(id, &document) {
            Ok(_) => {
                self.library.update(|l| {
                    if let Some(entry) = l.canvases.iter_mut().find(|e| e.id == id) {
                        entry.title = document.title.clone();
                    }
                });
                self.library.with_untracked(save_library).ok();
            }
            Err(error) => self.notify_error(error.to_string()),
        }
    }

    /// Copies the canvas `id` into a new canvas, which opens.
    pub fn duplicate_canvas(&self, id: &str) {
        let document = if id == self.canvas_id.get_untracked() {
            Some(self.document.get_untracked())
        } else {
            storage::load_raw(&canvas_key(id)).and_then(|t| read_stored(&t).ok())
        };
        let Some(mut document) = document else {
            self.notify_error("That canvas could not be read, so it was not copied.");
            return;
        };
        document.title = copy_title(&document.title);
        let title = document.title.clone();
        self.open_as_new_canvas(document);
        self.notify_status(format!("Opened “{title}”."));
    }

    /// Deletes the canvas `id`, with an Undo in the notice. Deleting the open
    /// canvas opens the next one (or a new, empty one).
    pub fn delete_canvas(&self, id: &str) {
        let open = id == self.canvas_id.get_untracked();
        if open {
            self.save_now();
        }
        let text = storage::load_raw(&canvas_key(id)).unwrap_or_else(|| {
            if open {
                self.document.with_untracked(document_text)
            } else {
                String::new()
            }
        });
        let Some((index, entry)) = self.library.try_update(|l| l.remove(id)).flatten() else {
            return;
        };
        storage::remove(&canvas_key(id));
        self.library.with_untracked(save_library).ok();
        // The room made may be what the open canvas was waiting for.
        if !open {
            self.retry_save();
        }
        let title = entry.title.clone();
        if open {
            let next = self
                .library
                .with_untracked(|l| l.canvases.first().map(|e| e.id.clone()));
            match next {
                Some(next) => {
                    // The deleted canvas is already gone from storage.
                    self.canvas_id.set(String::new());
                    self.open_canvas(&next);
                }
                None => self.open_as_new_canvas(Document::new("Untitled canvas")),
            }
        }
        self.push_notice(
            NoticeKind::Status,
            format!("Deleted “{title}”."),
            Vec::new(),
            Some(NoticeAction::RestoreDeletedCanvas { index, entry, text }),
        );
    }

    /// Puts a deleted canvas back into the list and storage.
    pub fn restore_deleted_canvas(&self, index: usize, entry: &CanvasEntry, text: &str) {
        if let Err(error) = storage::save_raw(&canvas_key(&entry.id), text) {
            self.notify_error(error.to_string());
            return;
        }
        self.library.update(|l| l.restore(index, entry.clone()));
        self.library.with_untracked(save_library).ok();
        self.notify_status(format!("Restored “{}”.", entry.title));
    }
}
