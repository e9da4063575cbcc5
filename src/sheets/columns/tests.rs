use super::*;
use crate::domain::model::{Level, Objective};
use crate::domain::sample_document as sample;
use crate::sheets::table::read_table;
use crate::sheets::testing::{opened, skipped};

const HARBOUR: &[u8] = include_bytes!("../../../tests/e2e/fixtures/sheets/harbour-plan.csv");

fn preview_with(bytes: &[u8], choices: &Choices) -> Preview {
    let table = read_table(bytes, None).unwrap();
    preview("harbour-plan.csv", &table, choices).unwrap_or_else(|e| panic!("{e:?}"))
}

fn titled<'a>(doc: &'a Document, title: &str) -> &'a Objective {
    doc.objectives.iter().find(|o| o.title == title).unwrap()
}

#[test]
fn columns_are_guessed_from_the_header_words() {
    let table = read_table(HARBOUR, None).unwrap();
    let guessed = guess(&table);
    let named: Vec<(&str, Option<&str>)> = ROLES
        .iter()
        .zip(&guessed)
        .map(|(role, c)| (role.key, c.map(|c| table.header[c].as_str())))
        .collect();
    assert_eq!(
        named,
        [
            ("title", Some("Objective / key result")),
            ("type", Some("Kind")),
            ("id", None),
            ("parent", Some("Parent")),
            ("team", Some("Team")),
            ("level", None),
            ("owner", Some("Owner")),
            ("start", Some("Baseline")),
            ("target", Some("Target (EUR)")),
            ("current", Some("Actual")),
            ("unit", Some("Unit")),
        ]
    );
    // A date column is never read as a number; a header of no known word
    // leaves the title to the first column of text.
    let odd = read_table(
        b"Due date,What,Target date\n2026-01-01,Grow,2026-02-01\n",
        None,
    )
    .unwrap();
    let odd = guess(&odd);
    assert_eq!((odd[TITLE], odd[TARGET], odd[START]), (Some(1), None, None));
}

#[test]
fn rows_become_objectives_and_key_results_under_the_right_parent() {
    let preview = preview_with(HARBOUR, &Choices::default());
    assert_eq!(preview.kind, "a spreadsheet");
    assert_eq!(preview.period, None);
    let doc = opened(&preview);
    assert_eq!(doc.cycle, None);
    assert_eq!(doc.title, "Harbour Co");
    let calm = titled(&doc, "Be the calmest harbour on the coast");
    assert_eq!(calm.owner.as_deref(), Some("Ines Moe"));
    let ships = &calm.key_results[0];
    assert_eq!(
        (
            ships.start,
            ships.target,
            ships.current,
            ships.unit.as_deref()
        ),
        (60.0, 90.0, Some(72.0), Some("%"))
    );
    // Without a Parent, a key result belongs to the objective above it; with
    // one, to the objective it names, by title.
    let unload = titled(&doc, "Unload faster");
    let krs: Vec<&str> = unload
        .key_results
        .iter()
        .map(|k| k.title.as_str())
        .collect();
    assert_eq!(krs, ["Containers an hour", "Crane downtime, hours a month"]);
    // A decreasing target stays decreasing.
    assert_eq!(
        (unload.key_results[1].start, unload.key_results[1].target),
        (40.0, 10.0)
    );
    // An objective's Parent is a hard link, to an objective or a key result.
    let to = |from: &Objective| {
        doc.links
            .iter()
            .find(|l| l.from == from.id && l.kind == LinkKind::Hard)
            .map(|l| l.to.clone())
    };
    assert_eq!(to(unload), Some(calm.id.clone()));
    assert_eq!(
        to(titled(&doc, "Guide every ship in safely")),
        Some(ships.id.clone())
    );
    // Teams from the alignment: the roots' team is the company.
    let level = |name: &str| preview.teams.iter().find(|t| t.name == name).unwrap().level;
    assert_eq!(
        (level("Harbour Co"), level("Cranes"), level("Pilots")),
        (Level::Company, Level::Department, Level::Department)
    );
}

#[test]
fn rows_that_cannot_be_read_are_named_with_why() {
    let preview = preview_with(HARBOUR, &Choices::default());
    let skipped = skipped(&preview);
    assert_eq!(
        skipped,
        [
            (
                7,
                "its type “Task” is neither an objective nor a key result"
            ),
            (
                10,
                "its Target “lots” is not a number; give it one and open the file again"
            ),
            (
                11,
                "its Parent “Nowhere objective” is no Id or Title in the file; name its \
                 objective there"
            ),
        ]
    );
    assert_eq!((preview.objectives, preview.key_results), (3, 4));
}

#[test]
fn the_person_corrects_columns_and_levels() {
    let guessed = preview_with(HARBOUR, &Choices::default());
    let plan = guessed.columns.clone().unwrap();
    assert_eq!(plan.header.len(), 10);
    // Without the Type column, a row with a target is a key result and the
    // "Task" row an objective.
    let mut columns: Vec<Option<usize>> = plan.roles.iter().map(|r| r.column).collect();
    columns[TYPE] = None;
    let mut levels = BTreeMap::new();
    levels.insert("Pilots".to_string(), Level::Team);
    let choices = Choices {
        columns: Some(columns),
        levels,
        ..Choices::default()
    };
    let corrected = preview_with(HARBOUR, &choices);
    let doc = opened(&corrected);
    assert!(doc.objectives.iter().any(|o| o.title == "Paint the cranes"));
    assert_eq!(corrected.columns.unwrap().roles[TYPE].column, None);
    let pilots = corrected.teams.iter().find(|t| t.name == "Pilots").unwrap();
    assert_eq!(
        (pilots.level, pilots.parent.as_deref()),
        (Level::Team, Some("Harbour Co"))
    );
}

#[test]
fn a_canvas_exported_as_a_spreadsheet_opens_as_the_same_canvas() {
    let original = sample();
    let text = export(&original);
    assert!(
        text.starts_with("Type,Id,Title,Parent,Team,Team level,Owner,Start,Target,Current,Unit\n")
    );
    let table = read_table(text.as_bytes(), None).unwrap();
    assert_eq!(
        guess(&table),
        [2, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10].map(Some).to_vec()
    );
    let back = opened(&preview("okrs.csv", &table, &Choices::default()).unwrap());
    let summary = |doc: &Document| {
        let mut objectives: Vec<(String, String, Vec<String>)> = doc
            .objectives
            .iter()
            .map(|o| {
                let team = doc.teams.iter().find(|t| t.id == o.team).unwrap();
                (
                    o.id.clone(),
                    format!("{} / {} / {}", o.title, team.name, team.level.name()),
                    o.key_results
                        .iter()
                        .map(|k| {
                            format!(
                                "{} {} {} {:?} {:?}",
                                k.title, k.start, k.target, k.current, k.unit
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        objectives.sort();
        let mut hard: Vec<(String, String)> = doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Hard)
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect();
        hard.sort();
        (objectives, hard)
    };
    assert_eq!(summary(&back), summary(&original));
}
