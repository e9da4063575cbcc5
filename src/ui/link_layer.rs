//! The SVG layer of links, under the cards: one element per link with its
//! exact curve and the UI contract's attributes, for clicking (a wide
//! invisible stroke) and for tests and tools. What the person sees of a link
//! is drawn by `DrawnMap` on a canvas from the same curve: a link across a big
//! map is tens of thousands of pixels long, and a browser rasterising it
//! (dashed, at that) for every tile it crosses was the map's largest cost.
//!
//! Each link reads only its own slice of the scene and of the drag, so a drag
//! re-draws the dragged card's links alone.

use leptos::prelude::*;

use super::state::{use_app_state, Selection, Shade};
use crate::domain::model::LinkKind;

#[component]
pub fn LinkLayer() -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let keys = Memo::new(move |_| {
        // Drawn once the view is fitted, as the cards are (Viewport::fitted).
        if !state.viewport.fitted() {
            return Vec::new();
        }
        scene.with(|s| {
            s.links
                .iter()
                .map(|l| (l.from.clone(), l.to.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <svg class="canvas__links" width="1" height="1" aria-hidden="true">
            <For each=move || keys.get() key=|key| key.clone() let:key>
                <Link from=key.0 to=key.1 />
            </For>
        </svg>
    }
}

#[component]
fn Link(from: String, to: String) -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let ends = StoredValue::new((from.clone(), to.clone()));
    let link = Memo::new(move |_| ends.with_value(|(f, t)| scene.with(|s| s.link(f, t).cloned())));
    // The drag offset of this link's child and target cards. Only the links
    // of the dragged card follow the drag itself.
    let offsets = Memo::new(move |_| {
        let none = ((0.0, 0.0), (0.0, 0.0));
        let moved = link.with(|l| {
            l.as_ref().is_some_and(|l| {
                // Both asked, so either end's change wakes this link.
                let child = state.dragging.moves(&l.from);
                let parent = state.dragging.moves(&l.to_objective);
                child || parent
            })
        });
        if !moved {
            return none;
        }
        link.with(|link| {
            let Some(link) = link.as_ref() else {
                return none;
            };
            state
                .dragging
                .current
                .with(|drag| match drag.as_ref().filter(|d| d.active) {
                    Some(d) => {
                        let offset = |id: &str| if d.moves(id) { d.offset } else { (0.0, 0.0) };
                        (offset(&link.from), offset(&link.to_objective))
                    }
                    None => none,
                })
        })
    });
    let path = move || {
        link.with(|l| {
            l.as_ref()
                .map(|l| {
                    let (from_offset, to_offset) = offsets.get();
                    l.path(from_offset, to_offset)
                })
                .unwrap_or_default()
        })
    };
    let kind = move || link.with(|l| l.as_ref().map(|l| l.kind).unwrap_or(LinkKind::Soft));
    // Focus mode dims a link unless both its ends are lit; the filter dims
    // or hides it with either end, or when its kind is not chosen.
    let shade = Memo::new(move |_| {
        link.with(|l| {
            l.as_ref().map_or(Shade::Lit, |l| {
                state.with_lighting(|lighting| lighting.link(&l.from, &l.to_objective, l.kind))
            })
        })
    });
    let selected = Memo::new(move |_| {
        ends.with_value(|(f, t)| {
            state
                .selection
                .with(|s| matches!(s, Selection::Link { from, to } if from == f && to == t))
        })
    });
    let class = move || {
        let base = match kind() {
            LinkKind::Hard => "link link--hard",
            LinkKind::Soft => "link link--soft",
        };
        let mut class = base.to_string();
        if selected.get() {
            class.push_str(" link--selected");
        }
        if shade.get() == Shade::Hidden {
            class.push_str(" link--hidden");
        }
        class
    };
    let on_click = move |_| {
        let (from, to) = ends.get_value();
        state.select(Selection::Link { from, to });
        state.inspector_open.set(true);
    };
    view! {
        <g
            data-testid="link"
            data-link-from=from
            data-link-to=to
            data-link-kind=move || kind().name()
            data-dimmed=move || (shade.get() == Shade::Dimmed).then_some("true")
            data-hidden=move || (shade.get() == Shade::Hidden).then_some("true")
        >
            <path class=class d=path on:click=on_click />
        </g>
    }
}
