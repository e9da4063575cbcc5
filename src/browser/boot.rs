//! The page before the app: its frame and the picture of the map about to open
//! (`index.html`, `public/boot.js`), which the app replaces when it starts.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Waits until the picture of the map shown before the app is on screen, or
/// there is none (`window.okrCanvasBoot`, a promise of `public/boot.js`, which
/// waits a second at most). The app's start is one long task: a picture that
/// arrived during it would only be painted after it, when it is no use, and one
/// the app removed before the browser reported its paint would be lost.
pub async fn picture_shown() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(value) = js_sys::Reflect::get(&window, &"okrCanvasBoot".into()) else {
        return;
    };
    if let Ok(promise) = value.dyn_into::<js_sys::Promise>() {
        // Rejected or resolved, the app starts.
        let _ = JsFuture::from(promise).await;
    }
}

/// Removes the frame painted before the app (`#boot`).
pub fn remove_frame() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
