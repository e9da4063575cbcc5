//! The app's state: the open document with its undo history, selection,
//! focus and statuses (the editor, [`AppState`] itself), and beside it one
//! handle per job — [`Viewport`] (what part of the map is on screen),
//! [`Dragging`] (a card being dragged), [`Notices`] (the messages shown),
//! [`Canvases`] (the canvases in storage and this tab's hold on the open
//! one), [`MapFilter`] (the filter) — and one [`Modal`] for the dialog open.
//!
//! Every handle is a `Copy` bundle of signals, provided by context on its own
//! and reachable from `AppState`. Every change to the document goes through
//! [`AppState::apply`], which runs named operations of the core's
//! `AlignmentGraph` (so the alignment rules hold) and records one undo step.
//! The scene the map draws is a memo of the document, so nothing keeps a
//! second copy in sync by hand. The work that spans handles (opening,
//! saving, the list of canvases, sharing) is `AppState`'s, in a file per job.

use leptos::prelude::*;

mod canvas_list;
mod canvases;
mod copying;
mod dialogs;
mod dragging;
mod editing;
mod filtering;
mod focus;
mod lighting;
mod merging;
mod notices;
mod opening;
mod saving;
mod selection;
mod shared;
mod sheets;
mod viewport;

pub use canvases::Canvases;
pub use dialogs::{DialogFlag, Modal};
pub use dragging::{Drag, DragRoles, Dragging};
pub use filtering::MapFilter;
pub use focus::Focus;
pub use lighting::{Lighting, Shade};
pub use merging::{MergeReview, Source};
pub use notices::{ImportReport, Notice, NoticeAction, NoticeKind, Notices};
pub use opening::Progress;
pub use selection::Selection;
pub use sheets::SheetReview;
pub use viewport::Viewport;

use crate::browser::download::{canvas_file_name, download_text};
use crate::browser::location;
use crate::domain::export::{export_within, FileForm};
use crate::domain::graph::{AlignmentGraph, LinkError, RuleError};
use crate::domain::import::{import, MAX_FILE_BYTES};
use crate::domain::layout::{layout_document, LayoutMode};
use crate::domain::model::{Document, LinkKind};
use crate::domain::progress::{compute_progress, measured_objectives};
use crate::domain::sample::moved_to_current_quarter;
use crate::domain::status::{CycleClock, Reading};
use crate::map::scene::{layout_options, objective_card_size, Scene};
use crate::session::history::History;

/// The sample canvas shown on first open.
pub const SAMPLE_CANVAS: &str = include_str!("../../../public/examples/acme.okr.json");

/// Why a change to the canvas did not happen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// The core's rules refuse it.
    #[error(transparent)]
    Rule(RuleError),
    #[error("This shared canvas is read-only. Choose “Edit a copy” above the map to change it.")]
    ReadOnly,
}

/// A link waiting for the person to choose hard or soft.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingLink {
    pub from: String,
    pub to: String,
}

/// The open canvas and everything about how it is shown, as handles with one
/// job each. The editor's part (the document, its history, the selection,
/// focus and statuses) is kept here, beside the handles; each handle is also
/// provided by context on its own, for components that need only it.
#[derive(Clone, Copy)]
pub struct AppState {
    document: RwSignal<Document>,
    history: StoredValue<History<Document>>,
    /// Bumped on every history change, so undo/redo buttons can follow.
    history_revision: RwSignal<u64>,
    pub scene: Memo<Scene>,
    pub selection: RwSignal<Selection>,
    pub inspector_open: RwSignal<bool>,
    pub pending_link: RwSignal<Option<PendingLink>>,
    /// Objectives that lost their hard parent when it was deleted, flagged on
    /// the map until they are hard-linked again.
    pub needs_realign: Memo<std::collections::BTreeSet<String>>,
    /// The objective (a company one, mostly) whose supporters stay lit while
    /// everything else on the map is dimmed (focus mode), if one is focused.
    /// Set through [`AppState::toggle_focus`] and [`AppState::clear_focus`].
    pub focus: RwSignal<Option<String>>,
    /// What the focus lights, derived from it and the document; `None` when
    /// no focus is on. Cards and links ask [`AppState::is_dimmed`].
    pub focused: Memo<Option<Focus>>,
    /// Today's date (`YYYY-MM-DD`), read when the app starts: the cycle's
    /// clock for every status.
    pub today: RwSignal<String>,
    /// Every objective's status (on track, at risk, …, or its score's
    /// verdict once the cycle is over), from its progress, kind and the
    /// cycle's clock.
    pub readings: Memo<std::collections::HashMap<String, Reading>>,
    /// Whether the slides are on screen instead of the editor.
    pub presenting: RwSignal<bool>,
    /// The cards copied for Paste, if any.
    clip: StoredValue<Option<crate::domain::copies::Clip>>,
    /// The modal dialog open, if any (one at a time); each dialog's flag
    /// below is its view of it.
    pub modal: RwSignal<Option<Modal>>,
    pub link_picker_open: DialogFlag,
    pub team_form_open: DialogFlag,
    /// Whether an objective follows the team being added: asked for on a
    /// canvas without teams, it is made in the new team.
    pub objective_after_team: RwSignal<bool>,
    pub share_dialog_open: DialogFlag,
    /// Whether both versions of a canvas changed in two tabs are shown.
    pub conflict_open: DialogFlag,
    pub canvas_list_open: DialogFlag,
    /// Whether the cycle's scores are listed (closing the cycle).
    pub score_view_open: DialogFlag,
    pub teams_dialog_open: DialogFlag,
    pub merge_dialog_open: DialogFlag,
    /// A returned file under review, before its merge.
    pub merging: RwSignal<Option<MergeReview>>,
    pub sheet_dialog_open: DialogFlag,
    /// A spreadsheet or an export read, before it opens as a canvas.
    pub sheet: RwSignal<Option<SheetReview>>,
    /// What part of the map is on screen.
    pub viewport: Viewport,
    /// A card being pressed or dragged, and who takes part.
    pub dragging: Dragging,
    /// The messages shown over the map.
    pub notices: Notices,
    /// The canvases in storage and this tab's hold on the open one.
    pub canvases: Canvases,
    /// The map's filter.
    pub filter: MapFilter,
}

impl AppState {
    /// Opens the canvas kept in this browser, or the sample on first open,
    /// telling the person when storage is missing or unreadable.
    pub fn start() -> AppState {
        // Read once: the sample is shown in today's quarter, and the cycle's
        // clock runs from the same day.
        let today = crate::browser::clock::today();
        let canvases::Startup {
            library,
            keeper,
            document,
            unreadable,
            notices: startup_notices,
        } = canvases::restore(&today);
        let document = RwSignal::new(with_every_card_placed(document));
        let scene = Memo::new(move |_| {
            document.with(|doc| {
                let progress = compute_progress(doc);
                Scene::build(doc, &|id| progress.get(id).copied().unwrap_or(0.0))
            })
        });
        let focus = RwSignal::new(None::<String>);
        // Without a focus the document is not read, so editing the map costs
        // nothing here.
        let focused = Memo::new(move |_| {
            focus.with(|id| {
                id.as_deref()
                    .and_then(|id| document.with(|doc| Focus::of(doc, id)))
            })
        });
        let today = RwSignal::new(today);
        let readings = Memo::new(move |_| -> std::collections::HashMap<String, Reading> {
            let clock = today.with(|today| {
                document.with(|doc| doc.cycle.as_ref().and_then(|c| CycleClock::new(c, today)))
            });
            document.with(|doc| {
                let measured = measured_objectives(doc);
                scene.with(|scene| {
                    doc.objectives
                        .iter()
                        .map(|objective| {
                            let id = objective.id.as_str();
                            let progress = scene.card(id).map_or(0.0, |card| card.progress);
                            let reading = Reading::of_objective(
                                objective,
                                progress,
                                clock.as_ref(),
                                measured.contains(id),
                            );
                            (objective.id.clone(), reading)
                        })
                        .collect()
                })
            })
        });
        let modal = RwSignal::new(None);
        let state = AppState {
            document,
            history: StoredValue::new(History::default()),
            history_revision: RwSignal::new(0),
            scene,
            selection: RwSignal::new(Selection::Nothing),
            inspector_open: RwSignal::new(false),
            pending_link: RwSignal::new(None),
            // The flags are the document's, so undo, storage and files keep them.
            needs_realign: Memo::new(move |_| {
                document.with(|d| {
                    d.objectives
                        .iter()
                        .filter(|o| o.realign)
                        .map(|o| o.id.clone())
                        .collect()
                })
            }),
            focus,
            focused,
            today,
            readings,
            presenting: RwSignal::new(false),
            clip: StoredValue::new(None),
            modal,
            link_picker_open: DialogFlag::new(modal, Modal::LinkPicker),
            team_form_open: DialogFlag::new(modal, Modal::TeamForm),
            objective_after_team: RwSignal::new(false),
            share_dialog_open: DialogFlag::new(modal, Modal::Share),
            conflict_open: DialogFlag::new(modal, Modal::Conflict),
            canvas_list_open: DialogFlag::new(modal, Modal::CanvasList),
            score_view_open: DialogFlag::new(modal, Modal::Scores),
            teams_dialog_open: DialogFlag::new(modal, Modal::Teams),
            merge_dialog_open: DialogFlag::new(modal, Modal::Merge),
            merging: RwSignal::new(None),
            sheet_dialog_open: DialogFlag::new(modal, Modal::Sheet),
            sheet: RwSignal::new(None),
            viewport: Viewport::new(scene),
            dragging: Dragging::new(),
            notices: Notices::new(),
            canvases: Canvases::new(library, keeper, unreadable),
            filter: MapFilter::new(document, readings),
        };
        for (title, details) in startup_notices {
            state.notices.push(NoticeKind::Error, title, details, None);
        }
        state.keep_saved();
        state
    }

    // ----- reading -------------------------------------------------------

    /// Reads what is lit, tracked: focus mode and the filter.
    pub fn with_lighting<T>(&self, read: impl FnOnce(&Lighting<'_>) -> T) -> T {
        self.focused.with(|focus| {
            self.filter.filtered.with(|filtered| {
                read(&Lighting {
                    focus: focus.as_ref(),
                    filtered,
                })
            })
        })
    }

    /// Reads what is lit without tracking, for drawing one frame.
    pub fn with_lighting_untracked<T>(&self, read: impl FnOnce(&Lighting<'_>) -> T) -> T {
        self.focused.with_untracked(|focus| {
            self.filter.filtered.with_untracked(|filtered| {
                read(&Lighting {
                    focus: focus.as_ref(),
                    filtered,
                })
            })
        })
    }

    /// How the card `id` is shown: lit, or dimmed (outside the focus, or
    /// left out by a dimming filter), or hidden by the filter. Tracked: read
    /// it in a memo per card, so a card is woken only when its answer changes.
    pub fn shade(&self, id: &str) -> Shade {
        self.with_lighting(|lighting| lighting.card(id))
    }

    /// Whether the objective `id` is dimmed or hidden on the map.
    pub fn is_dimmed(&self, id: &str) -> bool {
        self.shade(id) != Shade::Lit
    }

    /// The status of the objective `id`, tracked.
    pub fn reading(&self, id: &str) -> Option<Reading> {
        self.readings.with(|readings| readings.get(id).copied())
    }

    pub fn title(&self) -> Signal<String> {
        let document = self.document;
        Signal::derive(move || document.with(|d| d.title.clone()))
    }

    pub fn cycle_label(&self) -> Signal<Option<String>> {
        let document = self.document;
        Signal::derive(move || document.with(|d| d.cycle.as_ref().map(|c| c.label.clone())))
    }

    /// Reads the document, tracked.
    pub fn with_document<T>(&self, read: impl FnOnce(&Document) -> T) -> T {
        self.document.with(read)
    }

    /// Reads the document without subscribing (for event handlers).
    pub fn with_document_untracked<T>(&self, read: impl FnOnce(&Document) -> T) -> T {
        self.document.with_untracked(read)
    }

    pub fn can_undo(&self) -> bool {
        self.history_revision.track();
        self.history.with_value(|h| h.can_undo())
    }

    pub fn can_redo(&self) -> bool {
        self.history_revision.track();
        self.history.with_value(|h| h.can_redo())
    }

    /// The open canvas in the file format, for export: its title, the text,
    /// and how the text was written to stay within the importer's size limit.
    /// Downloads the canvas as `<title>.okr.json`, saying how it went.
    pub fn export_canvas(&self) {
        let state = *self;
        // A canvas of one's own is exported as its next revision, kept here
        // for the merge of what comes back; a shared one goes as it is.
        let identity = state
            .canvases
            .shared_view
            .with_untracked(Option::is_none)
            .then(|| state.next_identity());
        let (title, text, form) = match &identity {
            Some((identity, _)) => state.document.with_untracked(|d| {
                let mut stamped = d.clone();
                stamped.identity = Some(identity.clone());
                let (text, form) = export_within(&stamped, MAX_FILE_BYTES);
                (d.title.clone(), text, form)
            }),
            None => state.exported(),
        };
        let file_name = canvas_file_name(&title);
        let sent = download_text(&file_name, "application/json", &text);
        if let (Ok(()), Some((identity, true))) = (&sent, identity) {
            state.sent_as(identity, &title, &text);
        }
        match sent {
            Ok(()) => match form {
                FileForm::Pretty => state.notices.status(format!("Exported {file_name}.")),
                FileForm::Compact => state.notices.status(format!(
                    "Exported {file_name}, written without indentation to stay under the \
                     {} MiB a canvas file may have.",
                    MAX_FILE_BYTES / 1_048_576
                )),
                FileForm::OverLimit => state.notices.error(format!(
                    "Exported {file_name}, but at {:.1} MiB it is over the {} MiB a canvas \
                     file may have, so it cannot be opened again. Split the canvas into \
                     smaller ones (for example one per department).",
                    text.len() as f64 / 1_048_576.0,
                    MAX_FILE_BYTES / 1_048_576
                )),
            },
            Err(message) => state.notices.error(message),
        }
    }

    pub fn exported(&self) -> (String, String, FileForm) {
        self.document.with_untracked(|d| {
            let (text, form) = export_within(d, MAX_FILE_BYTES);
            (d.title.clone(), text, form)
        })
    }

    /// The selected objective's id, if an objective is selected.
    pub fn selected_objective(&self) -> Option<String> {
        match self.selection.get() {
            Selection::Objective(id) => Some(id),
            _ => None,
        }
    }

    /// The same, without tracking (for event handlers).
    pub fn selected_objective_untracked(&self) -> Option<String> {
        match self.selection.get_untracked() {
            Selection::Objective(id) => Some(id),
            _ => None,
        }
    }

    fn replace_document(&self, document: Document) {
        self.canvases.replaced.set_value(true);
        self.history.update_value(|h| h.clear());
        self.history_revision.update(|r| *r += 1);
        self.selection.set(Selection::Nothing);
        self.pending_link.set(None);
        self.focus.set(None);
        self.document.set(with_every_card_placed(document));
        self.viewport.fit_view();
    }

    // ----- selection and view ----------------------------------------------

    pub fn select(&self, selection: Selection) {
        self.selection.set(selection);
    }

    /// Shift+click on the card `id`: added to the selected objectives, or
    /// taken out. The inspector shows a card alone, so it closes for several.
    pub fn toggle_in_selection(&self, id: &str) {
        let selection = self.selection.get_untracked().toggled(id);
        self.selection.set(selection);
    }

    /// Opens the list of link targets for the selected objective.
    pub fn open_link_picker(&self) {
        if matches!(self.selection.get_untracked(), Selection::Objective(_)) {
            self.link_picker_open.set(true);
        }
    }

    /// Selects the card nearest in the direction (`dx`, `dy`), or the first
    /// card when nothing is selected.
    pub fn select_neighbour(&self, dx: f64, dy: f64) {
        let next = self
            .scene
            .with_untracked(|scene| match self.selection.get_untracked() {
                Selection::Objective(id) => scene.neighbour(&id, dx, dy).map(|c| c.id.clone()),
                _ => scene.cards.first().map(|c| c.id.clone()),
            });
        if let Some(id) = next {
            self.select_and_reveal(&id);
        }
    }

    /// Selects the objective `id` and pans just enough to bring it into view.
    pub fn select_and_reveal(&self, id: &str) {
        self.selection.set(Selection::Objective(id.to_string()));
        self.viewport.reveal(id);
    }

    /// Focuses on the objective `id`, or, if it is the focused one, shows
    /// everything again.
    pub fn toggle_focus(&self, id: &str) {
        if self.focus.with_untracked(|f| f.as_deref() == Some(id)) {
            self.focus.set(None);
        } else {
            self.focus.set(Some(id.to_string()));
        }
    }

    /// Ends focus mode: every card is lit again.
    pub fn clear_focus(&self) {
        if self.focus.with_untracked(Option::is_some) {
            self.focus.set(None);
        }
    }

    /// The `F` key: focuses on the selected objective, or ends the focus on
    /// it; with no objective selected, ends the focus, or says what to select.
    pub fn toggle_focus_on_selection(&self) {
        match self.selection.get_untracked() {
            Selection::Objective(id) => self.toggle_focus(&id),
            _ if self.focus.with_untracked(Option::is_some) => self.clear_focus(),
            _ => self.notices.status(
                "Select an objective first, then press F to dim everything that does not \
                 support it.",
            ),
        }
    }

    // ----- helpers ------------------------------------------------------------

    /// An objective's or key result's title, for messages.
    pub fn title_of(&self, id: &str) -> String {
        self.document.with_untracked(|doc| {
            doc.objectives
                .iter()
                .find_map(|o| {
                    if o.id == id {
                        Some(o.title.clone())
                    } else {
                        o.key_results
                            .iter()
                            .find(|kr| kr.id == id)
                            .map(|kr| kr.title.clone())
                    }
                })
                .unwrap_or_else(|| id.to_string())
        })
    }

    fn titles_of(&self, from: &str, to: &str) -> (String, String) {
        (self.title_of(from), self.title_of(to))
    }

    /// Drops from the selection the objectives and the link that no longer exist.
    fn keep_selection_valid(&self) {
        let selection = self.selection.get_untracked();
        let kept = self.document.with_untracked(|doc| {
            selection.clone().keeping(
                |id| doc.objectives.iter().any(|o| o.id == id),
                |from, to| doc.links.iter().any(|l| l.from == from && l.to == to),
            )
        });
        if kept != selection {
            self.selection.set(kept);
        }
    }

    /// Ends a focus whose objective no longer exists (deleted, or undone).
    fn keep_focus_valid(&self) {
        let gone = self.focus.with_untracked(|focus| {
            focus.as_ref().is_some_and(|id| {
                self.document
                    .with_untracked(|doc| !doc.objectives.iter().any(|o| &o.id == id))
            })
        });
        if gone {
            self.focus.set(None);
        }
    }
}

/// The document with a stored position for every card: cards without one are
/// placed by the automatic layout, once, so that moving one card later never
/// moves the others.
fn with_every_card_placed(document: Document) -> Document {
    crate::map::scene::with_every_card_placed(document, crate::browser::window::map_aspect_ratio())
}

/// The embedded sample canvas, in the quarter containing `today` so that its
/// statuses and check-ins are live (`domain::sample`). It is validated by a
/// host test, so failure here means a broken build; even then the app opens,
/// on an empty canvas.
pub fn sample_canvas(today: &str) -> Document {
    import(SAMPLE_CANVAS.as_bytes())
        .map(|imported| moved_to_current_quarter(imported.document, today))
        .unwrap_or_else(|_| Document::new("Untitled canvas"))
}

/// Provides a fresh state to the component tree, and each of its handles on
/// its own, and returns it.
pub fn provide_app_state() -> AppState {
    let state = AppState::start();
    provide_context(state);
    provide_context(state.viewport);
    provide_context(state.dragging);
    provide_context(state.notices);
    provide_context(state.canvases);
    provide_context(state.filter);
    state
}

/// The app state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
