//! The Teams dialog: every team of the canvas, top-down, with or without
//! objectives, to rename, move under another team, recolour or delete. Each
//! change is one undo step through the core, whose rules it keeps (a parent
//! above, no loops, no team deleted while it owns objectives); a refusal is
//! said here, beside the team, in the core's words.

use leptos::prelude::*;

use super::commands::{Command, CommandButton};
use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::while_open;
use super::state::use_app_state;
use crate::domain::graph::{AlignmentGraph, RuleError};
use crate::domain::model::{team_order, Level};
use crate::map::scene::team_colors;

/// One team's row, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    name: String,
    level: Level,
    parent: Option<String>,
    color: String,
    depth: usize,
    objectives: usize,
    /// The teams it may sit under: those of a higher level.
    parents: Vec<(String, String)>,
}

#[component]
pub fn TeamsDialog() -> impl IntoView {
    let state = use_app_state();
    while_open(state, state.teams_dialog_open, teams_list)
}

part!(
    teams_list,
    /// The Teams dialog, fetched the first time it opens.
    fn teams_list() {
        Ok(view! { <TeamsList /> }.into_any())
    }
);

#[component]
fn TeamsList() -> impl IntoView {
    let state = use_app_state();
    // What the core refused last, and for which team.
    let refused = RwSignal::new(None::<(String, String)>);
    let rows = Memo::new(move |_| {
        state.with_document(|doc| {
            // The colour each team shows on the map, its own or inherited.
            let colors = team_colors(doc);
            team_order(doc)
                .into_iter()
                .map(|(team, depth)| Row {
                    id: team.id.clone(),
                    name: team.name.clone(),
                    level: team.level,
                    parent: team.parent.clone(),
                    color: colors.get(team.id.as_str()).cloned().unwrap_or_default(),
                    depth,
                    objectives: doc.objectives.iter().filter(|o| o.team == team.id).count(),
                    parents: doc
                        .teams
                        .iter()
                        .filter(|t| t.level.is_above(team.level))
                        .map(|t| (t.id.clone(), format!("{} ({})", t.name, t.level)))
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let close = Callback::new(move |()| state.teams_dialog_open.set(false));
    view! {
        <Dialog testid="teams-dialog" heading="Teams" class="teams-dialog" on_close=close>
            <p class="teams-dialog__help">
                "Every team of the canvas, each under its parent. Changes apply at once; Undo takes them back one by one."
            </p>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="teams-dialog__help">"No teams yet: add the company first."</p>
            </Show>
            <ul class="teams-dialog__list">
                <For each=move || rows.get() key=|row| format!("{row:?}") let:row>
                    <TeamRow row refused />
                </For>
            </ul>
            <div class="dialog__actions">
                <CommandButton command=Command::Undo class="teams-dialog__undo" />
                <button
                    type="button"
                    data-testid="teams-new-team"
                    on:click=move |_| state.team_form_open.set(true)
                >
                    "+ New team"
                </button>
                <button
                    class="cycle-dialog__primary"
                    type="button"
                    data-testid="teams-close"
                    on:click=move |_| close.run(())
                >
                    "Done"
                </button>
            </div>
        </Dialog>
    }
}

#[component]
fn TeamRow(row: Row, refused: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let state = use_app_state();
    let id = StoredValue::new(row.id.clone());
    let change =
        move |label: &str,
              operation: &dyn Fn(&mut AlignmentGraph, &str) -> Result<(), RuleError>| {
            let team = id.get_value();
            match state.apply(label, |g| operation(g, &team)) {
                Ok(()) => refused.set(None),
                Err(refusal) => refused.set(Some((team, refusal.to_string()))),
            }
        };
    let on_name = move |event: leptos::ev::Event| {
        let name = event_target_value(&event).trim().to_owned();
        change("Rename team", &|g, team| {
            Ok(g.rename_team(team, name.clone())?)
        });
    };
    let on_color = move |event: leptos::ev::Event| {
        let color = event_target_value(&event);
        change("Recolour team", &|g, team| {
            Ok(g.set_team_color(team, Some(color.clone()))?)
        });
    };
    let on_parent = move |event: leptos::ev::Event| {
        let parent = event_target_value(&event);
        change("Move team", &|g, team| {
            Ok(g.reparent_team(team, (!parent.is_empty()).then_some(parent.as_str()))?)
        });
    };
    let on_delete = move |_| {
        change("Delete team", &|g, team| {
            g.remove_team(team).map(|_| ()).map_err(RuleError::from)
        });
    };
    let error = move || {
        refused.with(|r| {
            r.as_ref()
                .filter(|(team, _)| id.with_value(|id| id == team))
                .map(|(_, text)| text.clone())
        })
    };
    let current_parent = row.parent.clone().unwrap_or_default();
    let objectives = match row.objectives {
        0 => "no objectives".to_string(),
        1 => "1 objective".to_string(),
        n => format!("{n} objectives"),
    };
    let parent_options = row
        .parents
        .into_iter()
        .map(|(value, label)| {
            let selected = value == current_parent;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let named = row.name.clone();
    view! {
        <li
            class="teams-dialog__row"
            data-testid="team-row"
            data-team-id=row.id.clone()
            style=format!("padding-left:{}em", row.depth as f64 * 1.2)
        >
            <input
                class="teams-dialog__color"
                type="color"
                data-testid="team-color"
                aria-label=format!("Colour of {named}")
                prop:value=row.color
                on:change=on_color
            />
            <input
                class="teams-dialog__name"
                type="text"
                data-testid="team-name"
                aria-label="Team name"
                autocomplete="off"
                prop:value=row.name
                on:change=on_name
            />
            <span class="teams-dialog__level">{row.level.label()}</span>
            <select
                class="teams-dialog__parent"
                data-testid="team-parent"
                aria-label=format!("Team above {named}")
                on:change=on_parent
            >
                <option value="" selected=current_parent.is_empty()>"(at the top)"</option>
                {parent_options}
            </select>
            <span class="teams-dialog__count" data-testid="team-objectives">{objectives}</span>
            <button
                class="teams-dialog__delete"
                type="button"
                data-testid="team-delete"
                aria-label=format!("Delete {named}")
                on:click=on_delete
            >
                "Delete"
            </button>
            {move || {
                error()
                    .map(|text| {
                        view! {
                            <p class="teams-dialog__error" role="alert" data-testid="team-refused">
                                {text}
                            </p>
                        }
                    })
            }}
        </li>
    }
}
