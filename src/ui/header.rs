//! The header: what this canvas is (title, cycle) and the toolbar.

use leptos::prelude::*;

use super::cycle_button::CycleButton;
use super::state::use_app_state;
use super::toolbar::Toolbar;
use crate::session::store::SaveState;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let title = state.title();
    view! {
        <header class="app-header">
            <div class="app-header__brand">
                <svg class="app-header__logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="7" fill="#1f3a5f" />
                    <rect x="11" y="4" width="10" height="7" rx="2" fill="#f4a261" />
                    <rect x="3" y="21" width="10" height="7" rx="2" fill="#2a9d8f" />
                    <rect x="19" y="21" width="10" height="7" rx="2" fill="#2a9d8f" />
                    <path d="M16 11v5M8 21v-5h16v5" stroke="#fff" stroke-width="2" fill="none" />
                </svg>
                <span>"OKR Canvas"</span>
            </div>
            // The stored canvas shown, for tools that check what was kept.
            <h1
                class="app-header__title"
                data-testid="canvas-title"
                data-canvas-id=move || state.canvases.canvas_id.get()
                title=move || title.get()
            >
                {move || title.get()}
            </h1>
            <CycleButton />
            {move || {
                let problem = state.canvases.save_state.with(unsaved_label)?;
                let (label, why) = problem;
                Some(view! {
                    <button
                        class="app-header__unsaved"
                        type="button"
                        data-testid="save-state"
                        title=why
                        on:click=move |_| state.settle_save_state()
                    >
                        {label}
                    </button>
                })
            }}
            <Toolbar />
        </header>
    }
}

/// What the header says of a canvas storage does not hold as shown, and why.
fn unsaved_label(state: &SaveState) -> Option<(&'static str, String)> {
    match state {
        SaveState::Saved | SaveState::Unsaved => None,
        SaveState::Failed(error) => Some(("⚠ Not saved — Export…", error.to_string())),
        SaveState::Conflict => Some((
            "⚠ Not saved — changed in another tab…",
            "Another tab saved this canvas too: choose which version to keep.".to_string(),
        )),
        SaveState::Deleted => Some((
            "⚠ Not saved — deleted in another tab: keep it",
            "Another tab deleted this canvas; it is open here only.".to_string(),
        )),
    }
}
