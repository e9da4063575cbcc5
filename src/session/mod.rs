//! A person's work across time: one change and its undo step (`edit`), undo
//! and redo (`history`), the versions sent out as files (`sent`), the canvases kept in
//! this browser (`library`), and how they are stored so that no fault loses work
//! (`store`, written against a `Backend` the shell provides). Pure: no browser,
//! no UI (checked by `tests/architecture.rs`).

pub mod edit;
pub mod history;
pub mod library;
pub mod sent;
pub mod store;
