//! The Review panel's state: whether it is open and on which tab, the card
//! whose hints it was opened at, and the quality hints of the open canvas,
//! which the cards' badges read too.
//!
//! A `Copy` handle provided by context beside `AppState`, so the cards, the
//! toolbar, the keys and the panel share it without the app state carrying a
//! panel's details. The hints are one memo of the document: every card asks
//! it for its own slice, and an edit that leaves a card's hints as they were
//! wakes nothing on that card.

use leptos::prelude::*;

use super::state::{AppState, Selection};
use crate::domain::hints::{Hint, Hints};

/// The panel's two views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewTab {
    Hints,
    Health,
}

#[derive(Clone, Copy)]
pub struct Review {
    state: AppState,
    pub open: RwSignal<bool>,
    pub tab: RwSignal<ReviewTab>,
    /// The objective whose hints the panel was opened at (from a card's
    /// badge): shown marked, scrolled to, its first hint focused.
    pub target: RwSignal<Option<String>>,
    /// Bumped each time the panel is asked to move focus into itself (from
    /// the toolbar, the key, a badge), so asking twice works twice.
    pub focus_request: RwSignal<u64>,
    pub hints: Memo<Hints>,
}

impl Review {
    fn new(state: AppState) -> Review {
        Review {
            state,
            open: RwSignal::new(false),
            tab: RwSignal::new(ReviewTab::Hints),
            target: RwSignal::new(None),
            focus_request: RwSignal::new(0),
            hints: Memo::new(move |_| state.with_document(Hints::of)),
        }
    }

    /// The hints on the objective `id`, tracked.
    pub fn hints_of(&self, id: &str) -> Vec<Hint> {
        self.hints.with(|hints| hints.of_objective(id).to_vec())
    }

    pub fn is_open(&self) -> bool {
        self.open.get_untracked()
    }

    /// Opens the panel (and moves focus into it), or closes it.
    pub fn toggle(&self) {
        if self.is_open() {
            self.close();
        } else {
            self.target.set(None);
            self.open.set(true);
            self.focus_request.update(|n| *n += 1);
        }
    }

    pub fn close(&self) {
        self.open.set(false);
        self.target.set(None);
    }

    /// Opens the panel on the hints of the objective `id`, which is selected.
    pub fn show_hints_of(&self, id: &str) {
        self.state.select(Selection::Objective(id.to_string()));
        self.tab.set(ReviewTab::Hints);
        self.target.set(Some(id.to_string()));
        self.open.set(true);
        self.focus_request.update(|n| *n += 1);
    }

    /// Focuses the map on the objective `id`: selects it, opens it in the
    /// inspector and brings it into view.
    pub fn show_card(&self, id: &str) {
        let state = self.state;
        state.select(Selection::Objective(id.to_string()));
        state.inspector_open.set(true);
        state.viewport.reveal(id);
        // The inspector may just have opened and narrowed the map; once the
        // map has been measured again (a frame later), reveal against its new
        // size.
        let id = id.to_string();
        request_animation_frame(move || {
            request_animation_frame(move || {
                if state.selection.try_get_untracked() == Some(Selection::Objective(id.clone())) {
                    state.viewport.reveal(&id);
                }
            })
        });
    }
}

/// Provides the Review handle to the component tree and returns it.
pub fn provide_review(state: AppState) -> Review {
    let review = Review::new(state);
    provide_context(review);
    review
}

/// The Review handle, where one was provided.
pub fn use_review() -> Option<Review> {
    use_context::<Review>()
}
