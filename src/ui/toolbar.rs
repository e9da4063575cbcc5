//! The toolbar: the actions on the whole canvas, each with its key in the
//! tooltip.

use leptos::ev::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::inspector::new_objective;
use super::state::{use_app_state, AppState, Selection};
use crate::browser::download::{canvas_file_name, download_text};
use crate::domain::export::FileForm;
use crate::domain::import::MAX_FILE_BYTES;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app_state();

    let on_export = move |_| {
        let (title, text, form) = state.exported();
        let file_name = canvas_file_name(&title);
        match download_text(&file_name, "application/json", &text) {
            Ok(()) => match form {
                FileForm::Pretty => state.notify_status(format!("Exported {file_name}.")),
                FileForm::Compact => state.notify_status(format!(
                    "Exported {file_name}, written without indentation to stay under the \
                     {} MiB a canvas file may have.",
                    MAX_FILE_BYTES / 1_048_576
                )),
                FileForm::OverLimit => state.notify_error(format!(
                    "Exported {file_name}, but at {:.1} MiB it is over the {} MiB a canvas \
                     file may have, so it cannot be opened again. Split the canvas into \
                     smaller ones (for example one per department).",
                    text.len() as f64 / 1_048_576.0,
                    MAX_FILE_BYTES / 1_048_576
                )),
            },
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

    let on_new_objective = move |_| {
        // In the selected card's team, else the first team.
        let team = state.with_document_untracked(|doc| {
            let selected_team = match state.selection.get_untracked() {
                Selection::Objective(id) => doc
                    .objectives
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| o.team.clone()),
                _ => None,
            };
            selected_team.or_else(|| doc.teams.first().map(|t| t.id.clone()))
        });
        match team {
            Some(team) => new_objective(state, &team),
            None => {
                state.notify_error("Add a team first: every objective belongs to a team.");
                state.team_form_open.set(true);
            }
        }
    };

    let can_undo = move || state.can_undo();
    let can_redo = move || state.can_redo();

    view! {
        <nav class="toolbar" aria-label="Canvas actions">
            <div class="toolbar__group" role="group" aria-label="History">
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="undo"
                    title="Undo (Ctrl+Z)"
                    disabled=move || !can_undo()
                    on:click=move |_| state.undo()
                >
                    "Undo"
                </button>
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="redo"
                    title="Redo (Ctrl+Shift+Z)"
                    disabled=move || !can_redo()
                    on:click=move |_| state.redo()
                >
                    "Redo"
                </button>
            </div>
            <div class="toolbar__group" role="group" aria-label="Add">
                <button
                    class="toolbar__button toolbar__button--primary"
                    type="button"
                    data-testid="new-objective"
                    title="Add an objective to the selected card's team"
                    on:click=on_new_objective
                >
                    "New objective"
                </button>
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="new-team"
                    title="Add a team, department or company"
                    on:click=move |_| state.team_form_open.set(true)
                >
                    "New team"
                </button>
            </div>
            <div class="toolbar__group" role="group" aria-label="View">
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="fit-view"
                    title="Fit the whole map in view (0)"
                    on:click=move |_| state.fit_view()
                >
                    "Fit"
                </button>
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="tidy-up"
                    title="Lay out the whole map again (can be undone)"
                    on:click=move |_| state.tidy_up()
                >
                    "Tidy up"
                </button>
            </div>
            <div class="toolbar__group" role="group" aria-label="File">
                <input
                    id="import-file"
                    class="toolbar__file"
                    type="file"
                    accept=".json,.okr.json,application/json"
                    data-testid="import-file"
                    on:change=on_file_chosen
                />
                <label class="toolbar__button" for="import-file" title="Open a .okr.json file">
                    "Open…"
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
            </div>
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
