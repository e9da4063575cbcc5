//! The map's filter, mirrored in the page address: what it asks, what it
//! leaves out of the open document, and whether its panel is shown.

use leptos::prelude::*;

use crate::domain::model::Document;
use crate::domain::status::Reading;
use crate::map::filter::{Filter, Filtered};

#[derive(Clone, Copy)]
pub struct MapFilter {
    pub current: RwSignal<Filter>,
    /// What the filter leaves out of the open document.
    pub filtered: Memo<Filtered>,
    /// Whether the filter's panel is shown beside the map.
    pub open: RwSignal<bool>,
}

impl MapFilter {
    pub(super) fn new(
        document: RwSignal<Document>,
        readings: Memo<std::collections::HashMap<String, Reading>>,
    ) -> MapFilter {
        let current = RwSignal::new(Filter::default());
        // Without a filter neither the document nor the statuses are read.
        let filtered = Memo::new(move |_| {
            current.with(|filter| {
                if !filter.is_active() {
                    return Filtered::default();
                }
                readings.with(|readings| {
                    document.with(|doc| filter.apply(doc, &|id| readings.get(id).map(|r| r.status)))
                })
            })
        });
        MapFilter {
            current,
            filtered,
            open: RwSignal::new(false),
        }
    }
}
