//! The tests of `domain/layout.rs`: beside the code, in a file of their own for length.

use super::*;

fn card(rank: u8, hard_parent: Option<usize>) -> LayoutNode {
    LayoutNode {
        width: 200.0,
        height: 100.0,
        hard_parent,
        group: 0,
        rank,
        fixed: None,
    }
}

fn sized(width: f64, height: f64, rank: u8, hard_parent: Option<usize>) -> LayoutNode {
    LayoutNode {
        width,
        height,
        ..card(rank, hard_parent)
    }
}

fn centre_x(nodes: &[LayoutNode], at: &[Point], v: usize) -> f64 {
    at[v].x + nodes[v].width / 2.0
}

/// Pairs of cards whose rectangles share more than a rounding error of area.
fn overlapping_pairs(nodes: &[LayoutNode], at: &[Point]) -> Vec<(usize, usize)> {
    const SLACK: f64 = 1e-6;
    let mut pairs = Vec::new();
    for a in 0..nodes.len() {
        for b in a + 1..nodes.len() {
            let overlap_x =
                (at[a].x + nodes[a].width).min(at[b].x + nodes[b].width) - at[a].x.max(at[b].x);
            let overlap_y =
                (at[a].y + nodes[a].height).min(at[b].y + nodes[b].height) - at[a].y.max(at[b].y);
            if overlap_x > SLACK && overlap_y > SLACK {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

/// A company objective with two departments, the first with two teams.
fn small_tree() -> Vec<LayoutNode> {
    vec![
        card(0, None),
        card(1, Some(0)),
        card(1, Some(0)),
        card(2, Some(1)),
        card(2, Some(1)),
    ]
}

#[test]
fn parents_sit_above_their_children_and_centred_over_them() {
    let nodes = small_tree();
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
    for (child, parent) in [(1, 0), (2, 0), (3, 1), (4, 1)] {
        assert!(at[parent].y + nodes[parent].height < at[child].y);
    }
    let midpoint = |a, b| (centre_x(&nodes, &at, a) + centre_x(&nodes, &at, b)) / 2.0;
    assert!((centre_x(&nodes, &at, 0) - midpoint(1, 2)).abs() < 1e-9);
    assert!((centre_x(&nodes, &at, 1) - midpoint(3, 4)).abs() < 1e-9);
    assert!(overlapping_pairs(&nodes, &at).is_empty());
}

#[test]
fn leaf_children_stack_in_a_column_under_their_parent() {
    let nodes = small_tree();
    let options = LayoutOptions::default();
    let at = layout(&nodes, &options, LayoutMode::TidyAll);
    assert_eq!(at[3].x, at[4].x, "one column");
    assert_eq!(at[4].y, at[3].y + nodes[3].height + options.stack_gap);
    assert!((centre_x(&nodes, &at, 1) - centre_x(&nodes, &at, 3)).abs() < 1e-9);
    assert_eq!(at[0].y, 0.0, "the company row is the top row");
    let leftmost = at.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    assert_eq!(leftmost, 0.0, "the layout starts at the origin");
}

#[test]
fn many_leaves_make_several_columns_of_at_most_the_stack_depth() {
    let options = LayoutOptions::default();
    let mut nodes = vec![card(1, None)];
    nodes.extend((0..9).map(|_| card(2, Some(0))));
    let at = layout(&nodes, &options, LayoutMode::TidyAll);
    let mut columns: Vec<f64> = at[1..].iter().map(|p| p.x).collect();
    columns.dedup();
    assert_eq!(columns.len(), 3, "{at:?}");
    assert!(overlapping_pairs(&nodes, &at).is_empty());
    let first = at[1].x;
    let last = at[9].x + nodes[9].width;
    assert!((centre_x(&nodes, &at, 0) - (first + last) / 2.0).abs() < 1e-9);
}

#[test]
fn a_wide_organisation_wraps_into_bands_shaped_like_the_window() {
    // Forty company objectives with a department objective each: one row
    // would be forty cards wide.
    let mut nodes = Vec::new();
    for i in 0..40 {
        nodes.push(card(0, None));
        nodes.push(card(1, Some(2 * i)));
    }
    for aspect in [0.8, 1.6, 3.0] {
        let options = LayoutOptions {
            aspect_ratio: aspect,
            ..LayoutOptions::default()
        };
        let at = layout(&nodes, &options, LayoutMode::TidyAll);
        assert!(overlapping_pairs(&nodes, &at).is_empty());
        assert_shape_near(&nodes, &at, aspect, "40 trees");
        for i in 0..40 {
            assert_eq!(
                centre_x(&nodes, &at, 2 * i),
                centre_x(&nodes, &at, 2 * i + 1)
            );
            assert!(
                at[2 * i + 1].y > at[2 * i].y,
                "a child stays below its parent"
            );
        }
    }
}

#[test]
fn each_level_has_its_own_row_even_when_a_link_skips_one() {
    // A team objective hard-linked straight to the company sits in the team row.
    let nodes = vec![
        card(0, None),
        card(1, Some(0)),
        card(2, Some(1)),
        card(2, Some(0)),
    ];
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
    assert_eq!(at[2].y, at[3].y);
    assert!(at[1].y < at[3].y);
    assert!(overlapping_pairs(&nodes, &at).is_empty());
}

#[test]
fn taller_cards_push_the_next_row_down() {
    let options = LayoutOptions::default();
    let nodes = vec![
        sized(200.0, 100.0, 0, None),
        sized(200.0, 400.0, 1, Some(0)),
        sized(200.0, 60.0, 1, Some(0)),
        sized(200.0, 60.0, 2, Some(2)),
    ];
    let at = layout(&nodes, &options, LayoutMode::TidyAll);
    assert_eq!(at[1].y, at[2].y, "one row is top-aligned");
    assert_eq!(at[3].y, at[1].y + 400.0 + options.row_gap);
}

#[test]
fn unaligned_objectives_stand_in_one_block_a_stack_per_team() {
    let options = LayoutOptions::default();
    let mut nodes = small_tree();
    let unaligned = |group| LayoutNode {
        group,
        ..card(2, None)
    };
    nodes.extend([unaligned(7), unaligned(3), unaligned(7)]);
    let at = layout(&nodes, &options, LayoutMode::TidyAll);
    let tree_right = (0..5)
        .map(|v| at[v].x + nodes[v].width)
        .fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(
        at[6].x,
        tree_right + options.subtree_gap,
        "group 3 comes first"
    );
    assert_eq!(at[5].x, at[7].x, "one stack per team");
    assert_eq!(at[5].x, at[6].x + nodes[6].width + options.sibling_gap);
    assert_eq!(at[5].y, at[3].y, "in the team row");
    assert_eq!(
        at[7].y,
        at[5].y + nodes[5].height + options.stack_gap,
        "input order within a team"
    );
    assert!(overlapping_pairs(&nodes, &at).is_empty());
}

#[test]
fn an_unaligned_objective_with_children_is_laid_out_as_a_tree() {
    let nodes = vec![card(0, None), card(1, None), card(2, Some(1))];
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
    assert!(at[1].y < at[2].y);
    assert!((centre_x(&nodes, &at, 1) - centre_x(&nodes, &at, 2)).abs() < 1e-9);
}

#[test]
fn placed_cards_keep_their_position_and_new_ones_go_below() {
    let options = LayoutOptions::default();
    let mut nodes = small_tree();
    nodes[0].fixed = Some(Point { x: 500.0, y: -40.0 });
    nodes[1].fixed = Some(Point { x: 300.0, y: 200.0 });
    let at = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
    assert_eq!(at[0], Point { x: 500.0, y: -40.0 });
    assert_eq!(at[1], Point { x: 300.0, y: 200.0 });
    for (v, p) in at.iter().enumerate().skip(2) {
        assert!(
            p.y >= 300.0 + options.block_gap,
            "card {v} is below the placed ones"
        );
        assert!(p.x >= 300.0);
    }
    // The children of a placed card still form their own tidy row.
    assert_eq!(at[3].y, at[4].y);
    assert!(overlapping_pairs(&nodes, &at).is_empty());

    let tidy = layout(&nodes, &options, LayoutMode::TidyAll);
    assert_eq!(tidy, layout(&small_tree(), &options, LayoutMode::TidyAll));
}

#[test]
fn when_every_card_is_placed_nothing_moves() {
    let mut nodes = small_tree();
    for (i, node) in nodes.iter_mut().enumerate() {
        node.fixed = Some(Point {
            x: i as f64 * 7.0,
            y: 3.0,
        });
    }
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::PlaceUnplaced);
    let expected: Vec<Point> = nodes.iter().filter_map(|n| n.fixed).collect();
    assert_eq!(at, expected);
}

#[test]
fn bad_input_is_tolerated() {
    let mut nodes = vec![
        card(1, Some(1)),
        card(1, Some(2)),
        card(1, Some(0)),
        card(0, Some(99)),
        card(2, Some(4)),
        sized(f64::NAN, f64::INFINITY, 2, None),
    ];
    nodes[4].fixed = Some(Point {
        x: f64::NAN,
        y: 0.0,
    });
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::PlaceUnplaced);
    assert_eq!(at.len(), nodes.len());
    assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    assert!(layout(&[], &LayoutOptions::default(), LayoutMode::TidyAll).is_empty());
}

#[test]
fn ranks_below_the_lowest_level_count_as_it() {
    let nodes = vec![card(0, None), card(200, Some(0)), card(3, Some(0))];
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
    assert_eq!(at[1].x, at[2].x, "one stack in the lowest row");
}

#[test]
fn a_deep_chain_does_not_exhaust_the_stack() {
    let nodes: Vec<LayoutNode> = (0..50_000)
        .map(|i| card(3, if i == 0 { None } else { Some(i - 1) }))
        .collect();
    let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
    assert!(at[49_999].y > at[0].y);
}

#[test]
fn the_sample_canvas_imports_cleanly_and_lays_out_without_overlap() {
    let file = include_str!("../../../public/examples/acme.okr.json");
    let doc = match crate::domain::import::import(file.as_bytes()) {
        Ok(imported) => {
            assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            imported.document
        }
        Err(failure) => panic!("{failure}"),
    };
    let size = |objective: &Objective| (260.0, 60.0 + 24.0 * objective.key_results.len() as f64);
    let options = LayoutOptions::default();
    let positions = layout_document(&doc, &size, &options, LayoutMode::PlaceUnplaced);
    assert_eq!(positions.len(), doc.objectives.len());

    let nodes = layout_nodes(&doc, &size);
    let at: Vec<Point> = doc
        .objectives
        .iter()
        .map(|o| {
            let p = positions[&o.id];
            Point { x: p.x, y: p.y }
        })
        .collect();
    assert!(overlapping_pairs(&nodes, &at).is_empty());
    let index = |id: &str| doc.objectives.iter().position(|o| o.id == id);
    let (Some(company), Some(team), Some(unaligned)) = (
        index("o-grow-arr"),
        index("o-ent-pipeline"),
        index("o-mkt-brand"),
    ) else {
        panic!("the sample has changed");
    };
    // A hard link to a key result hangs the card under the key result's objective.
    assert_eq!(nodes[team].hard_parent, index("o-rev-enterprise"));
    assert!(at[company].y < at[team].y);
    assert!(at[unaligned].y > at[company].y);
    assert_rows_follow_levels(&nodes, &at);
}

/// The limit on positions in a file leaves the automatic layout plenty of room:
/// 10,000 objectives laid out for a tall, a usual and a wide window stay within a
/// fifth of it.
#[test]
fn large_canvases_stay_well_within_the_position_limit() {
    use crate::domain::model::POSITION_LIMIT;
    let doc = crate::domain::generate::generate(10_000, 1);
    let size = |objective: &Objective| (280.0, 94.0 + 30.0 * objective.key_results.len() as f64);
    for aspect_ratio in [0.2, 1.6, 5.0] {
        let options = LayoutOptions {
            aspect_ratio,
            ..LayoutOptions::default()
        };
        let positions = layout_document(&doc, &size, &options, LayoutMode::TidyAll);
        let farthest = positions
            .values()
            .map(|p| p.x.abs().max(p.y.abs()))
            .fold(0.0, f64::max);
        assert!(
            farthest < POSITION_LIMIT / 5.0,
            "{aspect_ratio}: a card at {farthest}"
        );
    }
}

#[test]
fn cards_placed_below_the_edge_are_held_at_it() {
    use crate::domain::model::POSITION_LIMIT;
    let mut doc = crate::domain::generate::generate(12, 3);
    let first = doc.objectives[0].id.clone();
    doc.layout.insert(
        first.clone(),
        Position {
            x: -POSITION_LIMIT,
            y: POSITION_LIMIT,
        },
    );
    let size = |_: &Objective| (260.0, 120.0);
    let positions = layout_document(
        &doc,
        &size,
        &LayoutOptions::default(),
        LayoutMode::PlaceUnplaced,
    );
    assert_eq!(positions.len(), 12);
    assert_eq!(positions[&first].y, POSITION_LIMIT);
    for position in positions.values() {
        assert_eq!(position.within_limits(), *position);
    }
}

/// The map's bounding box is within a factor of two of the `aspect` asked.
fn assert_shape_near(nodes: &[LayoutNode], at: &[Point], aspect: f64, what: &str) {
    let (min, max) =
        bounding_box(at.iter().zip(nodes).map(|(&p, n)| (p, n.width, n.height))).expect("cards");
    let shape = (max.x - min.x) / (max.y - min.y);
    assert!(
        shape / aspect < 2.0 && aspect / shape < 2.0,
        "{what}: shape {shape:.2} for {aspect:.2}"
    );
}

/// Cards of different levels never share a row: their vertical extents are apart.
fn assert_rows_follow_levels(nodes: &[LayoutNode], at: &[Point]) {
    for a in 0..nodes.len() {
        for b in a + 1..nodes.len() {
            if nodes[a].rank.min(3) != nodes[b].rank.min(3) {
                let apart =
                    at[a].y + nodes[a].height <= at[b].y || at[b].y + nodes[b].height <= at[a].y;
                assert!(apart, "cards {a} and {b} of different levels share a row");
            }
        }
    }
}

/// Generated organisations of 34, 500 and 2,000 objectives take the shape of
/// the window asked for, within a factor of two, without an overlap.
#[test]
fn generated_organisations_take_the_window_shape() {
    let size = |objective: &Objective| (280.0, 94.0 + 30.0 * objective.key_results.len() as f64);
    for count in [34, 500, 2000] {
        let doc = crate::domain::generate::generate(count, 1);
        let nodes = layout_nodes(&doc, &size);
        for aspect in [1440.0 / 843.0, 1280.0 / 663.0] {
            let options = LayoutOptions {
                aspect_ratio: aspect,
                ..LayoutOptions::default()
            };
            let at = layout(&nodes, &options, LayoutMode::TidyAll);
            assert_shape_near(&nodes, &at, aspect, &format!("{count} objectives"));
            if count <= 500 {
                assert!(overlapping_pairs(&nodes, &at).is_empty());
                assert_rows_follow_levels(&nodes, &at);
            }
            for (v, node) in nodes.iter().enumerate() {
                if let Some(p) = node.hard_parent {
                    assert!(at[p].y + nodes[p].height < at[v].y);
                }
            }
            assert_eq!(at, layout(&nodes, &options, LayoutMode::TidyAll));
        }
    }
}

// Property tests run on the host only; the browser build has no proptest.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A random forest: each card may hang under an earlier card of a higher level.
    fn forest() -> impl Strategy<Value = Vec<LayoutNode>> {
        prop::collection::vec(
            (
                0u8..4,
                any::<prop::sample::Index>(),
                any::<bool>(),
                20.0f64..400.0,
                20.0f64..300.0,
                0usize..4,
                prop::option::weighted(0.1, (-2000.0f64..2000.0, -2000.0f64..2000.0)),
            ),
            0..80,
        )
        .prop_map(|specs| {
            let mut nodes: Vec<LayoutNode> = Vec::with_capacity(specs.len());
            for (rank, pick, linked, width, height, group, fixed) in specs {
                let higher: Vec<usize> =
                    (0..nodes.len()).filter(|&p| nodes[p].rank < rank).collect();
                let hard_parent =
                    (linked && !higher.is_empty()).then(|| higher[pick.index(higher.len())]);
                nodes.push(LayoutNode {
                    width,
                    height,
                    hard_parent,
                    group,
                    rank,
                    fixed: fixed.map(|(x, y)| Point { x, y }),
                });
            }
            nodes
        })
    }

    proptest! {
        #[test]
        fn tidy_layouts_never_overlap_and_keep_parents_above(nodes in forest()) {
            let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
            prop_assert_eq!(overlapping_pairs(&nodes, &at), vec![]);
            for (v, node) in nodes.iter().enumerate() {
                if let Some(p) = node.hard_parent {
                    prop_assert!(at[p].y + nodes[p].height < at[v].y);
                }
            }
        }

        #[test]
        fn parents_stand_over_their_children(nodes in forest()) {
            let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
            for p in 0..nodes.len() {
                let children: Vec<usize> =
                    (0..nodes.len()).filter(|&v| nodes[v].hard_parent == Some(p)).collect();
                if children.is_empty() {
                    continue;
                }
                let left = children.iter().map(|&v| at[v].x).fold(f64::INFINITY, f64::min);
                let right = children
                    .iter()
                    .map(|&v| at[v].x + nodes[v].width)
                    .fold(f64::NEG_INFINITY, f64::max);
                let centre = centre_x(&nodes, &at, p);
                prop_assert!(left - 1e-6 <= centre && centre <= right + 1e-6);
            }
        }

        #[test]
        fn cards_of_different_levels_never_share_a_row(nodes in forest()) {
            let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
            assert_rows_follow_levels(&nodes, &at);
        }

        #[test]
        fn new_cards_never_cover_placed_ones_and_placed_ones_stay(nodes in forest()) {
            let options = LayoutOptions::default();
            let at = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
            for (v, node) in nodes.iter().enumerate() {
                if let Some(p) = node.fixed {
                    prop_assert_eq!(at[v], p);
                }
            }
            let new_or_overlapping_new = overlapping_pairs(&nodes, &at)
                .into_iter()
                .filter(|&(a, b)| nodes[a].fixed.is_none() || nodes[b].fixed.is_none())
                .collect::<Vec<_>>();
            prop_assert_eq!(new_or_overlapping_new, vec![]);
        }

        #[test]
        fn the_same_input_gives_the_same_layout(nodes in forest()) {
            let options = LayoutOptions::default();
            let first = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
            let again = layout(&nodes.clone(), &options, LayoutMode::PlaceUnplaced);
            prop_assert_eq!(first, again);
        }
    }
}
