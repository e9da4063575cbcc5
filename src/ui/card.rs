//! One objective card: team colour and name, owner, title, kind, progress, and its key
//! results with their own bars; pressed, it selects; dragged, it moves or,
//! released over another card or key-result row, proposes a link.
//!
//! Each card reads only its own slice of the scene and of the drag, so moving
//! one card re-renders that card alone.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::PointerEvent;

use super::card_marks::{hint_badge, Confidence, Sparkline};
use super::drag;
use super::edits::focus_when_shown;
use super::review::{use_review, Review};
use super::state::{use_app_state, AppState, Shade};
use crate::domain::hints::Hint;
use crate::domain::model::ObjectiveKind;
use crate::domain::status::{Basis, Reading, Status};
use crate::map::geometry::{title_lines, Detail};
use crate::map::scene::{progress_attr, progress_percent, CardView};

/// The map is one stop of the Tab key: the card Tab lands on (the selected
/// one, else the first), the others reached with the arrow keys. A selector,
/// so a change of stop wakes only the two cards concerned.
#[derive(Clone, Copy)]
pub struct TabStop(pub StoredValue<Selector<Option<String>>>);

impl TabStop {
    fn is(self, id: &str) -> bool {
        self.0
            .with_value(|stop| stop.selected(&Some(id.to_string())))
    }
}

/// A card dragged alone shrinks to this share of its size, a chip that
/// leaves the card or key result it is dragged onto in view.
const CHIP_SCALE: f64 = 0.4;
/// Between the pointer and the chip's corner, in world units.
const CHIP_GAP: f64 = 14.0;

/// The zoom step and title size the map's cards are styled for, which the
/// map provides: each card works out from them how many lines of its title
/// show, so the last one shown ends in "…" when the title goes on.
#[derive(Clone, Copy)]
pub struct TitleFit(pub Memo<(Detail, f64)>);

#[component]
pub fn Card(id: String) -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let card_id = StoredValue::new(id.clone());
    let view_of = Memo::new(move |_| card_id.with_value(|id| scene.with(|s| s.card(id).cloned())));
    // What the drag means for this card: moved by it, or under it. The roles
    // are asked of selectors first, which wake only the cards whose role
    // changed, so other cards do not follow the pointer.
    let drag_offset = Memo::new(move |_| {
        let moves = card_id.with_value(|id| state.dragging.moves(id));
        if !moves {
            return None;
        }
        card_id.with_value(|id| {
            state.dragging.current.with(|d| {
                d.as_ref().filter(|d| d.active && d.moves(id)).map(|d| {
                    // A card dragged alone onto another card goes as a small
                    // chip beside the pointer, leaving the card or key result
                    // it would link to in view; over empty map, it is itself,
                    // where it would land.
                    let chip = (d.group.is_empty() && d.target.is_some()).then_some(d.grip);
                    (d.offset, chip)
                })
            })
        })
    });
    let target_state = Memo::new(move |_| {
        let targeted = card_id.with_value(|id| state.dragging.is_drag_target(id));
        if !targeted {
            return None;
        }
        card_id.with_value(|id| {
            state.dragging.current.with(|d| {
                d.as_ref()
                    .and_then(|d| d.target.as_ref())
                    .filter(|(t, _)| &t.objective_id == id)
                    .map(|(t, valid)| (t.id.clone(), *valid))
            })
        })
    });
    let selected =
        Memo::new(move |_| card_id.with_value(|id| state.selection.with(|s| s.has_card(id))));
    let needs_realign = Memo::new(move |_| {
        card_id.with_value(|id| state.needs_realign.with(|flagged| flagged.contains(id)))
    });
    // Focus mode and the filter: a memo, so the card re-renders only when
    // its own shade changes, not whenever what is lit changes elsewhere.
    let shade = Memo::new(move |_| card_id.with_value(|id| state.shade(id)));
    let reading = Memo::new(move |_| card_id.with_value(|id| state.reading(id)));
    // Its quality hints: a memo, so an edit elsewhere that leaves them as
    // they were does not re-render the badge.
    let review = use_review();
    let hints = Memo::new(move |_| {
        review
            .map(|review| card_id.with_value(|id| review.hints_of(id)))
            .unwrap_or_default()
    });
    let on_pointer_down = move |event: PointerEvent| {
        if event.button() != 0 || on_control(&event) {
            return;
        }
        // The canvas must not start panning under a card.
        event.stop_propagation();
        // Shift+click adds the card to the selection, or takes it out.
        if event.shift_key() {
            card_id.with_value(|id| state.toggle_in_selection(id));
            return;
        }
        if let Some(element) = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        drag::press(state, card_id.get_value(), &event);
    };
    // Tab reaches every card: focus from the keyboard selects the card and
    // brings it into view (a press selects it through the drag).
    let on_focus = move |event: web_sys::FocusEvent| {
        let from_keyboard = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false));
        if from_keyboard && !selected.get_untracked() {
            card_id.with_value(|id| state.select_and_reveal(id));
        }
    };
    let on_pointer_move = move |event: PointerEvent| drag::move_to(state, &event);
    let finish = move |event: PointerEvent, released: bool| drag::finish(state, &event, released);

    // Whether the title is being edited on the card; kept by the card, so a
    // rename that rebuilds its markup leaves it as it is.
    let editing = RwSignal::new(false);

    move || {
        view_of.get().map(|card| {
            render_card(
                card,
                CardSignals {
                    state,
                    id: card_id,
                    editing,
                    drag_offset,
                    target_state,
                    selected,
                    needs_realign,
                    shade,
                    reading,
                    hints,
                    review,
                },
                on_pointer_down,
                on_pointer_move,
                finish,
                on_focus,
            )
        })
    }
}

/// A moved card's offset, and its grip when it goes as a chip.
type DragLook = ((f64, f64), Option<(f64, f64)>);

/// What a card shows besides its document data.
#[derive(Clone, Copy)]
struct CardSignals {
    state: AppState,
    id: StoredValue<String>,
    /// Whether its title is being edited in place.
    editing: RwSignal<bool>,
    /// How far the card is moved by a drag, while it is, and where it was
    /// gripped when it goes as a chip.
    drag_offset: Memo<Option<DragLook>>,
    /// The target under a dragged card, if it is this card (id, allowed).
    target_state: Memo<Option<(String, bool)>>,
    selected: Memo<bool>,
    needs_realign: Memo<bool>,
    /// Dimmed (outside the focus, or filtered out) or hidden by the filter.
    shade: Memo<Shade>,
    /// Its status against the cycle's clock.
    reading: Memo<Option<Reading>>,
    hints: Memo<Vec<Hint>>,
    review: Option<Review>,
}

fn render_card(
    card: CardView,
    signals: CardSignals,
    on_pointer_down: impl Fn(PointerEvent) + Copy + 'static,
    on_pointer_move: impl Fn(PointerEvent) + Copy + 'static,
    finish: impl Fn(PointerEvent, bool) + Copy + 'static,
    on_focus: impl Fn(web_sys::FocusEvent) + Copy + 'static,
) -> impl IntoView {
    let CardSignals {
        state,
        id,
        editing,
        drag_offset,
        target_state,
        selected,
        needs_realign,
        shade,
        reading,
        hints,
        review,
    } = signals;
    let dimmed = move || shade.get() == Shade::Dimmed;
    let hidden = move || shade.get() == Shade::Hidden;
    let rect = card.rect;
    let place = format!(
        "left:{:.1}px;top:{:.1}px;height:{:.1}px;--team-color:{}",
        rect.x, rect.y, rect.height, card.team_color
    );
    // A dragged card moves by transform on its own layer: no layout, and no
    // repaint of the map under it, per pointer move.
    let style = move || match drag_offset.get() {
        // The chip's corner sits just below and right of the pointer, which
        // is at the grip moved by the offset.
        Some(((dx, dy), Some((gx, gy)))) => format!(
            "{place};transform:translate({:.1}px,{:.1}px) scale({CHIP_SCALE})",
            gx + dx + CHIP_GAP,
            gy + dy + CHIP_GAP
        ),
        Some(((dx, dy), None)) => format!("{place};transform:translate({dx:.1}px,{dy:.1}px)"),
        None => place.clone(),
    };
    let card_id = card.id.clone();
    let class = move || {
        let mut class = String::from("card");
        if selected.get() {
            class.push_str(" card--selected");
        }
        if let Some((_, grip)) = drag_offset.get() {
            class.push_str(if grip.is_some() {
                " card--dragged card--chip"
            } else {
                " card--dragged"
            });
        }
        match shade.get() {
            Shade::Dimmed => class.push_str(" card--dimmed"),
            Shade::Hidden => class.push_str(" card--hidden"),
            Shade::Lit => {}
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
    let tab_stop = use_context::<TabStop>();
    let card_id_for_tab = id;
    let fit = use_context::<TitleFit>();
    let card_height = rect.height;
    let title_lines_shown = move || {
        fit.map(|TitleFit(fit)| {
            let (detail, size) = fit.get();
            title_lines(detail, card_height, size).to_string()
        })
    };
    let standalone = card.standalone.clone().map(|reason| {
        let tooltip = reason.clone();
        view! { <div class="card__standalone" title=tooltip>"Stands alone: " {reason}</div> }
    });
    // A card whose key results are checked in makes room for the trend and
    // the confidence in every row, so its bars stay in one column.
    let tracked = card
        .key_results
        .iter()
        .any(|kr| !kr.trend.is_empty() || kr.confidence.is_some());
    let list_class = if tracked {
        "card__krs card__krs--tracked"
    } else {
        "card__krs"
    };
    let key_results = card
        .key_results
        .into_iter()
        .map(|kr| {
            let sparkline = (!kr.trend.is_empty()).then(|| view! { <Sparkline trend=kr.trend /> });
            let confidence = kr.confidence.map(|c| view! { <Confidence confidence=c /> });
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
                    {sparkline}
                    {confidence}
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
    // The status and being dimmed are said in words too.
    let label = move || {
        let mut label = label.clone();
        if let Some(reading) = reading.get().filter(|r| r.status != Status::NoCycle) {
            label.push_str(", ");
            label.push_str(reading.status.label());
            if reading.basis == Basis::ByHand {
                label.push_str(" (set by hand)");
            }
        }
        if dimmed() {
            label.push_str(" (dimmed)");
        }
        label
    };
    let status_note = card.status_note.clone();
    let status = move || {
        reading
            .get()
            .filter(|r| r.status != Status::NoCycle)
            .map(|reading| {
                let status = reading.status;
                let by_hand = reading.basis == Basis::ByHand;
                let explanation = match (&status_note, by_hand) {
                    (Some(note), true) => format!("{}: {note}", reading.explanation()),
                    _ => reading.explanation(),
                };
                view! {
                    <span
                        class=format!("status status--{}", status.name())
                        data-testid="okr-status"
                        data-status=status.name()
                        data-by-hand=by_hand.then_some("true")
                        title=explanation
                    >
                        <span class="status__symbol" aria-hidden="true">{status.symbol()}</span>
                        {status.label()}
                        {by_hand.then_some(view! { <span class="status__by-hand">" ✎"</span> })}
                    </span>
                }
            })
    };
    // A double-click on the card edits its title where it is (the press is
    // the card's, which holds the pointer): Enter or leaving the field keeps
    // it, Escape does not.
    let title_text = card.title.clone();
    // Closing the field blurs it: only the first of Enter and the blur keeps.
    let keep = move |value: String| {
        if editing.get_untracked() {
            editing.set(false);
            state.rename_objective(&id.get_value(), &value);
        }
    };
    let edit_title = move |_| {
        editing.set(true);
        id.with_value(|id| {
            focus_when_shown(
                format!("[data-okr-id=\"{id}\"] [data-testid=\"okr-title-input\"]"),
                true,
            )
        });
    };
    let title_view = move || {
        if editing.get() {
            view! {
                <input
                    class="card__title-input"
                    data-testid="okr-title-input"
                    aria-label="Title"
                    maxlength="500"
                    value=title_text.clone()
                    on:pointerdown=|event| event.stop_propagation()
                    on:keydown=move |event: web_sys::KeyboardEvent| match event.key().as_str() {
                        "Enter" => keep(event_target_value(&event)),
                        "Escape" => editing.set(false),
                        _ => {}
                    }
                    on:blur=move |event| keep(event_target_value(&event))
                />
            }
            .into_any()
        } else {
            view! {
                <h2
                    class="card__title"
                    data-testid="okr-title"
                    title=title_tooltip.clone()
                    style:--title-lines=title_lines_shown
                >
                    {title_text.clone()}
                </h2>
            }
            .into_any()
        }
    };
    view! {
        <div
            class=class
            style=style
            data-testid="okr-card"
            data-okr-id=card_id
            data-team-id=card.team_id
            data-level=card.level.name()
            data-dimmed=move || dimmed().then_some("true")
            data-hidden=move || hidden().then_some("true")
            aria-hidden=move || hidden().then_some("true")
            aria-label=label
            aria-selected=move || selected.get().to_string()
            role="option"
            tabindex=move || {
                let stop = tab_stop.is_none_or(|stop| card_id_for_tab.with_value(|id| stop.is(id)));
                if stop && !hidden() { "0" } else { "-1" }
            }
            on:focus=on_focus
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=move |event| finish(event, true)
            on:pointercancel=move |event| finish(event, false)
            on:dblclick=edit_title
        >
            <div class="card__head">
                <div class="card__meta">
                    <span class="card__team">{card.team_name}</span>
                    {card.owner.map(|owner| {
                        view! {
                            <span class="card__owner" data-testid="okr-owner" title="Owner">
                                {owner}
                            </span>
                        }
                    })}
                    <span class=kind_class>{kind_label}</span>
                    {hint_badge(card.id.clone(), hints, review)}
                </div>
                {title_view}
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
                    {status}
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
            <ul class=list_class>{key_results}</ul>
        </div>
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
