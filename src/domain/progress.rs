//! Progress: how far each key result and objective has come, as the file format's
//! "Progress" section defines it, always a number in 0..=1.
//!
//! Objectives can roll up their hard children, so the whole canvas is computed in one
//! pass over the hard-link forest in topological order (children before parents). When
//! a single key result moves, only its objective and that objective's hard ancestors
//! can change, so [`ProgressTracker`] recomputes just that chain. Both paths compute an
//! objective with the same function from the same inputs in the same order, so the
//! incremental result is bit-for-bit the full one. Soft links never count.

use super::model::{Document, IdMap, KeyResult, LinkKind, Objective, Rollup};

/// Progress by id, for objectives and key results alike, borrowing the ids from the
/// document. The ids are hashed once: the map that finds the hard links' ends while
/// computing is the same one that answers [`get`](Self::get) afterwards, and the values
/// sit in a plain list beside it.
#[derive(Clone, Debug, Default)]
pub struct ProgressMap<'a> {
    /// Id → position in `values`. Where an unchecked document repeats an id, the last
    /// one counts.
    slots: IdMap<&'a str, usize>,
    /// In document order: each objective, then its key results.
    values: Vec<f64>,
}

impl<'a> ProgressMap<'a> {
    /// The progress of the objective or key result `id`.
    pub fn get(&self, id: &str) -> Option<&f64> {
        self.slots.get(id).and_then(|&slot| self.values.get(slot))
    }

    /// How many distinct ids have a value.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every id with its progress, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, f64)> + '_ {
        self.slots
            .iter()
            .map(|(&id, &slot)| (id, self.values.get(slot).copied().unwrap_or(0.0)))
    }
}

impl<'a> IntoIterator for ProgressMap<'a> {
    type Item = (&'a str, f64);
    type IntoIter = std::vec::IntoIter<(&'a str, f64)>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter().collect::<Vec<_>>().into_iter()
    }
}

impl std::ops::Index<&str> for ProgressMap<'_> {
    type Output = f64;

    /// Panics when `id` has no value, as a map's indexing does.
    fn index(&self, id: &str) -> &f64 {
        match self.get(id) {
            Some(value) => value,
            None => panic!("no progress for '{id}'"),
        }
    }
}

/// The progress of every objective and key result of `doc`, in one pass.
pub fn compute_progress(doc: &Document) -> ProgressMap<'_> {
    let count = doc.objectives.len();
    let total = count
        + doc
            .objectives
            .iter()
            .map(|o| o.key_results.len())
            .sum::<usize>();
    let mut slots: IdMap<&str, usize> = IdMap::with_capacity_and_hasher(total, Default::default());
    // Per slot, the objective that is or owns it.
    let mut owner_of_slot = Vec::with_capacity(total);
    let mut objective_slot = Vec::with_capacity(count);
    let mut repeated_ids = false;
    for (index, objective) in doc.objectives.iter().enumerate() {
        let ids =
            std::iter::once(&objective.id).chain(objective.key_results.iter().map(|kr| &kr.id));
        objective_slot.push(owner_of_slot.len());
        for id in ids {
            repeated_ids |= slots.insert(id.as_str(), owner_of_slot.len()).is_some();
            owner_of_slot.push(index);
        }
    }
    // With unique ids (every valid document) the slots find the links' ends; repeated
    // ones need the general rules of `HardForest::new` about which of them counts.
    let forest = if repeated_ids {
        HardForest::new(doc)
    } else {
        HardForest::from_links(doc, |id| {
            slots.get(id).map(|&slot| {
                let owner = owner_of_slot[slot];
                (owner, objective_slot[owner] == slot)
            })
        })
    };
    let objective_values = full_pass(doc, &forest);
    let mut values = Vec::with_capacity(total);
    for (objective, value) in doc.objectives.iter().zip(objective_values) {
        values.push(value);
        values.extend(objective.key_results.iter().map(key_result_progress));
    }
    ProgressMap { slots, values }
}

/// The objectives something has been measured for: one of their key results has a
/// value or a check-in, or a hard child whose progress they roll up has. The others
/// have not begun, whatever their pace would say, so a new objective reads "Not
/// started" rather than "Off track".
pub fn measured_objectives(doc: &Document) -> std::collections::HashSet<&str> {
    let owner: IdMap<&str, &Objective> = doc
        .objectives
        .iter()
        .flat_map(|o| {
            std::iter::once((o.id.as_str(), o))
                .chain(o.key_results.iter().map(move |kr| (kr.id.as_str(), o)))
        })
        .collect();
    let mut measured = std::collections::HashSet::new();
    let mut rising: Vec<&str> = Vec::new();
    for objective in &doc.objectives {
        let has_values = objective
            .key_results
            .iter()
            .any(|kr| kr.current.is_some() || !kr.check_ins.is_empty());
        if has_values && measured.insert(objective.id.as_str()) {
            rising.push(objective.id.as_str());
        }
    }
    // Upwards along hard links, to parents that roll their children up.
    while let Some(child) = rising.pop() {
        for link in doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Hard && l.from == child)
        {
            let Some(parent) = owner.get(link.to.as_str()) else {
                continue;
            };
            let rolls_up = matches!(parent.rollup, Rollup::Children | Rollup::Both);
            if rolls_up && measured.insert(parent.id.as_str()) {
                rising.push(parent.id.as_str());
            }
        }
    }
    measured
}

/// A key result's progress: how far `current` has moved from `start` towards `target`,
/// clamped to 0..=1. When `target` equals `start` there is no distance to cover, so the
/// key result is done (1) once `current` is at or past the target, else 0.
pub fn key_result_progress(key_result: &KeyResult) -> f64 {
    value_progress(
        key_result.start,
        key_result.target,
        key_result.current_value(),
    )
}

/// The progress a key result from `start` to `target` would have at `current`, by the
/// rule of [`key_result_progress`]: what a check-in's value meant when it was recorded.
pub fn value_progress(start: f64, target: f64, current: f64) -> f64 {
    if target == start {
        return if current >= target { 1.0 } else { 0.0 };
    }
    // Halving first keeps the differences finite for values near f64::MAX; halving is
    // exact, so ordinary values are unaffected.
    let ratio = (current / 2.0 - start / 2.0) / (target / 2.0 - start / 2.0);
    clamp_unit(ratio)
}

/// An objective's progress from its key results (weighted) and its hard children's
/// progress (weight 1 each), according to its `rollup`. `children` must be given in a
/// fixed order: floating-point sums depend on it.
pub fn objective_progress(objective: &Objective, children: impl IntoIterator<Item = f64>) -> f64 {
    let use_key_results = matches!(objective.rollup, Rollup::KeyResults | Rollup::Both);
    let use_children = matches!(objective.rollup, Rollup::Children | Rollup::Both);
    let key_results: &[KeyResult] = if use_key_results {
        &objective.key_results
    } else {
        &[]
    };
    let usable = |w: f64| w.is_finite() && w > 0.0;
    // Weights are used as they are, unless their sum overflows; then every weight, a
    // child's weight of 1 included, is divided by the largest, which leaves the weighted
    // average unchanged and the sums finite.
    let raw_sum: f64 = key_results
        .iter()
        .map(|kr| kr.weight)
        .filter(|&w| usable(w))
        .sum();
    let scale = if raw_sum.is_finite() {
        1.0
    } else {
        key_results
            .iter()
            .map(|kr| kr.weight)
            .filter(|&w| usable(w))
            .fold(1.0_f64, f64::max)
    };
    let mut total = 0.0;
    let mut weights = 0.0;
    for key_result in key_results {
        if usable(key_result.weight) {
            let weight = key_result.weight / scale;
            total += weight * key_result_progress(key_result);
            weights += weight;
        }
    }
    if use_children {
        let weight = 1.0 / scale;
        for child in children {
            total += weight * clamp_unit(child);
            weights += weight;
        }
    }
    if weights > 0.0 {
        clamp_unit(total / weights)
    } else {
        0.0
    }
}

fn clamp_unit(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    }
}

/// The hard-link forest of a document, by objective position in `doc.objectives`.
struct HardForest<'a> {
    /// Key result id → (owning objective, position among its key results).
    key_result_owner: IdMap<&'a str, (usize, usize)>,
    hard_parent: Vec<Option<usize>>,
    /// In the order of the links in the document.
    hard_children: Vec<Vec<usize>>,
}

impl<'a> HardForest<'a> {
    fn new(doc: &'a Document) -> Self {
        let count = doc.objectives.len();
        let key_results = doc.objectives.iter().map(|o| o.key_results.len()).sum();
        let mut objective_index: IdMap<&str, usize> =
            IdMap::with_capacity_and_hasher(count, Default::default());
        let mut key_result_owner: IdMap<&str, (usize, usize)> =
            IdMap::with_capacity_and_hasher(key_results, Default::default());
        for (index, objective) in doc.objectives.iter().enumerate() {
            objective_index.entry(&objective.id).or_insert(index);
            for (position, key_result) in objective.key_results.iter().enumerate() {
                key_result_owner
                    .entry(key_result.id.as_str())
                    .or_insert((index, position));
            }
        }
        let resolve = |id: &str| match objective_index.get(id) {
            Some(&index) => Some((index, true)),
            None => key_result_owner.get(id).map(|&(owner, _)| (owner, false)),
        };
        let HardForest {
            hard_parent,
            hard_children,
            ..
        } = HardForest::from_links(doc, resolve);
        HardForest {
            key_result_owner,
            hard_parent,
            hard_children,
        }
    }

    /// The forest of `doc`'s hard links, with `resolve` giving for an id the objective
    /// that is or owns it, and whether it is that objective itself. The result has no
    /// key-result index.
    fn from_links(doc: &Document, resolve: impl Fn(&str) -> Option<(usize, bool)>) -> Self {
        let count = doc.objectives.len();
        let mut hard_parent = vec![None; count];
        let mut hard_children = vec![Vec::new(); count];
        for link in doc.links.iter().filter(|l| l.kind == LinkKind::Hard) {
            let Some((child, true)) = resolve(&link.from) else {
                continue;
            };
            let Some((parent, _)) = resolve(&link.to) else {
                continue;
            };
            // A valid document has at most one hard parent per objective; should an
            // unchecked one have more, the first counts, so progress stays defined.
            if hard_parent[child].is_none() && child != parent {
                hard_parent[child] = Some(parent);
                hard_children[parent].push(child);
            }
        }
        HardForest {
            key_result_owner: IdMap::default(),
            hard_parent,
            hard_children,
        }
    }
}

/// Children before parents (Kahn's algorithm on the count of unfinished children).
/// Objectives caught in a cycle, which a valid document cannot have, come last.
fn children_first_order(hard_parent: &[Option<usize>], hard_children: &[Vec<usize>]) -> Vec<usize> {
    let count = hard_parent.len();
    let mut waiting: Vec<usize> = hard_children.iter().map(Vec::len).collect();
    let mut order: Vec<usize> = (0..count).filter(|&i| waiting[i] == 0).collect();
    let mut next = 0;
    while let Some(&done) = order.get(next) {
        next += 1;
        if let Some(parent) = hard_parent[done] {
            waiting[parent] -= 1;
            if waiting[parent] == 0 {
                order.push(parent);
            }
        }
    }
    if order.len() < count {
        let mut placed = vec![false; count];
        for &i in &order {
            placed[i] = true;
        }
        order.extend((0..count).filter(|&i| !placed[i]));
    }
    order
}

/// Every objective's progress, by position, computed children first.
fn full_pass(doc: &Document, forest: &HardForest<'_>) -> Vec<f64> {
    let mut objective_values = vec![0.0; doc.objectives.len()];
    for index in children_first_order(&forest.hard_parent, &forest.hard_children) {
        let Some(objective) = doc.objectives.get(index) else {
            continue;
        };
        objective_values[index] = objective_progress(
            objective,
            forest.hard_children[index]
                .iter()
                .map(|&child| objective_values[child]),
        );
    }
    objective_values
}

/// Progress of a whole canvas, kept up to date cheaply while only key-result values
/// change. Build a new tracker when objectives, key results or links are added,
/// removed or relinked.
pub struct ProgressTracker {
    key_result_owner: IdMap<String, (usize, usize)>,
    hard_parent: Vec<Option<usize>>,
    hard_children: Vec<Vec<usize>>,
    /// By objective position in the document.
    objective_values: Vec<f64>,
    values: IdMap<String, f64>,
}

impl ProgressTracker {
    /// Computes everything once, in one pass, children before parents.
    pub fn new(doc: &Document) -> Self {
        let forest = HardForest::new(doc);
        let objective_values = full_pass(doc, &forest);
        let values = doc
            .objectives
            .iter()
            .zip(&objective_values)
            .flat_map(|(objective, &value)| {
                std::iter::once((objective.id.clone(), value)).chain(
                    objective
                        .key_results
                        .iter()
                        .map(|kr| (kr.id.clone(), key_result_progress(kr))),
                )
            })
            .collect();
        ProgressTracker {
            key_result_owner: forest
                .key_result_owner
                .into_iter()
                .map(|(id, place)| (id.to_owned(), place))
                .collect(),
            hard_parent: forest.hard_parent,
            hard_children: forest.hard_children,
            objective_values,
            values,
        }
    }

    /// The progress of the objective or key result `id`.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.values.get(id).copied()
    }

    /// Every value, by id.
    pub fn values(&self) -> &IdMap<String, f64> {
        &self.values
    }

    /// Brings the values up to date after the key result `key_result_id` of `doc`
    /// changed (current, start, target or weight): recomputes it, its objective and that
    /// objective's hard ancestors, nothing else. Returns the ids whose value changed.
    /// `doc` must have the same objectives, key results and links as when the tracker
    /// was built.
    pub fn update_after_key_result_change(
        &mut self,
        doc: &Document,
        key_result_id: &str,
    ) -> Vec<String> {
        let mut changed = Vec::new();
        let Some(&(owner, position)) = self.key_result_owner.get(key_result_id) else {
            return changed;
        };
        if let Some(key_result) = doc
            .objectives
            .get(owner)
            .and_then(|o| o.key_results.get(position))
        {
            let value = key_result_progress(key_result);
            if self.values.insert(key_result.id.clone(), value) != Some(value) {
                changed.push(key_result.id.clone());
            }
        }
        let mut current = Some(owner);
        // A valid forest is at most four levels deep; the bound only guards against a
        // document that was never validated.
        let mut steps = self.objective_values.len();
        while let (Some(index), true) = (current, steps > 0) {
            steps -= 1;
            let (Some(objective), Some(children)) =
                (doc.objectives.get(index), self.hard_children.get(index))
            else {
                break;
            };
            let value = objective_progress(
                objective,
                children.iter().map(|&child| self.objective_values[child]),
            );
            if self.objective_values[index] == value {
                // Nothing above can change either.
                break;
            }
            self.objective_values[index] = value;
            self.values.insert(objective.id.clone(), value);
            changed.push(objective.id.clone());
            current = self.hard_parent[index];
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn kr(id: &str, start: f64, target: f64, current: f64, weight: f64) -> KeyResult {
        let mut kr = KeyResult::new(id, id, start, target);
        kr.current = Some(current);
        kr.weight = weight;
        kr
    }

    fn objective(id: &str, rollup: Rollup, key_results: Vec<KeyResult>) -> Objective {
        Objective {
            rollup,
            key_results,
            ..Objective::new(id, "t", id)
        }
    }

    fn hard(from: &str, to: &str) -> Link {
        Link {
            from: from.into(),
            to: to.into(),
            kind: LinkKind::Hard,
            note: None,
        }
    }

    #[test]
    fn key_result_progress_follows_the_format() {
        assert_eq!(key_result_progress(&kr("a", 0.0, 10.0, 5.0, 1.0)), 0.5);
        assert_eq!(key_result_progress(&kr("a", 0.0, 10.0, 15.0, 1.0)), 1.0);
        assert_eq!(key_result_progress(&kr("a", 0.0, 10.0, -5.0, 1.0)), 0.0);
        // Decrease: from 40 down to 20.
        assert_eq!(key_result_progress(&kr("a", 40.0, 20.0, 30.0, 1.0)), 0.5);
        // Target equal to start.
        assert_eq!(key_result_progress(&kr("a", 5.0, 5.0, 5.0, 1.0)), 1.0);
        assert_eq!(key_result_progress(&kr("a", 5.0, 5.0, 4.0, 1.0)), 0.0);
        // Absent current means start.
        assert_eq!(
            key_result_progress(&KeyResult::new("a", "a", 3.0, 9.0)),
            0.0
        );
        // Extreme values stay in range.
        let huge = key_result_progress(&kr("a", -f64::MAX, f64::MAX, f64::MAX, 1.0));
        assert_eq!(huge, 1.0);
    }

    #[test]
    fn rollups_weigh_key_results_and_children() {
        let own = vec![
            kr("k1", 0.0, 10.0, 10.0, 3.0),
            kr("k2", 0.0, 10.0, 0.0, 1.0),
        ];
        let by_krs = objective("o", Rollup::KeyResults, own.clone());
        assert_eq!(objective_progress(&by_krs, [0.0, 0.0]), 0.75);
        let by_children = objective("o", Rollup::Children, own.clone());
        assert_eq!(objective_progress(&by_children, [0.5, 1.0]), 0.75);
        assert_eq!(objective_progress(&by_children, []), 0.0);
        let both = objective("o", Rollup::Both, own);
        // (3·1 + 1·0 + 0.5 + 0.5) / (3 + 1 + 1 + 1) = 4 / 6
        assert!((objective_progress(&both, [0.5, 0.5]) - 4.0 / 6.0).abs() < 1e-12);
        let empty = objective("o", Rollup::KeyResults, vec![]);
        assert_eq!(objective_progress(&empty, [1.0]), 0.0);
    }

    fn three_level_document() -> Document {
        let mut doc = Document::new("t");
        doc.objectives = vec![
            objective(
                "company",
                Rollup::Both,
                vec![kr("c-kr", 0.0, 1.0, 1.0, 1.0)],
            ),
            objective("dept", Rollup::Children, vec![]),
            objective(
                "team-a",
                Rollup::KeyResults,
                vec![kr("a-kr", 0.0, 4.0, 1.0, 1.0)],
            ),
            objective(
                "team-b",
                Rollup::KeyResults,
                vec![kr("b-kr", 0.0, 4.0, 3.0, 1.0)],
            ),
            objective(
                "soft",
                Rollup::KeyResults,
                vec![kr("s-kr", 0.0, 1.0, 1.0, 1.0)],
            ),
        ];
        doc.links = vec![
            hard("team-a", "dept"),
            hard("dept", "c-kr"),
            hard("team-b", "dept"),
            Link {
                kind: LinkKind::Soft,
                ..hard("soft", "company")
            },
        ];
        doc
    }

    #[test]
    fn full_progress_rolls_hard_children_up_and_ignores_soft_links() {
        let doc = three_level_document();
        let progress = compute_progress(&doc);
        assert_eq!(progress["a-kr"], 0.25);
        assert_eq!(progress["team-a"], 0.25);
        assert_eq!(progress["team-b"], 0.75);
        assert_eq!(progress["dept"], 0.5);
        // Company: its key result (1.0) and its hard child via the key result (0.5).
        assert_eq!(progress["company"], 0.75);
        assert_eq!(progress["soft"], 1.0);
    }

    #[test]
    fn incremental_update_touches_only_the_chain_and_matches_full() {
        let mut doc = three_level_document();
        let mut tracker = ProgressTracker::new(&doc);
        doc.objectives[2].key_results[0].current = Some(4.0);
        let changed = tracker.update_after_key_result_change(&doc, "a-kr");
        assert_eq!(changed, vec!["a-kr", "team-a", "dept", "company"]);
        let full = compute_progress(&doc);
        assert_eq!(tracker.values().len(), full.len());
        assert!(full
            .iter()
            .all(|(id, value)| tracker.get(id) == Some(value)));
        assert_eq!(tracker.get("company"), Some(0.9375));
    }

    #[test]
    fn unknown_key_result_changes_nothing() {
        let doc = three_level_document();
        let mut tracker = ProgressTracker::new(&doc);
        assert!(tracker
            .update_after_key_result_change(&doc, "nope")
            .is_empty());
    }

    #[test]
    fn measured_objectives_have_a_value_themselves_or_below_them() {
        let mut doc = three_level_document();
        let measured = measured_objectives(&doc);
        for id in ["company", "dept", "team-a", "team-b", "soft"] {
            assert!(measured.contains(id), "{id}");
        }
        // Nothing measured anywhere: no objective has begun.
        for objective in &mut doc.objectives {
            for kr in &mut objective.key_results {
                kr.current = None;
            }
        }
        assert!(measured_objectives(&doc).is_empty());
        // A check-in below reaches the parents that roll children up, through a key result.
        doc.objectives[2].key_results[0].check_ins.push(CheckIn {
            date: "2027-01-05".into(),
            value: 0.0,
            confidence: None,
            note: None,
        });
        let measured = measured_objectives(&doc);
        let mut ids: Vec<&str> = measured.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["company", "dept", "team-a"]);
        // A parent that counts its key results only is not measured by its children.
        doc.objectives[0].rollup = Rollup::KeyResults;
        assert!(!measured_objectives(&doc).contains("company"));
    }
}
