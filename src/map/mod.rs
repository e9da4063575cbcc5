//! The map as numbers, before anything draws it: what each card and link shows
//! (`scene`), sizes, curves and zoom steps (`geometry`), what a pointer is over
//! (`hit_test`), and what a filter lets through (`filter`). Pure: no browser, no
//! UI (checked by `tests/architecture.rs`); the components in `ui/` draw it.

pub mod filter;
pub mod geometry;
pub mod hit_test;
pub mod scene;
