//! What the map shows, computed from a document: one view per card and per
//! link, with their rectangles and paths in canvas units.
//!
//! The components only render a [`Scene`]; deciding where a card goes, which
//! colour a team gets and where a link ends happens here, in plain Rust that
//! is tested on the host. Cards without a stored position are placed by the
//! core's automatic layout.

use std::collections::HashMap;

use crate::domain::check_ins;
use crate::domain::layout::{layout_document, LayoutMode, LayoutOptions};
use crate::domain::model::{Document, Level, LinkKind, Objective, ObjectiveKind};
use crate::map::geometry::{
    card_size, kr_row_at, kr_row_center_y, link_curve, link_path, LinkCurve, LinkEnd, Rect,
};
use crate::map::hit_test::CardIndex;

/// Colours for teams that do not name their own, picked by team order.
const TEAM_PALETTE: [&str; 8] = [
    "#1f5fbf", "#2f855a", "#c05621", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568",
];

#[derive(Clone, Debug, PartialEq)]
pub struct KeyResultView {
    pub id: String,
    pub title: String,
    pub progress: f64,
    /// Progress at the start and after each check-in (the sparkline); empty
    /// without check-ins.
    pub trend: Vec<f64>,
    /// The owner's latest confidence (0..=1), when given.
    pub confidence: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CardView {
    pub id: String,
    pub team_id: String,
    pub team_name: String,
    /// A validated `#rrggbb` colour.
    pub team_color: String,
    pub level: Level,
    pub title: String,
    pub owner: Option<String>,
    /// Whether a person set the status, and why when they said.
    pub status_set: bool,
    pub status_note: Option<String>,
    pub kind: ObjectiveKind,
    pub progress: f64,
    pub standalone: Option<String>,
    pub key_results: Vec<KeyResultView>,
    pub rect: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkView {
    pub from: String,
    pub to: String,
    /// The objective that is, or owns, the target.
    pub to_objective: String,
    pub kind: LinkKind,
    /// The child card, where the link starts.
    pub from_rect: Rect,
    /// Where the link ends on its target.
    pub end: LinkEnd,
}

impl LinkView {
    /// The SVG path, with the child card moved by `from_offset` and the
    /// target card by `to_offset` (both zero except while dragging).
    pub fn path(&self, from_offset: (f64, f64), to_offset: (f64, f64)) -> String {
        link_path(
            &self.from_rect.translated(from_offset.0, from_offset.1),
            self.end.translated(to_offset.0, to_offset.1),
        )
    }

    /// The curve of [`LinkView::path`], for drawing without SVG.
    pub fn curve(&self, from_offset: (f64, f64), to_offset: (f64, f64)) -> LinkCurve {
        link_curve(
            &self.from_rect.translated(from_offset.0, from_offset.1),
            self.end.translated(to_offset.0, to_offset.1),
        )
    }
}

#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub cards: Vec<CardView>,
    pub links: Vec<LinkView>,
    /// The rectangle holding every card, `None` for an empty canvas.
    pub bounds: Option<Rect>,
    /// Card position in `cards` by objective id.
    pub card_index: HashMap<String, usize>,
    /// The cards' rectangles, for finding what is under the pointer.
    pub hit_index: CardIndex,
    /// Link position in `links` by (from, to).
    pub link_index: HashMap<(String, String), usize>,
}

impl PartialEq for Scene {
    fn eq(&self, other: &Self) -> bool {
        // The indexes are derived from the cards.
        self.cards == other.cards && self.links == other.links && self.bounds == other.bounds
    }
}

/// What a dragged card is over: a card, or one of its key-result rows.
#[derive(Clone, Debug, PartialEq)]
pub struct DropTarget {
    /// The objective or key-result id a link would point to.
    pub id: String,
    /// The card under the pointer.
    pub objective_id: String,
}

/// The size a card of `objective` is drawn at.
pub fn objective_card_size(objective: &Objective) -> (f64, f64) {
    card_size(objective.key_results.len(), objective.standalone.is_some())
}

/// `document` with a place for every card, those it lacks laid out for a map area of
/// `aspect_ratio` (width over height; the default shape when unknown). The app
/// places every card when it opens a canvas, so the map's layout is kept with it;
/// the picture shown before the app runs (`output::picture::preview_svg`) is laid
/// out the same way.
pub fn with_every_card_placed(mut document: Document, aspect_ratio: Option<f64>) -> Document {
    if document
        .objectives
        .iter()
        .all(|o| document.layout.contains_key(&o.id))
    {
        return document;
    }
    document.layout = layout_document(
        &document,
        &objective_card_size,
        &layout_options(aspect_ratio),
        LayoutMode::PlaceUnplaced,
    );
    document
}

/// The automatic layout's options for a map shown in an area of `aspect_ratio`
/// (width over height; the default shape when unknown).
pub fn layout_options(aspect_ratio: Option<f64>) -> LayoutOptions {
    let default = LayoutOptions::default();
    LayoutOptions {
        aspect_ratio: aspect_ratio.unwrap_or(default.aspect_ratio),
        ..default
    }
}

impl Scene {
    /// Builds the scene of `doc`; `progress_of` gives the progress (0..1) of
    /// an objective or key result by id.
    pub fn build(doc: &Document, progress_of: &dyn Fn(&str) -> f64) -> Scene {
        // The app stores a position for every card when it opens a canvas, so
        // the layout only runs here for documents that lack some.
        let placed_by_layout;
        let positions = if doc
            .objectives
            .iter()
            .all(|o| doc.layout.contains_key(&o.id))
        {
            &doc.layout
        } else {
            placed_by_layout = layout_document(
                doc,
                &objective_card_size,
                &LayoutOptions::default(),
                LayoutMode::PlaceUnplaced,
            );
            &placed_by_layout
        };
        let team_colors = team_colors(doc);
        let teams: HashMap<&str, (&str, Level)> = doc
            .teams
            .iter()
            .map(|t| (t.id.as_str(), (t.name.as_str(), t.level)))
            .collect();

        let mut cards = Vec::with_capacity(doc.objectives.len());
        // Where each link may end: a card, or a key-result row of a card.
        let mut card_rects: HashMap<&str, Rect> = HashMap::new();
        let mut kr_ends: HashMap<&str, (LinkEnd, String)> = HashMap::new();
        for objective in &doc.objectives {
            let (width, height) = objective_card_size(objective);
            let (x, y) = positions
                .get(&objective.id)
                .map(|p| (p.x, p.y))
                .unwrap_or((0.0, 0.0));
            let rect = Rect {
                x,
                y,
                width,
                height,
            };
            card_rects.insert(objective.id.as_str(), rect);
            for (index, kr) in objective.key_results.iter().enumerate() {
                kr_ends.insert(
                    kr.id.as_str(),
                    (
                        LinkEnd::KeyResultRow {
                            card: rect,
                            row_center_y: kr_row_center_y(
                                &rect,
                                index,
                                objective.standalone.is_some(),
                            ),
                        },
                        objective.id.clone(),
                    ),
                );
            }
            let (team_name, level) = teams
                .get(objective.team.as_str())
                .copied()
                .unwrap_or(("", Level::Team));
            cards.push(CardView {
                id: objective.id.clone(),
                team_id: objective.team.clone(),
                team_name: team_name.to_string(),
                team_color: team_colors
                    .get(objective.team.as_str())
                    .cloned()
                    .unwrap_or_else(|| TEAM_PALETTE[0].to_string()),
                level,
                title: objective.title.clone(),
                kind: objective.kind,
                progress: progress_of(&objective.id),
                standalone: objective.standalone.clone(),
                owner: objective.owner.clone(),
                status_set: objective.status.is_some(),
                status_note: objective.status.as_ref().and_then(|s| s.note.clone()),
                key_results: objective
                    .key_results
                    .iter()
                    .map(|kr| KeyResultView {
                        id: kr.id.clone(),
                        title: kr.title.clone(),
                        progress: progress_of(&kr.id),
                        trend: if kr.check_ins.is_empty() {
                            Vec::new()
                        } else {
                            check_ins::trend(kr)
                        },
                        confidence: kr.confidence,
                    })
                    .collect(),
                rect,
            });
        }

        let links: Vec<LinkView> = doc
            .links
            .iter()
            .filter_map(|link| {
                let from = card_rects.get(link.from.as_str())?;
                let (end, to_objective) = match card_rects.get(link.to.as_str()) {
                    Some(rect) => (LinkEnd::Card(*rect), link.to.clone()),
                    None => kr_ends.get(link.to.as_str()).cloned()?,
                };
                Some(LinkView {
                    from: link.from.clone(),
                    to: link.to.clone(),
                    to_objective,
                    kind: link.kind,
                    from_rect: *from,
                    end,
                })
            })
            .collect();

        let bounds = Rect::bounding(cards.iter().map(|c| c.rect));
        let card_index = cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let hit_index = CardIndex::new(cards.iter().map(|c| c.rect).collect());
        let link_index = links
            .iter()
            .enumerate()
            .map(|(i, l): (usize, &LinkView)| ((l.from.clone(), l.to.clone()), i))
            .collect();
        Scene {
            cards,
            links,
            bounds,
            card_index,
            hit_index,
            link_index,
        }
    }

    pub fn link(&self, from: &str, to: &str) -> Option<&LinkView> {
        self.link_index
            .get(&(from.to_string(), to.to_string()))
            .and_then(|&i| self.links.get(i))
    }

    pub fn card(&self, id: &str) -> Option<&CardView> {
        self.card_index.get(id).and_then(|&i| self.cards.get(i))
    }

    /// What lies under the world point (`x`, `y`), the card `dragged` aside:
    /// a key-result row when the point is on one, else the card.
    pub fn drop_target_at(&self, x: f64, y: f64, dragged: &str) -> Option<DropTarget> {
        let except = self.card_index.get(dragged).copied();
        let card = self.cards.get(self.hit_index.card_at(x, y, except)?)?;
        let row = kr_row_at(
            &card.rect,
            card.standalone.is_some(),
            card.key_results.len(),
            y,
        );
        let id = row
            .and_then(|i| card.key_results.get(i))
            .map(|kr| kr.id.clone())
            .unwrap_or_else(|| card.id.clone());
        Some(DropTarget {
            id,
            objective_id: card.id.clone(),
        })
    }

    /// The card nearest to `from` in the direction (`dx`, `dy`), for moving the
    /// selection with the arrow keys: only cards whose centre lies in that
    /// direction count, and straight-ahead ones are preferred.
    pub fn neighbour(&self, from: &str, dx: f64, dy: f64) -> Option<&CardView> {
        let origin = self.card(from)?;
        let (ox, oy) = origin.rect.center();
        self.cards
            .iter()
            .filter(|c| c.id != origin.id)
            .filter_map(|c| {
                let (cx, cy) = c.rect.center();
                let (vx, vy) = (cx - ox, cy - oy);
                let ahead = vx * dx + vy * dy;
                if ahead <= 0.0 {
                    return None;
                }
                let aside = (vx * dy - vy * dx).abs();
                Some((ahead + 2.0 * aside, c))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
    }
}

/// Each team's colour: its own, else the nearest ancestor's, else one from
/// the palette by the team's position in the file.
pub fn team_colors(doc: &Document) -> HashMap<&str, String> {
    let by_id: HashMap<&str, &crate::domain::model::Team> =
        doc.teams.iter().map(|t| (t.id.as_str(), t)).collect();
    doc.teams
        .iter()
        .enumerate()
        .map(|(index, team)| {
            let mut current = Some(team);
            // Bounded walk: team parents are validated acyclic, but a bound costs nothing.
            for _ in 0..=doc.teams.len() {
                let Some(t) = current else { break };
                if let Some(color) = &t.color {
                    return (team.id.as_str(), color.clone());
                }
                current = t.parent.as_deref().and_then(|p| by_id.get(p).copied());
            }
            (
                team.id.as_str(),
                TEAM_PALETTE[index % TEAM_PALETTE.len()].to_string(),
            )
        })
        .collect()
}

/// A row of the alignment tree drawn as a band behind its cards, named by
/// the levels in it, so the company, its departments and their teams read
/// apart at a glance.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelBand {
    /// The levels of the row's cards, highest first.
    pub levels: Vec<Level>,
    pub top: f64,
    pub bottom: f64,
}

impl Scene {
    /// The level rows of the map, top to bottom: cards whose rectangles
    /// overlap vertically share a row, named by the levels of its cards. The
    /// automatic layout gives each level its own row (and a wrapped map a
    /// second set of rows further down), whatever the links.
    pub fn level_bands(&self) -> Vec<LevelBand> {
        let mut cards: Vec<&CardView> = self.cards.iter().collect();
        cards.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
        let mut bands: Vec<LevelBand> = Vec::new();
        for card in cards {
            // A card joins the row above if it overlaps it, or if it stands in a
            // stack of that row's own level below it.
            match bands.last_mut() {
                Some(band) if card.rect.y <= band.bottom || band.levels == [card.level] => {
                    band.bottom = band.bottom.max(card.rect.bottom());
                    if !band.levels.contains(&card.level) {
                        band.levels.push(card.level);
                        band.levels.sort_by_key(|level| level.rank());
                    }
                }
                _ => bands.push(LevelBand {
                    levels: vec![card.level],
                    top: card.rect.y,
                    bottom: card.rect.bottom(),
                }),
            }
        }
        bands
    }
}

/// A region of the map named by the department or team whose objectives fill
/// it: far out, its name labels it, as a map names its regions.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub name: String,
    pub level: Level,
    pub rect: Rect,
}

impl Scene {
    /// How many cards lie in `rect`, counting no further than `cap`.
    pub fn cards_in(&self, rect: &Rect, cap: usize) -> usize {
        self.cards
            .iter()
            .filter(|c| c.rect.intersects(rect))
            .take(cap)
            .count()
    }

    /// The ids of the cards that `rect` touches, in the scene's order: what a
    /// drag box selects.
    pub fn card_ids_in(&self, rect: &Rect) -> Vec<String> {
        self.cards
            .iter()
            .filter(|c| c.rect.intersects(rect))
            .map(|c| c.id.clone())
            .collect()
    }

    /// The regions worth naming: each department or team objective with a hard
    /// subtree under it (the subtree's box), and each team's objectives standing
    /// outside the tree (their box). Departments first, then larger regions
    /// first, so a label that must give way to another gives way to a smaller one.
    pub fn regions(&self) -> Vec<Region> {
        let count = self.cards.len();
        let mut parent: Vec<Option<usize>> = vec![None; count];
        for link in self.links.iter().filter(|l| l.kind == LinkKind::Hard) {
            if let (Some(&child), Some(&up)) = (
                self.card_index.get(&link.from),
                self.card_index.get(&link.to_objective),
            ) {
                if child != up && parent[child].is_none() {
                    parent[child] = Some(up);
                }
            }
        }
        // Each card's box joins its ancestors' (a bad document's cycle is
        // walked no further than there are cards).
        let mut subtree: Vec<Option<Rect>> = vec![None; count];
        for (v, card) in self.cards.iter().enumerate() {
            let mut at = parent[v];
            let mut steps = 0;
            while let Some(up) = at.filter(|_| steps < count) {
                subtree[up] = Some(match subtree[up] {
                    Some(r) => Rect::bounding([r, card.rect]).unwrap_or(r),
                    None => Rect::bounding([self.cards[up].rect, card.rect]).unwrap_or(card.rect),
                });
                at = parent[up];
                steps += 1;
            }
        }
        let mut regions: Vec<Region> = Vec::new();
        let mut outside: std::collections::BTreeMap<&str, (usize, Rect)> = Default::default();
        for (v, card) in self.cards.iter().enumerate() {
            let named = matches!(card.level, Level::Department | Level::Team);
            match subtree[v] {
                Some(rect) if named => regions.push(Region {
                    name: card.team_name.clone(),
                    level: card.level,
                    rect,
                }),
                None if parent[v].is_none() && named => {
                    let entry = outside
                        .entry(card.team_id.as_str())
                        .or_insert((v, card.rect));
                    entry.1 = Rect::bounding([entry.1, card.rect]).unwrap_or(entry.1);
                }
                _ => {}
            }
        }
        for (first, rect) in outside.into_values() {
            let card = &self.cards[first];
            regions.push(Region {
                name: card.team_name.clone(),
                level: card.level,
                rect,
            });
        }
        regions.sort_by(|a, b| {
            (a.level.rank(), -(a.rect.width * a.rect.height))
                .partial_cmp(&(b.level.rank(), -(b.rect.width * b.rect.height)))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        regions
    }
}

impl Scene {
    /// How many pairs of links cross on the map: a measure of how readable a
    /// layout keeps the links. Links sharing a card may touch there and do
    /// not count. Each curve is flattened within `tolerance` world units;
    /// pairs whose bounds are apart cost one test.
    pub fn link_crossings(&self, tolerance: f64) -> usize {
        // Per link: its bounds, its points, and the two cards it joins.
        type Flattened<'a> = (Rect, Vec<(f64, f64)>, &'a str, &'a str);
        let flattened: Vec<Flattened> = self
            .links
            .iter()
            .map(|link| {
                let curve = link.curve((0.0, 0.0), (0.0, 0.0));
                let bounds = curve.bounds();
                let clip = Rect {
                    x: bounds.x - 1.0,
                    y: bounds.y - 1.0,
                    width: bounds.width + 2.0,
                    height: bounds.height + 2.0,
                };
                let points = curve
                    .visible_polylines(&clip, tolerance)
                    .into_iter()
                    .flatten()
                    .map(|p| (p.x, p.y))
                    .collect();
                (
                    bounds,
                    points,
                    link.from.as_str(),
                    link.to_objective.as_str(),
                )
            })
            .collect();
        let mut crossings = 0;
        for (i, a) in flattened.iter().enumerate() {
            for b in &flattened[i + 1..] {
                let shares_card = a.2 == b.2 || a.2 == b.3 || a.3 == b.2 || a.3 == b.3;
                if shares_card || !a.0.intersects(&b.0) {
                    continue;
                }
                let crosses = a.1.windows(2).any(|s| {
                    b.1.windows(2)
                        .any(|t| segments_cross(s[0], s[1], t[0], t[1]))
                });
                if crosses {
                    crossings += 1;
                }
            }
        }
        crossings
    }
}

/// Whether two segments cross at a point inside both.
fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// A progress value as the UI contract writes it: three decimals.
pub fn progress_attr(progress: f64) -> String {
    format!("{progress:.3}")
}

/// A confidence as the card's `data-value` writes it: two decimals.
pub fn confidence_attr(confidence: f64) -> String {
    format!("{confidence:.2}")
}

/// Below this confidence a key result is marked as at risk, in more than colour.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// A progress value for people: a whole percentage.
pub fn progress_percent(progress: f64) -> String {
    format!("{:.0}%", (progress * 100.0).round())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::import;
    use crate::domain::progress::compute_progress;

    const SAMPLE: &str = include_str!("../../public/examples/acme.okr.json");

    fn sample_scene() -> (Document, Scene) {
        let doc = import(SAMPLE.as_bytes())
            .expect("the sample is valid")
            .document;
        let progress = compute_progress(&doc);
        let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
        (doc, scene)
    }

    #[test]
    fn sample_scene_has_a_card_per_objective_and_a_view_per_link() {
        let (doc, scene) = sample_scene();
        assert_eq!(scene.cards.len(), doc.objectives.len());
        assert_eq!(scene.links.len(), doc.links.len());
        assert!(scene.bounds.is_some());
        for card in &scene.cards {
            assert!((0.0..=1.0).contains(&card.progress), "{}", card.id);
            assert!(card.team_color.starts_with('#') && card.team_color.len() == 7);
        }
    }

    #[test]
    fn sample_cards_do_not_overlap() {
        let (_, scene) = sample_scene();
        for (i, a) in scene.cards.iter().enumerate() {
            for b in &scene.cards[i + 1..] {
                let overlap = a.rect.x < b.rect.right()
                    && b.rect.x < a.rect.right()
                    && a.rect.y < b.rect.bottom()
                    && b.rect.y < a.rect.bottom();
                assert!(!overlap, "{} overlaps {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn stored_positions_are_kept() {
        let (mut doc, _) = sample_scene();
        let id = doc.objectives[3].id.clone();
        doc.layout.insert(
            id.clone(),
            crate::domain::model::Position {
                x: -5000.0,
                y: 7000.0,
            },
        );
        let scene = Scene::build(&doc, &|_| 0.0);
        let card = scene.cards.iter().find(|c| c.id == id).unwrap();
        assert_eq!((card.rect.x, card.rect.y), (-5000.0, 7000.0));
    }

    #[test]
    fn teams_without_a_colour_inherit_their_parents_or_get_one() {
        let (mut doc, _) = sample_scene();
        for team in &mut doc.teams {
            team.color = None;
        }
        doc.teams[0].color = Some("#123456".into());
        let colors = team_colors(&doc);
        // Every team under the company inherits its colour through the parent chain.
        for team in &doc.teams {
            assert_eq!(colors[team.id.as_str()], "#123456", "{}", team.id);
        }
    }

    #[test]
    fn progress_is_written_with_three_decimals() {
        assert_eq!(progress_attr(0.4567), "0.457");
        assert_eq!(progress_attr(1.0), "1.000");
        assert_eq!(progress_percent(0.456), "46%");
    }

    #[test]
    fn the_tree_rows_become_bands_named_by_their_levels() {
        let doc = crate::domain::import::import(SAMPLE.as_bytes())
            .expect("the sample opens")
            .document;
        let scene = Scene::build(&doc, &|_| 0.5);
        let bands = scene.level_bands();
        assert!(bands.len() >= 3, "{bands:?}");
        assert_eq!(bands[0].levels, vec![Level::Company]);
        for pair in bands.windows(2) {
            assert!(pair[0].bottom < pair[1].top, "rows do not overlap");
        }
        for band in &bands {
            assert!(band.top < band.bottom && !band.levels.is_empty());
        }
        assert!(Scene::default().level_bands().is_empty());
    }

    #[test]
    fn key_results_with_check_ins_carry_their_trend_and_confidence() {
        let (doc, scene) = sample_scene();
        let mut tracked = 0;
        for (objective, card) in doc.objectives.iter().zip(&scene.cards) {
            for (kr, row) in objective.key_results.iter().zip(&card.key_results) {
                assert_eq!(row.confidence, kr.confidence, "{}", kr.id);
                if kr.check_ins.is_empty() {
                    assert!(row.trend.is_empty(), "{}", kr.id);
                    continue;
                }
                tracked += 1;
                assert_eq!(row.trend.len(), kr.check_ins.len() + 1, "{}", kr.id);
                // The sample's current values are its latest check-ins.
                assert_eq!(row.trend.last(), Some(&row.progress), "{}", kr.id);
            }
        }
        assert!(tracked > 0, "the sample shows sparklines");
        assert_eq!(confidence_attr(0.6), "0.60");
        assert_eq!(confidence_attr(1.0), "1.00");
    }
}
