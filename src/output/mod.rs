//! What the app writes for people to read elsewhere: the slides, the map as one
//! SVG picture, the Markdown outline, and the plain markup trees (slides, Review
//! panel, a merge's and a spreadsheet's previews) the shell turns into DOM. Pure: no browser, no UI (checked by
//! `tests/architecture.rs`).

pub mod markup;
pub mod merge_markup;
pub mod outline;
pub mod picture;
pub mod review_markup;
pub mod sheet_markup;
pub mod slide_pages;
pub mod slides;
