//! Quality hints: the gentle warnings an OKR coach would give while reading the
//! map. Too many objectives for one team, too few or too many key results, a
//! key result with no number to reach or that reads like a task, a hard link
//! from an individual's objective, a committed objective its owners doubt.
//!
//! Hints never block anything: the canvas stays valid and editable whatever
//! they say. Each names the thing it is about and carries a one-line why, in
//! plain words, that teaches the practice behind it.
//!
//! One pass over the document (plus a pass over the links and teams), so the
//! map can ask again after every edit of a canvas of thousands of objectives.
//! The order is the document's: objectives in order, and within one, its own
//! hints before those of its key results, key results in order.

use std::ops::Range;

use super::model::{Document, IdMap, IdSet, KeyResult, Level, LinkKind, Objective, ObjectiveKind};
use super::numbers;

/// More objectives than this for one team in a canvas (one cycle) spreads it thin.
pub const MAX_OBJECTIVES_PER_TEAM: usize = 5;
/// Fewer key results than this leave an objective without a clear finish line.
pub const MIN_KEY_RESULTS: usize = 2;
/// More key results than this per objective lose focus.
pub const MAX_KEY_RESULTS: usize = 5;
/// A committed objective whose key result has a confidence below this is in doubt.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// First words of a key result that make it read like a task to be done
/// rather than a result to be reached (compared without case).
const ACTIVITY_VERBS: &[&str] = &[
    "launch",
    "write",
    "rewrite",
    "hold",
    "create",
    "build",
    "implement",
    "complete",
    "finish",
    "run",
    "organise",
    "organize",
    "develop",
    "release",
    "ship",
    "deliver",
    "publish",
    "start",
    "conduct",
    "host",
    "attend",
    "design",
    "redesign",
    "plan",
    "draft",
    "prepare",
    "introduce",
    "migrate",
    "deploy",
    "install",
    "document",
    "send",
];

/// Two-word task openings whose first word alone would mean something else.
const ACTIVITY_PHRASES: &[(&str, &str)] = &[("set", "up"), ("roll", "out"), ("kick", "off")];

/// Second words that make a task verb a noun naming a measure ("Build time",
/// "Run rate", "Design reviews led"): such a title reads as a result.
const MEASURE_NOUNS: &[&str] = &[
    "rate",
    "rates",
    "time",
    "times",
    "duration",
    "frequency",
    "success",
    "failures",
    "quality",
    "coverage",
    "score",
    "count",
    "volume",
    "cost",
    "costs",
    "share",
    "adoption",
    "reviews",
    "partners",
    "system",
];

/// What a hint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HintKind {
    /// The objective's team has more than five objectives in the canvas.
    TooManyObjectives,
    /// Fewer than two key results.
    TooFewKeyResults,
    /// More than five key results.
    TooManyKeyResults,
    /// A key result whose start equals its target and that has no unit.
    UnmeasurableKeyResult,
    /// A key result whose title opens with a task verb.
    ActivityKeyResult,
    /// An individual's objective with a hard parent.
    HardLinkedIndividual,
    /// A committed objective with a key result of confidence below 0.5.
    CommittedLowConfidence,
}

impl HintKind {
    pub const ALL: [HintKind; 7] = [
        HintKind::TooManyObjectives,
        HintKind::TooFewKeyResults,
        HintKind::TooManyKeyResults,
        HintKind::UnmeasurableKeyResult,
        HintKind::ActivityKeyResult,
        HintKind::HardLinkedIndividual,
        HintKind::CommittedLowConfidence,
    ];

    /// A stable kebab-case name, for attributes and styles.
    pub fn slug(self) -> &'static str {
        match self {
            HintKind::TooManyObjectives => "too-many-objectives",
            HintKind::TooFewKeyResults => "too-few-key-results",
            HintKind::TooManyKeyResults => "too-many-key-results",
            HintKind::UnmeasurableKeyResult => "unmeasurable-key-result",
            HintKind::ActivityKeyResult => "activity-key-result",
            HintKind::HardLinkedIndividual => "hard-linked-individual",
            HintKind::CommittedLowConfidence => "committed-low-confidence",
        }
    }

    /// The one-line why: the practice the hint comes from, in plain words.
    pub fn why(self) -> &'static str {
        match self {
            HintKind::TooManyObjectives => {
                "Focus: 3–4 objectives per team, at most 5; more spreads the team thin."
            }
            HintKind::TooFewKeyResults => {
                "2–4 key results say what success looks like; with fewer, the objective has no \
                 clear finish line."
            }
            HintKind::TooManyKeyResults => {
                "Focus: 2–4 key results, at most 5; five objectives of five key results are \
                 already 25 goals."
            }
            HintKind::UnmeasurableKeyResult => {
                "A key result is a number moving from start to target; without one, nobody can \
                 tell whether it was reached."
            }
            HintKind::ActivityKeyResult => {
                "Key results are results, not activities: measure what the work should change, \
                 not that it was done."
            }
            HintKind::HardLinkedIndividual => {
                "Hard-aligned individual OKRs are a management burden every quarter; a soft \
                 link, or a team objective, is lighter."
            }
            HintKind::CommittedLowConfidence => {
                "Committed objectives are meant to land at 1.0; with confidence below 0.5, say \
                 so early, or make it aspirational."
            }
        }
    }
}

/// One warning about an objective or one of its key results.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Hint {
    /// The objective the hint sits on.
    pub objective: String,
    /// The key result it is about, when it is about one.
    pub key_result: Option<String>,
    pub kind: HintKind,
    /// What is the matter, naming the thing.
    pub message: String,
    /// Why it matters, in one line.
    pub why: String,
}

/// Every hint of a document, in document order.
pub fn hints(doc: &Document) -> Vec<Hint> {
    let context = Context::new(doc);
    let mut all = Vec::new();
    for objective in &doc.objectives {
        context.hints_of(objective, &mut all);
    }
    all
}

/// The hints of a document with a way to find one objective's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hints {
    all: Vec<Hint>,
    /// Objective id → where its hints are in `all` (they are consecutive).
    by_objective: IdMap<String, Range<usize>>,
}

impl Hints {
    pub fn of(doc: &Document) -> Hints {
        let context = Context::new(doc);
        let mut all = Vec::new();
        let mut by_objective = IdMap::default();
        for objective in &doc.objectives {
            let start = all.len();
            context.hints_of(objective, &mut all);
            if all.len() > start {
                by_objective
                    .entry(objective.id.clone())
                    .or_insert(start..all.len());
            }
        }
        Hints { all, by_objective }
    }

    /// Every hint, in document order.
    pub fn all(&self) -> &[Hint] {
        &self.all
    }

    /// The hints on the objective `id` (none for an unknown id).
    pub fn of_objective(&self, id: &str) -> &[Hint] {
        self.by_objective
            .get(id)
            .and_then(|range| self.all.get(range.clone()))
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// How many objectives have at least one hint.
    pub fn objective_count(&self) -> usize {
        self.by_objective.len()
    }
}

/// What the hints need to know beyond one objective, gathered once.
struct Context<'a> {
    /// Team id → (level, name).
    teams: IdMap<&'a str, (Level, &'a str)>,
    objectives_per_team: IdMap<&'a str, usize>,
    /// An individual's objective id → the title of what its first hard link
    /// (to an objective or key result that exists) goes to.
    individual_hard_parent: IdMap<&'a str, &'a str>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document) -> Self {
        let teams: IdMap<&str, (Level, &str)> = doc
            .teams
            .iter()
            .map(|t| (t.id.as_str(), (t.level, t.name.as_str())))
            .collect();
        let mut objectives_per_team: IdMap<&str, usize> = IdMap::default();
        let mut individuals: IdSet<&str> = IdSet::default();
        for objective in &doc.objectives {
            *objectives_per_team
                .entry(objective.team.as_str())
                .or_default() += 1;
            if teams
                .get(objective.team.as_str())
                .is_some_and(|(level, _)| *level == Level::Individual)
            {
                individuals.insert(objective.id.as_str());
            }
        }
        Context {
            individual_hard_parent: individual_hard_parents(doc, &individuals),
            teams,
            objectives_per_team,
        }
    }

    fn hints_of(&self, objective: &Objective, out: &mut Vec<Hint>) {
        let hint = |kind: HintKind, key_result: Option<&KeyResult>, message: String| Hint {
            objective: objective.id.clone(),
            key_result: key_result.map(|kr| kr.id.clone()),
            kind,
            message,
            why: kind.why().to_string(),
        };
        let team = self.teams.get(objective.team.as_str()).copied();
        let team_name = team.map(|(_, name)| name).unwrap_or(&objective.team);
        let team_objectives = self
            .objectives_per_team
            .get(objective.team.as_str())
            .copied()
            .unwrap_or(0);
        if team_objectives > MAX_OBJECTIVES_PER_TEAM {
            out.push(hint(
                HintKind::TooManyObjectives,
                None,
                format!("“{team_name}” has {team_objectives} objectives in this canvas."),
            ));
        }
        let key_results = objective.key_results.len();
        if key_results < MIN_KEY_RESULTS {
            let message = match key_results {
                0 => "No key results yet.".to_string(),
                _ => "Only 1 key result.".to_string(),
            };
            out.push(hint(HintKind::TooFewKeyResults, None, message));
        } else if key_results > MAX_KEY_RESULTS {
            out.push(hint(
                HintKind::TooManyKeyResults,
                None,
                format!("{key_results} key results."),
            ));
        }
        for key_result in &objective.key_results {
            if is_unmeasurable(key_result) {
                out.push(hint(
                    HintKind::UnmeasurableKeyResult,
                    Some(key_result),
                    format!(
                        "“{}” has no measurable target: its start equals its target ({}) and it \
                         has no unit.",
                        key_result.title,
                        numbers::number(key_result.target)
                    ),
                ));
            }
            if reads_like_activity(&key_result.title) {
                out.push(hint(
                    HintKind::ActivityKeyResult,
                    Some(key_result),
                    format!("“{}” reads like an activity.", key_result.title),
                ));
            }
        }
        if objective.kind == ObjectiveKind::Committed {
            let doubted: Vec<(&KeyResult, f64)> = objective
                .key_results
                .iter()
                .filter_map(|kr| Some((kr, kr.confidence?)))
                .filter(|(_, confidence)| *confidence < LOW_CONFIDENCE)
                .collect();
            if !doubted.is_empty() {
                let named: Vec<String> = doubted
                    .iter()
                    .map(|(kr, confidence)| {
                        format!("“{}” ({})", kr.title, numbers::number(*confidence))
                    })
                    .collect();
                let single = match doubted.as_slice() {
                    [(kr, _)] => Some(*kr),
                    _ => None,
                };
                out.push(hint(
                    HintKind::CommittedLowConfidence,
                    single,
                    format!(
                        "Committed, but confidence is low on {}.",
                        join_words(&named)
                    ),
                ));
            }
        }
        if team.is_some_and(|(level, _)| level == Level::Individual) {
            if let Some(parent_title) = self.individual_hard_parent.get(objective.id.as_str()) {
                out.push(hint(
                    HintKind::HardLinkedIndividual,
                    None,
                    format!("An individual’s objective, hard-linked to “{parent_title}”."),
                ));
            }
        }
    }
}

/// For each of `individuals` (objective ids) with a hard link, the title of
/// what its first hard link to an existing objective or key result goes to.
/// Only those links' targets are looked up, so a canvas without individuals'
/// hard links pays one pass over the links.
fn individual_hard_parents<'a>(
    doc: &'a Document,
    individuals: &IdSet<&'a str>,
) -> IdMap<&'a str, &'a str> {
    let hard_links: Vec<(&str, &str)> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Hard && individuals.contains(l.from.as_str()))
        .map(|l| (l.from.as_str(), l.to.as_str()))
        .collect();
    if hard_links.is_empty() {
        return IdMap::default();
    }
    let mut titles: IdMap<&str, Option<&str>> =
        hard_links.iter().map(|&(_, to)| (to, None)).collect();
    for objective in &doc.objectives {
        if let Some(title) = titles.get_mut(objective.id.as_str()) {
            *title = Some(objective.title.as_str());
        }
        for key_result in &objective.key_results {
            if let Some(title) = titles.get_mut(key_result.id.as_str()) {
                *title = Some(key_result.title.as_str());
            }
        }
    }
    let mut parents: IdMap<&str, &str> = IdMap::default();
    for (from, to) in hard_links {
        if let Some(Some(title)) = titles.get(to) {
            parents.entry(from).or_insert(title);
        }
    }
    parents
}

/// Whether the key result has nothing to measure: no distance from start to
/// target, and no unit that would make "reach this value" a measure.
pub fn is_unmeasurable(key_result: &KeyResult) -> bool {
    key_result.start == key_result.target
        && key_result
            .unit
            .as_deref()
            .is_none_or(|unit| unit.trim().is_empty())
}

/// Whether a key result's title opens with a task verb ("Launch the new site",
/// "Set up a call rota"), its first word compared whole and without case.
pub fn reads_like_activity(title: &str) -> bool {
    // Compared without allocating: this runs for every key result after
    // every edit. The word lists are ASCII, so ASCII case folding is enough.
    let mut words = title
        .split_whitespace()
        .map(|w| w.trim_end_matches([':', ',', ';', '.', '!', '?']));
    let Some(first) = words.next() else {
        return false;
    };
    let is = |word: &str, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let second = words.next().unwrap_or("");
    if is(first, ACTIVITY_VERBS) {
        return !is(second, MEASURE_NOUNS);
    }
    ACTIVITY_PHRASES
        .iter()
        .any(|(a, b)| a.eq_ignore_ascii_case(first) && b.eq_ignore_ascii_case(second))
}

/// "“a”", "“a” and “b”", "“a”, “b” and “c”".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
