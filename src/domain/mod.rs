//! The OKR model and its rules: objectives, key results, teams and links; the
//! alignment graph that keeps every rule; progress, status, hints and health; the
//! file format (import, export, schema, share links) and the automatic layout.
//! Pure: no browser, no UI (checked by `tests/architecture.rs`).

pub mod check_ins;
pub mod compare;
pub mod copies;
pub mod cycle;
pub mod dates;
pub mod export;
pub mod generate;
pub mod graph;
pub mod health;
pub mod hints;
pub mod ids;
pub mod import;
pub mod layout;
pub mod merge;
pub mod model;
pub mod numbers;
pub mod placement;
pub mod progress;
pub mod retrospective;
pub mod sample;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod share;
pub mod status;
pub mod support;

/// The sample canvas the app opens with, for the core's unit tests.
#[cfg(test)]
pub(crate) fn sample_document() -> model::Document {
    match import::import(include_str!("../../public/examples/acme.okr.json").as_bytes()) {
        Ok(imported) => imported.document,
        Err(failure) => panic!("the sample does not load: {}", failure.summary()),
    }
}

/// A link without a note, for the core's unit tests.
#[cfg(test)]
pub(crate) fn test_link(from: &str, to: &str, kind: model::LinkKind) -> model::Link {
    model::Link {
        from: from.into(),
        to: to.into(),
        kind,
        note: None,
    }
}
