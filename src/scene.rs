//! What the map shows, computed from a document: one view per card and per
//! link, with their rectangles and paths in canvas units.
//!
//! The components only render a [`Scene`]; deciding where a card goes, which
//! colour a team gets and where a link ends happens here, in plain Rust that
//! is tested on the host. Cards without a stored position are placed by the
//! core's automatic layout.

use std::collections::HashMap;

use crate::domain::layout::{layout_document, LayoutMode, LayoutOptions};
use crate::domain::model::{Document, Level, LinkKind, Objective, ObjectiveKind};
use crate::geometry::{card_size, kr_row_center_y, link_path, LinkEnd, Rect};

/// Colours for teams that do not name their own, picked by team order.
const TEAM_PALETTE: [&str; 8] = [
    "#1f5fbf", "#2f855a", "#c05621", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568",
];

#[derive(Clone, Debug, PartialEq)]
pub struct KeyResultView {
    pub id: String,
    pub title: String,
    pub progress: f64,
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
    pub kind: LinkKind,
    pub path: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub cards: Vec<CardView>,
    pub links: Vec<LinkView>,
    /// The rectangle holding every card, `None` for an empty canvas.
    pub bounds: Option<Rect>,
}

/// The size a card of `objective` is drawn at.
pub fn objective_card_size(objective: &Objective) -> (f64, f64) {
    card_size(objective.key_results.len(), objective.standalone.is_some())
}

impl Scene {
    /// Builds the scene of `doc`; `progress_of` gives the progress (0..1) of
    /// an objective or key result by id.
    pub fn build(doc: &Document, progress_of: &dyn Fn(&str) -> f64) -> Scene {
        let positions = layout_document(
            doc,
            &objective_card_size,
            &LayoutOptions::default(),
            LayoutMode::PlaceUnplaced,
        );
        let team_colors = team_colors(doc);
        let teams: HashMap<&str, (&str, Level)> = doc
            .teams
            .iter()
            .map(|t| (t.id.as_str(), (t.name.as_str(), t.level)))
            .collect();

        let mut cards = Vec::with_capacity(doc.objectives.len());
        // Where each link may end: a card, or a key-result row of a card.
        let mut card_rects: HashMap<&str, Rect> = HashMap::new();
        let mut kr_ends: HashMap<&str, LinkEnd> = HashMap::new();
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
                    LinkEnd::KeyResultRow {
                        card: rect,
                        row_center_y: kr_row_center_y(&rect, index, objective.standalone.is_some()),
                    },
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
                key_results: objective
                    .key_results
                    .iter()
                    .map(|kr| KeyResultView {
                        id: kr.id.clone(),
                        title: kr.title.clone(),
                        progress: progress_of(&kr.id),
                    })
                    .collect(),
                rect,
            });
        }

        let links = doc
            .links
            .iter()
            .filter_map(|link| {
                let from = card_rects.get(link.from.as_str())?;
                let end = card_rects
                    .get(link.to.as_str())
                    .map(|rect| LinkEnd::Card(*rect))
                    .or_else(|| kr_ends.get(link.to.as_str()).copied())?;
                Some(LinkView {
                    from: link.from.clone(),
                    to: link.to.clone(),
                    kind: link.kind,
                    path: link_path(from, end),
                })
            })
            .collect();

        let bounds = Rect::bounding(cards.iter().map(|c| c.rect));
        Scene {
            cards,
            links,
            bounds,
        }
    }
}

/// Each team's colour: its own, else the nearest ancestor's, else one from
/// the palette by the team's position in the file.
fn team_colors(doc: &Document) -> HashMap<&str, String> {
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

/// A progress value as the UI contract writes it: three decimals.
pub fn progress_attr(progress: f64) -> String {
    format!("{progress:.3}")
}

/// A progress value for people: a whole percentage.
pub fn progress_percent(progress: f64) -> String {
    format!("{:.0}%", (progress * 100.0).round())
}
