//! The form that adds a team: name, level, parent, colour.

use leptos::ev;
use leptos::prelude::*;

use crate::ui::dialog::Dialog;
use crate::ui::lazy::part;
use crate::ui::loaded::when_loaded;

use crate::domain::graph::RuleError;
use crate::domain::ids::unique_team_id;
use crate::domain::model::{Level, Team};
use crate::ui::state::use_app_state;

use super::objective::new_objective;

/// Colours offered to new teams in turn, so that neighbouring teams differ.
const TEAM_PALETTE: [&str; 8] = [
    "#1f5fbf", "#2a9d8f", "#e76f51", "#8e44ad", "#f4a261", "#2f855a", "#c05621", "#5b6576",
];

/// The form that adds a team, shown while `team_form_open` is set. It starts
/// afresh each time it opens.
#[component]
pub fn TeamForm() -> impl IntoView {
    let state = use_app_state();
    let open = state.team_form_open;
    move || {
        open.get().then(|| {
            when_loaded(state, team_form(), move || {
                state.objective_after_team.set(false);
                open.set(false);
            })
        })
    }
}

part!(
    team_form,
    /// The form, fetched the first time a team is added.
    fn team_form() {
        Ok(view! { <TeamFormDialog /> }.into_any())
    }
);

#[component]
fn TeamFormDialog() -> impl IntoView {
    let state = use_app_state();
    let teams = Memo::new(move |_| state.with_document(|doc| doc.teams.clone()));
    // The first team is the company; after it, a team goes under the
    // selected card's team, or under the only team that can have one, at
    // the next level down.
    let (first_level, first_parent, first_color) = state.with_document_untracked(|doc| {
        let color = TEAM_PALETTE[doc.teams.len() % TEAM_PALETTE.len()];
        if doc.teams.is_empty() {
            return (Level::Company, None, color);
        }
        let can_have_children = |t: &&Team| t.level != Level::Individual;
        let selected = state
            .selected_objective_untracked()
            .and_then(|id| doc.objectives.iter().find(|o| o.id == id))
            .and_then(|o| doc.teams.iter().find(|t| t.id == o.team))
            .filter(can_have_children);
        let mut parents = doc.teams.iter().filter(can_have_children);
        let only = match (parents.next(), parents.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        };
        match selected.or(only) {
            Some(parent) => (level_below(parent.level), Some(parent.id.clone()), color),
            None => (Level::Team, None, color),
        }
    });
    let then_objective = state.objective_after_team;
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(first_level);
    let chosen_parent = RwSignal::new(first_parent);
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

    let close = move || {
        then_objective.set(false);
        state.team_form_open.set(false);
    };
    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let name = name.get_untracked().trim().to_owned();
        let id = teams.with_untracked(|teams| unique_team_id(teams, &name));
        let team = Team {
            id: id.clone(),
            name: name.clone(),
            level: level.get_untracked(),
            parent: parent.get_untracked(),
            color: Some(color.get_untracked()),
        };
        if state
            .apply_or_notify("Add team", |g| g.add_team(team).map_err(RuleError::from))
            .is_some()
        {
            let objective_next = then_objective.get_untracked();
            close();
            state.notices.status(format!("Added the team “{name}”."));
            // Asked for an objective on a canvas without teams: it follows,
            // in the team just made.
            if objective_next {
                new_objective(state, &id);
            }
        }
    };
    let level_options = Level::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.name() prop:selected=move || level.get() == option>
                    {option.label()}
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

    // The shared frame gives focus, Escape and the backdrop; the name field
    // takes focus as the form opens.
    view! {
        <Dialog
            testid="team-form"
            class="team-form"
            heading="New team".to_string()
            on_close=Callback::new(move |()| close())
        >
            <form class="team-form__form" on:submit=on_submit>
                {move || {
                    then_objective
                        .get()
                        .then(|| {
                            view! {
                                <p class="dialog__lead" data-testid="team-form-why">
                                    "Every objective belongs to a team. Name your company (or the team) first, and the new objective follows in it."
                                </p>
                            }
                        })
                }}
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
        </Dialog>
    }
}

/// The level under `level` (an individual has none; it stays).
fn level_below(level: Level) -> Level {
    Level::ALL
        .into_iter()
        .find(|l| l.rank() == level.rank() + 1)
        .unwrap_or(level)
}

fn level_from_name(name: &str) -> Level {
    Level::ALL
        .into_iter()
        .find(|level| level.name() == name)
        .unwrap_or(Level::Team)
}
