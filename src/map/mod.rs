//! The map as numbers, before anything draws it: what each card and link shows
//! (`scene`), sizes, curves and zoom steps (`geometry`), what a pointer is over
//! (`hit_test`), what a filter lets through (`filter`), and where the regions'
//! names go when the map is far out (`labels`). Pure: no browser, no
//! UI (checked by `tests/architecture.rs`); the components in `ui/` draw it.

pub mod filter;
pub mod geometry;
pub mod hit_test;
pub mod labels;
pub mod scene;
