//! The components. Each file holds one component named after it; they read
//! the app state from context and change it only through `AppState`'s named
//! operations.

mod app;
mod canvas;
mod card;
mod header;
mod inspector;
mod link_chooser;
mod link_layer;
mod link_picker;
mod minimap;
mod notices;
mod shortcuts;
pub mod state;
mod toolbar;

pub use app::App;
pub use inspector::{new_objective, Inspector, TeamForm};
pub use link_picker::LinkPicker;
pub use minimap::Minimap;
pub use state::{AppState, Notice, NoticeKind};
