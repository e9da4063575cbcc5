//! A Viva Goals whole-organisation export: a ZIP of JSON files,
//! `objectives_export_file_….json` (every objective, key result and
//! project, with its `Type`, `Alignment`, `Outcome`…), `checkins_export_file_….json`
//! (check-ins by `OKR ID`), and `Teams_…`, `TimePeriods_…` and `Users_…`.
//! Read into the same items as an Explorer export and mapped the same way
//! (see `viva.rs`). Fields are read leniently: an id may be a number or
//! text, a person or a team an object with a `Name` or a name.

use std::collections::BTreeMap;

use serde_json::Value;

use super::viva::{self, Item, Reading, Type};
use super::{Choices, Period, Preview, Skipped};
use crate::domain::dates::day_number;
use crate::domain::model::{CheckIn, Level};

/// The files' names start with these (in any case).
const OBJECTIVES: &str = "objectives_export_file";
const CHECK_INS: &str = "checkins_export_file";
const TEAMS: &str = "teams_export_file";
const PERIODS: &str = "timeperiods";
const USERS: &str = "users";

/// The preview of an organisation export's `files` (name, bytes).
pub fn preview(
    file_name: &str,
    files: &[(String, Vec<u8>)],
    choices: &Choices,
) -> Result<Preview, Vec<String>> {
    let file = |start: &str| {
        files
            .iter()
            .find(|(name, _)| name.to_ascii_lowercase().starts_with(start))
    };
    let Some(objectives) = file(OBJECTIVES) else {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        return Err(vec![format!(
            "{file_name} is a ZIP, but not a Viva Goals organisation export with its \
             objectives: it has no objectives_export_file….json{}. Export the organisation \
             again and open the whole ZIP, or open an Explorer export (.csv, .xlsx).",
            if names.is_empty() {
                String::new()
            } else {
                format!(" (it holds {})", names.join(", "))
            }
        )]);
    };
    let list = |found: Option<&(String, Vec<u8>)>| -> Result<Vec<Value>, Vec<String>> {
        let Some((name, bytes)) = found else {
            return Ok(Vec::new());
        };
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value) => Ok(records(value)),
            Err(error) => Err(vec![format!(
                "{name} in {file_name} cannot be read as JSON ({error}). Export the \
                 organisation again."
            )]),
        }
    };
    let users: BTreeMap<String, String> = list(file(USERS))?
        .iter()
        .filter_map(|u| Some((id_of(u.get("ID")?)?, name_of(u)?)))
        .collect();
    let team_parents: BTreeMap<String, String> = list(file(TEAMS))?
        .iter()
        .filter_map(|t| {
            let name = text(t, "Team Name").or_else(|| name_of(t))?;
            Some((name, text(t, "Parent Team").unwrap_or_default()))
        })
        .collect();
    let mut periods: BTreeMap<String, Period> = list(file(PERIODS))?
        .iter()
        .filter_map(|p| {
            let name = name_of(p)?;
            let (start, end) = (date(p, "Start Date")?, date(p, "End Date")?);
            Some((
                name.clone(),
                Period {
                    name,
                    start,
                    end,
                    objectives: 0,
                },
            ))
        })
        .collect();
    let mut check_ins: BTreeMap<String, Vec<Option<CheckIn>>> = BTreeMap::new();
    for record in list(file(CHECK_INS))? {
        let Some(okr) = record.get("OKR ID").and_then(id_of) else {
            continue;
        };
        check_ins.entry(okr).or_default().push(check_in(&record));
    }
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let objectives_name = &objectives.0;
    for (index, record) in list(Some(objectives))?.iter().enumerate() {
        let number = index + 1;
        let title = text(record, "Title").unwrap_or_default();
        let kind_text = text(record, "Type").unwrap_or_default();
        let kind = match kind_text.to_ascii_lowercase().as_str() {
            "big rock" | "objective" => Type::Objective,
            "kpi" | "key result" | "keyresult" => Type::KeyResult,
            other => {
                let reason = match other {
                    "" => "it has no Type".to_string(),
                    "project" | "initiative" | "deliverable" => {
                        format!("a {kind_text}, not an objective or key result")
                    }
                    _ => format!(
                        "its Type “{kind_text}” is none of Big rock, Kpi or Project \
                         ({objectives_name})"
                    ),
                };
                skipped.push(Skipped {
                    row: number,
                    title,
                    reason,
                });
                continue;
            }
        };
        let Some(id) = record
            .get("ID")
            .and_then(id_of)
            .filter(|_| !title.is_empty())
        else {
            skipped.push(Skipped {
                row: number,
                title,
                reason: format!("it has no ID or no Title ({objectives_name})"),
            });
            continue;
        };
        let period = match record.get("Time Period") {
            Some(Value::Object(_)) => record.get("Time Period").and_then(name_of),
            _ => text(record, "Time Period"),
        }
        .unwrap_or_default();
        if let (false, Some(start), Some(end)) = (
            period.is_empty(),
            date(record, "Start Date"),
            date(record, "End Date"),
        ) {
            periods.entry(period.clone()).or_insert_with(|| Period {
                name: period.clone(),
                start,
                end,
                objectives: 0,
            });
        }
        if let (Type::Objective, Some(p)) = (kind, periods.get_mut(&period)) {
            p.objectives += 1;
        }
        let mut parents: Vec<(String, f64)> = match record.get("Alignment") {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|a| {
                    let weight = a.get("Weight").map_or(1.0, |w| match w {
                        Value::Number(n) => n.as_f64().unwrap_or(1.0) / 100.0,
                        other => viva::metric(&plain(other)).map_or(1.0, |n| n / 100.0),
                    });
                    Some((id_of(a.get("ID")?)?, weight))
                })
                .collect(),
            _ => Vec::new(),
        };
        let more_parents = parents.split_off(parents.len().min(1));
        let outcome = record.get("Outcome");
        let field = |name: &str| outcome.and_then(|o| o.get(name)).map(plain);
        let percentage = field("Outcome Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("percentage"))
            || field("Metric Unit")
                .is_some_and(|u| u == "%" || u.eq_ignore_ascii_case("percentage"));
        let unit = if percentage {
            Some("%".to_string())
        } else {
            field("Metric Unit").filter(|u| !u.is_empty() && !u.eq_ignore_ascii_case("number"))
        };
        let mut own_check_ins = check_ins.remove(&id).unwrap_or_default();
        own_check_ins.sort_by(|a, b| {
            a.as_ref()
                .map(|c| c.date.clone())
                .cmp(&b.as_ref().map(|c| c.date.clone()))
        });
        let latest = own_check_ins.iter().flatten().last().map(|c| c.value);
        items.push(Item {
            row: number,
            title,
            kind,
            teams: match record.get("Teams").or_else(|| record.get("Team")) {
                Some(Value::Array(list)) => list.iter().filter_map(name_of).collect(),
                Some(other) => name_of(other).into_iter().collect(),
                None => Vec::new(),
            },
            owner: person(record.get("Owner"), &users),
            period,
            description: text(record, "Description").filter(|d| !d.is_empty()),
            parent: parents.pop(),
            more_parents,
            committed: text(record, "Goal Type")
                .is_some_and(|g| g.to_ascii_lowercase().starts_with("committed")),
            unit,
            start: field("Start").unwrap_or_else(|| {
                if percentage {
                    "0".into()
                } else {
                    String::new()
                }
            }),
            target: field("Target").unwrap_or_else(|| {
                if percentage {
                    "100".into()
                } else {
                    String::new()
                }
            }),
            actual: latest.map(|v| v.to_string()).unwrap_or_default(),
            check_ins: own_check_ins,
            id,
        });
    }
    let mut periods: Vec<Period> = periods.into_values().filter(|p| p.objectives > 0).collect();
    periods.sort_by(|a, b| (&a.start, &b.end).cmp(&(&b.start, &a.end)));
    if periods.is_empty() {
        return Err(vec![format!(
            "{objectives_name} in {file_name} has no objective with a Time Period and its \
             Start and End Date, so there is nothing to put on a canvas."
        )]);
    }
    let levels = team_parents
        .keys()
        .map(|team| {
            let mut depth = 0;
            let mut at = team;
            while let Some(parent) = team_parents.get(at).filter(|p| !p.is_empty()) {
                depth += 1;
                at = parent;
                if depth > team_parents.len() {
                    break;
                }
            }
            let level = match depth {
                0 => Level::Company,
                1 => Level::Department,
                _ => Level::Team,
            };
            (team.clone(), level)
        })
        .collect();
    let reading = Reading {
        kind: "a Viva Goals organisation export",
        items,
        periods,
        skipped,
        notes: Vec::new(),
        no_team: "No team",
        levels,
        prefix: Some("viva"),
    };
    let mut preview = viva::preview_of(file_name, reading, choices)?;
    preview.row_word = "Item".to_string();
    Ok(preview)
}

/// The records of a file: its list, or the first list in its object.
fn records(value: Value) -> Vec<Value> {
    match value {
        Value::Array(list) => list,
        Value::Object(map) => map
            .into_iter()
            .find_map(|(_, v)| match v {
                Value::Array(list) => Some(list),
                _ => None,
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A value as the text it shows: a number without a needless ".0".
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn text(record: &Value, field: &str) -> Option<String> {
    record.get(field).map(plain)
}

/// An id, a number or text.
fn id_of(value: &Value) -> Option<String> {
    Some(plain(value)).filter(|id| !id.is_empty())
}

/// A name: the text itself, or an object's `Name` (or `Team Name`).
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(_) => value
            .get("Name")
            .or_else(|| value.get("Team Name"))
            .map(plain),
        other => Some(plain(other)),
    }
    .filter(|n| !n.is_empty())
}

/// The day a date field gives ("2026-04-01 00:00:00" is 2026-04-01).
fn date(record: &Value, field: &str) -> Option<String> {
    let day = text(record, field)?.get(..10)?.to_string();
    day_number(&day).map(|_| day)
}

/// Owners as one text ("Bo Ek, Cara Holm"): names, objects with a `Name`,
/// or user ids looked up in the users' file.
fn person(value: Option<&Value>, users: &BTreeMap<String, String>) -> Option<String> {
    let one = |v: &Value| match v {
        Value::Number(_) => id_of(v).map(|id| users.get(&id).cloned().unwrap_or(id)),
        other => name_of(other),
    };
    let names: Vec<String> = match value? {
        Value::Array(list) => list.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

/// A check-in record, or `None` when its date or value cannot be read.
fn check_in(record: &Value) -> Option<CheckIn> {
    let date = date(record, "CheckIn Date")
        .or_else(|| date(record, "Checkin Date"))
        .or_else(|| date(record, "Activity Date"))?;
    let value = viva::metric(&text(record, "Current Value")?)?;
    let note = match record.get("Check In Note") {
        Some(Value::Object(_)) => record
            .get("Check In Note")
            .and_then(|n| text(n, "Check In Note")),
        Some(other) => Some(plain(other)),
        None => None,
    };
    Some(CheckIn {
        date,
        value,
        confidence: None,
        note: note.filter(|n| !n.is_empty()),
    })
}

#[cfg(test)]
mod tests;
