//! Saving the open canvas a moment after each change, at once when the tab
//! is hidden or closed, and keeping in step with other tabs editing the same
//! canvases: the "Not saved" state in the header, the choice when another tab
//! wrote the same canvas, the offer to keep a canvas another tab deleted.

use leptos::prelude::*;

use super::canvases::{document_text, now, read_canvas, read_stored, SAVE_DELAY_MS};
use super::{AppState, NoticeAction, NoticeKind};
use crate::browser::storage::{self, Local, StorageError};
use crate::browser::window::header_now;
use crate::domain::model::Document;
use crate::output::picture::preview_for;
use crate::session::library::CanvasEntry;
use crate::session::store::{
    self, canvas_key, Keeper, PreviewFrame, Record, SaveOutcome, SaveState, Stored, LIBRARY_KEY,
    PREVIEW_KEY,
};

impl AppState {
    /// Saves a moment after every change to the person's own canvas, at once
    /// when the page is hidden or closed, and follows other tabs.
    pub(super) fn keep_saved(&self) {
        let state = *self;
        Effect::new(move |first: Option<()>| {
            state.document.track();
            // A canvas opened or taken from storage is no change of the person's.
            let replaced = state.canvases.replaced.try_update_value(std::mem::take) == Some(true);
            // A shared canvas is not the person's: it is saved once they edit a copy.
            if state.canvases.shared_view.with(Option::is_some) || first.is_none() || replaced {
                return;
            }
            state.canvases.keeper.update_value(Keeper::changed);
            let generation = state.canvases.save_generation.get_value() + 1;
            state.canvases.save_generation.set_value(generation);
            set_timeout(
                move || {
                    if state.canvases.save_generation.try_get_value() == Some(generation) {
                        state.save_now();
                    }
                },
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        });
        let on_page_hide = window_event_listener(leptos::ev::pagehide, move |_| {
            state.save_now();
            state.keep_preview();
        });
        let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if hidden {
                state.save_now();
                state.keep_preview();
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

    /// Writes the open canvas now if it has unsaved changes and storage
    /// still holds the version this tab knows.
    pub fn save_now(&self) {
        if self.canvases.shared_view.with_untracked(Option::is_some) {
            return;
        }
        let Some(before) = self.canvases.keeper.try_with_value(|k| k.state.clone()) else {
            return;
        };
        if before == SaveState::Saved {
            return;
        }
        let (title, text) = self
            .document
            .with_untracked(|doc| (doc.title.clone(), document_text(doc)));
        let save = || {
            self.canvases
                .keeper
                .try_update_value(|k| k.save(&mut Local, &title, &text, now()))
                .unwrap_or(SaveOutcome::Nothing)
        };
        let mut outcome = save();
        // The picture kept for the next open is a cache: its room goes to the canvas.
        let full = SaveOutcome::Refused(SaveState::Failed(StorageError::QuotaExceeded));
        if outcome == full && storage::load_raw(PREVIEW_KEY).is_some() {
            self.drop_preview();
            outcome = save();
        }
        self.after_save(&before, outcome);
    }

    /// Keeps a picture of the open canvas's map for the page's next first paint
    /// (`public/boot-picture.js`), or removes the last one when there is no picture to
    /// keep (a shared canvas shown, an empty or very large map) or no room for it:
    /// an old picture of another map would show the wrong one. Nothing is done
    /// when the picture this tab kept last is of the map as it is, in the same
    /// frame (the header grows when the title or the review's count wraps the
    /// toolbar, after the first save).
    pub(super) fn keep_preview(&self) {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        let frame = header_now().map(|(width, height)| PreviewFrame {
            window_width: width,
            header_height: height,
        });
        let of = (id, self.canvases.save_generation.get_value(), frame);
        if self
            .canvases
            .preview_of
            .with_value(|kept| kept.as_ref() == Some(&of))
        {
            return;
        }
        let picture = if self.canvases.shared_view.with_untracked(Option::is_some) {
            None
        } else {
            // The zoom the map will open at, which decides how a sketch draws it.
            let scale = self.viewport.fitted_view().map_or(1.0, |view| view.scale);
            self.scene
                .with_untracked(|scene| preview_for(scene, scale))
                .and_then(|svg| store::preview_record(&of.0, &svg, frame))
        };
        match picture {
            Some(text) if storage::save_raw(PREVIEW_KEY, &text).is_ok() => {
                self.canvases.preview_of.set_value(Some(of));
            }
            _ => self.drop_preview(),
        }
    }

    /// Removes the picture kept for the next open.
    fn drop_preview(&self) {
        storage::remove(PREVIEW_KEY);
        self.canvases.preview_of.set_value(None);
    }

    /// Keeps a picture of the open canvas once it is first saved, when this tab
    /// has none of it yet; later pictures are kept as the page is hidden, not at
    /// every save.
    fn keep_first_preview(&self) {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        let kept = self
            .canvases
            .preview_of
            .with_value(|kept| kept.as_ref().is_some_and(|(of, _, _)| *of == id));
        if !kept {
            self.keep_preview();
        }
    }

    /// Tells the person what a save (or another tab) changed.
    pub(super) fn after_save(&self, before: &SaveState, outcome: SaveOutcome) {
        let after = self.canvases.keeper.with_value(|k| k.state.clone());
        if self.canvases.save_state.with_untracked(|s| *s != after) {
            self.canvases.save_state.set(after.clone());
        }
        match outcome {
            SaveOutcome::Written(_) => {
                self.reload_library();
                self.keep_first_preview();
                if !matches!(before, SaveState::Saved | SaveState::Unsaved) {
                    self.notices
                        .status("Saved in this browser again: nothing was lost.");
                }
            }
            SaveOutcome::Refused(_) | SaveOutcome::Nothing => {
                if *before != after {
                    self.tell_save_state(&after);
                }
            }
        }
    }

    /// The message for a save state the person has to act on.
    pub(super) fn tell_save_state(&self, state: &SaveState) {
        match state {
            SaveState::Failed(error) => self.notices.push(
                NoticeKind::Error,
                error.to_string(),
                Vec::new(),
                Some(NoticeAction::ExportCanvas),
            ),
            SaveState::Conflict => self.conflict_open.set(true),
            SaveState::Deleted => {
                let title = self.document.with_untracked(|d| d.title.clone());
                self.notices.push(
                    NoticeKind::Error,
                    format!(
                        "“{title}” was deleted in another tab. It stays open here, not saved: \
                         keep it to store it in this browser again."
                    ),
                    Vec::new(),
                    Some(NoticeAction::KeepDeletedCanvas),
                );
            }
            SaveState::Saved | SaveState::Unsaved => {}
        }
    }

    /// Tries again to save a canvas whose last save failed (room may have
    /// been made: a canvas deleted here, or storage freed in another tab).
    pub fn retry_save(&self) {
        if self
            .canvases
            .keeper
            .with_value(|k| matches!(k.state, SaveState::Failed(_)))
        {
            self.save_now();
        }
    }

    /// Reads the list afresh from storage, keeping the open canvas listed
    /// even while it is not stored.
    pub(super) fn reload_library(&self) {
        let Ok(loaded) = store::load_library(&Local) else {
            return;
        };
        let mut library = loaded.library;
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        if library.entry(&id).is_none() {
            let title = self.document.with_untracked(|d| d.title.clone());
            library.insert_by_date(CanvasEntry {
                id: id.clone(),
                title,
                saved_at: now(),
            });
        }
        library.open = Some(id);
        self.canvases.library.set(library);
    }

    /// Another tab changed storage. The same canvas: taken over when this tab
    /// has nothing unsaved, else the person chooses. The list: followed.
    pub(super) fn other_tab_wrote(&self, event: &web_sys::StorageEvent) {
        let Some(key) = event.key() else {
            // The whole storage was cleared.
            self.canvases.keeper.update_value(|k| {
                k.other_tab_wrote(None);
            });
            self.after_save(&SaveState::Saved, SaveOutcome::Nothing);
            return;
        };
        // Another tab removing something may have made the room a failed save needs.
        if event.new_value().is_none() {
            self.retry_save();
        }
        if key == LIBRARY_KEY {
            self.reload_library();
            return;
        }
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        if key != canvas_key(&id) || self.canvases.shared_view.with_untracked(Option::is_some) {
            return;
        }
        self.catch_up_with_storage();
    }

    /// Shows the open canvas as storage has it now, dropping this tab's
    /// unsaved changes.
    pub fn take_stored_version(&self) {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        match read_canvas(&id) {
            Ok(Some((keeper, document))) => {
                self.canvases.keeper.set_value(keeper);
                self.canvases.save_state.set(SaveState::Saved);
                self.conflict_open.set(false);
                let view = self.viewport.view.get_untracked();
                self.replace_document(document);
                // The same map: stay where the person was looking.
                self.viewport.view.set(view);
                self.notices
                    .status("Updated with the changes made in another tab.");
            }
            Ok(None) => self
                .notices
                .error("The other tab's version is no longer there; yours stays open."),
            Err(details) => self.notices.push(
                NoticeKind::Error,
                "Another tab saved this canvas in a form this tab cannot read; yours stays open."
                    .to_string(),
                details,
                None,
            ),
        }
    }

    /// What the header's "Not saved" button does: the way out of each state.
    pub fn settle_save_state(&self) {
        match self.canvases.keeper.with_value(|k| k.state.clone()) {
            SaveState::Failed(_) => self.export_canvas(),
            SaveState::Conflict => self.conflict_open.set(true),
            SaveState::Deleted => self.keep_this_version(),
            SaveState::Saved | SaveState::Unsaved => {}
        }
    }

    /// Brings the open canvas in step with storage after a while away from it
    /// (a shared canvas shown): another tab's newer version is taken when this
    /// tab has nothing unsaved; a deletion is offered back.
    pub(super) fn catch_up_with_storage(&self) {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        let stored = storage::load_raw(&canvas_key(&id));
        let before = self.canvases.keeper.with_value(|k| k.state.clone());
        let take = self
            .canvases
            .keeper
            .try_update_value(|k| k.other_tab_wrote(stored.as_deref()))
            .unwrap_or(false);
        if take {
            self.take_stored_version();
        } else {
            self.after_save(&before, SaveOutcome::Nothing);
        }
    }

    /// Keeps this tab's version over another tab's write or deletion: it is
    /// written at once.
    pub fn keep_this_version(&self) {
        self.canvases.keeper.update_value(|k| k.keep_mine(&Local));
        self.conflict_open.set(false);
        // A failed write is told by `save_now` itself.
        self.save_now();
        if self
            .canvases
            .keeper
            .with_value(|k| k.state == SaveState::Saved)
        {
            let title = self.document.with_untracked(|d| d.title.clone());
            self.notices
                .status(format!("Kept this tab's version of “{title}”."));
        }
    }

    /// The revision of the open canvas in storage, without reading the canvas.
    pub(super) fn stored_revision(&self) -> Option<u64> {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        match store::read(&Local, &id) {
            Ok(Stored::Found(record)) => Some(record.revision),
            _ => None,
        }
    }

    /// The canvas as another tab stored it, for the conflict's comparison.
    pub fn stored_version(&self) -> Option<(Record, Result<Document, Vec<String>>)> {
        let id = self.canvases.keeper.with_value(|k| k.id.clone());
        match store::read(&Local, &id) {
            Ok(Stored::Found(record)) => {
                let document = read_stored(&record.text);
                Some((record, document))
            }
            _ => None,
        }
    }

    /// Whether the open canvas is kept in storage as it is on screen; else
    /// why not, for the person.
    pub(super) fn unsaved_reason(&self) -> Option<String> {
        self.save_now();
        let state = self.canvases.keeper.with_value(|k| k.state.clone());
        let title = self.document.with_untracked(|d| d.title.clone());
        match state {
            SaveState::Saved => None,
            // Nothing can be stored at all: the canvas was in memory from the start.
            SaveState::Failed(StorageError::Unavailable) => None,
            SaveState::Failed(_) | SaveState::Unsaved => Some(format!(
                "“{title}” has changes that are not saved in this browser (storage is full). \
                 Export it, or make room, before opening another canvas."
            )),
            SaveState::Conflict => Some(format!(
                "“{title}” was also changed in another tab. Choose which version to keep before \
                 opening another canvas."
            )),
            SaveState::Deleted => Some(format!(
                "“{title}” was deleted in another tab and is open here, not saved. Keep it or \
                 export it before opening another canvas."
            )),
        }
    }

    /// Refuses to leave a canvas whose changes storage does not have.
    pub(super) fn may_leave_open_canvas(&self) -> bool {
        if self.canvases.shared_view.with_untracked(Option::is_some) {
            return true;
        }
        match self.unsaved_reason() {
            None => true,
            Some(reason) => {
                let conflict = self
                    .canvases
                    .keeper
                    .with_value(|k| k.state == SaveState::Conflict);
                self.notices.push(
                    NoticeKind::Error,
                    reason,
                    Vec::new(),
                    Some(if conflict {
                        NoticeAction::ShowConflict
                    } else {
                        NoticeAction::ExportCanvas
                    }),
                );
                false
            }
        }
    }
}
