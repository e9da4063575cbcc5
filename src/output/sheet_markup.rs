//! What a spreadsheet's preview lists, as a markup tree for the sheet
//! dialog: the summary, which column was read as what (a spreadsheet of no
//! known kind), the teams with their levels, the links kept soft with why,
//! what the person should know, and every row left out with why. The
//! column and level pickers are plain `select`s marked `data-sheet-role` and
//! `data-sheet-team`, read by the dialog's one change listener.
//! Plain markup rather than views, for the bundle's sake, as the merge's and
//! the review's lists are.

use crate::domain::model::Level;
use crate::output::markup::{el, plural, Element};
use crate::sheets::columns::ColumnPlan;
use crate::sheets::Preview;

/// The preview's body.
pub fn preview_body(preview: &Preview) -> Element {
    let links = preview.hard_links + preview.soft_links.len();
    let summary = format!(
        "“{}”: {}, {} with {}, {}, {}.",
        preview.title,
        plural(preview.objectives, "objective", "objectives"),
        plural(preview.key_results, "key result", "key results"),
        plural(preview.check_ins, "check-in", "check-ins"),
        plural(preview.teams.len(), "team", "teams"),
        plural(links, "link", "links"),
    );
    let teams = preview.teams.iter().map(|t| {
        let under = t
            .parent
            .as_ref()
            .map(|p| format!(", under {p}"))
            .unwrap_or_default();
        let picker = Level::ALL.iter().fold(
            el("select", "sheet-dialog__level")
                .attr("data-testid", "sheet-team-level")
                .attr("data-sheet-team", t.name.clone())
                .attr("aria-label", format!("Level of {}", t.name)),
            |select, level| select.child(option(level.name(), level.label(), *level == t.level)),
        );
        el("li", "sheet-dialog__team")
            .child(el("span", "").text(format!(
                "{}{under} ({})",
                t.name,
                plural(t.objectives, "objective", "objectives")
            )))
            .child(picker)
    });
    let skipped = preview.skipped.iter().map(|s| {
        format!(
            "{} {} — “{}”: {}.",
            preview.row_word, s.row, s.title, s.reason
        )
    });
    el("div", "sheet-dialog__body")
        .child(
            el("p", "sheet-dialog__summary")
                .attr("data-testid", "sheet-summary")
                .text(summary),
        )
        .children(preview.columns.as_ref().map(column_plan))
        .child(el("h3", "sheet-dialog__subheading").text("Teams and their levels"))
        .child(
            el("ul", "sheet-dialog__list")
                .attr("data-testid", "sheet-teams")
                .children(teams),
        )
        .children(section(
            "Kept as soft links",
            "sheet-soft-links",
            preview.soft_links.clone(),
        ))
        .children(section("To know", "sheet-notes", preview.notes.clone()))
        .children(section(
            &format!(
                "Not on the canvas: {}",
                plural(preview.skipped.len(), "row", "rows")
            ),
            "sheet-skipped",
            skipped.collect(),
        ))
}

/// Which column is read as what, each with a picker of the file's columns.
fn column_plan(plan: &ColumnPlan) -> Element {
    let letter = |index: usize| {
        let mut name = String::new();
        let mut n = index + 1;
        while n > 0 {
            name.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
            n = (n - 1) / 26;
        }
        name
    };
    let rows = plan.roles.iter().enumerate().map(|(r, role)| {
        let picker = plan.header.iter().enumerate().fold(
            el("select", "")
                .attr("data-testid", "sheet-column")
                .attr("data-sheet-role", r.to_string())
                .attr("data-role-key", role.key.clone())
                .child(option("", "— not in this file —", role.column.is_none())),
            |select, (c, name)| {
                let label = format!(
                    "{}: {}",
                    letter(c),
                    if name.is_empty() { "(no name)" } else { name }
                );
                select.child(option(&c.to_string(), &label, role.column == Some(c)))
            },
        );
        el("label", "sheet-dialog__column")
            .child(el("span", "").text(role.label.clone()))
            .child(picker)
    });
    el("div", "sheet-dialog__columns")
        .child(el("h3", "sheet-dialog__subheading").text("Columns read"))
        .child(el("p", "sheet-dialog__hint").text(
            "Guessed from the first row. Correct any that is wrong and the preview is read again.",
        ))
        .child(
            el("div", "sheet-dialog__column-grid")
                .attr("data-testid", "sheet-columns")
                .children(rows),
        )
}

/// An option of a picker.
fn option(value: &str, label: &str, selected: bool) -> Element {
    let option = el("option", "").attr("value", value).text(label);
    if selected {
        option.attr("selected", "")
    } else {
        option
    }
}

/// A heading and its list, or nothing when the list is empty.
fn section(heading: &str, testid: &'static str, lines: Vec<String>) -> Vec<Element> {
    if lines.is_empty() {
        return Vec::new();
    }
    vec![
        el("h3", "sheet-dialog__subheading").text(heading),
        el("ul", "sheet-dialog__list")
            .attr("data-testid", testid)
            .children(lines.into_iter().map(|line| el("li", "").text(line))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::{Skipped, TeamLine};

    #[test]
    fn the_body_sums_up_lists_teams_and_names_every_row_left_out() {
        let preview = Preview {
            kind: "a Viva Goals export".into(),
            periods: Vec::new(),
            period: None,
            document: String::new(),
            title: "Acme — Q2".into(),
            objectives: 1,
            key_results: 2,
            check_ins: 0,
            teams: vec![TeamLine {
                name: "Sales".into(),
                level: crate::domain::model::Level::Department,
                parent: Some("Acme".into()),
                objectives: 1,
            }],
            hard_links: 1,
            soft_links: Vec::new(),
            skipped: vec![Skipped {
                row: 7,
                title: "<b>Ship</b>".into(),
                reason: "a Deliverable".into(),
            }],
            notes: Vec::new(),
            columns: None,
            row_word: "Row".into(),
        };
        let body = preview_body(&preview);
        let text = body.text_content();
        assert!(text
            .contains("“Acme — Q2”: 1 objective, 2 key results with 0 check-ins, 1 team, 1 link."));
        assert!(text.contains("Sales, under Acme (1 objective)"));
        // Its level is picked, and can be changed.
        let picker = body
            .descendants()
            .into_iter()
            .find(|e| e.get("data-sheet-team") == Some("Sales"))
            .unwrap();
        let selected: Vec<&str> = picker
            .descendants()
            .iter()
            .filter(|o| o.get("selected").is_some())
            .filter_map(|o| o.get("value"))
            .collect();
        assert_eq!(selected, ["department"]);
        // Titles are text, never markup.
        assert!(text.contains("Row 7 — “<b>Ship</b>”: a Deliverable."));
        assert!(body.descendants().iter().all(|e| e.tag != "b"));
        // Empty lists have no heading.
        assert!(!text.contains("Kept as soft links"));
    }
}
