//! The thin shell around the browser: everything that calls `web_sys` lives
//! here, behind small functions with errors as values, so components and the
//! core never touch browser APIs directly.

pub mod canvas2d;
pub mod clock;
pub mod dom;
pub mod download;
pub mod embedding;
pub mod files;
pub mod fullscreen;
pub mod location;
pub mod panic;
pub mod storage;
pub mod window;
