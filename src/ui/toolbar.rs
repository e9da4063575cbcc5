//! The toolbar: the actions on the whole canvas, each with its key in the
//! tooltip.

use leptos::ev::Event;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::commands::{open_file, present, print_page};
use super::filter_panel::FilterButton;
use super::inspector::new_objective;
use super::review::use_review;
use super::state::{use_app_state, Selection};
use crate::browser::download::{download_text, titled_file_name};
use crate::domain::progress::compute_progress;
use crate::output::outline::markdown_outline;
use crate::output::picture::map_svg;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app_state();

    let on_export = move |_| state.export_canvas();

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

    let on_export_svg = move |_| {
        let (title, svg) = state.with_document_untracked(|doc| {
            let svg = state.scene.with_untracked(|scene| map_svg(doc, scene));
            (doc.title.clone(), svg)
        });
        let file_name = titled_file_name(&title, "svg");
        match download_text(&file_name, "image/svg+xml", &svg) {
            Ok(()) => state.notify_status(format!("Exported the map as {file_name}.")),
            Err(message) => state.notify_error(message),
        }
    };

    let on_export_markdown = move |_| {
        let (title, text) = state.with_document_untracked(|doc| {
            let progress = compute_progress(doc);
            (doc.title.clone(), markdown_outline(doc, &progress))
        });
        let file_name = titled_file_name(&title, "md");
        match download_text(&file_name, "text/markdown", &text) {
            Ok(()) => state.notify_status(format!("Exported the outline as {file_name}.")),
            Err(message) => state.notify_error(message),
        }
    };

    let on_print = move |_| print_page(state);

    let review = use_review();
    let read_only = move || state.shared_view.with(Option::is_some);
    let can_undo = move || state.can_undo();
    let can_redo = move || state.can_redo();

    view! {
        <nav class="toolbar" aria-label="Canvas actions">
            <div class="toolbar__group" role="group" aria-label="Canvases">
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="canvases"
                    title="The canvases kept in this browser: open, rename, duplicate, delete"
                    aria-haspopup="dialog"
                    on:click=move |_| state.canvas_list_open.set(true)
                >
                    "Canvases"
                </button>
            </div>
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
                    disabled=read_only
                    on:click=on_new_objective
                >
                    "New objective"
                </button>
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="new-team"
                    title="Add a team, department or company"
                    disabled=read_only
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
                <FilterButton />
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="tidy-up"
                    title="Lay out the whole map again (can be undone)"
                    disabled=read_only
                    on:click=move |_| state.tidy_up()
                >
                    "Tidy up"
                </button>
                {review.map(|review| view! { <ReviewButton review /> })}
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="score-cycle"
                    title="Every objective's score for the cycle, with a retrospective note each"
                    aria-haspopup="dialog"
                    on:click=move |_| state.score_view_open.set(true)
                >
                    "Scores"
                </button>
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="present"
                    title="Present the company OKRs as slides, full screen (P)"
                    on:click=move |_| present(state)
                >
                    "Present"
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
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="share-link"
                    title="Copy a link that carries this canvas"
                    on:click=move |_| state.share_dialog_open.set(true)
                >
                    "Share link"
                </button>
                <details class="toolbar__menu">
                    <summary class="toolbar__button" title="Pictures, outlines, printing">
                        "More"
                    </summary>
                    <div class="toolbar__menu-items" role="group" aria-label="More exports">
                        <button
                            class="toolbar__button"
                            type="button"
                            data-testid="export-svg"
                            title="Download the whole map as one SVG picture"
                            on:click=on_export_svg
                        >
                            "Picture (SVG)"
                        </button>
                        <button
                            class="toolbar__button"
                            type="button"
                            data-testid="export-markdown"
                            title="Download an outline of the OKRs for meeting notes"
                            on:click=on_export_markdown
                        >
                            "Outline (Markdown)"
                        </button>
                        <button
                            class="toolbar__button"
                            type="button"
                            data-testid="print"
                            title="Print the map as a poster"
                            on:click=on_print
                        >
                            "Print poster"
                        </button>
                    </div>
                </details>
            </div>
        </nav>
    }
}

/// Opens and closes the Review panel; the number of hints rides along.
#[component]
fn ReviewButton(review: super::review::Review) -> impl IntoView {
    let count = Memo::new(move |_| review.hints.with(|h| h.len()));
    view! {
        <button
            class="toolbar__button"
            type="button"
            data-testid="review"
            title="Quality hints and alignment health (R)"
            aria-controls="review-panel"
            aria-expanded=move || review.open.get().to_string()
            on:click=move |_| review.toggle()
        >
            "Review"
            {move || {
                let n = count.get();
                (n > 0)
                    .then(|| {
                        view! {
                            <span class="toolbar__count" data-testid="review-count">
                                {n}
                                <span class="visually-hidden">
                                    {if n == 1 { " hint" } else { " hints" }}
                                </span>
                            </span>
                        }
                    })
            }}
        </button>
    }
}
