//! The link picker: linking without dragging. For the selected objective it
//! lists every objective and key result a link may go to, narrowed by what is
//! typed, and hands the one picked to the hard-or-soft chooser, so a map can
//! be aligned from the keyboard alone.
//!
//! What may be linked is the core's judgement (`AlignmentGraph::valid_targets`);
//! a target is listed when at least one kind of link to it would be accepted.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, PendingLink};
use crate::domain::graph::AlignmentGraph;
use crate::domain::model::Document;

/// One target in the list, with the words it is found by.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    id: String,
    title: String,
    team: String,
    /// For a key result, the objective it belongs to.
    owner: Option<String>,
    hard_allowed: bool,
    soft_allowed: bool,
    /// Everything above in lower case, for the search.
    haystack: String,
}

impl Choice {
    fn allowed(&self) -> &'static str {
        match (self.hard_allowed, self.soft_allowed) {
            (true, true) => "hard or soft",
            (true, false) => "hard only",
            _ => "soft only",
        }
    }
}

#[component]
pub fn LinkPicker() -> impl IntoView {
    let state = use_app_state();
    let from = Memo::new(move |_| {
        if state.link_picker_open.get() {
            state.selected_objective()
        } else {
            None
        }
    });
    move || {
        from.get().map(|from| {
            let close = move || state.link_picker_open.set(false);
            when_loaded(state, link_picker(from), close)
        })
    }
}

part!(
    link_picker,
    /// The dialog that links the selected objective by keyboard, fetched the
    /// first time it opens.
    fn link_picker(from: String) {
        Ok(view! { <LinkPickerDialog from /> }.into_any())
    }
);

#[component]
fn LinkPickerDialog(from: String) -> impl IntoView {
    let state = use_app_state();
    let from = StoredValue::new(from);
    let query = RwSignal::new(String::new());
    // The highlighted target, by id, so that narrowing the list keeps it when
    // it is still there and falls back to the first row when it is not.
    let active_id = RwSignal::new(None::<String>);
    let search_input = NodeRef::<leptos::html::Input>::new();
    // Where focus was, to give it back when the picker is closed unused.
    let opener = StoredValue::new_local(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );

    let source_title = Memo::new(move |_| {
        state.with_document(|doc| {
            from.with_value(|from| {
                doc.objectives
                    .iter()
                    .find(|o| o.id == *from)
                    .map(|o| o.title.clone())
                    .unwrap_or_default()
            })
        })
    });
    let choices = Memo::new(move |_| {
        state.with_document(|doc| from.with_value(|from| choices_for(doc, from)))
    });
    let shown = Memo::new(move |_| {
        let words: Vec<String> = query
            .get()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        choices.with(|all| {
            all.iter()
                .filter(|c| words.iter().all(|w| c.haystack.contains(w.as_str())))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let active = Memo::new(move |_| {
        shown.with(|shown| {
            active_id
                .with(|id| {
                    id.as_ref()
                        .and_then(|id| shown.iter().position(|c| c.id == *id))
                })
                .unwrap_or(0)
        })
    });

    Effect::new(move |_| {
        if let Some(input) = search_input.get() {
            let _ = input.focus();
        }
    });

    let pick = move |to: String| {
        state.link_picker_open.set(false);
        state.pending_link.set(Some(PendingLink {
            from: from.get_value(),
            to,
        }));
    };
    let close = move || {
        state.link_picker_open.set(false);
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };
    let move_active = move |step: isize| {
        let count = shown.with_untracked(Vec::len);
        if count == 0 {
            return;
        }
        let last = count as isize - 1;
        let next = (active.get_untracked() as isize + step).clamp(0, last) as usize;
        active_id.set(shown.with_untracked(|s| s.get(next).map(|c| c.id.clone())));
        reveal_row(next);
    };
    let on_search_keydown = move |event: ev::KeyboardEvent| {
        match event.key().as_str() {
            "ArrowDown" => move_active(1),
            "ArrowUp" => move_active(-1),
            "PageDown" => move_active(8),
            "PageUp" => move_active(-8),
            "Home" if event.ctrl_key() => move_active(isize::MIN / 2),
            "End" if event.ctrl_key() => move_active(isize::MAX / 2),
            "Enter" => {
                let target =
                    shown.with_untracked(|s| s.get(active.get_untracked()).map(|c| c.id.clone()));
                if let Some(target) = target {
                    pick(target);
                }
            }
            _ => return,
        }
        event.prevent_default();
    };
    let count_text = move || {
        let (shown, all) = (shown.with(Vec::len), choices.with(Vec::len));
        match (shown, all) {
            (_, 0) => "Nothing can be linked from this objective.".to_owned(),
            (0, _) => "No target matches.".to_owned(),
            (1, _) => "1 target.".to_owned(),
            (n, _) => format!("{n} targets."),
        }
    };
    let active_descendant =
        move || (!shown.with(Vec::is_empty)).then(|| format!("link-target-{}", active.get()));
    let rows = move || {
        shown
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, choice)| {
                let target = choice.id.clone();
                let is_active = move || active.get() == index;
                let context = match &choice.owner {
                    Some(owner) => format!("{} · key result of “{}”", choice.team, owner),
                    None => choice.team.clone(),
                };
                view! {
                    <li role="presentation">
                        <button
                            class="link-picker__item"
                            class:link-picker__item--active=is_active
                            type="button"
                            role="option"
                            tabindex="-1"
                            id=format!("link-target-{index}")
                            aria-selected=move || if is_active() { "true" } else { "false" }
                            data-testid="link-target"
                            data-target-id=choice.id.clone()
                            on:click=move |_| pick(target.clone())
                        >
                            <span class="link-picker__title">{choice.title.clone()}</span>
                            <span class="link-picker__context">{context}</span>
                            <span class="link-picker__kinds">{choice.allowed()}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    // The shared frame gives focus, Escape and the backdrop; the search
    // field takes focus as the picker opens.
    let heading = Signal::derive(move || format!("Link “{}” to…", source_title.get()));
    view! {
        <Dialog
            testid="link-picker"
            class="link-picker"
            heading=heading
            on_close=Callback::new(move |()| close())
        >
            <label class="link-picker__search">
                <span class="visually-hidden">"Search objectives and key results"</span>
                <input
                    class="link-picker__input"
                    type="search"
                    role="combobox"
                    aria-expanded="true"
                    aria-controls="link-picker-list"
                    aria-autocomplete="list"
                    aria-activedescendant=active_descendant
                    autocomplete="off"
                    placeholder="Search by title or team"
                    data-testid="link-picker-search"
                    node_ref=search_input
                    prop:value=move || query.get()
                    on:input=move |event| query.set(event_target_value(&event))
                    on:keydown=on_search_keydown
                />
            </label>
            <p class="link-picker__count" aria-live="polite">{count_text}</p>
            <ul class="link-picker__list" id="link-picker-list" role="listbox" aria-label="Targets">
                {rows}
            </ul>
            <p class="link-picker__help">
                "↑ ↓ to move, Enter to pick, Escape to close. Then choose hard or soft."
            </p>
            <div class="link-picker__actions">
                <button
                    class="link-picker__cancel"
                    type="button"
                    data-testid="link-picker-cancel"
                    on:click=move |_| close()
                >
                    "Cancel"
                </button>
            </div>
        </Dialog>
    }
}

/// Every target `from` may link to with at least one kind, in document order.
fn choices_for(doc: &Document, from: &str) -> Vec<Choice> {
    let Ok(graph) = AlignmentGraph::from_document(doc) else {
        return Vec::new();
    };
    let team_name = |objective_id: &str| {
        graph
            .objective(objective_id)
            .and_then(|o| graph.team(&o.team))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    graph
        .valid_targets(from)
        .into_iter()
        .filter(|t| t.hard.is_ok() || t.soft.is_ok())
        .filter_map(|target| {
            let (title, owner) = if target.is_key_result {
                let (objective, key_result) = graph.key_result(&target.id)?;
                (key_result.title.clone(), Some(objective.title.clone()))
            } else {
                (graph.objective(&target.id)?.title.clone(), None)
            };
            let team = team_name(&target.objective_id);
            let haystack =
                format!("{title} {team} {}", owner.as_deref().unwrap_or("")).to_lowercase();
            Some(Choice {
                id: target.id,
                title,
                team,
                owner,
                hard_allowed: target.hard.is_ok(),
                soft_allowed: target.soft.is_ok(),
                haystack,
            })
        })
        .collect()
}

/// Scrolls the row at `index` into view after the highlight moved to it, only
/// as far as needed (`block: "nearest"`), so the list does not jump.
fn reveal_row(index: usize) {
    request_animation_frame(move || {
        let Some(row) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("link-target-{index}")))
        else {
            return;
        };
        let options = js_sys::Object::new();
        let scroll = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into())
            .ok()
            .and_then(|_| js_sys::Reflect::get(&row, &"scrollIntoView".into()).ok())
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match scroll {
            Some(scroll) => {
                let _ = scroll.call1(&row, &options);
            }
            None => row.scroll_into_view_with_bool(false),
        }
    });
}
