//! The toolbar: the actions on the whole canvas, grouped, each a command of
//! [`super::commands`] with its key in the tooltip.

use leptos::ev::Event;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::commands::{merge_file, open_file, Command, CommandButton};
use super::filter_panel::FilterButton;
use super::review::use_review;
use super::state::use_app_state;

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app_state();
    let more = NodeRef::<leptos::html::Details>::new();

    let on_file_chosen = move |event: Event| {
        if let Some(file) = chosen_file(&event) {
            open_file(state, file);
        }
    };
    let on_merge_chosen = move |event: Event| {
        if let Some(file) = chosen_file(&event) {
            merge_file(state, file);
        }
    };

    let review = use_review();
    let file_input = NodeRef::<leptos::html::Input>::new();

    view! {
        <nav class="toolbar" aria-label="Canvas actions">
            <div class="toolbar__group" role="group" aria-label="Canvases">
                <CommandButton command=Command::Canvases />
            </div>
            <div class="toolbar__group" role="group" aria-label="History">
                <CommandButton command=Command::Undo />
                <CommandButton command=Command::Redo />
            </div>
            <div class="toolbar__group" role="group" aria-label="Add">
                <CommandButton command=Command::NewObjective primary=true />
                <CommandButton command=Command::NewTeam />
                <CommandButton command=Command::Teams />
            </div>
            <div class="toolbar__group" role="group" aria-label="View">
                <CommandButton command=Command::Fit />
                <FilterButton />
                <CommandButton command=Command::TidyUp />
                {review.map(|review| view! { <ReviewButton review /> })}
                <CommandButton command=Command::Scores />
                <CommandButton command=Command::Present />
            </div>
            <div class="toolbar__group" role="group" aria-label="File">
                // The file input is pressed by the button beside it, so Tab
                // stops once, on a button that looks like one.
                <input
                    id="import-file"
                    class="toolbar__file"
                    type="file"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=".json,.okr.json,application/json"
                    data-testid="import-file"
                    node_ref=file_input
                    on:change=on_file_chosen
                />
                <input
                    id="merge-file-input"
                    class="toolbar__file"
                    type="file"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=".json,.okr.json,application/json"
                    data-testid="merge-file-input"
                    on:change=on_merge_chosen
                />
                <button
                    class="toolbar__button"
                    type="button"
                    data-testid="open-file"
                    title="Open a .okr.json file"
                    on:click=move |_| {
                        if let Some(input) = file_input.get() {
                            input.click();
                        }
                    }
                >
                    "Open…"
                </button>
                <CommandButton command=Command::Export />
                <CommandButton command=Command::ShareLink />
                <details class="toolbar__menu" node_ref=more>
                    <summary class="toolbar__button" title="Pictures, outlines, printing">
                        "More"
                    </summary>
                    // Closed once an item is chosen.
                    <div
                        class="toolbar__menu-items"
                        role="group"
                        aria-label="More exports"
                        on:click=move |_| {
                            if let Some(menu) = more.get() {
                                menu.set_open(false);
                            }
                        }
                    >
                        <CommandButton command=Command::ExportSvg />
                        <CommandButton command=Command::ExportMarkdown />
                        <CommandButton command=Command::ExportSheet />
                        <CommandButton command=Command::MergeFile />
                        <CommandButton command=Command::Print />
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

/// The file chosen in the input `event` comes from. The input is cleared, so
/// the same file can be chosen again after a fix.
fn chosen_file(event: &Event) -> Option<web_sys::File> {
    let input = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}
