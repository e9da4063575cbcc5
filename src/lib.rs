//! OKR Canvas.
pub mod domain;

pub fn start() {}
