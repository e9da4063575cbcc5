//! The components. Most files hold one component named after it, with the
//! small components only it uses; they read the app state from context and
//! change it only through `AppState`'s named operations. `drag` and `frame` are the exceptions: the steps of a card
//! press, shared by the cards' markup and the far-zoomed drawn map; and the
//! once-per-frame redraw of a `<canvas>`, shared by the drawn map and the
//! minimap.

mod app;
mod canvas;
mod canvas_list;
mod card;
mod card_marks;
mod commands;
mod cycle_button;
mod cycle_dialog;
mod dialog;
mod drag;
mod drawn_map;
mod edits;
mod file_drop;
mod filter_panel;
mod focus_bar;
mod frame;
mod header;
mod import_errors;
mod inspector;
mod lazy;
mod link_chooser;
mod link_layer;
mod link_picker;
mod loaded;
mod merge_dialog;
mod minimap;
mod next_cycle_dialog;
mod notices;
mod presentation;
mod progress;
mod review;
mod review_panel;
mod save_conflict;
mod score_view;
mod share_dialog;
mod shared_banner;
mod sheet_dialog;
mod shortcuts;
pub mod state;
mod teams_dialog;
mod toolbar;

pub use app::App;
pub use inspector::{new_objective, Inspector, TeamForm};
pub use link_picker::LinkPicker;
pub use minimap::Minimap;
pub use state::{AppState, Notice, NoticeKind};
