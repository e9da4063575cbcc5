//! The bar over a canvas opened from a share link or a hosted file: it says
//! the canvas is someone else's and read-only, and offers the ways on —
//! present it (the usual reason a CEO's link is opened), edit a copy of it,
//! or go back to one's own canvas.

use leptos::prelude::*;

use super::commands::{Command, CommandButton};
use super::state::use_app_state;

#[component]
pub fn SharedBanner() -> impl IntoView {
    let state = use_app_state();
    let shared = state.canvases.shared_view;
    move || {
        shared.get().map(|source| {
            view! {
                <div class="shared-banner" role="region" aria-label="Shared canvas" data-testid="shared-banner">
                    <p class="shared-banner__text">
                        <strong>"Read-only: "</strong>
                        {format!("this canvas was opened from {source}. Changes are not possible until you edit a copy.")}
                    </p>
                    <CommandButton command=Command::PresentShared primary=true />
                    <CommandButton command=Command::EditCopy />
                    <CommandButton command=Command::LeaveShared />
                </div>
            }
        })
    }
}
