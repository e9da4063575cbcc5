//! What the commands that take more than one call do: a new objective in
//! the selected card's team, the SVG, Markdown and spreadsheet downloads, presenting and
//! printing, and reading a chosen file to open or merge (the toolbar's inputs
//! and a dropped file share these).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::download::{download_text, titled_file_name};
use crate::browser::fullscreen;
use crate::domain::import::MAX_FILE_BYTES;
use crate::domain::progress::compute_progress;
use crate::output::outline::markdown_outline;
use crate::output::picture::map_svg;
use crate::ui::inspector::new_objective;
use crate::ui::state::AppState;

/// Adds an objective to the selected card's team, else the first team.
pub(super) fn new_objective_in_selected_team(state: AppState) {
    let team = state.with_document_untracked(|doc| {
        let selected_team = state
            .selected_objective_untracked()
            .and_then(|id| doc.objectives.iter().find(|o| o.id == id))
            .map(|o| o.team.clone());
        selected_team.or_else(|| doc.teams.first().map(|t| t.id.clone()))
    });
    match team {
        Some(team) => new_objective(state, &team),
        // Every objective belongs to a team: on a canvas without one, the
        // team comes first and the objective follows in it.
        None => {
            state.objective_after_team.set(true);
            state.team_form_open.set(true);
        }
    }
}

/// Downloads the whole map as one SVG picture.
pub(super) fn export_svg(state: AppState) {
    let (title, svg) = state.with_document_untracked(|doc| {
        let svg = state.scene.with_untracked(|scene| map_svg(doc, scene));
        (doc.title.clone(), svg)
    });
    let file_name = titled_file_name(&title, "svg");
    match download_text(&file_name, "image/svg+xml", &svg) {
        Ok(()) => state
            .notices
            .status(format!("Exported the map as {file_name}.")),
        Err(message) => state.notices.error(message),
    }
}

/// Downloads an outline of the OKRs as Markdown.
pub(super) fn export_markdown(state: AppState) {
    let (title, text) = state.with_document_untracked(|doc| {
        let progress = compute_progress(doc);
        (doc.title.clone(), markdown_outline(doc, &progress))
    });
    let file_name = titled_file_name(&title, "md");
    match download_text(&file_name, "text/markdown", &text) {
        Ok(()) => state
            .notices
            .status(format!("Exported the outline as {file_name}.")),
        Err(message) => state.notices.error(message),
    }
}

/// Downloads the OKRs as a spreadsheet (CSV) that opens again as this
/// canvas, written in the importer worker (it has the `csv` crate).
pub(super) fn export_sheet(state: AppState) {
    let (title, text) = state.with_document_untracked(|doc| {
        (
            doc.title.clone(),
            crate::domain::export::export_compact(doc),
        )
    });
    let file_name = titled_file_name(&title, "csv");
    let writing = state.notices.under_way(format!("Writing {file_name}…"));
    spawn_local(async move {
        let sheet = crate::browser::importer::sheet_of(&text).await;
        state.notices.dismiss(writing);
        match sheet.and_then(|sheet| download_text(&file_name, "text/csv", &sheet)) {
            Ok(()) => state.notices.status(format!(
                "Exported the OKRs as {file_name}: one row per objective and key result. It \
                 opens again with Open…; soft links are not in it."
            )),
            Err(message) => state.notices.error(message),
        }
    });
}

/// Starts presenting, full screen when the browser allows it, at the slide of
/// the selected company objective if there is one.
pub fn present(state: AppState) {
    if state.presenting.get_untracked() {
        return;
    }
    state.presenting.set(true);
    spawn_local(async move {
        match fullscreen::enter().await {
            // Left before the browser answered: do not stay full screen.
            Ok(()) if !state.presenting.get_untracked() => fullscreen::exit(),
            Ok(()) => {}
            Err(message) => state.notices.status(message),
        }
    });
}

/// Opens the browser's print dialog: the poster, or the slides while
/// presenting (the print stylesheets decide which).
pub fn print_page(state: AppState) {
    if let Some(window) = web_sys::window() {
        if window.print().is_err() {
            state
                .notices
                .error("The browser refused to print. Use its own Print menu instead.");
        }
    }
}

/// Reads `file` and reviews its merge into the open canvas.
pub fn merge_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        state.notices.error(format!(
            "{name} was not merged: a canvas file may be at most {} MiB.",
            MAX_FILE_BYTES / 1_048_576
        ));
        return;
    }
    spawn_local(async move {
        match crate::browser::files::read_bytes(&file).await {
            Ok(bytes) => state.review_merge(&name, &bytes).await,
            Err(message) => state.notices.error(message),
        }
    });
}

/// Reads `file` and opens it, refusing files over the format's size limit
/// before reading them.
pub fn open_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        // Rounded up, so a file just over the limit never reads as "10.0 MiB".
        let tenths = (file.size() / 1_048_576.0 * 10.0).ceil() / 10.0;
        state.notices.error(format!(
            "{name} was not opened: it is {tenths:.1} MiB, and a canvas file may be at most {} MiB.",
            MAX_FILE_BYTES / 1_048_576
        ));
        return;
    }
    spawn_local(async move {
        match crate::browser::files::read_bytes(&file).await {
            Ok(bytes) => state.open_file(&name, &bytes),
            Err(message) => state.notices.error(message),
        }
    });
}
