//! A returned file merged into the open canvas: each export stamps the
//! canvas's identity and a new revision and keeps that version here (the
//! ancestor a returned file is compared with); a file given to "Merge a
//! file…" is read, compared three-way when its version is kept here (else
//! two-way), and reviewed in the merge dialog before one undo step applies
//! the chosen changes.

use leptos::prelude::*;

use super::canvases::{read_canvas, read_stored};
use super::AppState;
use crate::browser::storage::Local;
use crate::domain::graph::AlignmentGraph;
use crate::domain::import::{import, Imported};
use crate::domain::merge::{apply, plan, summary, Change, Merge, Refused};
use crate::domain::model::{Document, Identity};
use crate::session::sent;
use crate::session::store;
use crate::ui::lazy::{part, Unavailable};

/// A file waiting for the person's review.
#[derive(Clone, Debug)]
pub struct MergeReview {
    pub file_name: String,
    pub file: Document,
    pub merge: Merge,
    /// Why the merge is two-way, when it is.
    pub two_way_because: Option<String>,
    pub source: Source,
}

/// Where the version under review comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file given to "Merge a file…".
    Chosen,
    /// A file opened: it may still open as a new canvas instead. `back_to`
    /// is the canvas that was open before the one it is a version of was
    /// opened for the merge, to return to on Cancel.
    Opened {
        file: Box<Imported>,
        back_to: Option<String>,
    },
    /// The version another tab stored as `revision` while this tab changed
    /// the canvas too.
    OtherTab { revision: u64 },
}

impl MergeReview {
    /// Whether the version under review is another tab's.
    pub fn from_other_tab(&self) -> bool {
        matches!(self.source, Source::OtherTab { .. })
    }

    /// Whether it was opened rather than chosen to merge.
    pub fn opened(&self) -> bool {
        matches!(self.source, Source::Opened { .. })
    }
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
    pub async fn review_merge(&self, file_name: &str, bytes: &[u8]) {
        match import(bytes) {
            Ok(imported) => {
                if self
                    .review_document(file_name, imported, false)
                    .await
                    .is_some()
                {
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
    /// review opens and the file comes back. When the comparison cannot be
    /// fetched, that is said and nothing changes.
    pub(super) async fn review_document(
        &self,
        file_name: &str,
        imported: Imported,
        opened: bool,
    ) -> Option<Imported> {
        let same_canvas = imported
            .document
            .identity
            .as_ref()
            .is_some_and(|theirs| self.is_open_canvas(theirs));
        let canvas_id = self.canvases.canvas_id.get_untracked();
        // Compared with the canvas as it is once the comparison is here: the
        // first time, it is fetched, and the person may edit meanwhile.
        let (merge, two_way_because) = loop {
            let canvas = self.document.with_untracked(Clone::clone);
            let Ok(compared) =
                compare(canvas.clone(), same_canvas, imported.document.clone()).await
            else {
                self.notices.part_unavailable();
                return None;
            };
            if self.canvases.canvas_id.get_untracked() != canvas_id {
                self.notices.error(format!(
                    "{file_name} was not compared: another canvas was opened meanwhile. Open \
                     the file again."
                ));
                return None;
            }
            if self.document.with_untracked(|now| *now == canvas) {
                break compared;
            }
        };
        if merge.changes.is_empty() {
            return Some(imported);
        }
        self.show_review(review_of(
            file_name,
            imported,
            merge,
            two_way_because,
            opened.then_some(None),
        ));
        None
    }

    /// A kept canvas other than the open one that `file` is a version of.
    pub(super) fn kept_canvas_of(&self, file: &Document) -> Option<String> {
        let theirs = file.identity.as_ref()?;
        (theirs.id != self.canvases.canvas_id.get_untracked()
            && self.canvases.shared_view.with_untracked(Option::is_none))
        .then_some(())?;
        self.canvases
            .library
            .with_untracked(|l| l.entry(&theirs.id).map(|e| e.id.clone()))
    }

    /// Opens the review of a file that is a version of the kept canvas `id`
    /// (not the open one): that canvas is opened behind the review, and
    /// Cancel returns to the one that was open. Gives the file back when it
    /// brings nothing new or that canvas cannot be opened.
    pub(super) async fn review_for_kept_canvas(
        &self,
        id: &str,
        file_name: &str,
        imported: Imported,
    ) -> Option<Imported> {
        let Ok(Some((keeper, kept))) = read_canvas(id) else {
            return Some(imported);
        };
        let Ok((merge, two_way_because)) =
            compare(kept.clone(), true, imported.document.clone()).await
        else {
            self.notices.part_unavailable();
            return None;
        };
        // The comparison is fetched the first time: a canvas switched to and
        // saved again meanwhile is compared as it is now.
        let stored = store::stored_revision(&Local, id);
        let still_as_read = matches!(stored, Ok(Some(revision)) if Some(revision) == keeper.base);
        if !still_as_read {
            return Box::pin(self.review_for_kept_canvas(id, file_name, imported)).await;
        }
        if merge.changes.is_empty() || !self.may_leave_open_canvas() {
            return Some(imported);
        }
        let back_to = self.canvases.canvas_id.get_untracked();
        self.show_stored(id, keeper, kept);
        self.show_review(review_of(
            file_name,
            imported,
            merge,
            two_way_because,
            Some(Some(back_to)),
        ));
        None
    }

    fn show_review(&self, review: MergeReview) {
        self.merging.set(Some(review));
        self.merge_dialog_open.set(true);
    }

    /// The two tabs' conflict settled by merging: the other tab's version is
    /// reviewed against this tab's, three-way when this tab still knows the
    /// version both started from. Apply keeps the merged canvas over the
    /// other tab's version.
    pub fn merge_stored_version(&self) {
        let Some((record, Ok(theirs))) = self.stored_version() else {
            self.notices.error(
                "The other tab's version cannot be read here, so it cannot be merged. Keep one \
                 of the two, or export this tab's version first.",
            );
            return;
        };
        let ancestor = self
            .canvases
            .keeper
            .with_value(|k| k.last_read().and_then(|text| read_stored(text).ok()));
        let two_way_because = ancestor
            .is_none()
            .then(|| "This tab no longer knows the version both tabs started from.".to_string());
        let merge = self
            .document
            .with_untracked(|canvas| plan(ancestor.as_ref(), canvas, &theirs));
        if merge.changes.is_empty() {
            self.keep_this_version();
            return;
        }
        self.show_review(MergeReview {
            file_name: "the other tab's version".to_string(),
            file: theirs,
            merge,
            two_way_because,
            source: Source::OtherTab {
                revision: record.revision,
            },
        });
    }

    /// Closes the review without a change; a canvas opened for it gives way
    /// to the one that was open before.
    pub fn cancel_merge(&self) {
        let review = self.merging.get_untracked();
        self.merging.set(None);
        self.merge_dialog_open.set(false);
        if let Some(MergeReview {
            source: Source::Opened {
                back_to: Some(id), ..
            },
            ..
        }) = review
        {
            self.open_stored(&id);
        }
    }

    /// The file under review opened as a new canvas after all.
    pub fn open_reviewed_file_instead(&self) {
        let Some(review) = self.merging.get_untracked() else {
            return;
        };
        self.merging.set(None);
        self.merge_dialog_open.set(false);
        if let Source::Opened { file, .. } = review.source {
            self.open_as_new_file(&review.file_name, *file);
        }
    }

    /// Applies the reviewed merge with the file's side where `take` says so,
    /// as one undo step. A refusal comes back in words and changes nothing.
    pub fn apply_merge(&self, take: &dyn Fn(usize, &Change) -> bool) -> Result<(), String> {
        let Some(review) = self.merging.get_untracked() else {
            return Ok(());
        };
        if let Source::OtherTab { revision } = review.source {
            if self.stored_revision() != Some(revision) {
                return Err(
                    "The other tab saved the canvas again meanwhile. Cancel, and merge \
                            its newest version."
                        .to_string(),
                );
            }
        }
        let merged = self
            .document
            .with_untracked(|canvas| apply(canvas, &review.merge, take))
            .map_err(|Refused(broken)| broken.join(" "))?;
        let merged = super::with_every_card_placed(merged);
        let taken: Vec<&Change> = review
            .merge
            .changes
            .iter()
            .enumerate()
            .filter(|(i, c)| take(*i, c))
            .map(|(_, c)| c)
            .collect();
        let label = format!("Merge {}", review.file_name);
        self.apply(&label, |g| {
            *g = AlignmentGraph::from_owned_document(merged)
                .map_err(crate::session::edit::first_rule)?;
            Ok(())
        })
        .map_err(|refusal| refusal.to_string())?;
        if review.from_other_tab() {
            // The merged canvas is written over the other tab's version.
            self.canvases.keeper.update_value(|k| k.keep_mine(&Local));
            self.save_now();
        }
        let what = summary(taken.iter().copied());
        let what = if what.is_empty() {
            String::new()
        } else {
            format!(" ({what})")
        };
        let ours = if review.from_other_tab() {
            "this tab"
        } else {
            "the canvas"
        };
        let left = match review.merge.changes.len() - taken.len() {
            0 => String::new(),
            1 => format!(", 1 left as {ours} had it"),
            n => format!(", {n} left as {ours} had them"),
        };
        self.notices.status(format!(
            "Merged {}: {} change{} taken{what}{left}. Ctrl+Z undoes the merge.",
            review.file_name,
            taken.len(),
            if taken.len() == 1 { "" } else { "s" },
        ));
        self.merging.set(None);
        self.merge_dialog_open.set(false);
        Ok(())
    }
}

/// The merge of `file` into `canvas`: three-way when `same_canvas` (the file
/// is a version of `canvas`) and the version it was made from is kept here,
/// else two-way, with why.
async fn compare(
    canvas: Document,
    same_canvas: bool,
    file: Document,
) -> Result<(Merge, Option<String>), Unavailable> {
    let (ancestor, two_way_because) = match &file.identity {
        None => (
            None,
            Some("The file does not say which version of a canvas it came from.".to_string()),
        ),
        Some(theirs) if same_canvas => {
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
    Ok((planned(ancestor, canvas, file).await?, two_way_because))
}

part!(
    merge_plan,
    /// The comparison itself, fetched the first time a file is compared
    /// with a canvas.
    fn planned(ancestor: Option<Document>, canvas: Document, file: Document) -> Merge {
        plan(ancestor.as_ref(), &canvas, &file)
    }
);

/// The review of `imported`; `opened` (with the canvas to return to on
/// Cancel, if one was left for it) when the file was opened rather than
/// chosen to merge.
fn review_of(
    file_name: &str,
    imported: Imported,
    merge: Merge,
    two_way_because: Option<String>,
    opened: Option<Option<String>>,
) -> MergeReview {
    // The file once, and the whole of it only while it may still open.
    let (file, source) = match opened {
        Some(back_to) => (
            imported.document.clone(),
            Source::Opened {
                file: Box::new(imported),
                back_to,
            },
        ),
        None => (imported.document, Source::Chosen),
    };
    MergeReview {
        file_name: file_name.to_string(),
        file,
        merge,
        two_way_because,
        source,
    }
}
