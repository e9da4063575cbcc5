//! A small overview of the whole map in a corner of the canvas, so a person
//! lost in a 2,000-card map sees where they are and can jump elsewhere.
//!
//! It is drawn on one `<canvas>` with the 2D context, not as a copy of the
//! DOM: every card is one filled rectangle in its team's colour and the view
//! one outline, so its cost does not grow with the cards' markup. Redrawing
//! is a side effect of the scene or the view changing, coalesced to at most
//! one draw per animation frame however many changes arrive in between.
//! Pressing or dragging on it centres the main view on the world point under
//! the pointer, at the same zoom. The maths lives in `geometry`.

use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::PointerEvent;

use super::frame::redraw_each_frame;
use super::state::use_app_state;
use crate::browser::canvas2d::{computed_property, context_2d};
use crate::map::geometry::{minimap_world, MinimapProjection, Rect};

/// The minimap's size in CSS pixels; must agree with `style/minimap.css`.
const MINIMAP_WIDTH: f64 = 200.0;
const MINIMAP_HEIGHT: f64 = 140.0;
/// Space kept free around the drawing, in CSS pixels.
const MINIMAP_PADDING: f64 = 6.0;
/// Cards far smaller than a pixel would vanish; they are drawn at least this big.
const MIN_CARD_PIXELS: f64 = 1.0;

/// A press on the minimap that is moving the view.
#[derive(Clone, Copy)]
struct MinimapPress {
    pointer_id: i32,
    /// The projection at the press. Kept until release: otherwise moving the
    /// view would rescale the minimap under the pointer, and the view would
    /// chase its own outline.
    projection: MinimapProjection,
    /// The canvas's top-left corner in client pixels, read once per press.
    origin: (f64, f64),
}

#[component]
pub fn Minimap() -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let view_transform = state.viewport.view;
    let viewport_size = state.viewport.size;
    let canvas = NodeRef::<Canvas>::new();
    let press = StoredValue::new(None::<MinimapPress>);

    // The cards grouped by colour, so a draw sets each fill style once.
    let cards_by_color = Memo::new(move |_| {
        scene.with(|s| {
            let mut groups: Vec<(String, Vec<Rect>)> = Vec::new();
            for card in &s.cards {
                match groups
                    .iter_mut()
                    .find(|(color, _)| *color == card.team_color)
                {
                    Some((_, rects)) => rects.push(card.rect),
                    None => groups.push((card.team_color.clone(), vec![card.rect])),
                }
            }
            groups
        })
    });

    // The projection used for drawing and for pointing: frozen while pressed.
    let current_projection = move || -> Option<MinimapProjection> {
        if let Some(Some(pressed)) = press.try_get_value() {
            return Some(pressed.projection);
        }
        let (width, height) = viewport_size.try_get_untracked()?;
        let view = view_transform.try_get_untracked()?;
        let bounds = scene.try_with_untracked(|s| s.bounds)?;
        let visible = view.visible_world(width, height);
        Some(MinimapProjection::fit(
            minimap_world(bounds, visible),
            MINIMAP_WIDTH,
            MINIMAP_HEIGHT,
            MINIMAP_PADDING,
        ))
    };

    let draw = move || {
        let Some(element) = canvas.try_get_untracked().flatten() else {
            return;
        };
        let Some(projection) = current_projection() else {
            return;
        };
        let Some(context) = context_2d(&element, MINIMAP_WIDTH, MINIMAP_HEIGHT) else {
            return;
        };
        let Some(((width, height), view)) = viewport_size
            .try_get_untracked()
            .zip(view_transform.try_get_untracked())
        else {
            return;
        };
        let outline_color = computed_property(&element, "color");
        context.clear_rect(0.0, 0.0, MINIMAP_WIDTH, MINIMAP_HEIGHT);
        cards_by_color.try_with_untracked(|groups| {
            for (color, rects) in groups {
                context.set_fill_style_str(color);
                for rect in rects {
                    let drawn = projection.project(rect);
                    context.fill_rect(
                        drawn.x,
                        drawn.y,
                        drawn.width.max(MIN_CARD_PIXELS),
                        drawn.height.max(MIN_CARD_PIXELS),
                    );
                }
            }
        });
        if width > 0.0 && height > 0.0 {
            let visible = projection.project(&view.visible_world(width, height));
            if let Some(color) = outline_color {
                context.set_stroke_style_str(&color);
            }
            context.set_line_width(1.5);
            context.stroke_rect(visible.x, visible.y, visible.width, visible.height);
        }
    };

    // Whatever changes in a frame, the minimap is drawn once, just before paint.
    redraw_each_frame(
        canvas,
        move || {
            scene.track();
            view_transform.track();
            viewport_size.track();
        },
        draw,
    );

    let recentre = move |pressed: &MinimapPress, event: &PointerEvent| {
        // A drag that leaves the minimap stops at its edge, so the view cannot
        // be flung far away from everything the minimap shows.
        let x = (f64::from(event.client_x()) - pressed.origin.0).clamp(0.0, MINIMAP_WIDTH);
        let y = (f64::from(event.client_y()) - pressed.origin.1).clamp(0.0, MINIMAP_HEIGHT);
        let (world_x, world_y) = pressed.projection.to_world(x, y);
        let (width, height) = viewport_size.get_untracked();
        view_transform.update(|view| *view = view.centred_on(world_x, world_y, width, height));
    };

    let on_pointer_down = move |event: PointerEvent| {
        // The map underneath must not start a pan or a card drag.
        event.stop_propagation();
        if event.button() != 0 {
            return;
        }
        event.prevent_default();
        let Some(element) = canvas.get_untracked() else {
            return;
        };
        let Some(projection) = current_projection() else {
            return;
        };
        // Capture keeps the moves coming when the pointer leaves the minimap mid-drag.
        _ = element.set_pointer_capture(event.pointer_id());
        let corner = element.get_bounding_client_rect();
        let pressed = MinimapPress {
            pointer_id: event.pointer_id(),
            projection,
            origin: (corner.left(), corner.top()),
        };
        press.set_value(Some(pressed));
        recentre(&pressed, &event);
    };

    let on_pointer_move = move |event: PointerEvent| {
        event.stop_propagation();
        let Some(pressed) = press.get_value() else {
            return;
        };
        if pressed.pointer_id == event.pointer_id() {
            recentre(&pressed, &event);
        }
    };

    let on_pointer_end = move |event: PointerEvent| {
        event.stop_propagation();
        if press
            .get_value()
            .is_some_and(|pressed| pressed.pointer_id == event.pointer_id())
        {
            press.set_value(None);
            // The minimap may now rescale to the new view.
            view_transform.notify();
        }
    };

    // Idle (out of the way) while every card is in view.
    let idle = Memo::new(move |_| {
        let (width, height) = viewport_size.get();
        let visible = view_transform.with(|v| v.visible_world(width, height));
        scene.with(|s| s.bounds.is_none_or(|b| visible.encloses(&b)))
    });
    view! {
        <div
            class=move || if idle.get() { "minimap minimap--idle" } else { "minimap" }
            data-testid="minimap"
            role="img"
            aria-label="Minimap: press to move the view"
        >
            <canvas
                class="minimap__canvas"
                node_ref=canvas
                aria-hidden="true"
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_end
                on:pointercancel=on_pointer_end
            ></canvas>
        </div>
    }
}
