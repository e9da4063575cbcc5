use super::*;
use crate::domain::model::Document;
use crate::sheets::table::read_table;
use crate::sheets::testing::{objective_ids, opened};
use crate::sheets::{read, Outcome};

const NORTHWIND: &[u8] =
    include_bytes!("../../../tests/e2e/fixtures/sheets/northwind-explorer.csv");

fn preview_of(period: Option<&str>) -> Preview {
    let table = read_table(NORTHWIND, None).unwrap();
    let choices = Choices {
        period: period.map(str::to_string),
        ..Choices::default()
    };
    preview("northwind-explorer.csv", &table, &choices).unwrap()
}

fn objective<'a>(doc: &'a Document, viva_id: &str) -> Option<&'a Objective> {
    doc.objectives
        .iter()
        .find(|o| o.id == format!("o-viva-{viva_id}"))
}

#[test]
fn the_latest_quarter_is_chosen_and_its_roots_in_the_year_come_along() {
    let preview = preview_of(None);
    assert_eq!(preview.period.as_deref(), Some("Q2 2026"));
    let names: Vec<&str> = preview.periods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["FY 2026", "Q1 2026", "Q2 2026"]);
    let doc = opened(&preview);
    // Q2's four objectives, and the annual one they align to through its key result.
    assert_eq!(
        objective_ids(&doc),
        ["o-viva-1001", "o-viva-1003", "o-viva-1007", "o-viva-1011"]
    );
    let cycle = doc.cycle.as_ref().unwrap();
    assert_eq!(
        (
            cycle.label.as_str(),
            cycle.start.as_str(),
            cycle.end.as_str()
        ),
        ("Q2 2026", "2026-04-01", "2026-06-30")
    );
    assert_eq!(doc.title, "Northwind — Q2 2026");
}

#[test]
fn key_results_keep_their_numbers_direction_and_check_ins_oldest_first() {
    let doc = opened(&preview_of(None));
    let launch = objective(&doc, "1003").unwrap();
    assert_eq!(launch.kind, ObjectiveKind::Committed);
    assert_eq!(launch.owner.as_deref(), Some("Bo Ek, Cara Holm"));
    let pre_orders = &launch.key_results[0];
    // Past its target: 4 of 3.
    assert_eq!(
        (pre_orders.start, pre_orders.target, pre_orders.current),
        (0.0, 3.0, Some(4.0))
    );
    let dates: Vec<&str> = pre_orders
        .check_ins
        .iter()
        .map(|c| c.date.as_str())
        .collect();
    assert_eq!(dates, ["2026-04-15", "2026-05-02", "2026-05-20"]);
    // A note with quotes, a semicolon and a line break is kept whole.
    assert_eq!(
        pre_orders.check_ins[1].note.as_deref(),
        Some("First \"batch\" sold; the dealers\nwant more")
    );
    // A decreasing target stays decreasing; "10%" is 10 on a "%" key result.
    let returns = &launch.key_results[1];
    assert_eq!(
        (returns.start, returns.target, returns.unit.as_deref()),
        (14.0, 7.0, Some("%"))
    );
    assert_eq!(returns.check_ins[0].value, 10.0);
}

#[test]
fn alignment_becomes_hard_links_where_the_rules_allow_and_soft_ones_said_otherwise() {
    let preview = preview_of(None);
    let doc = opened(&preview);
    let link = |from: &str, to: &str| {
        doc.links
            .iter()
            .find(|l| l.from == format!("o-viva-{from}") && l.to == to)
            .map(|l| l.kind)
    };
    // An objective aligned to a key result, across periods.
    assert_eq!(link("1003", "kr-viva-1002"), Some(LinkKind::Hard));
    assert_eq!(link("1007", "o-viva-1003"), Some(LinkKind::Hard));
    assert_eq!(preview.hard_links, 2);
    assert!(preview.soft_links.is_empty(), "{:?}", preview.soft_links);
    // Children that count for nothing: progress from key results alone.
    assert_eq!(objective(&doc, "1003").unwrap().rollup, Rollup::KeyResults);
    assert_eq!(objective(&doc, "1001").unwrap().rollup, Rollup::Both);
}

#[test]
fn teams_take_their_levels_from_the_alignment() {
    let preview = preview_of(None);
    let line = |name: &str| preview.teams.iter().find(|t| t.name == name).unwrap();
    assert_eq!(line("Northwind").level, Level::Company);
    assert_eq!(line("Product").level, Level::Department);
    assert_eq!(line("Product").parent.as_deref(), Some("Northwind"));
    assert_eq!(line("Sales Sweden").level, Level::Team);
    assert_eq!(line("Sales Sweden").parent.as_deref(), Some("Product"));
    // Aligned to nothing: under the company.
    assert_eq!(line("Operations").parent.as_deref(), Some("Northwind"));
    // Two teams named: the first is the card's, and the person is told.
    assert!(preview
        .notes
        .iter()
        .any(|n| n.contains("Product; Marketing") && n.contains("placed in Product")));
}

#[test]
fn every_row_left_out_is_named_with_why() {
    let preview = preview_of(None);
    let reasons: Vec<(usize, &str)> = preview
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert!(reasons.contains(&(7, "a Deliverable, not an objective or key result")));
    assert!(reasons.contains(&(14, "an Initiative, not an objective or key result")));
    assert!(reasons.contains(&(10, "it is in Q1 2026, not in Q2 2026")));
    assert!(preview
        .skipped
        .iter()
        .any(|s| s.row == 11 && s.reason.contains("in Q1 2026, not on this canvas")));
    // 13 rows: 4 objectives and 4 key results on the canvas, 4 named here... and the annual
    // objective's key result, which is on it too.
    assert_eq!(
        preview.objectives + preview.key_results + preview.skipped.len(),
        13
    );
}

#[test]
fn another_period_can_be_chosen() {
    let preview = preview_of(Some("Q1 2026"));
    let doc = opened(&preview);
    let mut ids: Vec<&str> = doc.objectives.iter().map(|o| o.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["o-viva-1001", "o-viva-1009"]);
    assert_eq!(doc.cycle.unwrap().label, "Q1 2026");
}

#[test]
fn a_target_that_is_no_number_skips_its_key_result_and_says_so() {
    let text = String::from_utf8(NORTHWIND.to_vec())
        .unwrap()
        .replace(",Pre-orders,,3,Key result", ",Pre-orders,,three,Key result");
    let Outcome::Preview(preview) = read("n.csv", text.as_bytes(), &Choices::default(), None)
    else {
        panic!("refused")
    };
    assert!(preview
        .skipped
        .iter()
        .any(|s| s.row == 5 && s.reason.contains("“three” is not a number")));
}

#[test]
fn another_table_is_read_as_a_spreadsheet_and_one_without_titles_refused_in_words() {
    let Outcome::Preview(other) =
        read("list.csv", b"Name,Age\nAda,36\n", &Choices::default(), None)
    else {
        panic!("read")
    };
    assert_eq!(other.kind, "a spreadsheet");
    let Outcome::Refused(problems) = read(
        "numbers.csv",
        b"Start,Target\n1,2\n",
        &Choices::default(),
        None,
    ) else {
        panic!("read")
    };
    assert!(problems[0].contains("no column of titles"), "{problems:?}");
}

#[test]
fn aligned_to_and_check_in_cells_are_read_as_written() {
    assert_eq!(
        aligned_to("Grow (fast)(weight: 14.29%, Id: 2295776)"),
        Some(("2295776".to_string(), 0.1429))
    );
    assert_eq!(aligned_to(""), None);
    let read = check_in(
        "Checkin Date: 2025-05-02; User: Ann; Note: a; b\nc; Metric Name: Progress; \
         Status: On Track; Current Value: 80%; Activity Date: 2025-05-02 12:25:47 UTC;",
    )
    .unwrap();
    assert_eq!(
        (read.date.as_str(), read.value, read.note.as_deref()),
        ("2025-05-02", 80.0, Some("a; b\nc"))
    );
    assert_eq!(check_in("Checkin Date: soon; Current Value: 1;"), None);
}
