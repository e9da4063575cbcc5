use super::*;
use crate::domain::model::Team;

use crate::domain::sample_document as sample;

fn team(id: &str, level: Level, parent: Option<&str>) -> Team {
    Team::new(id, format!("{id} name"), level, parent)
}

/// A clean objective: two measurable key results with units.
fn objective(id: &str, team: &str) -> Objective {
    Objective {
        key_results: (1..=2)
            .map(|n| {
                let mut kr = KeyResult::new(
                    format!("{id}-kr{n}"),
                    format!("Customers served {n}"),
                    0.0,
                    10.0,
                );
                kr.unit = Some("customers".into());
                kr
            })
            .collect(),
        ..Objective::new(id, team, format!("{id} title"))
    }
}

use crate::domain::test_link as link;

/// A company, a department, a team and a person, each with one clean objective.
fn organisation() -> Document {
    let mut doc = Document::new("Hints");
    doc.teams = vec![
        team("co", Level::Company, None),
        team("dept", Level::Department, Some("co")),
        team("tm", Level::Team, Some("dept")),
        team("me", Level::Individual, Some("tm")),
    ];
    doc.objectives = vec![
        objective("o-co", "co"),
        objective("o-dept", "dept"),
        objective("o-tm", "tm"),
        objective("o-me", "me"),
    ];
    doc.links = vec![
        link("o-dept", "o-co", LinkKind::Hard),
        link("o-tm", "o-dept-kr1", LinkKind::Hard),
    ];
    doc
}

fn kinds(hints: &[Hint]) -> Vec<(&str, Option<&str>, HintKind)> {
    hints
        .iter()
        .map(|h| (h.objective.as_str(), h.key_result.as_deref(), h.kind))
        .collect()
}

fn objective_mut<'a>(doc: &'a mut Document, id: &str) -> &'a mut Objective {
    match doc.objectives.iter_mut().find(|o| o.id == id) {
        Some(objective) => objective,
        None => panic!("no objective {id}"),
    }
}

#[test]
fn a_clean_canvas_has_no_hints() {
    assert_eq!(hints(&organisation()), []);
    assert!(Hints::of(&organisation()).is_empty());
    assert_eq!(Hints::of(&organisation()).of_objective("o-co"), []);
}

#[test]
fn the_sample_canvas_draws_one_hint() {
    // The sample shows good practice but for one key result that reads
    // like a task, so a first look shows what a hint is; more would teach
    // the wrong thing.
    let all = hints(&sample());
    assert_eq!(
        kinds(&all),
        [(
            "o-int-self-serve",
            Some("kr-int-setup-wizard"),
            HintKind::ActivityKeyResult
        )]
    );
}

#[test]
fn more_than_five_objectives_for_one_team_puts_a_hint_on_each_of_them() {
    let mut doc = organisation();
    for n in 0..5 {
        doc.objectives.push(objective(&format!("o-tm-{n}"), "tm"));
    }
    // Five is the limit: o-tm and four more are fine.
    let mut at_limit = doc.clone();
    at_limit.objectives.pop();
    assert_eq!(hints(&at_limit), []);

    let all = hints(&doc);
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(|h| h.kind == HintKind::TooManyObjectives));
    assert_eq!(
        all.iter().map(|h| h.objective.as_str()).collect::<Vec<_>>(),
        ["o-tm", "o-tm-0", "o-tm-1", "o-tm-2", "o-tm-3", "o-tm-4"]
    );
    assert_eq!(all[0].message, "“tm name” has 6 objectives in this canvas.");
    assert!(all[0]
        .why
        .starts_with("Focus: 3–4 objectives per team, at most 5"));
}

#[test]
fn fewer_than_two_key_results_is_a_hint() {
    let mut doc = organisation();
    objective_mut(&mut doc, "o-co").key_results.truncate(1);
    objective_mut(&mut doc, "o-dept").key_results.clear();
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [
            ("o-co", None, HintKind::TooFewKeyResults),
            ("o-dept", None, HintKind::TooFewKeyResults),
        ]
    );
    assert_eq!(all[0].message, "Only 1 key result.");
    assert_eq!(all[1].message, "No key results yet.");
}

#[test]
fn more_than_five_key_results_is_a_hint() {
    let mut doc = organisation();
    let key_results = &mut objective_mut(&mut doc, "o-co").key_results;
    for n in 3..=5 {
        let mut kr = KeyResult::new(format!("o-co-kr{n}"), format!("Revenue {n}"), 0.0, 5.0);
        kr.unit = Some("EUR".into());
        key_results.push(kr);
    }
    assert_eq!(hints(&doc), []);
    let mut kr = KeyResult::new("o-co-kr6", "Revenue 6", 0.0, 5.0);
    kr.unit = Some("EUR".into());
    objective_mut(&mut doc, "o-co").key_results.push(kr);
    let all = hints(&doc);
    assert_eq!(kinds(&all), [("o-co", None, HintKind::TooManyKeyResults)]);
    assert_eq!(all[0].message, "6 key results.");
}

#[test]
fn a_key_result_with_start_equal_to_target_and_no_unit_is_not_measurable() {
    let mut doc = organisation();
    let key_results = &mut objective_mut(&mut doc, "o-tm").key_results;
    key_results[1].start = 1.0;
    key_results[1].target = 1.0;
    key_results[1].unit = None;
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [("o-tm", Some("o-tm-kr2"), HintKind::UnmeasurableKeyResult)]
    );
    assert_eq!(
        all[0].message,
        "“Customers served 2” has no measurable target: its start equals its target (1) and \
         it has no unit."
    );
    // A blank unit is no unit; a real unit makes it a value to hold.
    objective_mut(&mut doc, "o-tm").key_results[1].unit = Some("  ".into());
    assert_eq!(hints(&doc).len(), 1);
    objective_mut(&mut doc, "o-tm").key_results[1].unit = Some("%".into());
    assert_eq!(hints(&doc), []);
}

#[test]
fn a_key_result_opening_with_a_task_verb_reads_like_an_activity() {
    for title in [
        "Launch the new pricing page",
        "write 3 case studies",
        "HOLD a quarterly review",
        "Set up an on-call rota",
        "Roll out: single sign-on",
        "Ship v2",
    ] {
        assert!(reads_like_activity(title), "{title}");
    }
    for title in [
        "Launches that reach 1,000 users",
        "Start-ups signed",
        "Setup time in minutes",
        "Set of customers referenceable",
        "Build time of the main branch",
        "Run rate: ARR",
        "Design reviews led",
        "Release frequency",
        "Net revenue retention",
        "",
        "   ",
    ] {
        assert!(!reads_like_activity(title), "{title}");
    }
    let mut doc = organisation();
    objective_mut(&mut doc, "o-dept").key_results[0].title = "Launch the partner portal".into();
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [("o-dept", Some("o-dept-kr1"), HintKind::ActivityKeyResult)]
    );
    assert_eq!(
        all[0].message,
        "“Launch the partner portal” reads like an activity."
    );
}

#[test]
fn an_individuals_objective_with_a_hard_parent_is_a_hint_a_soft_link_is_not() {
    let mut doc = organisation();
    doc.links.push(link("o-me", "o-tm", LinkKind::Soft));
    assert_eq!(hints(&doc), []);
    doc.links.push(link("o-me", "o-tm-kr2", LinkKind::Hard));
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [("o-me", None, HintKind::HardLinkedIndividual)]
    );
    assert_eq!(
        all[0].message,
        "An individual’s objective, hard-linked to “Customers served 2”."
    );
    // A team's hard link is the normal case.
    assert!(all.iter().all(|h| h.objective == "o-me"));
}

#[test]
fn a_committed_objective_with_a_doubted_key_result_is_a_hint_naming_it() {
    let mut doc = organisation();
    {
        let o = objective_mut(&mut doc, "o-dept");
        o.key_results[0].confidence = Some(0.5);
        o.key_results[1].confidence = Some(0.3);
    }
    // Aspirational objectives may be doubted: that is what a stretch is.
    assert_eq!(hints(&doc), []);
    objective_mut(&mut doc, "o-dept").kind = ObjectiveKind::Committed;
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [(
            "o-dept",
            Some("o-dept-kr2"),
            HintKind::CommittedLowConfidence
        )]
    );
    assert_eq!(
        all[0].message,
        "Committed, but confidence is low on “Customers served 2” (0.3)."
    );
    objective_mut(&mut doc, "o-dept").key_results[0].confidence = Some(0.45);
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [("o-dept", None, HintKind::CommittedLowConfidence)]
    );
    assert_eq!(
        all[0].message,
        "Committed, but confidence is low on “Customers served 1” (0.45) and “Customers \
         served 2” (0.3)."
    );
}

#[test]
fn hints_come_in_document_order_and_the_index_finds_each_objectives() {
    let mut doc = organisation();
    {
        let o = objective_mut(&mut doc, "o-tm");
        o.kind = ObjectiveKind::Committed;
        o.key_results[0].title = "Build a status page".into();
        o.key_results[0].confidence = Some(0.2);
        o.key_results[1].start = 4.0;
        o.key_results[1].target = 4.0;
        o.key_results[1].unit = None;
        o.key_results[1].title = "Write the runbook".into();
    }
    objective_mut(&mut doc, "o-co").key_results.clear();
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [
            ("o-co", None, HintKind::TooFewKeyResults),
            ("o-tm", Some("o-tm-kr1"), HintKind::ActivityKeyResult),
            ("o-tm", Some("o-tm-kr2"), HintKind::UnmeasurableKeyResult),
            ("o-tm", Some("o-tm-kr2"), HintKind::ActivityKeyResult),
            ("o-tm", Some("o-tm-kr1"), HintKind::CommittedLowConfidence),
        ]
    );
    let index = Hints::of(&doc);
    assert_eq!(index.all(), all.as_slice());
    assert_eq!(index.len(), 5);
    assert_eq!(index.objective_count(), 2);
    assert_eq!(kinds(index.of_objective("o-co")), kinds(&all[..1]));
    assert_eq!(kinds(index.of_objective("o-tm")), kinds(&all[1..]));
    assert_eq!(index.of_objective("o-dept"), []);
    assert_eq!(index.of_objective("missing"), []);
}

#[test]
fn every_kind_has_a_distinct_kebab_case_slug_and_a_one_line_why() {
    let slugs: std::collections::HashSet<&str> = HintKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(slugs.len(), HintKind::ALL.len());
    for kind in HintKind::ALL {
        assert!(kind
            .slug()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-'));
        assert!(!kind.why().contains('\n'));
        assert!(kind.why().len() < 140, "{}", kind.why());
    }
}

#[test]
fn a_document_that_slipped_past_the_rules_gives_hints_without_panicking() {
    let mut doc = organisation();
    // An unknown team, a link from and to nothing, two hard parents.
    doc.objectives.push(objective("o-lost", "nowhere"));
    doc.links.push(link("ghost", "o-co", LinkKind::Hard));
    doc.links.push(link("o-me", "nothing", LinkKind::Hard));
    doc.links.push(link("o-me", "o-co", LinkKind::Hard));
    doc.links.push(link("o-me", "o-dept", LinkKind::Hard));
    let all = hints(&doc);
    assert_eq!(
        kinds(&all),
        [("o-me", None, HintKind::HardLinkedIndividual)]
    );
    assert!(all[0].message.contains("o-co title"));
}

#[test]
fn on_a_generated_canvas_the_index_holds_every_hint_once_in_order() {
    let doc = crate::domain::generate::generate(2_000, 7);
    let index = Hints::of(&doc);
    assert_eq!(index.all(), hints(&doc).as_slice());
    let total: usize = doc
        .objectives
        .iter()
        .map(|o| index.of_objective(&o.id).len())
        .sum();
    assert_eq!(total, index.len());
}
