//! A Viva Goals Explorer export (CSV) as a canvas. One row per objective,
//! key result, deliverable, initiative or project; `Aligned To` names the
//! parent as `Title(weight: 14.29%, Id: 2295776)`; the newest check-in is in
//! `Checkins` and each older one in the unnamed column after it.
//!
//! The canvas holds one period (the latest quarter unless the person picks
//! another): its objectives with their key results, and the objectives of
//! longer periods containing it that they align to, directly or through a key
//! result, so the tree keeps its roots. Alignments become hard links where
//! the format's rules allow, else soft links with the rule in words. Teams
//! get their levels from the alignment: the roots' team is the company, a
//! team whose objectives align under another team's sits below it. Rows that
//! are not OKRs, or not in the period, are named with why.

use std::collections::{BTreeMap, BTreeSet};

use super::table::{Row, Table};
use super::{Choices, Period, Preview, Skipped};
use crate::domain::dates::day_number;
use crate::domain::ids::unique_team_id;
use crate::domain::model::{
    CheckIn, Cycle, Document, KeyResult, Level, LinkKind, Objective, ObjectiveKind, Rollup, Team,
};
use crate::domain::numbers::parse_number;

/// The columns read, by their names in the header.
const ID: &str = "Id";
const TITLE: &str = "Title";
const TEAM: &str = "Team";
const OWNER: &str = "Owner";
const PERIOD: &str = "Period";
const START_DATE: &str = "Start Date";
const END_DATE: &str = "End Date";
const DESCRIPTION: &str = "Description";
const ALIGNED_TO: &str = "Aligned To (weight, Objective ID)";
const UNIT: &str = "Unit";
const TARGET: &str = "Target";
const OBJECT_TYPE: &str = "Object Type";
const GOAL_TYPE: &str = "Goal Type";
const START: &str = "Start";
const ACTUAL: &str = "Actual Progress";
const CHECKINS: &str = "Checkins";

/// A quarter is at most this many days long; the default period is the
/// latest one this short.
const QUARTER_DAYS: i64 = 100;

/// Whether `header` is an Explorer export's.
pub fn is_explorer_export(header: &[String]) -> bool {
    [ID, TITLE, OBJECT_TYPE, ALIGNED_TO]
        .iter()
        .all(|name| header.iter().any(|h| h == name))
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Type {
    Objective,
    KeyResult,
}

/// One objective or key result, as an export or a sheet gives it.
#[derive(Clone, Debug)]
pub(super) struct Item {
    /// Where it is in the file: the row a spreadsheet shows, or the place
    /// in a list.
    pub row: usize,
    pub id: String,
    pub title: String,
    pub kind: Type,
    pub teams: Vec<String>,
    pub owner: Option<String>,
    /// Empty where the file has no periods.
    pub period: String,
    pub description: Option<String>,
    /// The parent's id and this row's weight towards it (0 to 1).
    pub parent: Option<(String, f64)>,
    /// Further parents it aligns to, linked soft where a hard link is
    /// refused (an objective has one hard parent).
    pub more_parents: Vec<(String, f64)>,
    pub committed: bool,
    pub unit: Option<String>,
    pub start: String,
    pub target: String,
    pub actual: String,
    /// The check-ins given, `None` for one that could not be read.
    pub check_ins: Vec<Option<CheckIn>>,
}

/// What a reader found, for [`preview_of`] to map.
pub(super) struct Reading {
    /// What the file was read as: "a Viva Goals export".
    pub kind: &'static str,
    pub items: Vec<Item>,
    /// The file's periods; none for a file without them, whose canvas holds
    /// every objective.
    pub periods: Vec<Period>,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<String>,
    /// The team of an item that names none.
    pub no_team: &'static str,
    /// Team levels the file gives, by team name; the person's choices win.
    pub levels: BTreeMap<String, Level>,
    /// What the canvas's ids start with after "o-" or "kr-" ("viva"); with
    /// none, the file's own ids are kept where the format allows them.
    pub prefix: Option<&'static str>,
}

/// The canvas id of the file's item `id`, an objective or a key result.
fn canvas_id(prefix: Option<&str>, kind: Type, id: &str) -> String {
    let start = match kind {
        Type::Objective => "o",
        Type::KeyResult => "kr",
    };
    let valid = (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    match prefix {
        None if valid => id.to_string(),
        None => format!("{start}-{}", crate::domain::ids::slug(id)),
        Some(prefix) => format!("{start}-{prefix}-{}", crate::domain::ids::slug(id)),
    }
}

/// The columns' places in the header.
struct Columns(BTreeMap<&'static str, usize>);

impl Columns {
    fn of(header: &[String]) -> Columns {
        let names = [
            ID,
            TITLE,
            TEAM,
            OWNER,
            PERIOD,
            START_DATE,
            END_DATE,
            DESCRIPTION,
            ALIGNED_TO,
            UNIT,
            TARGET,
            OBJECT_TYPE,
            GOAL_TYPE,
            START,
            ACTUAL,
            CHECKINS,
        ];
        Columns(
            names
                .into_iter()
                .filter_map(|name| header.iter().position(|h| h == name).map(|i| (name, i)))
                .collect(),
        )
    }

    fn get<'a>(&self, row: &'a Row, name: &str) -> &'a str {
        self.0.get(name).map_or("", |&i| row.cell(i))
    }
}

/// The preview of `table`, an Explorer export, for the period `choices` names.
pub fn preview(file_name: &str, table: &Table, choices: &Choices) -> Result<Preview, Vec<String>> {
    let columns = Columns::of(&table.header);
    let mut skipped = Vec::new();
    let mut items = Vec::new();
    let mut periods: BTreeMap<String, Period> = BTreeMap::new();
    for row in &table.rows {
        let title = columns.get(row, TITLE).to_string();
        let kind = match columns.get(row, OBJECT_TYPE).to_ascii_lowercase().as_str() {
            "objective" => Type::Objective,
            "key result" | "keyresult" | "kpi" => Type::KeyResult,
            "" => {
                skipped.push(skip(row, &title, "it has no Object Type"));
                continue;
            }
            other => {
                let reason = match other {
                    "deliverable" | "project" => format!(
                        "a {}, not an objective or key result",
                        columns.get(row, OBJECT_TYPE)
                    ),
                    "initiative" => format!(
                        "an {}, not an objective or key result",
                        columns.get(row, OBJECT_TYPE)
                    ),
                    _ => format!(
                        "its Object Type “{}” is none of Objective, Key result, Deliverable, \
                         Initiative or Project",
                        columns.get(row, OBJECT_TYPE)
                    ),
                };
                skipped.push(skip(row, &title, &reason));
                continue;
            }
        };
        let id = columns.get(row, ID).to_string();
        if id.is_empty() || title.is_empty() {
            skipped.push(skip(row, &title, "it has no Id or no Title"));
            continue;
        }
        let period = columns.get(row, PERIOD).to_string();
        let (start, end) = (columns.get(row, START_DATE), columns.get(row, END_DATE));
        if !period.is_empty() && day_number(start).is_some() && day_number(end).is_some() {
            let entry = periods.entry(period.clone()).or_insert_with(|| Period {
                name: period.clone(),
                start: start.to_string(),
                end: end.to_string(),
                objectives: 0,
            });
            if kind == Type::Objective {
                entry.objectives += 1;
            }
        }
        let check_ins = columns
            .0
            .get(CHECKINS)
            .map(|&from| {
                row.cells
                    .iter()
                    .skip(from)
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .map(check_in)
                    .collect()
            })
            .unwrap_or_default();
        items.push(Item {
            row: row.number,
            id,
            title,
            kind,
            teams: columns
                .get(row, TEAM)
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            owner: non_empty(columns.get(row, OWNER)),
            period,
            description: non_empty(columns.get(row, DESCRIPTION)),
            parent: aligned_to(columns.get(row, ALIGNED_TO)),
            more_parents: Vec::new(),
            committed: columns
                .get(row, GOAL_TYPE)
                .to_ascii_lowercase()
                .starts_with("committed"),
            unit: non_empty(columns.get(row, UNIT)),
            start: columns.get(row, START).to_string(),
            target: columns.get(row, TARGET).to_string(),
            actual: columns.get(row, ACTUAL).to_string(),
            check_ins,
        });
    }
    let mut periods: Vec<Period> = periods.into_values().collect();
    periods.sort_by(|a, b| (&a.start, &b.end).cmp(&(&b.start, &a.end)));
    if default_period(&periods).is_none() {
        return Err(vec![format!(
            "{file_name} has no objective with a Period and its Start and End Date, so there is \
             nothing to put on a canvas."
        )]);
    }
    let reading = Reading {
        kind: "a Viva Goals export",
        items,
        periods,
        skipped,
        notes: Vec::new(),
        no_team: "No team",
        levels: BTreeMap::new(),
        prefix: Some("viva"),
    };
    preview_of(file_name, reading, choices)
}

/// The preview of what a reader found: the period `choices` names (else
/// the latest quarter; every objective where the file has no periods), with
/// the team levels `choices` sets.
pub(super) fn preview_of(
    file_name: &str,
    reading: Reading,
    choices: &Choices,
) -> Result<Preview, Vec<String>> {
    let chosen = choices
        .period
        .as_ref()
        .and_then(|name| reading.periods.iter().find(|p| &p.name == name))
        .or_else(|| default_period(&reading.periods))
        .cloned();
    build(file_name, reading, chosen, choices)
}

/// The latest quarter-long period, else the latest period.
fn default_period(periods: &[Period]) -> Option<&Period> {
    let length = |p: &Period| day_number(&p.end).unwrap_or(0) - day_number(&p.start).unwrap_or(0);
    let with_objectives = periods.iter().filter(|p| p.objectives > 0);
    with_objectives
        .clone()
        .filter(|p| length(p) <= QUARTER_DAYS)
        .max_by(|a, b| a.start.cmp(&b.start))
        .or_else(|| with_objectives.max_by(|a, b| a.start.cmp(&b.start)))
}

fn skip(row: &Row, title: &str, reason: &str) -> Skipped {
    Skipped {
        row: row.number,
        title: title.to_string(),
        reason: reason.to_string(),
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// `Title(weight: 14.29%, Id: 2295776)` as the parent's id and the weight
/// (0 to 1); the title may hold parentheses of its own.
pub(super) fn aligned_to(cell: &str) -> Option<(String, f64)> {
    let at = cell.rfind("(weight:")?;
    let rest = &cell[at + "(weight:".len()..];
    let (weight, rest) = rest.split_once(',')?;
    let weight = parse_number(weight.trim(), true)
        .ok()
        .flatten()
        .unwrap_or(1.0);
    let id = rest
        .trim()
        .strip_prefix("Id:")?
        .trim()
        .trim_end_matches(')')
        .trim();
    (!id.is_empty()).then(|| (id.to_string(), weight))
}

/// `Checkin Date: 2025-05-02; User: Name; Note: text; Metric Name: Progress;
/// Status: On Track; Current Value: 80%; Activity Date: …;` as a check-in.
/// The note may hold semicolons and line breaks: it runs to the next key.
/// A value written with "%" reads as the percentage it shows, as the key
/// result's own numbers do.
fn check_in(cell: &str) -> Option<CheckIn> {
    let after = |key: &str| cell.find(key).map(|at| &cell[at + key.len()..]);
    let date = after("Checkin Date:")?.trim_start().get(..10)?.to_string();
    day_number(&date)?;
    let value = after("Current Value:")?;
    let value = metric(value.split(';').next()?.trim())?;
    let note = after("; Note:").map(|note| {
        let end = note.find("; Metric Name:").unwrap_or(note.len());
        note[..end].trim().to_string()
    });
    Some(CheckIn {
        date,
        value,
        confidence: None,
        note: note.filter(|n| !n.is_empty()),
    })
}

/// A metric cell as a number; "80%" reads as 80, the percentage it shows,
/// as a key result with the unit "%" keeps its numbers.
pub(super) fn metric(text: &str) -> Option<f64> {
    parse_number(text.trim_end_matches('%'), false)
        .ok()
        .flatten()
}

fn build(
    file_name: &str,
    reading: Reading,
    chosen: Option<Period>,
    choices: &Choices,
) -> Result<Preview, Vec<String>> {
    let Reading {
        kind,
        items,
        periods,
        mut skipped,
        mut notes,
        no_team,
        levels: given_levels,
        prefix,
    } = reading;
    // An id given twice names the first; the second is left out, named.
    let mut seen = BTreeSet::new();
    let items: Vec<Item> = items
        .into_iter()
        .filter(|item| {
            let first = seen.insert(item.id.clone());
            if !first {
                skipped.push(Skipped {
                    row: item.row,
                    title: item.title.clone(),
                    reason: format!("its Id “{}” is an earlier one's too", item.id),
                });
            }
            first
        })
        .collect();
    let by_id: BTreeMap<&str, &Item> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    // The objective an item belongs to: itself, or a key result's parent.
    let objective_of = |id: &str| -> Option<&Item> {
        let item = by_id.get(id)?;
        match item.kind {
            Type::Objective => Some(item),
            Type::KeyResult => item
                .parent
                .as_ref()
                .and_then(|(p, _)| by_id.get(p.as_str()))
                .filter(|p| p.kind == Type::Objective)
                .copied(),
        }
    };
    let period_of = |name: &str| periods.iter().find(|p| p.name == name);
    let contains = |outer: &Period| {
        chosen
            .as_ref()
            .is_some_and(|c| outer.start <= c.start && outer.end >= c.end)
    };
    // The period's objectives (all of them, in a file without periods),
    // then those of longer periods they align to.
    let mut included: BTreeSet<&str> = items
        .iter()
        .filter(|i| i.kind == Type::Objective && chosen.as_ref().is_none_or(|c| i.period == c.name))
        .map(|i| i.id.as_str())
        .collect();
    let mut frontier: Vec<&str> = included.iter().copied().collect();
    while let Some(id) = frontier.pop() {
        let Some((parent, _)) = by_id.get(id).and_then(|i| i.parent.as_ref()) else {
            continue;
        };
        let Some(above) = objective_of(parent) else {
            continue;
        };
        if included.contains(above.id.as_str()) {
            continue;
        }
        if period_of(&above.period).is_some_and(contains) {
            included.insert(above.id.as_str());
            frontier.push(above.id.as_str());
        }
    }
    // Teams, first seen first, with the first team of each objective.
    let mut document = Document::new(String::new());
    let mut team_ids: BTreeMap<String, String> = BTreeMap::new();
    let ordered: Vec<&Item> = items
        .iter()
        .filter(|i| included.contains(i.id.as_str()))
        .collect();
    for item in &ordered {
        let name = item
            .teams
            .first()
            .cloned()
            .unwrap_or_else(|| no_team.to_string());
        if item.teams.len() > 1 {
            notes.push(format!(
                "“{}” names {} teams ({}): it is placed in {name}.",
                item.title,
                item.teams.len(),
                item.teams.join("; ")
            ));
        }
        if let std::collections::btree_map::Entry::Vacant(entry) = team_ids.entry(name) {
            let id = unique_team_id(&document.teams, entry.key());
            document.teams.push(Team::new(
                id.clone(),
                entry.key().clone(),
                Level::Team,
                None,
            ));
            entry.insert(id);
        }
    }
    let team_of = |item: &Item| {
        let name = item.teams.first().map_or(no_team, String::as_str);
        team_ids.get(name).cloned().unwrap_or_default()
    };
    let objective_id = |id: &str| canvas_id(prefix, Type::Objective, id);
    let key_result_id = |id: &str| canvas_id(prefix, Type::KeyResult, id);
    // Objectives and their key results.
    let mut check_in_count = 0;
    for item in &ordered {
        let mut objective = Objective::new(objective_id(&item.id), team_of(item), &item.title);
        objective.owner = item.owner.clone();
        objective.description = item.description.clone();
        objective.kind = if item.committed {
            ObjectiveKind::Committed
        } else {
            ObjectiveKind::Aspirational
        };
        document.objectives.push(objective);
    }
    for item in items.iter().filter(|i| i.kind == Type::KeyResult) {
        let owner = item
            .parent
            .as_ref()
            .and_then(|(p, _)| by_id.get(p.as_str()))
            .filter(|p| p.kind == Type::Objective);
        let Some(owner) = owner.filter(|o| included.contains(o.id.as_str())) else {
            let reason = match owner {
                Some(o) => format!(
                    "its objective “{}” is in {}, not on this canvas",
                    o.title, o.period
                ),
                None => "it is aligned to no objective in the file".to_string(),
            };
            skipped.push(Skipped {
                row: item.row,
                title: item.title.clone(),
                reason,
            });
            continue;
        };
        let Some(target) = metric(&item.target) else {
            skipped.push(Skipped {
                row: item.row,
                title: item.title.clone(),
                reason: format!(
                    "its Target “{}” is not a number; give it one and open the file again",
                    item.target
                ),
            });
            continue;
        };
        let start = metric(&item.start).unwrap_or(0.0);
        let mut key_result = KeyResult::new(key_result_id(&item.id), &item.title, start, target);
        key_result.owner = item.owner.clone();
        key_result.unit = item.unit.clone();
        key_result.current = metric(&item.actual);
        let mut check_ins: Vec<CheckIn> = item.check_ins.iter().flatten().cloned().collect();
        check_ins.sort_by(|a, b| a.date.cmp(&b.date));
        check_ins.dedup_by(|a, b| a.date == b.date);
        if check_ins.len() < item.check_ins.len() {
            notes.push(format!(
                "“{}”: {} of its {} check-ins could not be read and were left out.",
                item.title,
                item.check_ins.len() - check_ins.len(),
                item.check_ins.len()
            ));
        }
        check_in_count += check_ins.len();
        key_result.check_ins = check_ins;
        let objective_id = objective_id(&owner.id);
        if let Some(objective) = document
            .objectives
            .iter_mut()
            .find(|o| o.id == objective_id)
        {
            objective.key_results.push(key_result);
        }
    }
    for item in items
        .iter()
        .filter(|i| i.kind == Type::Objective && !included.contains(i.id.as_str()))
    {
        skipped.push(Skipped {
            row: item.row,
            title: item.title.clone(),
            reason: format!(
                "it is in {}, not in {}",
                item.period,
                chosen.as_ref().map_or("", |c| c.name.as_str())
            ),
        });
    }
    // Team levels from the alignment: a team below the team its objectives
    // align under.
    let mut team_parent: BTreeMap<String, String> = BTreeMap::new();
    let mut children: BTreeMap<&str, Vec<(&Item, f64)>> = BTreeMap::new();
    for item in &ordered {
        let Some((parent, weight)) = &item.parent else {
            continue;
        };
        let Some(above) = objective_of(parent).filter(|a| included.contains(a.id.as_str())) else {
            if let Some(above) = objective_of(parent) {
                notes.push(format!(
                    "“{}” aligns to “{}” of {}, which is not on this canvas.",
                    item.title, above.title, above.period
                ));
            }
            continue;
        };
        children
            .entry(above.id.as_str())
            .or_default()
            .push((item, *weight));
        let (mine, theirs) = (team_of(item), team_of(above));
        if mine != theirs
            && !team_parent.contains_key(&mine)
            && !is_above(&team_parent, &mine, &theirs)
        {
            team_parent.insert(mine, theirs);
        }
    }
    let roots: Vec<String> = document
        .teams
        .iter()
        .filter(|t| !team_parent.contains_key(&t.id))
        .map(|t| t.id.clone())
        .collect();
    // The company: the root team with the most objectives; other roots sit
    // under it.
    let company = roots
        .iter()
        .max_by_key(|id| {
            (
                document
                    .objectives
                    .iter()
                    .filter(|o| &&o.team == id)
                    .count(),
                std::cmp::Reverse(roots.iter().position(|r| r == *id)),
            )
        })
        .cloned();
    if let Some(company) = &company {
        for root in roots.iter().filter(|r| *r != company) {
            team_parent.insert(root.clone(), company.clone());
        }
    }
    // Three levels: a team deeper down sits under the department above it,
    // unless the person set its level; then it sits under the nearest team
    // above it of a higher level.
    let levels: BTreeMap<String, Level> = document
        .teams
        .iter()
        .map(|team| {
            let level = choices
                .levels
                .get(&team.name)
                .or_else(|| given_levels.get(&team.name))
                .copied()
                .unwrap_or(match ancestors(&team_parent, &team.id).len() {
                    0 => Level::Company,
                    1 => Level::Department,
                    _ => Level::Team,
                });
            (team.id.clone(), level)
        })
        .collect();
    for team in &mut document.teams {
        team.level = levels[&team.id];
        team.parent = ancestors(&team_parent, &team.id)
            .into_iter()
            .find(|above| levels[above].is_above(team.level));
    }
    // Progress from key results alone where every child counts for nothing.
    for item in &ordered {
        let counted = children
            .get(item.id.as_str())
            .is_some_and(|under| under.iter().any(|(_, weight)| *weight > 0.0));
        let id = objective_id(&item.id);
        if let Some(objective) = document.objectives.iter_mut().find(|o| o.id == id) {
            objective.rollup = if counted {
                Rollup::Both
            } else {
                Rollup::KeyResults
            };
        }
    }
    // Links: hard where the rules allow, else soft with the rule said.
    let mut soft_links = Vec::new();
    let mut hard_links = 0;
    let mut graph = super::graph_of(file_name, &document)?;
    let parents = ordered.iter().flat_map(|item| {
        item.parent
            .iter()
            .chain(&item.more_parents)
            .map(move |(parent, _)| (item, parent))
    });
    for (item, parent) in parents {
        let Some(target) = by_id.get(parent.as_str()) else {
            continue;
        };
        let to = match target.kind {
            Type::Objective if included.contains(target.id.as_str()) => objective_id(&target.id),
            Type::KeyResult
                if graph.objectives().any(|o| {
                    o.key_results
                        .iter()
                        .any(|kr| kr.id == key_result_id(&target.id))
                }) =>
            {
                key_result_id(&target.id)
            }
            _ => continue,
        };
        let from = objective_id(&item.id);
        match graph.link(&from, &to, LinkKind::Hard) {
            Ok(()) => hard_links += 1,
            Err(rule) => {
                if graph.link(&from, &to, LinkKind::Soft).is_ok() {
                    soft_links.push(format!(
                        "“{}” → “{}” is a soft link: {rule}",
                        item.title, target.title
                    ));
                } else {
                    notes.push(format!(
                        "“{}” could not be linked to “{}”: {rule}",
                        item.title, target.title
                    ));
                }
            }
        }
    }
    let mut document = graph.into_document();
    let company_name = company
        .as_ref()
        .and_then(|id| document.teams.iter().find(|t| &t.id == id))
        .map(|t| t.name.clone())
        .unwrap_or_else(|| file_name.to_string());
    document.title = match &chosen {
        Some(c) => format!("{company_name} — {}", c.name),
        None => company_name,
    };
    document.cycle = chosen.as_ref().map(|c| Cycle {
        label: c.name.clone(),
        start: c.start.clone(),
        end: c.end.clone(),
    });
    let teams = super::team_lines(&document);
    skipped.sort_by_key(|s| s.row);
    // Read back as any file is: what the page will open passes every rule.
    let text = super::checked_text(file_name, &document)?;
    Ok(Preview {
        kind: kind.to_string(),
        periods,
        period: chosen.map(|c| c.name),
        columns: None,
        row_word: "Row".to_string(),
        title: document.title.clone(),
        objectives: document.objectives.len(),
        key_results: document
            .objectives
            .iter()
            .map(|o| o.key_results.len())
            .sum(),
        check_ins: check_in_count,
        teams,
        hard_links,
        soft_links,
        skipped,
        notes,
        document: text,
    })
}

/// Whether `upper` is `lower` or above it already (so making `lower` its
/// child would close a loop).
fn is_above(parents: &BTreeMap<String, String>, upper: &str, lower: &str) -> bool {
    let mut at = lower;
    for _ in 0..=parents.len() {
        if at == upper {
            return true;
        }
        match parents.get(at) {
            Some(next) => at = next,
            None => return false,
        }
    }
    true
}

/// The teams above `team`, nearest first.
fn ancestors(parents: &BTreeMap<String, String>, team: &str) -> Vec<String> {
    let mut above = Vec::new();
    let mut at = team;
    while let Some(next) = parents.get(at) {
        if above.len() > parents.len() {
            break;
        }
        above.push(next.clone());
        at = next;
    }
    above
}

#[cfg(test)]
mod tests;
