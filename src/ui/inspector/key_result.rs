//! A key result being edited: its title, unit, numbers (read as people type
//! them, "1,500" included) and weight, its place among its siblings, and its
//! check-ins.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::graph::RuleError;
use crate::domain::model::KeyResult;
use crate::domain::numbers::{parse_number, percent, NumberProblem};
use crate::domain::progress::key_result_progress;
use crate::ui::edits::{find_key_result, focus_when_shown, format_number, Edits};

use super::check_ins::CheckIns;

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
pub(super) fn KeyResultEditor(
    edits: Edits,
    kr_id: String,
    siblings: Memo<Vec<String>>,
    /// The key result open for editing in this objective, one at a time;
    /// the others show as one line each.
    open: RwSignal<Option<String>>,
) -> impl IntoView {
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
    let on_owner = move |event: ev::Event| {
        let owner = event_target_value(&event).trim().to_owned();
        edits.key_result(&kr_id.get_value(), "Edit key result owner", |kr| {
            kr.owner = (!owner.is_empty()).then_some(owner)
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
                state
                    .notices
                    .status(format!("Removed the key result “{title}”."));
            }
            Some(removal) => {
                let names: Vec<String> = removal
                    .unaligned
                    .iter()
                    .map(|id| format!("“{}”", state.title_of(id)))
                    .collect();
                state.notices.error(format!(
                    "Removed the key result “{title}”. {} lost its hard parent and is now unaligned; re-align it.",
                    names.join(", ")
                ));
            }
            None => refresh.notify(),
        }
    };
    let title_for_buttons =
        move || key_result.with(|kr| kr.as_ref().map(|kr| kr.title.clone()).unwrap_or_default());
    let is_open = Memo::new(move |_| {
        open.with(|open| kr_id.with_value(|id| open.as_deref() == Some(id.as_str())))
    });
    let toggle = move |_| {
        let id = kr_id.get_value();
        open.update(|open| {
            *open = if open.as_deref() == Some(id.as_str()) {
                None
            } else {
                Some(id)
            }
        });
    };
    // The one line a closed key result shows: how far it is, as on the card.
    let standing = move || {
        key_result.with(|kr| {
            kr.as_ref()
                .map(|kr| percent(key_result_progress(kr)))
                .unwrap_or_default()
        })
    };

    view! {
        <li
            class="inspector__kr"
            class:inspector__kr--open=move || is_open.get()
            data-testid="kr-edit"
            data-kr-id=dom_id
        >
            <button
                class="inspector__kr-toggle"
                type="button"
                data-testid="kr-edit-toggle"
                aria-expanded=move || is_open.get().to_string()
                on:click=toggle
            >
                <span class="inspector__kr-toggle-title">{title_for_buttons}</span>
                <span class="inspector__kr-toggle-value">{standing}</span>
            </button>
            <div class="inspector__kr-body" hidden=move || !is_open.get()>
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
            <label class="inspector__field">
                <span class="inspector__label">"Owner"</span>
                <input
                    class="inspector__input"
                    type="text"
                    data-testid="kr-edit-owner"
                    autocomplete="off"
                    list="inspector-owners"
                    placeholder="Who answers for it"
                    prop:value=text(|kr| kr.owner.clone().unwrap_or_default())
                    on:change=on_owner
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
            </div>
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
}
