//! A returned file merged into the open canvas: each export stamps the
//! canvas's identity and a new revision and keeps that version here (the
//! ancestor a returned file is compared with); a file given to "Merge a
//! file…" is read, compared three-way when its version is kept here (else
//! two-way), and reviewed in the merge dialog before one undo step applies
//! the chosen changes.

use leptos::prelude::*;

use super::AppState;
use crate::browser::storage::Local;
use crate::domain::graph::AlignmentGraph;
use crate::domain::import::{import, Imported};
use crate::domain::merge::{apply, plan, Change, Merge, Refused};
use crate::domain::model::{Document, Identity};
use crate::session::sent;

/// A file waiting for the person's review.
#[derive(Clone, Debug)]
pub struct MergeReview {
    pub file_name: String,
    pub file: Document,
    pub merge: Merge,
    /// Why the merge is two-way, when it is.
    pub two_way_because: Option<String>,
    /// The file as it was opened, when it was opened (not chosen to merge):
    /// it may still be opened as a new canvas instead.
    pub open_instead: Option<Imported>,
}

impl AppState {
    /// The identity the next export carries, and whether it is a new
    /// version of a canvas of this browser. A canvas made here is exported
    /// as its next revision under the id it is stored under. A canvas opened
    /// from someone else's file keeps the identity it came with, so that what
    /// goes back names the version it started from.
    pub(super) fn next_identity(&self) -> (Identity, bool) {
        let known = self.document.with_untracked(|d| d.identity.clone());
        let id = self.canvases.canvas_id.get_untracked();
        match known {
            Some(known) if known.id != id => (known, false),
            known => {
                let revision = sent::next_revision(&Local, &id, known.map_or(0, |i| i.revision));
                (Identity { id, revision }, true)
            }
        }
    }

    /// After an export of `text` as `identity`: the version is kept for the
    /// merge of what comes back, and the canvas remembers its identity (not
    /// an undo step: it says which file was sent, not what the canvas says).
    pub(super) fn sent_as(&self, identity: Identity, title: &str, text: &str) {
        if let Err(error) = sent::keep(&mut Local, &identity.id, identity.revision, title, text) {
            self.notices.error(format!(
                "The file was exported, but this browser could not keep a copy of it ({error}). \
                 When it comes back, every difference will be yours to choose."
            ));
        }
        self.document.update(|d| d.identity = Some(identity));
    }

    /// Reads a returned file and opens its review.
    pub fn review_merge(&self, file_name: &str, bytes: &[u8]) {
        match import(bytes) {
            Ok(imported) => {
                if self.review_document(file_name, imported, false).is_some() {
                    self.notices.status(format!(
                        "{file_name} brings nothing new: everything in it is on the canvas already."
                    ));
                }
            }
            Err(failure) => self.notices.refused_file(file_name, &failure),
        }
    }

    /// Whether `file` is a version of the open canvas: exported from it, or
    /// from the canvas it was itself opened from.
    pub(super) fn is_version_of_open_canvas(&self, file: &Document) -> bool {
        self.canvases.shared_view.with_untracked(Option::is_none)
            && file
                .identity
                .as_ref()
                .is_some_and(|theirs| self.is_open_canvas(theirs))
    }

    /// Whether `identity` names the open canvas.
    fn is_open_canvas(&self, identity: &Identity) -> bool {
        identity.id == self.canvases.canvas_id.get_untracked()
            || self
                .document
                .with_untracked(|d| d.identity.as_ref().is_some_and(|own| own.id == identity.id))
    }

    /// Opens the review of `imported` against the open canvas; `opened` when
    /// the person opened the file rather than chose to merge it, so opening it
    /// as a new canvas stays offered. When the file brings nothing new, no
    /// review opens and the file comes back.
    pub(super) fn review_document(
        &self,
        file_name: &str,
        imported: Imported,
        opened: bool,
    ) -> Option<Imported> {
        let (ancestor, two_way_because) = match &imported.document.identity {
            None => (
                None,
                Some("The file does not say which version of a canvas it came from.".to_string()),
            ),
            Some(theirs) if self.is_open_canvas(theirs) => {
                match sent::version(&Local, &theirs.id, theirs.revision)
                    .and_then(|text| import(text.as_bytes()).ok())
                {
                    Some(ancestor) => (Some(ancestor.document), None),
                    None => (
                        None,
                        Some(format!(
                            "Version {} of this canvas, which the file was made from, is no \
                             longer kept in this browser (the {} newest are).",
                            theirs.revision,
                            sent::KEPT
                        )),
                    ),
                }
            }
            Some(_) => (
                None,
                Some("The file comes from another canvas.".to_string()),
            ),
        };
        let merge = self
            .document
            .with_untracked(|canvas| plan(ancestor.as_ref(), canvas, &imported.document));
        if merge.changes.is_empty() {
            return Some(imported);
        }
        // The file once, and the whole of it only while it may still open.
        let (file, open_instead) = if opened {
            (imported.document.clone(), Some(imported))
        } else {
            (imported.document, None)
        };
        self.merging.set(Some(MergeReview {
            file_name: file_name.to_string(),
            file,
            merge,
            two_way_because,
            open_instead,
        }));
        self.merge_dialog_open.set(true);
        None
    }

    /// The file under review opened as a new canvas after all.
    pub fn open_reviewed_file_instead(&self) {
        let Some(review) = self.merging.get_untracked() else {
            return;
        };
        self.merging.set(None);
        self.merge_dialog_open.set(false);
        if let Some(imported) = review.open_instead {
            self.open_as_new_file(&review.file_name, imported);
        }
    }

    /// Applies the reviewed merge with the file's side where `take` says so,
    /// as one undo step. A refusal comes back in words and changes nothing.
    pub fn apply_merge(&self, take: &dyn Fn(usize, &Change) -> bool) -> Result<(), String> {
        let Some(review) = self.merging.get_untracked() else {
            return Ok(());
        };
        let merged = self
            .document
            .with_untracked(|canvas| apply(canvas, &review.merge, take))
            .map_err(|Refused(broken)| broken.join(" "))?;
        let merged = super::with_every_card_placed(merged);
        let taken = review
            .merge
            .changes
            .iter()
            .enumerate()
            .filter(|(i, c)| take(*i, c))
            .count();
        let label = format!("Merge {}", review.file_name);
        self.apply(&label, |g| {
            *g = AlignmentGraph::from_owned_document(merged).map_err(super::editing::first_rule)?;
            Ok(())
        })
        .map_err(|refusal| refusal.to_string())?;
        let kept = review.merge.changes.len() - taken;
        self.notices.status(format!(
            "Merged {}: {taken} change{} taken, {kept} left as the canvas had {}. Ctrl+Z undoes the merge.",
            review.file_name,
            if taken == 1 { "" } else { "s" },
            if kept == 1 { "it" } else { "them" },
        ));
        self.merging.set(None);
        self.merge_dialog_open.set(false);
        Ok(())
    }
}
