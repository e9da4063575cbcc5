//! Properties of the quality hints and alignment health on any canvas, beyond
//! the examples of their unit tests: the hint index holds every hint once, on
//! the right objective; the health figures partition the team objectives and
//! agree with the alignment graph and the support walk the slides read.
// Property tests run on the host only; the browser build has no proptest.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap};

use okr_canvas::domain::generate::generate;
use okr_canvas::domain::graph::AlignmentGraph;
use okr_canvas::domain::health::Health;
use okr_canvas::domain::hints::{hints, Hints};
use okr_canvas::domain::model::{Document, Level};
use okr_canvas::domain::support::{Support, SupportIndex};
use proptest::prelude::*;

/// A generated canvas, then roughed up: links dropped, key results cut or
/// made flat, objectives declared standalone, and some ids flagged to
/// re-align (some of them unknown).
fn roughed_up_canvas() -> impl Strategy<Value = (Document, BTreeSet<String>)> {
    (
        1usize..60,
        any::<u64>(),
        prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..4), 0..12),
        prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    )
        .prop_map(|(size, seed, dropped_links, changes, flagged)| {
            let mut doc = generate(size, seed);
            for pick in dropped_links {
                if !doc.links.is_empty() {
                    let index = pick.index(doc.links.len());
                    doc.links.remove(index);
                }
            }
            for (pick, change) in changes {
                let count = doc.objectives.len();
                let objective = &mut doc.objectives[pick.index(count)];
                match change {
                    0 => {
                        // Links to the cut key results go with them, as in the app.
                        let cut: Vec<String> = objective
                            .key_results
                            .iter()
                            .skip(1)
                            .map(|kr| kr.id.clone())
                            .collect();
                        objective.key_results.truncate(1);
                        doc.links.retain(|l| !cut.contains(&l.to));
                    }
                    1 => objective.standalone = Some("Our mission".into()),
                    2 => {
                        if let Some(kr) = objective.key_results.first_mut() {
                            kr.target = kr.start;
                            kr.unit = None;
                            kr.title = format!("Launch {}", kr.title);
                        }
                    }
                    _ => objective.kind = okr_canvas::domain::model::ObjectiveKind::Committed,
                }
            }
            let mut needs_realign: BTreeSet<String> = flagged
                .into_iter()
                .map(|pick| doc.objectives[pick.index(doc.objectives.len())].id.clone())
                .collect();
            needs_realign.insert("o-gone".into());
            (doc, needs_realign)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_hint_index_holds_every_hint_once_on_its_own_objective(
        (doc, _) in roughed_up_canvas()
    ) {
        let index = Hints::of(&doc);
        let listed = hints(&doc);
        prop_assert_eq!(index.all(), listed.as_slice());
        let mut total = 0;
        for objective in &doc.objectives {
            let own = index.of_objective(&objective.id);
            total += own.len();
            for hint in own {
                prop_assert_eq!(&hint.objective, &objective.id);
                if let Some(kr) = &hint.key_result {
                    prop_assert!(objective.key_results.iter().any(|k| &k.id == kr));
                }
                prop_assert!(!hint.message.is_empty() && !hint.why.is_empty());
            }
        }
        prop_assert_eq!(total, index.len());
    }

    #[test]
    fn health_partitions_team_objectives_as_the_graph_and_the_support_walk_see_them(
        (doc, needs_realign) in roughed_up_canvas()
    ) {
        let graph = AlignmentGraph::from_document(&doc);
        prop_assert!(graph.is_ok(), "a generated canvas keeps the rules");
        let Ok(graph) = graph else { return Ok(()); };
        let health = Health::of(&doc, &needs_realign);
        let levels: HashMap<&str, Level> =
            doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
        let team_objectives: Vec<_> = doc
            .objectives
            .iter()
            .filter(|o| levels.get(o.team.as_str()) != Some(&Level::Company))
            .collect();
        prop_assert_eq!(health.team_objectives, team_objectives.len());
        prop_assert_eq!(
            health.hard + health.soft_only + health.standalone + health.unaligned,
            health.team_objectives
        );
        let hard = team_objectives
            .iter()
            .filter(|o| graph.hard_parent_of(&o.id).is_some())
            .count();
        prop_assert_eq!(health.hard, hard);
        let soft_only = team_objectives
            .iter()
            .filter(|o| {
                graph.hard_parent_of(&o.id).is_none()
                    && graph.soft_links_of(&o.id).iter().any(|l| l.from == o.id)
            })
            .count();
        prop_assert_eq!(health.soft_only, soft_only);

        let index = SupportIndex::new(&doc);
        let unsupported: Vec<String> = doc
            .objectives
            .iter()
            .filter(|o| levels.get(o.team.as_str()) == Some(&Level::Company))
            .filter(|o| index.support_of(&o.id) == Support::default())
            .map(|o| o.id.clone())
            .collect();
        prop_assert_eq!(&health.unsupported, &unsupported);

        for id in &health.realign {
            prop_assert!(needs_realign.contains(id));
            prop_assert!(graph.hard_parent_of(id).is_none());
        }
        prop_assert!(!health.realign.iter().any(|id| id == "o-gone"));
        let shares = health.hard_share() + health.soft_only_share() + health.standalone_share()
            + health.unaligned_share();
        if health.team_objectives > 0 {
            prop_assert!((shares - 1.0).abs() < 1e-9);
        }
    }
}
