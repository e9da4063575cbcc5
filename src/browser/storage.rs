//! Browser storage for the canvases, through gloo-storage: texts are stored
//! as they are, not encoded again as JSON strings.
//!
//! Storage can be missing (private mode, blocked by policy) or full; both are
//! ordinary outcomes here, returned as [`StorageError`] with words for people,
//! never a panic. How canvases are laid out in it is the pure `crate::session::store`'s
//! business; this is its [`Backend`] in the browser.

use gloo_storage::{LocalStorage, Storage};

/// The key under which older versions of the app kept their one canvas (as a
/// JSON string); read once, to move it into the list of canvases.
pub const CURRENT_CANVAS_KEY: &str = "okr-canvas:current";

use crate::session::store::Backend;
pub use crate::session::store::StorageError;

/// Whether local storage can be used at all. Asking can itself throw (a
/// `SecurityError` when storage is blocked), which counts as "no".
pub fn is_available() -> bool {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some()
}

/// The page's local storage, through gloo-storage, once it is known to be
/// there (gloo would throw when it is blocked).
fn store() -> Result<web_sys::Storage, StorageError> {
    if is_available() {
        Ok(LocalStorage::raw())
    } else {
        Err(StorageError::Unavailable)
    }
}

/// Reads the text stored under `key` as it is, `None` when there is none or
/// storage is missing.
pub fn load_raw(key: &str) -> Option<String> {
    load_raw_checked(key).ok().flatten()
}

/// Like [`load_raw`], telling missing storage apart from a missing key.
pub fn load_raw_checked(key: &str) -> Result<Option<String>, StorageError> {
    store()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Stores `raw` under `key` as it is.
pub fn save_raw(key: &str, raw: &str) -> Result<(), StorageError> {
    store()?.set_item(key, raw).map_err(|error| {
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

/// The page's local storage as the store's [`Backend`].
pub struct Local;

impl Backend for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        load_raw_checked(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        save_raw(key, value)
    }

    fn remove(&mut self, key: &str) {
        remove(key);
    }

    fn keys(&self) -> Vec<String> {
        let Ok(store) = store() else {
            return Vec::new();
        };
        let count = store.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| store.key(i).ok().flatten())
            .collect()
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
