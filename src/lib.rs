//! OKR Canvas: a page on which an organisation maps how its OKRs align.
//!
//! The crate is split along one line: a pure core that knows nothing of the
//! browser (`domain`, `geometry`, `scene`, `picture`, `history`, `hit_test`,
//! `library`, `store`, `slides`, `markup`, `review_markup`), tested
//! on the host, and a thin shell that does (`browser` for web APIs, `ui` for Leptos components).
//! `main.rs` only calls [`start`].

pub mod browser;
pub mod domain;
pub mod filter;
pub mod geometry;
pub mod history;
pub mod hit_test;
pub mod library;
pub mod markup;
pub mod picture;
pub mod review_markup;
pub mod scene;
pub mod slides;
pub mod store;
pub mod ui;

/// Mounts the app on the page, replacing the loading message; framed by another
/// site's page, it says why it does not start instead.
pub fn start() {
    browser::panic::install_panic_overlay();
    if browser::embedding::framed_by_another_origin() {
        browser::embedding::show_framed_notice();
        return;
    }
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(ui::App);
}
