//! The toolbar: the actions on the whole canvas.

use leptos::ev::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::state::{use_app_state, AppState};
use crate::browser::download::{canvas_file_name, download_text};
use crate::domain::import::MAX_FILE_BYTES;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app_state();

    let on_export = move |_| {
        let (title, text) = state.exported();
        let file_name = canvas_file_name(&title);
        match download_text(&file_name, "application/json", &text) {
            Ok(()) => state.notify_status(format!("Exported {file_name}.")),
            Err(message) => state.notify_error(message),
        }
    };

    let on_file_chosen = move |event: Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        // Clearing the input lets the same file be chosen again after a fix.
        input.set_value("");
        if let Some(file) = file {
            open_file(state, file);
        }
    };

    view! {
        <nav class="toolbar" aria-label="Canvas actions">
            <input
                id="import-file"
                class="toolbar__file"
                type="file"
                accept=".json,.okr.json,application/json"
                data-testid="import-file"
                on:change=on_file_chosen
            />
            <label class="toolbar__button" for="import-file" title="Open a .okr.json file">
                "Open file…"
            </label>
            <button
                class="toolbar__button"
                type="button"
                data-testid="export-json"
                title="Download this canvas as a .okr.json file"
                on:click=on_export
            >
                "Export"
            </button>
        </nav>
    }
}

/// Reads `file` and opens it, refusing files over the format's size limit
/// before reading them.
fn open_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        state.notify_error(format!(
            "{name} was not opened: it is {:.1} MiB, and a canvas file may be at most {} MiB.",
            file.size() / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
        return;
    }
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => {
                let text = text.as_string().unwrap_or_default();
                state.open_file(&name, text.as_bytes());
            }
            Err(_) => state.notify_error(format!(
                "{name} could not be read. Check that the file still exists and try again."
            )),
        }
    });
}
