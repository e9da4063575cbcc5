//! One change of the open document, as every editing door makes it: the
//! operation runs on the alignment graph of the document (so the core's rules
//! decide), and on success the changed document comes back while the one
//! before it becomes one named undo step. Objectives flagged to re-align are
//! settled inside that same step once they have a hard parent again, are
//! declared standalone, or are gone. A refusal changes nothing, not even the
//! history. The shell's `AppState::apply` holds the signals around this.

use super::history::History;
use crate::domain::graph::{AlignmentGraph, LinkError, RuleError, RuleViolation};
use crate::domain::model::Document;

/// Runs `operation` on `before`, recording `before` in `history` as the step
/// `label` when it succeeds; returns the new document and what the operation
/// returned.
pub fn change<T>(
    history: &mut History<Document>,
    before: Document,
    label: &str,
    operation: impl FnOnce(&mut AlignmentGraph) -> Result<T, RuleError>,
) -> Result<(Document, T), RuleError> {
    // Only the operation differs from one change to the next: the rest is
    // written once, not once per kind of change.
    let mut graph = graph_of(&before)?;
    let result = operation(&mut graph)?;
    Ok((recorded(history, before, label, graph), result))
}

/// The graph of the open document. It was checked when it was opened, so
/// this only fails on a defect; the rule it breaks is returned, not panicked on.
fn graph_of(document: &Document) -> Result<AlignmentGraph, RuleError> {
    AlignmentGraph::from_document(document).map_err(first_rule)
}

/// Records `before` as the step `label` and returns the changed document,
/// with the flags to re-align the change settles cleared.
fn recorded(
    history: &mut History<Document>,
    before: Document,
    label: &str,
    mut graph: AlignmentGraph,
) -> Document {
    let flagged = before.objectives.iter().any(|o| o.realign);
    history.record(before, label);
    if flagged {
        let settled: Vec<String> = graph
            .objectives()
            .filter(|o| {
                o.realign && (o.standalone.is_some() || graph.hard_parent_of(&o.id).is_some())
            })
            .map(|o| o.id.clone())
            .collect();
        for id in settled {
            let _ = graph.update_objective(&id, |o| o.realign = false);
        }
    }
    graph.into_document()
}

/// The first rule a document breaks, for a refusal in words (an empty list,
/// which the core never gives, reads as an unknown link).
pub fn first_rule(violations: Vec<RuleViolation>) -> RuleError {
    violations
        .into_iter()
        .next()
        .map(|violation| violation.error)
        .unwrap_or(RuleError::Link(LinkError::UnknownSource {
            id: String::new(),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::LinkKind;
    use crate::domain::sample_document as sample;

    /// An objective with no hard parent that is not declared standalone, and
    /// an objective it may hang under.
    fn unaligned_and_parent(doc: &Document) -> (String, String) {
        let graph = AlignmentGraph::from_document(doc).unwrap();
        doc.objectives
            .iter()
            .filter(|o| o.standalone.is_none() && graph.hard_parent_of(&o.id).is_none())
            .find_map(|o| {
                graph
                    .valid_targets(&o.id)
                    .into_iter()
                    .find(|t| t.hard.is_ok() && doc.objectives.iter().any(|p| p.id == t.id))
                    .map(|t| (o.id.clone(), t.id))
            })
            .expect("an objective to align")
    }

    #[test]
    fn a_change_is_the_new_document_and_one_named_undo_step() {
        let mut history = History::default();
        let before = sample();
        let id = before.objectives[0].id.clone();
        let (after, ()) = change(&mut history, before.clone(), "Rename", |g| {
            g.update_objective(&id, |o| o.title = "Renamed".into())
                .map_err(RuleError::from)
        })
        .unwrap();
        assert_eq!(after.objectives[0].title, "Renamed");
        assert_eq!(history.undo(after), Some((before, "Rename".to_string())));
    }

    #[test]
    fn a_refusal_changes_nothing_not_even_the_history() {
        let mut history = History::default();
        let before = sample();
        let refused = change(&mut history, before.clone(), "Link", |g| {
            g.link(
                "no-such-objective",
                &before.objectives[0].id,
                LinkKind::Hard,
            )
            .map_err(RuleError::from)
        });
        assert!(matches!(refused, Err(RuleError::Link(_))));
        assert!(!history.can_undo());
    }

    #[test]
    fn a_flag_to_realign_is_settled_in_the_step_that_gives_a_hard_parent() {
        let mut history = History::default();
        let mut before = sample();
        let (child, parent) = unaligned_and_parent(&before);
        let flagged = |doc: &Document| {
            doc.objectives
                .iter()
                .find(|o| o.id == child)
                .is_some_and(|o| o.realign)
        };
        before
            .objectives
            .iter_mut()
            .filter(|o| o.id == child)
            .for_each(|o| o.realign = true);
        // A change that leaves it unaligned keeps the flag.
        let (kept, ()) = change(&mut history, before.clone(), "Move", |g| {
            g.set_position(&child, crate::domain::model::Position { x: 1.0, y: 2.0 })
                .map_err(RuleError::from)
        })
        .unwrap();
        assert!(flagged(&kept));
        // Linked under a parent, the flag goes in the same step, and comes
        // back with its undo.
        let (linked, ()) = change(&mut history, kept.clone(), "Link", |g| {
            g.link(&child, &parent, LinkKind::Hard)
                .map_err(RuleError::from)
        })
        .unwrap();
        assert!(!flagged(&linked));
        let (undone, _) = history.undo(linked).unwrap();
        assert!(flagged(&undone));
    }

    #[test]
    fn a_document_that_breaks_a_rule_is_refused_with_the_rule_not_a_panic() {
        let mut history = History::default();
        let mut broken = sample();
        let id = broken.objectives[0].id.clone();
        broken.objectives.push(broken.objectives[0].clone());
        let refused = change(&mut history, broken, "Anything", |_| Ok(()));
        assert!(refused.is_err(), "{id} twice");
        assert!(!history.can_undo());
    }
}
