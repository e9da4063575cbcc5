//! What a person can ask of the app from several places — the toolbar, the
//! keyboard, the shared canvas's banner, the presenter's controls, a dropped
//! file — each one function here, so those places call it without importing
//! one another.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::AppState;
use crate::browser::fullscreen;
use crate::domain::import::MAX_FILE_BYTES;

/// Starts presenting, full screen when the browser allows it, at the slide of
/// the selected company objective if there is one.
pub fn present(state: AppState) {
    if state.presenting.get_untracked() {
        return;
    }
    state.presenting.set(true);
    spawn_local(async move {
        match fullscreen::enter().await {
            // Left before the browser answered: do not stay full screen.
            Ok(()) if !state.presenting.get_untracked() => fullscreen::exit(),
            Ok(()) => {}
            Err(message) => state.notify_status(message),
        }
    });
}

/// Opens the browser's print dialog: the poster, or the slides while
/// presenting (the print stylesheets decide which).
pub fn print_page(state: AppState) {
    if let Some(window) = web_sys::window() {
        if window.print().is_err() {
            state.notify_error("The browser refused to print. Use its own Print menu instead.");
        }
    }
}

/// Reads `file` and opens it, refusing files over the format's size limit
/// before reading them.
pub fn open_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        // Rounded up, so a file just over the limit never reads as "10.0 MiB".
        let tenths = (file.size() / 1_048_576.0 * 10.0).ceil() / 10.0;
        state.notify_error(format!(
            "{name} was not opened: it is {tenths:.1} MiB, and a canvas file may be at most {} MiB.",
            MAX_FILE_BYTES / 1_048_576
        ));
        return;
    }
    spawn_local(async move {
        match crate::browser::files::read_bytes(&file).await {
            Ok(bytes) => state.open_file(&name, &bytes),
            Err(message) => state.notify_error(message),
        }
    });
}
