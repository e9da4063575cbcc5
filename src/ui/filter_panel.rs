//! Filtering the map: the panel of choices (team, level, kind, status, link
//! kind; dim or hide the rest) and the bar that says, while a filter is on,
//! how much of the map it shows and offers the way back.
//!
//! The panel sits beside the map, not over it as a modal: each tick changes
//! the map at once, and the person sees what it does. The filter itself is
//! kept in `AppState` and mirrored in the page address (see
//! [`install_filter_address`]), so a filtered view can be shared.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, AppState};
use crate::browser::location;
use crate::domain::model::{owner_names, team_order, Level, ObjectiveKind};
use crate::domain::status::Status;
use crate::map::filter::{kind_name, Filter, FilterMode, LinkFacet};

/// Reads the filter from the page address once, telling the person about
/// what it cannot use, then writes every change back to the address.
pub fn install_filter_address(state: AppState) {
    let (filter, unread) = Filter::from_query(&location::query());
    let unknown: Vec<String> = state.with_document_untracked(|doc| {
        filter
            .unknown_teams(doc)
            .into_iter()
            .map(str::to_string)
            .collect()
    });
    if !unread.is_empty() || !unknown.is_empty() {
        let mut details: Vec<String> = unread
            .iter()
            .map(|value| format!("“{value}” is not a filter this app knows."))
            .collect();
        details.extend(
            unknown
                .iter()
                .map(|team| format!("This canvas has no team “{team}”.")),
        );
        state.notices.error_with_details(
            "Part of the link's filter was left out; the map shows the rest of it.",
            details,
        );
    }
    state.filter.current.set(filter);
    Effect::new(move |_| {
        let query = state.filter.current.with(Filter::to_query);
        if query != location::query() {
            location::replace_query(&query);
        }
    });
}

/// The toolbar's Filter button: opens the panel, counts the choices.
#[component]
pub fn FilterButton() -> impl IntoView {
    let state = use_app_state();
    let open = state.filter.open;
    let choices = move || state.filter.current.with(Filter::choices);
    view! {
        <button
            class=move || {
                if choices() > 0 {
                    "toolbar__button toolbar__button--on"
                } else {
                    "toolbar__button"
                }
            }
            type="button"
            data-testid="filter"
            title="Show only some teams, levels, kinds, statuses, links or owners"
            aria-expanded=move || open.get().to_string()
            aria-controls="filter-panel"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Filter"
            {move || match choices() {
                0 => None,
                n => Some(view! { <span class="toolbar__count">{format!(" ({n})")}</span> }),
            }}
        </button>
    }
}

/// One tick box of the panel.
#[derive(Clone, PartialEq)]
struct Choice {
    group: &'static str,
    value: String,
    label: String,
    /// Indentation, for teams under teams.
    depth: usize,
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = use_app_state();
    let open = state.filter.open;
    move || {
        open.get()
            .then(|| when_loaded(state, filter_panel(), move || open.set(false)))
    }
}

part!(
    filter_panel,
    /// The filter panel's choices, fetched the first time it opens.
    fn filter_panel() {
        Ok(view! { <FilterChoices /> }.into_any())
    }
);

#[component]
fn FilterChoices() -> impl IntoView {
    let state = use_app_state();
    let open = state.filter.open;
    let teams = Memo::new(move |_| {
        state.with_document(|doc| {
            // The organisation top-down: each team followed by its sub-teams.
            team_order(doc)
                .into_iter()
                .map(|(team, depth)| Choice {
                    group: "team",
                    value: team.id.clone(),
                    label: team.name.clone(),
                    depth,
                })
                .collect::<Vec<_>>()
        })
    });
    let owners = Memo::new(move |_| {
        state.with_document(|doc| {
            owner_names(doc)
                .into_iter()
                .map(|name| Choice {
                    group: "owner",
                    value: name.clone(),
                    label: name,
                    depth: 0,
                })
                .collect::<Vec<_>>()
        })
    });
    let has_cycle = Memo::new(move |_| state.with_document(|doc| doc.cycle.is_some()));
    let fixed = |group: &'static str, values: Vec<(&'static str, &'static str)>| -> Vec<Choice> {
        values
            .into_iter()
            .map(|(value, label)| Choice {
                group,
                value: value.to_string(),
                label: label.to_string(),
                depth: 0,
            })
            .collect()
    };
    let levels = fixed(
        "level",
        Level::ALL.iter().map(|l| (l.name(), l.label())).collect(),
    );
    let kinds = fixed(
        "kind",
        [ObjectiveKind::Aspirational, ObjectiveKind::Committed]
            .into_iter()
            .map(|k| (kind_name(k), kind_label(k)))
            .collect(),
    );
    let links = fixed(
        "link",
        LinkFacet::ALL
            .iter()
            .map(|f| (f.name(), f.label()))
            .collect(),
    );
    let statuses = move || {
        let shown: Vec<(&'static str, &'static str)> = Status::ALL
            .into_iter()
            .filter(|s| has_cycle.get() != (*s == Status::NoCycle))
            .map(|s| (s.name(), s.label()))
            .collect();
        fixed("status", shown)
    };
    let close = move || open.set(false);
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            close();
        }
    };
    let mode = move || state.filter.current.with(|f| f.mode);
    let set_mode = move |mode: FilterMode| state.filter.current.update(|f| f.mode = mode);
    view! {
        <aside
            class="filter-panel"
            id="filter-panel"
            data-testid="filter-panel"
            aria-label="Filter the map"
            on:keydown=on_keydown
        >
            <div class="filter-panel__head">
                <h2 class="filter-panel__heading">"Filter the map"</h2>
                <button
                    class="filter-panel__close"
                    type="button"
                    data-testid="filter-close"
                    aria-label="Close the filter (Escape)"
                    on:click=move |_| close()
                >
                    "×"
                </button>
            </div>
            <Group legend="Team" choices=Signal::derive(move || teams.get()) />
            <Group legend="Level" choices=Signal::derive(move || levels.clone()) />
            <Group legend="Kind" choices=Signal::derive(move || kinds.clone()) />
            <Group legend="Status" choices=Signal::derive(statuses) />
            <Group legend="Links" choices=Signal::derive(move || links.clone()) />
            <Show when=move || owners.with(|o| !o.is_empty())>
                <Group legend="Owner" choices=Signal::derive(move || owners.get()) />
            </Show>
            <fieldset class="filter-panel__group">
                <legend>"What is filtered out"</legend>
                <label class="filter-panel__choice">
                    <input
                        type="radio"
                        name="filter-mode"
                        data-testid="filter-mode-dim"
                        prop:checked=move || mode() == FilterMode::Dim
                        on:change=move |_| set_mode(FilterMode::Dim)
                    />
                    "Dimmed"
                </label>
                <label class="filter-panel__choice">
                    <input
                        type="radio"
                        name="filter-mode"
                        data-testid="filter-mode-hide"
                        prop:checked=move || mode() == FilterMode::Hide
                        on:change=move |_| set_mode(FilterMode::Hide)
                    />
                    "Hidden"
                </label>
            </fieldset>
            <button
                class="filter-panel__clear"
                type="button"
                data-testid="filter-clear-all"
                disabled=move || !state.filter.current.with(Filter::is_active)
                on:click=move |_| clear_filter(state)
            >
                "Clear all"
            </button>
        </aside>
    }
}

/// A titled set of tick boxes.
#[component]
fn Group(legend: &'static str, choices: Signal<Vec<Choice>>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <fieldset class="filter-panel__group">
            <legend>{legend}</legend>
            <For
                each=move || choices.get()
                key=|choice| (choice.value.clone(), choice.label.clone(), choice.depth)
                let:choice
            >
                {
                    let Choice { group, value, label, depth } = choice;
                    let checked_value = value.clone();
                    let toggled_value = value.clone();
                    let checked = move || state.filter.current.with(|f| has(f, group, &checked_value));
                    let on_change = move |_| {
                        let value = toggled_value.clone();
                        state.filter.current.update(|f| toggle(f, group, &value));
                    };
                    view! {
                        <label
                            class="filter-panel__choice"
                            style=format!("padding-left:{}em", depth as f64 * 1.2)
                        >
                            <input
                                type="checkbox"
                                data-testid="filter-option"
                                data-filter-group=group
                                data-value=value
                                prop:checked=checked
                                on:change=on_change
                            />
                            {label}
                        </label>
                    }
                }
            </For>
        </fieldset>
    }
}

/// The bar over the map while a filter is on.
#[component]
pub fn FilterSummary() -> impl IntoView {
    let state = use_app_state();
    let summary = Memo::new(move |_| {
        if !state.filter.current.with(Filter::is_active) {
            return None;
        }
        let total = state.scene.with(|s| s.cards.len());
        let out = state.filter.filtered.with(|f| f.count_out());
        let mode = state.filter.current.with(|f| f.mode);
        Some((total.saturating_sub(out), total, mode))
    });
    let bar = move || {
        summary.get().map(|(shown, total, mode)| {
            let rest = match mode {
                FilterMode::Dim => "the rest dimmed",
                FilterMode::Hide => "the rest hidden",
            };
            let text = format!("Filter: {shown} of {total} objectives shown, {rest}");
            view! {
                <div
                    class="focus-bar filter-bar"
                    data-testid="filter-summary"
                    data-shown=shown
                    data-total=total
                >
                    <span class="focus-bar__text">{text}</span>
                    <button
                        class="focus-bar__clear"
                        type="button"
                        data-testid="filter-clear"
                        on:click=move |_| clear_filter(state)
                    >
                        "Show everything"
                    </button>
                </div>
            }
        })
    };
    view! { <div class="canvas__filter" aria-live="polite">{bar}</div> }
}

fn clear_filter(state: AppState) {
    let mode = state.filter.current.with_untracked(|f| f.mode);
    state.filter.current.set(Filter {
        mode,
        ..Filter::default()
    });
    state
        .notices
        .status("Filter cleared: the whole map is shown");
}

fn has(filter: &Filter, group: &str, value: &str) -> bool {
    match group {
        "team" => filter.teams.contains(value),
        "level" => filter.levels.iter().any(|l| l.name() == value),
        "kind" => filter.kinds.iter().any(|k| kind_name(*k) == value),
        "status" => filter.statuses.iter().any(|s| s.name() == value),
        "link" => filter.links.iter().any(|f| f.name() == value),
        "owner" => filter.owners.contains(value),
        _ => false,
    }
}

fn toggle(filter: &mut Filter, group: &str, value: &str) {
    fn flip<T: Ord>(set: &mut BTreeSet<T>, item: T) {
        if !set.remove(&item) {
            set.insert(item);
        }
    }
    // The same reading as the address's, so a tick and a link agree.
    let (parsed, _) = Filter::from_query(&format!("{group}={value}"));
    if group == "team" {
        flip(&mut filter.teams, value.to_string());
    }
    if group == "owner" {
        flip(&mut filter.owners, value.to_string());
    }
    if let Some(level) = parsed.levels.into_iter().next() {
        flip(&mut filter.levels, level);
    }
    if let Some(kind) = parsed.kinds.into_iter().next() {
        flip(&mut filter.kinds, kind);
    }
    if let Some(status) = parsed.statuses.into_iter().next() {
        flip(&mut filter.statuses, status);
    }
    if let Some(facet) = parsed.links.into_iter().next() {
        flip(&mut filter.links, facet);
    }
}

fn kind_label(kind: ObjectiveKind) -> &'static str {
    match kind {
        ObjectiveKind::Aspirational => "Aspirational",
        ObjectiveKind::Committed => "Committed",
    }
}
