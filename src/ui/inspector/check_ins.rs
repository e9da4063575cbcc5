//! A key result's check-ins in the inspector: the form that records this
//! week's value (date, value, confidence, note), and the history below it,
//! newest first, where a wrong entry is fixed in place or deleted.
//!
//! The form and the history are `markup` trees (`check_in_markup.rs`), rebuilt when the key result
//! changes, with one listener per kind of event on the section around them:
//! written as nested Leptos views, the same fields, entries and buttons cost
//! about twice as much of the bundle (each view is its own generic type), and
//! as trees they are plain data tested on the host. What is typed stays in the
//! fields and is read on submit, so one check-in is one undo step. Until
//! something is typed a field holds its default (today, the current value,
//! the current confidence), so after a check-in the form is ready for the
//! next week. What cannot be a check-in is named under the form and changes
//! nothing; the rules themselves are the core's (`domain::check_ins`).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::check_in_markup::{form_markup, history_markup, read_check_in, FieldTexts};
use crate::browser::dom;
use crate::domain::check_ins;
use crate::domain::model::{CheckIn, KeyResult};
use crate::domain::numbers::number_with_unit;
use crate::output::markup::Element;
use crate::ui::edits::{focus_when_shown, Edits};

#[component]
pub(super) fn CheckIns(
    edits: Edits,
    kr_id: StoredValue<String>,
    key_result: Memo<Option<KeyResult>>,
) -> impl IntoView {
    let state = edits.state;
    // The entry being fixed: its place in the history and what it held, so a
    // history changed meanwhile (undo, another tab) is noticed.
    let fixing = RwSignal::new(None::<(usize, CheckIn)>);
    let form_slot = NodeRef::<leptos::html::Div>::new();
    let history_slot = NodeRef::<leptos::html::Div>::new();
    let heading_id = kr_id.with_value(|id| format!("checkins-{id}"));

    // The form, with its defaults, whenever the key result changes.
    Effect::new(move |_| {
        let Some(slot) = form_slot.get() else {
            return;
        };
        let tree = key_result.with(|kr| {
            kr.as_ref()
                .map(|kr| form_markup(kr, &state.today.get_untracked()))
        });
        show(&slot, tree.as_ref());
    });
    // The history, whenever the key result or the entry being fixed changes.
    Effect::new(move |_| {
        let Some(slot) = history_slot.get() else {
            return;
        };
        let fixing = fixing.get();
        let tree = key_result.with(|kr| {
            kr.as_ref().map(|kr| {
                let fixing = fixing
                    .filter(|(index, original)| kr.check_ins.get(*index) == Some(original))
                    .map(|(index, _)| index);
                history_markup(kr, fixing)
            })
        });
        show(&slot, tree.as_ref());
    });

    let in_this_key_result =
        move |rest: &str| kr_id.with_value(|id| format!(".inspector [data-kr-id=\"{id}\"] {rest}"));
    let focus_entry_button = move |index: usize, button: &str| {
        focus_when_shown(
            in_this_key_result(&format!(
                "[data-testid=\"checkin-entry\"][data-index=\"{index}\"] [data-testid=\"{button}\"]"
            )),
            false,
        );
    };

    let record = move |form: &web_sys::Element| {
        let Some(current) = key_result.get_untracked() else {
            return;
        };
        let mut edited = current.clone();
        let recorded = read_check_in(&read_fields(form)).and_then(|c| {
            check_ins::record(&mut edited, c.clone())
                .map(|_| c)
                .map_err(|e| e.to_string())
        });
        let check_in = match recorded {
            Ok(check_in) => check_in,
            Err(message) => return show_error(form, &message),
        };
        let said = format!(
            "{} on {}",
            number_with_unit(check_in.value, current.unit.as_deref()),
            current.title
        );
        if edits.replace_key_result(&current.id, &format!("Check in {said}"), edited) {
            state.notices.status(format!("Checked in {said}."));
            // The form is built again with the new defaults; the person
            // stays in the field they pressed Enter in.
            let field = focused_test_id().unwrap_or_else(|| "checkin-submit".to_owned());
            focus_when_shown(
                in_this_key_result(&format!(
                    "[data-testid=\"checkin-form\"] [data-testid=\"{field}\"]"
                )),
                false,
            );
        }
    };
    let save_fix = move |form: &web_sys::Element| {
        let (Some(current), Some((index, original))) =
            (key_result.get_untracked(), fixing.get_untracked())
        else {
            return;
        };
        if current.check_ins.get(index) != Some(&original) {
            return show_error(
                form,
                "This check-in was changed meanwhile, so it was not saved. Cancel, and fix it again.",
            );
        }
        let mut edited = current.clone();
        let fixed = read_check_in(&read_fields(form)).and_then(|c| {
            check_ins::fix(&mut edited, index, c.clone())
                .map(|place| (place, c))
                .map_err(|e| e.to_string())
        });
        let (place, check_in) = match fixed {
            Ok(fixed) => fixed,
            Err(message) => return show_error(form, &message),
        };
        // Saved unchanged: nothing to record, the entry simply closes.
        if edited == current {
            fixing.set(None);
            return focus_entry_button(place, "checkin-fix");
        }
        let label = format!("Fix the {} check-in on {}", original.date, current.title);
        if edits.replace_key_result(&current.id, &label, edited) {
            fixing.set(None);
            state.notices.status(format!(
                "Fixed the {} check-in on {}: {}.",
                check_in.date,
                current.title,
                number_with_unit(check_in.value, current.unit.as_deref())
            ));
            focus_entry_button(place, "checkin-fix");
        }
    };
    let start_fix = move |index: usize| {
        let entry = key_result
            .with_untracked(|kr| kr.as_ref().and_then(|kr| kr.check_ins.get(index)).cloned());
        if let Some(entry) = entry {
            fixing.set(Some((index, entry)));
            focus_when_shown(
                in_this_key_result(
                    "[data-testid=\"checkin-fix-form\"] [data-testid=\"checkin-value\"]",
                ),
                true,
            );
        }
    };
    let cancel_fix = move || {
        if let Some((index, _)) = fixing.get_untracked() {
            fixing.set(None);
            focus_entry_button(index, "checkin-fix");
        }
    };
    let delete = move |index: usize| {
        let Some(current) = key_result.get_untracked() else {
            return;
        };
        let mut edited = current.clone();
        let removed = match check_ins::remove(&mut edited, index) {
            Ok(removed) => removed,
            Err(error) => return state.notices.error(error.to_string()),
        };
        let label = format!("Delete the {} check-in on {}", removed.date, current.title);
        if edits.replace_key_result(&current.id, &label, edited) {
            if fixing.with_untracked(|f| f.as_ref().is_some_and(|(i, _)| *i == index)) {
                fixing.set(None);
            }
            state.notices.status(format!(
                "Deleted the {} check-in ({}) on {}; Undo brings it back.",
                removed.date,
                number_with_unit(removed.value, current.unit.as_deref()),
                current.title
            ));
            // Focus goes to the entry shown next in its place (the one before
            // it in time), else the newest, else the form.
            if current.check_ins.len() > 1 {
                focus_entry_button(index.saturating_sub(1), "checkin-delete");
            } else {
                focus_when_shown(
                    in_this_key_result("[data-testid=\"checkin-submit\"]"),
                    false,
                );
            }
        }
    };

    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        match form.get_attribute("data-testid").as_deref() {
            Some("checkin-form") => record(&form),
            Some("checkin-fix-form") => save_fix(&form),
            _ => {}
        }
    };
    let on_click = move |event: ev::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-testid]").ok().flatten())
        else {
            return;
        };
        let index = button
            .closest("[data-index]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok());
        match (button.get_attribute("data-testid").as_deref(), index) {
            (Some("checkin-fix"), Some(index)) => start_fix(index),
            (Some("checkin-delete"), Some(index)) => delete(index),
            (Some("checkin-cancel"), _) => cancel_fix(),
            _ => {}
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        let in_fix_form = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| {
                e.closest("[data-testid=\"checkin-fix-form\"]")
                    .ok()
                    .flatten()
            })
            .is_some();
        if in_fix_form && event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            cancel_fix();
        }
    };
    // Typing again takes the last complaint away.
    let on_input = move |event: ev::Event| {
        if let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
        {
            show_error(&form, "");
        }
    };
    let count = move || match key_result.with(|kr| kr.as_ref().map_or(0, |kr| kr.check_ins.len())) {
        0 => " (none yet)".to_owned(),
        n => format!(" ({n})"),
    };
    let labelled_by = heading_id.clone();

    view! {
        <section
            class="checkins"
            aria-labelledby=labelled_by
            on:submit=on_submit
            on:click=on_click
            on:keydown=on_keydown
            on:input=on_input
        >
            <h4 class="checkins__heading" id=heading_id>
                "Check-ins"
                <span class="checkins__count">{count}</span>
            </h4>
            <div node_ref=form_slot></div>
            <div node_ref=history_slot></div>
        </section>
    }
}

/// Puts the elements of `tree` in `slot`, in place of what was there.
fn show(slot: &web_sys::HtmlDivElement, tree: Option<&Element>) {
    slot.set_text_content(None);
    if let Some(built) = tree.and_then(|tree| dom::build(tree).ok()) {
        let _ = slot.append_child(&built);
    }
}

// ---------------------------------------------------------------------------
// Reading the fields
// ---------------------------------------------------------------------------

/// What the fields of `form` hold now.
fn read_fields(form: &web_sys::Element) -> FieldTexts {
    let read = |testid: &str| {
        form.query_selector(&format!("[data-testid=\"{testid}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    };
    FieldTexts {
        date: read("checkin-date"),
        value: read("checkin-value"),
        confidence: read("checkin-confidence"),
        note: read("checkin-note"),
    }
}

/// Shows `message` under the fields of `form` and marks them, or clears both
/// for an empty message. The fields keep what was typed.
fn show_error(form: &web_sys::Element, message: &str) {
    if let Some(error) = form
        .query_selector("[data-testid=\"checkin-error\"]")
        .ok()
        .flatten()
    {
        error.set_text_content(Some(message));
        let _ = if message.is_empty() {
            error.set_attribute("hidden", "")
        } else {
            error.remove_attribute("hidden")
        };
    }
    let _ = if message.is_empty() {
        form.remove_attribute("data-invalid")
    } else {
        form.set_attribute("data-invalid", "true")
    };
}

/// The `data-testid` of the focused element, if it has one.
fn focused_test_id() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("data-testid"))
}
