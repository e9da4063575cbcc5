//! The tests of `domain/graph.rs`: beside the code, in a file of their own for length.

use super::*;

fn objective(id: &str, team: &str, title: &str, key_results: &[&str]) -> Objective {
    Objective {
        key_results: key_results
            .iter()
            .map(|id| KeyResult::new(*id, format!("{id} title"), 0.0, 10.0))
            .collect(),
        ..Objective::new(id, team, title)
    }
}

/// Company "Win the Nordic market" (kr-arr), department "Grow ARR" hard-linked to
/// it, team "Sign ten customers" hard-linked to the department, and an unlinked
/// team objective "Be known".
fn canvas() -> AlignmentGraph {
    let mut doc = Document::new("Acme");
    doc.teams = vec![
        Team::new("acme", "Acme", Level::Company, None),
        Team::new("sales", "Sales", Level::Department, Some("acme")),
        Team::new("nordic", "Nordic AE", Level::Team, Some("sales")),
        Team::new("brand", "Brand", Level::Team, Some("sales")),
    ];
    doc.objectives = vec![
        objective("o-company", "acme", "Win the Nordic market", &["kr-arr"]),
        objective("o-sales", "sales", "Grow ARR", &["kr-pipeline"]),
        objective("o-nordic", "nordic", "Sign ten customers", &["kr-signed"]),
        objective("o-brand", "brand", "Be known", &[]),
    ];
    let mut graph = AlignmentGraph::from_document(&doc).unwrap();
    graph.link("o-sales", "o-company", LinkKind::Hard).unwrap();
    graph
        .link("o-nordic", "kr-pipeline", LinkKind::Hard)
        .unwrap();
    graph
}

/// No hard cycle, at most one hard parent, every link end exists.
pub(crate) fn assert_invariants(graph: &AlignmentGraph) {
    let doc = graph.to_document();
    let rebuilt = AlignmentGraph::from_document(&doc);
    assert!(rebuilt.is_ok(), "{:?}", rebuilt.err());
    for objective in graph.objectives() {
        let hard = graph
            .links()
            .filter(|l| l.from == objective.id && l.kind == LinkKind::Hard)
            .count();
        assert!(hard <= 1);
    }
}

#[test]
fn links_are_made_and_queried() {
    let mut graph = canvas();
    graph.link("o-brand", "kr-arr", LinkKind::Soft).unwrap();
    assert_eq!(graph.hard_parent_of("o-nordic").unwrap().to, "kr-pipeline");
    assert_eq!(
        graph.hard_parent_objective_of("o-nordic").unwrap().id,
        "o-sales"
    );
    let children: Vec<&str> = graph
        .hard_children_of("o-sales")
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(children, vec!["o-nordic"]);
    assert_eq!(graph.soft_links_of("o-company").len(), 1);
    assert_eq!(graph.soft_links_of("o-brand").len(), 1);
    let unaligned: Vec<&str> = graph
        .unaligned_objectives()
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(unaligned, vec!["o-company", "o-brand"]);
    assert_invariants(&graph);
}

#[test]
fn every_link_refusal_has_its_own_reason() {
    let graph = canvas();
    let refusal = |from: &str, to: &str, kind| graph.check_link(from, to, kind).unwrap_err();
    assert!(matches!(
        refusal("o-ghost", "o-company", LinkKind::Soft),
        LinkError::UnknownSource { .. }
    ));
    assert!(matches!(
        refusal("kr-arr", "o-company", LinkKind::Soft),
        LinkError::SourceIsKeyResult { .. }
    ));
    assert!(matches!(
        refusal("o-brand", "kr-ghost", LinkKind::Soft),
        LinkError::UnknownTarget { .. }
    ));
    assert!(matches!(
        refusal("o-brand", "o-brand", LinkKind::Soft),
        LinkError::ToItself { .. }
    ));
    assert!(matches!(
        refusal("o-sales", "kr-pipeline", LinkKind::Soft),
        LinkError::ToOwnKeyResult { .. }
    ));
    assert!(matches!(
        refusal("o-sales", "o-company", LinkKind::Soft),
        LinkError::Duplicate { .. }
    ));
    assert!(matches!(
        refusal("o-company", "o-nordic", LinkKind::Hard),
        LinkError::HardCycle { .. }
    ));
    assert!(matches!(
        refusal("o-company", "o-brand", LinkKind::Hard),
        LinkError::HardNotUpward { .. }
    ));
    assert!(matches!(
        refusal("o-brand", "o-nordic", LinkKind::Hard),
        LinkError::HardNotUpward { .. }
    ));
    assert!(matches!(
        refusal("o-nordic", "o-company", LinkKind::Hard),
        LinkError::SecondHardParent { .. }
    ));
    // Soft links go anywhere else, at any level.
    assert!(graph
        .check_link("o-company", "o-brand", LinkKind::Soft)
        .is_ok());
}

#[test]
fn refusals_name_things_for_people() {
    let graph = canvas();
    assert_eq!(
            graph.check_link("o-nordic", "kr-arr", LinkKind::Hard).unwrap_err().to_string(),
            "Nordic AE → 'Sign ten customers' already has a hard parent, 'kr-pipeline title' (a key result of 'Grow ARR'); move the hard link instead?"
        );
    assert_eq!(
            graph.check_link("o-company", "o-brand", LinkKind::Hard).unwrap_err().to_string(),
            "A hard link must point up the organisation: Acme (company) → 'Win the Nordic market' cannot be a hard child of Brand (team) → 'Be known', which is not at a higher level. Use a soft link instead?"
        );
}

#[test]
fn a_refused_link_changes_nothing() {
    let mut graph = canvas();
    let before = graph.to_document();
    assert!(graph.link("o-nordic", "o-company", LinkKind::Hard).is_err());
    let long_note = Some("n".repeat(2_001));
    assert!(matches!(
        graph.link_with_note("o-brand", "o-company", LinkKind::Soft, long_note),
        Err(LinkError::Invalid(FieldError::TooLong { .. }))
    ));
    assert_eq!(graph.to_document(), before);
}

#[test]
fn unlinking_and_changing_kinds() {
    let mut graph = canvas();
    assert!(matches!(
        graph.unlink("o-brand", "o-company"),
        Err(LinkError::NotLinked { .. })
    ));
    graph.link("o-brand", "o-company", LinkKind::Soft).unwrap();
    graph
        .set_link_note("o-brand", "o-company", Some("Brand lifts pipeline".into()))
        .unwrap();
    graph
        .set_link_kind("o-brand", "o-company", LinkKind::Hard)
        .unwrap();
    assert_eq!(
        graph.hard_parent_of("o-brand").unwrap().note.as_deref(),
        Some("Brand lifts pipeline")
    );
    // Changing a link's kind keeps its place in the file.
    assert_eq!(graph.links().last().unwrap().from, "o-brand");
    // A second hard parent through a kind change is refused too.
    graph.link("o-nordic", "o-company", LinkKind::Soft).unwrap();
    assert!(matches!(
        graph.set_link_kind("o-nordic", "o-company", LinkKind::Hard),
        Err(LinkError::SecondHardParent { .. })
    ));
    graph
        .set_link_kind("o-brand", "o-company", LinkKind::Soft)
        .unwrap();
    let removed = graph.unlink("o-brand", "o-company").unwrap();
    assert_eq!(removed.kind, LinkKind::Soft);
    assert_invariants(&graph);
}

#[test]
fn moving_a_hard_link() {
    let mut graph = canvas();
    let old = graph.move_hard_link("o-nordic", "o-company").unwrap();
    assert_eq!(old.to, "kr-pipeline");
    assert_eq!(graph.hard_parent_of("o-nordic").unwrap().to, "o-company");
    assert!(matches!(
        graph.move_hard_link("o-brand", "o-company"),
        Err(LinkError::NoHardParent { .. })
    ));
    assert!(matches!(
        graph.move_hard_link("o-sales", "o-nordic"),
        Err(LinkError::HardNotUpward { .. })
    ));
    // A soft link to the new parent becomes the hard one.
    graph.link("o-nordic", "o-sales", LinkKind::Soft).unwrap();
    graph.move_hard_link("o-nordic", "o-sales").unwrap();
    assert_eq!(
        graph.link_between("o-nordic", "o-sales").unwrap().kind,
        LinkKind::Hard
    );
    assert!(graph.link_between("o-nordic", "o-company").is_none());
    assert_invariants(&graph);
}

#[test]
fn removing_an_objective_reports_who_became_unaligned() {
    let mut graph = canvas();
    graph.link("o-brand", "o-sales", LinkKind::Soft).unwrap();
    graph
        .set_position("o-sales", Position { x: 1.0, y: 2.0 })
        .unwrap();
    let removal = graph.remove_objective("o-sales").unwrap();
    assert_eq!(removal.unaligned, vec!["o-nordic"]);
    assert_eq!(removal.removed_links.len(), 3);
    assert!(graph.hard_parent_of("o-nordic").is_none());
    assert!(graph
        .links()
        .all(|l| l.from != "o-sales" && l.to != "kr-pipeline"));
    assert!(graph.layout().is_empty());
    assert!(graph.key_result("kr-pipeline").is_none());
    assert!(matches!(
        graph.remove_objective("o-sales"),
        Err(ObjectiveError::UnknownObjective { .. })
    ));
    assert_invariants(&graph);
}

#[test]
fn removing_a_key_result_unaligns_what_pointed_at_it() {
    let mut graph = canvas();
    let removal = graph.remove_key_result("kr-pipeline").unwrap();
    assert_eq!(removal.unaligned, vec!["o-nordic"]);
    assert!(graph.objective("o-sales").unwrap().key_results.is_empty());
    assert_eq!(graph.hard_parent_of("o-sales").unwrap().to, "o-company");
    assert_invariants(&graph);
}

#[test]
fn key_results_are_reordered_keeping_their_links() {
    let mut graph = canvas();
    graph
        .add_key_result("o-company", KeyResult::new("kr-second", "Second", 0.0, 1.0))
        .unwrap();
    graph.link("o-brand", "kr-arr", LinkKind::Soft).unwrap();
    let links_before: Vec<Link> = graph.links().cloned().collect();
    let order = |graph: &AlignmentGraph| -> Vec<String> {
        graph
            .objective("o-company")
            .map(|o| o.key_results.iter().map(|kr| kr.id.clone()).collect())
            .unwrap_or_default()
    };

    graph.move_key_result("kr-second", 0).unwrap();
    assert_eq!(order(&graph), ["kr-second", "kr-arr"]);
    assert_eq!(graph.links().cloned().collect::<Vec<_>>(), links_before);

    // A place past the end means last.
    graph.move_key_result("kr-second", 99).unwrap();
    assert_eq!(order(&graph), ["kr-arr", "kr-second"]);

    assert!(matches!(
        graph.move_key_result("nope", 0),
        Err(ObjectiveError::UnknownKeyResult { .. })
    ));
    assert_invariants(&graph);
}

#[test]
fn adding_and_editing_objectives() {
    let mut graph = canvas();
    assert!(matches!(
        graph.add_objective(objective("o-new", "nordic", "New", &["kr-arr"])),
        Err(ObjectiveError::DuplicateId { .. })
    ));
    assert!(matches!(
        graph.add_objective(objective("o-new", "nordic", "New", &["kr-a", "kr-a"])),
        Err(ObjectiveError::DuplicateId { .. })
    ));
    assert!(matches!(
        graph.add_objective(objective("o-new", "ghost", "New", &[])),
        Err(ObjectiveError::UnknownTeam { .. })
    ));
    assert!(matches!(
        graph.add_objective(objective("o-new", "nordic", "", &[])),
        Err(ObjectiveError::Invalid(FieldError::Empty { .. }))
    ));
    graph
        .add_objective(objective("o-new", "nordic", "New", &["kr-new"]))
        .unwrap();
    graph
        .update_objective("o-new", |o| o.title = "Renamed".into())
        .unwrap();
    assert_eq!(graph.objective("o-new").unwrap().title, "Renamed");
    assert!(matches!(
        graph.update_objective("o-new", |o| o.id = "x".into()),
        Err(ObjectiveError::IdChanged)
    ));
    graph
        .update_key_result("kr-new", |kr| kr.current = Some(5.0))
        .unwrap();
    assert!(matches!(
        graph.update_key_result("kr-new", |kr| kr.weight = -1.0),
        Err(ObjectiveError::Invalid(
            FieldError::WeightNotPositive { .. }
        ))
    ));
    graph
        .add_key_result("o-new", KeyResult::new("kr-more", "More", 0.0, 1.0))
        .unwrap();
    assert!(matches!(
        graph.add_key_result("o-new", KeyResult::new("o-sales", "Clash", 0.0, 1.0)),
        Err(ObjectiveError::DuplicateId { .. })
    ));
    // The new objective comes last in the file.
    assert_eq!(graph.to_document().objectives.last().unwrap().id, "o-new");
    assert_invariants(&graph);
}

#[test]
fn moving_an_objective_to_another_team_keeps_hard_links_upward() {
    let mut graph = canvas();
    assert!(matches!(
        graph.move_objective_to_team("o-sales", "brand"),
        Err(ObjectiveError::TeamBreaksHardLink { .. })
    ));
    assert!(matches!(
        graph.move_objective_to_team("o-nordic", "acme"),
        Err(ObjectiveError::TeamBreaksHardLink { .. })
    ));
    graph.move_objective_to_team("o-nordic", "brand").unwrap();
    assert_eq!(graph.objective("o-nordic").unwrap().team, "brand");
}

#[test]
fn teams_are_added_renamed_and_reparented_by_the_rules() {
    let mut graph = canvas();
    assert!(matches!(
        graph.add_team(Team::new("sales", "Again", Level::Team, None)),
        Err(TeamError::DuplicateId { .. })
    ));
    assert!(matches!(
        graph.add_team(Team::new("ops", "Ops", Level::Team, Some("ghost"))),
        Err(TeamError::UnknownParent { .. })
    ));
    assert!(matches!(
        graph.add_team(Team::new("ops", "Ops", Level::Department, Some("sales"))),
        Err(TeamError::ParentNotHigher { .. })
    ));
    assert!(matches!(
        graph
            .add_team(Team::new("ops", "Ops", Level::Team, None).clone())
            .and_then(|_| graph.rename_team("ops", "")),
        Err(TeamError::Invalid(FieldError::Empty { .. }))
    ));
    graph.rename_team("ops", "Operations").unwrap();
    assert_eq!(graph.team("ops").unwrap().name, "Operations");
    graph.reparent_team("ops", Some("sales")).unwrap();
    assert!(matches!(
        graph.reparent_team("acme", Some("nordic")),
        Err(TeamError::ParentCycle { .. })
    ));
    assert!(matches!(
        graph.set_team_color("ops", Some("red".into())),
        Err(TeamError::Invalid(FieldError::BadColor { .. }))
    ));
    assert_invariants(&graph);
}

#[test]
fn a_team_level_change_may_not_break_the_tree() {
    let mut graph = canvas();
    assert!(matches!(
        graph.set_team_level("sales", Level::Company),
        Err(TeamError::LevelBelowParent { .. })
    ));
    assert!(matches!(
        graph.set_team_level("acme", Level::Team),
        Err(TeamError::LevelAboveChild { .. })
    ));
    graph.reparent_team("nordic", Some("acme")).unwrap();
    graph.reparent_team("brand", Some("acme")).unwrap();
    assert!(matches!(
        graph.set_team_level("nordic", Level::Department),
        Err(TeamError::LevelBreaksHardLink { .. })
    ));
    graph.set_team_level("brand", Level::Department).unwrap();
    assert_invariants(&graph);
}

#[test]
fn a_team_is_only_removed_once_empty() {
    let mut graph = canvas();
    assert!(matches!(
        graph.remove_team("brand"),
        Err(TeamError::StillOwnsObjectives { count: 1, .. })
    ));
    assert!(matches!(
        graph.remove_team("sales"),
        Err(TeamError::StillOwnsObjectives { .. })
    ));
    graph.remove_objective("o-brand").unwrap();
    graph.remove_team("brand").unwrap();
    assert!(graph.team("brand").is_none());
    assert_eq!(graph.team("nordic").unwrap().name, "Nordic AE");
    graph.remove_objective("o-sales").unwrap();
    assert!(matches!(
        graph.remove_team("sales"),
        Err(TeamError::StillHasChildTeams { count: 1, .. })
    ));
    assert!(matches!(
        graph.remove_team("ghost"),
        Err(TeamError::UnknownTeam { .. })
    ));
    assert_invariants(&graph);
}

#[test]
fn valid_targets_say_what_each_kind_allows() {
    let graph = canvas();
    let targets = graph.valid_targets("o-brand");
    let find = |id: &str| targets.iter().find(|t| t.id == id).unwrap();
    assert!(find("o-sales").hard.is_ok());
    assert!(find("kr-arr").hard.is_ok() && find("kr-arr").is_key_result);
    assert!(matches!(
        find("o-nordic").hard,
        Err(LinkError::HardNotUpward { .. })
    ));
    assert!(find("o-nordic").soft.is_ok());
    assert!(targets.iter().all(|t| t.id != "o-brand"));
    assert_eq!(targets.len(), 3 + 3);
}

#[test]
fn the_document_round_trips_in_order() {
    let graph = canvas();
    let doc = graph.to_document();
    let again = AlignmentGraph::from_document(&doc).unwrap().to_document();
    assert_eq!(doc, again);
    let ids: Vec<&str> = doc.objectives.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, vec!["o-company", "o-sales", "o-nordic", "o-brand"]);
}

#[test]
fn title_and_cycle_are_checked() {
    let mut graph = canvas();
    assert!(graph.set_title("").is_err());
    assert_eq!(
        graph.set_title(" \t "),
        Err(FieldError::Blank { field: "title" })
    );
    graph.set_title("Acme 2027").unwrap();
    assert_eq!(graph.title(), "Acme 2027");
    let reversed = Cycle {
        label: "Q1".into(),
        start: "2027-03-01".into(),
        end: "2027-01-01".into(),
    };
    assert!(matches!(
        graph.set_cycle(Some(reversed)),
        Err(FieldError::CycleEndsBeforeStart { .. })
    ));
    assert!(graph
        .set_position(
            "o-company",
            Position {
                x: f64::NAN,
                y: 0.0
            }
        )
        .is_err());
}

#[test]
fn a_card_moved_beyond_the_edge_stops_there() {
    let mut graph = canvas();
    graph
        .set_position(
            "o-company",
            Position {
                x: 1.7e308,
                y: -2.5e6,
            },
        )
        .unwrap();
    let limit = super::super::model::POSITION_LIMIT;
    assert_eq!(
        graph.layout().get("o-company"),
        Some(&Position {
            x: limit,
            y: -limit
        })
    );
    let text = crate::domain::export::export(&graph.to_document());
    assert!(crate::domain::import::import(text.as_bytes()).is_ok());
}
