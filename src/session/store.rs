//! How canvases are kept in the browser's key-value storage so that no
//! sequence of faults loses work: storage full, a damaged key, a lost list,
//! two tabs editing the same canvas.
//!
//! Pure rules over a [`Backend`] (the browser's local storage in the shell, a
//! map in the tests):
//!
//! - Each canvas lives under its own key as a [`Record`]: its revision, when
//!   and under which title it was saved, and the canvas (the public file
//!   format) compressed.
//! - A tab writes a canvas only over the revision it last read or wrote
//!   (compare before write, [`Keeper::save`]); anything else is a conflict
//!   the person settles, and a canvas removed meanwhile is a deletion they
//!   are offered to undo. Nothing is written into a void.
//! - The compare and the write are not one step across tabs: a tab sees
//!   another's write only moments after it is made. Two tabs saving within
//!   those moments both write the same revision, and the later write wins.
//!   The other tab, told of that write, finds its revision holding a canvas
//!   it did not write ([`Keeper::other_tab_wrote`]), and the person settles it
//!   as any conflict, from the version both tabs started from. (Should the
//!   winner write again before the other tab has been told, a rarer case, as
//!   saves wait for a pause, that tab sees a newer revision and takes it.)
//! - A failed write leaves the canvas unsaved and is tried again; a write
//!   that replaces or removes data happens only after its replacement is
//!   written.
//! - The list of canvases is rebuilt from the canvas keys found, so a lost or
//!   damaged list, or a canvas another tab added, is never an orphan.
//! - A stored canvas that cannot be read stays where it is, untouched, until
//!   the person downloads or deletes it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;
use serde::{Deserialize, Serialize};

use crate::domain::import::MAX_FILE_BYTES;
use crate::session::library::{is_canvas_id, CanvasEntry, Library};

/// The list of canvases.
pub const LIBRARY_KEY: &str = "okr-canvas:library";
/// Every canvas key starts so; the canvas id follows.
pub const CANVAS_KEY_PREFIX: &str = "okr-canvas:canvas:";
/// Where a damaged list is copied before a rebuilt one replaces it.
pub const DAMAGED_LIBRARY_KEY: &str = "okr-canvas:library-damaged";
/// Where older versions copied one unreadable canvas; moved into a canvas key
/// of its own when found.
pub const OLD_BACKUP_KEY: &str = "okr-canvas:unreadable-backup";
/// A picture of the open canvas's map, which the page shows in the map's place
/// before the app runs (`public/boot-picture.js`): `{"canvas": id, "svg": …}`. A cache:
/// losing it costs only that picture.
pub const PREVIEW_KEY: &str = "okr-canvas:preview";
/// The longest picture kept, so that a cache never takes much of the room the
/// canvases need (in full, a card's picture is 2–3 KB; sketched, a few dozen
/// bytes: `output::picture::preview_for`).
pub const MAX_PREVIEW_CHARS: usize = 256 * 1024;
/// zlib level for stored canvases: most of the gain of the best level, at a
/// fraction of its time (a save runs after every pause in typing).
const STORE_LEVEL: u8 = 3;
/// The version of the record's own layout (not of the file format inside).
const RECORD_VERSION: u32 = 1;

/// Where a kept picture's map was on the page: the window's width, and the
/// height of the header above the map, which a long title or a wrapped toolbar
/// makes taller. Shown again in a window of that width, the picture goes under
/// a header of that height, so it sits where the app's map will.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewFrame {
    pub window_width: f64,
    pub header_height: f64,
}

/// What [`PREVIEW_KEY`] holds for the picture `svg` of the canvas `id`, seen in
/// `frame`; `None` when the picture is too large to keep.
pub fn preview_record(id: &str, svg: &str, frame: Option<PreviewFrame>) -> Option<String> {
    #[derive(Serialize)]
    struct Preview<'a> {
        canvas: &'a str,
        svg: &'a str,
        #[serde(flatten, skip_serializing_if = "Option::is_none")]
        frame: Option<PreviewFrame>,
    }
    (svg.len() <= MAX_PREVIEW_CHARS)
        .then(|| {
            serde_json::to_string(&Preview {
                canvas: id,
                svg,
                frame,
            })
            .ok()
        })
        .flatten()
}

/// The storage key of the canvas `id`.
pub fn canvas_key(id: &str) -> String {
    format!("{CANVAS_KEY_PREFIX}{id}")
}

/// Why storage did not do what was asked. Pure data: the shell maps the
/// browser's exceptions onto it.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum StorageError {
    #[error(
        "This browser does not allow this page to keep data (private mode or a privacy setting). \
         Your canvas stays open until you close the tab; export it to keep it."
    )]
    Unavailable,
    #[error(
        "Browser storage is full, so the last change was not saved. Your canvas is still open: \
         export it to a file, or delete other canvases to make room."
    )]
    QuotaExceeded,
    #[error("The browser refused to save the canvas ({0}). Export it to a file to keep it.")]
    Refused(String),
}

/// A key-value store of texts: the browser's local storage, or a map.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`; a missing key is not an error.
    fn remove(&mut self, key: &str);
    /// Every key present.
    fn keys(&self) -> Vec<String>;
}

/// One stored canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Counts the writes of this canvas; a tab writes only over the one it knows.
    pub revision: u64,
    /// When it was written, in milliseconds since 1970.
    pub saved_at: f64,
    pub title: String,
    /// The canvas in the public file format.
    pub text: String,
}

/// The stored form of a [`Record`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    okr_canvas_record: u32,
    revision: u64,
    saved_at: f64,
    title: String,
    /// The canvas, zlib-compressed and base64url-encoded.
    zlib: String,
}

/// Just the title of a canvas stored uncompressed by older versions.
#[derive(Deserialize)]
struct TitleOnly {
    title: String,
}

impl Record {
    /// The text stored under the canvas's key.
    pub fn encode(&self) -> String {
        let compressed = compress_to_vec_zlib(self.text.as_bytes(), STORE_LEVEL);
        let envelope = Envelope {
            okr_canvas_record: RECORD_VERSION,
            revision: self.revision,
            saved_at: self.saved_at,
            title: self.title.clone(),
            zlib: URL_SAFE_NO_PAD.encode(compressed),
        };
        serde_json::to_string(&envelope).unwrap_or_default()
    }

    /// Reads a stored text: a record, or a canvas stored as plain JSON by an
    /// older version (revision 0). `None` when it is neither.
    pub fn decode(stored: &str) -> Option<Record> {
        if let Ok(envelope) = serde_json::from_str::<Envelope>(stored) {
            let bytes = URL_SAFE_NO_PAD.decode(envelope.zlib.as_bytes()).ok()?;
            let text = decompress_to_vec_zlib_with_limit(&bytes, MAX_FILE_BYTES).ok()?;
            return Some(Record {
                revision: envelope.revision,
                saved_at: if envelope.saved_at.is_finite() {
                    envelope.saved_at
                } else {
                    0.0
                },
                title: envelope.title,
                text: String::from_utf8(text).ok()?,
            });
        }
        // An older version stored the canvas itself.
        let title = serde_json::from_str::<TitleOnly>(stored).ok()?.title;
        Some(Record {
            revision: 0,
            saved_at: 0.0,
            title,
            text: stored.to_string(),
        })
    }

    /// The revision of a stored text without decompressing it: `None` when it
    /// is not a record (an older plain canvas counts as revision 0).
    pub fn revision_of(stored: &str) -> u64 {
        #[derive(Deserialize)]
        struct Head {
            revision: u64,
        }
        serde_json::from_str::<Head>(stored)
            .map(|h| h.revision)
            .unwrap_or(0)
    }
}

/// What is stored under a canvas's key.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    Missing,
    Found(Record),
    /// Present but not a canvas this version can read; kept as it is.
    Unreadable(String),
}

/// Reads the canvas `id`.
pub fn read(backend: &impl Backend, id: &str) -> Result<Stored, StorageError> {
    Ok(match backend.get(&canvas_key(id))? {
        None => Stored::Missing,
        Some(text) => match Record::decode(&text) {
            Some(record) => Stored::Found(record),
            None => Stored::Unreadable(text),
        },
    })
}

/// The revision of the canvas `id` as stored, read without unpacking it:
/// `None` when nothing is stored under its key.
pub fn stored_revision(backend: &impl Backend, id: &str) -> Result<Option<u64>, StorageError> {
    Ok(backend
        .get(&canvas_key(id))?
        .as_deref()
        .map(Record::revision_of))
}

/// The text of the canvas `id` to download as it is: the canvas inside a
/// record when it can be unpacked, else the stored text itself.
pub fn raw_canvas_text(backend: &impl Backend, id: &str) -> Option<String> {
    let stored = backend.get(&canvas_key(id)).ok().flatten()?;
    Some(Record::decode(&stored).map_or(stored, |record| record.text))
}

/// Writes `record` under the canvas `id`, whatever is there.
fn write(backend: &mut impl Backend, id: &str, record: &Record) -> Result<(), StorageError> {
    backend.set(&canvas_key(id), &record.encode())
}

// ----- the list --------------------------------------------------------------

/// The list as stored, made true to the canvas keys present: entries without
/// a key dropped, keys without an entry added (titled from their record),
/// and whether the stored list had to be rebuilt (lost or damaged).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedLibrary {
    pub library: Library,
    /// The stored list was there but could not be read.
    pub damaged: bool,
    /// Canvases found in storage that the list did not name.
    pub found: usize,
    /// The found ones whose stored text is not a record this version reads:
    /// listed, to be kept as they are (download or delete), never opened.
    pub unreadable: Vec<String>,
}

/// Reads the list and reconciles it with the canvas keys present.
pub fn load_library(backend: &impl Backend) -> Result<LoadedLibrary, StorageError> {
    let stored = backend.get(LIBRARY_KEY)?;
    let (mut library, damaged) = match stored.as_deref().map(Library::parse) {
        None => (Library::default(), false),
        Some(Some(library)) => (library, false),
        Some(None) => (Library::default(), true),
    };
    let present: Vec<String> = backend
        .keys()
        .into_iter()
        .filter_map(|key| key.strip_prefix(CANVAS_KEY_PREFIX).map(str::to_string))
        .filter(|id| is_canvas_id(id))
        .collect();
    library.canvases.retain(|entry| present.contains(&entry.id));
    if library
        .open
        .as_ref()
        .is_some_and(|open| library.entry(open).is_none())
    {
        library.open = None;
    }
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for id in present {
        if library.entry(&id).is_some() {
            continue;
        }
        let (title, saved_at) = match read(backend, &id)? {
            Stored::Found(record) => (record.title, record.saved_at),
            _ => {
                unreadable.push(id.clone());
                ("Canvas that could not be read".to_string(), 0.0)
            }
        };
        found.push(CanvasEntry {
            id,
            title,
            saved_at,
        });
    }
    let count = found.len();
    for entry in found {
        library.insert_by_date(entry);
    }
    Ok(LoadedLibrary {
        library,
        damaged,
        found: count,
        unreadable,
    })
}

/// Changes the stored list: read afresh (another tab may have changed it),
/// changed by `change`, written back. Returns the list written; a damaged
/// list is copied aside before the rebuilt one replaces it.
pub fn update_library(
    backend: &mut impl Backend,
    change: impl FnOnce(&mut Library),
) -> Result<Library, StorageError> {
    let loaded = load_library(backend)?;
    if loaded.damaged {
        if let Some(text) = backend.get(LIBRARY_KEY)? {
            backend.set(DAMAGED_LIBRARY_KEY, &text)?;
        }
    }
    let mut library = loaded.library;
    change(&mut library);
    backend.set(LIBRARY_KEY, &library.to_json())?;
    Ok(library)
}

/// Moves what older versions kept aside (their one canvas, their one
/// unreadable copy) into canvas keys of their own. The old key is removed
/// only once its copy is written.
pub fn adopt_old_keys(backend: &mut impl Backend, old_keys: &[&str], now: f64, seed: u64) {
    for (n, key) in old_keys.iter().enumerate() {
        let Ok(Some(raw)) = backend.get(key) else {
            continue;
        };
        // The oldest version stored the canvas's text as a JSON string.
        let text = serde_json::from_str::<String>(&raw).unwrap_or(raw);
        let mut ids = Library::default();
        for existing in backend.keys() {
            if let Some(id) = existing.strip_prefix(CANVAS_KEY_PREFIX) {
                if is_canvas_id(id) {
                    ids.canvases.push(CanvasEntry {
                        id: id.to_string(),
                        title: String::new(),
                        saved_at: 0.0,
                    });
                }
            }
        }
        let id = ids.add("", now, seed.wrapping_add(n as u64));
        let stored = match Record::decode(&text) {
            Some(record) => Record {
                revision: 1,
                saved_at: now,
                ..record
            }
            .encode(),
            None => text,
        };
        if backend.set(&canvas_key(&id), &stored).is_ok() {
            backend.remove(key);
        }
    }
}

// ----- one open canvas -------------------------------------------------------

/// Where the open canvas stands with storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Storage holds what is on screen.
    Saved,
    /// Changed since the last write; a write is due.
    Unsaved,
    /// The last write failed; tried again with the next change or when room is made.
    Failed(StorageError),
    /// Another tab wrote this canvas since this tab read it: the person chooses.
    Conflict,
    /// Another tab deleted this canvas: the person may keep it.
    Deleted,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Nothing to write, or waiting for the person's choice.
    Nothing,
    /// Written as revision `n`.
    Written(u64),
    /// Not written: see the new [`SaveState`].
    Refused(SaveState),
}

/// One tab's hold on the open canvas: its id, the revision it last read or
/// wrote, and whether storage has what is on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Keeper {
    pub id: String,
    /// The revision this tab last read or wrote; `None` before the first write.
    pub base: Option<u64>,
    pub state: SaveState,
    /// The canvas text last read or written, so an unchanged canvas is not rewritten.
    last_text: String,
    /// When the revision this tab knows is its own write, the canvas text it
    /// knew before it (`Some("")`: not known): the version both tabs started
    /// from when another tab wrote the same revision at once.
    before_last_write: Option<String>,
    /// The canvas is written but the list of canvases is not: the next save
    /// writes both, even with nothing changed.
    list_due: bool,
}

impl Keeper {
    /// A canvas read from storage at `revision`, shown as `text` (the
    /// canvas as this version writes it, which an unchanged canvas saves as).
    pub fn opened(id: &str, revision: u64, text: &str) -> Keeper {
        Keeper {
            id: id.to_string(),
            base: Some(revision),
            state: SaveState::Saved,
            last_text: text.to_string(),
            before_last_write: None,
            list_due: false,
        }
    }

    /// A canvas not stored yet.
    pub fn created(id: &str) -> Keeper {
        Keeper {
            id: id.to_string(),
            base: None,
            state: SaveState::Unsaved,
            last_text: String::new(),
            before_last_write: None,
            list_due: false,
        }
    }

    /// Whether what is on screen is not (yet) in storage.
    pub fn is_unsaved(&self) -> bool {
        self.state != SaveState::Saved
    }

    /// The canvas changed on screen.
    pub fn changed(&mut self) {
        if self.state == SaveState::Saved {
            self.state = SaveState::Unsaved;
        }
    }

    /// Writes the canvas (`title`, `text`) if it is due and storage still
    /// holds the revision this tab knows; else records why not.
    pub fn save(
        &mut self,
        backend: &mut impl Backend,
        title: &str,
        text: &str,
        now: f64,
    ) -> SaveOutcome {
        match self.state {
            SaveState::Saved | SaveState::Conflict | SaveState::Deleted => {
                return SaveOutcome::Nothing
            }
            SaveState::Unsaved | SaveState::Failed(_) => {}
        }
        // Nothing changed since it was read or written: another tab's write
        // (told by its own event) is no conflict.
        if self.base.is_some() && !self.list_due && self.last_text == text {
            self.state = SaveState::Saved;
            return SaveOutcome::Nothing;
        }
        let stored_revision = match stored_revision(backend, &self.id) {
            Ok(revision) => revision,
            Err(error) => return self.refuse(SaveState::Failed(error)),
        };
        match (self.base, stored_revision) {
            (Some(_), None) => return self.refuse(SaveState::Deleted),
            (None, Some(_)) => return self.refuse(SaveState::Conflict),
            (Some(base), Some(revision)) if base != revision => {
                return self.refuse(SaveState::Conflict)
            }
            _ => {}
        }
        let revision = stored_revision.unwrap_or(0) + 1;
        let record = Record {
            revision,
            saved_at: now,
            title: title.to_string(),
            text: text.to_string(),
        };
        if let Err(error) = write(backend, &self.id, &record) {
            return self.refuse(SaveState::Failed(error));
        }
        self.base = Some(revision);
        // The list follows; the canvas is safe even when the list cannot be written
        // (it is rebuilt from the canvas keys).
        let id = self.id.clone();
        let listed = update_library(backend, |library| {
            if library.entry(&id).is_none() {
                library.insert_by_date(CanvasEntry {
                    id: id.clone(),
                    title: title.to_string(),
                    saved_at: now,
                });
            }
            library.touch(&id, title, now);
            library.open = Some(id.clone());
        });
        if let Err(error) = listed {
            // The canvas is written again with the list on the retry.
            self.before_last_write = Some(std::mem::replace(&mut self.last_text, text.to_string()));
            self.list_due = true;
            return self.refuse(SaveState::Failed(error));
        }
        self.before_last_write = Some(std::mem::replace(&mut self.last_text, text.to_string()));
        self.list_due = false;
        self.state = SaveState::Saved;
        SaveOutcome::Written(revision)
    }

    /// The canvas as this tab last read or wrote it, when it still knows
    /// it: the version both sides started from when another tab wrote too.
    pub fn last_read(&self) -> Option<&str> {
        (self.base.is_some() && !self.last_text.is_empty()).then_some(self.last_text.as_str())
    }

    fn refuse(&mut self, state: SaveState) -> SaveOutcome {
        self.state = state.clone();
        SaveOutcome::Refused(state)
    }

    /// Whether `stored`, at the revision this tab last wrote, is another tab's
    /// write of that same revision, made before it could see this tab's.
    fn lost_a_simultaneous_write(&self, stored: &str) -> bool {
        if self.before_last_write.is_none() || self.last_text.is_empty() {
            // Read, not written, by this tab: nothing of its own to lose.
            return false;
        }
        Record::decode(stored).is_none_or(|record| record.text != self.last_text)
    }

    /// The person keeps this tab's version over the other tab's (or over its
    /// deletion): the next save writes over whatever is stored now.
    pub fn keep_mine(&mut self, backend: &impl Backend) {
        self.base = match backend.get(&canvas_key(&self.id)) {
            Ok(Some(stored)) => Some(Record::revision_of(&stored)),
            _ => None,
        };
        self.last_text.clear();
        self.before_last_write = None;
        self.list_due = false;
        self.state = SaveState::Unsaved;
    }

    /// Another tab wrote this canvas as `stored` (`None`: removed it). Returns
    /// whether this tab should take the stored version (it has nothing
    /// unsaved); otherwise the state says what the person must settle.
    pub fn other_tab_wrote(&mut self, stored: Option<&str>) -> bool {
        match stored {
            None => {
                if self.base.is_some() {
                    self.state = SaveState::Deleted;
                }
                false
            }
            Some(stored) => {
                if self.base == Some(Record::revision_of(stored)) {
                    if !self.lost_a_simultaneous_write(stored) {
                        // What this tab read or wrote itself.
                        return false;
                    }
                    // This tab's last write is gone: the person settles it
                    // from the version both tabs started from.
                    self.last_text = self.before_last_write.take().unwrap_or_default();
                    self.state = SaveState::Conflict;
                    return false;
                }
                match self.state {
                    SaveState::Saved => true,
                    SaveState::Deleted | SaveState::Conflict => {
                        self.state = SaveState::Conflict;
                        false
                    }
                    SaveState::Unsaved | SaveState::Failed(_) => {
                        self.state = SaveState::Conflict;
                        false
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub mod memory {
    //! A map standing in for browser storage, with a quota to fill.
    use super::{Backend, StorageError};
    use std::collections::BTreeMap;

    #[derive(Clone, Debug, Default)]
    pub struct Memory {
        pub map: BTreeMap<String, String>,
        /// Most characters (keys and values) it holds; `None`: no limit.
        pub quota: Option<usize>,
    }

    impl Memory {
        fn used(&self) -> usize {
            self.map.iter().map(|(k, v)| k.len() + v.len()).sum()
        }
    }

    impl Backend for Memory {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            Ok(self.map.get(key).cloned())
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
            if let Some(quota) = self.quota {
                let old = self.map.get(key).map_or(0, |v| key.len() + v.len());
                if self.used() - old + key.len() + value.len() > quota {
                    return Err(StorageError::QuotaExceeded);
                }
            }
            self.map.insert(key.to_string(), value.to_string());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.map.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.map.keys().cloned().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::Memory;
    use super::*;

    const CANVAS: &str =
        r#"{"format":"okr-canvas","version":1,"title":"Q3","teams":[],"objectives":[],"links":[]}"#;

    fn stored_canvas(backend: &mut Memory, id: &str, revision: u64, title: &str) {
        let record = Record {
            revision,
            saved_at: revision as f64,
            title: title.to_string(),
            text: CANVAS.replace("Q3", title),
        };
        backend.set(&canvas_key(id), &record.encode()).unwrap();
    }

    #[test]
    fn a_record_reads_back_and_older_plain_canvases_read_as_revision_zero() {
        let record = Record {
            revision: 7,
            saved_at: 12.0,
            title: "Q3".into(),
            text: CANVAS.into(),
        };
        let stored = record.encode();
        assert_eq!(Record::decode(&stored), Some(record));
        assert_eq!(Record::revision_of(&stored), 7);
        let plain = Record::decode(CANVAS).expect("an older plain canvas");
        assert_eq!((plain.revision, plain.title.as_str()), (0, "Q3"));
        assert_eq!(plain.text, CANVAS);
        assert_eq!(Record::decode("garbage"), None);
        assert_eq!(
            Record::decode(
                r#"{"okrCanvasRecord":1,"revision":1,"savedAt":0,"title":"x","zlib":"!!"}"#
            ),
            None
        );
    }

    #[test]
    fn a_preview_names_its_canvas_and_a_picture_too_large_is_not_kept() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\"Q1\" <&></text></svg>";
        let frame = PreviewFrame {
            window_width: 1280.0,
            header_height: 100.5,
        };
        let text = preview_record("c-1", svg, Some(frame)).expect("a small picture is kept");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["canvas"], "c-1");
        assert_eq!(value["svg"], svg);
        assert_eq!(value["windowWidth"], 1280.0);
        assert_eq!(value["headerHeight"], 100.5);
        let unframed = preview_record("c-1", svg, None).expect("kept");
        assert_eq!(
            unframed,
            format!(
                "{{\"canvas\":\"c-1\",\"svg\":{}}}",
                serde_json::to_string(svg).unwrap()
            )
        );
        assert!(preview_record("c-1", &"x".repeat(MAX_PREVIEW_CHARS), None).is_some());
        assert_eq!(
            preview_record("c-1", &"x".repeat(MAX_PREVIEW_CHARS + 1), None),
            None
        );
        // The picture is a cache beside the canvases, never read as one.
        assert!(!PREVIEW_KEY.starts_with(CANVAS_KEY_PREFIX));
    }

    #[test]
    fn a_big_canvas_is_stored_in_a_fraction_of_its_size() {
        let text =
            crate::domain::export::export_compact(&crate::domain::generate::generate(2000, 7));
        let record = Record {
            revision: 1,
            saved_at: 0.0,
            title: "x".into(),
            text: text.clone(),
        };
        assert!(record.encode().len() * 3 < text.len());
    }

    #[test]
    fn saved_unsaved_failed_retried_saved() {
        let mut backend = Memory::default();
        let mut keeper = Keeper::created("c1");
        assert_eq!(
            keeper.save(&mut backend, "Q3", CANVAS, 1.0),
            SaveOutcome::Written(1)
        );
        assert_eq!(keeper.state, SaveState::Saved);
        // Unchanged: nothing written.
        keeper.changed();
        assert_eq!(
            keeper.save(&mut backend, "Q3", CANVAS, 2.0),
            SaveOutcome::Nothing
        );
        // Storage fills up: the change stays unsaved.
        backend.quota = Some(backend.map.iter().map(|(k, v)| k.len() + v.len()).sum());
        let bigger = CANVAS.replace("Q3", &"Q".repeat(5000));
        keeper.changed();
        assert_eq!(
            keeper.save(&mut backend, "Q3", &bigger, 3.0),
            SaveOutcome::Refused(SaveState::Failed(StorageError::QuotaExceeded))
        );
        assert!(keeper.is_unsaved());
        // More changes keep it failed, not lost.
        keeper.changed();
        assert!(matches!(keeper.state, SaveState::Failed(_)));
        // Room is made: the retry writes it.
        backend.quota = None;
        assert_eq!(
            keeper.save(&mut backend, "Q3", &bigger, 4.0),
            SaveOutcome::Written(2)
        );
        assert_eq!(keeper.state, SaveState::Saved);
        match read(&backend, "c1").unwrap() {
            Stored::Found(record) => assert_eq!(record.text, bigger),
            other => panic!("expected the canvas, got {other:?}"),
        }
        let library = load_library(&backend).unwrap().library;
        assert_eq!(library.open.as_deref(), Some("c1"));
    }

    /// A stored canvas, and two tabs that read it and changed it.
    fn two_tabs_editing() -> (Memory, Record, Keeper, Keeper) {
        let mut backend = Memory::default();
        stored_canvas(&mut backend, "c1", 1, "Q3");
        let Stored::Found(record) = read(&backend, "c1").unwrap() else {
            panic!("stored")
        };
        let mut a = Keeper::opened("c1", record.revision, &record.text);
        let mut b = Keeper::opened("c1", record.revision, &record.text);
        a.changed();
        b.changed();
        (backend, record, a, b)
    }

    #[test]
    fn a_tab_never_writes_over_a_revision_it_has_not_read() {
        let (mut backend, record, mut a, mut b) = two_tabs_editing();
        assert_eq!(a.save(&mut backend, "A", "a", 1.0), SaveOutcome::Written(2));
        // B edited within the same moment: refused, not written.
        assert_eq!(
            b.save(&mut backend, "B", "b", 1.0),
            SaveOutcome::Refused(SaveState::Conflict)
        );
        assert!(matches!(read(&backend, "c1").unwrap(), Stored::Found(r) if r.text == "a"));
        // B still knows the version both started from, for a merge.
        assert_eq!(b.last_read(), Some(record.text.as_str()));
        assert_eq!(Keeper::created("c2").last_read(), None);
        // Further edits in B stay waiting for the person.
        b.changed();
        assert_eq!(b.save(&mut backend, "B", "b2", 2.0), SaveOutcome::Nothing);
        // The person keeps B's: written over A's revision.
        b.keep_mine(&backend);
        assert_eq!(
            b.save(&mut backend, "B", "b2", 3.0),
            SaveOutcome::Written(3)
        );
        // A, with nothing unsaved, takes B's version when told of it.
        let stored = backend.get(&canvas_key("c1")).unwrap();
        assert!(a.other_tab_wrote(stored.as_deref()));
    }

    #[test]
    fn two_tabs_writing_the_same_revision_at_once_leave_the_loser_asked() {
        let (mut backend, record, mut a, mut b) = two_tabs_editing();
        // Each compares with storage before the other's write has reached it.
        let mut seen_by_b = backend.clone();
        assert_eq!(a.save(&mut backend, "A", "a", 1.0), SaveOutcome::Written(2));
        assert_eq!(
            b.save(&mut seen_by_b, "B", "b", 1.0),
            SaveOutcome::Written(2)
        );
        // B's write lands last: storage holds B's revision 2.
        backend = seen_by_b;
        let stored = backend.get(&canvas_key("c1")).unwrap();
        // B, told of A's write, finds its own: nothing to do.
        assert!(!b.other_tab_wrote(stored.as_deref()));
        assert_eq!(b.state, SaveState::Saved);
        // A, told of B's, finds its revision holding a canvas it did not write:
        // the person is asked, from the version both started from.
        assert!(!a.other_tab_wrote(stored.as_deref()));
        assert_eq!(a.state, SaveState::Conflict);
        assert_eq!(a.last_read(), Some(record.text.as_str()));
        // Kept by the person: written over B's revision.
        a.keep_mine(&backend);
        assert_eq!(a.save(&mut backend, "A", "a", 2.0), SaveOutcome::Written(3));
        // A tab that has only read a revision is never asked about it.
        let mut reader = Keeper::opened("c1", 3, "something else");
        let stored = backend.get(&canvas_key("c1")).unwrap();
        assert!(!reader.other_tab_wrote(stored.as_deref()));
        assert_eq!(reader.state, SaveState::Saved);
    }

    #[test]
    fn a_tab_with_unsaved_changes_is_told_of_the_other_write_at_once() {
        let mut backend = Memory::default();
        stored_canvas(&mut backend, "c1", 4, "Q3");
        let Stored::Found(record) = read(&backend, "c1").unwrap() else {
            panic!("stored")
        };
        let mut keeper = Keeper::opened("c1", record.revision, &record.text);
        keeper.changed();
        stored_canvas(&mut backend, "c1", 5, "Other");
        let stored = backend.get(&canvas_key("c1")).unwrap();
        assert!(!keeper.other_tab_wrote(stored.as_deref()));
        assert_eq!(keeper.state, SaveState::Conflict);
        // Its own revision echoed back is not another tab's write.
        let mut clean = Keeper::opened("c1", record.revision, &record.text);
        let own = record.encode();
        assert!(!clean.other_tab_wrote(Some(&own)));
        assert_eq!(clean.state, SaveState::Saved);
    }

    #[test]
    fn a_canvas_deleted_elsewhere_is_not_written_into_a_void() {
        let mut backend = Memory::default();
        let mut keeper = Keeper::created("c1");
        keeper.save(&mut backend, "Q3", CANVAS, 1.0);
        // Another tab deletes it, list entry and key.
        backend.remove(&canvas_key("c1"));
        update_library(&mut backend, |l| {
            l.remove("c1");
        })
        .unwrap();
        keeper.changed();
        assert_eq!(
            keeper.save(&mut backend, "Q3", "edited", 2.0),
            SaveOutcome::Refused(SaveState::Deleted)
        );
        assert!(backend.get(&canvas_key("c1")).unwrap().is_none());
        // Kept by the person: stored and listed again.
        keeper.keep_mine(&backend);
        assert_eq!(
            keeper.save(&mut backend, "Q3", "edited", 3.0),
            SaveOutcome::Written(1)
        );
        assert!(load_library(&backend)
            .unwrap()
            .library
            .entry("c1")
            .is_some());
    }

    #[test]
    fn a_lost_or_damaged_list_is_rebuilt_from_the_canvas_keys() {
        let mut backend = Memory::default();
        stored_canvas(&mut backend, "c1", 1, "Older");
        stored_canvas(&mut backend, "c2", 2, "Newer");
        backend
            .set(&canvas_key("c3"), "not a canvas at all")
            .unwrap();
        // Lost.
        let loaded = load_library(&backend).unwrap();
        assert!(!loaded.damaged);
        assert_eq!(loaded.found, 3);
        let titles: Vec<&str> = loaded
            .library
            .canvases
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles[..2], ["Newer", "Older"]);
        assert!(
            loaded.library.entry("c3").is_some(),
            "an unreadable canvas is listed too"
        );
        assert_eq!(loaded.unreadable, ["c3"], "and said to be unreadable");
        // Damaged: rebuilt, and the damaged text kept aside.
        backend.set(LIBRARY_KEY, "{not json").unwrap();
        let loaded = load_library(&backend).unwrap();
        assert!(loaded.damaged);
        assert_eq!(loaded.library.canvases.len(), 3);
        update_library(&mut backend, |_| {}).unwrap();
        assert_eq!(
            backend.get(DAMAGED_LIBRARY_KEY).unwrap().as_deref(),
            Some("{not json")
        );
        assert!(!load_library(&backend).unwrap().damaged);
        // A listed canvas whose key is gone is dropped.
        backend.remove(&canvas_key("c1"));
        assert!(load_library(&backend)
            .unwrap()
            .library
            .entry("c1")
            .is_none());
    }

    #[test]
    fn old_keys_move_into_canvas_keys_of_their_own() {
        let mut backend = Memory::default();
        backend
            .set("old:current", &serde_json::to_string(CANVAS).unwrap())
            .unwrap();
        backend.set("old:backup", "damaged {").unwrap();
        adopt_old_keys(&mut backend, &["old:current", "old:backup"], 10.0, 1);
        assert!(backend.get("old:current").unwrap().is_none());
        assert!(backend.get("old:backup").unwrap().is_none());
        let library = load_library(&backend).unwrap().library;
        assert_eq!(library.canvases.len(), 2);
        let readable = library
            .canvases
            .iter()
            .filter(|e| matches!(read(&backend, &e.id), Ok(Stored::Found(_))))
            .count();
        assert_eq!(readable, 1);
        // Full storage: the old key stays where it is.
        let mut full = Memory {
            quota: Some(40),
            ..Memory::default()
        };
        full.map.insert("old:backup".into(), "damaged {".into());
        adopt_old_keys(&mut full, &["old:backup"], 10.0, 1);
        assert!(full.get("old:backup").unwrap().is_some());
    }
}
