//! Editing the document from fields: the buffer every editor of the
//! inspector and the check-in form commits through (one named operation, one
//! undo step; a refusal shown and the fields read again), and the small
//! helpers they share: finding what is edited, showing a number in a field,
//! and focusing a field that is about to appear.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::AppState;
use crate::domain::graph::{AlignmentGraph, RuleError};
use crate::domain::model::{Document, KeyResult, Objective};

/// How many frames to wait for a field that is about to appear: about 1.5 s,
/// long enough for the inspector's editors to arrive the first time they are
/// fetched (`ui/lazy.rs`), short enough not to take focus from what the
/// person has gone on to do.
const FOCUS_FRAMES: u8 = 90;

/// Commits edits, and makes every field read the document again after a
/// refusal (the browser keeps what was typed unless told otherwise).
#[derive(Clone, Copy)]
pub(super) struct Edits {
    pub(super) state: AppState,
    pub(super) refresh: Trigger,
}

impl Edits {
    /// Runs `operation` as one undo step named `label`; on refusal the notice
    /// says why and the fields snap back.
    pub(super) fn commit(
        self,
        label: &str,
        operation: impl FnOnce(&mut AlignmentGraph) -> Result<(), RuleError>,
    ) -> bool {
        let done = self.state.apply_or_notify(label, operation).is_some();
        if !done {
            self.refresh.notify();
        }
        done
    }

    /// Refuses an edit before it reaches the core (a value that is not even
    /// a number, say).
    pub(super) fn refuse(self, message: String) {
        self.state.notices.error(message);
        self.refresh.notify();
    }

    /// Edits the objective `id`. An edit that changes nothing records no undo
    /// step, but still tidies the field (a title typed with extra spaces).
    pub(super) fn objective(self, id: &str, label: &str, edit: impl FnOnce(&mut Objective)) {
        let Some(current) = self
            .state
            .with_document_untracked(|doc| find_objective(doc, id).cloned())
        else {
            return;
        };
        let mut edited = current.clone();
        edit(&mut edited);
        if edited == current {
            self.refresh.notify();
            return;
        }
        self.commit(label, |g| {
            g.update_objective(id, |o| *o = edited)
                .map_err(RuleError::from)
        });
    }

    /// Edits the key result `id`, like [`Edits::objective`].
    pub(super) fn key_result(self, id: &str, label: &str, edit: impl FnOnce(&mut KeyResult)) {
        let Some(current) = self
            .state
            .with_document_untracked(|doc| find_key_result(doc, id).map(|(_, kr)| kr.clone()))
        else {
            return;
        };
        let mut edited = current.clone();
        edit(&mut edited);
        if edited == current {
            self.refresh.notify();
            return;
        }
        self.replace_key_result(id, label, edited);
    }

    /// Replaces the key result `id` with `edited` as one undo step named
    /// `label`. Not generic, so that every edit of a key result shares one
    /// copy of the commit in the bundle.
    pub(super) fn replace_key_result(self, id: &str, label: &str, edited: KeyResult) -> bool {
        self.commit(label, |g| {
            g.update_key_result(id, |kr| *kr = edited)
                .map_err(RuleError::from)
        })
    }
}

/// The objective `id`.
pub(super) fn find_objective<'a>(doc: &'a Document, id: &str) -> Option<&'a Objective> {
    doc.objectives.iter().find(|o| o.id == id)
}

/// The key result `id` and the objective that owns it.
pub(super) fn find_key_result<'a>(
    doc: &'a Document,
    id: &str,
) -> Option<(&'a Objective, &'a KeyResult)> {
    doc.objectives.iter().find_map(|o| {
        o.key_results
            .iter()
            .find(|kr| kr.id == id)
            .map(|kr| (o, kr))
    })
}

/// How a number is shown in a field: as short as it reads back exactly.
pub(super) fn format_number(value: f64) -> String {
    value.to_string()
}

/// Focuses the element matching `selector` once it is on the page (it may be
/// rendered a frame or two after the change that called for it), selecting
/// an input's text when `select_text` is set.
pub(super) fn focus_when_shown(selector: String, select_text: bool) {
    focus_within_frames(selector, select_text, FOCUS_FRAMES);
}

fn focus_within_frames(selector: String, select_text: bool, frames_left: u8) {
    request_animation_frame(move || match crate::browser::dom::find(&selector) {
        Some(element) => {
            let _ = element.focus();
            if select_text {
                if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.select();
                }
            }
        }
        None if frames_left > 0 => focus_within_frames(selector, select_text, frames_left - 1),
        None => {}
    });
}
