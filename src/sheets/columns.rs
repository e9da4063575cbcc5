//! Any spreadsheet with one row per objective or key result: which column
//! is what is guessed from the header (a "Target" column, a "Team" one…),
//! shown in the preview and corrected there by the person, then each row is
//! read as an objective or a key result:
//!
//! - a Type column says which ("Objective", "KR", "Key result", "KPI"…);
//!   without one, a row with a number in the Target column is a key result;
//! - a key result belongs to the objective its Parent names (by Id or by
//!   Title), or else to the nearest objective above it;
//! - an objective's Parent is the objective or key result it aligns to.
//!
//! [`export`] writes a canvas in the same shape, so a canvas goes to a
//! spreadsheet and back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::table::Table;
use super::viva::{self, Item, Reading, Type};
use super::{Choices, Preview, Skipped};
use crate::domain::model::{Document, Level, LinkKind};
use crate::domain::numbers::parse_number;

/// What a column can be, with the header words that say so.
pub struct Role {
    pub key: &'static str,
    pub label: &'static str,
    /// Headers that name it, in lower case, words between single spaces.
    words: &'static [&'static str],
    /// Whether it holds a number (a header naming a date never does).
    number: bool,
}

/// Every role, in the order [`Choices::columns`] lists them.
pub const ROLES: [Role; 11] = [
    Role {
        key: "title",
        label: "Title",
        words: &[
            "title",
            "name",
            "objective",
            "okr",
            "goal",
            "summary",
            "objective or key result",
            "objective key result",
        ],
        number: false,
    },
    Role {
        key: "type",
        label: "Type (objective or key result)",
        words: &["type", "kind", "object type", "okr type", "item type"],
        number: false,
    },
    Role {
        key: "id",
        label: "Id",
        words: &["id", "ref", "reference", "okr id", "no", "number"],
        number: false,
    },
    Role {
        key: "parent",
        label: "Parent (its Id or Title)",
        words: &[
            "parent",
            "parent id",
            "aligned to",
            "aligns to",
            "alignment",
            "contributes to",
            "belongs to",
            "parent objective",
        ],
        number: false,
    },
    Role {
        key: "team",
        label: "Team",
        words: &[
            "team",
            "team name",
            "department",
            "group",
            "squad",
            "business unit",
            "organisation",
            "organization",
        ],
        number: false,
    },
    Role {
        key: "level",
        label: "Team level",
        words: &["team level", "level"],
        number: false,
    },
    Role {
        key: "owner",
        label: "Owner",
        words: &[
            "owner",
            "owners",
            "person",
            "responsible",
            "lead",
            "assignee",
            "accountable",
        ],
        number: false,
    },
    Role {
        key: "start",
        label: "Start",
        words: &[
            "start",
            "start value",
            "baseline",
            "from",
            "initial",
            "initial value",
        ],
        number: true,
    },
    Role {
        key: "target",
        label: "Target",
        words: &["target", "target value", "goal value", "to"],
        number: true,
    },
    Role {
        key: "current",
        label: "Current",
        words: &[
            "current",
            "current value",
            "actual",
            "actual value",
            "value",
            "progress",
            "achieved",
            "latest",
        ],
        number: true,
    },
    Role {
        key: "unit",
        label: "Unit",
        words: &[
            "unit",
            "units",
            "uom",
            "unit of measure",
            "metric unit",
            "measure",
        ],
        number: false,
    },
];

const TITLE: usize = 0;
const TYPE: usize = 1;
const ID: usize = 2;
const PARENT: usize = 3;
const TEAM: usize = 4;
const LEVEL: usize = 5;
const OWNER: usize = 6;
const START: usize = 7;
const TARGET: usize = 8;
const CURRENT: usize = 9;
const UNIT: usize = 10;

/// Which column was read as what, for the preview to show and the person
/// to correct.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnPlan {
    /// The file's header, one name per column.
    pub header: Vec<String>,
    pub roles: Vec<RoleLine>,
}

/// One role and the column read for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleLine {
    pub key: String,
    pub label: String,
    pub column: Option<usize>,
}

/// A header as the role words are written: lower case, words between
/// single spaces.
fn words_of(header: &str) -> String {
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column guessed for each of [`ROLES`]: first every header that is
/// exactly a role's word, then those that hold one as whole words ("Target
/// (EUR)"); a column is read as one thing only. Without a Title, the first
/// column left that holds text.
pub fn guess(table: &Table) -> Vec<Option<usize>> {
    let headers: Vec<String> = table.header.iter().map(|h| words_of(h)).collect();
    let mut chosen: Vec<Option<usize>> = vec![None; ROLES.len()];
    let fits = |role: &Role, header: &str, exact: bool| {
        if role.number && header.split(' ').any(|w| w == "date") {
            return false;
        }
        role.words.iter().any(|word| {
            header == *word
                || (!exact
                    && format!(" {header} ").contains(&format!(" {word} "))
                    && word.len() > 2)
        })
    };
    for exact in [true, false] {
        for (r, role) in ROLES.iter().enumerate() {
            if chosen[r].is_some() {
                continue;
            }
            chosen[r] = headers
                .iter()
                .enumerate()
                .find(|(c, h)| !chosen.contains(&Some(*c)) && fits(role, h, exact))
                .map(|(c, _)| c);
        }
    }
    if chosen[TITLE].is_none() {
        chosen[TITLE] = (0..table.header.len()).find(|c| {
            !chosen.contains(&Some(*c))
                && table.rows.iter().take(20).any(|row| {
                    let cell = row.cell(*c);
                    !cell.is_empty()
                        && parse_number(cell, true).is_err()
                        && crate::domain::dates::day_number(cell).is_none()
                })
        });
    }
    chosen
}

/// The preview of `table` read with the columns `choices` sets, else the
/// guessed ones.
pub fn preview(file_name: &str, table: &Table, choices: &Choices) -> Result<Preview, Vec<String>> {
    if table.rows.is_empty() {
        return Err(vec![format!(
            "{file_name} has no rows below its first one. A spreadsheet opens with a first \
             row naming the columns (Title, Type, Team, Parent, Target…) and one row per \
             objective or key result below it."
        )]);
    }
    let width = table.header.len();
    let columns: Vec<Option<usize>> = match &choices.columns {
        Some(set) if set.len() == ROLES.len() => {
            set.iter().map(|c| c.filter(|c| *c < width)).collect()
        }
        _ => guess(table),
    };
    let Some(title_column) = columns[TITLE] else {
        return Err(vec![format!(
            "{file_name} has no column of titles that could be found: its first row should \
             name the columns (Title, Type, Team, Parent, Target…), with one row per \
             objective or key result below it."
        )]);
    };
    fn cell<'a>(columns: &[Option<usize>], row: &'a super::table::Row, role: usize) -> &'a str {
        columns[role].map_or("", |c| row.cell(c))
    }
    let cell = |row, role| cell(&columns, row, role);
    let mut items: Vec<Item> = Vec::new();
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut levels = BTreeMap::new();
    // The parent each row names, read once every row is known.
    let mut named_parents: Vec<String> = Vec::new();
    for row in &table.rows {
        let title = cell(row, TITLE).to_string();
        if title.is_empty() {
            skipped.push(Skipped {
                row: row.number,
                title: row
                    .cells
                    .iter()
                    .map(|c| c.trim())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim()
                    .to_string(),
                reason: format!(
                    "its “{}” cell is empty",
                    table.header.get(title_column).map_or("", String::as_str)
                ),
            });
            continue;
        }
        let kind = match kind_of(cell(row, TYPE)) {
            Some(Some(kind)) => kind,
            Some(None) => {
                skipped.push(Skipped {
                    row: row.number,
                    title,
                    reason: format!(
                        "its type “{}” is neither an objective nor a key result",
                        cell(row, TYPE)
                    ),
                });
                continue;
            }
            // No type given: a key result has a target.
            None if parse_number(cell(row, TARGET), true).is_ok_and(|n| n.is_some()) => {
                Type::KeyResult
            }
            None => Type::Objective,
        };
        let mut id = cell(row, ID).to_string();
        if id.is_empty() || items.iter().any(|i| i.id == id) {
            if !id.is_empty() {
                notes.push(format!(
                    "Row {}: its Id “{id}” is another row's too; links to “{id}” go to the \
                     first.",
                    row.number
                ));
            }
            id = format!("row {}", row.number);
        }
        let teams: Vec<String> = cell(row, TEAM)
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        if let (Some(team), Some(level)) = (teams.first(), level_of(cell(row, LEVEL))) {
            levels.entry(team.clone()).or_insert(level);
        }
        named_parents.push(cell(row, PARENT).to_string());
        items.push(Item {
            row: row.number,
            id,
            title,
            kind,
            teams,
            owner: Some(cell(row, OWNER).to_string()).filter(|o| !o.is_empty()),
            period: String::new(),
            description: None,
            parent: None,
            more_parents: Vec::new(),
            committed: false,
            unit: Some(cell(row, UNIT).to_string()).filter(|u| !u.is_empty()),
            start: cell(row, START).to_string(),
            target: cell(row, TARGET).to_string(),
            actual: cell(row, CURRENT).to_string(),
            check_ins: Vec::new(),
        });
    }
    // Parents: by Id, else by Title; a key result naming none belongs to the
    // nearest objective above it.
    let parent_header = columns[PARENT]
        .and_then(|c| table.header.get(c))
        .map_or("Parent", String::as_str);
    let mut kept = Vec::new();
    let mut objective_above: Option<String> = None;
    for (index, named) in named_parents.iter().enumerate() {
        let item = &items[index];
        let found = (!named.is_empty()).then(|| find(&items, named)).flatten();
        let parent = match (item.kind, found) {
            (_, Some(parent)) if parent == item.id => None,
            (_, Some(parent)) => Some(parent),
            (Type::KeyResult, None) if named.is_empty() => objective_above.clone(),
            (Type::KeyResult, None) => {
                skipped.push(Skipped {
                    row: item.row,
                    title: item.title.clone(),
                    reason: format!(
                        "its {parent_header} “{named}” is no Id or Title in the file; name its \
                         objective there"
                    ),
                });
                continue;
            }
            (Type::Objective, None) => {
                if !named.is_empty() {
                    notes.push(format!(
                        "Row {} — “{}”: its {parent_header} “{named}” is no Id or Title in the \
                         file, so it is not aligned.",
                        item.row, item.title
                    ));
                }
                None
            }
        };
        if item.kind == Type::Objective {
            objective_above = Some(item.id.clone());
        }
        kept.push(Item {
            parent: parent.map(|p| (p, 1.0)),
            ..item.clone()
        });
    }
    let reading = Reading {
        kind: "a spreadsheet",
        items: kept,
        periods: Vec::new(),
        skipped,
        notes,
        no_team: "Company",
        levels,
        prefix: None,
    };
    let mut preview = viva::preview_of(file_name, reading, choices)?;
    preview.columns = Some(ColumnPlan {
        header: table.header.clone(),
        roles: ROLES
            .iter()
            .zip(&columns)
            .map(|(role, column)| RoleLine {
                key: role.key.to_string(),
                label: role.label.to_string(),
                column: *column,
            })
            .collect(),
    });
    Ok(preview)
}

/// A Type cell: `None` when empty, `Some(None)` when it is neither kind.
fn kind_of(cell: &str) -> Option<Option<Type>> {
    let words = words_of(cell);
    if words.is_empty() {
        return None;
    }
    Some(match words.as_str() {
        "objective" | "objectives" | "o" | "obj" | "goal" | "big rock" => Some(Type::Objective),
        "key result" | "key results" | "keyresult" | "kr" | "kpi" | "metric" | "result" => {
            Some(Type::KeyResult)
        }
        _ => None,
    })
}

/// A team level cell ("Department"), if it is one.
fn level_of(cell: &str) -> Option<Level> {
    let words = words_of(cell);
    Level::ALL.into_iter().find(|l| l.name() == words)
}

/// The item `named` names: by Id, else by Title (in any case), else by a
/// Viva Goals `Title(weight: …, Id: …)`.
fn find(items: &[Item], named: &str) -> Option<String> {
    let named = named.trim();
    items
        .iter()
        .find(|i| i.id == named)
        .or_else(|| items.iter().find(|i| i.title.eq_ignore_ascii_case(named)))
        .or_else(|| {
            let (id, _) = viva::aligned_to(named)?;
            items.iter().find(|i| i.id == id)
        })
        .map(|i| i.id.clone())
}

/// The header [`export`] writes, which [`guess`] reads back as it is.
pub const EXPORT_HEADER: [&str; 11] = [
    "Type",
    "Id",
    "Title",
    "Parent",
    "Team",
    "Team level",
    "Owner",
    "Start",
    "Target",
    "Current",
    "Unit",
];

/// `document` as a spreadsheet of one row per objective, its key results
/// under it: Type, Id, Title, Parent (an objective's hard parent, a key
/// result's objective), Team, Team level, Owner, Start, Target, Current and
/// Unit. Soft links have no column and are left out.
pub fn export(document: &Document) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(EXPORT_HEADER);
    let number = |n: f64| format!("{n}");
    for objective in &document.objectives {
        let team = document.teams.iter().find(|t| t.id == objective.team);
        let parent = document
            .links
            .iter()
            .find(|l| l.from == objective.id && l.kind == LinkKind::Hard)
            .map_or("", |l| l.to.as_str());
        let team_name = team.map_or("", |t| t.name.as_str());
        let level = team.map_or("", |t| t.level.label());
        let owner = objective.owner.as_deref().unwrap_or("");
        let _ = writer.write_record([
            "Objective",
            &objective.id,
            &objective.title,
            parent,
            team_name,
            level,
            owner,
            "",
            "",
            "",
            "",
        ]);
        for kr in &objective.key_results {
            let _ = writer.write_record([
                "Key result",
                &kr.id,
                &kr.title,
                &objective.id,
                team_name,
                level,
                kr.owner.as_deref().unwrap_or(""),
                &number(kr.start),
                &number(kr.target),
                &kr.current.map(number).unwrap_or_default(),
                kr.unit.as_deref().unwrap_or(""),
            ]);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
