//! The objective being edited: its fields, its key results, what it supports
//! and what supports it; and a new objective, added to a team and ready to be
//! named.

use leptos::ev;
use leptos::prelude::*;

use crate::browser::mark::marked;
use crate::domain::graph::RuleError;
use crate::domain::ids::unique_card_id;
use crate::domain::model::{
    owner_names, KeyResult, Objective, ObjectiveKind, Pace, Position, Rollup, StatusByHand,
};
use crate::domain::placement::spot_for_new_card;
use crate::map::scene::objective_card_size;
use crate::ui::edits::{find_objective, focus_when_shown, Edits};
use crate::ui::state::AppState;

use super::key_result::KeyResultEditor;
use super::links::LinkRow;
use super::{commit_focused_field, SelectionActions};

#[component]
pub(super) fn ObjectiveEditor(edits: Edits, id: String) -> impl IntoView {
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
    let on_owner = move |event: ev::Event| {
        let owner = event_target_value(&event).trim().to_owned();
        edits.objective(&id.get_value(), "Edit owner", |o| {
            o.owner = (!owner.is_empty()).then_some(owner)
        });
    };
    let on_status = move |event: ev::Event| {
        let pace = Pace::from_name(&event_target_value(&event));
        let today = state.today.get_untracked();
        let label = if pace.is_some() {
            "Set status"
        } else {
            "Status from progress"
        };
        edits.objective(&id.get_value(), label, |o| {
            o.status = pace.map(|value| StatusByHand {
                value,
                note: o.status.as_ref().and_then(|s| s.note.clone()),
                date: Some(today),
            })
        });
        if pace.is_some() {
            focus_when_shown(
                ".inspector [data-testid=\"inspector-status-note\"]".to_owned(),
                false,
            );
        }
    };
    let on_status_note = move |event: ev::Event| {
        let note = event_target_value(&event).trim().to_owned();
        edits.objective(&id.get_value(), "Edit status note", |o| {
            if let Some(status) = &mut o.status {
                status.note = (!note.is_empty()).then_some(note);
            }
        });
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
        // The card moves into its new team's lane, beside that team's cards.
        let position = state.with_document_untracked(|doc| {
            let mut moved = doc
                .objectives
                .iter()
                .find(|o| o.id == objective_id)?
                .clone();
            moved.team = team.clone();
            let here = doc.layout.get(&objective_id).copied()?;
            Some(spot_for_new_card(
                doc,
                &objective_card_size,
                &moved,
                None,
                here,
            ))
        });
        let moved = edits.commit("Move to team", |g| {
            g.move_objective_to_team(&objective_id, &team)?;
            if let Some(position) = position {
                g.set_position(&objective_id, position)?;
            }
            Ok(())
        });
        if moved {
            state.select_and_reveal(&objective_id);
        }
    };
    // One key result open at a time, the first to begin with.
    let open_key_result = RwSignal::new(key_result_ids.with_untracked(|ids| ids.first().cloned()));
    let on_add_key_result = move |_| {
        let objective_id = id.get_value();
        let new_id = state.with_document_untracked(|doc| unique_card_id(doc, &marked("kr")));
        let key_result = KeyResult::new(new_id.clone(), "New key result", 0.0, 100.0);
        if edits.commit("Add key result", |g| {
            g.add_key_result(&objective_id, key_result)
                .map_err(RuleError::from)
        }) {
            open_key_result.set(Some(new_id.clone()));
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
    let status_is = move |name: &'static str| {
        move || {
            refresh.track();
            objective.with(|o| {
                o.as_ref()
                    .map_or("", |o| o.status.as_ref().map_or("", |s| s.value.name()))
                    == name
            })
        }
    };
    let set_by_hand = is(|o| o.status.is_some());
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
                    <span class="inspector__label">"Owner"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        data-testid="inspector-owner"
                        autocomplete="off"
                        list="inspector-owners"
                        placeholder="Who answers for it"
                        prop:value=text(|o| o.owner.clone().unwrap_or_default())
                        on:change=on_owner
                    />
                </label>
                <OwnerNames />
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
                <label class="inspector__field">
                    <span class="inspector__label">"Status"</span>
                    <select
                        class="inspector__input"
                        data-testid="inspector-status"
                        on:change=on_status
                    >
                        <option value="" prop:selected=status_is("")>
                            "From progress and the cycle's dates"
                        </option>
                        <option value="on_track" prop:selected=status_is("on_track")>
                            "On track (set by hand)"
                        </option>
                        <option value="at_risk" prop:selected=status_is("at_risk")>
                            "At risk (set by hand)"
                        </option>
                        <option value="off_track" prop:selected=status_is("off_track")>
                            "Off track (set by hand)"
                        </option>
                    </select>
                </label>
                <Show when=set_by_hand>
                    <label class="inspector__field">
                        <span class="inspector__label">"Why"</span>
                        <input
                            class="inspector__input"
                            type="text"
                            data-testid="inspector-status-note"
                            autocomplete="off"
                            placeholder="For example: the vendor slipped two weeks"
                            prop:value=text(|o| {
                                o.status.as_ref().and_then(|s| s.note.clone()).unwrap_or_default()
                            })
                            on:change=on_status_note
                        />
                    </label>
                </Show>
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
                        <KeyResultEditor edits kr_id siblings=key_result_ids open=open_key_result />
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

            <LinkSection
                edits
                outgoing=true
                ends=Signal::derive(move || link_ends.get().0)
            >
                <button
                    class="inspector__button"
                    type="button"
                    data-testid="link-to"
                    aria-haspopup="dialog"
                    on:click=move |_| state.link_picker_open.set(true)
                >
                    "Link to…"
                </button>
            </LinkSection>
            <LinkSection
                edits
                outgoing=false
                ends=Signal::derive(move || link_ends.get().1)
            >
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
            </LinkSection>

            <section class="inspector__section inspector__section--danger">
                <SelectionActions delete_label="Delete objective" delete_testid="delete-objective" />
            </section>
        </Show>
    }
}

/// One direction of the objective's links — what it supports, or what
/// supports it — with what to say when there are none, and its button under
/// the rows.
#[component]
fn LinkSection(
    edits: Edits,
    outgoing: bool,
    ends: Signal<Vec<(String, String)>>,
    children: Children,
) -> impl IntoView {
    let (heading_id, heading, empty) = if outgoing {
        (
            "inspector-supports-heading",
            "Supports",
            "Not linked to anything yet.",
        )
    } else {
        (
            "inspector-supporters-heading",
            "Supported by",
            "Nothing supports this objective yet.",
        )
    };
    view! {
        <section class="inspector__section" aria-labelledby=heading_id>
            <h3 class="inspector__subheading" id=heading_id>
                {heading}
            </h3>
            <Show when=move || ends.with(Vec::is_empty)>
                <p class="inspector__hint">{empty}</p>
            </Show>
            <ul class="inspector__links">
                <For each=move || ends.get() key=|ends| ends.clone() let:ends>
                    <LinkRow edits from=ends.0 to=ends.1 outgoing />
                </For>
            </ul>
            {children()}
        </section>
    }
}

/// The names already given as owners, offered as the owner fields are typed.
#[component]
pub(super) fn OwnerNames() -> impl IntoView {
    let state = crate::ui::state::use_app_state();
    let names = Memo::new(move |_| state.with_document(owner_names));
    view! {
        <datalist id="inspector-owners">
            <For each=move || names.get() key=|name| name.clone() let:name>
                <option value=name></option>
            </For>
        </datalist>
    }
}

/// Adds an objective titled "New objective" to `team_id`, in the middle of the
/// view, selects it and puts the cursor in its title, ready to be renamed.
pub fn new_objective(state: AppState, team_id: &str) {
    let id = state.with_document_untracked(|doc| unique_card_id(doc, &marked("o")));
    let mut objective = Objective::new(id.clone(), team_id, "New objective");
    // Progress rolls up from hard children as the legend says, and from key
    // results once it has some.
    objective.rollup = Rollup::Both;
    let (width, height) = objective_card_size(&objective);
    let (center_x, center_y) = state.viewport.view_center();
    let near = state.selected_objective_untracked();
    let position = state.with_document_untracked(|doc| {
        spot_for_new_card(
            doc,
            &objective_card_size,
            &objective,
            near.as_deref(),
            Position {
                x: center_x - width / 2.0,
                y: center_y - height / 2.0,
            },
        )
    });
    let added = state.apply_or_notify("New objective", |g| {
        g.add_objective(objective)?;
        g.set_position(&id, position)?;
        Ok(())
    });
    if added.is_some() {
        state.select_and_reveal(&id);
        state.inspector_open.set(true);
        focus_when_shown(
            ".inspector [data-testid=\"inspector-title\"]".to_owned(),
            true,
        );
    }
}
