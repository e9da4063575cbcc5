//! The alignment graph: the canvas as objectives (nodes) and links (edges), with the
//! named operations that are the only way to change alignment, and the checks behind
//! them.
//!
//! Every alignment rule of the file format is written once here and used both when a
//! file is loaded ([`AlignmentGraph::from_document`], called by the importer) and when
//! someone edits the canvas: a link points at an existing objective or key result, never
//! at itself or its own key results, never twice; a hard link points up the organisation
//! (to a team of a strictly higher level), an objective has at most one hard parent, and
//! hard links never form a cycle; teams have parents of a strictly higher level and no
//! cycles. Operations check first and change nothing when they refuse, so the graph is
//! valid between any two calls and [`AlignmentGraph::to_document`] always exports a file
//! that imports again.
//!
//! Edges run from the supporting objective to the objective that owns the target; a
//! link to a key result is an edge to the key result's objective that remembers the
//! key result's id. A `StableGraph` keeps node and edge indices valid across removals.
//! Document order (for stable exports) is kept with a sequence number per objective and
//! per link, because a stable graph reuses freed slots.

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::model::{
    check_key_result, check_objective, check_team, Cycle, Document, FieldError, IdMap, Identity,
    JsonPath, KeyResult, Level, Link, LinkKind, Objective, Position, Team, FORMAT_VERSION,
};

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// Why a link cannot be made, changed or removed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LinkError {
    #[error("There is no objective with the id '{id}' to link from.")]
    UnknownSource { id: String },
    #[error("'{title}' is a key result; only objectives can support something. Link from its objective instead.")]
    SourceIsKeyResult { id: String, title: String },
    #[error("There is no objective or key result with the id '{id}' to link to.")]
    UnknownTarget { id: String },
    #[error("'{title}' cannot be linked to itself.")]
    ToItself { title: String },
    #[error("'{title}' cannot be linked to its own key result '{key_result}'.")]
    ToOwnKeyResult { title: String, key_result: String },
    #[error("'{from}' is already linked to {to} (a {kind} link); the same link cannot be made twice. Change its kind instead?")]
    Duplicate {
        from: String,
        to: String,
        kind: LinkKind,
    },
    #[error("A hard link from '{from}' to {to} would make a loop: {to} already supports '{from}' through hard links.")]
    HardCycle { from: String, to: String },
    #[error("A hard link must point up the organisation: {from_team} ({from_level}) → '{from}' cannot be a hard child of {to_team} ({to_level}) → {to}, which is not at a higher level. Use a soft link instead?")]
    HardNotUpward {
        from: String,
        from_team: String,
        from_level: Level,
        to: String,
        to_team: String,
        to_level: Level,
    },
    #[error("{team} → '{from}' already has a hard parent, {parent}; move the hard link instead?")]
    SecondHardParent {
        team: String,
        from: String,
        parent: String,
    },
    #[error("'{from}' is not linked to {to}.")]
    NotLinked { from: String, to: String },
    #[error("'{from}' has no hard parent to move.")]
    NoHardParent { from: String },
    #[error("'{objective}' belongs to the team '{team}', which does not exist.")]
    UnknownTeam { objective: String, team: String },
    #[error("The link's {0}")]
    Invalid(FieldError),
}

/// Why a team cannot be added, changed or removed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TeamError {
    #[error("There is no team with the id '{id}'.")]
    UnknownTeam { id: String },
    #[error(
        "The parent team '{parent}' of {team} does not exist; use the id of one of the teams."
    )]
    UnknownParent { team: String, parent: String },
    #[error("Another team already uses the id '{id}'; every team needs its own id.")]
    DuplicateId { id: String },
    #[error("{team} ({level}) cannot sit under {parent} ({parent_level}): a team's parent must be at a higher level (company above department above team above individual).")]
    ParentNotHigher {
        team: String,
        level: Level,
        parent: String,
        parent_level: Level,
    },
    #[error("{team} cannot sit under {parent}: {parent} is already inside {team}, so the teams would form a loop.")]
    ParentCycle { team: String, parent: String },
    #[error("{team} cannot be at the {level} level: it would no longer be below its parent {parent} ({parent_level}).")]
    LevelBelowParent {
        team: String,
        level: Level,
        parent: String,
        parent_level: Level,
    },
    #[error("{team} cannot be at the {level} level: its team {child} ({child_level}) must stay below it.")]
    LevelAboveChild {
        team: String,
        level: Level,
        child: String,
        child_level: Level,
    },
    #[error("{team} cannot be at the {level} level: the hard link from '{child}' to '{parent}' would no longer point up the organisation. Change that link first.")]
    LevelBreaksHardLink {
        team: String,
        level: Level,
        child: String,
        parent: String,
    },
    #[error("{team} still owns {count} objective(s); move them to another team or delete them before removing the team.")]
    StillOwnsObjectives { team: String, count: usize },
    #[error("{team} still has {count} team(s) under it; move or remove them before removing it.")]
    StillHasChildTeams { team: String, count: usize },
    #[error("The team's {0}")]
    Invalid(FieldError),
}

/// Why an objective or key result cannot be added, changed or removed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ObjectiveError {
    #[error("There is no objective with the id '{id}'.")]
    UnknownObjective { id: String },
    #[error("There is no key result with the id '{id}'.")]
    UnknownKeyResult { id: String },
    #[error("The id '{id}' is already used by another objective or key result; objectives and key results each need their own id.")]
    DuplicateId { id: String },
    #[error("'{objective}' names the team '{team}', which does not exist; use the id of one of the teams.")]
    UnknownTeam { objective: String, team: String },
    #[error("'{objective}' cannot move to {team} ({level}): its hard link {link} would no longer point up the organisation. Change that link first.")]
    TeamBreaksHardLink {
        objective: String,
        team: String,
        level: Level,
        link: String,
    },
    #[error("An objective's id, or the ids of its key results, cannot be changed by an edit; add and remove key results instead.")]
    IdChanged,
    #[error("{0}")]
    Invalid(FieldError),
}

/// Any rule a whole document can break.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RuleError {
    #[error(transparent)]
    Team(#[from] TeamError),
    #[error(transparent)]
    Objective(#[from] ObjectiveError),
    #[error(transparent)]
    Link(#[from] LinkError),
}

/// A broken rule and the place in the document that breaks it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{path}: {error}")]
pub struct RuleViolation {
    pub path: String,
    pub error: RuleError,
}

// ---------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct ObjectiveNode {
    objective: Objective,
    /// Position in document order.
    order: u64,
}

#[derive(Clone, Debug)]
struct LinkEdge {
    link: Link,
    order: u64,
}

/// What an objective may link to, for pickers and drop targets.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkTarget {
    /// The objective or key result id.
    pub id: String,
    /// The objective that is, or owns, the target.
    pub objective_id: String,
    pub is_key_result: bool,
    /// Why a hard link is refused, if it is.
    pub hard: Result<(), LinkError>,
    /// Why a soft link is refused, if it is.
    pub soft: Result<(), LinkError>,
}

/// What removing an objective or key result took with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    /// Objectives that lost their hard parent: they are now unaligned, and the teams
    /// that own them should re-align them.
    pub unaligned: Vec<String>,
    /// Every link that was removed, in document order.
    pub removed_links: Vec<Link>,
}

/// The canvas with its alignment, kept valid by every operation.
#[derive(Clone, Debug)]
pub struct AlignmentGraph {
    title: String,
    identity: Option<Identity>,
    cycle: Option<Cycle>,
    teams: Vec<Team>,
    team_index: IdMap<String, usize>,
    graph: StableGraph<ObjectiveNode, LinkEdge>,
    objective_index: IdMap<String, NodeIndex>,
    key_result_owner: IdMap<String, NodeIndex>,
    layout: BTreeMap<String, Position>,
    next_order: u64,
}

/// Where a link ends: the node that owns the target, and the key result if any.
#[derive(Clone, Copy)]
struct Target<'a> {
    node: NodeIndex,
    key_result: Option<&'a KeyResult>,
}

impl AlignmentGraph {
    /// An empty canvas.
    pub fn new(title: impl Into<String>) -> Self {
        Self::from_document(&Document::new(title)).unwrap_or_else(|_| AlignmentGraph {
            title: String::new(),
            identity: None,
            cycle: None,
            teams: Vec::new(),
            team_index: IdMap::default(),
            graph: StableGraph::new(),
            objective_index: IdMap::default(),
            key_result_owner: IdMap::default(),
            layout: BTreeMap::new(),
            next_order: 0,
        })
    }

    /// Builds the graph of `doc`, or lists every cross-reference and alignment rule it
    /// breaks, each with its place. Single-value rules (lengths, id spelling, dates) are
    /// the importer's and `model`'s business and are not re-checked here.
    ///
    /// References are checked first (duplicate and unknown ids, team parents); only a
    /// document whose references are sound has its links checked, link by link in file
    /// order, so that each broken rule is reported at the link that breaks it.
    /// Layout entries for cards that do not exist are dropped.
    pub fn from_document(doc: &Document) -> Result<Self, Vec<RuleViolation>> {
        Self::from_owned_document(doc.clone())
    }

    /// Like [`from_document`](Self::from_document), taking the document over instead of
    /// copying it; [`into_document`](Self::into_document) gives it back.
    pub fn from_owned_document(doc: Document) -> Result<Self, Vec<RuleViolation>> {
        let mut problems = Vec::new();
        let root = JsonPath::Root;
        let mut graph = AlignmentGraph {
            title: doc.title.clone(),
            identity: doc.identity.clone(),
            cycle: doc.cycle.clone(),
            teams: Vec::with_capacity(doc.teams.len()),
            team_index: IdMap::with_capacity_and_hasher(doc.teams.len(), Default::default()),
            graph: StableGraph::with_capacity(doc.objectives.len(), doc.links.len()),
            objective_index: IdMap::with_capacity_and_hasher(
                doc.objectives.len(),
                Default::default(),
            ),
            key_result_owner: IdMap::with_capacity_and_hasher(
                doc.objectives.iter().map(|o| o.key_results.len()).sum(),
                Default::default(),
            ),
            layout: BTreeMap::new(),
            next_order: 0,
        };

        let teams_path = root.field("teams");
        for (i, team) in doc.teams.iter().enumerate() {
            if graph.team_index.contains_key(&team.id) {
                problems.push(violation(
                    &teams_path.index(i).field("id"),
                    TeamError::DuplicateId {
                        id: team.id.clone(),
                    },
                ));
                continue;
            }
            graph.team_index.insert(team.id.clone(), graph.teams.len());
            graph.teams.push(team.clone());
        }
        for (i, team) in doc.teams.iter().enumerate() {
            let Some(parent) = &team.parent else { continue };
            let place = teams_path.index(i);
            // Duplicates were reported above; judge only the team that kept the id.
            if graph.team_index.get(&team.id).map(|&t| &graph.teams[t]) != Some(team) {
                continue;
            }
            if let Err(error) = graph.check_team_parent(&team.id, team.level, parent) {
                problems.push(violation(&place.field("parent"), error));
            }
        }

        let objectives_path = root.field("objectives");
        for (i, objective) in doc.objectives.into_iter().enumerate() {
            let place = objectives_path.index(i);
            if !graph.team_index.contains_key(&objective.team) {
                problems.push(violation(
                    &place.field("team"),
                    ObjectiveError::UnknownTeam {
                        objective: objective.title.clone(),
                        team: objective.team.clone(),
                    },
                ));
            }
            if graph.id_in_use(&objective.id) {
                problems.push(violation(
                    &place.field("id"),
                    ObjectiveError::DuplicateId {
                        id: objective.id.clone(),
                    },
                ));
                continue;
            }
            let order = graph.take_order();
            let id = objective.id.clone();
            let key_result_ids: Vec<String> = objective
                .key_results
                .iter()
                .map(|kr| kr.id.clone())
                .collect();
            let node = graph.graph.add_node(ObjectiveNode { objective, order });
            graph.objective_index.insert(id, node);
            let key_results_path = place.field("keyResults");
            for (j, key_result_id) in key_result_ids.into_iter().enumerate() {
                if graph.id_in_use(&key_result_id) {
                    problems.push(violation(
                        &key_results_path.index(j).field("id"),
                        ObjectiveError::DuplicateId { id: key_result_id },
                    ));
                    continue;
                }
                graph.key_result_owner.insert(key_result_id, node);
            }
        }

        let links_path = root.field("links");
        for (i, link) in doc.links.iter().enumerate() {
            let place = links_path.index(i);
            if let Err(error) = graph.source_node(&link.from) {
                problems.push(violation(&place.field("from"), error));
            }
            if let Err(error) = graph.target_of(&link.to) {
                problems.push(violation(&place.field("to"), error));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        for (i, link) in doc.links.into_iter().enumerate() {
            match graph.check_link_except(&link.from, &link.to, link.kind, &[]) {
                Ok(()) => {
                    let order = graph.take_order();
                    graph.insert_link(link, order);
                }
                Err(error) => problems.push(violation(&links_path.index(i), error)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        graph.layout = doc.layout;
        let objective_index = &graph.objective_index;
        graph
            .layout
            .retain(|id, _| objective_index.contains_key(id));
        Ok(graph)
    }

    /// The canvas as a document, in document order: the round trip of `from_document`.
    pub fn to_document(&self) -> Document {
        let mut doc = Document::new(self.title.clone());
        doc.version = FORMAT_VERSION;
        doc.identity = self.identity.clone();
        doc.cycle = self.cycle.clone();
        doc.teams = self.teams.clone();
        doc.objectives = self.objectives().cloned().collect();
        doc.links = self.links().cloned().collect();
        doc.layout = self.layout.clone();
        doc
    }

    /// The canvas as a document, taking it apart instead of copying it.
    pub fn into_document(mut self) -> Document {
        let mut links: Vec<LinkEdge> = Vec::with_capacity(self.graph.edge_count());
        for edge in self.graph.edge_indices().collect::<Vec<_>>() {
            links.extend(self.graph.remove_edge(edge));
        }
        links.sort_by_key(|e| e.order);
        let mut objectives: Vec<ObjectiveNode> = Vec::with_capacity(self.graph.node_count());
        for node in self.graph.node_indices().collect::<Vec<_>>() {
            objectives.extend(self.graph.remove_node(node));
        }
        objectives.sort_by_key(|n| n.order);
        let mut doc = Document::new(self.title);
        doc.identity = self.identity;
        doc.cycle = self.cycle;
        doc.teams = self.teams;
        doc.objectives = objectives.into_iter().map(|n| n.objective).collect();
        doc.links = links.into_iter().map(|e| e.link).collect();
        doc.layout = self.layout;
        doc
    }

    // --- Reading -------------------------------------------------------------------------

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn cycle(&self) -> Option<&Cycle> {
        self.cycle.as_ref()
    }

    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.team_index.get(id).and_then(|&i| self.teams.get(i))
    }

    /// Objectives in document order.
    pub fn objectives(&self) -> impl Iterator<Item = &Objective> {
        let mut nodes: Vec<&ObjectiveNode> = self.graph.node_weights().collect();
        nodes.sort_by_key(|n| n.order);
        nodes.into_iter().map(|n| &n.objective)
    }

    pub fn objective_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn objective(&self, id: &str) -> Option<&Objective> {
        let node = self.objective_index.get(id)?;
        self.graph.node_weight(*node).map(|n| &n.objective)
    }

    /// The key result `id` and the objective that owns it.
    pub fn key_result(&self, id: &str) -> Option<(&Objective, &KeyResult)> {
        let node = self.key_result_owner.get(id)?;
        let objective = &self.graph.node_weight(*node)?.objective;
        let key_result = objective.key_results.iter().find(|kr| kr.id == id)?;
        Some((objective, key_result))
    }

    /// Links in document order.
    pub fn links(&self) -> impl Iterator<Item = &Link> {
        let mut edges: Vec<&LinkEdge> = self.graph.edge_weights().collect();
        edges.sort_by_key(|e| e.order);
        edges.into_iter().map(|e| &e.link)
    }

    pub fn layout(&self) -> &BTreeMap<String, Position> {
        &self.layout
    }

    /// The hard link from `id` to its parent objective or key result, if it has one.
    pub fn hard_parent_of(&self, id: &str) -> Option<&Link> {
        let node = self.objective_index.get(id)?;
        self.hard_parent_edge(*node)
            .and_then(|edge| self.graph.edge_weight(edge))
            .map(|e| &e.link)
    }

    /// The objective that `id` hard-links to (directly or through one of its key results).
    pub fn hard_parent_objective_of(&self, id: &str) -> Option<&Objective> {
        let node = self.objective_index.get(id)?;
        let edge = self.hard_parent_edge(*node)?;
        let (_, parent) = self.graph.edge_endpoints(edge)?;
        self.graph.node_weight(parent).map(|n| &n.objective)
    }

    /// The objectives that hard-link to `id` or to one of its key results, in document
    /// order of their links.
    pub fn hard_children_of(&self, id: &str) -> Vec<&Objective> {
        let Some(&node) = self.objective_index.get(id) else {
            return Vec::new();
        };
        let mut children: Vec<(u64, &Objective)> = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| e.weight().link.kind == LinkKind::Hard)
            .filter_map(|e| {
                let child = self.graph.node_weight(e.source())?;
                Some((e.weight().order, &child.objective))
            })
            .collect();
        children.sort_by_key(|(order, _)| *order);
        children.into_iter().map(|(_, o)| o).collect()
    }

    /// The soft links from and to `id` (and to its key results), in document order.
    pub fn soft_links_of(&self, id: &str) -> Vec<&Link> {
        let Some(&node) = self.objective_index.get(id) else {
            return Vec::new();
        };
        let mut links: Vec<&LinkEdge> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(self.graph.edges_directed(node, Direction::Incoming))
            .map(|e| e.weight())
            .filter(|e| e.link.kind == LinkKind::Soft)
            .collect();
        links.sort_by_key(|e| e.order);
        links.dedup_by_key(|e| e.order);
        links.into_iter().map(|e| &e.link).collect()
    }

    /// Every link from or to `id` (and its key results), in document order.
    pub fn links_of(&self, id: &str) -> Vec<&Link> {
        let Some(&node) = self.objective_index.get(id) else {
            return Vec::new();
        };
        let mut links: Vec<&LinkEdge> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(self.graph.edges_directed(node, Direction::Incoming))
            .map(|e| e.weight())
            .collect();
        links.sort_by_key(|e| e.order);
        links.dedup_by_key(|e| e.order);
        links.into_iter().map(|e| &e.link).collect()
    }

    /// The link from `from` to `to`, if there is one.
    pub fn link_between(&self, from: &str, to: &str) -> Option<&Link> {
        let edge = self.find_link(from, to)?;
        self.graph.edge_weight(edge).map(|e| &e.link)
    }

    /// Objectives with no hard parent, in document order.
    pub fn unaligned_objectives(&self) -> Vec<&Objective> {
        let mut nodes: Vec<&ObjectiveNode> = self
            .graph
            .node_indices()
            .filter(|&n| self.hard_parent_edge(n).is_none())
            .filter_map(|n| self.graph.node_weight(n))
            .collect();
        nodes.sort_by_key(|n| n.order);
        nodes.into_iter().map(|n| &n.objective).collect()
    }

    /// Every objective and key result `from` could link to, with whether a hard and a
    /// soft link would be accepted. `from` itself is left out.
    pub fn valid_targets(&self, from: &str) -> Vec<LinkTarget> {
        if self.source_node(from).is_err() {
            return Vec::new();
        }
        let mut targets = Vec::new();
        for objective in self.objectives() {
            if objective.id == from {
                continue;
            }
            targets.push(LinkTarget {
                id: objective.id.clone(),
                objective_id: objective.id.clone(),
                is_key_result: false,
                hard: self.check_link(from, &objective.id, LinkKind::Hard),
                soft: self.check_link(from, &objective.id, LinkKind::Soft),
            });
            for key_result in &objective.key_results {
                targets.push(LinkTarget {
                    id: key_result.id.clone(),
                    objective_id: objective.id.clone(),
                    is_key_result: true,
                    hard: self.check_link(from, &key_result.id, LinkKind::Hard),
                    soft: self.check_link(from, &key_result.id, LinkKind::Soft),
                });
            }
        }
        targets
    }

    /// Whether the link `from` → `to` of `kind` would be accepted, without making it.
    pub fn check_link(&self, from: &str, to: &str, kind: LinkKind) -> Result<(), LinkError> {
        self.check_link_except(from, to, kind, &[])
    }

    // --- Changing the canvas --------------------------------------------------------------

    pub fn set_title(&mut self, title: impl Into<String>) -> Result<(), FieldError> {
        let title = title.into();
        let mut doc = Document::new(title.clone());
        doc.cycle = None;
        first_field_error(|report| super::model::check_document_fields(&doc, report))?;
        self.title = title;
        Ok(())
    }

    pub fn set_cycle(&mut self, cycle: Option<Cycle>) -> Result<(), FieldError> {
        if let Some(cycle) = &cycle {
            first_field_error(|report| super::model::check_cycle(&JsonPath::Root, cycle, report))?;
        }
        self.cycle = cycle;
        Ok(())
    }

    /// Puts a card at `position`; objectives without one are placed automatically. A
    /// card moved beyond the edge of the canvas (±`POSITION_LIMIT`) stops at the edge,
    /// so the canvas always exports to a file that reads back.
    pub fn set_position(&mut self, id: &str, position: Position) -> Result<(), ObjectiveError> {
        if !self.objective_index.contains_key(id) {
            return Err(ObjectiveError::UnknownObjective { id: id.to_owned() });
        }
        if !position.x.is_finite() || !position.y.is_finite() {
            return Err(ObjectiveError::Invalid(FieldError::NotFinite {
                field: "card position",
            }));
        }
        self.layout.insert(id.to_owned(), position.within_limits());
        Ok(())
    }

    /// Forgets the card's position, so that the automatic layout places it.
    pub fn clear_position(&mut self, id: &str) {
        self.layout.remove(id);
    }

    /// Forgets every position ("tidy up").
    pub fn clear_layout(&mut self) {
        self.layout.clear();
    }

    /// Adds a link of `kind` from the objective `from` to the objective or key result `to`.
    pub fn link(&mut self, from: &str, to: &str, kind: LinkKind) -> Result<(), LinkError> {
        self.link_with_note(from, to, kind, None)
    }

    /// Like [`link`](Self::link), with a note saying why.
    pub fn link_with_note(
        &mut self,
        from: &str,
        to: &str,
        kind: LinkKind,
        note: Option<String>,
    ) -> Result<(), LinkError> {
        let link = Link {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
            note,
        };
        check_link_note(&link)?;
        self.check_link(from, to, kind)?;
        let order = self.take_order();
        self.insert_link(link, order);
        Ok(())
    }

    /// Removes the link `from` → `to` and returns it.
    pub fn unlink(&mut self, from: &str, to: &str) -> Result<Link, LinkError> {
        let edge = self.existing_link(from, to)?;
        self.graph
            .remove_edge(edge)
            .map(|e| e.link)
            .ok_or_else(|| self.not_linked(from, to))
    }

    /// Turns the link `from` → `to` into a `kind` link, keeping its place and note.
    pub fn set_link_kind(&mut self, from: &str, to: &str, kind: LinkKind) -> Result<(), LinkError> {
        let edge = self.existing_link(from, to)?;
        self.check_link_except(from, to, kind, &[edge])?;
        if let Some(weight) = self.graph.edge_weight_mut(edge) {
            weight.link.kind = kind;
        }
        Ok(())
    }

    /// Sets or clears the note of the link `from` → `to`.
    pub fn set_link_note(
        &mut self,
        from: &str,
        to: &str,
        note: Option<String>,
    ) -> Result<(), LinkError> {
        let edge = self.existing_link(from, to)?;
        let mut link = self
            .graph
            .edge_weight(edge)
            .map(|e| e.link.clone())
            .ok_or_else(|| self.not_linked(from, to))?;
        link.note = note;
        check_link_note(&link)?;
        if let Some(weight) = self.graph.edge_weight_mut(edge) {
            weight.link = link;
        }
        Ok(())
    }

    /// Moves `from`'s hard link to `new_parent` (an objective or key result). The moved
    /// link keeps its place and note. Should `from` already soft-link to `new_parent`,
    /// that soft link becomes the hard one. Returns the link that was replaced.
    pub fn move_hard_link(&mut self, from: &str, new_parent: &str) -> Result<Link, LinkError> {
        let node = self.source_node(from)?;
        let Some(old_edge) = self.hard_parent_edge(node) else {
            return Err(LinkError::NoHardParent {
                from: self.title_of(node),
            });
        };
        let old_link = self
            .graph
            .edge_weight(old_edge)
            .map(|e| e.link.clone())
            .ok_or_else(|| LinkError::NoHardParent {
                from: self.title_of(node),
            })?;
        if old_link.to == new_parent {
            return Ok(old_link);
        }
        let soft_edge = self.find_link(from, new_parent);
        // The link being moved may not count against its own move: no second parent, and
        // no loop through the old position.
        let except: Vec<EdgeIndex> = std::iter::once(old_edge).chain(soft_edge).collect();
        self.check_link_except(from, new_parent, LinkKind::Hard, &except)?;

        if let Some(soft) = soft_edge {
            self.graph.remove_edge(soft);
        }
        let Some(mut moved) = self.graph.remove_edge(old_edge) else {
            return Err(self.not_linked(from, &old_link.to));
        };
        moved.link.to = new_parent.to_owned();
        let order = moved.order;
        self.insert_link(moved.link, order);
        Ok(old_link)
    }

    /// Adds an objective, with its key results. Its links are made separately.
    pub fn add_objective(&mut self, objective: Objective) -> Result<(), ObjectiveError> {
        first_field_error(|report| check_objective(&JsonPath::Root, &objective, report))
            .map_err(ObjectiveError::Invalid)?;
        if !self.team_index.contains_key(&objective.team) {
            return Err(ObjectiveError::UnknownTeam {
                objective: objective.title.clone(),
                team: objective.team.clone(),
            });
        }
        let mut new_ids: Vec<&str> = Vec::with_capacity(objective.key_results.len() + 1);
        for id in std::iter::once(objective.id.as_str())
            .chain(objective.key_results.iter().map(|kr| kr.id.as_str()))
        {
            if self.id_in_use(id) || new_ids.contains(&id) {
                return Err(ObjectiveError::DuplicateId { id: id.to_owned() });
            }
            new_ids.push(id);
        }
        let order = self.take_order();
        let id = objective.id.clone();
        let key_result_ids: Vec<String> = objective
            .key_results
            .iter()
            .map(|kr| kr.id.clone())
            .collect();
        let node = self.graph.add_node(ObjectiveNode { objective, order });
        self.objective_index.insert(id, node);
        for key_result_id in key_result_ids {
            self.key_result_owner.insert(key_result_id, node);
        }
        Ok(())
    }

    /// Changes the objective `id` through `edit`, then checks the result: its fields, its
    /// team (which must exist and keep every hard link pointing up the organisation), and
    /// that neither its id nor its key results' ids changed. Nothing changes on refusal.
    pub fn update_objective(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut Objective),
    ) -> Result<(), ObjectiveError> {
        let node = self.objective_node(id)?;
        let Some(current) = self.graph.node_weight(node) else {
            return Err(ObjectiveError::UnknownObjective { id: id.to_owned() });
        };
        let mut edited = current.objective.clone();
        edit(&mut edited);
        let same_ids = edited.id == current.objective.id
            && edited.key_results.len() == current.objective.key_results.len()
            && edited
                .key_results
                .iter()
                .zip(&current.objective.key_results)
                .all(|(a, b)| a.id == b.id);
        if !same_ids {
            return Err(ObjectiveError::IdChanged);
        }
        first_field_error(|report| check_objective(&JsonPath::Root, &edited, report))
            .map_err(ObjectiveError::Invalid)?;
        if edited.team != current.objective.team {
            self.check_objective_team(node, &edited)?;
        }
        if let Some(weight) = self.graph.node_weight_mut(node) {
            weight.objective = edited;
        }
        Ok(())
    }

    /// Moves the objective `id` to the team `team`.
    pub fn move_objective_to_team(&mut self, id: &str, team: &str) -> Result<(), ObjectiveError> {
        let team = team.to_owned();
        self.update_objective(id, |o| o.team = team)
    }

    /// Removes the objective `id`, its key results and every link from or to them. The
    /// objectives that hung under it become unaligned and are returned, so that the app
    /// can flag them for their teams.
    pub fn remove_objective(&mut self, id: &str) -> Result<Removal, ObjectiveError> {
        let node = self.objective_node(id)?;
        let removal = self.remove_links_around(node, None);
        let Some(removed) = self.graph.remove_node(node) else {
            return Err(ObjectiveError::UnknownObjective { id: id.to_owned() });
        };
        self.objective_index.remove(id);
        for key_result in &removed.objective.key_results {
            self.key_result_owner.remove(&key_result.id);
        }
        self.layout.remove(id);
        Ok(removal)
    }

    /// Adds a key result to the objective `objective_id`.
    pub fn add_key_result(
        &mut self,
        objective_id: &str,
        key_result: KeyResult,
    ) -> Result<(), ObjectiveError> {
        let node = self.objective_node(objective_id)?;
        first_field_error(|report| check_key_result(&JsonPath::Root, &key_result, report))
            .map_err(ObjectiveError::Invalid)?;
        if self.id_in_use(&key_result.id) {
            return Err(ObjectiveError::DuplicateId { id: key_result.id });
        }
        let id = key_result.id.clone();
        if let Some(weight) = self.graph.node_weight_mut(node) {
            weight.objective.key_results.push(key_result);
            self.key_result_owner.insert(id, node);
        }
        Ok(())
    }

    /// Changes the key result `id` through `edit` (its id must stay), then checks it.
    pub fn update_key_result(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut KeyResult),
    ) -> Result<(), ObjectiveError> {
        let Some(&node) = self.key_result_owner.get(id) else {
            return Err(ObjectiveError::UnknownKeyResult { id: id.to_owned() });
        };
        let Some(slot) = self
            .graph
            .node_weight(node)
            .and_then(|n| n.objective.key_results.iter().position(|kr| kr.id == id))
        else {
            return Err(ObjectiveError::UnknownKeyResult { id: id.to_owned() });
        };
        let Some(mut edited) = self
            .graph
            .node_weight(node)
            .and_then(|n| n.objective.key_results.get(slot))
            .cloned()
        else {
            return Err(ObjectiveError::UnknownKeyResult { id: id.to_owned() });
        };
        edit(&mut edited);
        if edited.id != id {
            return Err(ObjectiveError::IdChanged);
        }
        first_field_error(|report| check_key_result(&JsonPath::Root, &edited, report))
            .map_err(ObjectiveError::Invalid)?;
        if let Some(target) = self
            .graph
            .node_weight_mut(node)
            .and_then(|n| n.objective.key_results.get_mut(slot))
        {
            *target = edited;
        }
        Ok(())
    }

    /// Removes the key result `id` and the links to it; objectives that hard-linked to it
    /// become unaligned and are returned.
    pub fn remove_key_result(&mut self, id: &str) -> Result<Removal, ObjectiveError> {
        let Some(&node) = self.key_result_owner.get(id) else {
            return Err(ObjectiveError::UnknownKeyResult { id: id.to_owned() });
        };
        let removal = self.remove_links_around(node, Some(id));
        if let Some(weight) = self.graph.node_weight_mut(node) {
            weight.objective.key_results.retain(|kr| kr.id != id);
        }
        self.key_result_owner.remove(id);
        Ok(removal)
    }

    /// Moves the key result `id` to place `to` (0 first, clamped to the list) among its
    /// objective's key results. Only the order people read them in changes; the key
    /// result keeps its id and its links. (`update_objective` refuses reorders, because
    /// it cannot tell a reorder from an id change.)
    pub fn move_key_result(&mut self, id: &str, to: usize) -> Result<(), ObjectiveError> {
        let unknown = || ObjectiveError::UnknownKeyResult { id: id.to_owned() };
        let node = *self.key_result_owner.get(id).ok_or_else(unknown)?;
        let key_results = &mut self
            .graph
            .node_weight_mut(node)
            .ok_or_else(unknown)?
            .objective
            .key_results;
        let from = key_results
            .iter()
            .position(|kr| kr.id == id)
            .ok_or_else(unknown)?;
        let moved = key_results.remove(from);
        let to = to.min(key_results.len());
        key_results.insert(to, moved);
        Ok(())
    }

    /// Adds a team.
    pub fn add_team(&mut self, team: Team) -> Result<(), TeamError> {
        first_field_error(|report| check_team(&JsonPath::Root, &team, report))
            .map_err(TeamError::Invalid)?;
        if self.team_index.contains_key(&team.id) {
            return Err(TeamError::DuplicateId { id: team.id });
        }
        if let Some(parent) = &team.parent {
            self.check_team_parent(&team.id, team.level, parent)?;
        }
        self.team_index.insert(team.id.clone(), self.teams.len());
        self.teams.push(team);
        Ok(())
    }

    pub fn rename_team(&mut self, id: &str, name: impl Into<String>) -> Result<(), TeamError> {
        let index = self.team_slot(id)?;
        let mut team = self.teams[index].clone();
        team.name = name.into();
        first_field_error(|report| check_team(&JsonPath::Root, &team, report))
            .map_err(TeamError::Invalid)?;
        self.teams[index] = team;
        Ok(())
    }

    pub fn set_team_color(&mut self, id: &str, color: Option<String>) -> Result<(), TeamError> {
        let index = self.team_slot(id)?;
        let mut team = self.teams[index].clone();
        team.color = color;
        first_field_error(|report| check_team(&JsonPath::Root, &team, report))
            .map_err(TeamError::Invalid)?;
        self.teams[index] = team;
        Ok(())
    }

    /// Puts the team `id` under `parent` (or at the top with `None`).
    pub fn reparent_team(&mut self, id: &str, parent: Option<&str>) -> Result<(), TeamError> {
        let index = self.team_slot(id)?;
        if let Some(parent) = parent {
            self.check_team_parent(id, self.teams[index].level, parent)?;
        }
        self.teams[index].parent = parent.map(str::to_owned);
        Ok(())
    }

    /// Changes the level of team `id`; refused when its parent would no longer be above
    /// it, a team under it would no longer be below it, or a hard link of one of its
    /// objectives would stop pointing up the organisation.
    pub fn set_team_level(&mut self, id: &str, level: Level) -> Result<(), TeamError> {
        let index = self.team_slot(id)?;
        let team = &self.teams[index];
        if let Some(parent) = team.parent.as_deref().and_then(|p| self.team(p)) {
            if !parent.level.is_above(level) {
                return Err(TeamError::LevelBelowParent {
                    team: team.name.clone(),
                    level,
                    parent: parent.name.clone(),
                    parent_level: parent.level,
                });
            }
        }
        if let Some(child) = self
            .teams
            .iter()
            .find(|t| t.parent.as_deref() == Some(id) && !level.is_above(t.level))
        {
            return Err(TeamError::LevelAboveChild {
                team: team.name.clone(),
                level,
                child: child.name.clone(),
                child_level: child.level,
            });
        }
        for edge in self.graph.edge_indices() {
            let (Some((child, parent)), Some(weight)) = (
                self.graph.edge_endpoints(edge),
                self.graph.edge_weight(edge),
            ) else {
                continue;
            };
            if weight.link.kind != LinkKind::Hard {
                continue;
            }
            let level_of = |node: NodeIndex| {
                let objective = &self.graph.node_weight(node)?.objective;
                if objective.team == id {
                    Some(level)
                } else {
                    self.team(&objective.team).map(|t| t.level)
                }
            };
            let touches = [child, parent].iter().any(|&n| {
                self.graph
                    .node_weight(n)
                    .is_some_and(|w| w.objective.team == id)
            });
            if !touches {
                continue;
            }
            if let (Some(child_level), Some(parent_level)) = (level_of(child), level_of(parent)) {
                if !parent_level.is_above(child_level) {
                    return Err(TeamError::LevelBreaksHardLink {
                        team: team.name.clone(),
                        level,
                        child: self.title_of(child),
                        parent: self.title_of(parent),
                    });
                }
            }
        }
        self.teams[index].level = level;
        Ok(())
    }

    /// Removes the team `id`. Refused while it still owns objectives or has teams under
    /// it: they are moved or removed first, deliberately, so nothing is left pointing at
    /// a team that no longer exists and no objective changes owner behind anyone's back.
    pub fn remove_team(&mut self, id: &str) -> Result<Team, TeamError> {
        let index = self.team_slot(id)?;
        let name = self.teams[index].name.clone();
        let owned = self
            .graph
            .node_weights()
            .filter(|n| n.objective.team == id)
            .count();
        if owned > 0 {
            return Err(TeamError::StillOwnsObjectives {
                team: name,
                count: owned,
            });
        }
        let children = self
            .teams
            .iter()
            .filter(|t| t.parent.as_deref() == Some(id))
            .count();
        if children > 0 {
            return Err(TeamError::StillHasChildTeams {
                team: name,
                count: children,
            });
        }
        let team = self.teams.remove(index);
        self.team_index = self
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Ok(team)
    }

    // --- The rules ------------------------------------------------------------------------

    /// The link rules, all in one place. `except` is a link that does not count, because
    /// it is the one being changed.
    fn check_link_except(
        &self,
        from: &str,
        to: &str,
        kind: LinkKind,
        except: &[EdgeIndex],
    ) -> Result<(), LinkError> {
        let source = self.source_node(from)?;
        let target = self.target_of(to)?;
        if target.node == source {
            return Err(match target.key_result {
                None => LinkError::ToItself {
                    title: self.title_of(source),
                },
                Some(key_result) => LinkError::ToOwnKeyResult {
                    title: self.title_of(source),
                    key_result: key_result.title.clone(),
                },
            });
        }
        if let Some(existing) = self
            .graph
            .edges_connecting(source, target.node)
            .find(|e| !except.contains(&e.id()) && e.weight().link.to == to)
        {
            return Err(LinkError::Duplicate {
                from: self.title_of(source),
                to: self.describe_target(target),
                kind: existing.weight().link.kind,
            });
        }
        if kind == LinkKind::Soft {
            return Ok(());
        }
        if self.hard_ancestors_include(target.node, source, except) {
            return Err(LinkError::HardCycle {
                from: self.title_of(source),
                to: self.describe_target(target),
            });
        }
        let (from_team, from_level) = self.team_of(source)?;
        let (to_team, to_level) = self.team_of(target.node)?;
        if !to_level.is_above(from_level) {
            return Err(LinkError::HardNotUpward {
                from: self.title_of(source),
                from_team: from_team.to_owned(),
                from_level,
                to: self.describe_target(target),
                to_team: to_team.to_owned(),
                to_level,
            });
        }
        if let Some(existing) = self
            .graph
            .edges_directed(source, Direction::Outgoing)
            .find(|e| !except.contains(&e.id()) && e.weight().link.kind == LinkKind::Hard)
        {
            let parent = self
                .target_of(&existing.weight().link.to)
                .map(|t| self.describe_target(t))
                .unwrap_or_else(|_| format!("'{}'", existing.weight().link.to));
            return Err(LinkError::SecondHardParent {
                team: from_team.to_owned(),
                from: self.title_of(source),
                parent,
            });
        }
        Ok(())
    }

    /// The team-parent rules: the parent exists, is not the team itself or inside it,
    /// and sits at a strictly higher level.
    fn check_team_parent(
        &self,
        team_id: &str,
        level: Level,
        parent_id: &str,
    ) -> Result<(), TeamError> {
        let team_name = self
            .team(team_id)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| team_id.to_owned());
        let Some(parent) = self.team(parent_id) else {
            return Err(TeamError::UnknownParent {
                team: team_name,
                parent: parent_id.to_owned(),
            });
        };
        // Walk up from the proposed parent; meeting the team itself means a loop. The
        // step bound keeps an already-broken chain from looping forever.
        let mut current = Some(parent);
        let mut steps = self.teams.len() + 1;
        while let Some(team) = current {
            if team.id == team_id {
                return Err(TeamError::ParentCycle {
                    team: team_name,
                    parent: parent.name.clone(),
                });
            }
            if steps == 0 {
                break;
            }
            steps -= 1;
            current = team.parent.as_deref().and_then(|p| self.team(p));
        }
        if !parent.level.is_above(level) {
            return Err(TeamError::ParentNotHigher {
                team: team_name,
                level,
                parent: parent.name.clone(),
                parent_level: parent.level,
            });
        }
        Ok(())
    }

    /// Moving `objective` (edited, not yet stored) to its new team keeps every hard link
    /// pointing up.
    fn check_objective_team(
        &self,
        node: NodeIndex,
        edited: &Objective,
    ) -> Result<(), ObjectiveError> {
        let Some(team) = self.team(&edited.team) else {
            return Err(ObjectiveError::UnknownTeam {
                objective: edited.title.clone(),
                team: edited.team.clone(),
            });
        };
        let level_of = |other: NodeIndex| {
            let objective = &self.graph.node_weight(other)?.objective;
            self.team(&objective.team).map(|t| t.level)
        };
        for edge in self.graph.edges_directed(node, Direction::Outgoing) {
            if edge.weight().link.kind != LinkKind::Hard {
                continue;
            }
            if let Some(parent_level) = level_of(edge.target()) {
                if !parent_level.is_above(team.level) {
                    return Err(ObjectiveError::TeamBreaksHardLink {
                        objective: edited.title.clone(),
                        team: team.name.clone(),
                        level: team.level,
                        link: format!("to '{}'", self.title_of(edge.target())),
                    });
                }
            }
        }
        for edge in self.graph.edges_directed(node, Direction::Incoming) {
            if edge.weight().link.kind != LinkKind::Hard {
                continue;
            }
            if let Some(child_level) = level_of(edge.source()) {
                if !team.level.is_above(child_level) {
                    return Err(ObjectiveError::TeamBreaksHardLink {
                        objective: edited.title.clone(),
                        team: team.name.clone(),
                        level: team.level,
                        link: format!("from '{}'", self.title_of(edge.source())),
                    });
                }
            }
        }
        Ok(())
    }

    // --- Helpers --------------------------------------------------------------------------

    fn take_order(&mut self) -> u64 {
        let order = self.next_order;
        self.next_order += 1;
        order
    }

    fn insert_link(&mut self, link: Link, order: u64) {
        let (Some(&source), Ok(target)) = (
            self.objective_index.get(&link.from),
            self.target_of(&link.to).map(|t| t.node),
        ) else {
            return;
        };
        self.graph
            .add_edge(source, target, LinkEdge { link, order });
    }

    fn id_in_use(&self, id: &str) -> bool {
        self.objective_index.contains_key(id) || self.key_result_owner.contains_key(id)
    }

    fn objective_node(&self, id: &str) -> Result<NodeIndex, ObjectiveError> {
        self.objective_index
            .get(id)
            .copied()
            .ok_or_else(|| ObjectiveError::UnknownObjective { id: id.to_owned() })
    }

    fn team_slot(&self, id: &str) -> Result<usize, TeamError> {
        self.team_index
            .get(id)
            .copied()
            .filter(|&i| i < self.teams.len())
            .ok_or_else(|| TeamError::UnknownTeam { id: id.to_owned() })
    }

    fn source_node(&self, from: &str) -> Result<NodeIndex, LinkError> {
        if let Some(&node) = self.objective_index.get(from) {
            return Ok(node);
        }
        if let Some((_, key_result)) = self.key_result(from) {
            return Err(LinkError::SourceIsKeyResult {
                id: from.to_owned(),
                title: key_result.title.clone(),
            });
        }
        Err(LinkError::UnknownSource {
            id: from.to_owned(),
        })
    }

    fn target_of(&self, to: &str) -> Result<Target<'_>, LinkError> {
        if let Some(&node) = self.objective_index.get(to) {
            return Ok(Target {
                node,
                key_result: None,
            });
        }
        if let Some(&node) = self.key_result_owner.get(to) {
            let key_result = self
                .graph
                .node_weight(node)
                .and_then(|n| n.objective.key_results.iter().find(|kr| kr.id == to));
            if let Some(key_result) = key_result {
                return Ok(Target {
                    node,
                    key_result: Some(key_result),
                });
            }
        }
        Err(LinkError::UnknownTarget { id: to.to_owned() })
    }

    fn team_of(&self, node: NodeIndex) -> Result<(&str, Level), LinkError> {
        let objective = self
            .graph
            .node_weight(node)
            .map(|n| &n.objective)
            .ok_or_else(|| LinkError::UnknownSource { id: String::new() })?;
        self.team(&objective.team)
            .map(|t| (t.name.as_str(), t.level))
            .ok_or_else(|| LinkError::UnknownTeam {
                objective: objective.title.clone(),
                team: objective.team.clone(),
            })
    }

    fn hard_parent_edge(&self, node: NodeIndex) -> Option<EdgeIndex> {
        self.graph
            .edges_directed(node, Direction::Outgoing)
            .find(|e| e.weight().link.kind == LinkKind::Hard)
            .map(|e| e.id())
    }

    /// Whether `needle` is `start` or one of its hard ancestors, not counting `except`.
    fn hard_ancestors_include(
        &self,
        start: NodeIndex,
        needle: NodeIndex,
        except: &[EdgeIndex],
    ) -> bool {
        let mut current = Some(start);
        let mut steps = self.graph.node_count() + 1;
        while let Some(node) = current {
            if node == needle {
                return true;
            }
            if steps == 0 {
                break;
            }
            steps -= 1;
            current = self
                .graph
                .edges_directed(node, Direction::Outgoing)
                .find(|e| !except.contains(&e.id()) && e.weight().link.kind == LinkKind::Hard)
                .map(|e| e.target());
        }
        false
    }

    fn find_link(&self, from: &str, to: &str) -> Option<EdgeIndex> {
        let source = *self.objective_index.get(from)?;
        let target = self.target_of(to).ok()?.node;
        self.graph
            .edges_connecting(source, target)
            .find(|e| e.weight().link.to == to)
            .map(|e| e.id())
    }

    fn existing_link(&self, from: &str, to: &str) -> Result<EdgeIndex, LinkError> {
        self.find_link(from, to)
            .ok_or_else(|| self.not_linked(from, to))
    }

    fn not_linked(&self, from: &str, to: &str) -> LinkError {
        LinkError::NotLinked {
            from: self
                .objective(from)
                .map(|o| o.title.clone())
                .unwrap_or_else(|| from.to_owned()),
            to: self
                .target_of(to)
                .map(|t| self.describe_target(t))
                .unwrap_or_else(|_| format!("'{to}'")),
        }
    }

    /// Removes the links of the objective `node` (all of them, when the objective goes)
    /// or only those to its key result `key_result`, and says who became unaligned.
    fn remove_links_around(&mut self, node: NodeIndex, key_result: Option<&str>) -> Removal {
        let incoming = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| key_result.is_none_or(|id| e.weight().link.to == id));
        let outgoing = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|_| key_result.is_none());
        let mut doomed: Vec<(u64, EdgeIndex)> = incoming
            .chain(outgoing)
            .map(|e| (e.weight().order, e.id()))
            .collect();
        doomed.sort();
        doomed.dedup();
        let mut removal = Removal {
            unaligned: Vec::new(),
            removed_links: Vec::new(),
        };
        for (_, edge) in doomed {
            let source = self.graph.edge_endpoints(edge).map(|(s, _)| s);
            if let Some(weight) = self.graph.remove_edge(edge) {
                if weight.link.kind == LinkKind::Hard && source != Some(node) {
                    removal.unaligned.push(weight.link.from.clone());
                }
                removal.removed_links.push(weight.link);
            }
        }
        removal
    }

    fn title_of(&self, node: NodeIndex) -> String {
        self.graph
            .node_weight(node)
            .map(|n| n.objective.title.clone())
            .unwrap_or_default()
    }

    /// "'Win the Nordic market'" or "'Nordic ARR' (a key result of 'Win the Nordic market')".
    fn describe_target(&self, target: Target<'_>) -> String {
        match target.key_result {
            None => format!("'{}'", self.title_of(target.node)),
            Some(key_result) => format!(
                "'{}' (a key result of '{}')",
                key_result.title,
                self.title_of(target.node)
            ),
        }
    }
}

fn violation(path: &JsonPath<'_>, error: impl Into<RuleError>) -> RuleViolation {
    RuleViolation {
        path: path.to_string(),
        error: error.into(),
    }
}

fn check_link_note(link: &Link) -> Result<(), LinkError> {
    first_field_error(|report| super::model::check_link_fields(&JsonPath::Root, link, report))
        .map_err(LinkError::Invalid)
}

/// Runs a field check and keeps its first complaint, for operations that change one
/// thing and refuse with one reason.
fn first_field_error(
    check: impl FnOnce(&mut dyn FnMut(&JsonPath<'_>, FieldError)),
) -> Result<(), FieldError> {
    let mut first = None;
    check(&mut |_, error| {
        if first.is_none() {
            first = Some(error);
        }
    });
    match first {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
