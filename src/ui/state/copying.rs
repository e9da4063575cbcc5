//! Copy, Cut, Paste and Duplicate of the selected card: the copy is kept in
//! this tab (until the window loses focus, so that a canvas copied in
//! another program pastes as itself), and the copies go in beside their
//! originals, never on another card, in one undo step with their key
//! results and the links among them.

use leptos::prelude::*;

use super::{AppState, Selection};
use crate::browser::mark::marked;
use crate::domain::copies::Clip;
use crate::domain::model::Position;
use crate::domain::placement::spot_for_new_card;
use crate::map::scene::objective_card_size;

impl AppState {
    /// The selected cards as a copy, if a card is selected.
    fn clip_of_selection(&self) -> Option<Clip> {
        let ids = self.selection.with_untracked(Selection::objective_ids);
        self.with_document_untracked(|doc| Clip::of(doc, &ids))
    }

    /// Whether a copy waits to be pasted.
    pub fn has_clip(&self) -> bool {
        self.clip.with_value(Option::is_some)
    }

    /// Forgets the copy (the window lost focus).
    pub fn forget_clip(&self) {
        self.clip.set_value(None);
    }

    /// Keeps the selected card for Paste, saying so.
    pub fn copy_selection(&self) -> bool {
        let Some(clip) = self.clip_of_selection() else {
            return false;
        };
        let what = cards_named(&clip);
        self.clip.set_value(Some(clip));
        self.notices
            .status(format!("Copied {what}. Ctrl+V pastes it."));
        true
    }

    /// Copies the selected card and deletes it.
    pub fn cut_selection(&self) {
        if self.copy_selection() {
            self.delete_selection();
        }
    }

    /// Adds the copied cards again, beside their originals.
    pub fn paste(&self) {
        if let Some(clip) = self.clip.get_value() {
            self.add_copies(&clip, "Paste", "Pasted");
        }
    }

    /// Adds a copy of the selected card beside it.
    pub fn duplicate_selection(&self) {
        if let Some(clip) = self.clip_of_selection() {
            self.add_copies(&clip, "Duplicate", "Duplicated");
        }
    }

    fn add_copies(&self, clip: &Clip, label: &str, done: &str) {
        let mut working = self.document.get_untracked();
        let (copies, links) = clip.fresh_for(&working, &marked("o"), &marked("kr"));
        let selected = self.selected_objective_untracked();
        let (center_x, center_y) = self.viewport.view_center();
        // Each copy beside its original (or the selection), past the copies
        // placed before it.
        let mut placed = Vec::new();
        for (original, copy) in copies {
            let (width, height) = objective_card_size(&copy);
            let near = Some(original)
                .filter(|id| working.layout.contains_key(id))
                .or_else(|| selected.clone());
            let fallback = Position {
                x: center_x - width / 2.0,
                y: center_y - height / 2.0,
            };
            let spot = spot_for_new_card(
                &working,
                &objective_card_size,
                &copy,
                near.as_deref(),
                fallback,
            );
            working.objectives.push(copy.clone());
            working.layout.insert(copy.id.clone(), spot);
            placed.push((copy, spot));
        }
        if placed.is_empty() {
            return;
        }
        let ids: Vec<String> = placed.iter().map(|(c, _)| c.id.clone()).collect();
        let what = cards_named(clip);
        let added = self.apply_or_notify(label, |g| {
            for (copy, spot) in placed {
                let id = copy.id.clone();
                g.add_objective(copy)?;
                g.set_position(&id, spot)?;
            }
            for link in links {
                g.link_with_note(&link.from, &link.to, link.kind, link.note)?;
            }
            Ok(())
        });
        if added.is_some() {
            // The copies are selected, to be moved on together.
            self.select_and_reveal(&ids[0]);
            self.selection.set(Selection::of_cards(ids));
            self.notices.status(format!("{done} {what}."));
        }
    }
}

/// “Title” for one card, “Title” and 2 more for several.
fn cards_named(clip: &Clip) -> String {
    let first = clip.objectives.first().map_or("", |o| o.title.as_str());
    match clip.objectives.len() {
        0 | 1 => format!("“{first}”"),
        2 => format!("“{first}” and 1 more card"),
        n => format!("“{first}” and {} more cards", n - 1),
    }
}
