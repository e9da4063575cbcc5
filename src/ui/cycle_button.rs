//! The header's cycle: the period this canvas plans, as a button that opens
//! the cycle's dialogs (edit the cycle, then, from there, start the next
//! one). A canvas without a cycle offers to set one. A shared canvas is
//! read-only, so there the label is only shown.

use leptos::html::Button;
use leptos::prelude::*;

use super::cycle_dialog::{CycleDialog, CycleStep};
use super::lazy::part;
use super::loaded::when_loaded;
use super::next_cycle_dialog::NextCycleDialog;
use super::state::use_app_state;
use crate::domain::model::Cycle;

#[component]
pub fn CycleButton() -> impl IntoView {
    let state = use_app_state();
    let label = state.cycle_label();
    let step = RwSignal::new(None::<CycleStep>);
    let button = NodeRef::<Button>::new();
    let read_only = move || state.canvases.shared_view.with(Option::is_some);

    // A canvas opened read-only while a dialog is open closes it.
    Effect::new(move |_| {
        if read_only() {
            step.set(None);
        }
    });

    // Back to the button, so the keyboard carries on where it was.
    let close = Callback::new(move |()| {
        step.set(None);
        if let Some(button) = button.get_untracked() {
            _ = button.focus();
        }
    });

    let shown_label = move || {
        read_only()
            .then(|| label.get())
            .flatten()
            .map(|label| view! { <span class="app-header__cycle">{label}</span> })
    };
    let button_view = move || {
        (!read_only()).then(|| {
            view! {
                <button
                    type="button"
                    class="app-header__cycle cycle-button"
                    data-testid="cycle-button"
                    title="The OKR cycle: its label and dates, and starting the next cycle"
                    aria-haspopup="dialog"
                    node_ref=button
                    on:click=move |_| step.set(Some(CycleStep::Edit))
                >
                    {move || label.get().unwrap_or_else(|| "Set cycle".to_string())}
                </button>
            }
        })
    };
    let dismiss = move || step.set(None);
    let edit_dialog = move || {
        matches!(step.get(), Some(CycleStep::Edit))
            .then(|| when_loaded(state, cycle_dialog(step, close), dismiss))
    };
    let next_dialog = move || match step.get() {
        Some(CycleStep::Next { closing }) => Some(when_loaded(
            state,
            next_cycle_dialog(closing, step, close),
            dismiss,
        )),
        _ => None,
    };

    view! {
        {shown_label}
        {button_view}
        {edit_dialog}
        {next_dialog}
    }
}

part!(
    cycles,
    /// The cycle dialog, fetched the first time it opens.
    fn cycle_dialog(step: RwSignal<Option<CycleStep>>, close: Callback<()>) {
        Ok(view! { <CycleDialog step=step on_close=close /> }.into_any())
    }
);

part!(
    cycles,
    /// The next cycle's dialog, fetched with the cycle dialog.
    fn next_cycle_dialog(closing: Cycle, step: RwSignal<Option<CycleStep>>, close: Callback<()>) {
        Ok(view! { <NextCycleDialog closing=closing step=step on_close=close /> }.into_any())
    }
);
