//! Copy, Cut, Paste and Duplicate of the selected card: the copy is kept in
//! this tab (until the window loses focus, so that a canvas copied in
//! another program pastes as itself), and the copies go in beside their
//! originals, never on another card, in one undo step with their key
//! results and the links among them.

use leptos::prelude::*;

use super::AppState;
use crate::domain::copies::Clip;
use crate::domain::model::Position;
use crate::domain::placement::spot_for_new_card;
use crate::map::scene::objective_card_size;

impl AppState {
    /// The selected card as a copy, if a card is selected.
    fn clip_of_selection(&self) -> Option<Clip> {
        let id = self.selected_objective_untracked()?;
        self.with_document_untracked(|doc| Clip::of(doc, &[id]))
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
        let title = clip.objectives[0].title.clone();
        self.clip.set_value(Some(clip));
        self.notices
            .status(format!("Copied “{title}”. Ctrl+V pastes it."));
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
        let (copies, links) = clip.fresh_for(&working);
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
        let Some(first) = placed.first().map(|(c, _)| (c.id.clone(), c.title.clone())) else {
            return;
        };
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
            let (id, title) = first;
            self.select_and_reveal(&id);
            self.notices.status(format!("{done} “{title}”."));
        }
    }
}
