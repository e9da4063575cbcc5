//! Properties of merging a returned file, for every canvas and every pair of
//! edits: a file merged into itself or into its own ancestor changes nothing,
//! changes on different objectives commute, the merged canvas always passes
//! the core's rules, and no input panics.
// Property tests run on the host only; the browser build has no proptest.
#![cfg(not(target_arch = "wasm32"))]

use okr_canvas::domain::generate::generate;
use okr_canvas::domain::graph::AlignmentGraph;
use okr_canvas::domain::merge::{apply, plan};
use okr_canvas::domain::model::Document;
use proptest::prelude::*;

/// An edit a team lead or the centre might make.
#[derive(Clone, Debug)]
enum Edit {
    Retitle(usize),
    MoveTarget(usize),
    Delete(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..64).prop_map(Edit::Retitle),
        (0usize..64).prop_map(Edit::MoveTarget),
        (0usize..64).prop_map(Edit::Delete),
    ]
}

/// `doc` with the edits made, each on the objective at its index (modulo the count).
fn edited(doc: &Document, edits: &[Edit], who: &str) -> Document {
    let mut doc = doc.clone();
    for edit in edits {
        let count = doc.objectives.len();
        if count == 0 {
            break;
        }
        match *edit {
            Edit::Retitle(i) => doc.objectives[i % count].title = format!("{who} {i}"),
            Edit::MoveTarget(i) => {
                if let Some(kr) = doc.objectives[i % count].key_results.first_mut() {
                    kr.target += 1.0;
                }
            }
            Edit::Delete(i) => {
                let id = doc.objectives[i % count].id.clone();
                let mut graph = AlignmentGraph::from_document(&doc).unwrap();
                graph.remove_objective(&id).unwrap();
                doc = graph.into_document();
            }
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_file_merged_into_itself_or_its_ancestor_changes_nothing(
        seed in any::<u64>(), size in 1usize..30, edits in prop::collection::vec(edit(), 0..6),
    ) {
        let ancestor = generate(size, seed);
        let canvas = edited(&ancestor, &edits, "centre");
        prop_assert!(plan(Some(&canvas), &canvas, &canvas).changes.is_empty());
        let merge = plan(Some(&ancestor), &canvas, &ancestor);
        prop_assert!(merge.changes.is_empty(), "{:?}", merge.changes);
        let merged = apply(&canvas, &merge, &|_, _| true).unwrap();
        prop_assert_eq!(&merged.objectives, &canvas.objectives);
        prop_assert_eq!(&merged.links, &canvas.links);
    }

    #[test]
    fn changes_to_different_objectives_commute(
        seed in any::<u64>(), size in 4usize..30, mine in 0usize..64, theirs in 0usize..64,
    ) {
        let ancestor = generate(size, seed);
        let count = ancestor.objectives.len();
        prop_assume!(mine % count != theirs % count);
        let canvas = edited(&ancestor, &[Edit::Retitle(mine), Edit::MoveTarget(mine)], "centre");
        let file = edited(&ancestor, &[Edit::Retitle(theirs), Edit::MoveTarget(theirs)], "team");
        let one = plan(Some(&ancestor), &canvas, &file);
        let other = plan(Some(&ancestor), &file, &canvas);
        prop_assert_eq!(one.conflicts(), 0);
        prop_assert_eq!(other.conflicts(), 0);
        let a = apply(&canvas, &one, &|_, _| true).unwrap();
        let b = apply(&file, &other, &|_, _| true).unwrap();
        prop_assert_eq!(a.objectives, b.objectives);
    }

    #[test]
    fn whatever_is_chosen_the_result_keeps_the_rules_and_nothing_panics(
        seed in any::<u64>(), size in 1usize..30,
        mine in prop::collection::vec(edit(), 0..6),
        theirs in prop::collection::vec(edit(), 0..6),
        choices in prop::collection::vec(any::<bool>(), 0..64),
        known in any::<bool>(),
    ) {
        let ancestor = generate(size, seed);
        let canvas = edited(&ancestor, &mine, "centre");
        let file = edited(&ancestor, &theirs, "team");
        let merge = plan(known.then_some(&ancestor), &canvas, &file);
        let choose = |i: usize, _: &_| choices.get(i).copied().unwrap_or(true);
        if let Ok(merged) = apply(&canvas, &merge, &choose) {
            prop_assert!(AlignmentGraph::from_document(&merged).is_ok());
            // Taken again, the file brings nothing that is not already there.
            let again = plan(known.then_some(&ancestor), &merged, &file);
            let all = apply(&merged, &again, &|_, _| true);
            if let (Ok(all), true) = (all, merge.conflicts() == 0 && choices.is_empty()) {
                prop_assert_eq!(all.objectives, merged.objectives);
            }
        }
    }
}
