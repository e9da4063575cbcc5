//! The root component: provides the app state, installs the keyboard, and
//! lays out the frame: header, map, inspector, dialogs, messages.

use leptos::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::inspector::{Inspector, TeamForm};
use super::link_chooser::LinkChooser;
use super::link_picker::LinkPicker;
use super::notices::Notices;
use super::shortcuts::install_shortcuts;
use super::state::provide_app_state;

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    install_shortcuts(state);
    view! {
        <div class="app">
            <Header />
            <div class="app__body">
                <Canvas />
                <Inspector />
            </div>
            <LinkChooser />
            <LinkPicker />
            <TeamForm />
            <Notices />
        </div>
    }
}
