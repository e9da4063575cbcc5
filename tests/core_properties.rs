//! Properties of the core that must hold for every input, not just the examples in the
//! unit tests: the importer never panics, export → import is the identity, no sequence
//! of edits breaks the alignment rules, and progress stays in 0..=1 and is the same
//! whether computed in full or incrementally; a share link never panics its reader and
//! never opens as a wrong canvas.
// Property tests run on the host only; the browser build has no proptest.
#![cfg(not(target_arch = "wasm32"))]

use okr_canvas::domain::export::export;
use okr_canvas::domain::generate::generate;
use okr_canvas::domain::graph::AlignmentGraph;
use okr_canvas::domain::import::{import, ImportErrorKind};
use okr_canvas::domain::model::{Document, KeyResult, Level, LinkKind, Objective, Rollup, Team};
use okr_canvas::domain::progress::{compute_progress, ProgressTracker};
use okr_canvas::domain::share::{decode_share_fragment, encode_share_fragment};
use proptest::prelude::*;
use serde_json::Value;

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z0-9 #.-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("okr-canvas"),
            Just("hard"),
            Just("soft"),
            Just("company"),
            Just("team"),
            Just("2027-01-01"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "[a-z]{1,8}",
                    Just("format".to_owned()),
                    Just("version".to_owned()),
                    Just("title".to_owned()),
                    Just("teams".to_owned()),
                    Just("objectives".to_owned()),
                    Just("links".to_owned()),
                    Just("id".to_owned()),
                    Just("keyResults".to_owned()),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A generated canvas as JSON, with one subtree replaced by an arbitrary value: close
/// enough to a real file to get past the early stages of the importer.
fn damaged_canvas() -> impl Strategy<Value = Value> {
    (
        1usize..12,
        any::<u64>(),
        any::<prop::sample::Index>(),
        arbitrary_json(),
    )
        .prop_map(|(size, seed, place, replacement)| {
            let mut value: Value =
                serde_json::from_str(&export(&generate(size, seed))).unwrap_or(Value::Null);
            let mut slots = Vec::new();
            collect_pointers(&value, String::new(), &mut slots);
            if !slots.is_empty() {
                let pointer = &slots[place.index(slots.len())];
                if let Some(slot) = value.pointer_mut(pointer) {
                    *slot = replacement;
                }
            }
            value
        })
}

fn collect_pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{here}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                collect_pointers(item, format!("{here}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// A generated canvas with key-result values drawn from all finite floats, so that
/// number formatting and extreme progress arithmetic are exercised.
fn canvas_with_wild_numbers() -> impl Strategy<Value = Document> {
    let finite = any::<f64>().prop_filter("finite", |f| f.is_finite());
    (
        1usize..40,
        any::<u64>(),
        prop::collection::vec((finite.clone(), finite.clone(), finite), 0..20),
    )
        .prop_map(|(size, seed, values)| {
            let mut doc = generate(size, seed);
            let mut values = values.into_iter().cycle();
            let count = doc
                .objectives
                .iter()
                .map(|o| o.key_results.len())
                .sum::<usize>();
            for key_result in doc
                .objectives
                .iter_mut()
                .flat_map(|o| o.key_results.iter_mut())
                .take(count.min(20))
            {
                if let Some((start, target, current)) = values.next() {
                    key_result.start = start;
                    key_result.target = target;
                    key_result.current = Some(current);
                }
            }
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = import(&bytes);
    }

    #[test]
    fn import_never_panics_on_arbitrary_json(value in arbitrary_json()) {
        let _ = import(value.to_string().as_bytes());
        let mut canvas = serde_json::json!({"format": "okr-canvas", "version": 1});
        if let (Some(target), Value::Object(extra)) = (canvas.as_object_mut(), value) {
            target.extend(extra);
        }
        let _ = import(canvas.to_string().as_bytes());
    }

    #[test]
    fn import_never_panics_on_damaged_canvases(value in damaged_canvas()) {
        if let Err(failure) = import(value.to_string().as_bytes()) {
            prop_assert!(!failure.errors().is_empty());
            for error in failure.errors() {
                prop_assert!(error.path.starts_with('$'));
                prop_assert!(!error.kind.to_string().is_empty());
            }
        }
    }

    #[test]
    fn character_escapes_are_read_or_refused_in_words(
        before in "[a-zé \\\\]{0,6}",
        escapes in prop::collection::vec(
            prop_oneof![
                "\\\\u[dD][89a-fA-F][0-9a-fA-F]{2}",
                "\\\\u[0-9a-fA-FxZ]{0,4}",
            ],
            1..4,
        ),
    ) {
        let text = format!("{{\"a\": \"{before}{}\"}}", escapes.concat());
        if let Err(failure) = import(text.as_bytes()) {
            let error = &failure.errors()[0];
            let message = error.to_string();
            prop_assert!(!message.contains("surrogate"), "{message}");
            prop_assert!(!message.contains("hex escape"), "{message}");
            if let ImportErrorKind::BrokenEscape { escape, .. } = &error.kind {
                prop_assert!(escape.starts_with("\\u") && text.contains(escape.as_str()), "{text}: {escape}");
            }
        }
    }

    #[test]
    fn share_link_decoding_never_panics_on_arbitrary_text(
        text in prop_oneof![
            any::<String>(),
            "#?canvas=[A-Za-z0-9_%=+/#& \n-]{0,300}",
            "[A-Za-z0-9_-]{0,300}".prop_map(|payload| format!("canvas={payload}")),
        ]
    ) {
        if let Err(error) = decode_share_fragment(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn share_link_decoding_never_panics_on_well_packed_garbage(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            arbitrary_json().prop_map(|value| value.to_string().into_bytes()),
            damaged_canvas().prop_map(|value| value.to_string().into_bytes()),
        ]
    ) {
        use base64::Engine as _;
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 6);
        let fragment = format!(
            "canvas={}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
        );
        let _ = decode_share_fragment(&fragment);
    }

    #[test]
    fn a_share_link_opens_as_its_canvas_or_not_at_all(
        size in 1usize..25,
        seed in any::<u64>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let doc = generate(size, seed);
        let fragment = encode_share_fragment(&doc);
        let opened = decode_share_fragment(&fragment);
        prop_assert!(opened.is_ok(), "{:?}", opened.err());
        let Ok(opened) = opened else { unreachable!() };
        prop_assert_eq!(export(&opened.document), export(&doc));
        // Cut anywhere, even inside "canvas=", the link is refused.
        let cut = cut.index(fragment.len());
        prop_assert!(decode_share_fragment(&fragment[..cut]).is_err(), "cut at {}", cut);
    }

    #[test]
    fn export_then_import_is_the_identity(doc in canvas_with_wild_numbers()) {
        let text = export(&doc);
        let imported = import(text.as_bytes());
        prop_assert!(imported.is_ok(), "{:?}", imported.err());
        let Ok(imported) = imported else { unreachable!() };
        prop_assert!(imported.warnings.is_empty());
        prop_assert_eq!(&imported.document, &doc);
        prop_assert_eq!(export(&imported.document), text);
        let graph = AlignmentGraph::from_document(&imported.document);
        prop_assert!(graph.is_ok());
        prop_assert_eq!(graph.map(|g| g.to_document()).ok(), Some(doc));
    }

    #[test]
    fn progress_stays_between_zero_and_one(doc in canvas_with_wild_numbers()) {
        for (id, value) in compute_progress(&doc) {
            prop_assert!((0.0..=1.0).contains(&value), "{id}: {value}");
        }
    }

    #[test]
    fn incremental_progress_equals_full_progress(
        doc in canvas_with_wild_numbers(),
        changes in prop::collection::vec((any::<prop::sample::Index>(), -1e6f64..1e6), 1..10),
    ) {
        let mut doc = doc;
        let mut tracker = ProgressTracker::new(&doc);
        let ids: Vec<(usize, usize)> = doc
            .objectives
            .iter()
            .enumerate()
            .flat_map(|(o, objective)| (0..objective.key_results.len()).map(move |k| (o, k)))
            .collect();
        prop_assume!(!ids.is_empty());
        for (pick, value) in changes {
            let (o, k) = ids[pick.index(ids.len())];
            let key_result = &mut doc.objectives[o].key_results[k];
            key_result.current = Some(value);
            let id = key_result.id.clone();
            tracker.update_after_key_result_change(&doc, &id);
            let full = compute_progress(&doc);
            prop_assert_eq!(tracker.values().len(), full.len());
            for (id, value) in full {
                // Bit-for-bit: the same function over the same inputs in the same order.
                prop_assert_eq!(tracker.get(id).map(f64::to_bits), Some(value.to_bits()), "{}", id);
            }
        }
    }

    #[test]
    fn edits_never_break_the_alignment_rules(
        operations in prop::collection::vec(operation(), 1..60),
        teams in prop::collection::vec(0usize..4, 8),
    ) {
        let mut graph = starting_graph(&teams);
        for operation in operations {
            apply(&mut graph, operation);
            assert_alignment_rules_hold(&graph)?;
        }
    }
}

#[derive(Clone, Debug)]
enum Operation {
    Link(usize, usize, LinkKind),
    Unlink(usize, usize),
    SetKind(usize, usize, LinkKind),
    MoveHard(usize, usize),
    RemoveObjective(usize),
    RemoveKeyResult(usize),
    AddObjective(usize, usize),
}

fn kind() -> impl Strategy<Value = LinkKind> {
    prop_oneof![Just(LinkKind::Hard), Just(LinkKind::Soft)]
}

fn operation() -> impl Strategy<Value = Operation> {
    // Indices run past the number of ids so that unknown ids are tried too.
    let id = 0usize..30;
    prop_oneof![
        4 => (id.clone(), id.clone(), kind()).prop_map(|(a, b, k)| Operation::Link(a, b, k)),
        1 => (id.clone(), id.clone()).prop_map(|(a, b)| Operation::Unlink(a, b)),
        2 => (id.clone(), id.clone(), kind()).prop_map(|(a, b, k)| Operation::SetKind(a, b, k)),
        2 => (id.clone(), id.clone()).prop_map(|(a, b)| Operation::MoveHard(a, b)),
        1 => id.clone().prop_map(Operation::RemoveObjective),
        1 => id.clone().prop_map(Operation::RemoveKeyResult),
        1 => (id, 0usize..4).prop_map(|(a, t)| Operation::AddObjective(a, t)),
    ]
}

const TEAM_IDS: [&str; 4] = ["company", "department", "team", "person"];

fn starting_graph(teams: &[usize]) -> AlignmentGraph {
    let mut doc = Document::new("Property canvas");
    for (rank, level) in Level::ALL.iter().enumerate() {
        doc.teams.push(Team {
            id: TEAM_IDS[rank].into(),
            name: TEAM_IDS[rank].into(),
            level: *level,
            parent: rank.checked_sub(1).map(|p| TEAM_IDS[p].to_owned()),
            color: None,
        });
    }
    for (i, team) in teams.iter().enumerate() {
        doc.objectives.push(objective(i, *team));
    }
    AlignmentGraph::from_document(&doc).unwrap_or_else(|e| panic!("{e:?}"))
}

fn objective(i: usize, team: usize) -> Objective {
    Objective {
        rollup: Rollup::Both,
        key_results: vec![KeyResult::new(
            format!("k{i}"),
            format!("Result {i}"),
            0.0,
            1.0,
        )],
        ..Objective::new(
            format!("o{i}"),
            TEAM_IDS[team % 4],
            format!("Objective {i}"),
        )
    }
}

/// Ids 0..15 are objectives `o0…`, 15..30 are key results `k0…`.
fn id(index: usize) -> String {
    if index < 15 {
        format!("o{index}")
    } else {
        format!("k{}", index - 15)
    }
}

fn apply(graph: &mut AlignmentGraph, operation: Operation) {
    // Refusals are expected; what matters is that the graph stays valid either way.
    let _ = match operation {
        Operation::Link(a, b, kind) => graph.link(&id(a), &id(b), kind).map(|_| ()).map_err(drop),
        Operation::Unlink(a, b) => graph.unlink(&id(a), &id(b)).map(|_| ()).map_err(drop),
        Operation::SetKind(a, b, kind) => graph.set_link_kind(&id(a), &id(b), kind).map_err(drop),
        Operation::MoveHard(a, b) => graph
            .move_hard_link(&id(a), &id(b))
            .map(|_| ())
            .map_err(drop),
        Operation::RemoveObjective(a) => graph.remove_objective(&id(a)).map(|_| ()).map_err(drop),
        Operation::RemoveKeyResult(a) => graph.remove_key_result(&id(a)).map(|_| ()).map_err(drop),
        Operation::AddObjective(a, team) => {
            graph.add_objective(objective(a % 15, team)).map_err(drop)
        }
    };
}

fn assert_alignment_rules_hold(graph: &AlignmentGraph) -> Result<(), TestCaseError> {
    let doc = graph.to_document();
    let objective_ids: std::collections::HashSet<&str> =
        doc.objectives.iter().map(|o| o.id.as_str()).collect();
    let owner: std::collections::HashMap<&str, &str> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            std::iter::once((o.id.as_str(), o.id.as_str())).chain(
                o.key_results
                    .iter()
                    .map(move |k| (k.id.as_str(), o.id.as_str())),
            )
        })
        .collect();
    let mut hard_parent = std::collections::HashMap::new();
    for link in &doc.links {
        prop_assert!(
            objective_ids.contains(link.from.as_str()),
            "dangling from {}",
            link.from
        );
        let Some(&to) = owner.get(link.to.as_str()) else {
            return Err(TestCaseError::fail(format!("dangling to {}", link.to)));
        };
        if link.kind == LinkKind::Hard {
            prop_assert!(
                hard_parent.insert(link.from.as_str(), to).is_none(),
                "second hard parent for {}",
                link.from
            );
        }
    }
    for start in hard_parent.keys() {
        let mut current = *start;
        for _ in 0..=doc.objectives.len() {
            match hard_parent.get(current) {
                Some(parent) => {
                    prop_assert!(parent != start, "hard cycle through {}", start);
                    current = parent;
                }
                None => break,
            }
        }
    }
    // The full rule set, as the importer applies it, accepts the result too.
    let reimported = import(export(&doc).as_bytes());
    prop_assert!(reimported.is_ok(), "{:?}", reimported.err());
    Ok(())
}
