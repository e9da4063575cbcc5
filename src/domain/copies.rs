//! Copies of cards, for Copy, Cut, Paste and Duplicate: what a copy holds
//! (the objectives with their key results and check-ins, and the links among
//! them), and the same cards again under ids the document does not use yet,
//! their inner links following them. Where the copies go is
//! [`crate::domain::placement`]'s; adding them is the graph's, in one step.

use std::collections::{HashMap, HashSet};

use super::ids::CardIds;
use super::model::{Document, Link, Objective};

/// Cards taken from a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    pub objectives: Vec<Objective>,
    /// The links between the copied cards (or their key results); a link to
    /// a card left behind is not part of the copy.
    pub links: Vec<Link>,
}

impl Clip {
    /// The objectives `ids` of `doc` (those that exist), in the document's
    /// order, with the links among them; `None` when none exists.
    pub fn of(doc: &Document, ids: &[String]) -> Option<Clip> {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let objectives: Vec<Objective> = doc
            .objectives
            .iter()
            .filter(|o| wanted.contains(o.id.as_str()))
            .cloned()
            .collect();
        if objectives.is_empty() {
            return None;
        }
        let inside: HashSet<&str> = objectives
            .iter()
            .flat_map(|o| {
                std::iter::once(o.id.as_str()).chain(o.key_results.iter().map(|k| k.id.as_str()))
            })
            .collect();
        let links = doc
            .links
            .iter()
            .filter(|l| inside.contains(l.from.as_str()) && inside.contains(l.to.as_str()))
            .cloned()
            .collect();
        Some(Clip { objectives, links })
    }

    /// The copied cards under ids `doc` does not use (objectives
    /// `<objective_prefix>-<n>`, key results `<key_result_prefix>-<n>`; the
    /// caller marks the prefixes as its own), with the links among them
    /// renamed to match, and for each copy the id of the card it copies.
    pub fn fresh_for(
        &self,
        doc: &Document,
        objective_prefix: &str,
        key_result_prefix: &str,
    ) -> (Vec<(String, Objective)>, Vec<Link>) {
        let mut ids = CardIds::of(doc);
        let mut renamed: HashMap<String, String> = HashMap::new();
        let copies = self
            .objectives
            .iter()
            .map(|original| {
                let mut copy = original.clone();
                copy.id = ids.fresh(objective_prefix);
                // A copy starts without the original's place in the alignment.
                copy.realign = false;
                renamed.insert(original.id.clone(), copy.id.clone());
                for kr in &mut copy.key_results {
                    let id = ids.fresh(key_result_prefix);
                    renamed.insert(std::mem::replace(&mut kr.id, id.clone()), id);
                }
                (original.id.clone(), copy)
            })
            .collect();
        let links = self
            .links
            .iter()
            .filter_map(|link| {
                Some(Link {
                    from: renamed.get(&link.from)?.clone(),
                    to: renamed.get(&link.to)?.clone(),
                    ..link.clone()
                })
            })
            .collect();
        (copies, links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::graph::AlignmentGraph;
    use crate::domain::sample_document as sample;

    #[test]
    fn a_copy_holds_the_cards_and_only_the_links_among_them() {
        let doc = sample();
        let child = doc
            .links
            .iter()
            .find(|l| doc.objectives.iter().any(|o| o.id == l.to))
            .expect("the sample links an objective to an objective");
        let ids = vec![child.from.clone(), child.to.clone()];
        let clip = Clip::of(&doc, &ids).unwrap();
        assert_eq!(clip.objectives.len(), 2);
        assert!(clip.links.contains(child));
        let inside = |id: &str| {
            clip.objectives
                .iter()
                .any(|o| o.id == id || o.key_results.iter().any(|k| k.id == id))
        };
        assert!(clip.links.iter().all(|l| inside(&l.from) && inside(&l.to)));
        assert_eq!(Clip::of(&doc, &["nothing".to_string()]), None);
    }

    #[test]
    fn fresh_copies_use_new_ids_and_pass_the_rules_once_added() {
        let doc = sample();
        let ids: Vec<String> = doc
            .objectives
            .iter()
            .take(6)
            .map(|o| o.id.clone())
            .collect();
        let clip = Clip::of(&doc, &ids).unwrap();
        let (copies, links) = clip.fresh_for(&doc, "o", "kr");
        assert_eq!(copies.len(), clip.objectives.len());
        assert_eq!(links.len(), clip.links.len());
        let mut all_ids: HashSet<String> = HashSet::new();
        for o in &doc.objectives {
            all_ids.insert(o.id.clone());
            all_ids.extend(o.key_results.iter().map(|k| k.id.clone()));
        }
        for (original, copy) in &copies {
            assert_ne!(original, &copy.id);
            assert!(all_ids.insert(copy.id.clone()), "{} is taken", copy.id);
            for kr in &copy.key_results {
                assert!(all_ids.insert(kr.id.clone()), "{} is taken", kr.id);
            }
        }
        // Added to the document through the graph, every rule still holds.
        let mut graph = AlignmentGraph::from_document(&doc).unwrap();
        for (_, copy) in copies {
            graph.add_objective(copy).unwrap();
        }
        for link in links {
            graph.link(&link.from, &link.to, link.kind).unwrap();
        }
        let after = graph.into_document();
        assert!(AlignmentGraph::from_document(&after).is_ok());
    }
}
