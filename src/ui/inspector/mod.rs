//! The inspector: the panel beside the map that edits what is selected (an
//! objective with its key results and links, or a single link), and the two
//! ways of adding things that need more than a click: a new objective and the
//! new-team form.
//!
//! Fields commit on `change` (blur or Enter), never per keystroke, so one edit
//! is one undo step. Every edit goes through a named operation of the core,
//! which judges it. Every field's value is read from the document, and is read
//! again after a refusal, so a refused edit shows the core's reason in a notice
//! and the field snaps back to what the canvas really holds.
//!
//! This file is the panel; each thing it edits has a file: `objective`
//! (with a new objective), `key_result`, `check_ins`, `links`, `team_form`.
//! The edit buffer they commit through is `ui/edits.rs`; new ids come from
//! the core (`domain/ids.rs`).

mod check_in_markup;
mod check_ins;
mod key_result;
mod links;
mod objective;
mod team_form;

pub use objective::new_objective;
pub use team_form::TeamForm;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::model::Document;
use crate::ui::edits::{find_key_result, find_objective, Edits};
use crate::ui::lazy::part;
use crate::ui::loaded::when_loaded;
use crate::ui::state::{use_app_state, Selection};

use links::LinkEditor;
use objective::ObjectiveEditor;

#[component]
pub fn Inspector() -> impl IntoView {
    let state = use_app_state();
    let edits = Edits {
        state,
        refresh: Trigger::new(),
    };
    // A memo, so that selecting the same thing again keeps the panel, and the
    // field being typed in, as they are.
    let selection = Memo::new(move |_| state.selection.get());
    let shown = Memo::new(move |_| {
        state.inspector_open.get() && selection.with(|s| *s != Selection::Nothing)
    });
    commit_edits_on_outside_press();
    // The editors are a part of their own, fetched the first time something
    // is selected; the panel and its close button are here from the start.
    let close = move || state.inspector_open.set(false);
    let body = move || match selection.get() {
        Selection::Nothing => ().into_any(),
        Selection::Objective(id) => {
            when_loaded(state, objective_editor(edits, id), close).into_any()
        }
        Selection::Cards(ids) => view! { <SeveralCards ids /> }.into_any(),
        Selection::Link { from, to } => {
            when_loaded(state, link_editor(edits, from, to), close).into_any()
        }
    };
    move || {
        shown.get().then(|| {
            view! {
                <aside class="inspector" data-testid="inspector" aria-label="Inspector">
                    <button
                        class="inspector__close"
                        type="button"
                        data-testid="inspector-close"
                        aria-label="Close the inspector"
                        title="Close (Escape)"
                        on:click=move |_| state.inspector_open.set(false)
                    >
                        "×"
                    </button>
                    {body}
                </aside>
            }
        })
    }
}

part!(
    inspector,
    /// The editor of the selected objective.
    fn objective_editor(edits: Edits, id: String) {
        Ok(view! { <ObjectiveEditor edits id /> }.into_any())
    }
);

part!(
    inspector,
    /// The editor of the selected link, fetched with the objective's.
    fn link_editor(edits: Edits, from: String, to: String) {
        Ok(view! { <LinkEditor edits from to /> }.into_any())
    }
);

/// Several cards selected: which, and what can be done to them together.
#[component]
fn SeveralCards(ids: Vec<String>) -> impl IntoView {
    let state = use_app_state();
    let count = ids.len();
    let titles = state.with_document_untracked(|doc| {
        ids.iter()
            .filter_map(|id| find_objective(doc, id).map(|o| o.title.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <h2 class="inspector__heading" data-testid="selection-count" data-count=count>
            {format!("{count} objectives selected")}
        </h2>
        <ul class="inspector__selected">
            {titles.into_iter().map(|title| view! { <li>{title}</li> }).collect_view()}
        </ul>
        <div class="inspector__actions">
            <SelectionActions delete_label="Delete" delete_testid="delete-selection" />
        </div>
        <p class="inspector__hint">
            "Drag one of them to move them together. Shift+click adds or removes a card; \
             Shift+drag on the map's background selects every card in the box."
        </p>
    }
}

/// Duplicate, Copy and Delete of the selected card or cards.
#[component]
fn SelectionActions(delete_label: &'static str, delete_testid: &'static str) -> impl IntoView {
    let state = use_app_state();
    view! {
        <button
            class="inspector__button"
            type="button"
            data-testid="duplicate-card"
            title="Add a copy beside the original, with its key results (Ctrl+D)"
            on:click=move |_| state.duplicate_selection()
        >
            "Duplicate"
        </button>
        <button
            class="inspector__button"
            type="button"
            data-testid="copy-selection"
            title="Keep a copy to paste with Ctrl+V (Ctrl+C)"
            on:click=move |_| {
                state.copy_selection();
            }
        >
            "Copy"
        </button>
        <button
            class="inspector__button inspector__button--danger"
            type="button"
            data-testid=delete_testid
            on:click=move |_| state.delete_selection()
        >
            {delete_label}
        </button>
    }
}

/// An objective's title, or a key result's title with its objective's.
fn describe(doc: &Document, id: &str) -> String {
    if let Some(objective) = find_objective(doc, id) {
        return objective.title.clone();
    }
    match find_key_result(doc, id) {
        Some((objective, kr)) => format!("{} (key result of “{}”)", kr.title, objective.title),
        None => id.to_owned(),
    }
}

/// Commits the field being typed in before the panel goes away. A click on
/// the map can close the panel without moving focus, and a field that never
/// loses focus never reports its change; blurring it makes it report now.
fn commit_focused_field() {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|e| e.closest(".inspector").ok().flatten().is_some())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = focused {
        let _ = field.blur();
    }
}

/// Commits the field being typed in when the pointer goes down outside the
/// panel. Pressing the map does not always move focus (the map may capture
/// the pointer), and a field that keeps focus never reports its change. The
/// listener captures, so that nothing on the page can stop it first.
fn commit_edits_on_outside_press() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            let outside = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.closest(".inspector").ok().flatten().is_none());
            if outside {
                commit_focused_field();
            }
        });
    let added = window.add_event_listener_with_callback_and_bool(
        "pointerdown",
        listener.as_ref().unchecked_ref(),
        true,
    );
    if added.is_err() {
        return;
    }
    let listener = StoredValue::new_local(listener);
    on_cleanup(move || {
        listener.with_value(|listener| {
            let _ = window.remove_event_listener_with_callback_and_bool(
                "pointerdown",
                listener.as_ref().unchecked_ref(),
                true,
            );
        });
    });
}
