//! The thin shell around the browser: storage, files, downloads, the address,
//! the clock, fullscreen, drawing on a `<canvas>`, the importer worker, behind small functions with
//! errors as values. The core never touches browser APIs (`tests/architecture.rs`
//! checks it); components use these helpers, and call `web_sys` themselves only
//! for the events and elements they handle (pointer and key events, focus).

pub mod boot;
pub mod canvas2d;
pub mod clock;
pub mod dom;
pub mod download;
pub mod embedding;
pub mod files;
pub mod fullscreen;
pub mod importer;
pub mod location;
pub mod mark;
pub mod offline;
pub mod panic;
pub mod storage;
pub mod window;
