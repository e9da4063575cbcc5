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

use std::collections::HashSet;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::check_ins::CheckIns;
use super::edits::{find_key_result, find_objective, focus_when_shown, format_number, Edits};
use super::state::{use_app_state, AppState, Selection};
use crate::domain::graph::RuleError;
use crate::domain::model::{
    Document, KeyResult, Level, LinkKind, Objective, ObjectiveKind, Position, Rollup, Team,
};
use crate::domain::numbers::{parse_number, NumberProblem};
use crate::map::scene::objective_card_size;

/// Colours offered to new teams in turn, so that neighbouring teams differ.
const TEAM_PALETTE: [&str; 8] = [
    "#1f5fbf", "#2a9d8f", "#e76f51", "#8e44ad", "#f4a261", "#2f855a", "#c05621", "#5b6576",
];

// ---------------------------------------------------------------------------
// The panel
// ---------------------------------------------------------------------------

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
    let body = move || match selection.get() {
        Selection::Nothing => ().into_any(),
        Selection::Objective(id) => view! { <ObjectiveEditor edits id /> }.into_any(),
        Selection::Link { from, to } => view! { <LinkEditor edits from to /> }.into_any(),
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

// ---------------------------------------------------------------------------
// An objective
// ---------------------------------------------------------------------------

#[component]
fn ObjectiveEditor(edits: Edits, id: String) -> impl IntoView {
    let state = edits.state;
    let refresh = edits.refresh;
    let id = StoredValue::new(id);
    on_cleanup(commit_focused_field);
    let objective = Memo::new(move |_| {
        state.with_document(|doc| id.with_value(|id| find_objective(doc, id).cloned()))
    });
    let exists = Memo::new(move |_| objective.with(Option::is_some));
    let teams = Memo::new(move |_| {
        state.with_document(|doc| {
            doc.teams
                .iter()
                .map(|t| (t.id.clone(), format!("{} ({})", t.name, t.level)))
                .collect::<Vec<_>>()
        })
    });
    let key_result_ids = Memo::new(move |_| {
        objective.with(|o| {
            o.as_ref()
                .map(|o| {
                    o.key_results
                        .iter()
                        .map(|kr| kr.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Outgoing links (what this objective supports) and incoming ones (what
    // supports it or one of its key results), as (from, to).
    let link_ends = Memo::new(move |_| {
        state.with_document(|doc| {
            id.with_value(|id| {
                let Some(objective) = find_objective(doc, id) else {
                    return (Vec::new(), Vec::new());
                };
                let ends = |l: &crate::domain::model::Link| (l.from.clone(), l.to.clone());
                let outgoing: Vec<(String, String)> = doc
                    .links
                    .iter()
                    .filter(|l| l.from == *id)
                    .map(ends)
                    .collect();
                let incoming: Vec<(String, String)> = doc
                    .links
                    .iter()
                    .filter(|l| l.to == *id || objective.key_results.iter().any(|kr| kr.id == l.to))
                    .map(ends)
                    .collect();
                (outgoing, incoming)
            })
        })
    });

    // Tracked reads of the objective; `refresh` makes them read again.
    let text = move |read: fn(&Objective) -> String| {
        move || {
            refresh.track();
            objective.with(|o| o.as_ref().map(read).unwrap_or_default())
        }
    };
    let is = move |test: fn(&Objective) -> bool| {
        move || {
            refresh.track();
            objective.with(|o| o.as_ref().is_some_and(test))
        }
    };
    let stands_alone = is(|o| o.standalone.is_some());

    let on_title = move |event: ev::Event| {
        let title = event_target_value(&event).trim().to_owned();
        edits.objective(&id.get_value(), "Edit title", |o| o.title = title);
    };
    let on_description = move |event: ev::Event| {
        let text = event_target_value(&event);
        let description = (!text.trim().is_empty()).then_some(text);
        edits.objective(&id.get_value(), "Edit description", |o| {
            o.description = description
        });
    };
    let on_kind = move |event: ev::Event| {
        let kind = match event_target_value(&event).as_str() {
            "committed" => ObjectiveKind::Committed,
            _ => ObjectiveKind::Aspirational,
        };
        edits.objective(&id.get_value(), "Change kind", |o| o.kind = kind);
    };
    let on_rollup = move |event: ev::Event| {
        let rollup = match event_target_value(&event).as_str() {
            "children" => Rollup::Children,
            "both" => Rollup::Both,
            _ => Rollup::KeyResults,
        };
        edits.objective(&id.get_value(), "Change roll-up", |o| o.rollup = rollup);
    };
    let on_standalone = move |event: ev::Event| {
        let checked = event_target_checked(&event);
        let label = if checked {
            "Mark as standing alone"
        } else {
            "Unmark as standing alone"
        };
        edits.objective(&id.get_value(), label, |o| {
            o.standalone = checked.then(|| o.standalone.clone().unwrap_or_default());
        });
        if checked {
            focus_when_shown(
                ".inspector [data-testid=\"inspector-standalone-reason\"]".to_owned(),
                false,
            );
        }
    };
    let on_standalone_reason = move |event: ev::Event| {
        let reason = event_target_value(&event).trim().to_owned();
        edits.objective(&id.get_value(), "Edit standalone reason", |o| {
            o.standalone = Some(reason)
        });
    };
    let on_team = move |event: ev::Event| {
        let team = event_target_value(&event);
        let objective_id = id.get_value();
        let unchanged = objective.with_untracked(|o| o.as_ref().is_none_or(|o| o.team == team));
        if unchanged {
            refresh.notify();
            return;
        }
        edits.commit("Move to team", |g| {
            g.move_objective_to_team(&objective_id, &team)
                .map_err(RuleError::from)
        });
    };
    let on_add_key_result = move |_| {
        let objective_id = id.get_value();
        let new_id = state.with_document_untracked(|doc| unique_card_id(doc, "kr"));
        let key_result = KeyResult::new(new_id.clone(), "New key result", 0.0, 100.0);
        if edits.commit("Add key result", |g| {
            g.add_key_result(&objective_id, key_result)
                .map_err(RuleError::from)
        }) {
            focus_when_shown(
                format!(".inspector [data-kr-id=\"{new_id}\"] [data-testid=\"kr-edit-title\"]"),
                true,
            );
        }
    };

    let kind_is = move |kind: ObjectiveKind| {
        move || {
            refresh.track();
            objective.with(|o| o.as_ref().is_some_and(|o| o.kind == kind))
        }
    };
    let rollup_is = move |rollup: Rollup| {
        move || {
            refresh.track();
            objective.with(|o| o.as_ref().is_some_and(|o| o.rollup == rollup))
        }
    };
    let team_options = move || {
        teams
            .get()
            .into_iter()
            .map(|(team_id, label)| {
                let value = team_id.clone();
                let selected = move || {
                    refresh.track();
                    objective.with(|o| o.as_ref().is_some_and(|o| o.team == team_id))
                };
                view! { <option value=value prop:selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let focused_here = Memo::new(move |_| {
        id.with_value(|id| {
            state
                .focus
                .with(|focus| focus.as_deref() == Some(id.as_str()))
        })
    });
    let outgoing_empty = move || link_ends.with(|(outgoing, _)| outgoing.is_empty());
    let incoming_empty = move || link_ends.with(|(_, incoming)| incoming.is_empty());

    view! {
        <Show
            when=move || exists.get()
            fallback=|| view! { <p class="inspector__empty">"This objective no longer exists."</p> }
        >
            <h2 class="inspector__heading">"Objective"</h2>
            <section class="inspector__section" aria-label="Objective">
                <label class="inspector__field">
                    <span class="inspector__label">"Title"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        data-testid="inspector-title"
                        autocomplete="off"
                        prop:value=text(|o| o.title.clone())
                        on:change=on_title
                    />
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Description"</span>
                    <textarea
                        class="inspector__input inspector__textarea"
                        rows="3"
                        data-testid="inspector-description"
                        prop:value=text(|o| o.description.clone().unwrap_or_default())
                        on:change=on_description
                    ></textarea>
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Kind"</span>
                    <select
                        class="inspector__input"
                        data-testid="inspector-kind"
                        on:change=on_kind
                    >
                        <option
                            value="aspirational"
                            prop:selected=kind_is(ObjectiveKind::Aspirational)
                        >
                            "Aspirational (success ≈ 0.7)"
                        </option>
                        <option value="committed" prop:selected=kind_is(ObjectiveKind::Committed)>
                            "Committed (success = 1.0)"
                        </option>
                    </select>
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Progress comes from"</span>
                    <select
                        class="inspector__input"
                        data-testid="inspector-rollup"
                        on:change=on_rollup
                    >
                        <option value="key_results" prop:selected=rollup_is(Rollup::KeyResults)>
                            "Its key results"
                        </option>
                        <option value="children" prop:selected=rollup_is(Rollup::Children)>
                            "Objectives hard-linked to it"
                        </option>
                        <option value="both" prop:selected=rollup_is(Rollup::Both)>
                            "Both (key results and hard-linked objectives)"
                        </option>
                    </select>
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Team"</span>
                    <select class="inspector__input" data-testid="inspector-team" on:change=on_team>
                        {team_options}
                    </select>
                </label>
                <label class="inspector__check">
                    <input
                        type="checkbox"
                        data-testid="inspector-standalone"
                        prop:checked=stands_alone
                        on:change=on_standalone
                    />
                    <span>"Stands alone (mission OKR)"</span>
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Why it stands alone"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        data-testid="inspector-standalone-reason"
                        autocomplete="off"
                        placeholder="For example: our mission OKR this quarter"
                        prop:disabled=move || !stands_alone()
                        prop:value=text(|o| o.standalone.clone().unwrap_or_default())
                        on:change=on_standalone_reason
                    />
                </label>
            </section>

            <section class="inspector__section" aria-labelledby="inspector-krs-heading">
                <h3 class="inspector__subheading" id="inspector-krs-heading">
                    "Key results"
                </h3>
                <ol class="inspector__krs">
                    <For each=move || key_result_ids.get() key=|kr_id| kr_id.clone() let:kr_id>
                        <KeyResultEditor edits kr_id siblings=key_result_ids />
                    </For>
                </ol>
                <button
                    class="inspector__button"
                    type="button"
                    data-testid="add-key-result"
                    on:click=on_add_key_result
                >
                    "+ Add key result"
                </button>
            </section>

            <section class="inspector__section" aria-labelledby="inspector-supports-heading">
                <h3 class="inspector__subheading" id="inspector-supports-heading">
                    "Supports"
                </h3>
                <Show when=outgoing_empty>
                    <p class="inspector__hint">"Not linked to anything yet."</p>
                </Show>
                <ul class="inspector__links">
                    <For
                        each=move || link_ends.get().0
                        key=|ends| ends.clone()
                        let:ends
                    >
                        <LinkRow edits from=ends.0 to=ends.1 outgoing=true />
                    </For>
                </ul>
                <button
                    class="inspector__button"
                    type="button"
                    data-testid="link-to"
                    aria-haspopup="dialog"
                    on:click=move |_| state.link_picker_open.set(true)
                >
                    "Link to…"
                </button>
            </section>

            <section class="inspector__section" aria-labelledby="inspector-supporters-heading">
                <h3 class="inspector__subheading" id="inspector-supporters-heading">
                    "Supported by"
                </h3>
                <Show when=incoming_empty>
                    <p class="inspector__hint">"Nothing supports this objective yet."</p>
                </Show>
                <ul class="inspector__links">
                    <For
                        each=move || link_ends.get().1
                        key=|ends| ends.clone()
                        let:ends
                    >
                        <LinkRow edits from=ends.0 to=ends.1 outgoing=false />
                    </For>
                </ul>
                <button
                    class="inspector__button"
                    type="button"
                    data-testid="focus-objective"
                    title="Dim everything that does not support this objective (F)"
                    aria-pressed=move || focused_here.get().to_string()
                    on:click=move |_| state.toggle_focus(&id.get_value())
                >
                    "Focus"
                </button>
            </section>

            <section class="inspector__section inspector__section--danger">
                <button
                    class="inspector__button inspector__button--danger"
                    type="button"
                    data-testid="delete-objective"
                    on:click=move |_| state.delete_selection()
                >
                    "Delete objective"
                </button>
            </section>
        </Show>
    }
}

// ---------------------------------------------------------------------------
// A key result
// ---------------------------------------------------------------------------

/// The numeric fields of a key result, with the words a person reads.
#[derive(Clone, Copy, Debug, PartialEq)]
enum NumberField {
    Start,
    Target,
    Current,
    Weight,
    Confidence,
}

impl NumberField {
    fn name(self) -> &'static str {
        match self {
            NumberField::Start => "start value",
            NumberField::Target => "target",
            NumberField::Current => "current value",
            NumberField::Weight => "weight",
            NumberField::Confidence => "confidence",
        }
    }

    fn example(self) -> &'static str {
        match self {
            NumberField::Start => "0",
            NumberField::Target => "100",
            NumberField::Current => "45",
            NumberField::Weight => "1",
            NumberField::Confidence => "0.6 (or 60%)",
        }
    }

    fn undo_label(self) -> &'static str {
        match self {
            NumberField::Start => "Edit start value",
            NumberField::Target => "Edit target",
            NumberField::Current => "Edit current value",
            NumberField::Weight => "Edit weight",
            NumberField::Confidence => "Edit confidence",
        }
    }

    fn read(self, key_result: &KeyResult) -> Option<f64> {
        match self {
            NumberField::Start => Some(key_result.start),
            NumberField::Target => Some(key_result.target),
            NumberField::Current => key_result.current,
            NumberField::Weight => Some(key_result.weight),
            NumberField::Confidence => key_result.confidence,
        }
    }

    /// Writes `value`; only the current value and the confidence may be left
    /// empty (meaning "still at the start" and "not given").
    fn write(self, key_result: &mut KeyResult, value: Option<f64>) -> Result<(), String> {
        match (self, value) {
            (NumberField::Current, value) => key_result.current = value,
            (NumberField::Confidence, value) => key_result.confidence = value,
            (_, None) => {
                return Err(format!(
                    "The {} cannot be empty; type a number, for example {}.",
                    self.name(),
                    self.example()
                ))
            }
            (NumberField::Start, Some(value)) => key_result.start = value,
            (NumberField::Target, Some(value)) => key_result.target = value,
            (NumberField::Weight, Some(value)) => key_result.weight = value,
        }
        Ok(())
    }
}

#[component]
fn KeyResultEditor(edits: Edits, kr_id: String, siblings: Memo<Vec<String>>) -> impl IntoView {
    let state = edits.state;
    let refresh = edits.refresh;
    let dom_id = kr_id.clone();
    let kr_id = StoredValue::new(kr_id);
    let key_result = Memo::new(move |_| {
        state.with_document(|doc| {
            kr_id.with_value(|id| find_key_result(doc, id).map(|(_, kr)| kr.clone()))
        })
    });
    let place = Memo::new(move |_| {
        siblings.with(|ids| kr_id.with_value(|id| ids.iter().position(|other| other == id)))
    });
    let is_first = move || place.get() == Some(0);
    let is_last = move || place.get().map(|p| p + 1) == Some(siblings.with(Vec::len));

    let text = move |read: fn(&KeyResult) -> String| {
        move || {
            refresh.track();
            key_result.with(|kr| kr.as_ref().map(read).unwrap_or_default())
        }
    };
    let number = move |field: NumberField| {
        move || {
            refresh.track();
            key_result.with(|kr| {
                kr.as_ref()
                    .and_then(|kr| field.read(kr))
                    .map(format_number)
                    .unwrap_or_default()
            })
        }
    };

    let on_title = move |event: ev::Event| {
        let title = event_target_value(&event).trim().to_owned();
        edits.key_result(&kr_id.get_value(), "Edit key result title", |kr| {
            kr.title = title
        });
    };
    let on_unit = move |event: ev::Event| {
        let unit = event_target_value(&event).trim().to_owned();
        let unit = (!unit.is_empty()).then_some(unit);
        edits.key_result(&kr_id.get_value(), "Edit unit", |kr| kr.unit = unit);
    };
    let on_number = move |field: NumberField| {
        move |event: ev::Event| {
            let typed = event_target_value(&event);
            let value = match parse_number(&typed, field == NumberField::Confidence) {
                Ok(value) => value,
                Err(problem) => {
                    edits.refuse(number_refusal(problem, field, typed.trim()));
                    return;
                }
            };
            let Some(mut edited) = key_result.get_untracked() else {
                return;
            };
            if let Err(message) = field.write(&mut edited, value) {
                edits.refuse(message);
                return;
            }
            edits.key_result(&kr_id.get_value(), field.undo_label(), |kr| *kr = edited);
        }
    };
    let move_by = move |up: bool| {
        let Some(from) = place.get_untracked() else {
            return;
        };
        let count = siblings.with_untracked(Vec::len);
        let to = if up {
            from.checked_sub(1)
        } else {
            Some(from + 1).filter(|&to| to < count)
        };
        let Some(to) = to else { return };
        let id = kr_id.get_value();
        if edits.commit("Reorder key results", |g| {
            g.move_key_result(&id, to).map_err(RuleError::from)
        }) {
            // The row moved, and focus with it is lost; keep the person on the
            // button they pressed, or its twin once the row reached an end.
            let at_end = if up { to == 0 } else { to + 1 == count };
            let button = if up != at_end {
                "kr-edit-up"
            } else {
                "kr-edit-down"
            };
            focus_when_shown(
                format!(".inspector [data-kr-id=\"{id}\"] [data-testid=\"{button}\"]"),
                false,
            );
        }
    };
    let on_remove = move |_| {
        let id = kr_id.get_value();
        let title = state.title_of(&id);
        match state.apply_or_notify("Remove key result", |g| {
            g.remove_key_result(&id).map_err(RuleError::from)
        }) {
            Some(removal) if removal.unaligned.is_empty() => {
                state.notify_status(format!("Removed the key result “{title}”."));
            }
            Some(removal) => {
                let names: Vec<String> = removal
                    .unaligned
                    .iter()
                    .map(|id| format!("“{}”", state.title_of(id)))
                    .collect();
                state.notify_error(format!(
                    "Removed the key result “{title}”. {} lost its hard parent and is now unaligned; re-align it.",
                    names.join(", ")
                ));
            }
            None => refresh.notify(),
        }
    };
    let title_for_buttons =
        move || key_result.with(|kr| kr.as_ref().map(|kr| kr.title.clone()).unwrap_or_default());

    view! {
        <li class="inspector__kr" data-testid="kr-edit" data-kr-id=dom_id>
            <label class="inspector__field">
                <span class="inspector__label">"Key result"</span>
                <input
                    class="inspector__input"
                    type="text"
                    data-testid="kr-edit-title"
                    autocomplete="off"
                    prop:value=text(|kr| kr.title.clone())
                    on:change=on_title
                />
            </label>
            <div class="inspector__numbers">
                <NumberInput label="Start" testid="kr-edit-start" value=number(NumberField::Start) on_change=on_number(NumberField::Start) />
                <NumberInput label="Target" testid="kr-edit-target" value=number(NumberField::Target) on_change=on_number(NumberField::Target) />
                <NumberInput
                    label="Current"
                    testid="kr-edit-current"
                    value=number(NumberField::Current)
                    on_change=on_number(NumberField::Current)
                    placeholder="= start"
                />
                <label class="inspector__field">
                    <span class="inspector__label">"Unit"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        data-testid="kr-edit-unit"
                        autocomplete="off"
                        placeholder="%, EUR, …"
                        prop:value=text(|kr| kr.unit.clone().unwrap_or_default())
                        on:change=on_unit
                    />
                </label>
                <NumberInput label="Weight" testid="kr-edit-weight" value=number(NumberField::Weight) on_change=on_number(NumberField::Weight) />
                <NumberInput
                    label="Confidence (0–1)"
                    testid="kr-edit-confidence"
                    value=number(NumberField::Confidence)
                    on_change=on_number(NumberField::Confidence)
                    placeholder="e.g. 0.6"
                />
            </div>
            <div class="inspector__kr-actions">
                <button
                    class="inspector__button inspector__button--small"
                    type="button"
                    data-testid="kr-edit-up"
                    aria-label=move || format!("Move “{}” up", title_for_buttons())
                    prop:disabled=is_first
                    on:click=move |_| move_by(true)
                >
                    "↑ Up"
                </button>
                <button
                    class="inspector__button inspector__button--small"
                    type="button"
                    data-testid="kr-edit-down"
                    aria-label=move || format!("Move “{}” down", title_for_buttons())
                    prop:disabled=is_last
                    on:click=move |_| move_by(false)
                >
                    "↓ Down"
                </button>
                <button
                    class="inspector__button inspector__button--small inspector__button--danger"
                    type="button"
                    data-testid="kr-edit-remove"
                    aria-label=move || format!("Remove “{}”", title_for_buttons())
                    on:click=on_remove
                >
                    "Remove"
                </button>
            </div>
            <CheckIns edits kr_id key_result />
        </li>
    }
}

/// A labelled field for a number. Plain text, not `type=number`, so that what
/// was typed reaches the app as typed and a mistake can be named.
#[component]
fn NumberInput(
    label: &'static str,
    testid: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(ev::Event) + 'static,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <label class="inspector__field inspector__field--number">
            <span class="inspector__label">{label}</span>
            <input
                class="inspector__input"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-testid=testid
                placeholder=placeholder
                prop:value=value
                on:change=on_change
            />
        </label>
    }
}

// ---------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------

/// One link in the objective's lists: what is on the other end, its kind,
/// its note, and a way to remove it.
#[component]
fn LinkRow(edits: Edits, from: String, to: String, outgoing: bool) -> impl IntoView {
    let state = edits.state;
    let other_end = {
        let (from, to) = (from.clone(), to.clone());
        Memo::new(move |_| {
            state.with_document(|doc| {
                if outgoing {
                    describe(doc, &to)
                } else {
                    match find_key_result(doc, &to) {
                        Some((_, kr)) => format!(
                            "{} (to the key result “{}”)",
                            describe(doc, &from),
                            kr.title
                        ),
                        None => describe(doc, &from),
                    }
                }
            })
        })
    };
    let ends = StoredValue::new((from.clone(), to.clone()));
    let on_remove = move |_| {
        let (from, to) = ends.get_value();
        if edits.commit("Remove link", |g| {
            g.unlink(&from, &to).map(|_| ()).map_err(RuleError::from)
        }) {
            let (from_title, to_title) = (state.title_of(&from), state.title_of(&to));
            state.notify_status(format!("Removed the link “{from_title}” → “{to_title}”."));
        }
    };
    let direction = if outgoing { "outgoing" } else { "incoming" };
    let (from_attr, to_attr) = (from.clone(), to.clone());
    view! {
        <li
            class="inspector__link"
            data-testid="inspector-link"
            data-link-from=from_attr
            data-link-to=to_attr
            data-direction=direction
        >
            <span class="inspector__link-end">
                {if outgoing { "→ " } else { "← " }}
                {move || other_end.get()}
            </span>
            <LinkFields edits from to />
            <button
                class="inspector__button inspector__button--small inspector__button--danger"
                type="button"
                data-testid="link-edit-remove"
                aria-label=move || format!("Remove the link with {}", other_end.get())
                on:click=on_remove
            >
                "Remove"
            </button>
        </li>
    }
}

/// The kind and note of the link `from` → `to`.
#[component]
fn LinkFields(edits: Edits, from: String, to: String) -> impl IntoView {
    let state = edits.state;
    let refresh = edits.refresh;
    let ends = StoredValue::new((from, to));
    let link = Memo::new(move |_| {
        state.with_document(|doc| {
            ends.with_value(|(from, to)| {
                doc.links
                    .iter()
                    .find(|l| l.from == *from && l.to == *to)
                    .cloned()
            })
        })
    });
    let kind_is = move |kind: LinkKind| {
        move || {
            refresh.track();
            link.with(|l| l.as_ref().is_some_and(|l| l.kind == kind))
        }
    };
    let note = move || {
        refresh.track();
        link.with(|l| l.as_ref().and_then(|l| l.note.clone()).unwrap_or_default())
    };
    let on_kind = move |event: ev::Event| {
        let kind = match event_target_value(&event).as_str() {
            "hard" => LinkKind::Hard,
            _ => LinkKind::Soft,
        };
        if link.with_untracked(|l| l.as_ref().is_none_or(|l| l.kind == kind)) {
            refresh.notify();
            return;
        }
        let (from, to) = ends.get_value();
        if edits.commit(&format!("Make link {}", kind.name()), |g| {
            g.set_link_kind(&from, &to, kind).map_err(RuleError::from)
        }) {
            state.notify_status(format!(
                "The link “{}” → “{}” is now {}.",
                state.title_of(&from),
                state.title_of(&to),
                kind.name()
            ));
        }
    };
    let on_note = move |event: ev::Event| {
        let typed = event_target_value(&event).trim().to_owned();
        let note = (!typed.is_empty()).then_some(typed);
        if link.with_untracked(|l| l.as_ref().is_none_or(|l| l.note == note)) {
            refresh.notify();
            return;
        }
        let (from, to) = ends.get_value();
        edits.commit("Edit link note", |g| {
            g.set_link_note(&from, &to, note).map_err(RuleError::from)
        });
    };
    view! {
        <div class="inspector__link-fields">
            <label class="inspector__field">
                <span class="inspector__label">"Kind"</span>
                <select class="inspector__input" data-testid="link-edit-kind" on:change=on_kind>
                    <option value="hard" prop:selected=kind_is(LinkKind::Hard)>
                        "Hard (contributes)"
                    </option>
                    <option value="soft" prop:selected=kind_is(LinkKind::Soft)>
                        "Soft (points the same way)"
                    </option>
                </select>
            </label>
            <label class="inspector__field">
                <span class="inspector__label">"Note"</span>
                <input
                    class="inspector__input"
                    type="text"
                    data-testid="link-edit-note"
                    autocomplete="off"
                    placeholder="Why they align"
                    prop:value=note
                    on:change=on_note
                />
            </label>
        </div>
    }
}

/// The panel for a selected link.
#[component]
fn LinkEditor(edits: Edits, from: String, to: String) -> impl IntoView {
    let state = edits.state;
    on_cleanup(commit_focused_field);
    let titles = {
        let (from, to) = (from.clone(), to.clone());
        Memo::new(move |_| {
            state.with_document(|doc| {
                let exists = doc.links.iter().any(|l| l.from == from && l.to == to);
                exists.then(|| (describe(doc, &from), describe(doc, &to)))
            })
        })
    };
    view! {
        <Show
            when=move || titles.with(Option::is_some)
            fallback=|| view! { <p class="inspector__empty">"This link no longer exists."</p> }
        >
            <h2 class="inspector__heading">"Link"</h2>
            <p class="inspector__link-ends">
                <span data-testid="inspector-link-from">
                    {move || titles.get().map(|(from, _)| from).unwrap_or_default()}
                </span>
                <span class="inspector__arrow" aria-label="supports">" → "</span>
                <span data-testid="inspector-link-to">
                    {move || titles.get().map(|(_, to)| to).unwrap_or_default()}
                </span>
            </p>
            <LinkFields edits from=from.clone() to=to.clone() />
            <button
                class="inspector__button inspector__button--danger"
                type="button"
                data-testid="link-edit-remove"
                on:click=move |_| state.delete_selection()
            >
                "Remove link"
            </button>
        </Show>
    }
}

// ---------------------------------------------------------------------------
// A new objective
// ---------------------------------------------------------------------------

/// Adds an objective titled "New objective" to `team_id`, in the middle of the
/// view, selects it and puts the cursor in its title, ready to be renamed.
pub fn new_objective(state: AppState, team_id: &str) {
    let id = state.with_document_untracked(|doc| unique_card_id(doc, "o"));
    let objective = Objective {
        id: id.clone(),
        team: team_id.to_owned(),
        title: "New objective".to_owned(),
        description: None,
        kind: ObjectiveKind::default(),
        rollup: Rollup::default(),
        standalone: None,
        key_results: Vec::new(),
    };
    let (width, height) = objective_card_size(&objective);
    let (center_x, center_y) = state.view_center();
    let position = Position {
        x: center_x - width / 2.0,
        y: center_y - height / 2.0,
    };
    let added = state.apply_or_notify("New objective", |g| {
        g.add_objective(objective)?;
        g.set_position(&id, position)?;
        Ok(())
    });
    if added.is_some() {
        state.select(Selection::Objective(id));
        state.inspector_open.set(true);
        focus_when_shown(
            ".inspector [data-testid=\"inspector-title\"]".to_owned(),
            true,
        );
    }
}

// ---------------------------------------------------------------------------
// A new team
// ---------------------------------------------------------------------------

/// The form that adds a team, shown while `team_form_open` is set. It starts
/// afresh each time it opens.
#[component]
pub fn TeamForm() -> impl IntoView {
    let state = use_app_state();
    move || {
        state
            .team_form_open
            .get()
            .then(|| view! { <TeamFormDialog /> })
    }
}

#[component]
fn TeamFormDialog() -> impl IntoView {
    let state = use_app_state();
    let teams = Memo::new(move |_| state.with_document(|doc| doc.teams.clone()));
    let (first_level, first_color) = state.with_document_untracked(|doc| {
        let level = if doc.teams.iter().any(|t| t.level == Level::Company) {
            Level::Team
        } else {
            Level::Company
        };
        let color = TEAM_PALETTE[doc.teams.len() % TEAM_PALETTE.len()];
        (level, color)
    });
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(first_level);
    let chosen_parent = RwSignal::new(None::<String>);
    let color = RwSignal::new(first_color.to_owned());
    let name_input = NodeRef::<leptos::html::Input>::new();

    // Only teams of a higher level may be the parent; a parent chosen before
    // the level changed drops out by itself.
    let parent_choices = Memo::new(move |_| {
        let level = level.get();
        teams.with(|teams| {
            teams
                .iter()
                .filter(|t| t.level.is_above(level))
                .map(|t| (t.id.clone(), format!("{} ({})", t.name, t.level)))
                .collect::<Vec<_>>()
        })
    });
    let parent = Memo::new(move |_| {
        chosen_parent
            .get()
            .filter(|p| parent_choices.with(|choices| choices.iter().any(|(id, _)| id == p)))
    });

    Effect::new(move |_| {
        if let Some(input) = name_input.get() {
            let _ = input.focus();
        }
    });

    let close = move || state.team_form_open.set(false);
    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let name = name.get_untracked().trim().to_owned();
        let id = teams.with_untracked(|teams| unique_team_id(teams, &name));
        let team = Team {
            id,
            name: name.clone(),
            level: level.get_untracked(),
            parent: parent.get_untracked(),
            color: Some(color.get_untracked()),
        };
        if state
            .apply_or_notify("Add team", |g| g.add_team(team).map_err(RuleError::from))
            .is_some()
        {
            close();
            state.notify_status(format!("Added the team “{name}”."));
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            close();
        }
    };
    let on_backdrop = move |event: ev::MouseEvent| {
        if event.target() == event.current_target() {
            close();
        }
    };
    let level_options = Level::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.name() prop:selected=move || level.get() == option>
                    {level_label(option)}
                </option>
            }
        })
        .collect_view();
    let parent_options = move || {
        parent_choices
            .get()
            .into_iter()
            .map(|(id, label)| {
                let value = id.clone();
                view! {
                    <option value=value prop:selected=move || parent.get().as_deref() == Some(id.as_str())>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <div class="team-form__backdrop" on:click=on_backdrop>
            <form
                class="team-form"
                role="dialog"
                aria-modal="true"
                aria-labelledby="team-form-heading"
                data-testid="team-form"
                on:submit=on_submit
                on:keydown=on_keydown
            >
                <h2 class="team-form__heading" id="team-form-heading">"New team"</h2>
                <label class="inspector__field">
                    <span class="inspector__label">"Name"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        required
                        autocomplete="off"
                        data-testid="team-form-name"
                        node_ref=name_input
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Level"</span>
                    <select
                        class="inspector__input"
                        data-testid="team-form-level"
                        on:change=move |event| level.set(level_from_name(&event_target_value(&event)))
                    >
                        {level_options}
                    </select>
                </label>
                <label class="inspector__field">
                    <span class="inspector__label">"Part of"</span>
                    <select
                        class="inspector__input"
                        data-testid="team-form-parent"
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            chosen_parent.set((!value.is_empty()).then_some(value));
                        }
                    >
                        <option value="" prop:selected=move || parent.with(Option::is_none)>
                            "Nothing (top of the organisation)"
                        </option>
                        {parent_options}
                    </select>
                </label>
                <label class="inspector__field team-form__color">
                    <span class="inspector__label">"Colour"</span>
                    <input
                        type="color"
                        data-testid="team-form-color"
                        prop:value=move || color.get()
                        on:input=move |event| color.set(event_target_value(&event))
                    />
                </label>
                <div class="team-form__actions">
                    <button
                        class="inspector__button"
                        type="button"
                        data-testid="team-form-cancel"
                        on:click=move |_| close()
                    >
                        "Cancel"
                    </button>
                    <button
                        class="inspector__button inspector__button--primary"
                        type="submit"
                        data-testid="team-form-submit"
                    >
                        "Add team"
                    </button>
                </div>
            </form>
        </div>
    }
}

pub(super) fn level_label(level: Level) -> &'static str {
    match level {
        Level::Company => "Company",
        Level::Department => "Department",
        Level::Team => "Team",
        Level::Individual => "Individual",
    }
}

fn level_from_name(name: &str) -> Level {
    Level::ALL
        .into_iter()
        .find(|level| level.name() == name)
        .unwrap_or(Level::Team)
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

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

/// `<prefix>-<n>` with the smallest `n` from the number of cards up that no
/// objective or key result uses yet.
fn unique_card_id(doc: &Document, prefix: &str) -> String {
    let used: HashSet<&str> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            std::iter::once(o.id.as_str()).chain(o.key_results.iter().map(|kr| kr.id.as_str()))
        })
        .collect();
    first_free(&used, |n| format!("{prefix}-{n}"), used.len() + 1)
}

/// A team id spelled from the name ("Nordic AE" → `nordic-ae`), made unique.
fn unique_team_id(teams: &[Team], name: &str) -> String {
    let used: HashSet<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    let slug = slug(name);
    if !used.contains(slug.as_str()) {
        return slug;
    }
    first_free(&used, |n| format!("{slug}-{n}"), 2)
}

fn first_free(used: &HashSet<&str>, spell: impl Fn(usize) -> String, from: usize) -> String {
    (from..)
        .map(spell)
        .find(|candidate| !used.contains(candidate.as_str()))
        .unwrap_or_default()
}

/// Lower-case letters and digits joined by single dashes, short enough to
/// leave room for a number within the 64 characters of an id.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "team".to_owned()
    } else {
        slug.to_owned()
    }
}

/// Why the number typed in `field` was not taken, in words.
fn number_refusal(problem: NumberProblem, field: NumberField, typed: &str) -> String {
    match problem {
        NumberProblem::NotANumber => format!(
            "“{typed}” is not a number, so the {} was not changed. Type digits, for example {}.",
            field.name(),
            field.example()
        ),
        NumberProblem::MisplacedSeparator => format!(
            "“{typed}” has commas or dots where neither thousands nor decimals go, so the {} was not changed. Group thousands in threes (1,500,000) and write decimals with a dot (2.5).",
            field.name()
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_number_says_why_and_how_to_type_it() {
        let message = number_refusal(
            NumberProblem::MisplacedSeparator,
            NumberField::Target,
            "1,50,000",
        );
        assert!(
            message.starts_with("“1,50,000” has commas or dots"),
            "{message}"
        );
        assert!(message.contains("the target was not changed"), "{message}");
        let message = number_refusal(NumberProblem::NotANumber, NumberField::Weight, "heavy");
        assert!(message.contains("for example 1"), "{message}");
    }

    #[test]
    fn team_ids_are_spelled_from_names_and_unique() {
        assert_eq!(slug("Nordic AE"), "nordic-ae");
        assert_eq!(slug("  R&D — Platform!  "), "r-d-platform");
        assert_eq!(slug("Økonomi"), "konomi");
        assert_eq!(slug("???"), "team");
        assert!(slug(&"x".repeat(200)).len() <= 48);
        let team = |id: &str| Team {
            id: id.to_owned(),
            name: id.to_owned(),
            level: Level::Team,
            parent: None,
            color: None,
        };
        let teams = [team("sales"), team("sales-2")];
        assert_eq!(unique_team_id(&teams, "Sales"), "sales-3");
        assert_eq!(unique_team_id(&teams, "Brand"), "brand");
    }

    #[test]
    fn new_card_ids_are_unique_across_objectives_and_key_results() {
        let mut doc = Document::new("t");
        doc.objectives.push(Objective {
            id: "o-2".into(),
            team: "t".into(),
            title: "x".into(),
            description: None,
            kind: ObjectiveKind::default(),
            rollup: Rollup::default(),
            standalone: None,
            key_results: vec![KeyResult::new("kr-3", "k", 0.0, 1.0)],
        });
        assert_eq!(unique_card_id(&doc, "o"), "o-3");
        assert_eq!(unique_card_id(&doc, "kr"), "kr-4");
    }
}
