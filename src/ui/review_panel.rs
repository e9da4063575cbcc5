//! The Review panel beside the map: what an OKR coach would point out, read
//! from the core. "Hints" lists every quality hint, grouped by objective, with
//! its one-line why; "Health" says how much of the organisation is aligned
//! and lists the company objectives nothing supports, the objectives to
//! re-align after a deletion, those supporting nothing yet and the mission
//! OKRs that stand alone with their reasons.
//!
//! Every entry is a button that focuses the map on its card, so the panel is
//! a worklist: walk it, fix a card in the inspector, and the entry goes as
//! soon as the edit makes it true. An empty list says so in words. The panel
//! is hidden while presenting; its keys stay inside it (arrows move between
//! entries, Escape closes it).

use leptos::ev::KeyboardEvent;
use leptos::html::Aside;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::review::{Review, ReviewTab};
use super::state::use_app_state;
use crate::domain::health::Health;
use crate::domain::hints::{Hint, Hints};
use crate::domain::model::{Document, IdMap, IdSet};
use crate::domain::numbers::percent;

/// How many frames to wait for an element that is about to be rendered.
const FOCUS_FRAMES: u8 = 10;

#[component]
pub fn ReviewPanel() -> impl IntoView {
    let state = use_app_state();
    let review = expect_context::<Review>();
    let shown = Memo::new(move |_| review.open.get() && !state.presenting.get());
    move || shown.get().then(|| view! { <ReviewPanelBody review /> })
}

#[component]
fn ReviewPanelBody(review: Review) -> impl IntoView {
    let panel = NodeRef::<Aside>::new();
    let hint_count = Memo::new(move |_| review.hints.with(Hints::len));

    // Focus moves into the panel when it is opened or asked for: to the
    // hints of the card it was opened at, else to the tab shown.
    Effect::new(move |_| {
        review.focus_request.track();
        let selector = match (review.tab.get_untracked(), review.target.get_untracked()) {
            (ReviewTab::Hints, Some(id)) => format!(
                ".review [data-testid=\"hint\"][data-okr-id=\"{}\"]",
                css_escape(&id)
            ),
            _ => ".review [role=\"tab\"][aria-selected=\"true\"]".to_string(),
        };
        focus_within_frames(selector, FOCUS_FRAMES);
    });

    let close = move || {
        review.close();
        focus_within_frames("[data-testid=\"review\"]".to_string(), FOCUS_FRAMES);
    };
    let choose_tab = move |tab: ReviewTab| {
        review.target.set(None);
        review.tab.set(tab);
    };
    let on_keydown = move |event: KeyboardEvent| {
        let key = event.key();
        match key.as_str() {
            "Escape" => close(),
            "ArrowDown" | "ArrowUp" => move_between_entries(&event, key == "ArrowDown"),
            "ArrowLeft" | "ArrowRight" if on_tab(&event) => {
                let tab = match review.tab.get_untracked() {
                    ReviewTab::Hints => ReviewTab::Health,
                    ReviewTab::Health => ReviewTab::Hints,
                };
                choose_tab(tab);
                focus_within_frames(
                    ".review [role=\"tab\"][aria-selected=\"true\"]".to_string(),
                    FOCUS_FRAMES,
                );
            }
            "ArrowLeft" | "ArrowRight" => {}
            // A button's own Enter and Space: the map's keys must not take them.
            "Enter" | " " => {
                event.stop_propagation();
                return;
            }
            _ => return,
        }
        // The panel's keys are its own, not the map's.
        event.prevent_default();
        event.stop_propagation();
    };

    let tab_button = move |tab: ReviewTab, id: &'static str, label: &'static str| {
        let selected = move || review.tab.get() == tab;
        let count = move || match tab {
            ReviewTab::Hints => Some(hint_count.get()).filter(|n| *n > 0),
            ReviewTab::Health => None,
        };
        view! {
            <button
                class="review__tab"
                type="button"
                role="tab"
                id=format!("review-tab-{id}")
                data-testid=format!("review-tab-{id}")
                aria-controls=format!("review-tabpanel-{id}")
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| choose_tab(tab)
            >
                {label}
                {move || count().map(|n| view! { <span class="review__count">{n}</span> })}
            </button>
        }
    };

    view! {
        <aside
            class="review"
            id="review-panel"
            data-testid="review-panel"
            aria-labelledby="review-heading"
            node_ref=panel
            on:keydown=on_keydown
        >
            <div class="review__head">
                <h2 class="review__heading" id="review-heading">"Review"</h2>
                <button
                    class="review__close"
                    type="button"
                    data-testid="review-close"
                    aria-label="Close the review panel"
                    title="Close (Escape)"
                    on:click=move |_| close()
                >
                    "×"
                </button>
            </div>
            <div class="review__tabs" role="tablist" aria-label="Review">
                {tab_button(ReviewTab::Hints, "hints", "Hints")}
                {tab_button(ReviewTab::Health, "health", "Alignment health")}
            </div>
            {move || match review.tab.get() {
                ReviewTab::Hints => view! { <HintsTab review /> }.into_any(),
                ReviewTab::Health => view! { <HealthTab review /> }.into_any(),
            }}
        </aside>
    }
}

// ---------------------------------------------------------------------------
// Hints
// ---------------------------------------------------------------------------

/// One objective's hints, with what the list shows of the objective.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct HintGroup {
    id: String,
    title: String,
    team: String,
    hints: Vec<Hint>,
}

#[component]
fn HintsTab(review: Review) -> impl IntoView {
    let state = use_app_state();
    let groups = Memo::new(move |_| {
        review
            .hints
            .with(|hints| state.with_document(|doc| hint_groups(doc, hints)))
    });
    let summary = move || {
        let (hints, objectives) = review.hints.with(|h| (h.len(), h.objective_count()));
        format!(
            "{} on {}. Hints are advice, never rules: the canvas stays as it is until you \
             change it.",
            plural(hints, "hint", "hints"),
            plural(objectives, "objective", "objectives")
        )
    };
    let is_empty = move || groups.with(Vec::is_empty);
    let group_view = move |group: HintGroup| {
        let HintGroup {
            id,
            title,
            team,
            hints,
        } = group;
        let group_id = id.clone();
        let targeted = move || {
            review
                .target
                .with(|t| t.as_deref() == Some(group_id.as_str()))
        };
        let heading_id = format!("hint-group-{}", dom_id(&id));
        let labelled_by = heading_id.clone();
        let entries = hints
            .into_iter()
            .map(|hint| {
                let objective = hint.objective.clone();
                view! {
                    <li>
                        <button
                            class="review__entry"
                            type="button"
                            data-testid="hint"
                            data-okr-id=hint.objective.clone()
                            data-kr-id=hint.key_result.clone()
                            data-hint-kind=hint.kind.slug()
                            title="Show this card on the map"
                            on:click=move |_| review.show_card(&objective)
                        >
                            <span class="review__what">{hint.message}</span>
                            <span class="review__why">{hint.why}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section
                class="review__group"
                class:review__group--target=targeted
                data-testid="hint-group"
                data-okr-id=id
                aria-labelledby=labelled_by
            >
                <h3 class="review__group-title" id=heading_id>
                    <span class="review__title">{title}</span>
                    <span class="review__team">{team}</span>
                </h3>
                <ul class="review__entries">{entries}</ul>
            </section>
        }
    };
    view! {
        <div
            class="review__body"
            role="tabpanel"
            id="review-tabpanel-hints"
            aria-labelledby="review-tab-hints"
            data-testid="hints-panel"
        >
            <Show
                when=move || !is_empty()
                fallback=|| {
                    view! {
                        <p class="review__empty" data-testid="hints-empty">
                            "No hints: no team has more than 5 objectives, each objective has 2–5 \
                             measurable key results, none reads like a task, and no commitment \
                             is in doubt."
                        </p>
                    }
                }
            >
                <p class="review__summary" data-testid="hints-summary">{summary}</p>
            </Show>
            <For each=move || groups.get() key=|group| group.clone() let:group>
                {group_view(group)}
            </For>
        </div>
    }
}

/// The hints grouped by objective, in document order.
fn hint_groups(doc: &Document, hints: &Hints) -> Vec<HintGroup> {
    if hints.is_empty() {
        return Vec::new();
    }
    let teams = team_names(doc);
    doc.objectives
        .iter()
        .filter_map(|objective| {
            let own = hints.of_objective(&objective.id);
            (!own.is_empty()).then(|| HintGroup {
                id: objective.id.clone(),
                title: objective.title.clone(),
                team: teams
                    .get(objective.team.as_str())
                    .map_or_else(|| objective.team.clone(), |name| name.to_string()),
                hints: own.to_vec(),
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Alignment health
// ---------------------------------------------------------------------------

/// Which list of the health tab an entry is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HealthKind {
    Unsupported,
    Realign,
    Unaligned,
    Standalone,
}

impl HealthKind {
    fn slug(self) -> &'static str {
        match self {
            HealthKind::Unsupported => "unsupported",
            HealthKind::Realign => "realign",
            HealthKind::Unaligned => "unaligned",
            HealthKind::Standalone => "standalone",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            HealthKind::Unsupported => "Company objectives nothing supports",
            HealthKind::Realign => "To re-align: their parent was deleted",
            HealthKind::Unaligned => "Team objectives supporting nothing yet",
            HealthKind::Standalone => "Standing alone on purpose (mission OKRs)",
        }
    }

    /// What an empty list means, in words.
    fn empty(self) -> &'static str {
        match self {
            HealthKind::Unsupported => "Every company objective has support from below.",
            HealthKind::Realign => "Nothing to re-align: no objective has lost its parent.",
            HealthKind::Unaligned => {
                "Every team objective is linked, or stands alone with a reason."
            }
            HealthKind::Standalone => {
                "No objective stands alone. A team that cannot contribute to the company's \
                 objectives this cycle can keep a mission OKR and say why."
            }
        }
    }
}

/// One objective in a health list.
#[derive(Clone, Debug, PartialEq)]
struct HealthEntry {
    id: String,
    title: String,
    team: String,
    detail: String,
}

/// The health figures and lists with the words they are shown with.
#[derive(Clone, Debug, PartialEq)]
struct HealthView {
    health: Health,
    lists: Vec<(HealthKind, Vec<HealthEntry>)>,
}

#[component]
fn HealthTab(review: Review) -> impl IntoView {
    let state = use_app_state();
    let view_of = Memo::new(move |_| {
        state.needs_realign.with(|flagged| {
            state.with_document(|doc| {
                let health = Health::of(doc, flagged);
                health_view(doc, health)
            })
        })
    });
    let figures = move || {
        let health = view_of.with(|v| v.health.clone());
        if health.team_objectives == 0 {
            return view! {
                <p class="review__figures" data-testid="health-aligned" data-hard="0" data-soft="0" data-total="0">
                    "No team objectives yet. Once departments and teams add theirs and link \
                     them to the company's, this says how much of the organisation is aligned."
                </p>
            }
            .into_any();
        }
        let aligned = format!(
            "{} of {} team objectives aligned: {} hard, {} soft only — {}",
            health.aligned(),
            health.team_objectives,
            health.hard,
            health.soft_only,
            percent(health.aligned_share())
        );
        let rest = format!(
            "{} standing alone with a reason, {} not aligned yet.",
            health.standalone, health.unaligned
        );
        let width = |share: f64| format!("width:{:.2}%", share * 100.0);
        view! {
            <p
                class="review__figures"
                data-testid="health-aligned"
                data-hard=health.hard.to_string()
                data-soft=health.soft_only.to_string()
                data-standalone=health.standalone.to_string()
                data-unaligned=health.unaligned.to_string()
                data-total=health.team_objectives.to_string()
            >
                {aligned}
            </p>
            <div class="review__bar" aria-hidden="true">
                <span class="review__bar-part review__bar-part--hard" style=width(health.hard_share())></span>
                <span class="review__bar-part review__bar-part--soft" style=width(health.soft_only_share())></span>
                <span class="review__bar-part review__bar-part--standalone" style=width(health.standalone_share())></span>
            </div>
            <ul class="review__legend" aria-hidden="true">
                <li><span class="review__swatch review__bar-part--hard"></span>"hard"</li>
                <li><span class="review__swatch review__bar-part--soft"></span>"soft only"</li>
                <li><span class="review__swatch review__bar-part--standalone"></span>"standalone"</li>
                <li><span class="review__swatch"></span>"not aligned"</li>
            </ul>
            <p class="review__figures-rest" data-testid="health-rest">{rest}</p>
        }
        .into_any()
    };
    let lists = move || {
        view_of
            .get()
            .lists
            .into_iter()
            .map(|(kind, entries)| health_list(review, kind, entries))
            .collect_view()
    };
    view! {
        <div
            class="review__body"
            role="tabpanel"
            id="review-tabpanel-health"
            aria-labelledby="review-tab-health"
            data-testid="health-panel"
        >
            {figures}
            {lists}
        </div>
    }
}

fn health_list(review: Review, kind: HealthKind, entries: Vec<HealthEntry>) -> impl IntoView {
    let heading_id = format!("health-{}", kind.slug());
    let labelled_by = heading_id.clone();
    let count = entries.len();
    let body = if entries.is_empty() {
        view! { <p class="review__empty" data-testid="health-empty">{kind.empty()}</p> }.into_any()
    } else {
        let items = entries
            .into_iter()
            .map(|entry| {
                let id = entry.id.clone();
                view! {
                    <li>
                        <button
                            class="review__entry"
                            type="button"
                            data-testid="health-entry"
                            data-okr-id=entry.id
                            data-health-kind=kind.slug()
                            title="Show this card on the map"
                            on:click=move |_| review.show_card(&id)
                        >
                            <span class="review__what">
                                <span class="review__title">{entry.title}</span>
                                <span class="review__team">{entry.team}</span>
                            </span>
                            <span class="review__why">{entry.detail}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="review__entries">{items}</ul> }.into_any()
    };
    view! {
        <section
            class="review__section"
            data-testid="health-section"
            data-health-kind=kind.slug()
            aria-labelledby=labelled_by
        >
            <h3 class="review__section-title" id=heading_id>
                {kind.heading()}
                <span class="review__count">{count}</span>
            </h3>
            {body}
        </section>
    }
}

fn health_view(doc: &Document, health: Health) -> HealthView {
    let listed: IdSet<&str> = health
        .unsupported
        .iter()
        .chain(&health.realign)
        .chain(&health.unaligned_objectives)
        .chain(health.standalone_objectives.iter().map(|s| &s.objective))
        .map(String::as_str)
        .collect();
    let teams = team_names(doc);
    let objectives: IdMap<&str, (&str, &str)> = doc
        .objectives
        .iter()
        .filter(|o| listed.contains(o.id.as_str()))
        .map(|o| {
            let team = teams.get(o.team.as_str()).copied().unwrap_or(&o.team);
            (o.id.as_str(), (o.title.as_str(), team))
        })
        .collect();
    let entry = |id: &str, detail: String| {
        let (title, team) = objectives.get(id).copied().unwrap_or((id, ""));
        HealthEntry {
            id: id.to_string(),
            title: title.to_string(),
            team: team.to_string(),
            detail,
        }
    };
    let unsupported = health
        .unsupported
        .iter()
        .map(|id| {
            entry(
                id,
                "No team objective links to it or to its key results.".to_string(),
            )
        })
        .collect();
    let realign = health
        .realign
        .iter()
        .map(|id| {
            entry(
                id,
                "Its parent was deleted: link it to another objective, or say why it stands alone."
                    .to_string(),
            )
        })
        .collect();
    let unaligned = health
        .unaligned_objectives
        .iter()
        .map(|id| {
            entry(
                id,
                "Linked to nothing, and no reason to stand alone.".to_string(),
            )
        })
        .collect();
    let standalone = health
        .standalone_objectives
        .iter()
        .map(|s| {
            let reason = if s.reason.trim().is_empty() {
                "Stands alone; no reason written yet.".to_string()
            } else {
                s.reason.clone()
            };
            entry(&s.objective, reason)
        })
        .collect();
    HealthView {
        health,
        lists: vec![
            (HealthKind::Unsupported, unsupported),
            (HealthKind::Realign, realign),
            (HealthKind::Unaligned, unaligned),
            (HealthKind::Standalone, standalone),
        ],
    }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Team id → name.
fn team_names(doc: &Document) -> IdMap<&str, &str> {
    doc.teams
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect()
}

/// "1 hint", "3 hints".
fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// An id as part of an element id (ids are `[A-Za-z0-9_.-]`, which need no
/// change there).
fn dom_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// An id inside a quoted CSS attribute selector.
fn css_escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Whether the key was pressed on one of the panel's tabs.
fn on_tab(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.get_attribute("role").as_deref() == Some("tab"))
}

/// Moves focus to the next (or previous) entry of the panel from the one
/// the key was pressed on.
fn move_between_entries(event: &KeyboardEvent, forward: bool) {
    let Some(current) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(entries) = current
        .closest(".review")
        .ok()
        .flatten()
        .and_then(|panel| panel.query_selector_all(".review__entry").ok())
    else {
        return;
    };
    let count = entries.length();
    let position = (0..count).find(|&i| {
        entries
            .item(i)
            .is_some_and(|node| node.is_same_node(Some(current.as_ref())))
    });
    let next = match (position, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(count.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    if let Some(element) = entries
        .item(next)
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses the element matching `selector`, waiting up to `frames_left`
/// frames for it to be rendered.
fn focus_within_frames(selector: String, frames_left: u8) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match element {
            Some(element) => {
                let _ = element.focus();
            }
            None if frames_left > 0 => focus_within_frames(selector, frames_left - 1),
            None => {}
        }
    });
}
