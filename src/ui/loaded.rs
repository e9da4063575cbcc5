//! A part of the app (`ui/lazy.rs`) shown where its view belongs once it
//! has arrived, or said not to have come.

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::lazy::{Part, Unavailable};
use super::state::{AppState, DialogFlag};

/// Shows the part `load` gives once it has arrived; if it cannot be
/// fetched, says so and calls `close`, which puts away what asked for it.
pub fn when_loaded(
    state: AppState,
    load: impl Future<Output = Part> + 'static,
    close: impl FnOnce() + 'static,
) -> impl IntoView {
    Suspend::new(SendWrapper::new(async move {
        match load.await {
            Ok(view) => Some(view),
            Err(Unavailable) => {
                state.notices.part_unavailable();
                close();
                None
            }
        }
    }))
}

/// The part `load` gives, shown while the dialog `open` is; one that cannot
/// be fetched closes it.
pub fn while_open<F>(
    state: AppState,
    open: DialogFlag,
    load: impl Fn() -> F + Send + Sync + 'static,
) -> impl IntoView
where
    F: Future<Output = Part> + 'static,
{
    move || {
        open.get()
            .then(|| when_loaded(state, load(), move || open.set(false)))
    }
}
