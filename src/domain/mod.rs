//! The pure core.

pub mod check_ins;
pub mod cycle;
pub mod dates;
pub mod export;
pub mod generate;
pub mod graph;
pub mod health;
pub mod hints;
pub mod import;
pub mod layout;
pub mod model;
pub mod numbers;
pub mod outline;
pub mod progress;
pub mod retrospective;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod share;
pub mod status;
pub mod support;
