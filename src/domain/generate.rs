//! Synthetic canvases of any size, for benchmarks and load tests.
//!
//! Performance claims ("10,000 objectives import in 50 ms") need inputs of that size
//! with the shape of a real organisation: one company, departments, teams and
//! individuals, each with a handful of objectives of 2–4 key results, most of them
//! hard-aligned one level up, some soft links, some objectives left unaligned and a few
//! mission OKRs that stand alone on purpose. [`generate`] builds such a canvas from a
//! seed, so the same call always gives the same document, and every document it makes
//! is valid: ids are unique, hard links only point to a higher level and an objective
//! has at most one, no link repeats, and no objective links to its own key result.
//!
//! The generator has its own tiny random number generator (SplitMix64): reproducible
//! across platforms and versions, and no dependency for something this small.

use super::model::{
    CheckIn, Cycle, Document, KeyResult, Level, Link, LinkKind, Objective, ObjectiveKind, Rollup,
    Team,
};

/// A canvas with exactly `objectives` objectives, the same for the same `seed`.
pub fn generate(objectives: usize, seed: u64) -> Document {
    let mut generator = Generator::new(objectives, seed);
    generator.fill();
    generator.doc
}

const COMPANY_OBJECTIVES: usize = 4;
const DEPARTMENT_OBJECTIVES: usize = 3;
const TEAMS_PER_DEPARTMENT: usize = 8;
const TEAM_OBJECTIVES: usize = 4;
const INDIVIDUALS_PER_TEAM: usize = 4;

/// Share of department and team objectives hard-linked one level up (the rest are
/// unaligned); individuals align less often, as design.md advises.
const DEPARTMENT_ALIGNED: f64 = 0.9;
const TEAM_ALIGNED: f64 = 0.8;
const INDIVIDUAL_ALIGNED: f64 = 0.5;
/// Share of team objectives that skip the department and support the company directly.
const TEAM_TO_COMPANY: f64 = 0.05;
/// Share of hard links that point at one key result rather than the whole objective.
const LINK_TO_KEY_RESULT: f64 = 0.3;
const SOFT_LINKED: f64 = 0.12;
/// Share of unaligned objectives that say why they stand alone.
const STANDALONE: f64 = 0.3;

const DEPARTMENT_NAMES: [&str; 8] = [
    "Engineering",
    "Sales",
    "Marketing",
    "Customer Success",
    "Product",
    "Finance",
    "People",
    "Operations",
];

const TEAM_COLORS: [&str; 8] = [
    "#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#6d597a", "#8ab17d", "#457b9d",
];

const PERSON_NAMES: [&str; 12] = [
    "Ada", "Bilal", "Chen", "Dana", "Emeka", "Freya", "Goran", "Hana", "Ines", "Jonas", "Kaito",
    "Lena",
];

const OBJECTIVE_TITLES: [&str; 12] = [
    "Win the Nordic mid-market",
    "Make onboarding effortless",
    "Never let customers down",
    "Grow existing accounts",
    "Be the easiest to buy",
    "Ship faster, break less",
    "Delight new customers",
    "Spend where it pays back",
    "Answer customers instantly",
    "Hire and keep great people",
    "Turn customers into fans",
    "Open the German market",
];

/// A metric: its title, unit, and the range its start and target are drawn from.
struct Metric {
    title: &'static str,
    /// Empty for plain counts.
    unit: &'static str,
    low: f64,
    high: f64,
    /// Whether the aim is to bring the number down.
    decrease: bool,
}

const METRICS: [Metric; 10] = [
    Metric {
        title: "ARR",
        unit: "EUR",
        low: 100_000.0,
        high: 5_000_000.0,
        decrease: false,
    },
    Metric {
        title: "Net revenue retention",
        unit: "%",
        low: 95.0,
        high: 125.0,
        decrease: false,
    },
    Metric {
        title: "New customers",
        unit: "",
        low: 0.0,
        high: 200.0,
        decrease: false,
    },
    Metric {
        title: "Monthly churn",
        unit: "%",
        low: 0.5,
        high: 4.0,
        decrease: true,
    },
    Metric {
        title: "Net Promoter Score",
        unit: "NPS",
        low: 10.0,
        high: 60.0,
        decrease: false,
    },
    Metric {
        title: "Days to go-live",
        unit: "days",
        low: 3.0,
        high: 40.0,
        decrease: true,
    },
    Metric {
        title: "Uptime",
        unit: "%",
        low: 99.0,
        high: 99.99,
        decrease: false,
    },
    Metric {
        title: "p95 response time",
        unit: "ms",
        low: 80.0,
        high: 2_000.0,
        decrease: true,
    },
    Metric {
        title: "Qualified pipeline",
        unit: "EUR",
        low: 200_000.0,
        high: 9_000_000.0,
        decrease: false,
    },
    Metric {
        title: "Tickets per account",
        unit: "",
        low: 0.1,
        high: 0.9,
        decrease: true,
    },
];

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast and good enough for test data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..bound`; `bound` must not be 0.
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

struct Generator {
    wanted: usize,
    rng: SplitMix64,
    doc: Document,
}

impl Generator {
    fn new(wanted: usize, seed: u64) -> Self {
        let mut doc = Document::new(format!("Synthetic canvas — {wanted} objectives"));
        doc.cycle = Some(Cycle {
            label: "Q1 2027".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        });
        Generator {
            wanted,
            rng: SplitMix64(seed),
            doc,
        }
    }

    fn full(&self) -> bool {
        self.doc.objectives.len() >= self.wanted
    }

    fn fill(&mut self) {
        let company = self.add_team("acme".into(), "Acme".into(), Level::Company, None, None);
        let company_objectives = self.add_objectives(&company, COMPANY_OBJECTIVES, &[], 0.0);
        let mut department_number = 0;
        while !self.full() {
            department_number += 1;
            self.add_department(department_number, &company, &company_objectives);
        }
    }

    fn add_department(&mut self, number: usize, company: &str, company_objectives: &[usize]) {
        let base = DEPARTMENT_NAMES[(number - 1) % DEPARTMENT_NAMES.len()];
        let round = (number - 1) / DEPARTMENT_NAMES.len();
        let name = if round == 0 {
            base.to_owned()
        } else {
            format!("{base} {}", round + 1)
        };
        let department = self.add_team(
            format!("d{number}"),
            name.clone(),
            Level::Department,
            Some(company.to_owned()),
            None,
        );
        let department_objectives = self.add_objectives(
            &department,
            DEPARTMENT_OBJECTIVES,
            company_objectives,
            DEPARTMENT_ALIGNED,
        );
        for team_number in 1..=TEAMS_PER_DEPARTMENT {
            if self.full() {
                return;
            }
            let team = self.add_team(
                format!("{department}-t{team_number}"),
                format!("{name} {team_number}"),
                Level::Team,
                Some(department.clone()),
                Some(TEAM_COLORS[(number + team_number) % TEAM_COLORS.len()].to_owned()),
            );
            // Now and then a team skips its department and supports the company directly.
            let parents = if self.rng.chance(TEAM_TO_COMPANY) {
                company_objectives
            } else {
                &department_objectives
            };
            let team_objectives =
                self.add_objectives(&team, TEAM_OBJECTIVES, parents, TEAM_ALIGNED);
            for person_number in 1..=INDIVIDUALS_PER_TEAM {
                if self.full() {
                    return;
                }
                let person_name = PERSON_NAMES
                    [(number * 7 + team_number * 3 + person_number) % PERSON_NAMES.len()];
                let person = self.add_team(
                    format!("{team}-p{person_number}"),
                    person_name.to_owned(),
                    Level::Individual,
                    Some(team.clone()),
                    None,
                );
                let count = 1 + self.rng.below(2);
                self.add_objectives(&person, count, &team_objectives, INDIVIDUAL_ALIGNED);
            }
        }
    }

    fn add_team(
        &mut self,
        id: String,
        name: String,
        level: Level,
        parent: Option<String>,
        color: Option<String>,
    ) -> String {
        self.doc.teams.push(Team {
            id: id.clone(),
            name,
            level,
            parent,
            color,
        });
        id
    }

    /// Adds up to `count` objectives for `team` (fewer when the canvas is full), each
    /// hard-linked with probability `aligned` to one of `parents` (objective indices of a
    /// higher level) or to one of its key results. Returns the new objectives' indices.
    fn add_objectives(
        &mut self,
        team: &str,
        count: usize,
        parents: &[usize],
        aligned: f64,
    ) -> Vec<usize> {
        let mut added = Vec::with_capacity(count);
        for _ in 0..count {
            if self.full() {
                break;
            }
            let index = self.doc.objectives.len();
            let objective = self.new_objective(index, team);
            self.doc.objectives.push(objective);
            added.push(index);

            let hard_target = if self.rng.chance(aligned) {
                self.pick_target(parents)
            } else {
                None
            };
            match &hard_target {
                Some(to) => self.add_link(index, to.clone(), LinkKind::Hard),
                None if self.rng.chance(STANDALONE) && !parents.is_empty() => {
                    self.doc.objectives[index].standalone =
                        Some("Our mission OKR: it keeps the lights on for everyone else.".into());
                }
                None => {}
            }
            if index > 0 && self.rng.chance(SOFT_LINKED) {
                let earlier: Vec<usize> = vec![self.rng.below(index)];
                if let Some(to) = self.pick_target(&earlier) {
                    if hard_target.as_deref() != Some(to.as_str()) {
                        self.add_link(index, to, LinkKind::Soft);
                    }
                }
            }
        }
        added
    }

    /// An objective among `candidates`, or one of its key results.
    fn pick_target(&mut self, candidates: &[usize]) -> Option<String> {
        let &parent = self.rng.pick(candidates)?;
        let objective = self.doc.objectives.get(parent)?;
        if self.rng.chance(LINK_TO_KEY_RESULT) {
            let key_results = &objective.key_results;
            if let Some(key_result) = key_results.get(self.rng.below(key_results.len().max(1))) {
                return Some(key_result.id.clone());
            }
        }
        Some(objective.id.clone())
    }

    fn add_link(&mut self, from: usize, to: String, kind: LinkKind) {
        let from = self.doc.objectives[from].id.clone();
        self.doc.links.push(Link {
            from,
            to,
            kind,
            note: None,
        });
    }

    fn new_objective(&mut self, index: usize, team: &str) -> Objective {
        let id = format!("o{index}");
        // Mostly two or three key results, sometimes four.
        let key_result_count = match self.rng.below(20) {
            0..=10 => 2,
            11..=17 => 3,
            _ => 4,
        };
        let key_results = (1..=key_result_count)
            .map(|n| self.new_key_result(format!("{id}.k{n}")))
            .collect();
        let kind = if self.rng.chance(0.3) {
            ObjectiveKind::Committed
        } else {
            ObjectiveKind::Aspirational
        };
        let roll = self.rng.unit();
        let rollup = if roll < 0.05 {
            Rollup::Children
        } else if roll < 0.15 {
            Rollup::Both
        } else {
            Rollup::KeyResults
        };
        let title = OBJECTIVE_TITLES[self.rng.below(OBJECTIVE_TITLES.len())];
        Objective {
            id,
            team: team.to_owned(),
            title: title.to_owned(),
            kind,
            rollup,
            key_results,
            ..Objective::new("", "", "")
        }
    }

    fn new_key_result(&mut self, id: String) -> KeyResult {
        let metric = &METRICS[self.rng.below(METRICS.len())];
        let span = metric.high - metric.low;
        let mut start = round_to_metric(metric.low + span * self.rng.unit() * 0.5, span);
        let mut target = round_to_metric(start + span * (0.1 + 0.4 * self.rng.unit()), span);
        if metric.decrease {
            std::mem::swap(&mut start, &mut target);
        }
        // Mid-quarter: somewhere between a small setback and a little past the target.
        let reached = -0.1 + 1.2 * self.rng.unit();
        let current = round_to_metric(start + (target - start) * reached, span);
        let confidence = self
            .rng
            .chance(0.5)
            .then(|| (self.rng.below(11) as f64) / 10.0);
        let check_ins = if self.rng.chance(0.1) {
            vec![CheckIn {
                date: "2027-02-01".into(),
                value: current,
                confidence,
                note: None,
            }]
        } else {
            Vec::new()
        };
        KeyResult {
            unit: (!metric.unit.is_empty()).then(|| metric.unit.to_owned()),
            current: Some(current),
            confidence,
            check_ins,
            ..KeyResult::new(id, metric.title, start, target)
        }
    }
}

/// Rounds to a precision that suits the metric's scale, so numbers look typed by a
/// person (45000, 99.95) rather than computed.
fn round_to_metric(value: f64, span: f64) -> f64 {
    if span >= 1_000.0 {
        (value / 1_000.0).round() * 1_000.0
    } else if span >= 10.0 {
        value.round()
    } else {
        // Dividing (not multiplying by 0.01) gives the closest f64 to the decimal.
        (value * 100.0).round() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    #[test]
    fn makes_exactly_the_number_of_objectives_asked_for() {
        for n in [0, 1, 4, 5, 37, 1_000] {
            assert_eq!(generate(n, 7).objectives.len(), n);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_canvas() {
        assert_eq!(generate(300, 42), generate(300, 42));
        assert_ne!(generate(300, 42), generate(300, 43));
    }

    #[test]
    fn generated_canvases_follow_the_alignment_rules() {
        let doc = generate(2_000, 1);
        let level_of: HashMap<&str, Level> =
            doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
        assert_eq!(level_of.len(), doc.teams.len(), "team ids are unique");

        let mut owner: HashMap<&str, usize> = HashMap::new();
        let mut objectives_per_team: HashMap<&str, usize> = HashMap::new();
        for (i, objective) in doc.objectives.iter().enumerate() {
            assert!(
                owner.insert(&objective.id, i).is_none(),
                "{} is unique",
                objective.id
            );
            for key_result in &objective.key_results {
                assert!(
                    owner.insert(&key_result.id, i).is_none(),
                    "{} is unique",
                    key_result.id
                );
            }
            assert!((2..=4).contains(&objective.key_results.len()));
            *objectives_per_team.entry(&objective.team).or_default() += 1;
        }
        assert!(
            objectives_per_team.values().all(|&n| n <= 5),
            "focus: at most 5 per team"
        );

        let level = |objective: usize| level_of[doc.objectives[objective].team.as_str()];
        let mut links = HashSet::new();
        let mut hard_parents = HashSet::new();
        let (mut hard, mut soft, mut to_key_result) = (0, 0, 0);
        for link in &doc.links {
            assert!(links.insert((&link.from, &link.to)), "no link repeats");
            let from = owner[link.from.as_str()];
            let to = owner[link.to.as_str()];
            assert_ne!(from, to, "no link to itself or its own key result");
            if link.to != doc.objectives[to].id {
                to_key_result += 1;
            }
            match link.kind {
                LinkKind::Hard => {
                    hard += 1;
                    assert!(level(to).is_above(level(from)));
                    assert!(hard_parents.insert(from), "at most one hard parent");
                }
                LinkKind::Soft => soft += 1,
            }
        }
        let unaligned = doc.objectives.len() - hard_parents.len();
        assert!(
            hard > 1_200 && soft > 100 && to_key_result > 200,
            "{hard} {soft} {to_key_result}"
        );
        assert!(unaligned > 200, "{unaligned}");
        assert!(doc.objectives.iter().any(|o| o.standalone.is_some()));
        for level in Level::ALL {
            assert!(doc.teams.iter().any(|t| t.level == level), "has a {level}");
        }
    }

    #[test]
    fn generated_canvases_import_without_errors_or_warnings() {
        for seed in [1, 2027] {
            let doc = generate(1_000, seed);
            let file = crate::domain::export::export(&doc);
            match crate::domain::import::import(file.as_bytes()) {
                Ok(imported) => {
                    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
                    assert_eq!(imported.document, doc);
                }
                Err(failure) => panic!("seed {seed}: {failure}"),
            }
        }
    }

    #[test]
    fn random_numbers_stay_in_range() {
        let mut rng = SplitMix64(3);
        for _ in 0..10_000 {
            assert!(rng.below(7) < 7);
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(rng.pick::<u8>(&[]), None);
    }
}
