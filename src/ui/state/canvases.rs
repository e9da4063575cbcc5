//! Keeping canvases in this browser: several of them, each under its own
//! storage key with the list beside them. This file holds the handle (the
//! list, the open canvas's id, this tab's hold on it) and what the app opens
//! with; saving and other tabs are in `saving.rs`, the list's actions in
//! `canvas_list.rs`.
//!
//! The rules that keep work from being lost (compare before write, nothing
//! removed before its replacement is written, the list rebuilt from the keys,
//! unreadable canvases left in place) are the pure `crate::session::store`'s;
//! these modules run them on the browser's storage and tell the person what
//! they mean.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{sample_canvas, with_every_card_placed};
use crate::browser::storage::{self, Local, StorageError, CURRENT_CANVAS_KEY};
use crate::domain::import::import;
use crate::domain::model::Document;
use crate::session::library::Library;
use crate::session::store::{self, Keeper, PreviewFrame, SaveState, Stored, OLD_BACKUP_KEY};

/// The canvases kept in this browser, and this tab's hold on the open one.
#[derive(Clone, Copy)]
pub struct Canvases {
    /// The canvases kept in this browser, and the id of the open one.
    pub library: RwSignal<Library>,
    pub canvas_id: RwSignal<String>,
    /// This tab's hold on the open canvas in storage: the revision it knows
    /// and whether what is on screen is stored.
    pub(super) keeper: StoredValue<Keeper>,
    /// The keeper's state, for the header: anything but saved (or a save
    /// due) is shown there until it is settled.
    pub save_state: RwSignal<SaveState>,
    /// Stored canvases that could not be opened, with why: listed under
    /// Canvases to download or delete.
    pub unreadable: RwSignal<BTreeMap<String, Vec<String>>>,
    /// Set when a whole canvas replaces the open one (opened, taken from
    /// another tab): the change that follows is no edit to save.
    pub(super) replaced: StoredValue<bool>,
    /// Bumped by each change, so only the last of a burst schedules a save.
    pub(super) save_generation: StoredValue<u64>,
    /// The canvas, its save generation and the page's frame around the map, of
    /// the picture of the map this tab last kept for the next open
    /// (`AppState::keep_preview`); `None` when it kept none or removed it.
    pub(super) preview_of: StoredValue<Option<(String, u64, Option<PreviewFrame>)>>,
    /// A big file or link being opened, step by step; `None` when nothing is.
    pub progress: RwSignal<Option<super::Progress>>,
    /// Where the open canvas came from when it is someone else's, opened
    /// read-only from a share link or a hosted file ("a share link",
    /// "examples/acme.okr.json"); `None` for the person's own canvas.
    pub shared_view: RwSignal<Option<String>>,
    /// The person's own canvas, kept aside while a shared one is shown.
    pub(super) own_document: StoredValue<Option<Document>>,
}

impl Canvases {
    pub(super) fn new(
        library: Library,
        keeper: Keeper,
        unreadable: BTreeMap<String, Vec<String>>,
    ) -> Canvases {
        Canvases {
            library: RwSignal::new(library),
            canvas_id: RwSignal::new(keeper.id.clone()),
            save_state: RwSignal::new(keeper.state.clone()),
            keeper: StoredValue::new(keeper),
            unreadable: RwSignal::new(unreadable),
            replaced: StoredValue::new(false),
            save_generation: StoredValue::new(0),
            preview_of: StoredValue::new(None),
            progress: RwSignal::new(None),
            shared_view: RwSignal::new(None),
            own_document: StoredValue::new(None),
        }
    }
}

/// How long after a change the canvas is saved: typing a title saves once.
pub(super) const SAVE_DELAY_MS: u64 = 400;

pub(super) fn now() -> f64 {
    js_sys::Date::now()
}

pub(super) fn seed() -> u64 {
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
pub(super) fn read_canvas(id: &str) -> Result<Option<(Keeper, Document)>, Vec<String>> {
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
pub(super) const NOT_A_RECORD: &str =
    "what is stored is not a canvas this version of the app can read.";

pub(super) fn canvases_count(n: usize) -> String {
    if n == 1 {
        "1 canvas".to_string()
    } else {
        format!("{n} canvases")
    }
}

pub(super) fn unreadable_message(count: usize) -> String {
    let what = if count == 1 {
        "A canvas saved in this browser could not be opened. It is kept as it was"
    } else {
        "Some canvases saved in this browser could not be opened. They are kept as they were"
    };
    format!("{what}: under Canvases you can download it as it is, or delete it.")
}

/// A stored canvas as a document.
pub(super) fn read_stored(text: &str) -> Result<Document, Vec<String>> {
    import(text.as_bytes())
        .map(|imported| with_every_card_placed(imported.document))
        .map_err(|failure| failure.errors().iter().map(|e| e.to_string()).collect())
}

pub(super) fn document_text(document: &Document) -> String {
    serde_json::to_string(document).unwrap_or_default()
}
