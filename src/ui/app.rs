//! The root component: provides the app state and lays out the frame.

use leptos::prelude::*;

use super::canvas::Canvas;
use super::header::Header;
use super::notices::Notices;
use super::state::provide_app_state;

#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    view! {
        <div class="app">
            <Header />
            <Canvas />
            <Notices />
        </div>
    }
}
