//! The map's viewport: pans (drag the background, scroll, arrow keys), zooms
//! (Ctrl+wheel or pinch around the pointer, buttons, keys) and holds the world
//! layer, the cards and links under one CSS transform.
//!
//! Moving the view touches one `transform` and nothing per card. Zooming out
//! trades detail for legibility in steps (`geometry::Detail`): a class on the
//! viewport and one CSS variable, the title's size, change only when a step is
//! crossed, so no card re-renders for it. Far out, department and team names
//! label their regions. While more than [`MAX_MARKUP_CARDS`] cards are in view,
//! `DrawnMap` draws the simplified cards, the cards' markup stays in the DOM
//! unrendered, a press finds its card from the core's rectangles, and an
//! outline of the cards (name, team, progress) serves screen readers and Tab.

use std::collections::HashMap;
use std::time::Duration;

use leptos::html::Main;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{PointerEvent, WheelEvent};

use super::card::{Card, TabStop, TitleFit};
use super::commands::{Command, CommandButton};
use super::drag;
use super::drawn_map::DrawnMap;
use super::filter_panel::{FilterPanel, FilterSummary};
use super::focus_bar::FocusBar;
use super::link_layer::LinkLayer;
use super::minimap::Minimap;
use super::state::{use_app_state, AppState, Selection, Shade};
use crate::map::geometry::{title_size, Detail, Rect, BLOCKS_BELOW, MAX_MARKUP_CARDS, TITLE_SIZE};
use crate::map::labels::place_region_labels;

/// Zoom change per pixel of wheel movement with Ctrl held (trackpad pinch too).
const WHEEL_ZOOM_PER_PIXEL: f64 = 0.0025;
/// How long after the last wheel or pinch step a zoom counts as resting.
const ZOOM_REST_MS: u64 = 160;

/// A press on the background: a pan, or with two fingers a pinch.
#[derive(Clone, Debug, Default)]
struct BackgroundPress {
    pointers: HashMap<i32, (f64, f64)>,
    moved: bool,
}

/// A box being drawn with Shift+drag on the background, corners in pixels of
/// the map's viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SelectBox {
    pointer_id: i32,
    from: (f64, f64),
    to: (f64, f64),
}

/// Adds the cards the box touches (those the filter shows) to the selection.
fn select_in_box(state: AppState, done: SelectBox) {
    let view = state.viewport.view.get_untracked();
    let world = Rect::spanning(
        view.screen_to_world(done.from.0, done.from.1),
        view.screen_to_world(done.to.0, done.to.1),
    );
    let touched: Vec<String> = state
        .scene
        .with_untracked(|s| s.card_ids_in(&world))
        .into_iter()
        .filter(|id| state.with_lighting_untracked(|l| l.card(id) != Shade::Hidden))
        .collect();
    if touched.is_empty() {
        return;
    }
    let selection = state.selection.get_untracked().with_cards(touched);
    let count = selection.objective_ids().len();
    state.select(selection);
    state.inspector_open.set(true);
    state.notices.status(match count {
        1 => "1 objective selected.".to_string(),
        n => format!("{n} objectives selected: drag one to move them together."),
    });
}

#[component]
pub fn Canvas() -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let viewport = NodeRef::<Main>::new();
    let press = StoredValue::new(BackgroundPress::default());
    let boxing = RwSignal::new(None::<SelectBox>);

    // The viewport's size is known once it is in the page, and changes with the window.
    let measure = move || {
        if let Some(element) = viewport.get_untracked() {
            let rect = element.get_bounding_client_rect();
            state.viewport.set_viewport(
                rect.left(),
                rect.top(),
                element.client_width() as f64,
                element.client_height() as f64,
            );
        }
    };
    // Any change of the viewport's size (the window, the inspector opening)
    // is measured again, so fitting and zooming use the real size.
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>);
    Effect::new(move |_| {
        let Some(element) = viewport.get() else {
            return;
        };
        measure();
        let on_resize = Closure::<dyn FnMut()>::new(measure);
        if let Ok(resize) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            resize.observe(&element);
            observer.set_value(Some((resize, on_resize)));
        }
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((resize, _)) = o.take() {
                resize.disconnect();
            }
        })
    });

    let local_point =
        move |client_x: f64, client_y: f64| state.viewport.viewport_point(client_x, client_y);
    // The view the cards are styled for: the view itself, except during a
    // wheel or pinch zoom, when it follows once the zoom rests. Restyling
    // every card in view on each step of a zoom would cost more than a
    // frame; meanwhile the cards scale with the world layer.
    let settled = RwSignal::new(state.viewport.view.get_untracked());
    let zooming_until = StoredValue::new(0.0f64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let view = state.viewport.view.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let wait = zooming_until.get_value() - js_sys::Date::now();
        if wait > 0.0 {
            let later = Duration::from_millis(wait as u64 + ZOOM_REST_MS / 4);
            pending.set_value(set_timeout_with_handle(move || settled.set(view), later).ok());
        } else {
            pending.set_value(None);
            settled.set(view);
        }
    });
    let mark_zooming = move || {
        zooming_until.set_value(js_sys::Date::now() + ZOOM_REST_MS as f64);
    };
    let detail = Memo::new(move |_| settled.with(|v| Detail::at(v.scale)));
    let blocks = Memo::new(move |_| settled.with(|v| v.scale < BLOCKS_BELOW));
    // Drawn rather than laid out: too many cards in view for their markup.
    // The drawing takes over at once; the markup comes back once a zoom rests.
    let far = Memo::new(move |_| {
        let (width, height) = state.viewport.size.get();
        let too_many = |view: &crate::map::geometry::ViewTransform| {
            let visible = view.visible_world(width, height);
            scene.with(|s| s.cards_in(&visible, MAX_MARKUP_CARDS + 1)) > MAX_MARKUP_CARDS
        };
        state.viewport.view.with(too_many) || settled.with(too_many)
    });
    // While the map is drawn the cards show no title: the size stays put, so
    // a zoom restyles no card.
    let title_pixels =
        Memo::new(move |_| (!far.get()).then(|| settled.with(|v| title_size(v.scale))));
    let tab_stop = Memo::new(move |_| {
        state
            .selection
            .with(|s| s.objective_ids().into_iter().next())
            .or_else(|| scene.with(|s| s.cards.first().map(|c| c.id.clone())))
    });
    provide_context(TabStop(StoredValue::new(Selector::new(move || {
        tab_stop.get()
    }))));
    // When the map's area changes (the inspector opens beside it, the window
    // is resized), the selected card is brought back into view.
    Effect::new(move |before: Option<(f64, f64)>| {
        let size = state.viewport.size.get();
        if before.is_some_and(|before| before != size) {
            if let Some(id) = state.selected_objective_untracked() {
                state.viewport.reveal(&id);
            }
        }
        size
    });
    provide_context(TitleFit(Memo::new(move |_| {
        (detail.get(), title_pixels.get().unwrap_or(TITLE_SIZE))
    })));
    let regions = Memo::new(move |_| scene.with(|s| s.regions()));
    // Labels are placed in world units scaled to the zoom, so a pan moves
    // their layer by a transform and recomputes nothing.
    let region_scale =
        Memo::new(move |_| settled.with(|v| (v.scale < BLOCKS_BELOW).then_some(v.scale)));
    let region_labels = Memo::new(move |_| match region_scale.get() {
        Some(scale) => regions.with(|regions| place_region_labels(regions, scale)),
        None => Vec::new(),
    });
    // During a zoom the labels follow the world layer, scaled from the view
    // they were placed for.
    let region_offset = move || {
        let view = state.viewport.view.get();
        let ratio = view.scale / settled.with(|v| v.scale);
        format!(
            "translate({:.1}px, {:.1}px) scale({ratio:.4})",
            view.x, view.y
        )
    };
    // While the map is drawn, screen readers and the keyboard reach each card
    // through this outline: its name, team and progress, a button that
    // selects it. Built with the map, not when the drawing takes over, so
    // crossing the threshold in a zoom costs a class, not 2,000 new buttons;
    // a map too small ever to be drawn needs none.
    let outline_entries = Memo::new(move |_| {
        scene.with(|s| {
            if s.cards.len() <= MAX_MARKUP_CARDS {
                return Vec::new();
            }
            s.cards
                .iter()
                .map(|c| {
                    let label = format!(
                        "{} — {}, {}",
                        c.title,
                        c.team_name,
                        crate::map::scene::progress_percent(c.progress)
                    );
                    (c.id.clone(), label)
                })
                .collect::<Vec<_>>()
        })
    });
    let on_pointer_down = move |event: PointerEvent| {
        // Cards, links and controls handle their own presses.
        if event.button() != 0 || !is_background(&event) {
            return;
        }
        if let Some(element) = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        // Far out, the cards are drawn, not laid out: a press on one is found
        // from the scene's rectangles.
        if far.get_untracked() {
            let (x, y) = state
                .viewport
                .world_point(event.client_x() as f64, event.client_y() as f64);
            // A card the filter hides is not there to press.
            let pressed = scene
                .with_untracked(|s| {
                    s.hit_index
                        .card_at(x, y, None)
                        .and_then(|i| s.cards.get(i))
                        .map(|c| c.id.clone())
                })
                .filter(|id| {
                    state.with_lighting_untracked(|lighting| lighting.card(id) != Shade::Hidden)
                });
            if let Some(id) = pressed {
                if event.shift_key() {
                    state.toggle_in_selection(&id);
                } else {
                    drag::press(state, id, &event);
                }
                return;
            }
        }
        let point = local_point(event.client_x() as f64, event.client_y() as f64);
        // Shift+drag on the background draws a box that selects the cards it touches.
        if event.shift_key() {
            boxing.set(Some(SelectBox {
                pointer_id: event.pointer_id(),
                from: point,
                to: point,
            }));
            return;
        }
        press.update_value(|p| {
            if p.pointers.is_empty() {
                p.moved = false;
            }
            p.pointers.insert(event.pointer_id(), point);
        });
    };

    let on_pointer_move = move |event: PointerEvent| {
        if drag::is_pressing(state, &event) {
            drag::move_to(state, &event);
            return;
        }
        let point = local_point(event.client_x() as f64, event.client_y() as f64);
        if boxing.with_untracked(|b| b.is_some_and(|b| b.pointer_id == event.pointer_id())) {
            boxing.update(|b| {
                if let Some(b) = b {
                    b.to = point;
                }
            });
            return;
        }
        let Some(before) = press.with_value(|p| p.pointers.get(&event.pointer_id()).copied())
        else {
            return;
        };
        let others: Vec<(f64, f64)> = press.with_value(|p| {
            p.pointers
                .iter()
                .filter(|(id, _)| **id != event.pointer_id())
                .map(|(_, pt)| *pt)
                .collect()
        });
        match others.first() {
            // Two fingers: zoom by the change of their distance, around their middle.
            Some(&other) => {
                let before_distance = distance(before, other);
                let after_distance = distance(point, other);
                if before_distance > 1.0 {
                    mark_zooming();
                    let middle = ((point.0 + other.0) / 2.0, (point.1 + other.1) / 2.0);
                    state
                        .viewport
                        .zoom_at(after_distance / before_distance, middle.0, middle.1);
                }
            }
            None => state
                .viewport
                .pan_by(point.0 - before.0, point.1 - before.1),
        }
        press.update_value(|p| {
            p.pointers.insert(event.pointer_id(), point);
            p.moved = true;
        });
    };

    let on_pointer_end = move |event: PointerEvent| {
        if drag::is_pressing(state, &event) {
            drag::finish(state, &event, event.type_() == "pointerup");
            return;
        }
        if let Some(done) = boxing
            .get_untracked()
            .filter(|b| b.pointer_id == event.pointer_id())
        {
            boxing.set(None);
            if event.type_() == "pointerup" {
                select_in_box(state, done);
            }
            return;
        }
        let was_click =
            press.with_value(|p| p.pointers.contains_key(&event.pointer_id()) && !p.moved);
        press.update_value(|p| {
            p.pointers.remove(&event.pointer_id());
        });
        // A click on empty canvas clears the selection.
        if was_click && event.type_() == "pointerup" {
            state.select(Selection::Nothing);
        }
    };

    let on_wheel = move |event: WheelEvent| {
        event.prevent_default();
        // Lines and pages are turned into pixels, so every device moves alike.
        let unit = match event.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let (dx, dy) = (event.delta_x() * unit, event.delta_y() * unit);
        if event.ctrl_key() || event.meta_key() {
            mark_zooming();
            let (x, y) = local_point(event.client_x() as f64, event.client_y() as f64);
            state
                .viewport
                .zoom_at((-dy * WHEEL_ZOOM_PER_PIXEL).exp(), x, y);
        } else if event.shift_key() && dx == 0.0 {
            state.viewport.pan_by(-dy, 0.0);
        } else {
            state.viewport.pan_by(-dx, -dy);
        }
    };

    // Nothing of the map is built before the view is fitted (Viewport::fitted).
    let card_ids = Memo::new(move |_| {
        if !state.viewport.fitted() {
            return Vec::new();
        }
        scene.with(|s| s.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    let is_empty = move || scene.with(|s| s.cards.is_empty());
    let class = move || {
        let mut class = format!("canvas canvas--detail-{}", detail.get().name());
        if blocks.get() {
            class.push_str(" canvas--blocks");
        }
        if far.get() {
            class.push_str(" canvas--far");
        }
        if state.dragging.roles.with(|r| r.dragged.is_some()) {
            class.push_str(" canvas--dragging");
        }
        class
    };

    view! {
        <main
            class=class
            data-testid="canvas"
            node_ref=viewport
            aria-label="OKR map"
            style:--title-size=move || title_pixels.get().map(|px| format!("{px}px"))
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_end
            on:pointercancel=on_pointer_end
            on:wheel=on_wheel
            on:scroll=move |_| {
                // Focus on a card out of view scrolls the clipping viewport;
                // the view moves by its transform only, so the scroll is undone.
                if let Some(element) = viewport.get_untracked() {
                    element.set_scroll_top(0);
                    element.set_scroll_left(0);
                }
            }
        >
            <DrawnMap far=far />
            // The cards are the options of one list; the links drawn among
            // them are a picture (the inspector lists a card's links).
            <div
                class="canvas__world"
                role="listbox"
                aria-label="Objectives"
                style:transform=move || state.viewport.view.get().to_css()
            >
                <LinkLayer />
                <For each=move || card_ids.get() key=|id| id.clone() let:id>
                    <Card id=id />
                </For>
            </div>
            <div
                class="canvas__regions"
                aria-hidden="true"
                data-testid="region-labels"
                style:transform=region_offset
            >
                <For each=move || region_labels.get() key=|label| label.clone() let:label>
                    <span
                        class=label.class
                        data-testid="region-label"
                        style=format!("left:{}px;top:{}px", label.x, label.y)
                    >
                        {label.name}
                    </span>
                </For>
            </div>
            <ul
                class="canvas__outline"
                aria-label="Objectives on the map"
                data-testid="map-outline"
                hidden=move || !far.get()
            >
                <For each=move || outline_entries.get() key=|entry| entry.clone() let:entry>
                    {
                        let (id, label) = entry;
                        let on_click_id = id.clone();
                        let on_focus_id = id.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    data-outline-id=id
                                    on:click=move |_| state.select_and_reveal(&on_click_id)
                                    on:focus=move |_| state.select_and_reveal(&on_focus_id)
                                >
                                    {label}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || {
                boxing
                    .get()
                    .map(|b| {
                        let rect = Rect::spanning(b.from, b.to);
                        view! {
                            <div
                                class="canvas__select-box"
                                data-testid="selection-box"
                                style=format!(
                                    "left:{:.0}px;top:{:.0}px;width:{:.0}px;height:{:.0}px",
                                    rect.x,
                                    rect.y,
                                    rect.width,
                                    rect.height,
                                )
                            ></div>
                        }
                    })
            }}
            <div class="canvas__bars">
                <FocusBar />
                <FilterSummary />
            </div>
            <FilterPanel />
            <Show when=is_empty>
                <div class="canvas__empty">
                    <p>
                        "This canvas has no objectives yet. Add one with “New objective”, or open a .okr.json file."
                    </p>
                </div>
            </Show>
            <div class="canvas__legend" aria-hidden="true">
                <span class="canvas__legend-item">
                    <svg width="34" height="10">
                        <line x1="0" y1="5" x2="34" y2="5" class="link link--hard" />
                    </svg>
                    "hard: contributes, progress rolls up"
                </span>
                <span class="canvas__legend-item">
                    <svg width="34" height="10">
                        <line x1="0" y1="5" x2="34" y2="5" class="link link--soft" />
                    </svg>
                    "soft: points the same way"
                    <Show when=move || far.get()>
                        <span data-testid="legend-far-note">
                            " (zoomed out: the selected card’s only)"
                        </span>
                    </Show>
                </span>
            </div>
            <div class="canvas__zoom" role="group" aria-label="Zoom">
                <CommandButton command=Command::ZoomIn class="canvas__zoom-button" text="+" />
                <CommandButton command=Command::ZoomOut class="canvas__zoom-button" text="−" />
                <span class="canvas__zoom-level" data-testid="zoom-level">
                    {move || format!("{:.0}%", state.viewport.view.get().scale * 100.0)}
                </span>
            </div>
            <details class="canvas__keys" data-testid="keys-help">
                <summary>"Keys"</summary>
                <dl>
                    <dt>"← → ↑ ↓"</dt>
                    <dd>"select the next card"</dd>
                    <dt>"Shift + arrows"</dt>
                    <dd>"pan"</dd>
                    <dt>"+ − 0"</dt>
                    <dd>"zoom in, out, fit"</dd>
                    <dt>"Enter"</dt>
                    <dd>"edit the selection"</dd>
                    <dt>"L"</dt>
                    <dd>"link the selected card to…"</dd>
                    <dt>"F"</dt>
                    <dd>"focus: dim what does not support the selected objective"</dd>
                    <dt>"R"</dt>
                    <dd>"review: quality hints and alignment health"</dd>
                    <dt>"P"</dt>
                    <dd>"present as slides (then → ← Space, G all slides, T theme, Esc back)"</dd>
                    <dt>"H / S"</dt>
                    <dd>"hard or soft link"</dd>
                    <dt>"Delete"</dt>
                    <dd>"delete the selection"</dd>
                    <dt>"Ctrl+C, X, V, D"</dt>
                    <dd>"copy, cut, paste, duplicate the selected card"</dd>
                    <dt>"Esc while dragging"</dt>
                    <dd>"put the card back"</dd>
                    <dt>"Ctrl+Z, Ctrl+Shift+Z"</dt>
                    <dd>"undo, redo"</dd>
                    <dt>"Esc"</dt>
                    <dd>"leave focus, close, deselect"</dd>
                </dl>
            </details>
            <Minimap />
        </main>
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Whether a press landed on the map's background rather than on a card,
/// link or control.
fn is_background(event: &PointerEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            el.closest(
                ".card, .canvas__links .link, button, input, select, textarea, .minimap, .canvas__legend, .canvas__keys, .focus-bar",
            )
            .ok()
            .flatten()
            .is_none()
        })
        .unwrap_or(false)
}
