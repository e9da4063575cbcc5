//! OKR Canvas: a page on which an organisation maps how its OKRs align.
//!
//! The crate is split along one line: a pure core that knows nothing of the
//! browser, tested on the host, in five layers —
//! `domain` (the OKR model and its rules, the file format), `map` (what the map
//! shows, as numbers), `output` (slides, picture, outline, markup), `session`
//! (undo, the canvases kept, their storage) and `sheets` (OKRs kept elsewhere,
//! read by the importer worker) — and a thin shell that does:
//! `browser` for web APIs, `ui` for Leptos components. `tests/architecture.rs`
//! fails when a core file reaches for the shell. `main.rs` only calls [`start`].

pub mod browser;
pub mod domain;
pub mod map;
pub mod output;
pub mod session;
pub mod sheets;
pub mod ui;

/// Mounts the app on the page, replacing the frame painted before it once the
/// picture of the map there is on screen; framed by another site's page, it
/// says why it does not start instead.
pub fn start() {
    browser::panic::install_panic_overlay();
    if browser::embedding::framed_by_another_origin() {
        browser::embedding::show_framed_notice();
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        browser::boot::picture_shown().await;
        browser::boot::remove_frame();
        leptos::mount::mount_to_body(ui::App);
    });
}
