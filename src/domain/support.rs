//! What supports an objective: the hard subtree under it and the soft links
//! pointing at it. Presenting walks this for each company objective's slide,
//! and focus mode lights exactly these cards on the map, so both read the same
//! answer from here.
//!
//! A link to one of an objective's key results counts as support of the
//! objective, with the key result named. The walk follows hard links only
//! downwards and visits each objective once, so a document that slipped past
//! the rules (a hard cycle, a second hard parent) cannot make it loop.

use std::collections::{HashMap, HashSet};

use super::model::{Document, LinkKind, Objective};

/// One objective in the hard subtree of another.
#[derive(Clone, Debug, PartialEq)]
pub struct HardSupporter<'a> {
    pub objective: &'a Objective,
    /// 1 for a direct child, 2 for its children, and so on.
    pub depth: usize,
    /// The objective it links to (its parent in the subtree).
    pub parent: &'a str,
    /// The parent's key result it links to, when it links to one.
    pub key_result: Option<&'a str>,
}

/// An objective soft-linked to the supported objective or one of its key results.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftSupporter<'a> {
    pub objective: &'a Objective,
    pub key_result: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Everything that supports one objective.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Support<'a> {
    /// The hard subtree, depth first, each child after its parent, children in
    /// link order.
    pub hard: Vec<HardSupporter<'a>>,
    /// Soft links to the objective or its key results, in link order.
    pub soft: Vec<SoftSupporter<'a>>,
}

impl Support<'_> {
    /// The ids of every supporting objective, hard or soft.
    pub fn ids(&self) -> HashSet<&str> {
        self.hard
            .iter()
            .map(|s| s.objective.id.as_str())
            .chain(self.soft.iter().map(|s| s.objective.id.as_str()))
            .collect()
    }
}

/// The links of a document indexed for walking down the tree.
pub struct SupportIndex<'a> {
    objectives: HashMap<&'a str, &'a Objective>,
    /// Key result id → its objective's id.
    owner_of_key_result: HashMap<&'a str, &'a str>,
    /// Objective id → (child, key result linked to or None), in link order.
    hard_children: HashMap<&'a str, Vec<(&'a Objective, Option<&'a str>)>>,
    soft_supporters: HashMap<&'a str, Vec<SoftSupporter<'a>>>,
    /// Objectives that link to anything, hard or soft.
    linking: HashSet<&'a str>,
    team_parents: HashMap<&'a str, &'a str>,
}

impl<'a> SupportIndex<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut objectives = HashMap::new();
        let mut owner_of_key_result = HashMap::new();
        for objective in &doc.objectives {
            objectives.entry(objective.id.as_str()).or_insert(objective);
            for key_result in &objective.key_results {
                owner_of_key_result
                    .entry(key_result.id.as_str())
                    .or_insert(objective.id.as_str());
            }
        }
        let mut hard_children: HashMap<&str, Vec<_>> = HashMap::new();
        let mut soft_supporters: HashMap<&str, Vec<_>> = HashMap::new();
        let mut linking = HashSet::new();
        for link in &doc.links {
            let Some(&child) = objectives.get(link.from.as_str()) else {
                continue;
            };
            let (target, key_result) = match owner_of_key_result.get(link.to.as_str()) {
                Some(&owner) => (owner, Some(link.to.as_str())),
                None if objectives.contains_key(link.to.as_str()) => (link.to.as_str(), None),
                None => continue,
            };
            linking.insert(child.id.as_str());
            match link.kind {
                LinkKind::Hard => hard_children
                    .entry(target)
                    .or_default()
                    .push((child, key_result)),
                LinkKind::Soft => soft_supporters
                    .entry(target)
                    .or_default()
                    .push(SoftSupporter {
                        objective: child,
                        key_result,
                        note: link.note.as_deref(),
                    }),
            }
        }
        SupportIndex {
            objectives,
            owner_of_key_result,
            hard_children,
            soft_supporters,
            linking,
            team_parents: doc
                .teams
                .iter()
                .filter_map(|t| Some((t.id.as_str(), t.parent.as_deref()?)))
                .collect(),
        }
    }

    /// What supports the objective `id` (nothing, for an unknown id).
    pub fn support_of(&self, id: &str) -> Support<'a> {
        let mut support = Support::default();
        let Some(&root) = self.objectives.get(id) else {
            return support;
        };
        let mut seen: HashSet<&str> = HashSet::from([root.id.as_str()]);
        // Pre-order depth first: each child comes right before its own
        // subtree; children are pushed in reverse so they pop in link order.
        let mut stack: Vec<HardSupporter<'a>> = Vec::new();
        self.push_children(root.id.as_str(), 0, &mut seen, &mut stack);
        while let Some(supporter) = stack.pop() {
            self.push_children(
                supporter.objective.id.as_str(),
                supporter.depth,
                &mut seen,
                &mut stack,
            );
            support.hard.push(supporter);
        }
        support.soft = self.soft_supporters.get(id).cloned().unwrap_or_default();
        support
    }

    fn push_children(
        &self,
        parent: &'a str,
        depth: usize,
        seen: &mut HashSet<&'a str>,
        stack: &mut Vec<HardSupporter<'a>>,
    ) {
        let children = self.hard_children.get(parent).map(Vec::as_slice);
        let fresh: Vec<HardSupporter<'a>> = children
            .unwrap_or_default()
            .iter()
            .filter(|(child, _)| seen.insert(child.id.as_str()))
            .map(|&(objective, key_result)| HardSupporter {
                objective,
                depth: depth + 1,
                parent,
                key_result,
            })
            .collect();
        stack.extend(fresh.into_iter().rev());
    }

    /// Whether the objective `id` links to anything, hard or soft.
    pub fn links_anything(&self, id: &str) -> bool {
        self.linking.contains(id)
    }

    /// The team `id` and the teams above it, nearest first.
    pub fn team_and_ancestors(&self, id: &'a str) -> Vec<&'a str> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(&parent) = self.team_parents.get(current) {
            if chain.contains(&parent) {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        chain
    }

    /// The objective that owns the key result `id`.
    pub fn owner_of_key_result(&self, id: &str) -> Option<&'a str> {
        self.owner_of_key_result.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{KeyResult, Level, Team};
    use crate::domain::sample_document as sample;

    /// (objective, depth, parent, key result) of each hard supporter, in order.
    fn hard_of<'a>(support: &Support<'a>) -> Vec<(&'a str, usize, &'a str, Option<&'a str>)> {
        support
            .hard
            .iter()
            .map(|s| (s.objective.id.as_str(), s.depth, s.parent, s.key_result))
            .collect()
    }

    /// (objective, key result, note) of each soft supporter, in order.
    fn soft_of<'a>(support: &Support<'a>) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>)> {
        support
            .soft
            .iter()
            .map(|s| (s.objective.id.as_str(), s.key_result, s.note))
            .collect()
    }

    fn objective(id: &str, team: &str, key_results: &[&str]) -> Objective {
        Objective {
            key_results: key_results
                .iter()
                .map(|id| KeyResult::new(*id, format!("{id} title"), 0.0, 10.0))
                .collect(),
            ..Objective::new(id, team, format!("{id} title"))
        }
    }

    use crate::domain::test_link as link;

    #[test]
    fn the_sample_company_objective_has_its_hard_subtree_depth_first_in_link_order() {
        let doc = sample();
        let index = SupportIndex::new(&doc);
        let support = index.support_of("o-grow-arr");
        assert_eq!(
            hard_of(&support),
            [
                ("o-eng-erp", 1, "o-grow-arr", Some("kr-new-logos")),
                ("o-int-connectors", 2, "o-eng-erp", None),
                ("o-rev-enterprise", 1, "o-grow-arr", None),
                (
                    "o-ent-pipeline",
                    2,
                    "o-rev-enterprise",
                    Some("kr-rev-enterprise-arr")
                ),
                ("o-ent-references", 2, "o-rev-enterprise", None),
                ("o-rev-expansion", 1, "o-grow-arr", Some("kr-nrr")),
            ]
        );
        assert_eq!(
            soft_of(&support),
            [(
                "o-mkt-brand",
                Some("kr-new-logos"),
                Some("Brand lifts inbound demand, but new logos are owned by Sales")
            )]
        );
        let mut ids: Vec<&str> = support.ids().into_iter().collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "o-eng-erp",
                "o-ent-pipeline",
                "o-ent-references",
                "o-int-connectors",
                "o-mkt-brand",
                "o-rev-enterprise",
                "o-rev-expansion",
            ]
        );
    }

    #[test]
    fn soft_supporters_are_the_objectives_own_in_link_order_with_their_key_result() {
        let doc = sample();
        let index = SupportIndex::new(&doc);
        let support = index.support_of("o-first-week");
        assert_eq!(
            soft_of(&support)
                .into_iter()
                .map(|(id, key_result, _)| (id, key_result))
                .collect::<Vec<_>>(),
            [
                ("o-sup-self-help", None),
                ("o-rev-expansion", None),
                ("o-ent-references", Some("kr-nps")),
            ]
        );
        // Soft links into the subtree (o-plat-month-end → kr-p95 is o-reliable's)
        // support that objective, not this one.
        assert!(!support.ids().contains("o-plat-month-end"));
        assert_eq!(
            hard_of(&support),
            [
                ("o-cx-week-one", 1, "o-first-week", None),
                (
                    "o-int-self-serve",
                    2,
                    "o-cx-week-one",
                    Some("kr-cx-week-one")
                ),
                ("o-onb-go-live", 2, "o-cx-week-one", Some("kr-cx-week-one")),
                ("o-cx-retain", 1, "o-first-week", Some("kr-gross-churn")),
                ("o-sup-answer", 2, "o-cx-retain", None),
                ("o-onb-handover", 2, "o-cx-retain", None),
            ]
        );
    }

    #[test]
    fn a_hard_cycle_or_a_second_hard_parent_is_walked_once_per_objective() {
        // The rules forbid both; a document that slipped past them must not
        // make the walk loop or list an objective twice.
        let mut doc = Document::new("Broken");
        doc.teams = vec![Team::new("t", "T", Level::Team, None)];
        doc.objectives = vec![
            objective("a", "t", &["kr-a"]),
            objective("b", "t", &[]),
            objective("c", "t", &[]),
            objective("d", "t", &[]),
        ];
        doc.links = vec![
            link("b", "a", LinkKind::Hard),
            link("a", "b", LinkKind::Hard),
            link("c", "b", LinkKind::Hard),
            link("d", "kr-a", LinkKind::Hard),
            link("d", "b", LinkKind::Hard),
            link("a", "kr-a", LinkKind::Soft),
        ];
        let index = SupportIndex::new(&doc);
        let support = index.support_of("a");
        assert_eq!(
            hard_of(&support),
            [
                ("b", 1, "a", None),
                ("c", 2, "b", None),
                ("d", 1, "a", Some("kr-a")),
            ]
        );
        // The hard walk never comes back to the root; a soft link from the
        // root to its own key result (against the rules too) is listed as is.
        assert_eq!(soft_of(&support), [("a", Some("kr-a"), None)]);
        assert_eq!(
            hard_of(&index.support_of("b")),
            [
                ("a", 1, "b", None),
                ("c", 1, "b", None),
                ("d", 1, "b", None)
            ]
        );
    }

    #[test]
    fn an_unknown_id_or_a_key_result_id_has_no_support() {
        let doc = sample();
        let index = SupportIndex::new(&doc);
        assert_eq!(index.support_of("o-missing"), Support::default());
        assert!(index.support_of("o-missing").ids().is_empty());
        // A key result is supported through its objective, not by itself.
        assert_eq!(index.support_of("kr-new-logos"), Support::default());
        // A leaf objective exists but nothing supports it.
        assert_eq!(index.support_of("o-int-connectors"), Support::default());
    }
}
