//! The map's viewport: the world layer (cards and links) under one CSS
//! transform that fits the whole map in view.

use leptos::html::Main;
use leptos::prelude::*;

use super::card::Card;
use super::link_layer::LinkLayer;
use super::state::use_app_state;
use crate::geometry::{fit_to_view, ViewTransform};

/// Space left free around the map when it is fitted to the view, in pixels.
const FIT_MARGIN: f64 = 40.0;

#[component]
pub fn Canvas() -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let viewport = NodeRef::<Main>::new();
    let viewport_size = RwSignal::new((0.0_f64, 0.0_f64));

    let measure = move || {
        if let Some(element) = viewport.get_untracked() {
            viewport_size.set((
                element.client_width() as f64,
                element.client_height() as f64,
            ));
        }
    };
    // The viewport's size is only known once it is in the page, and changes with the window.
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let transform = Memo::new(move |_| {
        let (width, height) = viewport_size.get();
        scene
            .with(|s| s.bounds)
            .filter(|_| width > 0.0 && height > 0.0)
            .map(|bounds| fit_to_view(bounds, width, height, FIT_MARGIN))
            .unwrap_or(ViewTransform::IDENTITY)
    });
    let card_ids = Memo::new(move |_| {
        scene.with(|s| s.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    let is_empty = move || scene.with(|s| s.cards.is_empty());

    view! {
        <main class="canvas" data-testid="canvas" node_ref=viewport aria-label="OKR map">
            <div class="canvas__world" style:transform=move || transform.get().to_css()>
                <LinkLayer />
                <For each=move || card_ids.get() key=|id| id.clone() let:id>
                    <Card id=id />
                </For>
            </div>
            <Show when=is_empty>
                <div class="canvas__empty">
                    <p>"This canvas has no objectives yet. Open a .okr.json file to start from one."</p>
                </div>
            </Show>
            <div class="canvas__legend" aria-hidden="true">
                <span class="canvas__legend-item">
                    <svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="link link--hard" /></svg>
                    "hard: contributes, progress rolls up"
                </span>
                <span class="canvas__legend-item">
                    <svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="link link--soft" /></svg>
                    "soft: points the same way"
                </span>
            </div>
        </main>
    }
}
