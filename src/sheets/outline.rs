//! The Markdown outline the app exports (More → Markdown) read back into a
//! canvas: the teams from its headings (a heading's depth is the team's
//! place: `##` the top, each `#` more one step below the heading above it),
//! each objective with its kind, owner, status set by hand and key results
//! (current / target unit, from start), its hard link from its "Supports"
//! line, the reasons of standalone objectives, and the soft links of their
//! section. Links name objectives by title and team, as the outline does.
//! Progress is worked out again, not read; what an outline leaves out
//! (descriptions, check-ins, card positions) is not there to read, and the
//! preview says so. A line it cannot read is named with its line number.

use std::collections::BTreeMap;

use super::{Period, Preview, Skipped};
use crate::domain::dates::day_number;
use crate::domain::ids::unique_team_id;
use crate::domain::model::{
    Cycle, Document, KeyResult, Level, LinkKind, Objective, ObjectiveKind, Pace, Rollup,
    StatusByHand, Team,
};
use crate::domain::numbers::parse_number;

/// The words the outline writes for a status set by hand, and their pace.
const PACES: [(&str, Pace); 3] = [
    ("on track", Pace::OnTrack),
    ("at risk", Pace::AtRisk),
    ("off track", Pace::OffTrack),
];

/// Whether `text` is an outline: a `# ` title first, and a team heading.
pub fn is_outline(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.starts_with("# ") && text.lines().any(|l| team_heading(l).is_some())
}

/// `text` as written in the outline, its escapes undone.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `## Sales (department)` as its depth (0 for `##`), name and level.
fn team_heading(line: &str) -> Option<(usize, String, Level)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !(2..=6).contains(&hashes) {
        return None;
    }
    let rest = line[hashes..].strip_prefix(' ')?.trim_end();
    let (name, level) = rest.strip_suffix(')')?.rsplit_once(" (")?;
    let level = [
        Level::Company,
        Level::Department,
        Level::Team,
        Level::Individual,
    ]
    .into_iter()
    .find(|l| l.name() == level)?;
    Some((hashes - 2, unescape(name), level))
}

/// `**Title** (Team)` or `the key result “KR” of **Title** (Team)`: the
/// objective's title and team, and the key result's title if one is named.
fn label(text: &str) -> Option<Label> {
    let (key_result, rest) = match text.strip_prefix("the key result “") {
        Some(rest) => {
            let (kr, rest) = rest.split_once("” of ")?;
            (Some(unescape(kr)), rest)
        }
        None => (None, text),
    };
    let rest = rest.strip_prefix("**")?;
    let (title, rest) = rest.split_once("** (")?;
    let team = rest.strip_suffix(')')?;
    Some((unescape(title), unescape(team), key_result))
}

/// A line's text before " — note", and the note.
fn with_note(text: &str) -> (&str, Option<String>) {
    match text.split_once(" — ") {
        Some((before, note)) => (before, Some(unescape(note))),
        None => (text, None),
    }
}

fn number(text: &str) -> Option<f64> {
    parse_number(&unescape(text), false).ok().flatten()
}

/// `Title — 40 / 100 EUR (from 0), 40%, owner Ann` as a key result.
fn key_result(text: &str, id: String) -> Option<KeyResult> {
    let (title, numbers) = text.rsplit_once(" — ")?;
    let (current, rest) = numbers.split_once(" / ")?;
    let (target_and_unit, rest) = rest.split_once(" (from ")?;
    let (start, rest) = rest.split_once("), ")?;
    let (target, unit) = match target_and_unit.strip_suffix('%') {
        Some(target) => (target, Some("%".to_string())),
        None => match target_and_unit.split_once(' ') {
            Some((target, unit)) => (target, Some(unescape(unit))),
            None => (target_and_unit, None),
        },
    };
    let mut key_result = KeyResult::new(id, unescape(title), number(start)?, number(target)?);
    key_result.current = Some(number(current)?);
    key_result.unit = unit;
    key_result.owner = rest
        .split_once(", owner ")
        .map(|(_, owner)| unescape(owner));
    Some(key_result)
}

/// `**Title** — committed, 40%, owner Ann, at risk (set by hand) — why` as
/// an objective (without its team and key results).
fn objective(text: &str, id: String, team: &str) -> Option<Objective> {
    let rest = text.strip_prefix("**")?;
    let (title, rest) = rest.split_once("** — ")?;
    let mut objective = Objective::new(id, team, unescape(title));
    let (kind, rest) = rest.split_once(", ")?;
    objective.kind = match kind {
        "committed" => ObjectiveKind::Committed,
        "aspirational" => ObjectiveKind::Aspirational,
        _ => return None,
    };
    // After the progress: the owner, then a status set by hand.
    let rest = rest.split_once(", ").map_or("", |(_, rest)| rest);
    let (owner, status) = PACES
        .iter()
        .find_map(|(words, pace)| {
            let marker = format!("{words} (set by hand)");
            let at = rest.find(&marker)?;
            let note = with_note(&rest[at + marker.len()..]).1;
            Some((&rest[..at], Some((*pace, note))))
        })
        .unwrap_or((rest, None));
    objective.owner = owner
        .trim_end_matches(", ")
        .strip_prefix("owner ")
        .map(unescape)
        .filter(|o| !o.is_empty());
    objective.status = status.map(|(value, note)| StatusByHand {
        value,
        note,
        date: None,
    });
    Some(objective)
}

/// An objective's title and team name, and a key result's title when the
/// label names one, as links name their ends.
type Label = (String, String, Option<String>);

/// A link read, made once every objective is known: from (title and team,
/// joined by a NUL), to, kind, and the line it was on.
type Pending = (String, Label, LinkKind, usize);

/// The preview of the outline `text`.
pub fn preview(file_name: &str, text: &str) -> Result<Preview, Vec<String>> {
    let mut document = Document::new(String::new());
    let mut skipped = Vec::new();
    let mut notes = vec![
        "An outline holds no descriptions, check-ins or card positions: the canvas is laid out \
         afresh, and progress is worked out again from the key results."
            .to_string(),
    ];
    // The teams open at each depth, for the next heading's parent.
    let mut open: Vec<String> = Vec::new();
    let mut team: Option<String> = None;
    let mut soft_section = false;
    let mut repeats = false;
    let mut pending: Vec<Pending> = Vec::new();
    let skip = |skipped: &mut Vec<Skipped>, line: usize, text: &str, reason: &str| {
        skipped.push(Skipped {
            row: line,
            title: text.trim().to_string(),
            reason: reason.to_string(),
        })
    };
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(title) = line.strip_prefix("# ") {
            if document.title.is_empty() {
                document.title = unescape(title);
            }
            continue;
        }
        if let Some(cycle) = line.strip_prefix("Cycle: ") {
            let read = cycle.rsplit_once(" to ").and_then(|(rest, end)| {
                let (label, start) = rest.rsplit_once(", ")?;
                (day_number(start).is_some() && day_number(end).is_some()).then(|| Cycle {
                    label: unescape(label),
                    start: start.to_string(),
                    end: end.to_string(),
                })
            });
            match read {
                Some(cycle) => document.cycle = Some(cycle),
                None => skip(
                    &mut skipped,
                    number,
                    line,
                    "a cycle line whose dates cannot be read",
                ),
            }
            continue;
        }
        if let Some((depth, name, level)) = team_heading(line) {
            open.truncate(depth);
            let parent = depth.checked_sub(1).and_then(|d| open.get(d)).cloned();
            let id = unique_team_id(&document.teams, &name);
            document
                .teams
                .push(Team::new(id.clone(), name, level, parent.as_deref()));
            open.push(id.clone());
            team = Some(id);
            soft_section = false;
            continue;
        }
        if let Some(section) = line.strip_prefix("## ") {
            team = None;
            soft_section = section == "Soft links";
            // The last two sections name again objectives listed above.
            repeats = matches!(section, "Not aligned" | "Standalone mission OKRs");
            continue;
        }
        if soft_section {
            let read = line.strip_prefix("- ").and_then(|rest| {
                let (rest, _) = with_note(rest);
                let (from, to) = rest.split_once(" points the same way as ")?;
                let (title, team_name, _) = label(from)?;
                Some(((title, team_name), label(to)?))
            });
            match read {
                Some(((title, team_name), to)) => pending.push((
                    format!("{title}\u{0}{team_name}"),
                    to,
                    LinkKind::Soft,
                    number,
                )),
                None if line.starts_with("- ") => skip(
                    &mut skipped,
                    number,
                    line,
                    "a soft link whose ends cannot be read",
                ),
                None => {}
            }
            continue;
        }
        let Some(team_id) = &team else {
            if !repeats && line.starts_with("- ") {
                skip(
                    &mut skipped,
                    number,
                    line,
                    "an objective under no team heading",
                );
            }
            continue;
        };
        if let Some(rest) = line.strip_prefix("- ") {
            let id = format!("o-{}", document.objectives.len() + 1);
            match objective(rest, id, team_id) {
                Some(objective) => document.objectives.push(objective),
                None => skip(
                    &mut skipped,
                    number,
                    line,
                    "an objective line that cannot be read",
                ),
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("  - ") else {
            skip(&mut skipped, number, line, "not a line the outline writes");
            continue;
        };
        let Some(current) = document.objectives.last_mut() else {
            continue;
        };
        if let Some(rest) = rest.strip_prefix("Key result: ") {
            let id = format!("{}-kr-{}", current.id, current.key_results.len() + 1);
            match key_result(rest, id) {
                Some(kr) => current.key_results.push(kr),
                None => skip(
                    &mut skipped,
                    number,
                    line,
                    "a key result whose numbers cannot be read",
                ),
            }
        } else if rest.starts_with("Supports nothing") {
            // Said again by the links, or by their absence.
        } else if let Some(rest) = rest.strip_prefix("Supports ") {
            let (rest, _) = with_note(rest);
            match label(rest) {
                Some(to) => {
                    let team_name = document
                        .teams
                        .iter()
                        .find(|t| t.id == current.team)
                        .map(|t| t.name.clone())
                        .unwrap_or_default();
                    pending.push((
                        format!("{}\u{0}{team_name}", current.title),
                        to,
                        LinkKind::Hard,
                        number,
                    ));
                }
                None => skip(
                    &mut skipped,
                    number,
                    line,
                    "a link whose objective cannot be read",
                ),
            }
        } else if let Some(reason) = rest.strip_prefix("Stands alone: ") {
            current.standalone = Some(unescape(reason));
        }
        // "Supported by", "Supports nothing", "No key results yet": said again by the links.
    }
    if document.objectives.is_empty() {
        return Err(vec![format!(
            "{file_name} has no objective under a team heading, so there is nothing to put on \
             a canvas."
        )]);
    }
    if document.title.is_empty() {
        document.title = file_name.to_string();
    }
    // Objectives by title and team name, as the outline names them.
    let mut by_label: BTreeMap<String, String> = BTreeMap::new();
    for objective in &document.objectives {
        let team_name = document
            .teams
            .iter()
            .find(|t| t.id == objective.team)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        by_label
            .entry(format!("{}\u{0}{team_name}", objective.title))
            .or_insert_with(|| objective.id.clone());
    }
    for objective in &mut document.objectives {
        let supported = pending.iter().any(|(_, (title, team, _), kind, _)| {
            *kind == LinkKind::Hard
                && by_label.get(&format!("{title}\u{0}{team}")) == Some(&objective.id)
        });
        objective.rollup = if supported {
            Rollup::Both
        } else {
            Rollup::KeyResults
        };
    }
    let mut graph = super::graph_of(file_name, &document)?;
    let (mut hard_links, mut soft_links) = (0, Vec::new());
    for (from, (title, team_name, key_result), kind, line) in &pending {
        let Some(from) = by_label.get(from) else {
            continue;
        };
        let target = by_label
            .get(&format!("{title}\u{0}{team_name}"))
            .and_then(|id| match key_result {
                None => Some(id.clone()),
                Some(kr) => graph
                    .objectives()
                    .find(|o| &o.id == id)
                    .and_then(|o| o.key_results.iter().find(|k| &k.title == kr))
                    .map(|k| k.id.clone()),
            });
        let Some(to) = target else {
            notes.push(format!(
                "Line {line}: “{title}” ({team_name}) is not in the outline, so its link is left out."
            ));
            continue;
        };
        match graph.link(from, &to, *kind) {
            Ok(()) if *kind == LinkKind::Hard => hard_links += 1,
            Ok(()) => soft_links.push(format!("“{title}” ({team_name}), line {line}")),
            Err(rule)
                if *kind == LinkKind::Hard && graph.link(from, &to, LinkKind::Soft).is_ok() =>
            {
                soft_links.push(format!("Line {line} is a soft link: {rule}"));
            }
            Err(rule) => notes.push(format!("Line {line}: the link is left out: {rule}")),
        }
    }
    let document = graph.into_document();
    let text = super::checked_text(file_name, &document)?;
    let periods = document
        .cycle
        .iter()
        .map(|c| Period {
            name: c.label.clone(),
            start: c.start.clone(),
            end: c.end.clone(),
            objectives: document.objectives.len(),
        })
        .collect();
    Ok(Preview {
        kind: "an OKR Canvas outline (Markdown)".to_string(),
        periods,
        period: document.cycle.as_ref().map(|c| c.label.clone()),
        columns: None,
        row_word: "Line".to_string(),
        title: document.title.clone(),
        objectives: document.objectives.len(),
        key_results: document
            .objectives
            .iter()
            .map(|o| o.key_results.len())
            .sum(),
        check_ins: 0,
        teams: super::team_lines(&document),
        hard_links,
        soft_links,
        skipped,
        notes,
        document: text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::import;
    use crate::domain::progress::compute_progress;
    use crate::domain::sample_document as sample;
    use crate::output::outline::markdown_outline;

    #[test]
    fn the_exported_outline_opens_as_the_same_objectives_key_results_teams_and_links() {
        let original = sample();
        let text = markdown_outline(&original, &compute_progress(&original));
        assert!(is_outline(&text));
        let preview = preview("acme.md", &text).unwrap();
        assert!(preview.skipped.is_empty(), "{:?}", preview.skipped);
        let read = import(preview.document.as_bytes()).unwrap().document;
        assert_eq!(read.title, original.title);
        assert_eq!(read.cycle, original.cycle);
        let teams = |doc: &Document| {
            let mut teams: Vec<(String, Level, Option<String>)> = doc
                .teams
                .iter()
                .map(|t| {
                    let parent = t
                        .parent
                        .as_ref()
                        .and_then(|p| doc.teams.iter().find(|x| &x.id == p))
                        .map(|p| p.name.clone());
                    (t.name.clone(), t.level, parent)
                })
                .collect();
            teams.sort();
            teams
        };
        assert_eq!(teams(&read), teams(&original));
        // Objectives by title: team, kind, owner, standalone, key results.
        let shape = |doc: &Document| {
            let team = |id: &str| {
                doc.teams
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.name.clone())
            };
            let mut all: Vec<_> = doc
                .objectives
                .iter()
                .map(|o| {
                    let krs: Vec<_> = o
                        .key_results
                        .iter()
                        .map(|k| {
                            (
                                k.title.clone(),
                                k.start,
                                k.target,
                                k.current_value(),
                                k.unit.clone(),
                            )
                        })
                        .collect();
                    (
                        o.title.clone(),
                        team(&o.team),
                        o.kind,
                        o.owner.clone(),
                        o.standalone.is_some(),
                        krs,
                    )
                })
                .collect();
            all.sort_by(|a, b| a.0.cmp(&b.0));
            all
        };
        assert_eq!(shape(&read), shape(&original));
        // Links by the titles at their ends.
        let links = |doc: &Document| {
            let name = |id: &str| {
                doc.objectives
                    .iter()
                    .find_map(|o| {
                        (o.id == id).then(|| o.title.clone()).or_else(|| {
                            o.key_results
                                .iter()
                                .find(|k| k.id == id)
                                .map(|k| k.title.clone())
                        })
                    })
                    .unwrap_or_default()
            };
            let mut all: Vec<_> = doc
                .links
                .iter()
                .map(|l| (name(&l.from), name(&l.to), l.kind))
                .collect();
            all.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            all
        };
        assert_eq!(links(&read), links(&original));
    }

    #[test]
    fn escapes_owners_with_commas_and_a_status_set_by_hand_are_read_back() {
        let text = "# A \\*star\\*\n\n## Acme (company)\n\n\
                    - **Grow \\#1** — committed, 40%, owner Bo Ek, Cara Holm, at risk (set by hand) — late\n  \
                    - Key result: Revenue — 1,500 / 2,000 EUR (from 1,000), 50%, owner Ann\n";
        let preview = preview("a.md", text).unwrap();
        let doc = import(preview.document.as_bytes()).unwrap().document;
        assert_eq!(doc.title, "A *star*");
        let o = &doc.objectives[0];
        assert_eq!(o.title, "Grow #1");
        assert_eq!(o.owner.as_deref(), Some("Bo Ek, Cara Holm"));
        let status = o.status.as_ref().unwrap();
        assert_eq!(
            (status.value, status.note.as_deref()),
            (Pace::AtRisk, Some("late"))
        );
        let kr = &o.key_results[0];
        assert_eq!(
            (
                kr.start,
                kr.target,
                kr.current,
                kr.unit.as_deref(),
                kr.owner.as_deref()
            ),
            (1000.0, 2000.0, Some(1500.0), Some("EUR"), Some("Ann"))
        );
    }

    #[test]
    fn a_line_it_cannot_read_is_named_and_an_outline_without_objectives_refused() {
        let text = "# A\n\n## Acme (company)\n\n- **Grow** — committed, 40%\n  - Key result: broken\nstray text\n";
        let read = preview("a.md", text).unwrap();
        let rows: Vec<usize> = read.skipped.iter().map(|s| s.row).collect();
        assert_eq!(rows, [6, 7]);
        assert!(preview("b.md", "# Only a title\n").is_err());
    }
}
