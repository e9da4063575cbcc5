//! The SVG layer of links, under the cards: hard links solid with a filled
//! arrowhead, soft links dashed with an open one and another colour, so the
//! two read apart without colour too.

use leptos::prelude::*;

use super::state::use_app_state;
use crate::domain::model::LinkKind;
use crate::scene::LinkView;

#[component]
pub fn LinkLayer() -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let links = Memo::new(move |_| scene.with(|s| s.links.clone()));
    view! {
        <svg class="canvas__links" width="1" height="1" aria-hidden="true">
            <defs>
                <marker id="arrow-hard" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="link-arrow--hard" />
                </marker>
                <marker id="arrow-soft" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                    <path d="M0,1 L9,5 L0,9" class="link-arrow--soft" />
                </marker>
            </defs>
            <For each=move || links.get() key=|link| (link.from.clone(), link.to.clone(), link.path.clone()) let:link>
                {render_link(link)}
            </For>
        </svg>
    }
}

fn render_link(link: LinkView) -> impl IntoView {
    let (class, marker) = match link.kind {
        LinkKind::Hard => ("link link--hard", "url(#arrow-hard)"),
        LinkKind::Soft => ("link link--soft", "url(#arrow-soft)"),
    };
    view! {
        <path
            class=class
            d=link.path
            marker-end=marker
            data-testid="link"
            data-link-from=link.from
            data-link-to=link.to
            data-link-kind=link.kind.name()
        />
    }
}
