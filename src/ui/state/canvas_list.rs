//! The list of canvases kept in this browser: a new canvas, open, rename,
//! duplicate, replace, download, delete and restore one — each removing
//! stored data only once what replaces it is written.

use leptos::prelude::*;

use super::canvases::{document_text, now, read_canvas, read_stored, seed, unreadable_message};
use super::{with_every_card_placed, AppState, NoticeAction, NoticeKind};
use crate::browser::download::{canvas_file_name, download_text};
use crate::browser::storage::{self, Local};
use crate::domain::graph::{ObjectiveError, RuleError};
use crate::domain::model::Document;
use crate::session::library::{copy_title, CanvasEntry};
use crate::session::store::{self, canvas_key, Keeper, Record, SaveState, Stored};

impl AppState {
    /// Adds `document` to the list as a new canvas and opens it. Returns
    /// whether it opened (the open canvas may have changes storage lacks).
    pub fn open_as_new_canvas(&self, document: Document) -> bool {
        if !self.may_leave_open_canvas() {
            return false;
        }
        self.leave_shared_state();
        let document = with_every_card_placed(document);
        let id = self
            .canvases
            .library
            .try_update(|l| {
                let id = l.add(&document.title, now(), seed());
                l.open = Some(id.clone());
                id
            })
            .unwrap_or_default();
        self.canvases.keeper.set_value(Keeper::created(&id));
        self.canvases.canvas_id.set(id);
        self.replace_document(document);
        // Stored at once: a new canvas exists even before its first change.
        self.save_now();
        true
    }

    /// Starts an empty canvas.
    pub fn new_canvas(&self) {
        if self.open_as_new_canvas(Document::new("Untitled canvas")) {
            self.notices.status(
                "Started a new, empty canvas. Add a team with “New team”; your other canvases \
                 are under “Canvases”.",
            );
        }
    }

    /// Opens the canvas `id` of the list.
    pub fn open_canvas(&self, id: &str) {
        if self.canvases.canvas_id.get_untracked() == id
            && self.canvases.shared_view.with_untracked(Option::is_none)
        {
            return;
        }
        if !self.may_leave_open_canvas() {
            return;
        }
        self.open_stored(id);
    }

    /// Opens the stored canvas `id`, whatever is open; returns whether it opened.
    pub(super) fn open_stored(&self, id: &str) -> bool {
        match read_canvas(id) {
            Ok(Some((keeper, document))) => {
                self.show_stored(id, keeper, document);
                true
            }
            Ok(None) => {
                self.notices.error(
                    "This canvas is no longer stored in this browser (it may have been deleted in another tab).",
                );
                self.reload_library();
                false
            }
            Err(details) => {
                self.canvases.unreadable.update(|u| {
                    u.insert(id.to_string(), details.clone());
                });
                self.notices
                    .push(NoticeKind::Error, unreadable_message(1), details, None);
                false
            }
        }
    }

    /// Shows the canvas `id` as `read_canvas` read it.
    pub(super) fn show_stored(&self, id: &str, keeper: Keeper, document: Document) {
        self.leave_shared_state();
        self.canvases.keeper.set_value(keeper);
        self.canvases.save_state.set(SaveState::Saved);
        self.canvases.canvas_id.set(id.to_string());
        let _ = store::update_library(&mut Local, |l| l.open = Some(id.to_string()));
        self.replace_document(document);
        self.reload_library();
    }

    /// Renames the canvas `id`; the open one through an undoable change.
    pub fn rename_canvas(&self, id: &str, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            self.notices.error("A canvas needs a name.");
            return;
        }
        if id == self.canvases.canvas_id.get_untracked() {
            self.apply_or_notify("Rename canvas", |g| {
                g.set_title(title)
                    .map_err(|e| RuleError::Objective(ObjectiveError::Invalid(e)))
            });
            return;
        }
        let Ok(Stored::Found(record)) = store::read(&Local, id) else {
            self.notices
                .error("That canvas could not be read, so it was not renamed.");
            return;
        };
        let Ok(mut document) = read_stored(&record.text) else {
            self.notices
                .error("That canvas could not be read, so it was not renamed.");
            return;
        };
        document.title = title.chars().take(200).collect();
        let renamed = Record {
            revision: record.revision + 1,
            saved_at: now(),
            title: document.title.clone(),
            text: document_text(&document),
        };
        let result = storage::save_raw(&canvas_key(id), &renamed.encode()).and_then(|()| {
            store::update_library(&mut Local, |l| {
                if let Some(entry) = l.canvases.iter_mut().find(|e| e.id == id) {
                    entry.title = document.title.clone();
                }
            })
        });
        match result {
            Ok(_) => self.reload_library(),
            Err(error) => self.notices.error(error.to_string()),
        }
    }

    /// Copies the canvas `id` into a new canvas, which opens.
    pub fn duplicate_canvas(&self, id: &str) {
        let document = if id == self.canvases.canvas_id.get_untracked() {
            Some(self.document.get_untracked())
        } else {
            read_canvas(id).ok().flatten().map(|(_, document)| document)
        };
        let Some(mut document) = document else {
            self.notices
                .error("That canvas could not be read, so it was not copied.");
            return;
        };
        document.title = copy_title(&document.title);
        let title = document.title.clone();
        if self.open_as_new_canvas(document) {
            self.notices.status(format!("Opened “{title}”."));
        }
    }

    /// Deletes the canvas `id` after a file opened beside it asked to
    /// replace it: only once the file's canvas is safely stored.
    pub fn replace_canvas(&self, id: &str) {
        if self.unsaved_reason().is_some() {
            let title = self
                .canvases
                .library
                .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
                .unwrap_or_default();
            self.notices.push(
                NoticeKind::Error,
                format!(
                    "“{title}” was kept: the canvas just opened is not saved in this browser, so \
                     replacing would lose both. Export the open canvas, or make room, then delete \
                     “{title}” under Canvases."
                ),
                Vec::new(),
                Some(NoticeAction::ExportCanvas),
            );
            return;
        }
        self.delete_canvas(id);
    }

    /// Downloads the stored canvas `id` as it is, for one that cannot be opened.
    pub fn download_stored(&self, id: &str) {
        let Some(text) = store::raw_canvas_text(&Local, id) else {
            self.notices
                .error("That canvas is no longer stored in this browser.");
            return;
        };
        let title = self
            .canvases
            .library
            .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
            .unwrap_or_else(|| "canvas".to_string());
        let file_name = canvas_file_name(&title);
        match download_text(&file_name, "application/json", &text) {
            Ok(()) => self
                .notices
                .status(format!("Downloaded {file_name} as it was stored.")),
            Err(message) => self.notices.error(message),
        }
    }

    /// Deletes the canvas `id`, with an Undo in the notice. Deleting the open
    /// canvas opens the next one (or a new, empty one).
    pub fn delete_canvas(&self, id: &str) {
        let open = id == self.canvases.canvas_id.get_untracked();
        // What Undo writes back: the stored text as it is, or the open canvas
        // as it is on screen (with any change not saved yet).
        let stored = if open {
            let (title, text) = self
                .document
                .with_untracked(|d| (d.title.clone(), document_text(d)));
            Some(
                Record {
                    revision: 1,
                    saved_at: now(),
                    title,
                    text,
                }
                .encode(),
            )
        } else {
            storage::load_raw(&canvas_key(id))
        };
        let Some(text) = stored else {
            self.reload_library();
            return;
        };
        let Some((index, entry)) = self.canvases.library.try_update(|l| l.remove(id)).flatten()
        else {
            return;
        };
        storage::remove(&canvas_key(id));
        let _ = store::update_library(&mut Local, |l| {
            l.remove(id);
        });
        self.canvases.unreadable.update(|u| {
            u.remove(id);
        });
        // The room made may be what the open canvas was waiting for.
        if !open {
            self.retry_save();
        }
        let title = entry.title.clone();
        if open {
            let next = self
                .canvases
                .library
                .with_untracked(|l| l.canvases.first().map(|e| e.id.clone()));
            // The deleted canvas is gone: nothing of it is left to save.
            self.canvases.keeper.set_value(Keeper::created(""));
            self.canvases
                .keeper
                .update_value(|k| k.state = SaveState::Saved);
            self.canvases.canvas_id.set(String::new());
            if !next.is_some_and(|next| self.open_stored(&next)) {
                self.open_as_new_canvas(Document::new("Untitled canvas"));
            }
        }
        self.notices.push(
            NoticeKind::Status,
            format!("Deleted “{title}”."),
            Vec::new(),
            Some(NoticeAction::RestoreDeletedCanvas { index, entry, text }),
        );
    }

    /// Puts a deleted canvas back into the list and storage, as it was stored.
    pub fn restore_deleted_canvas(&self, index: usize, entry: &CanvasEntry, text: &str) {
        let key = canvas_key(&entry.id);
        if storage::load_raw(&key).is_none() {
            if let Err(error) = storage::save_raw(&key, text) {
                self.notices.error(error.to_string());
                return;
            }
        }
        let _ = store::update_library(&mut Local, |l| l.restore(index, entry.clone()));
        self.reload_library();
        self.notices.status(format!("Restored “{}”.", entry.title));
    }
}
