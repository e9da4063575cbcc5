//! The keyboard: every canvas action has a key, so the map can be built
//! without a pointer. The commands' keys come from their table
//! ([`Command::for_key`]); the keys that depend on what is selected or open
//! (Escape, Enter, Delete, the arrows, R, H and S) are here. One window listener, removed with the app.
//!
//! Keys typed into a field belong to the field; dialogs with their own keys
//! (the target list, the team form) handle them themselves.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::commands::Command;
use super::review::{use_review, Review};
use super::state::{AppState, Selection};
use crate::browser::dom::find;

/// Screen pixels moved per arrow key when panning.
const PAN_STEP: f64 = 80.0;

pub fn install_shortcuts(state: AppState) {
    let review = use_review();
    let handle = window_event_listener(leptos::ev::keydown, move |event| {
        on_key(state, review, &event)
    });
    // A copy is this tab's until the window loses focus: what is copied in
    // another program then pastes as itself (a canvas's text opens it).
    let blur = window_event_listener(leptos::ev::blur, move |_| state.forget_clip());
    on_cleanup(move || {
        handle.remove();
        blur.remove();
    });
}

fn on_key(state: AppState, review: Option<Review>, event: &KeyboardEvent) {
    let command = event.ctrl_key() || event.meta_key();
    let key = event.key();
    // The presentation has keys of its own.
    if typing_in_a_field(event) || state.presenting.get_untracked() {
        return;
    }
    if command {
        match Command::for_key(&key, true, event.shift_key()) {
            Some(command) if command.applies(state) => command.run(state),
            _ => return,
        }
        event.prevent_default();
        return;
    }
    if event.alt_key() {
        return;
    }
    // Escape drops a card being dragged where it was, before anything else.
    if key == "Escape"
        && state
            .dragging
            .current
            .with_untracked(|d| d.as_ref().is_some_and(|d| d.active))
    {
        state.dragging.current.set(None);
        state
            .notices
            .status("Drag cancelled: the card is back where it was.");
        event.prevent_default();
        return;
    }
    // The hard-or-soft question takes H, S and Escape first.
    if state.pending_link.get_untracked().is_some() {
        match key.as_str() {
            "h" | "H" => click("[data-testid=link-choose-hard]"),
            "s" | "S" => click("[data-testid=link-choose-soft]"),
            "Escape" => state.pending_link.set(None),
            _ => return,
        }
        event.prevent_default();
        return;
    }
    // An open dialog keeps the keys: the map's shortcuts wait until it closes.
    if state.modal.with_untracked(Option::is_some)
        || state.notices.import_errors.with_untracked(Option::is_some)
    {
        return;
    }
    let has_selection = state.selection.get_untracked() != Selection::Nothing;
    match key.as_str() {
        // Escape leaves focus mode before it closes or deselects anything.
        "Escape" if state.focus.with_untracked(Option::is_some) => state.clear_focus(),
        // The inspector closes first, then the Review panel.
        "Escape"
            if !state.inspector_open.get_untracked() && review.is_some_and(|r| r.is_open()) =>
        {
            if let Some(review) = review {
                review.close();
            }
        }
        "Escape" => {
            if state.inspector_open.get_untracked() {
                state.inspector_open.set(false);
            } else {
                state.select(Selection::Nothing);
            }
        }
        "Enter" if has_selection => state.inspector_open.set(true),
        "r" | "R" if review.is_some() => {
            if let Some(review) = review {
                review.toggle();
            }
        }
        "Delete" | "Backspace" if has_selection => state.delete_selection(),
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
            let (dx, dy) = match key.as_str() {
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowRight" => (1.0, 0.0),
                "ArrowUp" => (0.0, -1.0),
                _ => (0.0, 1.0),
            };
            // Arrows walk the cards; with Shift they pan the view.
            if event.shift_key() {
                state.viewport.pan_by(-dx * PAN_STEP, -dy * PAN_STEP);
            } else {
                state.select_neighbour(dx, dy);
                // Within the map, focus moves with the selection, so a screen
                // reader reads the card reached.
                let on_card = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        el.closest("[data-testid=okr-card]")
                            .ok()
                            .flatten()
                            .is_some()
                    });
                // At once, not a frame later: a focus arriving after the next
                // key (Escape, say) would select the card again.
                if let Some(card) = state
                    .selected_objective_untracked()
                    .filter(|_| on_card)
                    .and_then(|id| find(&format!("[data-testid=okr-card][data-okr-id=\"{id}\"]")))
                {
                    let _ = card.focus();
                }
            }
        }
        // The rest are the command table's keys.
        _ => match Command::for_key(&key, false, event.shift_key()) {
            Some(command) => command.run(state),
            None => return,
        },
    }
    event.prevent_default();
}

/// Whether the key goes to a text field, a select or an editable element.
fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            matches!(tag.as_str(), "input" | "textarea" | "select")
                || el
                    .get_attribute("contenteditable")
                    .is_some_and(|v| v != "false")
        })
        .unwrap_or(false)
}

/// Presses the enabled button matching `selector`, if there is one.
fn click(selector: &str) {
    let button = find(selector).and_then(|el| el.dyn_into::<web_sys::HtmlButtonElement>().ok());
    if let Some(button) = button.filter(|b| !b.disabled()) {
        button.click();
    }
}
