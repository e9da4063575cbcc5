//! Browser storage for the canvases, through gloo-storage and the raw
//! `Storage` API.
//!
//! Storage can be missing (private mode, blocked by policy) or full; both are
//! ordinary outcomes here, returned as [`StorageError`] with words for people,
//! never a panic. What is stored is the canvas in the public file format, so
//! reading it back goes through the same import (validation, migration) as a
//! file does.

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};

/// The key under which older versions of the app kept their one canvas (as a
/// JSON string); read once, to move it into the list of canvases.
pub const CURRENT_CANVAS_KEY: &str = "okr-canvas:current";

#[derive(Debug, thiserror::Error, PartialEq)]
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

/// Whether local storage can be used at all. Asking can itself throw (a
/// `SecurityError` when storage is blocked), which counts as "no".
pub fn is_available() -> bool {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some()
}

/// Stores `text` under `key`.
pub fn save_text(key: &str, text: &str) -> Result<(), StorageError> {
    if !is_available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::set(key, text).map_err(from_gloo)
}

/// Reads the text stored under `key`; `Ok(None)` when there is none.
pub fn load_text(key: &str) -> Result<Option<String>, StorageError> {
    if !is_available() {
        return Err(StorageError::Unavailable);
    }
    match LocalStorage::get::<String>(key) {
        Ok(text) => Ok(Some(text)),
        Err(GlooError::KeyNotFound(_)) => Ok(None),
        Err(error) => Err(from_gloo(error)),
    }
}

/// Reads the raw stored value under `key`, whatever it holds; used to keep a
/// copy of data that could not be read before anything overwrites it.
pub fn load_raw(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Like [`load_raw`], telling missing storage apart from a missing key.
pub fn load_raw_checked(key: &str) -> Result<Option<String>, StorageError> {
    let storage = web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)?;
    storage.get_item(key).map_err(|_| StorageError::Unavailable)
}

/// Stores `raw` under `key` as it is.
pub fn save_raw(key: &str, raw: &str) -> Result<(), StorageError> {
    let storage = web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)?;
    storage.set_item(key, raw).map_err(|error| {
        let name = js_sys::Reflect::get(&error, &"name".into())
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default();
        classify(&name, &format!("{error:?}"))
    })
}

/// Removes `key`; a missing key or missing storage is not an error.
pub fn remove(key: &str) {
    if is_available() {
        LocalStorage::delete(key);
    }
}

fn from_gloo(error: GlooError) -> StorageError {
    match error {
        GlooError::JsError(js) => classify(&js.name, &js.message),
        other => StorageError::Refused(other.to_string()),
    }
}

fn classify(name: &str, message: &str) -> StorageError {
    // Browsers name a full store differently; Firefox also uses a legacy name.
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::QuotaExceeded
    } else {
        StorageError::Refused(message.to_string())
    }
}
