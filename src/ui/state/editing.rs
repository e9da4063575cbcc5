//! Changing the document: every change through `apply` (one named operation of the
//! core, one undo step), undo and redo, and the changes the map asks for by name (move,
//! link, delete, tidy up).

use super::*;
use crate::session::edit;

impl AppState {
    /// Runs `operation` on the alignment graph of the open canvas; on success
    /// the result becomes the canvas and one undo step named `label`. On a
    /// refusal nothing changes and the error is returned.
    pub fn apply<T>(
        &self,
        label: &str,
        operation: impl FnOnce(&mut AlignmentGraph) -> Result<T, RuleError>,
    ) -> Result<T, Refusal> {
        let before = self.editable()?;
        let (document, result) = self
            .history
            .try_update_value(|history| edit::change(history, before, label, operation))
            // Only once the app is gone: nothing can be changed then.
            .ok_or(Refusal::ReadOnly)?
            .map_err(Refusal::Rule)?;
        self.changed(document);
        Ok(result)
    }

    /// The open document, when it may be changed (a shared canvas is read-only).
    fn editable(&self) -> Result<Document, Refusal> {
        if self.canvases.shared_view.with_untracked(Option::is_some) {
            return Err(Refusal::ReadOnly);
        }
        Ok(self.document.get_untracked())
    }

    /// Shows `document`, changed by a step already recorded.
    fn changed(&self, document: Document) {
        self.history_revision.update(|r| *r += 1);
        self.document.set(document);
        self.keep_focus_valid();
        self.notices.acted();
    }

    /// Like [`apply`](Self::apply), telling the person about a refusal.
    pub fn apply_or_notify<T>(
        &self,
        label: &str,
        operation: impl FnOnce(&mut AlignmentGraph) -> Result<T, RuleError>,
    ) -> Option<T> {
        match self.apply(label, operation) {
            Ok(value) => Some(value),
            Err(refusal) => {
                self.notices.refusal(&refusal);
                None
            }
        }
    }

    pub fn undo(&self) {
        let current = self.document.get_untracked();
        if let Some((previous, label)) =
            self.history.try_update_value(|h| h.undo(current)).flatten()
        {
            self.history_revision.update(|r| *r += 1);
            self.document.set(previous);
            self.keep_selection_valid();
            self.keep_focus_valid();
            self.notices.status(format!("Undone: {label}."));
        }
    }

    pub fn redo(&self) {
        let current = self.document.get_untracked();
        if let Some((next, label)) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.history_revision.update(|r| *r += 1);
            self.document.set(next);
            self.keep_selection_valid();
            self.keep_focus_valid();
            self.notices.status(format!("Redone: {label}."));
        }
    }

    /// Moves a card to (`x`, `y`) in world units.
    pub fn move_card(&self, id: &str, x: f64, y: f64) {
        let position = crate::domain::model::Position { x, y };
        self.apply_or_notify("Move card", |g| {
            g.set_position(id, position).map_err(RuleError::from)
        });
    }

    /// Moves the cards `ids` together by `offset` (world units), one undo step.
    pub fn move_cards(&self, ids: &[String], offset: (f64, f64)) {
        let moved: Vec<(String, crate::domain::model::Position)> = self.scene.with_untracked(|s| {
            ids.iter()
                .filter_map(|id| {
                    let rect = s.card(id)?.rect;
                    Some((
                        id.clone(),
                        crate::domain::model::Position {
                            x: rect.x + offset.0,
                            y: rect.y + offset.1,
                        },
                    ))
                })
                .collect()
        });
        let label = format!("Move {} cards", moved.len());
        self.apply_or_notify(&label, |g| {
            for (id, position) in moved {
                g.set_position(&id, position)?;
            }
            Ok(())
        });
    }

    /// Makes the pending link with `kind`; a second hard parent is offered
    /// as a move of the hard link instead.
    pub fn choose_link(&self, kind: LinkKind) {
        let Some(PendingLink { from, to }) = self.pending_link.get_untracked() else {
            return;
        };
        self.pending_link.set(None);
        self.link(&from, &to, kind);
    }

    /// Links `from` to `to` with `kind`, announcing the result.
    pub fn link(&self, from: &str, to: &str, kind: LinkKind) {
        let label = format!("Link ({})", kind.name());
        match self.apply(&label, |g| g.link(from, to, kind).map_err(RuleError::from)) {
            Ok(()) => {
                let (from_title, to_title) = self.titles_of(from, to);
                self.notices.status(format!(
                    "Linked “{from_title}” → “{to_title}” ({}).",
                    kind.name()
                ));
            }
            Err(Refusal::Rule(RuleError::Link(error @ LinkError::SecondHardParent { .. }))) => {
                self.notices.push(
                    NoticeKind::Error,
                    error.to_string(),
                    Vec::new(),
                    Some(NoticeAction::MoveHardLink {
                        from: from.to_string(),
                        to: to.to_string(),
                    }),
                );
            }
            Err(refusal) => self.notices.refusal(&refusal),
        }
    }

    /// Moves `from`'s hard link to `to`.
    pub fn move_hard_link(&self, from: &str, to: &str) {
        if self
            .apply_or_notify("Move hard link", |g| {
                g.move_hard_link(from, to).map_err(RuleError::from)
            })
            .is_some()
        {
            let (from_title, to_title) = self.titles_of(from, to);
            self.notices.status(format!(
                "Moved the hard link of “{from_title}” to “{to_title}”."
            ));
        }
    }

    /// Removes what is selected: an objective (its links go with it; the
    /// objectives under it become unaligned, and the person is told which) or
    /// a link.
    /// Renames the objective `id`, as typed on its card: one undo step; an
    /// empty or unchanged title changes nothing.
    pub fn rename_objective(&self, id: &str, title: &str) {
        let title = title.trim().to_owned();
        let unchanged = self.with_document_untracked(|doc| {
            doc.objectives
                .iter()
                .any(|o| o.id == id && o.title == title)
        });
        if title.is_empty() || unchanged {
            return;
        }
        self.apply_or_notify("Edit title", |g| {
            g.update_objective(id, |o| o.title = title)
                .map_err(RuleError::from)
        });
    }

    pub fn delete_selection(&self) {
        match self.selection.get_untracked() {
            Selection::Nothing => {}
            Selection::Objective(id) => self.delete_objectives(&[id]),
            Selection::Cards(ids) => self.delete_objectives(&ids),
            Selection::Link { from, to } => {
                if self
                    .apply_or_notify("Remove link", |g| {
                        g.unlink(&from, &to).map_err(RuleError::from)
                    })
                    .is_some()
                {
                    self.selection.set(Selection::Nothing);
                    let (from_title, to_title) = self.titles_of(&from, &to);
                    self.notices
                        .status(format!("Removed the link “{from_title}” → “{to_title}”."));
                }
            }
        }
    }

    /// Deletes the objectives `ids` in one undo step; the objectives left
    /// without their hard parent are flagged to re-align and named.
    fn delete_objectives(&self, ids: &[String]) {
        let (label, done) = match ids {
            [id] => (
                "Delete objective".to_string(),
                format!("Deleted “{}”.", self.title_of(id)),
            ),
            _ => (
                format!("Delete {} objectives", ids.len()),
                format!("Deleted {} objectives. Ctrl+Z brings them back.", ids.len()),
            ),
        };
        let Some(unaligned) = self.apply_or_notify(&label, |g| {
            let mut unaligned = Vec::new();
            for id in ids {
                unaligned.extend(g.remove_objective(id).map_err(RuleError::from)?.unaligned);
            }
            // Cards deleted together need no re-aligning among themselves.
            unaligned.retain(|id| !ids.contains(id));
            for id in &unaligned {
                g.update_objective(id, |o| o.realign = true)?;
            }
            Ok(unaligned)
        }) else {
            return;
        };
        self.selection.set(Selection::Nothing);
        let details: Vec<String> = unaligned
            .iter()
            .map(|id| format!("“{}” is now unaligned; re-align it.", self.title_of(id)))
            .collect();
        let kind = if details.is_empty() {
            NoticeKind::Status
        } else {
            NoticeKind::Error
        };
        self.notices.push(kind, done, details, None);
    }

    /// Re-lays the whole map with the automatic layout (one undo step).
    pub fn tidy_up(&self) {
        let (width, height) = self.viewport.size.get_untracked();
        let aspect_ratio = if width > 0.0 && height > 0.0 {
            Some(width / height)
        } else {
            crate::browser::window::map_aspect_ratio()
        };
        let positions = self.document.with_untracked(|doc| {
            layout_document(
                doc,
                &objective_card_size,
                &layout_options(aspect_ratio),
                LayoutMode::TidyAll,
            )
        });
        if self
            .apply_or_notify("Tidy up", |g| {
                for (id, position) in positions {
                    g.set_position(&id, position)?;
                }
                Ok(())
            })
            .is_some()
        {
            self.viewport.fit_view();
            self.notices.status("Tidied up the map.");
        }
    }
}
