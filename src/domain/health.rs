//! Alignment health: how much of the organisation points at the company's
//! objectives, read both ways. From below, the share of team objectives
//! aligned by a hard link or by soft links only; from above, the company
//! objectives nothing supports. And the two lists a coach walks through after
//! a change of strategy: the objectives that lost their parent when a company
//! objective was removed, and the mission OKRs that stand alone on purpose,
//! with their reasons.
//!
//! Not everything needs to be aligned, so a standalone objective with a reason
//! is counted apart from the unaligned ones, never as a failure.
//!
//! Support is read as `support.rs` reads it: a link from an objective to
//! another objective or to one of its key results supports that objective.
//! Only whether anything supports a company objective matters here, not the
//! whole subtree, so one pass over the links answers it without building the
//! walking index (which indexes every key result, and costs several times
//! this whole pass on a large canvas). Linear in the size of the document.

use std::collections::BTreeSet;

use super::model::{Document, IdMap, IdSet, Level, LinkKind};

/// The alignment figures of one canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Health {
    /// Objectives of teams below the company level (departments, teams,
    /// individuals): the ones that may align upwards.
    pub team_objectives: usize,
    /// Of those, the ones with a hard parent.
    pub hard: usize,
    /// Without a hard parent, but soft-linked to something.
    pub soft_only: usize,
    /// Not linked, standing alone on purpose (a mission OKR with a reason).
    pub standalone: usize,
    /// Not linked, and no reason given.
    pub unaligned: usize,
    /// Company objectives with no hard child and no soft link to them or to
    /// their key results, in document order.
    pub unsupported: Vec<String>,
    /// Objectives flagged when their hard parent was deleted that still have
    /// no hard parent and no standalone reason, in document order.
    pub realign: Vec<String>,
    /// Team objectives that support nothing and give no reason, in document
    /// order, apart from those already listed to re-align.
    pub unaligned_objectives: Vec<String>,
    /// Every objective with a standalone reason, in document order.
    pub standalone_objectives: Vec<Standalone>,
}

/// A mission OKR and why it stands alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standalone {
    pub objective: String,
    /// As written; may be empty while the team has not said why yet.
    pub reason: String,
}

impl Health {
    /// The health of `doc`; `needs_realign` holds the objectives left without
    /// a parent by a deletion (the app keeps that set, the file does not).
    pub fn of(doc: &Document, needs_realign: &BTreeSet<String>) -> Health {
        let levels: IdMap<&str, Level> =
            doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
        // Which ends of the links exist: a link from or to nothing aligns
        // nothing. Only the links' own ends are looked up.
        let mut sources: IdMap<&str, bool> = IdMap::default();
        let mut targets: IdMap<&str, bool> = IdMap::default();
        for link in &doc.links {
            sources.insert(link.from.as_str(), false);
            targets.insert(link.to.as_str(), false);
        }
        for objective in &doc.objectives {
            if let Some(exists) = sources.get_mut(objective.id.as_str()) {
                *exists = true;
            }
            if let Some(exists) = targets.get_mut(objective.id.as_str()) {
                *exists = true;
            }
            for key_result in &objective.key_results {
                if let Some(exists) = targets.get_mut(key_result.id.as_str()) {
                    *exists = true;
                }
            }
        }
        let mut hard_linked: IdSet<&str> = IdSet::default();
        let mut soft_linked: IdSet<&str> = IdSet::default();
        // The objectives and key results something links to.
        let mut linked_to: IdSet<&str> = IdSet::default();
        for link in &doc.links {
            let from_exists = sources.get(link.from.as_str()).copied().unwrap_or(false);
            let to_exists = targets.get(link.to.as_str()).copied().unwrap_or(false);
            if !from_exists || !to_exists {
                continue;
            }
            linked_to.insert(link.to.as_str());
            match link.kind {
                LinkKind::Hard => hard_linked.insert(link.from.as_str()),
                LinkKind::Soft => soft_linked.insert(link.from.as_str()),
            };
        }

        let mut health = Health::default();
        for objective in &doc.objectives {
            let id = objective.id.as_str();
            let has_hard_parent = hard_linked.contains(id);
            if let Some(reason) = &objective.standalone {
                health.standalone_objectives.push(Standalone {
                    objective: objective.id.clone(),
                    reason: reason.clone(),
                });
            }
            let to_realign =
                needs_realign.contains(id) && !has_hard_parent && objective.standalone.is_none();
            if to_realign {
                health.realign.push(objective.id.clone());
            }
            match levels.get(objective.team.as_str()) {
                None => {}
                Some(Level::Company) => {
                    let supported = linked_to.contains(id)
                        || objective
                            .key_results
                            .iter()
                            .any(|kr| linked_to.contains(kr.id.as_str()));
                    if !supported {
                        health.unsupported.push(objective.id.clone());
                    }
                }
                Some(_) => {
                    health.team_objectives += 1;
                    if has_hard_parent {
                        health.hard += 1;
                    } else if soft_linked.contains(id) {
                        health.soft_only += 1;
                    } else if objective.standalone.is_some() {
                        health.standalone += 1;
                    } else {
                        health.unaligned += 1;
                        if !to_realign {
                            health.unaligned_objectives.push(objective.id.clone());
                        }
                    }
                }
            }
        }
        health
    }

    /// Team objectives aligned by a hard link or by soft links.
    pub fn aligned(&self) -> usize {
        self.hard + self.soft_only
    }

    /// The share of team objectives aligned, hard or soft (0 with none).
    pub fn aligned_share(&self) -> f64 {
        self.share(self.aligned())
    }

    /// The share of team objectives with a hard parent.
    pub fn hard_share(&self) -> f64 {
        self.share(self.hard)
    }

    /// The share of team objectives aligned by soft links only.
    pub fn soft_only_share(&self) -> f64 {
        self.share(self.soft_only)
    }

    /// The share of team objectives standing alone with a reason.
    pub fn standalone_share(&self) -> f64 {
        self.share(self.standalone)
    }

    /// The share of team objectives neither aligned nor standing alone.
    pub fn unaligned_share(&self) -> f64 {
        self.share(self.unaligned)
    }

    fn share(&self, count: usize) -> f64 {
        if self.team_objectives == 0 {
            0.0
        } else {
            count as f64 / self.team_objectives as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::graph::AlignmentGraph;
    use crate::domain::model::{KeyResult, Objective, Team};
    use crate::domain::support::{Support, SupportIndex};

    use crate::domain::sample_document as sample;

    fn team(id: &str, level: Level, parent: Option<&str>) -> Team {
        Team::new(id, id, level, parent)
    }

    fn objective(id: &str, team: &str) -> Objective {
        Objective {
            key_results: vec![KeyResult::new(format!("{id}-kr"), "Revenue", 0.0, 1.0)],
            ..Objective::new(id, team, format!("{id} title"))
        }
    }

    use crate::domain::test_link as link;

    fn ids(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }

    /// Two company objectives (one supported through a key result, one by
    /// nothing) and five team objectives, one of each alignment.
    fn canvas() -> Document {
        let mut doc = Document::new("Health");
        doc.teams = vec![
            team("co", Level::Company, None),
            team("dept", Level::Department, Some("co")),
            team("tm", Level::Team, Some("dept")),
            team("me", Level::Individual, Some("tm")),
        ];
        doc.objectives = vec![
            objective("c1", "co"),
            objective("c2", "co"),
            objective("d-hard", "dept"),
            objective("t-hard", "tm"),
            objective("t-soft", "tm"),
            {
                let mut o = objective("t-alone", "tm");
                o.standalone = Some("Our mission this quarter".into());
                o
            },
            objective("me-none", "me"),
        ];
        doc.links = vec![
            link("d-hard", "c1-kr", LinkKind::Hard),
            link("t-hard", "d-hard", LinkKind::Hard),
            link("t-soft", "d-hard", LinkKind::Soft),
            link("t-hard", "c2", LinkKind::Soft),
        ];
        doc
    }

    #[test]
    fn team_objectives_are_counted_hard_soft_standalone_or_unaligned() {
        let health = Health::of(&canvas(), &BTreeSet::new());
        assert_eq!(health.team_objectives, 5);
        assert_eq!(
            (
                health.hard,
                health.soft_only,
                health.standalone,
                health.unaligned
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(health.aligned(), 3);
        assert_eq!(health.aligned_share(), 0.6);
        assert_eq!(health.hard_share(), 0.4);
        assert_eq!(health.soft_only_share(), 0.2);
        assert_eq!(health.standalone_share(), 0.2);
        assert_eq!(health.unaligned_share(), 0.2);
        assert_eq!(ids(&health.unaligned_objectives), ["me-none"]);
        assert_eq!(
            health.standalone_objectives,
            [Standalone {
                objective: "t-alone".into(),
                reason: "Our mission this quarter".into()
            }]
        );
        // c2 is supported by a soft link from below, c1 through its key result.
        assert_eq!(health.unsupported, Vec::<String>::new());
    }

    #[test]
    fn a_company_objective_nothing_supports_is_listed_in_document_order() {
        let mut doc = canvas();
        doc.links.retain(|l| l.to != "c2");
        doc.objectives.push(objective("c3", "co"));
        let health = Health::of(&doc, &BTreeSet::new());
        assert_eq!(ids(&health.unsupported), ["c2", "c3"]);
        // Company objectives are not team objectives.
        assert_eq!(health.team_objectives, 5);
    }

    #[test]
    fn the_sample_is_mostly_aligned_with_one_mission_okr() {
        let health = Health::of(&sample(), &BTreeSet::new());
        assert_eq!(health.team_objectives, 21);
        assert_eq!(
            (
                health.hard,
                health.soft_only,
                health.standalone,
                health.unaligned
            ),
            (17, 2, 1, 1)
        );
        assert_eq!(ids(&health.unaligned_objectives), ["o-mkt-community"]);
        assert_eq!(health.unsupported, Vec::<String>::new());
        assert_eq!(health.standalone_objectives.len(), 1);
        assert_eq!(health.standalone_objectives[0].objective, "o-plat-builds");
        assert!(health.standalone_objectives[0]
            .reason
            .starts_with("The platform team's mission OKR"));
        assert!(health.realign.is_empty());
    }

    #[test]
    fn deleting_a_company_objective_lists_its_children_to_realign_until_relinked() {
        let doc = sample();
        let mut graph = match AlignmentGraph::from_document(&doc) {
            Ok(graph) => graph,
            Err(violations) => panic!("{violations:?}"),
        };
        let removal = match graph.remove_objective("o-first-week") {
            Ok(removal) => removal,
            Err(error) => panic!("{error}"),
        };
        let flagged: BTreeSet<String> = removal.unaligned.iter().cloned().collect();
        let after = graph.to_document();
        let health = Health::of(&after, &flagged);
        assert_eq!(ids(&health.realign), ["o-cx-week-one", "o-cx-retain"]);
        // Listed to re-align, not again as unaligned; o-sup-self-help lost
        // its only (soft) link, so it supports nothing now, with no parent
        // deleted under it to re-align to.
        assert_eq!(
            ids(&health.unaligned_objectives),
            ["o-mkt-community", "o-sup-self-help"]
        );
        assert_eq!(health.unaligned, 4);

        // The original canvas (undo) has them under their parent again.
        assert!(Health::of(&doc, &flagged).realign.is_empty());

        // Hard-linked again, or declared standalone, each is settled.
        if let Err(error) = graph.link("o-cx-week-one", "o-grow-arr", LinkKind::Hard) {
            panic!("{error}");
        }
        if let Err(error) = graph.update_objective("o-cx-retain", |o| {
            o.standalone = Some("Retention is our own mission now".into())
        }) {
            panic!("{error}");
        }
        let health = Health::of(&graph.to_document(), &flagged);
        assert!(health.realign.is_empty());
        // A flagged id that no longer exists is not listed.
        let gone = BTreeSet::from(["o-first-week".to_string()]);
        assert!(Health::of(&after, &gone).realign.is_empty());
    }

    #[test]
    fn unsupported_company_objectives_are_those_with_no_support_in_support_rs() {
        // The walk the slides and focus mode read is the oracle: a company
        // objective is listed exactly when it has no supporter there.
        let mut docs = vec![
            sample(),
            canvas(),
            crate::domain::generate::generate(600, 11),
        ];
        let mut cut = sample();
        cut.links
            .retain(|l| l.to != "o-reliable" && l.to != "kr-p95");
        docs.push(cut);
        for doc in &docs {
            let index = SupportIndex::new(doc);
            let levels: std::collections::HashMap<&str, Level> =
                doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
            let expected: Vec<String> = doc
                .objectives
                .iter()
                .filter(|o| levels.get(o.team.as_str()) == Some(&Level::Company))
                .filter(|o| index.support_of(&o.id) == Support::default())
                .map(|o| o.id.clone())
                .collect();
            assert_eq!(Health::of(doc, &BTreeSet::new()).unsupported, expected);
        }
        let mut cut = sample();
        cut.links
            .retain(|l| l.to != "o-reliable" && l.to != "kr-p95");
        assert_eq!(
            ids(&Health::of(&cut, &BTreeSet::new()).unsupported),
            ["o-reliable"]
        );
    }

    #[test]
    fn an_empty_canvas_has_no_shares_to_divide_by() {
        let health = Health::of(&Document::new("Empty"), &BTreeSet::new());
        assert_eq!(health, Health::default());
        assert_eq!(health.aligned_share(), 0.0);
    }

    #[test]
    fn links_to_nothing_and_unknown_teams_count_as_no_alignment() {
        let mut doc = canvas();
        doc.links.push(link("me-none", "ghost", LinkKind::Hard));
        doc.links.push(link("ghost", "c2", LinkKind::Soft));
        doc.objectives.push(objective("lost", "nowhere"));
        let health = Health::of(&doc, &BTreeSet::new());
        assert_eq!(health.unaligned, 1);
        assert_eq!(health.team_objectives, 5);
    }
}
