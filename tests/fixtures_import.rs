//! The canvases the browser specs load (`tests/e2e/fixtures/*.okr.json`) are
//! valid files: each loads without an error or a warning and has the number of
//! objectives the specs count on. A fixture that stopped loading would fail
//! its specs far from the cause; here the file and its errors are named.
//!
//! `cascade.okr.json` is the realistic four-level canvas (company,
//! departments, teams, people) for the layout and the map's readability; its
//! shape is checked here so that an edit cannot quietly flatten it.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use okr_canvas::domain::health::Health;
use okr_canvas::domain::hints::{hints, HintKind};
use okr_canvas::domain::import::import;
use okr_canvas::domain::model::{Document, Level, LinkKind};

/// Every fixture and its objective count.
const FIXTURES: &[(&str, usize)] = &[
    ("cascade.okr.json", 34),
    ("review.okr.json", 9),
    ("small.okr.json", 4),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures")
}

fn fixture_files() -> BTreeSet<String> {
    fs::read_dir(fixtures_dir())
        .expect("tests/e2e/fixtures exists")
        .map(|entry| entry.expect("readable entry").file_name())
        .map(|name| name.into_string().expect("file names are UTF-8"))
        .filter(|name| name.ends_with(".okr.json"))
        .collect()
}

fn load(name: &str) -> Document {
    let bytes = fs::read(fixtures_dir().join(name)).expect("readable fixture");
    match import(&bytes) {
        Ok(imported) => {
            let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
            assert!(
                warnings.is_empty(),
                "{name} loads with warnings: {warnings:?}"
            );
            imported.document
        }
        Err(failure) => panic!("{name} does not load: {}", failure.summary()),
    }
}

#[test]
fn every_fixture_loads_with_the_objectives_its_specs_count_on() {
    let listed: BTreeSet<String> = FIXTURES.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(
        fixture_files(),
        listed,
        "every fixture, and only those, is listed here with its objective count"
    );
    for (name, objectives) in FIXTURES {
        assert_eq!(load(name).objectives.len(), *objectives, "{name}");
    }
}

#[test]
fn the_cascade_is_a_four_level_organisation_aligned_down_the_tree() {
    let doc = load("cascade.okr.json");
    let text = fs::read_to_string(fixtures_dir().join("cascade.okr.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The app lays it out: the map is what the automatic layout makes of it.
    assert!(file.get("layout").is_none() && doc.layout.is_empty());
    assert!(doc.cycle.is_some());

    let level_of: HashMap<&str, Level> =
        doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
    let count_teams = |level| doc.teams.iter().filter(|t| t.level == level).count();
    assert_eq!(
        [
            Level::Company,
            Level::Department,
            Level::Team,
            Level::Individual
        ]
        .map(count_teams),
        [1, 3, 7, 4]
    );
    // Objectives per team, by level: what each level usually sets.
    let mut per_team: BTreeMap<&str, usize> = BTreeMap::new();
    for objective in &doc.objectives {
        *per_team.entry(objective.team.as_str()).or_default() += 1;
        let key_results = objective.key_results.len();
        assert!((2..=4).contains(&key_results), "{}", objective.id);
    }
    assert_eq!(per_team.len(), doc.teams.len(), "every team has objectives");
    for (team, count) in &per_team {
        let allowed = match level_of[team] {
            Level::Company => 4..=4,
            Level::Department | Level::Team => 2..=3,
            Level::Individual => 1..=1,
        };
        assert!(allowed.contains(count), "{team} has {count} objectives");
    }
    // Titles of every length, some as long as people write them.
    assert!(doc.objectives.iter().any(|o| o.title.chars().count() >= 80));
    assert!(doc.objectives.iter().any(|o| o.title.chars().count() <= 30));

    // Hard links down the tree, some to key results; a few soft links.
    let owner: HashMap<&str, &str> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            std::iter::once((o.id.as_str(), o.id.as_str())).chain(
                o.key_results
                    .iter()
                    .map(|kr| (kr.id.as_str(), o.id.as_str())),
            )
        })
        .collect();
    let hard: Vec<_> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Hard)
        .collect();
    assert!(hard.iter().any(|l| owner[l.to.as_str()] != l.to));
    assert!(hard.iter().any(|l| owner[l.to.as_str()] == l.to));
    let soft = doc.links.len() - hard.len();
    assert!((3..=6).contains(&soft), "{soft} soft links");
    // The longest chain of hard parents runs through all four levels.
    let parent: HashMap<&str, &str> = hard
        .iter()
        .map(|l| (l.from.as_str(), owner[l.to.as_str()]))
        .collect();
    let deepest = doc.objectives.iter().map(|objective| {
        let (mut id, mut depth) = (objective.id.as_str(), 1);
        while let Some(next) = parent.get(id) {
            (id, depth) = (*next, depth + 1);
        }
        depth
    });
    assert_eq!(deepest.max(), Some(4));

    // Not everything is aligned: two team objectives stand alone, one more
    // (and a person's) only points the same way, and one is the platform
    // team's mission OKR.
    let health = Health::of(&doc, &BTreeSet::new());
    assert_eq!(health.unaligned, 2);
    assert_eq!(health.soft_only, 2);
    assert_eq!(health.standalone_objectives.len(), 1);
    // Its only hints are the individuals' hard links, which the canvas keeps
    // on purpose: people who align their own OKRs hard.
    let all = hints(&doc);
    assert!(!all.is_empty());
    assert!(all.iter().all(|h| h.kind == HintKind::HardLinkedIndividual));
}
