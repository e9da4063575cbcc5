use super::*;
use crate::domain::model::{Document, LinkKind, Objective, ObjectiveKind, Rollup};
use crate::sheets::table::{read_zip, Unzipped};
use crate::sheets::testing::{objective_ids, opened, skipped};

const FJORD: &[u8] = include_bytes!("../../../tests/e2e/fixtures/sheets/fjord-org-export.zip");

fn files() -> Vec<(String, Vec<u8>)> {
    match read_zip(FJORD).unwrap() {
        Unzipped::Files(files) => files,
        Unzipped::Workbook(_) => panic!("read as a workbook"),
    }
}

fn preview_of(period: Option<&str>) -> Preview {
    let choices = Choices {
        period: period.map(str::to_string),
        ..Choices::default()
    };
    preview("fjord.zip", &files(), &choices).unwrap_or_else(|e| panic!("{e:?}"))
}

fn objective<'a>(doc: &'a Document, id: &str) -> &'a Objective {
    doc.objectives
        .iter()
        .find(|o| o.id == format!("o-viva-{id}"))
        .unwrap()
}

#[test]
fn the_latest_quarter_opens_with_its_roots_in_the_year() {
    let preview = preview_of(None);
    assert_eq!(preview.kind, "a Viva Goals organisation export");
    assert_eq!(preview.period.as_deref(), Some("Q2 2026"));
    let names: Vec<&str> = preview.periods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["FY 2026", "Q1 2026", "Q2 2026"]);
    let doc = opened(&preview);
    assert_eq!(
        objective_ids(&doc),
        ["o-viva-5001", "o-viva-5003", "o-viva-5006", "o-viva-5008"]
    );
    assert_eq!(doc.title, "Fjord Ferries — Q2 2026");
    assert_eq!(doc.cycle.as_ref().unwrap().start, "2026-04-01");
}

#[test]
fn key_results_come_from_kpis_with_their_outcome_and_check_ins() {
    let doc = opened(&preview_of(None));
    // An owner given by user id is named from the users' file.
    let passengers = &objective(&doc, "5001").key_results[0];
    assert_eq!(passengers.owner.as_deref(), Some("Siv Hauge"));
    assert_eq!(
        (passengers.start, passengers.target),
        (1_200_000.0, 1_500_000.0)
    );
    let dates: Vec<&str> = passengers
        .check_ins
        .iter()
        .map(|c| c.date.as_str())
        .collect();
    assert_eq!(dates, ["2026-03-31", "2026-05-30"]);
    assert_eq!(passengers.current, Some(1_390_000.0));
    let on_time = objective(&doc, "5003");
    assert_eq!(on_time.kind, ObjectiveKind::Committed);
    assert_eq!(on_time.owner.as_deref(), Some("Nils Berg, Oda Vik"));
    let departures = &on_time.key_results[0];
    assert_eq!(
        (
            departures.unit.as_deref(),
            departures.start,
            departures.target,
            departures.current
        ),
        (Some("%"), 82.0, 95.0, Some(89.0))
    );
    assert_eq!(
        departures.check_ins[0].note.as_deref(),
        Some("Fog; two \"late\" days\nand a strike")
    );
    // Decreasing stays decreasing; past its target stays past it.
    let repairs = &on_time.key_results[1];
    assert_eq!(
        (repairs.start, repairs.target, repairs.unit.as_deref()),
        (900.0, 300.0, Some("minutes"))
    );
    assert_eq!(objective(&doc, "5008").key_results[0].current, Some(4400.0));
}

#[test]
fn a_second_parent_is_a_soft_link_and_weights_of_nothing_roll_up_key_results_alone() {
    let preview = preview_of(None);
    let doc = opened(&preview);
    let links = |kind| -> Vec<(String, String)> {
        doc.links
            .iter()
            .filter(|l| l.from == "o-viva-5006" && l.kind == kind)
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect()
    };
    assert_eq!(
        links(LinkKind::Hard),
        [("o-viva-5006".into(), "o-viva-5003".into())]
    );
    assert_eq!(
        links(LinkKind::Soft),
        [("o-viva-5006".into(), "o-viva-5008".into())]
    );
    assert_eq!(preview.soft_links.len(), 1);
    assert!(preview.soft_links[0].starts_with(
        "“Turn the ferry round in ten minutes” → “Sell more season passes” is a soft link"
    ));
    // Its only child counts 0 %: "Run every crossing on time" rolls up its
    // key results alone.
    assert_eq!(objective(&doc, "5003").rollup, Rollup::KeyResults);
    assert_eq!(objective(&doc, "5001").rollup, Rollup::Both);
}

#[test]
fn teams_take_their_levels_from_the_teams_file() {
    let preview = preview_of(None);
    let line = |name: &str| {
        let t = preview.teams.iter().find(|t| t.name == name).unwrap();
        (t.level, t.parent.clone())
    };
    assert_eq!(line("Fjord Ferries"), (Level::Company, None));
    assert_eq!(
        line("Operations"),
        (Level::Department, Some("Fjord Ferries".into()))
    );
    assert_eq!(
        line("Harbour crew"),
        (Level::Team, Some("Operations".into()))
    );
    assert_eq!(
        line("Sales"),
        (Level::Department, Some("Fjord Ferries".into()))
    );
}

#[test]
fn projects_other_periods_and_orphans_are_named_and_unreadable_check_ins_counted() {
    let preview = preview_of(None);
    let skipped = skipped(&preview);
    assert_eq!(
        skipped,
        [
            (10, "a Project, not an objective or key result"),
            (11, "it is in Q1 2026, not in Q2 2026"),
            (12, "it is aligned to no objective in the file"),
        ]
    );
    assert_eq!(preview.row_word, "Item");
    assert!(preview.notes.iter().any(
        |n| n == "“Turnaround time”: 1 of its 2 check-ins could not be read and were left out."
    ));
    // Another period reads the file again.
    let q1 = opened(&preview_of(Some("Q1 2026")));
    assert!(q1.objectives.iter().any(|o| o.id == "o-viva-5011"));
}

#[test]
fn an_id_given_twice_names_the_first_and_the_second_is_named_as_left_out() {
    let twice = br#"[
        {"ID": 1, "Type": "Big rock", "Title": "Grow", "Time Period": "Q1", "Start Date": "2026-01-01", "End Date": "2026-03-31"},
        {"ID": 1, "Type": "Big rock", "Title": "Shrink", "Time Period": "Q1", "Start Date": "2026-01-01", "End Date": "2026-03-31"}
    ]"#;
    let files = vec![("objectives_export_file_9.json".to_string(), twice.to_vec())];
    let preview = preview("org.zip", &files, &Choices::default()).unwrap();
    assert_eq!(preview.objectives, 1);
    assert_eq!(
        preview.skipped[0].reason,
        "its Id “1” is an earlier one's too"
    );
    assert_eq!(preview.skipped[0].row, 2);
}
