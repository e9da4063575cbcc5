//! Browser tests of the code that needs a real DOM and storage, run in
//! headless Chromium by wasm-bindgen-test (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use okr_canvas::browser::embedding::{framed_by_another_origin, has_foreign_ancestor};
use okr_canvas::browser::panic::show_panic_overlay;
use okr_canvas::browser::storage::{load_raw_checked, remove, save_raw, StorageError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn storage_round_trip_keeps_the_text() {
    let key = "okr-canvas:test:round-trip";
    let text = "{\"title\":\"Acme — Q1 2027\",\"emoji\":\"✓\"}";
    save_raw(key, text).expect("storage works in a test browser");
    assert_eq!(load_raw_checked(key), Ok(Some(text.to_string())));
    remove(key);
    assert_eq!(load_raw_checked(key), Ok(None));
}

#[wasm_bindgen_test]
fn storage_reports_a_full_store_as_quota_exceeded() {
    let key = "okr-canvas:test:quota";
    // Local storage holds about 5 MB per origin; 12 MB of text cannot fit.
    let huge = "x".repeat(12 * 1024 * 1024);
    assert_eq!(save_raw(key, &huge), Err(StorageError::QuotaExceeded));
    remove(key);
}

#[wasm_bindgen_test]
fn panic_overlay_shows_the_message_as_text() {
    show_panic_overlay("boom <img src=x onerror=alert(1)>");
    let document = web_sys::window().unwrap().document().unwrap();
    let overlay = document
        .query_selector("[data-testid=panic-overlay]")
        .unwrap()
        .expect("the overlay is in the page");
    assert_eq!(
        overlay.get_attribute("role").as_deref(),
        Some("alertdialog")
    );
    let text = overlay.text_content().unwrap_or_default();
    assert!(text.contains("Something went wrong"), "{text}");
    assert!(text.contains("boom <img src=x onerror=alert(1)>"), "{text}");
    // The message is text, not markup: no element was created from it.
    assert!(overlay.query_selector("img").unwrap().is_none());
    // A second panic does not stack a second overlay.
    show_panic_overlay("again");
    assert_eq!(
        document
            .query_selector_all("[data-testid=panic-overlay]")
            .unwrap()
            .length(),
        1
    );
}

/// The check that keeps the app from starting inside another site's page must not
/// keep it from starting anywhere else: on its own, or in a frame of its own origin.
#[wasm_bindgen_test]
fn a_page_on_its_own_or_framed_by_its_own_origin_starts() {
    assert!(!framed_by_another_origin());
    let document = web_sys::window().unwrap().document().unwrap();
    let frame = document.create_element("iframe").unwrap();
    frame.set_attribute("srcdoc", "<p>same origin</p>").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    let inner: web_sys::Window =
        js_sys::Reflect::get(&frame, &wasm_bindgen::JsValue::from_str("contentWindow"))
            .unwrap()
            .unchecked_into();
    assert!(!has_foreign_ancestor(inner));
    frame.remove();
}
