//! One objective card: team colour, level, title, kind, progress, and its key
//! results with their own bars; pressed, it selects; dragged, it moves or,
//! released over another card or key-result row, proposes a link.
//!
//! Each card reads only its own slice of the scene and of the drag, so moving
//! one card re-renders that card alone.

use std::collections::HashSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::PointerEvent;

use super::state::{use_app_state, AppState, Drag, PendingLink, Selection};
use crate::domain::graph::AlignmentGraph;
use crate::domain::model::{LinkKind, ObjectiveKind};
use crate::scene::{progress_attr, progress_percent, CardView};

/// How far, in screen pixels, a press must move before it is a drag.
const DRAG_THRESHOLD: f64 = 4.0;

#[component]
pub fn Card(id: String) -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let card_id = StoredValue::new(id.clone());
    let view_of = Memo::new(move |_| card_id.with_value(|id| scene.with(|s| s.card(id).cloned())));
    // What the drag means for this card: moved by it, or under it.
    // What the drag means for this card: moved by it, or under it. The roles
    // are read first, so other cards do not follow every pointer move.
    let drag_offset = Memo::new(move |_| {
        let dragged = state
            .drag_roles
            .with(|r| card_id.with_value(|id| r.dragged.as_deref() == Some(id.as_str())));
        if !dragged {
            return None;
        }
        card_id.with_value(|id| {
            state.drag.with(|d| {
                d.as_ref()
                    .filter(|d| d.active && &d.id == id)
                    .map(|d| d.offset)
            })
        })
    });
    let target_state = Memo::new(move |_| {
        let targeted = state
            .drag_roles
            .with(|r| card_id.with_value(|id| r.target.as_deref() == Some(id.as_str())));
        if !targeted {
            return None;
        }
        card_id.with_value(|id| {
            state.drag.with(|d| {
                d.as_ref()
                    .and_then(|d| d.target.as_ref())
                    .filter(|(t, _)| &t.objective_id == id)
                    .map(|(t, valid)| (t.id.clone(), *valid))
            })
        })
    });
    let selected = Memo::new(move |_| {
        card_id.with_value(|id| {
            state
                .selection
                .with(|s| matches!(s, Selection::Objective(sel) if sel == id))
        })
    });
    let needs_realign = Memo::new(move |_| {
        card_id.with_value(|id| state.needs_realign.with(|flagged| flagged.contains(id)))
    });
    // Ids this card may link to, computed when a drag starts.
    let valid_targets = StoredValue::new(HashSet::<String>::new());

    let on_pointer_down = move |event: PointerEvent| {
        if event.button() != 0 || on_control(&event) {
            return;
        }
        // The canvas must not start panning under a card.
        event.stop_propagation();
        if let Some(element) = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        state.drag.set(Some(Drag {
            id: card_id.get_value(),
            pointer_id: event.pointer_id(),
            start: (event.client_x() as f64, event.client_y() as f64),
            offset: (0.0, 0.0),
            active: false,
            target: None,
        }));
    };

    let on_pointer_move =
        move |event: PointerEvent| {
            let Some(mut drag) = state.drag.get_untracked().filter(|d| {
                d.pointer_id == event.pointer_id() && card_id.with_value(|id| &d.id == id)
            }) else {
                return;
            };
            let (dx, dy) = (
                event.client_x() as f64 - drag.start.0,
                event.client_y() as f64 - drag.start.1,
            );
            if !drag.active {
                if dx.hypot(dy) < DRAG_THRESHOLD {
                    return;
                }
                drag.active = true;
                valid_targets.set_value(link_targets_of(state, &drag.id));
            }
            let view = state.view.get_untracked();
            drag.offset = (dx / view.scale, dy / view.scale);
            let (x, y) = state.world_point(event.client_x() as f64, event.client_y() as f64);
            drag.target = state
                .scene
                .with_untracked(|s| s.drop_target_at(x, y, &drag.id))
                .map(|target| {
                    let valid = valid_targets.with_value(|v| v.contains(&target.id));
                    (target, valid)
                });
            state.drag.set(Some(drag));
        };

    let finish =
        move |event: PointerEvent, released: bool| {
            let Some(drag) = state.drag.get_untracked().filter(|d| {
                d.pointer_id == event.pointer_id() && card_id.with_value(|id| &d.id == id)
            }) else {
                return;
            };
            state.drag.set(None);
            if !drag.active {
                if released {
                    state.select(Selection::Objective(drag.id.clone()));
                    state.inspector_open.set(true);
                }
                return;
            }
            if !released {
                return;
            }
            match drag.target {
                Some((target, true)) => state.pending_link.set(Some(PendingLink {
                    from: drag.id,
                    to: target.id,
                })),
                Some((target, false)) => {
                    state.notify_error(refusal_reason(state, &drag.id, &target.id))
                }
                None => {
                    if let Some(rect) = state
                        .scene
                        .with_untracked(|s| s.card(&drag.id).map(|c| c.rect))
                    {
                        state.move_card(&drag.id, rect.x + drag.offset.0, rect.y + drag.offset.1);
                    }
                }
            }
        };

    move || {
        view_of.get().map(|card| {
            render_card(
                card,
                CardSignals {
                    drag_offset,
                    target_state,
                    selected,
                    needs_realign,
                },
                on_pointer_down,
                on_pointer_move,
                finish,
            )
        })
    }
}

/// What a card shows besides its document data.
#[derive(Clone, Copy)]
struct CardSignals {
    /// How far the card is dragged, while it is.
    drag_offset: Memo<Option<(f64, f64)>>,
    /// The target under a dragged card, if it is this card (id, allowed).
    target_state: Memo<Option<(String, bool)>>,
    selected: Memo<bool>,
    needs_realign: Memo<bool>,
}

fn render_card(
    card: CardView,
    signals: CardSignals,
    on_pointer_down: impl Fn(PointerEvent) + Copy + 'static,
    on_pointer_move: impl Fn(PointerEvent) + Copy + 'static,
    finish: impl Fn(PointerEvent, bool) + Copy + 'static,
) -> impl IntoView {
    let CardSignals {
        drag_offset,
        target_state,
        selected,
        needs_realign,
    } = signals;
    let rect = card.rect;
    let place = format!(
        "left:{:.1}px;top:{:.1}px;height:{:.1}px;--team-color:{}",
        rect.x, rect.y, rect.height, card.team_color
    );
    // A dragged card moves by transform on its own layer: no layout, and no
    // repaint of the map under it, per pointer move.
    let style = move || match drag_offset.get() {
        Some((dx, dy)) => format!("{place};transform:translate({dx:.1}px,{dy:.1}px)"),
        None => place.clone(),
    };
    let card_id = card.id.clone();
    let class = move || {
        let mut class = String::from("card");
        if selected.get() {
            class.push_str(" card--selected");
        }
        if drag_offset.get().is_some() {
            class.push_str(" card--dragged");
        }
        match target_state.get() {
            Some((_, true)) => class.push_str(" card--target"),
            Some((_, false)) => class.push_str(" card--refused"),
            None => {}
        }
        class
    };
    let (kind_label, kind_class) = match card.kind {
        ObjectiveKind::Committed => ("Committed", "card__kind card__kind--committed"),
        ObjectiveKind::Aspirational => ("Aspirational", "card__kind card__kind--aspirational"),
    };
    let progress_width = format!("width:{:.1}%", card.progress * 100.0);
    let title_tooltip = card.title.clone();
    let standalone = card.standalone.clone().map(|reason| {
        let tooltip = reason.clone();
        view! { <div class="card__standalone" title=tooltip>"Stands alone: " {reason}</div> }
    });
    let key_results = card
        .key_results
        .into_iter()
        .map(|kr| {
            let width = format!("width:{:.1}%", kr.progress * 100.0);
            let tooltip = kr.title.clone();
            let kr_id = kr.id.clone();
            let row_class = move || {
                match target_state.get() {
                    Some((target, true)) if target == kr_id => "kr kr--target",
                    Some((target, false)) if target == kr_id => "kr kr--refused",
                    _ => "kr",
                }
            };
            view! {
                <li class=row_class data-testid="kr-row" data-kr-id=kr.id>
                    <span class="kr__title" title=tooltip>{kr.title}</span>
                    <span class="bar" data-testid="kr-progress" data-value=progress_attr(kr.progress)>
                        <span class="bar__fill" style=width></span>
                    </span>
                    <span class="kr__percent">{progress_percent(kr.progress)}</span>
                </li>
            }
        })
        .collect_view();
    let label = format!(
        "{} — {}, {}",
        card.title,
        card.team_name,
        progress_percent(card.progress)
    );
    view! {
        <article
            class=class
            style=style
            data-testid="okr-card"
            data-okr-id=card_id
            data-team-id=card.team_id
            data-level=card.level.name()
            aria-label=label
            aria-selected=move || selected.get().to_string()
            role="option"
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=move |event| finish(event, true)
            on:pointercancel=move |event| finish(event, false)
        >
            <div class="card__head">
                <div class="card__meta">
                    <span class="card__team">{card.team_name}</span>
                    <span>{card.level.name()}</span>
                    <span class=kind_class>{kind_label}</span>
                </div>
                <h2 class="card__title" data-testid="okr-title" title=title_tooltip>
                    {card.title}
                </h2>
                <div class="card__progress">
                    <span
                        class="bar"
                        data-testid="okr-progress"
                        data-value=progress_attr(card.progress)
                        role="progressbar"
                        aria-label="Objective progress"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=format!("{:.0}", card.progress * 100.0)
                    >
                        <span class="bar__fill" style=progress_width></span>
                    </span>
                    <span class="card__percent">{progress_percent(card.progress)}</span>
                </div>
            </div>
            {standalone}
            <Show when=move || needs_realign.get()>
                <div
                    class="card__realign"
                    data-testid="realign-flag"
                    title="Its hard parent was deleted: link it to another objective, or say why it stands alone."
                >
                    "⚠ Re-align: its parent was deleted"
                </div>
            </Show>
            <ul class="card__krs">{key_results}</ul>
        </article>
    }
}

/// Whether a press landed on a control inside the card, which keeps its own
/// meaning.
fn on_control(event: &PointerEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| {
            el.closest("button, input, select, textarea, a")
                .ok()
                .flatten()
        })
        .is_some()
}

/// Every objective or key result `from` may link to, hard or soft.
fn link_targets_of(state: AppState, from: &str) -> HashSet<String> {
    state.with_document_untracked(|doc| {
        AlignmentGraph::from_document(doc)
            .map(|graph| {
                graph
                    .valid_targets(from)
                    .into_iter()
                    .filter(|t| t.hard.is_ok() || t.soft.is_ok())
                    .map(|t| t.id)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Why `from` cannot link to `to` at all, in the core's words.
fn refusal_reason(state: AppState, from: &str, to: &str) -> String {
    state.with_document_untracked(|doc| {
        let Ok(graph) = AlignmentGraph::from_document(doc) else {
            return "These cards cannot be linked.".to_string();
        };
        match graph.check_link(from, to, LinkKind::Soft) {
            Err(error) => error.to_string(),
            Ok(()) => match graph.check_link(from, to, LinkKind::Hard) {
                Err(error) => error.to_string(),
                Ok(()) => "These cards cannot be linked.".to_string(),
            },
        }
    })
}
