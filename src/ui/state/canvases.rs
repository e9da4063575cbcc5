//! Keeping canvases in this browser: several of them, each under its own
//! storage key with the list beside them, saved a moment after each change
//! and at once when the tab is hidden or closed, and kept in step with other
//! tabs editing the same canvases.
//!
//! The rules that keep work from being lost (compare before write, nothing
//! removed before its replacement is written, the list rebuilt from the keys,
//! unreadable canvases left in place) are the pure `crate::session::store`'s; this
//! module runs them on the browser's storage and tells the person what they
//! mean: a "Not saved" state in the header, a choice when another tab wrote
//! the same canvas, an offer to keep a canvas another tab deleted.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{sample_canvas, with_every_card_placed, AppState, NoticeAction, NoticeKind};
use crate::browser::download::{canvas_file_name, download_text};
use crate::browser::storage::{self, Local, StorageError, CURRENT_CANVAS_KEY};
use crate::domain::graph::{ObjectiveError, RuleError};
use crate::domain::import::import;
use crate::domain::model::Document;
use crate::session::library::{copy_title, CanvasEntry, Library};
use crate::session::store::{
    self, canvas_key, Keeper, Record, SaveOutcome, SaveState, Stored, LIBRARY_KEY, OLD_BACKUP_KEY,
};

/// How long after a change the canvas is saved: typing a title saves once.
const SAVE_DELAY_MS: u64 = 400;

fn now() -> f64 {
    js_sys::Date::now()
}

fn seed() -> u64 {
    (js_sys::Math::random() * 1e15) as u64
}

/// What the app opens with, and what to tell the person about it.
pub(super) struct Startup {
    pub library: Library,
    pub keeper: Keeper,
    pub document: Document,
    /// Stored canvases that could not be opened, with why.
    pub unreadable: BTreeMap<String, Vec<String>>,
    pub notices: Vec<(String, Vec<String>)>,
}

/// Reads the list and the open canvas from storage, moving in what older
/// versions kept, rebuilding a lost or damaged list, and falling back to the
/// sample in `today`'s quarter (in memory when storage is unavailable).
pub(super) fn restore(today: &str) -> Startup {
    let mut notices = Vec::new();
    let mut backend = Local;
    if !storage::is_available() {
        return in_memory(today, StorageError::Unavailable);
    }
    store::adopt_old_keys(
        &mut backend,
        &[CURRENT_CANVAS_KEY, OLD_BACKUP_KEY],
        now(),
        seed(),
    );
    let loaded = match store::load_library(&backend) {
        Ok(loaded) => loaded,
        Err(error) => return in_memory(today, error),
    };
    if loaded.damaged {
        notices.push((
            format!(
                "The list of your canvases could not be read, so it was rebuilt from the {} \
                 found in this browser.",
                canvases_count(loaded.library.canvases.len())
            ),
            Vec::new(),
        ));
    }
    let mut library = loaded.library;

    // The canvas open last time, else the most recent, else the sample.
    let candidates: Vec<String> = library
        .open
        .iter()
        .cloned()
        .chain(library.canvases.iter().map(|e| e.id.clone()))
        .collect();
    // Found beside the list and already read once: kept, listed, not opened.
    let mut unreadable: BTreeMap<String, Vec<String>> = loaded
        .unreadable
        .into_iter()
        .map(|id| (id, vec![NOT_A_RECORD.to_string()]))
        .collect();
    let mut opened = None;
    for id in candidates {
        if unreadable.contains_key(&id) {
            continue;
        }
        match read_canvas(&id) {
            Ok(Some((keeper, document))) => {
                opened = Some((keeper, document));
                break;
            }
            Ok(None) => {}
            Err(details) => {
                unreadable.insert(id, details);
            }
        }
    }
    if !unreadable.is_empty() {
        let details = unreadable
            .iter()
            .flat_map(|(id, lines)| {
                let title = library
                    .entry(id)
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                lines.iter().map(move |line| format!("“{title}”: {line}"))
            })
            .collect();
        notices.push((unreadable_message(unreadable.len()), details));
    }
    let (keeper, document) = match opened {
        Some(opened) => opened,
        None => {
            let document = sample_canvas(today);
            let id = library.add(&document.title, now(), seed());
            let mut keeper = Keeper::created(&id);
            keeper.save(
                &mut backend,
                &document.title,
                &document_text(&document),
                now(),
            );
            (keeper, document)
        }
    };
    library = store::update_library(&mut backend, |l| l.open = Some(keeper.id.clone()))
        .unwrap_or_else(|_| Library {
            open: Some(keeper.id.clone()),
            ..library
        });
    Startup {
        library,
        keeper,
        document,
        unreadable,
        notices,
    }
}

/// The sample, kept in memory only: storage cannot be used.
fn in_memory(today: &str, error: StorageError) -> Startup {
    let mut library = Library::default();
    let document = sample_canvas(today);
    let id = library.add(&document.title, now(), seed());
    library.open = Some(id.clone());
    let mut keeper = Keeper::created(&id);
    keeper.state = SaveState::Failed(error.clone());
    Startup {
        library,
        keeper,
        document,
        unreadable: BTreeMap::new(),
        notices: vec![(error.to_string(), Vec::new())],
    }
}

/// Reads the canvas `id` through the same import (validation, migration of
/// older versions) as a file: `None` when it is not stored, `Err` with why
/// when it cannot be opened.
fn read_canvas(id: &str) -> Result<Option<(Keeper, Document)>, Vec<String>> {
    match store::read(&Local, id) {
        Ok(Stored::Found(record)) => {
            let document = read_stored(&record.text)?;
            let keeper = Keeper::opened(id, record.revision, &document_text(&document));
            Ok(Some((keeper, document)))
        }
        Ok(Stored::Unreadable(_)) => Err(vec![NOT_A_RECORD.to_string()]),
        Ok(Stored::Missing) | Err(_) => Ok(None),
    }
}

/// Why a stored canvas whose text is no record of this version was not opened.
const NOT_A_RECORD: &str = "what is stored is not a canvas this version of the app can read.";

fn canvases_count(n: usize) -> String {
    if n == 1 {
        "1 canvas".to_string()
    } else {
        format!("{n} canvases")
    }
}

fn unreadable_message(count: usize) -> String {
    let what = if count == 1 {
        "A canvas saved in this browser could not be opened. It is kept as it was"
    } else {
        "Some canvases saved in this browser could not be opened. They are kept as they were"
    };
    format!("{what}: under Canvases you can download it as it is, or delete it.")
}

/// A stored canvas as a document.
fn read_stored(text: &str) -> Result<Document, Vec<String>> {
    import(text.as_bytes())
        .map(|imported| with_every_card_placed(imported.document))
        .map_err(|failure| failure.errors().iter().map(|e| e.to_string()).collect())
}

fn document_text(document: &Document) -> String {
    serde_json::to_string(document).unwrap_or_default()
}

impl AppState {
    /// Saves a moment after every change to the person's own canvas, at once
    /// when the page is hidden or closed, and follows other tabs.
    pub(super) fn keep_saved(&self) {
        let state = *self;
        Effect::new(move |first: Option<()>| {
            state.document.track();
            // A canvas opened or taken from storage is no change of the person's.
            let replaced = state.replaced.try_update_value(std::mem::take) == Some(true);
            // A shared canvas is not the person's: it is saved once they edit a copy.
            if state.shared_view.with(Option::is_some) || first.is_none() || replaced {
                return;
            }
            state.keeper.update_value(Keeper::changed);
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

    /// Writes the open canvas now if it has unsaved changes and storage
    /// still holds the version this tab knows.
    pub fn save_now(&self) {
        if self.shared_view.with_untracked(Option::is_some) {
            return;
        }
        let Some(before) = self.keeper.try_with_value(|k| k.state.clone()) else {
            return;
        };
        if before == SaveState::Saved {
            return;
        }
        let (title, text) = self
            .document
            .with_untracked(|doc| (doc.title.clone(), document_text(doc)));
        let outcome = self
            .keeper
            .try_update_value(|k| k.save(&mut Local, &title, &text, now()))
            .unwrap_or(SaveOutcome::Nothing);
        self.after_save(&before, outcome);
    }

    /// Tells the person what a save (or another tab) changed.
    fn after_save(&self, before: &SaveState, outcome: SaveOutcome) {
        let after = self.keeper.with_value(|k| k.state.clone());
        if self.save_state.with_untracked(|s| *s != after) {
            self.save_state.set(after.clone());
        }
        match outcome {
            SaveOutcome::Written(_) => {
                self.reload_library();
                if !matches!(before, SaveState::Saved | SaveState::Unsaved) {
                    self.notify_status("Saved in this browser again: nothing was lost.");
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
    fn tell_save_state(&self, state: &SaveState) {
        match state {
            SaveState::Failed(error) => self.push_notice(
                NoticeKind::Error,
                error.to_string(),
                Vec::new(),
                Some(NoticeAction::ExportCanvas),
            ),
            SaveState::Conflict => self.conflict_open.set(true),
            SaveState::Deleted => {
                let title = self.document.with_untracked(|d| d.title.clone());
                self.push_notice(
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
            .keeper
            .with_value(|k| matches!(k.state, SaveState::Failed(_)))
        {
            self.save_now();
        }
    }

    /// Reads the list afresh from storage, keeping the open canvas listed
    /// even while it is not stored.
    fn reload_library(&self) {
        let Ok(loaded) = store::load_library(&Local) else {
            return;
        };
        let mut library = loaded.library;
        let id = self.keeper.with_value(|k| k.id.clone());
        if library.entry(&id).is_none() {
            let title = self.document.with_untracked(|d| d.title.clone());
            library.insert_by_date(CanvasEntry {
                id: id.clone(),
                title,
                saved_at: now(),
            });
        }
        library.open = Some(id);
        self.library.set(library);
    }

    /// Another tab changed storage. The same canvas: taken over when this tab
    /// has nothing unsaved, else the person chooses. The list: followed.
    fn other_tab_wrote(&self, event: &web_sys::StorageEvent) {
        let Some(key) = event.key() else {
            // The whole storage was cleared.
            self.keeper.update_value(|k| {
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
        let id = self.keeper.with_value(|k| k.id.clone());
        if key != canvas_key(&id) || self.shared_view.with_untracked(Option::is_some) {
            return;
        }
        self.catch_up_with_storage();
    }

    /// Shows the open canvas as storage has it now, dropping this tab's
    /// unsaved changes.
    pub fn take_stored_version(&self) {
        let id = self.keeper.with_value(|k| k.id.clone());
        match read_canvas(&id) {
            Ok(Some((keeper, document))) => {
                self.keeper.set_value(keeper);
                self.save_state.set(SaveState::Saved);
                self.conflict_open.set(false);
                let view = self.view.get_untracked();
                self.replace_document(document);
                // The same map: stay where the person was looking.
                self.view.set(view);
                self.notify_status("Updated with the changes made in another tab.");
            }
            Ok(None) => {
                self.notify_error("The other tab's version is no longer there; yours stays open.")
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

    /// What the header's "Not saved" button does: the way out of each state.
    pub fn settle_save_state(&self) {
        match self.keeper.with_value(|k| k.state.clone()) {
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
        let id = self.keeper.with_value(|k| k.id.clone());
        let stored = storage::load_raw(&canvas_key(&id));
        let before = self.keeper.with_value(|k| k.state.clone());
        let take = self
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
        self.keeper.update_value(|k| k.keep_mine(&Local));
        self.conflict_open.set(false);
        // A failed write is told by `save_now` itself.
        self.save_now();
        if self.keeper.with_value(|k| k.state == SaveState::Saved) {
            let title = self.document.with_untracked(|d| d.title.clone());
            self.notify_status(format!("Kept this tab's version of “{title}”."));
        }
    }

    /// The canvas as another tab stored it, for the conflict's comparison.
    pub fn stored_version(&self) -> Option<(Record, Result<Document, Vec<String>>)> {
        let id = self.keeper.with_value(|k| k.id.clone());
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
    fn unsaved_reason(&self) -> Option<String> {
        self.save_now();
        let state = self.keeper.with_value(|k| k.state.clone());
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
    fn may_leave_open_canvas(&self) -> bool {
        if self.shared_view.with_untracked(Option::is_some) {
            return true;
        }
        match self.unsaved_reason() {
            None => true,
            Some(reason) => {
                let conflict = self.keeper.with_value(|k| k.state == SaveState::Conflict);
                self.push_notice(
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

    // ----- the list of canvases ------------------------------------------

    /// Adds `document` to the list as a new canvas and opens it. Returns
    /// whether it opened (the open canvas may have changes storage lacks).
    pub fn open_as_new_canvas(&self, document: Document) -> bool {
        if !self.may_leave_open_canvas() {
            return false;
        }
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
        self.keeper.set_value(Keeper::created(&id));
        self.canvas_id.set(id);
        self.replace_document(document);
        // Stored at once: a new canvas exists even before its first change.
        self.save_now();
        true
    }

    /// Starts an empty canvas.
    pub fn new_canvas(&self) {
        if self.open_as_new_canvas(Document::new("Untitled canvas")) {
            self.notify_status(
                "Started a new, empty canvas. Add a team with “New team”; your other canvases \
                 are under “Canvases”.",
            );
        }
    }

    /// Opens the canvas `id` of the list.
    pub fn open_canvas(&self, id: &str) {
        if self.canvas_id.get_untracked() == id && self.shared_view.with_untracked(Option::is_none)
        {
            return;
        }
        if !self.may_leave_open_canvas() {
            return;
        }
        self.open_stored(id);
    }

    /// Opens the stored canvas `id`, whatever is open; returns whether it opened.
    fn open_stored(&self, id: &str) -> bool {
        match read_canvas(id) {
            Ok(Some((keeper, document))) => {
                self.leave_shared_state();
                self.keeper.set_value(keeper);
                self.save_state.set(SaveState::Saved);
                self.canvas_id.set(id.to_string());
                let _ = store::update_library(&mut Local, |l| l.open = Some(id.to_string()));
                self.replace_document(document);
                self.reload_library();
                true
            }
            Ok(None) => {
                self.notify_error(
                    "This canvas is no longer stored in this browser (it may have been deleted in another tab).",
                );
                self.reload_library();
                false
            }
            Err(details) => {
                self.unreadable.update(|u| {
                    u.insert(id.to_string(), details.clone());
                });
                self.push_notice(NoticeKind::Error, unreadable_message(1), details, None);
                false
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
        let Ok(Stored::Found(record)) = store::read(&Local, id) else {
            self.notify_error("That canvas could not be read, so it was not renamed.");
            return;
        };
        let Ok(mut document) = read_stored(&record.text) else {
            self.notify_error("That canvas could not be read, so it was not renamed.");
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
            Err(error) => self.notify_error(error.to_string()),
        }
    }

    /// Copies the canvas `id` into a new canvas, which opens.
    pub fn duplicate_canvas(&self, id: &str) {
        let document = if id == self.canvas_id.get_untracked() {
            Some(self.document.get_untracked())
        } else {
            read_canvas(id).ok().flatten().map(|(_, document)| document)
        };
        let Some(mut document) = document else {
            self.notify_error("That canvas could not be read, so it was not copied.");
            return;
        };
        document.title = copy_title(&document.title);
        let title = document.title.clone();
        if self.open_as_new_canvas(document) {
            self.notify_status(format!("Opened “{title}”."));
        }
    }

    /// Deletes the canvas `id` after a file opened beside it asked to
    /// replace it: only once the file's canvas is safely stored.
    pub fn replace_canvas(&self, id: &str) {
        if self.unsaved_reason().is_some() {
            let title = self
                .library
                .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
                .unwrap_or_default();
            self.push_notice(
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
            self.notify_error("That canvas is no longer stored in this browser.");
            return;
        };
        let title = self
            .library
            .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
            .unwrap_or_else(|| "canvas".to_string());
        let file_name = canvas_file_name(&title);
        match download_text(&file_name, "application/json", &text) {
            Ok(()) => self.notify_status(format!("Downloaded {file_name} as it was stored.")),
            Err(message) => self.notify_error(message),
        }
    }

    /// Deletes the canvas `id`, with an Undo in the notice. Deleting the open
    /// canvas opens the next one (or a new, empty one).
    pub fn delete_canvas(&self, id: &str) {
        let open = id == self.canvas_id.get_untracked();
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
        let Some((index, entry)) = self.library.try_update(|l| l.remove(id)).flatten() else {
            return;
        };
        storage::remove(&canvas_key(id));
        let _ = store::update_library(&mut Local, |l| {
            l.remove(id);
        });
        self.unreadable.update(|u| {
            u.remove(id);
        });
        // The room made may be what the open canvas was waiting for.
        if !open {
            self.retry_save();
        }
        let title = entry.title.clone();
        if open {
            let next = self
                .library
                .with_untracked(|l| l.canvases.first().map(|e| e.id.clone()));
            // The deleted canvas is gone: nothing of it is left to save.
            self.keeper.set_value(Keeper::created(""));
            self.keeper.update_value(|k| k.state = SaveState::Saved);
            self.canvas_id.set(String::new());
            if !next.is_some_and(|next| self.open_stored(&next)) {
                self.open_as_new_canvas(Document::new("Untitled canvas"));
            }
        }
        self.push_notice(
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
                self.notify_error(error.to_string());
                return;
            }
        }
        let _ = store::update_library(&mut Local, |l| l.restore(index, entry.clone()));
        self.reload_library();
        self.notify_status(format!("Restored “{}”.", entry.title));
    }
}
