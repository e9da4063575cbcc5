//! The root component: provides the app state, installs the keyboard, and
//! lays out the frame: header, map, inspector, dialogs, messages.

use leptos::prelude::*;

use super::canvas::Canvas;
use super::canvas_list::CanvasList;
use super::file_drop::FileDrop;
use super::filter_panel::install_filter_address;
use super::header::Header;
use super::import_errors::ImportErrors;
use super::inspector::{Inspector, TeamForm};
use super::link_chooser::LinkChooser;
use super::link_picker::LinkPicker;
use super::merge_dialog::MergeDialog;
use super::notices::Notices;
use super::presentation::Presentation;
use super::progress::ProgressPanel;
use super::review::provide_review;
use super::review_panel::ReviewPanel;
use super::save_conflict::SaveConflict;
use super::score_view::ScoreView;
use super::share_dialog::ShareDialog;
use super::shared_banner::SharedBanner;
use super::sheet_dialog::SheetDialog;
use super::shortcuts::install_shortcuts;
use super::state::{provide_app_state, NoticeAction, NoticeKind};
use super::teams_dialog::TeamsDialog;

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    provide_review(state);
    install_shortcuts(state);
    install_filter_address(state);
    // A share link or hosted-file link opens as the page loads, and when a
    // new one is pasted into the address bar of the open page.
    state.open_from_fragment();
    let on_hash_change =
        window_event_listener(leptos::ev::hashchange, move |_| state.open_from_fragment());
    // A printed poster shows the whole map.
    // Not while presenting: the slides print themselves, and the map must be
    // where it was when the presentation ends.
    let on_before_print = window_event_listener(leptos::ev::beforeprint, move |_| {
        if !state.presenting.get_untracked() {
            state.viewport.fit_view()
        }
    });
    // Kept for offline use; a new version waiting is offered, not forced.
    crate::browser::offline::keep_offline(move || {
        state.notices.push(
            NoticeKind::Status,
            "A new version of OKR Canvas is ready. Your canvases are kept.".to_string(),
            Vec::new(),
            Some(NoticeAction::ReloadToUpdate),
        )
    });
    // A file opened with the installed app, from the desktop.
    crate::browser::offline::on_launched_file(move |name, bytes| state.open_file(&name, &bytes));
    let presenting = move || state.presenting.get();
    on_cleanup(move || {
        on_hash_change.remove();
        on_before_print.remove();
    });
    view! {
        <div class="app">
            // While presenting, the editor stays mounted underneath (so
            // Escape returns to it as it was) but out of reach of Tab.
            <div class="app__editor" inert=presenting>
                <Header />
                <SharedBanner />
                <div class="app__body">
                    <Canvas />
                    <ReviewPanel />
                    <Inspector />
                </div>
                // Over the map's corner, below the header and any banner; under
                // the slides while presenting, which show their own.
                <Notices />
            </div>
            <LinkChooser />
            <LinkPicker />
            <TeamForm />
            <ShareDialog />
            <CanvasList />
            <SaveConflict />
            <ImportErrors />
            <ScoreView />
            <TeamsDialog />
            <MergeDialog />
            <SheetDialog />
            <FileDrop />
            <Presentation />
            <ProgressPanel />
        </div>
    }
}
