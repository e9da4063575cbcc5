//! The page's own address: the fragment a share link or a hosted-file link
//! carries, the address to build a share link on, files fetched from the same
//! host, and the clipboard a link is copied to.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The fragment after `#`, without it; empty when there is none.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page's address without its fragment, to put a share link's on.
pub fn page_address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let href = location.href().unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Removes the fragment from the address bar without reloading or adding a
/// history entry, so a reload opens the person's own canvas again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let page = page_address();
        _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page));
    }
}

/// The bytes of a file served next to the page. Only a relative path inside
/// the page's folder is accepted: a link must not make the page fetch from
/// another host, or climb out of its folder.
pub async fn fetch_beside_page(path: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("There is no browser window to fetch from.")?;
    let refused = || {
        format!(
            "The link names the file “{path}”, which is not a file beside this page. \
             A link may only name a file such as examples/company.okr.json on the same site."
        )
    };
    let harmless = |c: char| c.is_ascii_alphanumeric() || "-_./ ".contains(c);
    if path.is_empty()
        || path.starts_with('/')
        || path.split('/').any(|part| part == ".." || part.is_empty())
        || !path.chars().all(harmless)
    {
        return Err(refused());
    }
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| {
            format!("“{path}” could not be fetched: the site did not answer. Check the connection and reload.")
        })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| refused())?;
    if !response.ok() {
        return Err(format!(
            "“{path}” could not be fetched: the site answered {} {}. Check the link's file name.",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response.array_buffer().map_err(|_| refused())?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("“{path}” could not be read to the end. Reload to try again."))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Copies `text` to the clipboard; an error when the browser refuses (no
/// permission, an insecure page), so the caller can show the text to copy.
pub async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let clipboard = web_sys::window().ok_or(())?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// The query after `?`, without it; empty when there is none.
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|search| search.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// Puts `query` (without `?`; empty removes it) in the address bar, keeping
/// the path and fragment, without reloading or adding a history entry.
pub fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let address = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}
