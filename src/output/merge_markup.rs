//! The changes of a merge as a markup tree for the merge dialog: grouped by
//! team, each with what it was and what it becomes and two choices (take the
//! file's side, keep the canvas's). Plain markup read by one listener rather
//! than a view per change, for the bundle's sake, as the review lists are.

use serde_json::Value;

use crate::domain::merge::{Change, Key, Kind};
use crate::output::markup::{el, Element};

/// What the two sides of a merge are called.
#[derive(Clone, Copy, Debug)]
pub struct Sides {
    /// The version coming in: "the file".
    pub theirs: &'static str,
    /// The version open here: "the canvas".
    pub ours: &'static str,
}

/// A returned file merged into the open canvas.
pub const FILE: Sides = Sides {
    theirs: "the file",
    ours: "the canvas",
};

/// Another tab's version merged into this tab's.
pub const OTHER_TAB: Sides = Sides {
    theirs: "the other tab",
    ours: "this tab",
};

/// The changes by team: each team's id and name, and its changes' places in
/// `changes`, in the order given. `choices` starts the radios (`None`: a
/// conflict not decided yet).
pub fn merge_list(
    changes: &[Change],
    groups: &[(String, String, Vec<usize>)],
    choices: &[Option<bool>],
    sides: Sides,
) -> Element {
    el("div", "merge-dialog__groups").children(groups.iter().map(|(team, name, indices)| {
        let places = indices
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let button = |testid: &'static str, take: &'static str, text: &'static str| {
            el("button", "")
                .attr("type", "button")
                .attr("data-testid", testid)
                .attr("data-take", take)
                .attr("data-indices", places.clone())
                .text(text)
        };
        el("section", "merge-dialog__team")
            .attr("data-testid", "merge-team")
            .attr("data-team-id", team.as_str())
            .child(
                el("h3", "merge-dialog__team-name")
                    .text(name.as_str())
                    .child(button("merge-team-take", "true", "Take all"))
                    .child(button("merge-team-keep", "false", "Keep all")),
            )
            .child(
                el("ul", "merge-dialog__changes").children(indices.iter().filter_map(|&i| {
                    changes.get(i).map(|change| {
                        change_row(i, change, choices.get(i).copied().flatten(), sides)
                    })
                })),
            )
    }))
}

fn change_row(index: usize, change: &Change, chosen: Option<bool>, sides: Sides) -> Element {
    let what = match &change.key {
        Key::Team(_) => "Team",
        Key::Objective(_) => "Objective",
        Key::KeyResult { .. } => "Key result",
        Key::Link { .. } => "Link",
    };
    let (done, kind) = match change.kind {
        Kind::Added => (format!("new in {}", sides.theirs), "added"),
        Kind::Removed => (format!("removed in {}", sides.theirs), "removed"),
        Kind::Edited => ("changed".to_string(), "edited"),
    };
    let key = match &change.key {
        Key::Team(id) | Key::Objective(id) | Key::KeyResult { id, .. } => id.clone(),
        Key::Link { from, to } => format!("{from}>{to}"),
    };
    let radio = |testid: &'static str, take: bool, text: String| {
        let input = el("input", "")
            .attr("type", "radio")
            .attr("name", format!("merge-change-{index}"))
            .attr("data-testid", testid)
            .attr("data-index", index.to_string())
            .attr("value", if take { "file" } else { "canvas" });
        let input = if chosen == Some(take) {
            input.attr("checked", "")
        } else {
            input
        };
        el("label", "merge-dialog__choice").child(input).text(text)
    };
    let row = el("li", "merge-dialog__change")
        .attr("data-testid", "merge-change")
        .attr("data-key", key)
        .attr("data-kind", kind);
    let row = if change.conflict.is_some() {
        row.attr("data-conflict", "true")
    } else {
        row
    };
    row.child(
        el("p", "merge-dialog__what")
            .child(el("strong", "").text(format!("{what} “{}”", change.name)))
            .text(format!(" — {done}"))
            .maybe(
                change
                    .conflict
                    .map(|why| el("span", "merge-dialog__conflict").text(format!(" · {why}"))),
            ),
    )
    .child(
        el("ul", "merge-dialog__fields").children(change.fields.iter().map(|field| {
            el("li", "")
                .attr("data-testid", "merge-field")
                .attr("data-field", field.field.clone())
                .text(format!(
                    "{}: {} → {}",
                    field.field,
                    shown(field.canvas.as_ref()),
                    shown(field.file.as_ref())
                ))
        })),
    )
    .maybe(carried_line(change))
    .child(radio(
        "merge-take",
        true,
        format!("Take {}'s", sides.theirs),
    ))
    .child(radio("merge-keep", false, format!("Keep {}'s", sides.ours)))
}

/// What comes or goes with a change, named: "Goes with its key result
/// “Deals closed”, link “Brand → Sales”."
fn carried_line(change: &Change) -> Option<Element> {
    if change.carried.is_empty() {
        return None;
    }
    let names = change
        .carried
        .iter()
        .map(|c| match c.key {
            Key::Link { .. } => format!("link “{}”", c.name),
            _ => format!("key result “{}”", c.name),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let verb = if change.kind == Kind::Added {
        "Comes with"
    } else {
        "Goes with"
    };
    Some(
        el("p", "merge-dialog__carried")
            .attr("data-testid", "merge-carried")
            .text(format!("{verb} its {names}.")),
    )
}

/// A field's value in a few words.
fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".to_string(),
        Some(Value::String(text)) => format!("“{text}”"),
        Some(Value::Array(items)) => match items.len() {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        },
        Some(other) => {
            let text = other.to_string();
            match text.char_indices().nth(60) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::merge::plan;
    use crate::domain::sample_document as sample;

    #[test]
    fn each_change_has_its_fields_and_two_choices_and_conflicts_start_undecided() {
        let ancestor = sample();
        let mut canvas = ancestor.clone();
        canvas.objectives[0].title = "Ours".into();
        let mut file = ancestor.clone();
        file.objectives[0].title = "Theirs <b>".into();
        file.objectives[1].key_results[0].target += 1.0;
        let merge = plan(Some(&ancestor), &canvas, &file);
        let groups: Vec<(String, String, Vec<usize>)> = vec![(
            "t".into(),
            "Team".into(),
            (0..merge.changes.len()).collect(),
        )];
        let choices: Vec<Option<bool>> = merge
            .changes
            .iter()
            .map(|c| c.conflict.is_none().then_some(true))
            .collect();
        let tree = merge_list(&merge.changes, &groups, &choices, FILE);
        let rows: Vec<&Element> = tree
            .descendants()
            .into_iter()
            .filter(|e| e.get("data-testid") == Some("merge-change"))
            .collect();
        assert_eq!(rows.len(), 2);
        let conflict = rows
            .iter()
            .find(|r| r.get("data-conflict") == Some("true"))
            .unwrap();
        assert!(conflict
            .text_content()
            .contains("title: “Ours” → “Theirs <b>”"));
        let checked = |row: &Element| {
            row.descendants()
                .into_iter()
                .filter(|e| e.get("checked").is_some())
                .count()
        };
        assert_eq!(checked(conflict), 0);
        let other = rows
            .iter()
            .find(|r| r.get("data-conflict").is_none())
            .unwrap();
        assert_eq!(checked(other), 1);
    }
}
