//! Focus mode: one objective and everything that supports it stay lit while
//! the rest of the map is dimmed, for walking a room through the live map
//! instead of slides.
//!
//! What is lit is read from the core's `SupportIndex`, the walk the slides
//! use too, so the map lights exactly the objectives a slide would list. The
//! answer is one value compared as a whole: a change of the document that
//! leaves it the same (moving a card, editing a progress) wakes no card.

use std::collections::HashSet;

use crate::domain::model::Document;
use crate::domain::support::SupportIndex;

/// The focused objective and what stays lit with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Focus {
    pub title: String,
    /// How many objectives support it, hard or soft.
    pub supporters: usize,
    /// The focused objective and its supporters.
    lit: HashSet<String>,
}

impl Focus {
    /// Focus on the objective `id`, or `None` when the document has no such
    /// objective.
    pub fn of(document: &Document, id: &str) -> Option<Focus> {
        let objective = document.objectives.iter().find(|o| o.id == id)?;
        let index = SupportIndex::new(document);
        let mut lit: HashSet<String> = index
            .support_of(id)
            .ids()
            .into_iter()
            .filter(|supporter| *supporter != id)
            .map(str::to_string)
            .collect();
        let supporters = lit.len();
        lit.insert(id.to_string());
        Some(Focus {
            title: objective.title.clone(),
            supporters,
            lit,
        })
    }

    /// Whether the objective `id` stays lit.
    pub fn lights(&self, id: &str) -> bool {
        self.lit.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::sample_document as sample;

    #[test]
    fn a_company_objective_lights_itself_its_hard_subtree_and_its_soft_supporters() {
        let doc = sample();
        let Some(focus) = Focus::of(&doc, "o-grow-arr") else {
            panic!("o-grow-arr is in the sample");
        };
        assert_eq!(
            focus.title,
            "Become the invoice-automation platform Europe's mid-market runs on"
        );
        assert_eq!(focus.supporters, 7);
        let mut lit: Vec<&str> = doc
            .objectives
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| focus.lights(id))
            .collect();
        lit.sort_unstable();
        assert_eq!(
            lit,
            [
                "o-eng-erp",
                "o-ent-pipeline",
                "o-ent-references",
                "o-grow-arr",
                "o-int-connectors",
                "o-mkt-brand",
                "o-rev-enterprise",
                "o-rev-expansion",
            ]
        );
    }

    #[test]
    fn an_objective_not_in_the_document_is_no_focus() {
        assert_eq!(Focus::of(&sample(), "o-deleted"), None);
        assert_eq!(Focus::of(&sample(), "kr-arr"), None);
    }

    #[test]
    fn an_objective_is_never_counted_among_its_own_supporters() {
        // A soft link from an objective to its own key result breaks the
        // rules; a file that slipped past them still counts it once.
        let mut doc = sample();
        doc.links.push(crate::domain::model::Link {
            from: "o-grow-arr".into(),
            to: "kr-arr".into(),
            kind: crate::domain::model::LinkKind::Soft,
            note: None,
        });
        let Some(focus) = Focus::of(&doc, "o-grow-arr") else {
            panic!("o-grow-arr is in the sample");
        };
        assert_eq!(focus.supporters, 7);
        assert!(focus.lights("o-grow-arr"));
    }

    #[test]
    fn a_leaf_objective_lights_only_itself() {
        let Some(focus) = Focus::of(&sample(), "o-int-connectors") else {
            panic!("o-int-connectors is in the sample");
        };
        assert_eq!(focus.supporters, 0);
        assert!(focus.lights("o-int-connectors"));
        assert!(!focus.lights("o-eng-erp"));
    }
}
