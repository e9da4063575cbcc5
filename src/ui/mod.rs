//! The components. Each file holds one component named after it; they read
//! the app state from context and change it only through `AppState`'s named
//! operations.

mod app;
mod canvas;
mod card;
mod header;
mod link_layer;
mod notices;
pub mod state;
mod toolbar;

pub use app::App;
pub use state::{AppState, Notice, NoticeKind};
