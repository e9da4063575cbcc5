//! The versions of a canvas this browser sent out as files, kept compressed so
//! that a file coming back can be merged against the version it started from
//! (three-way). At most [`KEPT`] per canvas, the oldest dropped first; when a
//! returned file's version is no longer here, the merge falls back to two-way
//! and says so.
//!
//! Each version is a [`Record`] under `okr-canvas:sent:<canvas id>:<revision>`,
//! with the list of revisions kept under `okr-canvas:sent:<canvas id>`.

use super::store::{Backend, Record, StorageError};

/// How many versions of one canvas are kept.
pub const KEPT: usize = 12;

const PREFIX: &str = "okr-canvas:sent:";

fn list_key(canvas: &str) -> String {
    format!("{PREFIX}{canvas}")
}

fn version_key(canvas: &str, revision: u64) -> String {
    format!("{PREFIX}{canvas}:{revision}")
}

/// The revisions of `canvas` kept here, oldest first.
pub fn revisions(backend: &dyn Backend, canvas: &str) -> Vec<u64> {
    backend
        .get(&list_key(canvas))
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<Vec<u64>>(&text).ok())
        .unwrap_or_default()
}

/// The revision the next file exported from `canvas` gets: one past the
/// newest kept here and past `known` (the open document's).
pub fn next_revision(backend: &dyn Backend, canvas: &str, known: u64) -> u64 {
    revisions(backend, canvas)
        .into_iter()
        .max()
        .unwrap_or(0)
        .max(known)
        + 1
}

/// Keeps `text`, the file exported as `revision` of `canvas`, dropping the
/// oldest versions past [`KEPT`], or as many as it takes to make room.
pub fn keep(
    backend: &mut dyn Backend,
    canvas: &str,
    revision: u64,
    title: &str,
    text: &str,
) -> Result<(), StorageError> {
    let record = Record {
        revision,
        saved_at: 0.0,
        title: title.to_string(),
        text: text.to_string(),
    }
    .encode();
    let mut kept = revisions(backend, canvas);
    kept.retain(|r| *r != revision);
    loop {
        match backend.set(&version_key(canvas, revision), &record) {
            Ok(()) => break,
            Err(StorageError::QuotaExceeded) if !kept.is_empty() => {
                let oldest = kept.remove(0);
                backend.remove(&version_key(canvas, oldest));
            }
            Err(error) => {
                write_list(backend, canvas, &kept)?;
                return Err(error);
            }
        }
    }
    kept.push(revision);
    while kept.len() > KEPT {
        let oldest = kept.remove(0);
        backend.remove(&version_key(canvas, oldest));
    }
    write_list(backend, canvas, &kept)
}

fn write_list(backend: &mut dyn Backend, canvas: &str, kept: &[u64]) -> Result<(), StorageError> {
    let list = serde_json::to_string(kept).unwrap_or_else(|_| "[]".to_string());
    backend.set(&list_key(canvas), &list)
}

/// The text of `revision` of `canvas`, if it is still kept.
pub fn version(backend: &dyn Backend, canvas: &str, revision: u64) -> Option<String> {
    let stored = backend.get(&version_key(canvas, revision)).ok().flatten()?;
    Record::decode(&stored).map(|record| record.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::store::memory::Memory;

    #[test]
    fn versions_are_kept_compressed_and_the_oldest_go_first() {
        let mut backend = Memory::default();
        assert_eq!(next_revision(&backend, "c-1", 0), 1);
        for revision in 1..=(KEPT as u64 + 3) {
            keep(
                &mut backend,
                "c-1",
                revision,
                "Acme",
                &format!("text {revision}"),
            )
            .unwrap();
        }
        assert_eq!(revisions(&backend, "c-1").len(), KEPT);
        assert_eq!(version(&backend, "c-1", 1), None);
        assert_eq!(version(&backend, "c-1", 15).as_deref(), Some("text 15"));
        assert_eq!(next_revision(&backend, "c-1", 0), 16);
        assert_eq!(next_revision(&backend, "c-1", 40), 41);
        assert_eq!(version(&backend, "c-2", 1), None);
    }

    #[test]
    fn a_full_storage_drops_old_versions_to_make_room() {
        let mut backend = Memory::default();
        let text = "x".repeat(2_000);
        keep(&mut backend, "c-1", 1, "Acme", &text).unwrap();
        keep(&mut backend, "c-1", 2, "Acme", &(text.clone() + "y")).unwrap();
        let used: usize = backend.map.iter().map(|(k, v)| k.len() + v.len()).sum();
        // Room for about two more versions' worth, not three.
        backend.quota = Some(used + 60);
        keep(&mut backend, "c-1", 3, "Acme", &(text.clone() + "z")).unwrap();
        assert_eq!(revisions(&backend, "c-1"), [2, 3]);
        assert!(version(&backend, "c-1", 3).is_some());
    }
}
