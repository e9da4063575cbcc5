//! The bar over a canvas opened from a share link or a hosted file: it says
//! the canvas is someone else's and read-only, and offers the ways on —
//! present it (the usual reason a CEO's link is opened), edit a copy of it,
//! or go back to one's own canvas.

use leptos::prelude::*;

use super::commands::present;
use super::state::use_app_state;

#[component]
pub fn SharedBanner() -> impl IntoView {
    let state = use_app_state();
    let shared = state.shared_view;
    move || {
        shared.get().map(|source| {
            view! {
                <div class="shared-banner" role="region" aria-label="Shared canvas" data-testid="shared-banner">
                    <p class="shared-banner__text">
                        <strong>"Read-only: "</strong>
                        {format!("this canvas was opened from {source}. Changes are not possible until you edit a copy.")}
                    </p>
                    <button
                        type="button"
                        class="toolbar__button toolbar__button--primary"
                        data-testid="present-shared"
                        title="Present this canvas as slides, full screen (P)"
                        on:click=move |_| present(state)
                    >
                        "Present"
                    </button>
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="edit-copy"
                        on:click=move |_| state.edit_shared_copy()
                    >
                        "Edit a copy"
                    </button>
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="leave-shared"
                        on:click=move |_| state.leave_shared_view()
                    >
                        "Back to my canvas"
                    </button>
                </div>
            }
        })
    }
}
