//! What a person can ask of the app from several places — the toolbar, the
//! keyboard, the shared canvas's banner, the presenter's controls, a dropped
//! file. One table, [`Command`], gives each its name, label, tooltip and
//! key, says whether it changes the canvas (so is off on a read-only one),
//! and runs it; the toolbar, the shortcuts, the banner and the presenter read
//! it, so none of them imports another and a button is written once
//! ([`CommandButton`]).

use leptos::prelude::*;

use super::state::{use_app_state, AppState};

mod actions;

use actions::{export_markdown, export_sheet, export_svg, new_objective_in_selected_team};
pub use actions::{merge_file, open_file, present, print_page};

/// How much one press of a zoom button or key zooms.
pub const ZOOM_STEP: f64 = 1.25;

/// Everything a button or a key can ask of the whole canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Canvases,
    Undo,
    Redo,
    NewObjective,
    NewTeam,
    Teams,
    MergeFile,
    Fit,
    ZoomIn,
    ZoomOut,
    TidyUp,
    Scores,
    Present,
    PresentShared,
    Export,
    ShareLink,
    ExportSvg,
    ExportMarkdown,
    ExportSheet,
    Print,
    EditCopy,
    LeaveShared,
    LinkSelection,
    FocusSelection,
    Copy,
    Cut,
    Paste,
    Duplicate,
}

/// A key that runs a command: the key's name as the browser gives it
/// (compared without case), and whether Ctrl (or Cmd) and Shift are held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub ctrl: bool,
    /// Whether Shift must be held; a key without it runs with or without
    /// Shift unless a binding that needs Shift matches first.
    pub shift: bool,
}

const fn key(name: &'static str) -> Key {
    Key {
        name,
        ctrl: false,
        shift: false,
    }
}

const fn ctrl(name: &'static str) -> Key {
    Key {
        name,
        ctrl: true,
        shift: false,
    }
}

const fn ctrl_shift(name: &'static str) -> Key {
    Key {
        name,
        ctrl: true,
        shift: true,
    }
}

const CTRL_Z: Key = ctrl("z");
const CTRL_SHIFT_Z: Key = ctrl_shift("z");
const CTRL_Y: Key = ctrl("y");
const KEY_0: Key = key("0");
const KEY_PLUS: Key = key("+");
const KEY_EQUALS: Key = key("=");
const KEY_MINUS: Key = key("-");
const KEY_UNDERSCORE: Key = key("_");
const KEY_P: Key = key("p");
const KEY_L: Key = key("l");
const KEY_F: Key = key("f");
const CTRL_C: Key = ctrl("c");
const CTRL_X: Key = ctrl("x");
const CTRL_V: Key = ctrl("v");
const CTRL_D: Key = ctrl("d");

/// How a command shows and what it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Its `data-testid` (ui-contract.md).
    pub id: &'static str,
    /// The words on its button.
    pub label: &'static str,
    /// What it does, for the tooltip; the first key follows in brackets.
    pub help: &'static str,
    /// The keys that run it, the first one shown.
    pub keys: &'static [Key],
    /// Whether it changes the canvas, so is off on a read-only one.
    pub edits: bool,
    /// Whether it opens a dialog.
    pub dialog: bool,
}

impl Command {
    pub const ALL: [Command; 28] = [
        Command::Canvases,
        Command::Undo,
        Command::Redo,
        Command::NewObjective,
        Command::NewTeam,
        Command::Teams,
        Command::MergeFile,
        Command::Fit,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::TidyUp,
        Command::Scores,
        Command::Present,
        Command::PresentShared,
        Command::Export,
        Command::ShareLink,
        Command::ExportSvg,
        Command::ExportMarkdown,
        Command::ExportSheet,
        Command::Print,
        Command::EditCopy,
        Command::LeaveShared,
        Command::LinkSelection,
        Command::FocusSelection,
        Command::Copy,
        Command::Cut,
        Command::Paste,
        Command::Duplicate,
    ];

    pub const fn spec(self) -> Spec {
        const NONE: &[Key] = &[];
        let (id, label, help, keys, edits, dialog): (_, _, _, &[Key], _, _) = match self {
            Command::Canvases => (
                "canvases",
                "Canvases",
                "The canvases kept in this browser: open, rename, duplicate, delete",
                NONE,
                false,
                true,
            ),
            Command::Undo => ("undo", "Undo", "Undo", &[CTRL_Z], false, false),
            Command::Redo => (
                "redo",
                "Redo",
                "Redo",
                &[CTRL_SHIFT_Z, CTRL_Y],
                false,
                false,
            ),
            Command::NewObjective => (
                "new-objective",
                "New objective",
                "Add an objective to the selected card's team",
                NONE,
                true,
                false,
            ),
            Command::NewTeam => (
                "new-team",
                "New team",
                "Add a team, department or company",
                NONE,
                true,
                true,
            ),
            Command::Teams => (
                "teams",
                "Teams",
                "Every team: rename, move under another, recolour or delete",
                NONE,
                false,
                true,
            ),
            Command::MergeFile => (
                "merge-file",
                "Merge a file…",
                "Bring a team's returned file into this canvas, change by change",
                NONE,
                true,
                true,
            ),
            Command::Fit => (
                "fit-view",
                "Fit",
                "Fit the whole map in view",
                &[KEY_0],
                false,
                false,
            ),
            Command::ZoomIn => (
                "zoom-in",
                "Zoom in",
                "Zoom in",
                &[KEY_PLUS, KEY_EQUALS],
                false,
                false,
            ),
            Command::ZoomOut => (
                "zoom-out",
                "Zoom out",
                "Zoom out",
                &[KEY_MINUS, KEY_UNDERSCORE],
                false,
                false,
            ),
            Command::TidyUp => (
                "tidy-up",
                "Tidy up",
                "Lay out the whole map again (can be undone)",
                NONE,
                true,
                false,
            ),
            Command::Scores => (
                "score-cycle",
                "Scores",
                "Every objective's score for the cycle, with a retrospective note each",
                NONE,
                false,
                true,
            ),
            Command::Present => (
                "present",
                "Present",
                "Present the company OKRs as slides, full screen",
                &[KEY_P],
                false,
                false,
            ),
            Command::PresentShared => (
                "present-shared",
                "Present",
                "Present this canvas as slides, full screen",
                &[KEY_P],
                false,
                false,
            ),
            Command::Export => (
                "export-json",
                "Export",
                "Download this canvas as a .okr.json file",
                NONE,
                false,
                false,
            ),
            Command::ShareLink => (
                "share-link",
                "Share link",
                "Copy a link that carries this canvas",
                NONE,
                false,
                true,
            ),
            Command::ExportSvg => (
                "export-svg",
                "Picture (SVG)",
                "Download the whole map as one SVG picture",
                NONE,
                false,
                false,
            ),
            Command::ExportMarkdown => (
                "export-markdown",
                "Outline (Markdown)",
                "Download an outline of the OKRs for meeting notes",
                NONE,
                false,
                false,
            ),
            Command::ExportSheet => (
                "export-sheet",
                "Spreadsheet (CSV)",
                "Download the OKRs as a spreadsheet, one row per objective and key result",
                NONE,
                false,
                false,
            ),
            Command::Print => (
                "print",
                "Print poster",
                "Print the map as a poster",
                NONE,
                false,
                false,
            ),
            Command::EditCopy => (
                "edit-copy",
                "Edit a copy",
                "Keep a copy of this canvas as your own, to change",
                NONE,
                false,
                false,
            ),
            Command::LeaveShared => (
                "leave-shared",
                "Back to my canvas",
                "Close this canvas and open your own again",
                NONE,
                false,
                false,
            ),
            Command::LinkSelection => (
                "link-selection",
                "Link to…",
                "Link the selected card to another",
                &[KEY_L],
                true,
                true,
            ),
            Command::FocusSelection => (
                "focus-selection",
                "Focus",
                "Dim what does not support the selected objective",
                &[KEY_F],
                false,
                false,
            ),
            Command::Copy => (
                "copy-card",
                "Copy",
                "Copy the selected cards with their key results",
                &[CTRL_C],
                false,
                false,
            ),
            Command::Cut => (
                "cut-card",
                "Cut",
                "Cut the selected cards, to paste them again",
                &[CTRL_X],
                true,
                false,
            ),
            Command::Paste => (
                "paste-card",
                "Paste",
                "Paste the copied card beside its original",
                &[CTRL_V],
                true,
                false,
            ),
            Command::Duplicate => (
                "duplicate-card",
                "Duplicate",
                "Add a copy of the selected cards, with their key results, beside them",
                &[CTRL_D],
                true,
                false,
            ),
        };
        Spec {
            id,
            label,
            help,
            keys,
            edits,
            dialog,
        }
    }

    /// The tooltip: what it does, and its first key.
    pub fn tooltip(self) -> String {
        let spec = self.spec();
        match spec.keys.first() {
            Some(key) => format!("{} ({})", spec.help, key.shown()),
            None => spec.help.to_owned(),
        }
    }

    /// The command a key press runs, if any.
    pub fn for_key(name: &str, ctrl: bool, shift: bool) -> Option<Command> {
        let matches = |key: &Key, need_shift: bool| {
            key.name.eq_ignore_ascii_case(name) && key.ctrl == ctrl && key.shift == need_shift
        };
        let find = |need_shift: bool| {
            Command::ALL
                .into_iter()
                .find(|c| c.spec().keys.iter().any(|k| matches(k, need_shift)))
        };
        shift.then(|| find(true)).flatten().or_else(|| find(false))
    }

    /// Whether its button can be pressed now: off while it would change a
    /// read-only canvas, and Undo and Redo while there is nothing to undo or
    /// redo. Tracked. Keys run commands regardless, so a refusal is explained.
    pub fn enabled(self, state: AppState) -> bool {
        match self {
            Command::Undo => state.can_undo(),
            Command::Redo => state.can_redo(),
            _ if self.spec().edits => state.canvases.shared_view.with(Option::is_none),
            _ => true,
        }
    }

    pub fn run(self, state: AppState) {
        match self {
            Command::Canvases => state.canvas_list_open.set(true),
            Command::Undo => state.undo(),
            Command::Redo => state.redo(),
            Command::NewObjective => new_objective_in_selected_team(state),
            Command::NewTeam => state.team_form_open.set(true),
            Command::Teams => state.teams_dialog_open.set(true),
            Command::MergeFile => {
                if let Some(input) = crate::browser::dom::find("#merge-file-input") {
                    input.click();
                }
            }
            Command::Fit => state.viewport.fit_view(),
            Command::ZoomIn => state.viewport.zoom_by(ZOOM_STEP),
            Command::ZoomOut => state.viewport.zoom_by(1.0 / ZOOM_STEP),
            Command::TidyUp => state.tidy_up(),
            Command::Scores => state.score_view_open.set(true),
            Command::Present | Command::PresentShared => present(state),
            Command::Export => state.export_canvas(),
            Command::ShareLink => state.share_dialog_open.set(true),
            Command::ExportSvg => export_svg(state),
            Command::ExportMarkdown => export_markdown(state),
            Command::ExportSheet => export_sheet(state),
            Command::Print => print_page(state),
            Command::EditCopy => state.edit_shared_copy(),
            Command::LeaveShared => state.leave_shared_view(),
            Command::LinkSelection => state.open_link_picker(),
            Command::FocusSelection => state.toggle_focus_on_selection(),
            Command::Copy => {
                state.copy_selection();
            }
            Command::Cut => state.cut_selection(),
            Command::Paste => state.paste(),
            Command::Duplicate => state.duplicate_selection(),
        }
    }

    /// Whether its key means something now: the card commands need a card
    /// selected (Paste a copy), else the key is the browser's (copying text,
    /// pasting a canvas).
    pub fn applies(self, state: AppState) -> bool {
        let card_selected = || {
            state
                .selection
                .with_untracked(|s| !s.objective_ids().is_empty())
        };
        match self {
            Command::Copy | Command::Cut | Command::Duplicate => card_selected(),
            Command::Paste => state.has_clip(),
            _ => true,
        }
    }
}

impl Key {
    /// How the key is written in a tooltip: "Ctrl+Shift+Z", "P", "−".
    pub fn shown(self) -> String {
        let name = match self.name {
            "-" => "−".to_owned(),
            name => name.to_uppercase(),
        };
        let ctrl = if self.ctrl { "Ctrl+" } else { "" };
        let shift = if self.shift { "Shift+" } else { "" };
        format!("{ctrl}{shift}{name}")
    }
}

/// A command's button. `text` replaces the label on the button (a symbol,
/// such as the zoom buttons' "+"), which then names it for screen readers.
#[component]
pub fn CommandButton(
    command: Command,
    #[prop(optional)] primary: bool,
    #[prop(default = "toolbar__button")] class: &'static str,
    #[prop(optional)] text: Option<&'static str>,
) -> impl IntoView {
    let state = use_app_state();
    let spec = command.spec();
    let class = if primary {
        format!("{class} {class}--primary")
    } else {
        class.to_owned()
    };
    view! {
        <button
            class=class
            type="button"
            data-testid=spec.id
            title=command.tooltip()
            aria-label=text.map(|_| spec.label)
            aria-haspopup=spec.dialog.then_some("dialog")
            disabled=move || !command.enabled(state)
            on:click=move |_| command.run(state)
        >
            {text.unwrap_or(spec.label)}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_runs_the_command_that_shows_it() {
        for command in Command::ALL {
            for key in command.spec().keys {
                // The banner's Present is the toolbar's, under another name.
                let expected = match command {
                    Command::PresentShared => Command::Present,
                    other => other,
                };
                assert_eq!(
                    Command::for_key(key.name, key.ctrl, key.shift),
                    Some(expected),
                    "{}",
                    key.shown()
                );
            }
        }
    }

    #[test]
    fn keys_match_without_case_and_shift_picks_the_shifted_binding() {
        let cases = [
            ("Z", true, false, Some(Command::Undo)),
            ("z", true, true, Some(Command::Redo)),
            ("Y", true, true, Some(Command::Redo)),
            ("P", false, true, Some(Command::Present)),
            ("+", false, true, Some(Command::ZoomIn)),
            ("z", false, false, None),
            ("p", true, false, None),
            ("q", false, false, None),
        ];
        for (name, ctrl, shift, expected) in cases {
            assert_eq!(Command::for_key(name, ctrl, shift), expected, "{name}");
        }
    }

    #[test]
    fn tooltips_name_the_first_key() {
        assert_eq!(Command::Undo.tooltip(), "Undo (Ctrl+Z)");
        assert_eq!(Command::Redo.tooltip(), "Redo (Ctrl+Shift+Z)");
        assert_eq!(Command::ZoomOut.tooltip(), "Zoom out (−)");
        assert_eq!(
            Command::Export.tooltip(),
            "Download this canvas as a .okr.json file"
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = Command::ALL.iter().map(|c| c.spec().id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Command::ALL.len());
    }
}
