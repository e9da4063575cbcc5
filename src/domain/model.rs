//! The document: the types of an OKR canvas exactly as the file format (version 1)
//! spells them, and the rules a single field must obey on its own.
//!
//! These types are the source of truth for the file format and its JSON Schema, so
//! their serde names, defaults and the `skip_serializing_if`s that keep absent optional
//! fields absent are part of the public interface. Rules that relate several things
//! (ids that must exist, levels, links) live in `graph`; rules about one value (a title's
//! length, an id's spelling, a date) live here, so that importing a file and editing in
//! the app refuse exactly the same values.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::numbers::{as_written, number};

/// The value of the `format` field of every file.
pub const FORMAT_NAME: &str = "okr-canvas";
/// The version of the file format this code writes.
pub const FORMAT_VERSION: u64 = 1;

/// The pattern every id follows (`[A-Za-z0-9_.-]{1,64}`).
pub const ID_PATTERN: &str = r"^[A-Za-z0-9_.-]{1,64}$";
pub const ID_MAX_CHARS: usize = 64;
pub const TITLE_MAX_CHARS: usize = 200;
pub const TEAM_NAME_MAX_CHARS: usize = 200;
pub const CYCLE_LABEL_MAX_CHARS: usize = 200;
pub const OBJECTIVE_TITLE_MAX_CHARS: usize = 500;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const STANDALONE_MAX_CHARS: usize = 2_000;
pub const KEY_RESULT_TITLE_MAX_CHARS: usize = 500;
pub const UNIT_MAX_CHARS: usize = 20;
pub const NOTE_MAX_CHARS: usize = 2_000;
pub const OWNER_MAX_CHARS: usize = 200;
/// The pattern of an ISO date (`YYYY-MM-DD`); the calendar check is in [`is_valid_date`].
pub const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// The pattern of a team colour (`#rrggbb`).
pub const COLOR_PATTERN: &str = r"^#[0-9A-Fa-f]{6}$";
/// How far a card may sit from the origin along either axis, in canvas units. The
/// automatic layout of the largest canvas a file may hold (20,000 objectives) stays
/// within a fifth of it for any usual window shape; far beyond it, a card is lost to
/// the view and sums of positions lose their precision.
pub const POSITION_LIMIT: f64 = 1_000_000.0;
/// The smallest key-result weight. Weights only count against each other, and
/// smaller ones add nothing but progress sums that round to zero.
pub const WEIGHT_MIN: f64 = 0.001;
/// The largest key-result weight: a billion times the smallest.
pub const WEIGHT_MAX: f64 = 1_000_000.0;

/// One OKR canvas: the organisation, its objectives, how they align, and where the
/// cards sit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "OKR Canvas file, format version 1")
)]
pub struct Document {
    pub format: FormatName,
    /// Always 1 for files of this format version.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = 1)))]
    pub version: u64,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub title: String,
    /// Which canvas this file is a version of, and which version: what a
    /// returned file is merged against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<Cycle>,
    pub teams: Vec<Team>,
    pub objectives: Vec<Objective>,
    pub links: Vec<Link>,
    /// Card positions by objective id; cards without one are placed automatically.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "layout::deserialize"
    )]
    pub layout: BTreeMap<String, Position>,
}

impl Document {
    /// An empty canvas with the given title.
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            format: FormatName::OkrCanvas,
            version: FORMAT_VERSION,
            title: title.into(),
            identity: None,
            cycle: None,
            teams: Vec::new(),
            objectives: Vec::new(),
            links: Vec::new(),
            layout: BTreeMap::new(),
        }
    }
}

/// The only accepted value of `format`; an enum so that any other value is refused by
/// serde as well as by the importer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum FormatName {
    #[default]
    #[serde(rename = "okr-canvas")]
    OkrCanvas,
}

/// The OKR period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Cycle {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub label: String,
    /// ISO date, `YYYY-MM-DD`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = DATE_PATTERN)))]
    pub start: String,
    /// ISO date, `YYYY-MM-DD`, not before `start`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = DATE_PATTERN)))]
    pub end: String,
}

/// A unit of the organisation: the company, a department, a team or a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Team {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub name: String,
    pub level: Level,
    /// A team of a strictly higher level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub parent: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = COLOR_PATTERN)))]
    pub color: Option<String>,
}

impl Team {
    /// A team without a colour of its own; `parent` is the id of a team above it.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        level: Level,
        parent: Option<&str>,
    ) -> Self {
        Team {
            id: id.into(),
            name: name.into(),
            level,
            parent: parent.map(Into::into),
            color: None,
        }
    }
}

/// How high in the organisation a team sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Company,
    Department,
    Team,
    Individual,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Company,
        Level::Department,
        Level::Team,
        Level::Individual,
    ];

    /// 0 for the company, 3 for an individual: a lower rank is higher in the tree.
    pub fn rank(self) -> u8 {
        match self {
            Level::Company => 0,
            Level::Department => 1,
            Level::Team => 2,
            Level::Individual => 3,
        }
    }

    /// Whether `self` sits strictly higher in the organisation than `other`.
    pub fn is_above(self, other: Level) -> bool {
        self.rank() < other.rank()
    }

    /// The word as a label or a heading ("Department").
    pub fn label(self) -> &'static str {
        match self {
            Level::Company => "Company",
            Level::Department => "Department",
            Level::Team => "Team",
            Level::Individual => "Individual",
        }
    }

    /// The word people read, in lower case ("department").
    pub fn name(self) -> &'static str {
        match self {
            Level::Company => "company",
            Level::Department => "department",
            Level::Team => "team",
            Level::Individual => "individual",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Aspirational objectives count as a success at 0.7, committed ones at 1.0.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord,
)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveKind {
    #[default]
    Aspirational,
    Committed,
}

impl ObjectiveKind {
    /// The score at which an objective of this kind counts as met.
    pub fn success_score(self) -> f64 {
        match self {
            ObjectiveKind::Aspirational => 0.7,
            ObjectiveKind::Committed => 1.0,
        }
    }
}

/// Where an objective's progress comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rollup {
    #[default]
    KeyResults,
    Children,
    Both,
}

/// An objective, owned by a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Objective {
    /// Unique across objectives and key results.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    /// The owning team's id.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub team: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 500)))]
    pub title: String,
    /// The person who answers for it, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 10000)))]
    pub description: Option<String>,
    #[serde(default)]
    pub kind: ObjectiveKind,
    #[serde(default)]
    pub rollup: Rollup,
    /// Why this objective deliberately has no parent (a team's mission OKR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub standalone: Option<String>,
    /// Its hard parent was deleted (or stayed in the last cycle): its team
    /// should align it again. Settled once it has a hard parent or stands alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub realign: bool,
    /// A status set by a person, which wins over the one computed from progress
    /// and the cycle's dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusByHand>,
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
}

/// Teams top-down, each after its parent, siblings (and the teams at the top) by level
/// and then in document order, with their depth in the tree. Teams caught in a parent
/// cycle, which a valid document cannot have, come last at the top.
pub fn team_order(doc: &Document) -> Vec<(&Team, usize)> {
    let position: std::collections::HashMap<&str, usize> = doc
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut roots = Vec::new();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); doc.teams.len()];
    for (i, team) in doc.teams.iter().enumerate() {
        match team.parent.as_deref().and_then(|p| position.get(p)) {
            Some(&parent) if parent != i => children[parent].push(i),
            _ => roots.push(i),
        }
    }
    let by_level = |list: &mut Vec<usize>| {
        list.sort_by_key(|&i| (doc.teams.get(i).map_or(u8::MAX, |t| t.level.rank()), i))
    };
    by_level(&mut roots);
    children.iter_mut().for_each(by_level);

    let mut order = Vec::with_capacity(doc.teams.len());
    let mut visited = vec![false; doc.teams.len()];
    let unvisited_later: Vec<usize> = (0..doc.teams.len()).collect();
    for start in roots.into_iter().chain(unvisited_later) {
        let mut stack = vec![(start, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            if let Some(team) = doc.teams.get(i) {
                order.push((team, depth));
            }
            stack.extend(children[i].iter().rev().map(|&child| (child, depth + 1)));
        }
    }
    order
}

/// Every owner named in `doc`, of objectives and key results, sorted, each once.
pub fn owner_names(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            std::iter::once(o.owner.as_ref())
                .chain(o.key_results.iter().map(|kr| kr.owner.as_ref()))
        })
        .flatten()
        .cloned()
        .collect();
    names.sort_by_key(|name| name.to_lowercase());
    names.dedup();
    names
}

/// A canvas's identity across its files: the same `id` in every file
/// exported from it, and a `revision` counted up with each export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Identity {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    /// 1 for the first file exported, counted up with each one after it.
    pub revision: u64,
}

/// How an objective is doing in its owner's judgement, with why and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StatusByHand {
    pub value: Pace,
    /// Why, in a line: "Vendor slipped two weeks".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub note: Option<String>,
    /// ISO date it was set, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = DATE_PATTERN)))]
    pub date: Option<String>,
}

/// The statuses a person can set during a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Pace {
    pub const ALL: [Pace; 3] = [Pace::OnTrack, Pace::AtRisk, Pace::OffTrack];

    /// The name in the file: `on_track`, `at_risk`, `off_track`.
    pub fn name(self) -> &'static str {
        match self {
            Pace::OnTrack => "on_track",
            Pace::AtRisk => "at_risk",
            Pace::OffTrack => "off_track",
        }
    }

    pub fn from_name(name: &str) -> Option<Pace> {
        Pace::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl Objective {
    /// An aspirational objective of `team`, its progress from its key results,
    /// without a description or key results yet.
    pub fn new(id: impl Into<String>, team: impl Into<String>, title: impl Into<String>) -> Self {
        Objective {
            id: id.into(),
            team: team.into(),
            title: title.into(),
            owner: None,
            description: None,
            kind: ObjectiveKind::default(),
            rollup: Rollup::default(),
            standalone: None,
            realign: false,
            status: None,
            key_results: Vec::new(),
        }
    }
}

/// A measurable result: a number moving from `start` towards `target`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct KeyResult {
    /// Unique across objectives and key results.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 500)))]
    pub title: String,
    /// The person who answers for it, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub owner: Option<String>,
    #[serde(serialize_with = "number::serialize")]
    pub start: f64,
    /// Below `start` means the aim is to decrease.
    #[serde(serialize_with = "number::serialize")]
    pub target: f64,
    /// Absent means "still at `start`"; kept absent so files round-trip unchanged.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::serialize_option"
    )]
    pub current: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 20)))]
    pub unit: Option<String>,
    // The doc comment is the schema's description; the range is WEIGHT_MIN..=WEIGHT_MAX.
    /// Counts against the other key results' weights; from 0.001 to 1,000,000.
    #[serde(default = "default_weight", serialize_with = "number::serialize")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(range(min = WEIGHT_MIN, max = WEIGHT_MAX))
    )]
    pub weight: f64,
    /// The owner's confidence of reaching the target.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::serialize_option"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0, max = 1.0)))]
    pub confidence: Option<f64>,
    /// History, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_ins: Vec<CheckIn>,
}

fn default_weight() -> f64 {
    1.0
}

impl KeyResult {
    /// A key result that has not moved yet, with the default weight.
    pub fn new(id: impl Into<String>, title: impl Into<String>, start: f64, target: f64) -> Self {
        KeyResult {
            id: id.into(),
            title: title.into(),
            owner: None,
            start,
            target,
            current: None,
            unit: None,
            weight: default_weight(),
            confidence: None,
            check_ins: Vec::new(),
        }
    }

    /// The latest value: `current`, or `start` when no value was recorded.
    pub fn current_value(&self) -> f64 {
        self.current.unwrap_or(self.start)
    }
}

/// One recorded value of a key result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CheckIn {
    /// ISO date, `YYYY-MM-DD`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = DATE_PATTERN)))]
    pub date: String,
    #[serde(serialize_with = "number::serialize")]
    pub value: f64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "number::serialize_option"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0, max = 1.0)))]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub note: Option<String>,
}

/// Hard: a direct parent/child contribution whose progress rolls up.
/// Soft: points the same way, never changes a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Hard,
    Soft,
}

impl LinkKind {
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Hard => "hard",
            LinkKind::Soft => "soft",
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An alignment from a supporting (child) objective to an objective or key result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Link {
    /// The supporting objective's id.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub from: String,
    /// The id of the objective or key result it supports.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = ID_PATTERN)))]
    pub to: String,
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub note: Option<String>,
}

// The doc comment is the schema's description; the limit is POSITION_LIMIT.
/// A card's position in canvas units, each coordinate within ±1,000,000.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Position {
    #[serde(serialize_with = "number::serialize")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(range(min = -POSITION_LIMIT, max = POSITION_LIMIT))
    )]
    pub x: f64,
    #[serde(serialize_with = "number::serialize")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(range(min = -POSITION_LIMIT, max = POSITION_LIMIT))
    )]
    pub y: f64,
}

impl Position {
    /// The nearest position within ±[`POSITION_LIMIT`] on both axes: what the app
    /// stores for a card moved or placed beyond the edge, so that every file it
    /// writes reads back. A coordinate that is not a number stays one, for the
    /// caller to refuse.
    pub fn within_limits(self) -> Position {
        Position {
            x: self.x.clamp(-POSITION_LIMIT, POSITION_LIMIT),
            y: self.y.clamp(-POSITION_LIMIT, POSITION_LIMIT),
        }
    }
}

/// Reads the layout and refuses an id given twice. A map read by serde keeps the last
/// of two equal keys without a word, and the file would not say where the card is.
/// (Derived structs refuse a field given twice by themselves.)
mod layout {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{Deserializer, Error, MapAccess, Visitor};

    use super::Position;

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Position>, D::Error> {
        deserializer.deserialize_map(LayoutVisitor)
    }

    struct LayoutVisitor;

    impl<'de> Visitor<'de> for LayoutVisitor {
        type Value = BTreeMap<String, Position>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("card positions by objective id")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut layout = BTreeMap::new();
            while let Some((id, position)) = map.next_entry::<String, Position>()? {
                if layout.contains_key(&id) {
                    return Err(A::Error::custom(format_args!(
                        "the position of '{id}' is given twice"
                    )));
                }
                layout.insert(id, position);
            }
            Ok(layout)
        }
    }
}

/// Writes whole numbers without a fractional part (`2000000`, not `2000000.0`), so files
/// read the way people typed them and diff cleanly; reading them back gives the same f64.
mod number {
    use serde::Serializer;

    /// Integers up to 2^53 are exact in f64, so printing them as integers loses nothing.
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        let value = *value;
        if value.fract() == 0.0 && value.abs() <= EXACT_INTEGER_LIMIT {
            // The guard above makes the cast exact.
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }

    pub fn serialize_option<S: Serializer>(
        value: &Option<f64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Maps keyed by id
// ---------------------------------------------------------------------------------------

/// A hash map for ids and other short keys. The standard hasher (SipHash) resists
/// deliberate collisions, which matters for servers, not for a page that only ever
/// hashes the ids of the file its own user opened; the worst a crafted file can do here
/// is slow down its own loading. This one is several times faster on short strings,
/// which shows when a canvas of 20,000 objectives is loaded, laid out or recomputed.
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;
/// A hash set with the hasher of [`IdMap`].
pub type IdSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<IdHasher>>;

/// A word at a time, each folded in with a 64×64→128-bit multiply whose high and low
/// halves are combined. Every input bit reaches every output bit: the hash table picks
/// buckets from the low bits and filters with the high ones, and ids that differ only
/// in their last characters (`o1234.k1`, `o1234.k2`) must not share either. A plain
/// multiply (the Fx hash) leaves the low bits depending on the first bytes only, which
/// piled generated ids into a few hundred buckets.
#[derive(Clone, Copy, Default)]
pub struct IdHasher {
    hash: u64,
}

impl IdHasher {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, word: u64) {
        let product = u128::from(self.hash ^ word) * u128::from(Self::MULTIPLIER);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            if let Ok(word) = <[u8; 8]>::try_from(chunk) {
                self.mix(u64::from_le_bytes(word));
            }
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte rather than through a buffer: this stays a few register
            // operations even in a build optimised for size. The length goes in too, so
            // that a shorter remainder never equals a longer one padded with zeros.
            let word = rest.iter().rev().fold(rest.len() as u64, |word, &byte| {
                (word << 8) | u64::from(byte)
            });
            self.mix(word);
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.mix(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.mix(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

// ---------------------------------------------------------------------------------------
// Places in a file
// ---------------------------------------------------------------------------------------

/// A place in a document, rendered as a JSON path (`$.objectives[3].keyResults[0].target`).
///
/// Built on the stack as a chain of borrowed segments, so that walking a large valid
/// file allocates nothing for paths; the text is made only when something is reported.
#[derive(Clone, Copy, Debug)]
pub enum JsonPath<'a> {
    Root,
    Field(&'a JsonPath<'a>, &'a str),
    Index(&'a JsonPath<'a>, usize),
}

impl<'a> JsonPath<'a> {
    pub fn field(&'a self, name: &'a str) -> JsonPath<'a> {
        JsonPath::Field(self, name)
    }

    pub fn index(&'a self, index: usize) -> JsonPath<'a> {
        JsonPath::Index(self, index)
    }
}

impl fmt::Display for JsonPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonPath::Root => f.write_str("$"),
            JsonPath::Field(parent, name) => {
                parent.fmt(f)?;
                let plain = !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !name.starts_with(|c: char| c.is_ascii_digit());
                if plain {
                    write!(f, ".{name}")
                } else {
                    // Keys that are not identifiers (layout ids with dots, stray keys)
                    // are quoted so the path stays unambiguous.
                    let quoted = serde_json::to_string(name).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")
                }
            }
            JsonPath::Index(parent, index) => {
                parent.fmt(f)?;
                write!(f, "[{index}]")
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Rules for single values
// ---------------------------------------------------------------------------------------

/// A value that breaks a rule on its own, whatever the rest of the document says.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FieldError {
    #[error("The {field} is empty; it needs at least one character.")]
    Empty { field: &'static str },
    #[error("The {field} holds only spaces; it needs at least one other character.")]
    Blank { field: &'static str },
    #[error(
        "The {field} is {found} characters long; at most {max} are allowed. Please shorten it."
    )]
    TooLong {
        field: &'static str,
        max: usize,
        found: usize,
    },
    #[error("'{id}' is not a valid id: an id is 1 to 64 characters, using only letters A–Z and a–z, digits, '_', '-' and '.'.")]
    BadId { id: String },
    #[error("'{found}' is not a colour of the form #rrggbb (for example #2a9d8f).")]
    BadColor { found: String },
    #[error("'{found}' is not a date; write dates as YYYY-MM-DD (for example 2027-01-31), and use a day that exists in the calendar.")]
    BadDate { found: String },
    #[error(
        "The cycle ends ({end}) before it starts ({start}); the start must not be after the end."
    )]
    CycleEndsBeforeStart { start: String, end: String },
    #[error("The {field} must be a finite number.")]
    NotFinite { field: &'static str },
    #[error("The weight is {found}; a weight must be greater than 0 (the usual value is 1).")]
    WeightNotPositive { found: f64 },
    #[error(
        "The weight is {}; a weight is a number from {} to {} (the usual value is 1).",
        as_written(*.found),
        number(WEIGHT_MIN),
        number(WEIGHT_MAX)
    )]
    WeightOutOfRange { found: f64 },
    #[error(
        "The {axis} position is {}; a card's position must stay between {} and {} canvas units.",
        as_written(*.found),
        number(-POSITION_LIMIT),
        number(POSITION_LIMIT)
    )]
    PositionOutOfRange { axis: &'static str, found: f64 },
    #[error("The confidence is {found}; confidence is a number from 0 (no chance) to 1 (certain), for example 0.6.")]
    ConfidenceOutOfRange { found: f64 },
    #[error("This check-in is dated {date}, before the previous one ({previous}); check-ins must be listed oldest first.")]
    CheckInsOutOfOrder { date: String, previous: String },
}

/// Calls `report` for every single-value rule the document breaks, with the place.
/// Cross-references (unknown or duplicate ids, levels, links) are checked by `graph`.
pub fn check_document_fields(doc: &Document, report: &mut dyn FnMut(&JsonPath<'_>, FieldError)) {
    let root = JsonPath::Root;
    check_canvas_title(&root.field("title"), &doc.title, report);
    if let Some(identity) = &doc.identity {
        check_id(&root.field("identity").field("id"), &identity.id, report);
    }
    if let Some(cycle) = &doc.cycle {
        check_cycle(&root.field("cycle"), cycle, report);
    }
    let teams = root.field("teams");
    for (i, team) in doc.teams.iter().enumerate() {
        check_team(&teams.index(i), team, report);
    }
    let objectives = root.field("objectives");
    for (i, objective) in doc.objectives.iter().enumerate() {
        check_objective(&objectives.index(i), objective, report);
    }
    let links = root.field("links");
    for (i, link) in doc.links.iter().enumerate() {
        check_link_fields(&links.index(i), link, report);
    }
    let layout = root.field("layout");
    for (id, position) in &doc.layout {
        check_position(&layout.field(id), position, report);
    }
}

/// A card's position: finite, and within ±[`POSITION_LIMIT`] on both axes.
pub fn check_position(
    path: &JsonPath<'_>,
    position: &Position,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    for (axis, field, value) in [
        ("x", "x position", position.x),
        ("y", "y position", position.y),
    ] {
        if !value.is_finite() {
            report(&path.field(axis), FieldError::NotFinite { field });
        } else if value.abs() > POSITION_LIMIT {
            report(
                &path.field(axis),
                FieldError::PositionOutOfRange { axis, found: value },
            );
        }
    }
}

/// The canvas's title: not blank, at most [`TITLE_MAX_CHARS`] characters.
pub fn check_canvas_title(
    path: &JsonPath<'_>,
    title: &str,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_text(path, "title", title, 1, TITLE_MAX_CHARS, report);
}

pub fn check_cycle(
    path: &JsonPath<'_>,
    cycle: &Cycle,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_text(
        &path.field("label"),
        "cycle label",
        &cycle.label,
        1,
        CYCLE_LABEL_MAX_CHARS,
        report,
    );
    let start_ok = check_date(&path.field("start"), &cycle.start, report);
    let end_ok = check_date(&path.field("end"), &cycle.end, report);
    // ISO dates of the same width compare correctly as text.
    if start_ok && end_ok && cycle.end < cycle.start {
        report(
            &path.field("end"),
            FieldError::CycleEndsBeforeStart {
                start: cycle.start.clone(),
                end: cycle.end.clone(),
            },
        );
    }
}

pub fn check_team(
    path: &JsonPath<'_>,
    team: &Team,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_id(&path.field("id"), &team.id, report);
    check_text(
        &path.field("name"),
        "team name",
        &team.name,
        1,
        TEAM_NAME_MAX_CHARS,
        report,
    );
    if let Some(parent) = &team.parent {
        check_id(&path.field("parent"), parent, report);
    }
    if let Some(color) = &team.color {
        if !is_valid_color(color) {
            report(
                &path.field("color"),
                FieldError::BadColor {
                    found: color.clone(),
                },
            );
        }
    }
}

pub fn check_objective(
    path: &JsonPath<'_>,
    objective: &Objective,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_objective_own_fields(path, objective, report);
    let key_results = path.field("keyResults");
    for (i, key_result) in objective.key_results.iter().enumerate() {
        check_key_result(&key_results.index(i), key_result, report);
    }
}

/// The objective's own fields, without its key results.
pub fn check_objective_own_fields(
    path: &JsonPath<'_>,
    objective: &Objective,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_id(&path.field("id"), &objective.id, report);
    check_id(&path.field("team"), &objective.team, report);
    check_text(
        &path.field("title"),
        "objective title",
        &objective.title,
        1,
        OBJECTIVE_TITLE_MAX_CHARS,
        report,
    );
    if let Some(description) = &objective.description {
        check_text(
            &path.field("description"),
            "description",
            description,
            0,
            DESCRIPTION_MAX_CHARS,
            report,
        );
    }
    if let Some(standalone) = &objective.standalone {
        check_text(
            &path.field("standalone"),
            "reason for standing alone",
            standalone,
            0,
            STANDALONE_MAX_CHARS,
            report,
        );
    }
    check_owner(path, objective.owner.as_deref(), report);
    if let Some(status) = &objective.status {
        let status_path = path.field("status");
        if let Some(note) = &status.note {
            check_text(
                &status_path.field("note"),
                "note on the status",
                note,
                0,
                NOTE_MAX_CHARS,
                report,
            );
        }
        if let Some(date) = &status.date {
            check_date(&status_path.field("date"), date, report);
        }
    }
}

/// An owner is a name: not blank, at most `OWNER_MAX_CHARS` characters.
fn check_owner(
    path: &JsonPath<'_>,
    owner: Option<&str>,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    if let Some(owner) = owner {
        check_text(
            &path.field("owner"),
            "owner",
            owner,
            1,
            OWNER_MAX_CHARS,
            report,
        );
    }
}

pub fn check_key_result(
    path: &JsonPath<'_>,
    key_result: &KeyResult,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_id(&path.field("id"), &key_result.id, report);
    check_text(
        &path.field("title"),
        "key result title",
        &key_result.title,
        1,
        KEY_RESULT_TITLE_MAX_CHARS,
        report,
    );
    check_owner(path, key_result.owner.as_deref(), report);
    check_finite(
        &path.field("start"),
        "start value",
        key_result.start,
        report,
    );
    check_finite(
        &path.field("target"),
        "target value",
        key_result.target,
        report,
    );
    if let Some(current) = key_result.current {
        check_finite(&path.field("current"), "current value", current, report);
    }
    if let Some(unit) = &key_result.unit {
        check_text(&path.field("unit"), "unit", unit, 0, UNIT_MAX_CHARS, report);
    }
    if !key_result.weight.is_finite() {
        report(
            &path.field("weight"),
            FieldError::NotFinite { field: "weight" },
        );
    } else if key_result.weight <= 0.0 {
        report(
            &path.field("weight"),
            FieldError::WeightNotPositive {
                found: key_result.weight,
            },
        );
    } else if !(WEIGHT_MIN..=WEIGHT_MAX).contains(&key_result.weight) {
        report(
            &path.field("weight"),
            FieldError::WeightOutOfRange {
                found: key_result.weight,
            },
        );
    }
    if let Some(confidence) = key_result.confidence {
        check_confidence(&path.field("confidence"), confidence, report);
    }
    let check_ins = path.field("checkIns");
    let mut previous: Option<&str> = None;
    for (i, check_in) in key_result.check_ins.iter().enumerate() {
        let place = check_ins.index(i);
        let date_ok = check_date(&place.field("date"), &check_in.date, report);
        check_finite(
            &place.field("value"),
            "check-in value",
            check_in.value,
            report,
        );
        if let Some(confidence) = check_in.confidence {
            check_confidence(&place.field("confidence"), confidence, report);
        }
        if let Some(note) = &check_in.note {
            check_text(
                &place.field("note"),
                "note",
                note,
                0,
                NOTE_MAX_CHARS,
                report,
            );
        }
        if date_ok {
            if let Some(previous) = previous {
                if check_in.date.as_str() < previous {
                    report(
                        &place.field("date"),
                        FieldError::CheckInsOutOfOrder {
                            date: check_in.date.clone(),
                            previous: previous.to_owned(),
                        },
                    );
                }
            }
            previous = Some(&check_in.date);
        }
    }
}

pub fn check_link_fields(
    path: &JsonPath<'_>,
    link: &Link,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    check_id(&path.field("from"), &link.from, report);
    check_id(&path.field("to"), &link.to, report);
    if let Some(note) = &link.note {
        check_text(&path.field("note"), "note", note, 0, NOTE_MAX_CHARS, report);
    }
}

/// Whether `text` has nothing but white space (spaces, tabs, line breaks, no-break
/// spaces…): the one rule by which a title, a name or a label counts as missing,
/// whether it comes from a file or is typed in the app (which trims what it is given).
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A text of at most `max` characters that, with `min` above 0, must not be blank.
fn check_text(
    path: &JsonPath<'_>,
    field: &'static str,
    text: &str,
    min: usize,
    max: usize,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    if min > 0 && is_blank(text) {
        let error = if text.is_empty() {
            FieldError::Empty { field }
        } else {
            FieldError::Blank { field }
        };
        report(path, error);
        return;
    }
    // A byte count within the limit is a char count within it too; count only when needed.
    if text.len() > max {
        let found = text.chars().count();
        if found > max {
            report(path, FieldError::TooLong { field, max, found });
        }
    }
}

pub fn check_id(path: &JsonPath<'_>, id: &str, report: &mut dyn FnMut(&JsonPath<'_>, FieldError)) {
    if !is_valid_id(id) {
        report(path, FieldError::BadId { id: id.to_owned() });
    }
}

fn check_finite(
    path: &JsonPath<'_>,
    field: &'static str,
    value: f64,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    if !value.is_finite() {
        report(path, FieldError::NotFinite { field });
    }
}

fn check_confidence(
    path: &JsonPath<'_>,
    confidence: f64,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) {
    if !(0.0..=1.0).contains(&confidence) {
        report(path, FieldError::ConfidenceOutOfRange { found: confidence });
    }
}

fn check_date(
    path: &JsonPath<'_>,
    date: &str,
    report: &mut dyn FnMut(&JsonPath<'_>, FieldError),
) -> bool {
    let ok = is_valid_date(date);
    if !ok {
        report(
            path,
            FieldError::BadDate {
                found: date.to_owned(),
            },
        );
    }
    ok
}

/// `[A-Za-z0-9_.-]{1,64}`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// `#rrggbb`, either case.
pub fn is_valid_color(color: &str) -> bool {
    let bytes = color.as_bytes();
    bytes.len() == 7 && bytes[0] == b'#' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}

/// `YYYY-MM-DD` naming a day that exists (leap years included), years 0001 to 9999.
pub fn is_valid_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let mut value = 0u32;
        for &b in bytes.get(range)? {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        Some(value)
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_ranks_put_the_company_on_top() {
        let ranks: Vec<u8> = Level::ALL.iter().map(|l| l.rank()).collect();
        assert_eq!(ranks, vec![0, 1, 2, 3]);
        assert!(Level::Company.is_above(Level::Department));
        assert!(!Level::Team.is_above(Level::Team));
    }

    #[test]
    fn ids_follow_the_documented_pattern() {
        assert!(is_valid_id("o-nordic_1.2"));
        assert!(is_valid_id(&"a".repeat(64)));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("é"));
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(is_valid_date("2027-01-31"));
        assert!(is_valid_date("2028-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(!is_valid_date("2027-02-29"));
        assert!(!is_valid_date("2027-04-31"));
        assert!(!is_valid_date("2027-13-01"));
        assert!(!is_valid_date("2027-1-01"));
        assert!(!is_valid_date("0000-01-01"));
        assert!(!is_valid_date("2027/01/01"));
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert!(is_valid_color("#2a9d8f"));
        assert!(is_valid_color("#2A9D8F"));
        assert!(!is_valid_color("#2a9d8"));
        assert!(!is_valid_color("2a9d8f0"));
        assert!(!is_valid_color("#2a9d8g"));
    }

    #[test]
    fn absent_current_means_start() {
        let mut kr = KeyResult::new("kr", "Revenue", 10.0, 20.0);
        assert_eq!(kr.current_value(), 10.0);
        kr.current = Some(15.0);
        assert_eq!(kr.current_value(), 15.0);
    }

    #[test]
    fn whole_numbers_are_written_without_a_fraction() {
        let kr = KeyResult::new("kr", "Revenue", 0.0, 2_000_000.0);
        let json = serde_json::to_string(&kr).unwrap();
        assert!(json.contains(r#""start":0,"target":2000000"#), "{json}");
        assert!(
            !json.contains("current"),
            "absent current stays absent: {json}"
        );
        let half = Position { x: 0.5, y: -3.0 };
        assert_eq!(serde_json::to_string(&half).unwrap(), r#"{"x":0.5,"y":-3}"#);
    }

    #[test]
    fn paths_render_as_json_paths() {
        let root = JsonPath::Root;
        let objectives = root.field("objectives");
        let third = objectives.index(3);
        let krs = third.field("keyResults");
        let first = krs.index(0);
        let target = first.field("target");
        assert_eq!(target.to_string(), "$.objectives[3].keyResults[0].target");
        let layout = root.field("layout");
        assert_eq!(layout.field("o.1").to_string(), r#"$.layout["o.1"]"#);
    }

    #[test]
    fn positions_stay_within_the_limit() {
        let mut found = Vec::new();
        let far = Position {
            x: 1.7e308,
            y: -POSITION_LIMIT,
        };
        let root = JsonPath::Root;
        check_position(&root.field("p"), &far, &mut |path, error| {
            found.push((path.to_string(), error))
        });
        assert_eq!(
            found,
            vec![(
                "$.p.x".to_owned(),
                FieldError::PositionOutOfRange {
                    axis: "x",
                    found: 1.7e308
                }
            )]
        );
        assert_eq!(
            found[0].1.to_string(),
            "The x position is 1.7e308; a card's position must stay between -1,000,000 and 1,000,000 canvas units."
        );
        assert_eq!(
            far.within_limits(),
            Position {
                x: POSITION_LIMIT,
                y: -POSITION_LIMIT
            }
        );
        let near = Position { x: -12.5, y: 3.0 };
        assert_eq!(near.within_limits(), near);
        assert!(Position {
            x: f64::NAN,
            y: 0.0
        }
        .within_limits()
        .x
        .is_nan());
    }

    #[test]
    fn weights_stay_within_their_range() {
        let weight_error = |weight: f64| {
            let mut kr = KeyResult::new("kr", "ARR", 0.0, 1.0);
            kr.weight = weight;
            let mut found = Vec::new();
            check_key_result(&JsonPath::Root, &kr, &mut |_, error| found.push(error));
            found.pop()
        };
        for fine in [WEIGHT_MIN, 0.25, 1.0, 70.0, WEIGHT_MAX] {
            assert_eq!(weight_error(fine), None, "{fine}");
        }
        assert!(matches!(
            weight_error(0.0),
            Some(FieldError::WeightNotPositive { .. })
        ));
        for out in [5e-324, 0.000_9, 1_000_000.5, 1e300] {
            assert_eq!(
                weight_error(out),
                Some(FieldError::WeightOutOfRange { found: out }),
                "{out}"
            );
        }
        assert_eq!(
            weight_error(5e-324).unwrap().to_string(),
            "The weight is 5e-324; a weight is a number from 0.001 to 1,000,000 (the usual value is 1)."
        );
    }

    #[test]
    fn titles_of_white_space_only_count_as_missing() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\n\r\u{a0}\u{2003}\u{3000}"));
        assert!(!is_blank("  a "));
        assert!(
            !is_blank("\u{200b}"),
            "a zero-width space is a character, not space"
        );
        let mut doc = Document::new("   ");
        doc.cycle = Some(Cycle {
            label: "\t".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        });
        doc.teams
            .push(Team::new("t", "\u{a0}", Level::Company, None));
        doc.objectives.push(Objective {
            id: "o".into(),
            team: "t".into(),
            title: " \n ".into(),
            owner: Some(" ".into()),
            description: Some("  ".into()),
            kind: ObjectiveKind::Committed,
            rollup: Rollup::Both,
            standalone: None,
            realign: false,
            status: None,
            key_results: vec![KeyResult::new("kr", "  ", 0.0, 1.0)],
        });
        let mut found = Vec::new();
        check_document_fields(&doc, &mut |path, error| {
            found.push(format!("{path}: {error}"))
        });
        assert_eq!(
            found,
            vec![
                "$.title: The title holds only spaces; it needs at least one other character.",
                "$.cycle.label: The cycle label holds only spaces; it needs at least one other character.",
                "$.teams[0].name: The team name holds only spaces; it needs at least one other character.",
                "$.objectives[0].title: The objective title holds only spaces; it needs at least one other character.",
                "$.objectives[0].owner: The owner holds only spaces; it needs at least one other character.",
                "$.objectives[0].keyResults[0].title: The key result title holds only spaces; it needs at least one other character.",
            ]
        );
    }

    #[test]
    fn field_rules_report_each_place() {
        let mut doc = Document::new("");
        doc.cycle = Some(Cycle {
            label: "Q1".into(),
            start: "2027-03-31".into(),
            end: "2027-01-01".into(),
        });
        let mut kr = KeyResult::new("kr 1", "ARR", 0.0, f64::INFINITY);
        kr.weight = 0.0;
        kr.confidence = Some(1.5);
        kr.check_ins = vec![
            CheckIn {
                date: "2027-02-01".into(),
                value: 1.0,
                confidence: None,
                note: None,
            },
            CheckIn {
                date: "2027-01-01".into(),
                value: 1.0,
                confidence: None,
                note: None,
            },
        ];
        doc.objectives.push(Objective {
            id: "o".into(),
            team: "t".into(),
            title: "x".repeat(501),
            owner: Some("x".repeat(201)),
            description: None,
            kind: ObjectiveKind::Committed,
            rollup: Rollup::Both,
            standalone: None,
            realign: false,
            status: Some(StatusByHand {
                value: Pace::AtRisk,
                note: Some("x".repeat(2001)),
                date: Some("2027-02-30".into()),
            }),
            key_results: vec![kr],
        });
        let mut found = Vec::new();
        check_document_fields(&doc, &mut |path, error| {
            found.push((path.to_string(), error))
        });
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "$.title",
                "$.cycle.end",
                "$.objectives[0].title",
                "$.objectives[0].owner",
                "$.objectives[0].status.note",
                "$.objectives[0].status.date",
                "$.objectives[0].keyResults[0].id",
                "$.objectives[0].keyResults[0].target",
                "$.objectives[0].keyResults[0].weight",
                "$.objectives[0].keyResults[0].confidence",
                "$.objectives[0].keyResults[0].checkIns[1].date",
            ]
        );
    }
}
