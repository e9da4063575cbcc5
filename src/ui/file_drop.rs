//! Opening a canvas without the file picker: a `.okr.json` (or a spreadsheet,
//! an export, an outline) dropped anywhere on the page, or a canvas's JSON or
//! a table copied from a spreadsheet pasted (outside a text field). While a file
//! is dragged over the page, an overlay says what dropping it will do.

use leptos::prelude::*;

use super::commands::open_file;
use super::state::use_app_state;

#[component]
pub fn FileDrop() -> impl IntoView {
    let state = use_app_state();
    let file_over = RwSignal::new(false);

    let carries_files = |event: &web_sys::DragEvent| {
        event
            .data_transfer()
            .is_some_and(|transfer| transfer.types().includes(&"Files".into(), 0))
    };

    let on_drag_over = window_event_listener(leptos::ev::dragover, move |event| {
        if carries_files(&event) {
            // Without this the browser would open the file in place of the app.
            event.prevent_default();
            file_over.set(true);
        }
    });
    let on_drag_leave = window_event_listener(leptos::ev::dragleave, move |event| {
        // Leaving the window, not just passing from one element to another.
        if event.related_target().is_none() {
            file_over.set(false);
        }
    });
    let on_drop = window_event_listener(leptos::ev::drop, move |event| {
        file_over.set(false);
        let Some(files) = event.data_transfer().and_then(|t| t.files()) else {
            return;
        };
        event.prevent_default();
        // A file dropped on the slides by accident must not change the talk.
        if state.presenting.get_untracked() {
            state
                .notices
                .status("Leave the presentation (Esc) to open a file.");
            return;
        }
        match files.length() {
            0 => {}
            1 => {
                if let Some(file) = files.get(0) {
                    open_file(state, file);
                }
            }
            count => state.notices.error(format!(
                "{count} files were dropped; drop one .okr.json file at a time."
            )),
        }
    });
    let on_paste = window_event_listener(leptos::ev::paste, move |event| {
        if state.presenting.get_untracked() {
            return;
        }
        // Pasting into a field is typing, not opening.
        let in_field = event
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| {
                el.closest("input, textarea, select, [contenteditable]")
                    .ok()
                    .flatten()
            })
            .is_some();
        if in_field {
            return;
        }
        let Some(text) = event
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
        else {
            return;
        };
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            event.prevent_default();
            state.open_file("the pasted text", text.as_bytes());
        } else if crate::sheets::is_sheet("", text.as_bytes()) {
            // Cells copied from a spreadsheet, or an outline.
            event.prevent_default();
            state.open_file("the pasted table", text.as_bytes());
        } else if !trimmed.is_empty() {
            state.notices.error(
                "The pasted text is not a canvas or a table: paste the contents of a .okr.json \
                 file, or cells copied from a spreadsheet with their header row, or open the \
                 file with “Open…”.",
            );
        }
    });
    on_cleanup(move || {
        on_drag_over.remove();
        on_drag_leave.remove();
        on_drop.remove();
        on_paste.remove();
    });

    view! {
        <Show when=move || file_over.get()>
            <div class="file-drop" data-testid="file-drop" aria-hidden="true">
                <p class="file-drop__text">"Drop a .okr.json file to open it"</p>
            </div>
        </Show>
    }
}
