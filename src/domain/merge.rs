//! Merging a returned file into the open canvas, as `git merge` does with
//! text: both sides are compared with the version they came from (the
//! ancestor), entity by entity — teams, objectives, key results, links — and
//! field by field. What only the file changed is offered, what only the
//! canvas changed is kept, and what both changed differently is a conflict
//! that needs a choice. Without a known ancestor every difference is a choice.
//!
//! [`plan`] lists the changes; nothing is changed until [`apply`] is given
//! the person's choices, and its result passes every rule of the core or is
//! refused whole. Positions: the canvas's win; the file's new cards come
//! without one, to be placed beside the others without moving them. A
//! key result's check-ins changed on both sides are joined, not a conflict.
//!
//! Entities are compared as their JSON objects in the file format, so a
//! field added to the format later is merged without a change here.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::import::import;
use super::model::Document;

/// What a change is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Team(String),
    Objective(String),
    KeyResult { objective: String, id: String },
    Link { from: String, to: String },
}

/// What taking the file's side does to the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Edited,
}

/// One field that differs: the canvas's value and the file's (`None` when
/// the field is absent).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub canvas: Option<Value>,
    pub file: Option<Value>,
}

/// One change the file brings, to accept or reject.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub key: Key,
    /// The team it belongs to, for grouping: the team itself, or the team
    /// owning the objective, the key result's objective or the link's source.
    pub team: String,
    /// Its name for a person: a title, a team name, "A → B".
    pub name: String,
    pub kind: Kind,
    /// For an edit, the fields that differ.
    pub fields: Vec<FieldChange>,
    /// Why it needs a choice, when it does: both sides changed it, or no
    /// common version is known.
    pub conflict: Option<&'static str>,
    /// The file's side, whole: what an added or edited entity becomes.
    file: Option<Map<String, Value>>,
    /// What comes or goes with it, taken or kept with it: the key results
    /// of an objective added or removed, and the links of one removed.
    pub carried: Vec<Change>,
}

/// Every change a file brings to a canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merge {
    pub changes: Vec<Change>,
    /// Whether the common ancestor was known.
    pub three_way: bool,
}

impl Merge {
    /// How many changes need a choice.
    pub fn conflicts(&self) -> usize {
        self.changes.iter().filter(|c| c.conflict.is_some()).count()
    }
}

/// What the changes `taken` bring, in words: "1 objective added, 2 key
/// results changed, 1 link removed" (empty when none is taken).
pub fn summary<'a>(taken: impl IntoIterator<Item = &'a Change>) -> String {
    // (what, one, many) in the order they are told, each by kind.
    const WHAT: [(&str, &str); 4] = [
        ("team", "teams"),
        ("objective", "objectives"),
        ("key result", "key results"),
        ("link", "links"),
    ];
    const KINDS: [(Kind, &str); 3] = [
        (Kind::Added, "added"),
        (Kind::Edited, "changed"),
        (Kind::Removed, "removed"),
    ];
    let mut counts = [[0usize; 3]; 4];
    for change in taken
        .into_iter()
        .flat_map(|c| std::iter::once(c).chain(&c.carried))
    {
        let what = match change.key {
            Key::Team(_) => 0,
            Key::Objective(_) => 1,
            Key::KeyResult { .. } => 2,
            Key::Link { .. } => 3,
        };
        let kind = KINDS
            .iter()
            .position(|(k, _)| *k == change.kind)
            .unwrap_or(0);
        counts[what][kind] += 1;
    }
    let mut parts = Vec::new();
    for (what, (one, many)) in WHAT.iter().enumerate() {
        for (kind, (_, done)) in KINDS.iter().enumerate() {
            match counts[what][kind] {
                0 => {}
                1 => parts.push(format!("1 {one} {done}")),
                n => parts.push(format!("{n} {many} {done}")),
            }
        }
    }
    parts.join(", ")
}

const BOTH_CHANGED: &str = "changed on both sides";
const BOTH_ADDED: &str = "added on both sides, differently";
const EDITED_REMOVED: &str = "edited here, removed in the file";
const REMOVED_EDITED: &str = "removed here, edited in the file";
const NO_ANCESTOR: &str = "no common version is known";
const DANGLING: &str = "it links to an objective or key result the canvas no longer has";
const SECOND_PARENT: &str =
    "the canvas already gave this objective another hard parent; an objective has one";
/// The key result's field whose lists are joined rather than chosen between.
const CHECK_INS: &str = "checkIns";

/// An entity as its JSON object, with the team it is grouped under and its name.
#[derive(Clone, Debug, PartialEq)]
struct Entity {
    team: String,
    name: String,
    value: Map<String, Value>,
}

/// Every entity of `doc`, by key, in the document's order within each kind.
fn entities(doc: &Document) -> BTreeMap<Key, Entity> {
    let mut all = BTreeMap::new();
    let team_of: BTreeMap<&str, &str> = doc
        .objectives
        .iter()
        .map(|o| (o.id.as_str(), o.team.as_str()))
        .collect();
    for team in &doc.teams {
        all.insert(
            Key::Team(team.id.clone()),
            Entity {
                team: team.id.clone(),
                name: team.name.clone(),
                value: object(team),
            },
        );
    }
    for objective in &doc.objectives {
        let mut value = object(objective);
        value.remove("keyResults");
        all.insert(
            Key::Objective(objective.id.clone()),
            Entity {
                team: objective.team.clone(),
                name: objective.title.clone(),
                value,
            },
        );
        for key_result in &objective.key_results {
            all.insert(
                Key::KeyResult {
                    objective: objective.id.clone(),
                    id: key_result.id.clone(),
                },
                Entity {
                    team: objective.team.clone(),
                    name: key_result.title.clone(),
                    value: object(key_result),
                },
            );
        }
    }
    let title = |id: &str| {
        doc.objectives
            .iter()
            .find_map(|o| {
                (o.id == id).then(|| o.title.clone()).or_else(|| {
                    o.key_results
                        .iter()
                        .find(|kr| kr.id == id)
                        .map(|kr| kr.title.clone())
                })
            })
            .unwrap_or_else(|| id.to_string())
    };
    for link in &doc.links {
        all.insert(
            Key::Link {
                from: link.from.clone(),
                to: link.to.clone(),
            },
            Entity {
                team: team_of
                    .get(link.from.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                name: format!("{} → {}", title(&link.from), title(&link.to)),
                value: object(link),
            },
        );
    }
    all
}

/// A value of the format as its JSON object (empty if it were not one):
/// written as the share link writes it and read back as a tree, the code
/// both already use.
fn object(value: &impl serde::Serialize) -> Map<String, Value> {
    let text = serde_json::to_string(value).unwrap_or_default();
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The changes `file` brings to `canvas`, compared with `ancestor` when it is
/// known.
pub fn plan(ancestor: Option<&Document>, canvas: &Document, file: &Document) -> Merge {
    let base = ancestor.map(entities);
    let ours = entities(canvas);
    let theirs = entities(file);
    let keys: BTreeSet<&Key> = ours.keys().chain(theirs.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let (c, f) = (ours.get(key), theirs.get(key));
        let a = base.as_ref().and_then(|base| base.get(key));
        if let Some(change) = change_of(key, base.is_some(), a, c, f) {
            changes.push(change);
        }
    }
    let mut changes = carry(changes);
    flag_broken_links(&mut changes, &ours);
    // Grouped by team, teams first within it, in a stable order.
    changes.sort_by(|x, y| (&x.team, &x.key).cmp(&(&y.team, &y.key)));
    Merge {
        changes,
        three_way: base.is_some(),
    }
}

/// The changes with those that only follow another folded into it: the key
/// results added or removed with their objective, and the links removed with
/// an objective at either end. A change that needs a choice of its own stays
/// on its own.
fn carry(changes: Vec<Change>) -> Vec<Change> {
    let whole: BTreeMap<String, Kind> = changes
        .iter()
        .filter(|c| c.conflict.is_none() && c.kind != Kind::Edited)
        .filter_map(|c| match &c.key {
            Key::Objective(id) => Some((id.clone(), c.kind)),
            _ => None,
        })
        .collect();
    // The key results that go with a removed objective, by id.
    let removed_with: BTreeMap<String, String> = changes
        .iter()
        .filter(|c| c.conflict.is_none() && c.kind == Kind::Removed)
        .filter_map(|c| match &c.key {
            Key::KeyResult { objective, id } if whole.get(objective) == Some(&Kind::Removed) => {
                Some((id.clone(), objective.clone()))
            }
            _ => None,
        })
        .collect();
    let carrier = |change: &Change| -> Option<String> {
        if change.conflict.is_some() {
            return None;
        }
        let follows = |id: &String| whole.get(id) == Some(&change.kind);
        match &change.key {
            Key::KeyResult { objective, .. } => follows(objective).then(|| objective.clone()),
            Key::Link { from, to } if change.kind == Kind::Removed => {
                [from, to].into_iter().find_map(|id| {
                    follows(id)
                        .then(|| id.clone())
                        .or_else(|| removed_with.get(id).cloned())
                })
            }
            _ => None,
        }
    };
    let mut carried: BTreeMap<String, Vec<Change>> = BTreeMap::new();
    let mut kept = Vec::new();
    for change in changes {
        match carrier(&change) {
            Some(objective) => carried.entry(objective).or_default().push(change),
            None => kept.push(change),
        }
    }
    for change in &mut kept {
        if let Key::Objective(id) = &change.key {
            change.carried = carried.remove(id).unwrap_or_default();
        }
    }
    kept
}

/// Links the file adds or changes that would break a rule of the canvas
/// become choices with the reason: one whose end the canvas no longer has,
/// and a hard link from an objective the canvas already gave another hard
/// parent (the file keeping that one).
fn flag_broken_links(changes: &mut [Change], ours: &BTreeMap<Key, Entity>) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let mut hard_parent: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, entity) in ours {
        match key {
            Key::Objective(id) | Key::KeyResult { id, .. } => {
                ids.insert(id);
            }
            Key::Link { from, to } if entity.value.get("kind") == Some(&Value::from("hard")) => {
                hard_parent.insert(from, to);
            }
            _ => {}
        }
    }
    let every = || {
        changes
            .iter()
            .flat_map(|c| std::iter::once(c).chain(&c.carried))
    };
    let added: BTreeSet<String> = every()
        .filter(|c| c.kind == Kind::Added)
        .filter_map(|c| match &c.key {
            Key::Objective(id) | Key::KeyResult { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect();
    let removed_links: BTreeSet<Key> = every()
        .filter(|c| c.kind == Kind::Removed)
        .map(|c| c.key.clone())
        .collect();
    for change in changes.iter_mut() {
        let Key::Link { from, to } = &change.key else {
            continue;
        };
        if change.kind == Kind::Removed || change.conflict.is_some() {
            continue;
        }
        let exists = |id: &String| ids.contains(id.as_str()) || added.contains(id);
        let hard = change
            .file
            .as_ref()
            .is_some_and(|f| f.get("kind") == Some(&Value::from("hard")));
        let other_parent = hard_parent.get(from.as_str()).filter(|parent| {
            **parent != to.as_str()
                && !removed_links.contains(&Key::Link {
                    from: from.clone(),
                    to: parent.to_string(),
                })
        });
        if !exists(from) || !exists(to) {
            change.conflict = Some(DANGLING);
        } else if hard && other_parent.is_some() {
            change.conflict = Some(SECOND_PARENT);
        }
    }
}

fn change_of(
    key: &Key,
    three_way: bool,
    a: Option<&Entity>,
    c: Option<&Entity>,
    f: Option<&Entity>,
) -> Option<Change> {
    let make = |kind, entity: &Entity, fields, conflict, file: Option<&Entity>| Change {
        key: key.clone(),
        team: entity.team.clone(),
        name: entity.name.clone(),
        kind,
        fields,
        conflict,
        file: file.map(|f| f.value.clone()),
        carried: Vec::new(),
    };
    match (a, c, f) {
        (_, Some(c), Some(f)) if c.value == f.value => None,
        (_, None, None) => None,
        // Without an ancestor, every difference is the person's to choose.
        (None, Some(c), Some(f)) => {
            let reason = if three_way { BOTH_ADDED } else { NO_ANCESTOR };
            let fields = differences(None, &c.value, &f.value).0;
            Some(make(Kind::Edited, f, fields, Some(reason), Some(f)))
        }
        (None, None, Some(f)) => {
            let conflict = (!three_way).then_some(NO_ANCESTOR);
            Some(make(Kind::Added, f, Vec::new(), conflict, Some(f)))
        }
        (None, Some(c), None) => {
            // Three-way, the canvas added it: kept without a word.
            (!three_way).then(|| make(Kind::Removed, c, Vec::new(), Some(NO_ANCESTOR), None))
        }
        (Some(a), Some(c), Some(f)) => {
            let (fields, conflict, file) = differences(Some(&a.value), &c.value, &f.value);
            if fields.is_empty() {
                return None;
            }
            let reason = conflict.then_some(BOTH_CHANGED);
            let mut change = make(Kind::Edited, f, fields, reason, None);
            change.file = Some(file);
            Some(change)
        }
        (Some(a), Some(c), None) => {
            let reason = (c.value != a.value).then_some(EDITED_REMOVED);
            Some(make(Kind::Removed, c, Vec::new(), reason, None))
        }
        (Some(a), None, Some(f)) => (f.value != a.value)
            .then(|| make(Kind::Added, f, Vec::new(), Some(REMOVED_EDITED), Some(f))),
    }
}

/// The fields where the file's side differs from the canvas's and is to be
/// offered, whether any of them was changed on both sides, and the entity as
/// taking the file's side makes it. Without an ancestor, every differing
/// field is offered.
fn differences(
    ancestor: Option<&Map<String, Value>>,
    canvas: &Map<String, Value>,
    file: &Map<String, Value>,
) -> (Vec<FieldChange>, bool, Map<String, Value>) {
    let names: BTreeSet<&String> = canvas.keys().chain(file.keys()).collect();
    let mut fields = Vec::new();
    let mut conflict = false;
    let mut taken = canvas.clone();
    for name in names {
        let (c, f) = (canvas.get(name), file.get(name));
        if c == f {
            continue;
        }
        let a = ancestor.map(|a| a.get(name));
        let file_value = match a {
            // Only the canvas changed it: kept, not offered.
            Some(a) if f == a => continue,
            // Only the file changed it.
            Some(a) if c == a => f.cloned(),
            // Both changed check-ins: both sides' are kept.
            Some(_) if name == CHECK_INS => Some(joined_check_ins(c, f)),
            _ => {
                conflict = true;
                f.cloned()
            }
        };
        match &file_value {
            Some(value) => taken.insert(name.clone(), value.clone()),
            None => taken.remove(name),
        };
        fields.push(FieldChange {
            field: name.clone(),
            canvas: c.cloned(),
            file: file_value,
        });
    }
    (fields, conflict, taken)
}

/// Both lists of check-ins, each once, by date.
fn joined_check_ins(canvas: Option<&Value>, file: Option<&Value>) -> Value {
    let mut all: Vec<Value> = Vec::new();
    for list in [canvas, file].into_iter().flatten() {
        for entry in list.as_array().into_iter().flatten() {
            if !all.contains(entry) {
                all.push(entry.clone());
            }
        }
    }
    let date = |v: &Value| {
        v.get("date")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    all.sort_by_key(date);
    Value::Array(all)
}

/// Why a merge could not be applied: the choices leave a canvas that breaks
/// a rule of the format or of the core, each said with where.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused(pub Vec<String>);

/// The canvas with the changes of `merge` for which `take_file` says yes.
pub fn apply(
    canvas: &Document,
    merge: &Merge,
    take_file: &dyn Fn(usize, &Change) -> bool,
) -> Result<Document, Refused> {
    let mut entities = entities(canvas);
    // New entities go after the canvas's, in the order the merge lists them.
    let mut added: Vec<Key> = Vec::new();
    let taken = merge
        .changes
        .iter()
        .enumerate()
        .filter(|(index, change)| take_file(*index, change))
        .flat_map(|(_, change)| std::iter::once(change).chain(&change.carried));
    for change in taken {
        match (&change.kind, &change.file) {
            (Kind::Removed, _) => {
                entities.remove(&change.key);
            }
            (_, Some(value)) => {
                if !entities.contains_key(&change.key) {
                    added.push(change.key.clone());
                }
                entities.insert(
                    change.key.clone(),
                    Entity {
                        team: change.team.clone(),
                        name: change.name.clone(),
                        value: value.clone(),
                    },
                );
            }
            (_, None) => {}
        }
    }
    let order = order_of(canvas, &added);
    // The merged canvas is read as a file is: every rule of the format and of
    // the core holds, or it is refused with what breaks them.
    let text = rebuild(canvas, &entities, &order).to_string();
    match import(text.as_bytes()) {
        Ok(imported) => Ok(imported.document),
        Err(failure) => Err(Refused(
            failure
                .errors()
                .iter()
                .map(|e| e.kind.to_string())
                .collect(),
        )),
    }
}

/// The keys in the canvas's order, then the added ones.
fn order_of(canvas: &Document, added: &[Key]) -> Vec<Key> {
    let mut order: Vec<Key> = canvas
        .teams
        .iter()
        .map(|t| Key::Team(t.id.clone()))
        .collect();
    for objective in &canvas.objectives {
        order.push(Key::Objective(objective.id.clone()));
        order.extend(objective.key_results.iter().map(|kr| Key::KeyResult {
            objective: objective.id.clone(),
            id: kr.id.clone(),
        }));
    }
    order.extend(canvas.links.iter().map(|l| Key::Link {
        from: l.from.clone(),
        to: l.to.clone(),
    }));
    order.extend(added.iter().cloned());
    order
}

/// The merged canvas as the file format's tree: the canvas's title, cycle
/// and identity, the entities in `order`, each key result under its objective
/// (one whose objective is gone goes too), and the canvas's positions of the
/// cards still there.
fn rebuild(canvas: &Document, entities: &BTreeMap<Key, Entity>, order: &[Key]) -> Value {
    let mut top = object(canvas);
    let mut teams = Vec::new();
    let mut objectives: Vec<Map<String, Value>> = Vec::new();
    let mut key_results: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut links = Vec::new();
    for key in order {
        let Some(entity) = entities.get(key) else {
            continue;
        };
        let value = Value::Object(entity.value.clone());
        match key {
            Key::Team(_) => teams.push(value),
            Key::Objective(_) => objectives.push(entity.value.clone()),
            Key::KeyResult { objective, .. } => key_results
                .entry(objective.as_str())
                .or_default()
                .push(value),
            Key::Link { .. } => links.push(value),
        }
    }
    let mut ids = BTreeSet::new();
    let objectives: Vec<Value> = objectives
        .into_iter()
        .map(|mut objective| {
            let id = objective
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let list = key_results.remove(id.as_str()).unwrap_or_default();
            objective.insert("keyResults".to_string(), Value::Array(list));
            ids.insert(id);
            Value::Object(objective)
        })
        .collect();
    let layout: Map<String, Value> = canvas
        .layout
        .iter()
        .filter(|(id, _)| ids.contains(*id))
        .map(|(id, position)| (id.clone(), Value::Object(object(position))))
        .collect();
    top.insert("teams".to_string(), Value::Array(teams));
    top.insert("objectives".to_string(), Value::Array(objectives));
    top.insert("links".to_string(), Value::Array(links));
    top.insert("layout".to_string(), Value::Object(layout));
    Value::Object(top)
}

#[cfg(test)]
mod tests;
