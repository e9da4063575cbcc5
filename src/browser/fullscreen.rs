//! The Fullscreen API, for presenting. A browser may refuse full screen (no
//! user gesture, a policy, an iframe); the caller is told why in words, and
//! the presentation then fills the window instead.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Asks for the whole page to go full screen.
pub async fn enter() -> Result<(), String> {
    const REFUSED: &str =
        "The browser did not allow full screen, so the slides fill the window. Its own full-screen key (often F11) still works.";
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .ok_or_else(|| REFUSED.to_string())?;
    // Called by hand for its promise: web-sys drops it, and a refusal would
    // then surface as an unhandled rejection. Browsers without the API
    // (older iOS Safari) have no such method.
    let request = js_sys::Reflect::get(&root, &JsValue::from_str("requestFullscreen"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| REFUSED.to_string())?;
    let promise = request
        .call0(&root)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| REFUSED.to_string())?;
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| REFUSED.to_string())
}

/// Whether some element of the page is full screen now.
pub fn is_active() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.fullscreen_element())
        .is_some()
}

/// Leaves full screen, if the page is in it.
pub fn exit() {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
        }
    }
}
