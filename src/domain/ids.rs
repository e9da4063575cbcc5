//! New ids for what a person adds: a card's `<prefix>-<n>` unused by any
//! objective or key result, and a team's id spelled from its name. Pure, so
//! the rules are tested on the host.

use std::collections::HashSet;

use super::model::{Document, Team};

/// `<prefix>-<n>` with the smallest `n` from the number of cards up that no
/// objective or key result uses yet.
pub fn unique_card_id(doc: &Document, prefix: &str) -> String {
    CardIds::of(doc).fresh(prefix)
}

/// The ids of a document's cards and key results, handing out new ones that
/// none of them (nor any handed out before) uses: for adding several cards
/// at once, as a paste does.
pub struct CardIds {
    used: HashSet<String>,
}

impl CardIds {
    pub fn of(doc: &Document) -> CardIds {
        let used = doc
            .objectives
            .iter()
            .flat_map(|o| {
                std::iter::once(o.id.clone()).chain(o.key_results.iter().map(|kr| kr.id.clone()))
            })
            .collect();
        CardIds { used }
    }

    /// `<prefix>-<n>` with the smallest `n` from the number of ids in use up
    /// that is free; it is in use from then on.
    pub fn fresh(&mut self, prefix: &str) -> String {
        let id = (self.used.len() + 1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .unwrap_or_default();
        self.used.insert(id.clone());
        id
    }
}

/// A team id spelled from the name ("Nordic AE" → `nordic-ae`), made unique.
pub fn unique_team_id(teams: &[Team], name: &str) -> String {
    let used: HashSet<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    let slug = slug(name);
    if !used.contains(slug.as_str()) {
        return slug;
    }
    first_free(&used, |n| format!("{slug}-{n}"), 2)
}

fn first_free(used: &HashSet<&str>, spell: impl Fn(usize) -> String, from: usize) -> String {
    (from..)
        .map(spell)
        .find(|candidate| !used.contains(candidate.as_str()))
        .unwrap_or_default()
}

/// Lower-case letters and digits joined by single dashes, short enough to
/// leave room for a number within the 64 characters of an id.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "team".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{KeyResult, Level, Objective};

    #[test]
    fn team_ids_are_spelled_from_names_and_unique() {
        assert_eq!(slug("Nordic AE"), "nordic-ae");
        assert_eq!(slug("  R&D — Platform!  "), "r-d-platform");
        assert_eq!(slug("Økonomi"), "konomi");
        assert_eq!(slug("???"), "team");
        assert!(slug(&"x".repeat(200)).len() <= 48);
        let team = |id: &str| Team::new(id, id, Level::Team, None);
        let teams = [team("sales"), team("sales-2")];
        assert_eq!(unique_team_id(&teams, "Sales"), "sales-3");
        assert_eq!(unique_team_id(&teams, "Brand"), "brand");
    }

    #[test]
    fn new_card_ids_are_unique_across_objectives_and_key_results() {
        let mut doc = Document::new("t");
        doc.objectives.push(Objective {
            key_results: vec![KeyResult::new("kr-3", "k", 0.0, 1.0)],
            ..Objective::new("o-2", "t", "x")
        });
        assert_eq!(unique_card_id(&doc, "o"), "o-3");
        assert_eq!(unique_card_id(&doc, "kr"), "kr-4");
    }
}
