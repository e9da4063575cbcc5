//! Where a new card goes. In a workshop objectives are added one after
//! another, and ten new cards on one spot hide nine of them. A new card
//! (typed, pasted or duplicated) goes beside the selected card, else beside
//! its team's cards, else into its level's row beside the other teams', and
//! slides along that row until it covers no card. Only on an empty map does
//! it go where the person is looking.
//!
//! Pure numbers over the document's stored positions; the card sizes come
//! from the caller, which draws them.

use crate::domain::model::{Document, Objective, Position};

/// Space kept between a new card and the cards beside it.
pub const GAP: f64 = 40.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Area {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Area {
    fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Whether the two overlap, or come closer than `GAP` to each other.
    fn crowds(&self, other: &Area) -> bool {
        self.x < other.right() + GAP
            && other.x < self.right() + GAP
            && self.y < other.y + other.height + GAP
            && other.y < self.y + self.height + GAP
    }
}

/// The top-left corner for `card` (not yet in `doc`), whose size is
/// `size_of(card)`: right of the card `near` when it is placed, else right of
/// the rightmost card of its team, else of the rightmost card of its level,
/// else under the map; moved right until it crowds no card. `fallback` is
/// used on an empty map (the centre of the view, say).
pub fn spot_for_new_card(
    doc: &Document,
    size_of: &dyn Fn(&Objective) -> (f64, f64),
    card: &Objective,
    near: Option<&str>,
    fallback: Position,
) -> Position {
    let placed: Vec<(&Objective, Area)> = doc
        .objectives
        .iter()
        .filter(|o| o.id != card.id)
        .filter_map(|o| {
            let p = doc.layout.get(&o.id)?;
            let (width, height) = size_of(o);
            (p.x.is_finite() && p.y.is_finite()).then_some((
                o,
                Area {
                    x: p.x,
                    y: p.y,
                    width,
                    height,
                },
            ))
        })
        .collect();
    let (width, height) = size_of(card);
    let level_of = |team: &str| doc.teams.iter().find(|t| t.id == team).map(|t| t.level);
    let rightmost = |keep: &dyn Fn(&Objective) -> bool| {
        placed
            .iter()
            .filter(|(o, _)| keep(o))
            .map(|(_, area)| *area)
            .max_by(|a, b| a.right().total_cmp(&b.right()))
    };
    let anchor = near
        .and_then(|id| placed.iter().find(|(o, _)| o.id == id).map(|(_, a)| *a))
        .or_else(|| rightmost(&|o| o.team == card.team))
        .or_else(|| {
            let level = level_of(&card.team)?;
            rightmost(&|o| level_of(&o.team) == Some(level))
        });
    let start = match anchor {
        Some(anchor) => (anchor.right() + GAP, anchor.y),
        None => match bounds(placed.iter().map(|(_, a)| a)) {
            Some((left, bottom)) => (left, bottom + 2.0 * GAP),
            None => (fallback.x, fallback.y),
        },
    };
    let mut spot = Area {
        x: start.0,
        y: start.1,
        width,
        height,
    };
    // Each step passes at least one card, so this ends within as many steps
    // as there are cards.
    for _ in 0..=placed.len() {
        let blocking = placed
            .iter()
            .filter(|(_, area)| spot.crowds(area))
            .map(|(_, area)| area.right())
            .fold(f64::NEG_INFINITY, f64::max);
        if blocking == f64::NEG_INFINITY {
            break;
        }
        spot.x = blocking + GAP;
    }
    Position {
        x: spot.x,
        y: spot.y,
    }
    .within_limits()
}

/// The left edge and the bottom of `areas` together, if there are any.
fn bounds<'a>(areas: impl Iterator<Item = &'a Area>) -> Option<(f64, f64)> {
    areas.fold(None, |acc, a| {
        let bottom = a.y + a.height;
        Some(match acc {
            None => (a.x, bottom),
            Some((left, low)) => (f64::min(left, a.x), f64::max(low, bottom)),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Level, Team};

    const SIZE: (f64, f64) = (280.0, 120.0);

    fn size(_: &Objective) -> (f64, f64) {
        SIZE
    }

    fn document() -> Document {
        let mut doc = Document::new("t");
        doc.teams = vec![
            Team::new("co", "Company", Level::Company, None),
            Team::new("sales", "Sales", Level::Department, Some("co")),
            Team::new("ops", "Operations", Level::Department, Some("co")),
        ];
        for (id, team, x, y) in [
            ("c1", "co", 0.0, 0.0),
            ("s1", "sales", 0.0, 400.0),
            ("s2", "sales", 320.0, 400.0),
            ("o1", "ops", 1000.0, 400.0),
        ] {
            doc.objectives.push(Objective::new(id, team, id));
            doc.layout.insert(id.into(), Position { x, y });
        }
        doc
    }

    fn add(doc: &mut Document, id: &str, team: &str, near: Option<&str>) -> Position {
        let card = Objective::new(id, team, id);
        let spot = spot_for_new_card(doc, &size, &card, near, Position { x: 5.0, y: 5.0 });
        doc.objectives.push(card);
        doc.layout.insert(id.into(), spot);
        spot
    }

    fn area(p: &Position) -> Area {
        Area {
            x: p.x,
            y: p.y,
            width: SIZE.0,
            height: SIZE.1,
        }
    }

    #[test]
    fn a_new_card_goes_beside_its_teams_cards_in_their_row() {
        let mut doc = document();
        let spot = add(&mut doc, "s3", "sales", None);
        assert_eq!(
            spot,
            Position {
                x: 600.0 + GAP,
                y: 400.0
            }
        );
        // The next one would crowd Operations' card, so it goes on past it,
        // in the same row.
        let spot = add(&mut doc, "s4", "sales", None);
        assert_eq!(
            spot,
            Position {
                x: 1000.0 + 280.0 + GAP,
                y: 400.0
            }
        );
    }

    #[test]
    fn a_new_card_goes_beside_the_selected_card_when_there_is_room() {
        let mut doc = document();
        let spot = add(&mut doc, "c2", "co", Some("c1"));
        assert_eq!(
            spot,
            Position {
                x: 280.0 + GAP,
                y: 0.0
            }
        );
    }

    #[test]
    fn a_first_card_of_a_team_joins_its_levels_row() {
        let mut doc = document();
        doc.teams
            .push(Team::new("hr", "People", Level::Department, Some("co")));
        let spot = add(&mut doc, "h1", "hr", None);
        assert_eq!(spot.y, 400.0);
        assert!(spot.x > 1000.0);
    }

    #[test]
    fn a_card_of_a_new_level_goes_under_the_map_and_the_first_card_where_asked() {
        let mut doc = document();
        doc.teams
            .push(Team::new("t", "Team", Level::Team, Some("sales")));
        let spot = add(&mut doc, "t1", "t", None);
        assert_eq!(
            spot,
            Position {
                x: 0.0,
                y: 520.0 + 2.0 * GAP
            }
        );
        let empty = Document::new("e");
        let card = Objective::new("x", "co", "x");
        let fallback = Position { x: 5.0, y: 5.0 };
        assert_eq!(
            spot_for_new_card(&empty, &size, &card, None, fallback),
            fallback
        );
    }

    #[test]
    fn ten_new_cards_in_a_row_never_cover_one_another_or_any_card() {
        for near in [None, Some("c1"), Some("s1"), Some("missing")] {
            let mut doc = document();
            for n in 0..10 {
                for team in ["co", "sales", "ops"] {
                    add(&mut doc, &format!("{team}-new-{n}"), team, near);
                }
            }
            let areas: Vec<Area> = doc.layout.values().map(area).collect();
            for (i, a) in areas.iter().enumerate() {
                for b in &areas[i + 1..] {
                    let overlap = a.x < b.right()
                        && b.x < a.right()
                        && a.y < b.y + b.height
                        && b.y < a.y + a.height;
                    assert!(!overlap, "{a:?} covers {b:?} (near {near:?})");
                }
            }
        }
    }
}
