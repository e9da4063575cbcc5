//! The canvas as a Markdown outline, for the meeting notes of an alignment workshop or
//! a quarterly review, where a picture cannot be searched, quoted or edited.
//!
//! The outline follows the organisation top-down — the company, then its departments,
//! then their teams, by the teams' parent links (teams without a parent at the top) —
//! and lists under each team its objectives with their kind and progress, their key
//! results, what each objective supports and what supports it. Sections at the end
//! list the soft links, the objectives that are not aligned and the standalone
//! mission OKRs with their reasons. Everything comes out in the order of the document,
//! so the same canvas always gives the same text and a diff of two outlines shows
//! what changed.
//!
//! Every text from the document is escaped ([`markdown_text`]) so that a title can
//! never turn into a heading, a list, a link, an image, a table or raw HTML when the
//! notes are rendered; newlines inside titles and notes become spaces. Descriptions and
//! check-in notes are left out: they belong to the canvas, not to a one-page outline.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::domain::model::{
    team_order, Document, KeyResult, Level, Link, LinkKind, Objective, ObjectiveKind, Pace, Team,
};
use crate::domain::numbers::{number, percent};
use crate::domain::progress::ProgressMap;

/// Markdown headings stop at level 6.
const DEEPEST_HEADING: usize = 6;

/// The outline of `doc`, with the progress of its objectives and key results from
/// `progress` (computed from the same document; a missing value counts as 0).
pub fn markdown_outline(doc: &Document, progress: &ProgressMap<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", markdown_text(&doc.title));
    out.push('\n');
    if let Some(cycle) = &doc.cycle {
        let _ = writeln!(
            out,
            "Cycle: {}, {} to {}",
            markdown_text(&cycle.label),
            markdown_text(&cycle.start),
            markdown_text(&cycle.end)
        );
        out.push('\n');
    }
    if doc.objectives.is_empty() {
        out.push_str("This canvas is empty: it has no objectives yet.\n");
        return out;
    }
    let index = Index::new(doc);
    let key_results: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let _ = writeln!(
        out,
        "{} objectives, {} key results, {} links.",
        doc.objectives.len(),
        key_results,
        doc.links.len()
    );

    for (team, depth) in team_order(doc) {
        let hashes = "#".repeat((2 + depth).min(DEEPEST_HEADING));
        let _ = writeln!(
            out,
            "\n{hashes} {} ({})\n",
            markdown_text(&team.name),
            team.level.name()
        );
        let objectives = index
            .objectives_by_team
            .get(team.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if objectives.is_empty() {
            out.push_str("No objectives.\n");
        }
        for objective in objectives {
            write_objective(&mut out, objective, &index, progress);
        }
    }

    let orphans: Vec<&Objective> = doc
        .objectives
        .iter()
        .filter(|o| !index.teams.contains_key(o.team.as_str()))
        .collect();
    if !orphans.is_empty() {
        out.push_str("\n## Objectives of unknown teams\n\n");
        for objective in orphans {
            write_objective(&mut out, objective, &index, progress);
        }
    }

    write_soft_links(&mut out, doc, &index);
    write_not_aligned(&mut out, doc, &index);
    write_standalone(&mut out, doc, &index);
    out
}

/// What the outline looks up, built once.
struct Index<'a> {
    teams: HashMap<&'a str, &'a Team>,
    objectives: HashMap<&'a str, &'a Objective>,
    /// Key result id → (its objective, the key result).
    key_results: HashMap<&'a str, (&'a Objective, &'a KeyResult)>,
    /// In document order.
    objectives_by_team: HashMap<&'a str, Vec<&'a Objective>>,
    /// Objective id → its hard link (the first, should an unchecked document have more).
    hard_parent: HashMap<&'a str, &'a Link>,
    /// Objective id → the objectives that hard-link to it or its key results, in link order.
    hard_children: HashMap<&'a str, Vec<&'a Objective>>,
    /// Objectives that link to something, hard or soft.
    linking: HashSet<&'a str>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Self {
        let teams: HashMap<&str, &Team> = doc.teams.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut objectives = HashMap::new();
        let mut key_results = HashMap::new();
        let mut objectives_by_team: HashMap<&str, Vec<&Objective>> = HashMap::new();
        for objective in &doc.objectives {
            objectives.entry(objective.id.as_str()).or_insert(objective);
            objectives_by_team
                .entry(objective.team.as_str())
                .or_default()
                .push(objective);
            for key_result in &objective.key_results {
                key_results
                    .entry(key_result.id.as_str())
                    .or_insert((objective, key_result));
            }
        }
        let mut hard_parent = HashMap::new();
        let mut hard_children: HashMap<&str, Vec<&Objective>> = HashMap::new();
        let mut linking = HashSet::new();
        for link in &doc.links {
            let Some(&child) = objectives.get(link.from.as_str()) else {
                continue;
            };
            linking.insert(child.id.as_str());
            if link.kind != LinkKind::Hard || hard_parent.contains_key(child.id.as_str()) {
                continue;
            }
            hard_parent.insert(child.id.as_str(), link);
            let parent = objectives
                .get(link.to.as_str())
                .copied()
                .or_else(|| key_results.get(link.to.as_str()).map(|&(o, _)| o));
            if let Some(parent) = parent {
                hard_children
                    .entry(parent.id.as_str())
                    .or_default()
                    .push(child);
            }
        }
        Index {
            teams,
            objectives,
            key_results,
            objectives_by_team,
            hard_parent,
            hard_children,
            linking,
        }
    }

    fn team_name(&self, objective: &Objective) -> String {
        match self.teams.get(objective.team.as_str()) {
            Some(team) => markdown_text(&team.name),
            None => format!("unknown team {}", markdown_text(&objective.team)),
        }
    }

    fn is_company(&self, objective: &Objective) -> bool {
        self.teams
            .get(objective.team.as_str())
            .is_some_and(|t| t.level == Level::Company)
    }

    /// An objective named for the reader: its title in bold and its team.
    fn objective_label(&self, objective: &Objective) -> String {
        format!(
            "**{}** ({})",
            markdown_text(&objective.title),
            self.team_name(objective)
        )
    }

    /// What the id `target` of a link is: an objective, or a key result of one.
    fn target_label(&self, target: &str) -> String {
        if let Some(objective) = self.objectives.get(target) {
            return self.objective_label(objective);
        }
        match self.key_results.get(target) {
            Some((objective, key_result)) => format!(
                "the key result “{}” of {}",
                markdown_text(&key_result.title),
                self.objective_label(objective)
            ),
            None => format!("an unknown objective ({})", markdown_text(target)),
        }
    }
}

fn write_objective(
    out: &mut String,
    objective: &Objective,
    index: &Index<'_>,
    progress: &ProgressMap<'_>,
) {
    let kind = match objective.kind {
        ObjectiveKind::Aspirational => "aspirational",
        ObjectiveKind::Committed => "committed",
    };
    let _ = writeln!(
        out,
        "- **{}** — {kind}, {}{}{}",
        markdown_text(&objective.title),
        percent(progress_of(progress, &objective.id)),
        owner_suffix(objective.owner.as_deref()),
        objective
            .status
            .as_ref()
            .map(|status| {
                let words = match status.value {
                    Pace::OnTrack => "on track",
                    Pace::AtRisk => "at risk",
                    Pace::OffTrack => "off track",
                };
                format!(
                    ", {words} (set by hand){}",
                    note_suffix(status.note.as_deref())
                )
            })
            .unwrap_or_default()
    );

    match index.hard_parent.get(objective.id.as_str()) {
        Some(link) => {
            let _ = writeln!(
                out,
                "  - Supports {}{}",
                index.target_label(&link.to),
                note_suffix(link.note.as_deref())
            );
        }
        None => match &objective.standalone {
            Some(reason) => {
                let _ = writeln!(out, "  - Stands alone: {}", reason_text(reason));
            }
            None if index.is_company(objective) => {}
            None if index.linking.contains(objective.id.as_str()) => {
                out.push_str("  - Supports nothing directly (soft links only)\n");
            }
            None => out.push_str("  - Supports nothing yet (not aligned)\n"),
        },
    }

    match index.hard_children.get(objective.id.as_str()) {
        Some(children) if !children.is_empty() => {
            let names: Vec<String> = children
                .iter()
                .map(|child| index.objective_label(child))
                .collect();
            let _ = writeln!(out, "  - Supported by {}", names.join(", "));
        }
        _ if index.is_company(objective) => {
            out.push_str("  - Nothing supports it yet\n");
        }
        _ => {}
    }

    if objective.key_results.is_empty() {
        out.push_str("  - No key results yet\n");
    }
    for key_result in &objective.key_results {
        let unit = key_result
            .unit
            .as_deref()
            .map(markdown_text)
            .filter(|u| !u.is_empty())
            // "40%", but "40 EUR".
            .map(|u| if u == "%" { u } else { format!(" {u}") })
            .unwrap_or_default();
        let confidence = key_result
            .confidence
            .map(|c| format!(", confidence {}", percent(c)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  - Key result: {} — {} / {}{unit} (from {}), {}{confidence}{}",
            markdown_text(&key_result.title),
            number(key_result.current_value()),
            number(key_result.target),
            number(key_result.start),
            percent(progress_of(progress, &key_result.id)),
            owner_suffix(key_result.owner.as_deref()),
        );
    }
}

fn write_soft_links(out: &mut String, doc: &Document, index: &Index<'_>) {
    out.push_str("\n## Soft links\n\n");
    let mut any = false;
    for link in doc.links.iter().filter(|l| l.kind == LinkKind::Soft) {
        any = true;
        let _ = writeln!(
            out,
            "- {} points the same way as {}{}",
            index.target_label(&link.from),
            index.target_label(&link.to),
            note_suffix(link.note.as_deref())
        );
    }
    if !any {
        out.push_str("No soft links.\n");
    }
}

fn write_not_aligned(out: &mut String, doc: &Document, index: &Index<'_>) {
    out.push_str("\n## Not aligned\n\n");
    let unaligned: Vec<&Objective> = doc
        .objectives
        .iter()
        .filter(|o| {
            !index.is_company(o) && o.standalone.is_none() && !index.linking.contains(o.id.as_str())
        })
        .collect();
    if unaligned.is_empty() {
        out.push_str(
            "Every objective below the company level links to something or says why it stands alone.\n",
        );
        return;
    }
    out.push_str(
        "Objectives below the company level that link to nothing and do not say why they stand alone:\n\n",
    );
    for objective in unaligned {
        let _ = writeln!(out, "- {}", index.objective_label(objective));
    }
}

fn write_standalone(out: &mut String, doc: &Document, index: &Index<'_>) {
    out.push_str("\n## Standalone mission OKRs\n\n");
    let mut any = false;
    for objective in &doc.objectives {
        if let Some(reason) = &objective.standalone {
            any = true;
            let _ = writeln!(
                out,
                "- {}: {}",
                index.objective_label(objective),
                reason_text(reason)
            );
        }
    }
    if !any {
        out.push_str("No standalone objectives.\n");
    }
}

fn reason_text(reason: &str) -> String {
    let text = markdown_text(reason);
    if text.is_empty() {
        "no reason given".to_string()
    } else {
        text
    }
}

/// ", owner Dana Kim", or nothing without an owner.
fn owner_suffix(owner: Option<&str>) -> String {
    owner
        .map(|owner| format!(", owner {}", markdown_text(owner)))
        .unwrap_or_default()
}

fn note_suffix(note: Option<&str>) -> String {
    match note.map(markdown_text).filter(|n| !n.is_empty()) {
        Some(note) => format!(" — {note}"),
        None => String::new(),
    }
}

fn progress_of(progress: &ProgressMap<'_>, id: &str) -> f64 {
    progress.get(id).copied().unwrap_or(0.0)
}

/// `text` as inert Markdown inline text: whitespace runs (newlines included) become
/// one space, control characters go, every character Markdown or HTML could read as
/// structure (`\ ` * _ [ ] < > # | ! ~ & $`) gets a backslash, and so do a leading
/// `-`, `+` or `=` and the `.` or `)` of a leading number, which could start a list or
/// underline a heading wherever the text lands at the start of a line.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let words = text
        .split(char::is_whitespace)
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty());
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '&' | '$'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::model::Cycle;
    use crate::domain::progress::compute_progress;
    use crate::domain::sample_document as sample;

    fn outline_of(doc: &Document) -> String {
        markdown_outline(doc, &compute_progress(doc))
    }

    fn link(from: &str, to: &str, kind: LinkKind) -> Link {
        Link {
            from: from.into(),
            to: to.into(),
            kind,
            note: None,
        }
    }

    fn position(haystack: &str, needle: &str) -> usize {
        match haystack.find(needle) {
            Some(at) => at,
            None => panic!("'{needle}' is missing from:\n{haystack}"),
        }
    }

    #[test]
    fn the_sample_lists_the_company_objectives_in_order_and_every_objective() {
        let doc = sample();
        let outline = outline_of(&doc);
        assert!(outline.starts_with("# Acme\n\nCycle: Q1 2027, 2027-01-01 to 2027-03-31\n"));
        let company: Vec<&Objective> = doc.objectives.iter().filter(|o| o.team == "acme").collect();
        assert_eq!(company.len(), 4);
        let places: Vec<usize> = company
            .iter()
            .map(|o| position(&outline, &format!("- **{}**", markdown_text(&o.title))))
            .collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        for objective in &doc.objectives {
            position(
                &outline,
                &format!("- **{}** —", markdown_text(&objective.title)),
            );
        }
        // The organisation top-down: company, then a department, then its teams.
        let acme = position(&outline, "\n## Acme (company)\n");
        let engineering = position(&outline, "\n### Product \\& Engineering (department)\n");
        let platform = position(&outline, "\n#### Platform (team)\n");
        let revenue = position(&outline, "\n### Revenue (department)\n");
        assert!(acme < engineering && engineering < platform && platform < revenue);
        // The sections follow the organisation.
        let soft = position(&outline, "\n## Soft links\n");
        let unaligned = position(&outline, "\n## Not aligned\n");
        let standalone = position(&outline, "\n## Standalone mission OKRs\n");
        assert!(revenue < soft && soft < unaligned && unaligned < standalone);
        let soft_count = doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Soft)
            .count();
        assert_eq!(
            outline[soft..unaligned]
                .matches("points the same way as")
                .count(),
            soft_count
        );
        // Key results with their numbers, progress and confidence.
        assert!(outline.contains(
            "  - Key result: Annual recurring revenue — 19,600,000 / 24,000,000 EUR (from 18,000,000), 27%, confidence 60%\n"
        ), "{outline}");
        assert!(
            outline
                .contains("  - Key result: Net revenue retention — 107 / 115% (from 104), 27%\n"),
            "{outline}"
        );
        // A hard link to a key result names it and its objective.
        assert!(outline
            .contains("  - Supports the key result “New customers signed this quarter” of **"));
        // The sample's mission OKR, with its reason.
        assert!(outline[standalone..].contains("build speed is no company objective"));
    }

    #[test]
    fn what_each_objective_supports_and_what_is_left_unaligned() {
        let mut doc = Document::new("Alignment");
        doc.teams = vec![
            Team::new("co", "Co", Level::Company, None),
            Team::new("t", "Team", Level::Team, Some("co")),
        ];
        let mut top = Objective::new("top", "co", "Top");
        top.key_results = vec![KeyResult::new("top-kr", "Top KR", 0.0, 10.0)];
        let mut alone = Objective::new("alone", "t", "Alone");
        alone.standalone = Some("Our own\nmission".into());
        doc.objectives = vec![
            top,
            Objective::new("lonely-top", "co", "Lonely top"),
            Objective::new("hard", "t", "Hard child"),
            Objective::new("soft", "t", "Soft child"),
            Objective::new("none", "t", "Nothing"),
            alone,
        ];
        doc.links = vec![
            Link {
                note: Some("because".into()),
                ..link("hard", "top-kr", LinkKind::Hard)
            },
            link("soft", "top", LinkKind::Soft),
        ];
        let outline = outline_of(&doc);
        assert!(
            outline
                .contains("- **Top** — aspirational, 0%\n  - Supported by **Hard child** (Team)\n"),
            "{outline}"
        );
        assert!(
            outline.contains("- **Lonely top** — aspirational, 0%\n  - Nothing supports it yet\n")
        );
        assert!(
            outline.contains("  - Supports the key result “Top KR” of **Top** (Co) — because\n")
        );
        assert!(outline.contains("- **Soft child** — aspirational, 0%\n  - Supports nothing directly (soft links only)\n"));
        assert!(outline.contains(
            "- **Nothing** — aspirational, 0%\n  - Supports nothing yet (not aligned)\n"
        ));
        assert!(outline.contains("  - Stands alone: Our own mission\n"));
        assert!(outline.contains("- **Soft child** (Team) points the same way as **Top** (Co)\n"));
        let unaligned = position(&outline, "## Not aligned");
        let standalone = position(&outline, "## Standalone mission OKRs");
        let section = &outline[unaligned..standalone];
        assert!(section.contains("- **Nothing** (Team)\n"));
        assert_eq!(section.matches("\n- ").count(), 1, "{section}");
        assert!(outline[standalone..].contains("- **Alone** (Team): Our own mission\n"));
    }

    #[test]
    fn teams_without_a_parent_sit_at_the_top_and_the_company_first() {
        let mut doc = Document::new("Teams");
        doc.teams = vec![
            Team::new("orphan", "Orphan team", Level::Team, None),
            Team::new("dept", "Dept", Level::Department, Some("co")),
            Team::new("co", "Co", Level::Company, None),
            Team::new("sub", "Sub", Level::Team, Some("dept")),
        ];
        doc.objectives = vec![Objective::new("o", "sub", "Something")];
        let outline = outline_of(&doc);
        let co = position(&outline, "\n## Co (company)\n");
        let dept = position(&outline, "\n### Dept (department)\n");
        let sub = position(&outline, "\n#### Sub (team)\n");
        let orphan = position(&outline, "\n## Orphan team (team)\n");
        assert!(co < dept && dept < sub && sub < orphan, "{outline}");
    }

    #[test]
    fn hostile_text_is_escaped() {
        let mut doc = Document::new("# <script>alert(1)</script>");
        doc.cycle = Some(Cycle {
            label: "Q1\n# not a heading".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        });
        doc.teams = vec![Team::new(
            "co",
            "[x](javascript:alert(1))",
            Level::Company,
            None,
        )];
        let mut first = Objective::new("a", "co", "<script>alert(1)</script>");
        first.key_results = vec![KeyResult {
            unit: Some("<b>".into()),
            ..KeyResult::new("k", "*bold* _it_ `code` ~~gone~~ | cell |", 0.0, 1.0)
        }];
        doc.objectives = vec![
            first,
            Objective::new("b", "co", "[x](javascript:alert(1))"),
            Objective::new("c", "co", "# heading"),
            Objective::new(
                "d",
                "co",
                "line one\n# heading two\n- item\n\n1. first\r\n> quote",
            ),
            Objective::new("e", "co", "- starts like a list"),
            Objective::new("f", "co", "12) numbered ![img](x) &amp; \\ $x$"),
        ];
        doc.links = vec![Link {
            note: Some("see\n## below <img src=x onerror=alert(1)>".into()),
            ..link("b", "a", LinkKind::Soft)
        }];
        let outline = outline_of(&doc);
        assert!(
            outline.starts_with("# \\# \\<script\\>alert(1)\\</script\\>\n"),
            "{outline}"
        );
        assert!(outline.contains("- **\\<script\\>alert(1)\\</script\\>** —"));
        assert!(outline.contains("\\[x\\](javascript:alert(1))"));
        assert!(outline.contains("- **\\# heading** —"));
        assert!(outline.contains("- **line one \\# heading two - item 1. first \\> quote** —"));
        assert!(outline.contains("- **\\- starts like a list** —"));
        assert!(outline.contains("- **12\\) numbered \\!\\[img\\](x) \\&amp; \\\\ \\$x\\$** —"));
        assert!(outline.contains(
            "Key result: \\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\| cell \\| — 0 / 1 \\<b\\> (from 0), 0%"
        ));
        assert!(outline.contains("— see \\#\\# below \\<img src=x onerror=alert(1)\\>\n"));
        assert!(outline.contains("Cycle: Q1 \\# not a heading, 2027-01-01"));
        // No unescaped markup survives anywhere.
        for bad in ["<script", "<img", "<b>", "](", "![", "*bold*"] {
            for (at, _) in outline.match_indices(bad) {
                assert!(
                    at > 0 && outline.as_bytes()[at - 1] == b'\\',
                    "unescaped {bad} in:\n{outline}"
                );
            }
        }
        // Every heading is one the outline made: the title, the team and its sections.
        let headings: Vec<&str> = outline.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings.len(), 5, "{headings:?}");
        // Every line is a heading, a list item, an indented item or plain text the
        // outline wrote; no line starts with text from the document.
        for line in outline.lines() {
            assert!(
                !line.starts_with("- item")
                    && !line.starts_with("1. first")
                    && !line.starts_with('>'),
                "{line}"
            );
        }
    }

    #[test]
    fn an_empty_canvas_gives_a_short_outline_saying_so() {
        let outline = outline_of(&Document::new("Blank"));
        assert_eq!(
            outline,
            "# Blank\n\nThis canvas is empty: it has no objectives yet.\n"
        );
    }

    #[test]
    fn escaping_and_numbers() {
        assert_eq!(markdown_text("  a\n\n b\t"), "a b");
        assert_eq!(markdown_text("+1 vote"), "\\+1 vote");
        assert_eq!(markdown_text("2027. A year"), "2027\\. A year");
        assert_eq!(markdown_text("Q1 2027"), "Q1 2027");
        assert_eq!(markdown_text("x\u{0}\u{1b}y"), "xy");
        assert_eq!(number(19_600_000.0), "19,600,000");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(99.9999), "100");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(f64::NAN), "?");
        assert_eq!(percent(0.456), "46%");
        assert_eq!(percent(f64::NAN), "0%");
    }

    #[test]
    fn owners_and_statuses_set_by_hand_are_named() {
        let mut doc = sample();
        doc.objectives[0].owner = Some("Dana *Kim*".into());
        doc.objectives[0].status = Some(crate::domain::model::StatusByHand {
            value: Pace::AtRisk,
            note: Some("Vendor slipped".into()),
            date: None,
        });
        doc.objectives[0].key_results[0].owner = Some("Lee Park".into());
        let outline = outline_of(&doc);
        let title = markdown_text(&doc.objectives[0].title);
        let line = outline
            .lines()
            .find(|l| l.starts_with(&format!("- **{title}**")))
            .unwrap();
        assert!(
            line.ends_with(", owner Dana \\*Kim\\*, at risk (set by hand) — Vendor slipped"),
            "{line}"
        );
        assert!(outline.contains("), owner Lee Park\n") || outline.contains(", owner Lee Park\n"));
    }
}
