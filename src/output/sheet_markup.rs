//! What a spreadsheet's preview lists, as a markup tree for the sheet
//! dialog: the summary, the teams with their levels, the links kept soft
//! with why, what the person should know, and every row left out with why.
//! Plain markup rather than views, for the bundle's sake, as the merge's and
//! the review's lists are.

use crate::output::markup::{el, plural, Element};
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
        format!(
            "{} — {}{under} ({})",
            t.name,
            t.level.to_lowercase(),
            plural(t.objectives, "objective", "objectives")
        )
    });
    let skipped = preview
        .skipped
        .iter()
        .map(|s| format!("Row {} — “{}”: {}.", s.row, s.title, s.reason));
    el("div", "sheet-dialog__body")
        .child(
            el("p", "sheet-dialog__summary")
                .attr("data-testid", "sheet-summary")
                .text(summary),
        )
        .children(section("Teams", "sheet-teams", teams.collect()))
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
                level: "Department".into(),
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
        };
        let body = preview_body(&preview);
        let text = body.text_content();
        assert!(text
            .contains("“Acme — Q2”: 1 objective, 2 key results with 0 check-ins, 1 team, 1 link."));
        assert!(text.contains("Sales — department, under Acme (1 objective)"));
        // Titles are text, never markup.
        assert!(text.contains("Row 7 — “<b>Ship</b>”: a Deliverable."));
        assert!(body.descendants().iter().all(|e| e.tag != "b"));
        // Empty lists have no heading.
        assert!(!text.contains("Kept as soft links"));
    }
}
