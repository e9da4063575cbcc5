//! Automatic placement of cards on the canvas.
//!
//! People arrange their canvas by hand, but a freshly imported file, a new cycle or a
//! "tidy up" needs positions nobody chose. This module computes them: a top-down tidy
//! tree over the hard links (company objectives on top, each level of the organisation
//! on its own row, every parent centred over its children), and the unaligned
//! objectives grouped by team in columns beside the tree.
//!
//! The input is plain numbers ([`LayoutNode`]): card sizes come from the UI, which is
//! the only part that knows them, and the algorithm does not depend on the document
//! types. [`layout_document`] adapts a [`Document`] to it.
//!
//! Invariants: the result is deterministic (same input, same output; ties follow input
//! order), no placed card overlaps another card, cards with a position keep it (unless
//! the caller asks to tidy up everything), and the running time is linear in the number
//! of cards (Walker's algorithm in the linear-time form of Buchheim, Jünger and
//! Leipert, 2002). Cards of one row share a row height (the tallest card of that row),
//! so cards of different heights never reach into the next row.
//!
//! What it does not do: route link curves, or avoid overlaps among cards that people
//! placed themselves.

use std::collections::BTreeMap;

use super::model::{Document, LinkKind, Objective, Position};

/// A point on the canvas, in canvas units; for a card, its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One card to place, described only by what the layout needs.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNode {
    pub width: f64,
    pub height: f64,
    /// Index of the card this one hard-links to (its parent in the tree).
    pub hard_parent: Option<usize>,
    /// Unaligned cards with the same group (their team) share a column.
    pub group: usize,
    /// The level of the card's team: 0 company, 1 department, 2 team, 3 individual
    /// (larger values count as 3). Cards of one rank share a row.
    pub rank: u8,
    /// Where the card already is, if it has been placed.
    pub fixed: Option<Point>,
}

/// Spacing of the layout, in canvas units.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Horizontal space between cards with the same parent.
    pub sibling_gap: f64,
    /// Horizontal space between neighbouring cards of different parents.
    pub subtree_gap: f64,
    /// Vertical space between rows of the tree.
    pub row_gap: f64,
    /// Vertical space between the cards of one team's column of unaligned objectives.
    pub stack_gap: f64,
    /// Horizontal space between two teams' columns of unaligned objectives.
    pub column_gap: f64,
    /// Space between the tree and the unaligned columns, and between the cards people
    /// placed and the block of newly placed cards.
    pub block_gap: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            sibling_gap: 24.0,
            subtree_gap: 48.0,
            row_gap: 96.0,
            stack_gap: 16.0,
            column_gap: 32.0,
            block_gap: 160.0,
        }
    }
}

/// Which cards the layout may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutMode {
    /// Cards that have a position keep it; only the others are placed, below the cards
    /// that are already there.
    PlaceUnplaced,
    /// Every card is placed afresh ("tidy up").
    TidyAll,
}

/// Places the cards and returns the top-left corner of each, in input order.
///
/// Never panics: out-of-range or cyclic parents are treated as absent, and sizes or
/// positions that are not finite numbers are treated as zero and as unplaced.
pub fn layout(nodes: &[LayoutNode], options: &LayoutOptions, mode: LayoutMode) -> Vec<Point> {
    let count = nodes.len();
    let width: Vec<f64> = nodes.iter().map(|n| non_negative(n.width)).collect();
    let height: Vec<f64> = nodes.iter().map(|n| non_negative(n.height)).collect();
    let fixed: Vec<Option<Point>> = nodes
        .iter()
        .map(|n| match (mode, n.fixed) {
            (LayoutMode::PlaceUnplaced, Some(p)) if p.x.is_finite() && p.y.is_finite() => Some(p),
            _ => None,
        })
        .collect();

    let parent = acyclic_parents(nodes);
    let mut has_children = vec![false; count];
    for p in parent.iter().flatten() {
        has_children[*p] = true;
    }

    // The cards to place form a forest: a card whose parent keeps its position becomes
    // the root of its own tree in the block of new cards.
    let mut tree_roots = Vec::new();
    let mut unaligned = Vec::new();
    for v in 0..count {
        if fixed[v].is_some() {
            continue;
        }
        match parent[v] {
            Some(p) if fixed[p].is_none() => {}
            Some(_) => tree_roots.push(v),
            None if nodes[v].rank > 0 && !has_children[v] => unaligned.push(v),
            None => tree_roots.push(v),
        }
    }
    // Company trees first, then the other trees; input order within each.
    tree_roots.sort_by_key(|&v| nodes[v].rank > 0);

    let mut positions = vec![Point { x: 0.0, y: 0.0 }; count];
    let tree = TidyTree::build(nodes, &width, &parent, &fixed, &tree_roots);
    let tree_right = tree.place(&width, &height, options, &mut positions);

    let columns_left = match tree_right {
        Some(right) => right + options.block_gap,
        None => 0.0,
    };
    place_unaligned_columns(
        nodes,
        &width,
        &height,
        &unaligned,
        columns_left,
        options,
        &mut positions,
    );

    // The new block goes below everything that people placed, so it cannot cover it.
    let placed_box =
        bounding_box((0..count).filter_map(|v| fixed[v].map(|p| (p, width[v], height[v]))));
    if let Some((min, max)) = placed_box {
        let dy = max.y + options.block_gap;
        for v in 0..count {
            if fixed[v].is_none() {
                positions[v].x += min.x;
                positions[v].y += dy;
            }
        }
    }
    for v in 0..count {
        if let Some(p) = fixed[v] {
            positions[v] = p;
        }
    }
    positions
}

/// Places every objective of `doc` and returns the position of each by id, for the
/// document's `layout` map. `size_of` gives a card's width and height as the UI
/// draws it. In [`LayoutMode::PlaceUnplaced`], objectives listed in `doc.layout` keep
/// their position.
pub fn layout_document(
    doc: &Document,
    size_of: &dyn Fn(&Objective) -> (f64, f64),
    options: &LayoutOptions,
    mode: LayoutMode,
) -> BTreeMap<String, Position> {
    let nodes = layout_nodes(doc, size_of);
    let points = layout(&nodes, options, mode);
    doc.objectives
        .iter()
        .zip(points)
        .map(|(objective, p)| (objective.id.clone(), Position { x: p.x, y: p.y }))
        .collect()
}

/// Describes the objectives of `doc` as layout input, in the document's order.
pub fn layout_nodes(doc: &Document, size_of: &dyn Fn(&Objective) -> (f64, f64)) -> Vec<LayoutNode> {
    let mut team_index: IdMap<(usize, u8)> = IdMap::default();
    for (i, team) in doc.teams.iter().enumerate() {
        team_index.insert(team.id.as_str(), (i, team.level.rank()));
    }
    // A hard link may point at a key result; the card it hangs under is the key
    // result's objective.
    let mut card_of: IdMap<usize> = IdMap::default();
    for (i, objective) in doc.objectives.iter().enumerate() {
        card_of.insert(objective.id.as_str(), i);
        for key_result in &objective.key_results {
            card_of.insert(key_result.id.as_str(), i);
        }
    }
    let mut hard_parent: Vec<Option<usize>> = vec![None; doc.objectives.len()];
    for link in doc.links.iter().filter(|l| l.kind == LinkKind::Hard) {
        if let (Some(&from), Some(&to)) = (
            card_of.get(link.from.as_str()),
            card_of.get(link.to.as_str()),
        ) {
            if from != to && hard_parent[from].is_none() {
                hard_parent[from] = Some(to);
            }
        }
    }
    doc.objectives
        .iter()
        .zip(hard_parent)
        .map(|(objective, hard_parent)| {
            let (width, height) = size_of(objective);
            let (group, rank) = team_index
                .get(objective.team.as_str())
                .copied()
                .unwrap_or((doc.teams.len(), 0));
            LayoutNode {
                width,
                height,
                hard_parent,
                group,
                rank,
                fixed: doc
                    .layout
                    .get(&objective.id)
                    .map(|p| Point { x: p.x, y: p.y }),
            }
        })
        .collect()
}

/// A map keyed by ids borrowed from the document.
type IdMap<'a, V> = super::model::IdMap<&'a str, V>;

fn non_negative(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

/// The hard parent of each card, with out-of-range parents and cycles removed (a cycle
/// is cut where it is first found), so that the parents always form a forest.
fn acyclic_parents(nodes: &[LayoutNode]) -> Vec<Option<usize>> {
    let count = nodes.len();
    let mut parent: Vec<Option<usize>> = nodes
        .iter()
        .enumerate()
        .map(|(v, n)| n.hard_parent.filter(|&p| p < count && p != v))
        .collect();

    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; count];
    let mut path = Vec::new();
    for start in 0..count {
        let mut v = start;
        while state[v] == UNSEEN {
            state[v] = ON_PATH;
            path.push(v);
            match parent[v] {
                Some(p) if state[p] == ON_PATH => {
                    parent[v] = None;
                    break;
                }
                Some(p) => v = p,
                None => break,
            }
        }
        for w in path.drain(..) {
            state[w] = DONE;
        }
    }
    parent
}

fn bounding_box(cards: impl Iterator<Item = (Point, f64, f64)>) -> Option<(Point, Point)> {
    cards.fold(None, |acc, (p, w, h)| {
        let (min, max) = acc.unwrap_or((p, p));
        Some((
            Point {
                x: min.x.min(p.x),
                y: min.y.min(p.y),
            },
            Point {
                x: max.x.max(p.x + w),
                y: max.y.max(p.y + h),
            },
        ))
    })
}

/// One column per team, in group order, each card under the previous one.
fn place_unaligned_columns(
    nodes: &[LayoutNode],
    width: &[f64],
    height: &[f64],
    unaligned: &[usize],
    left: f64,
    options: &LayoutOptions,
    positions: &mut [Point],
) {
    let mut by_group = unaligned.to_vec();
    by_group.sort_by_key(|&v| nodes[v].group);
    let mut x = left;
    let mut column = by_group.as_slice();
    while let Some(&first) = column.first() {
        let group = nodes[first].group;
        let len = column
            .iter()
            .position(|&v| nodes[v].group != group)
            .unwrap_or(column.len());
        let (cards, rest) = column.split_at(len);
        let mut y = 0.0;
        let mut column_width: f64 = 0.0;
        for &v in cards {
            positions[v] = Point { x, y };
            y += height[v] + options.stack_gap;
            column_width = column_width.max(width[v]);
        }
        x += column_width + options.column_gap;
        column = rest;
    }
}

/// The rank of an individual, the lowest level of the organisation.
const LOWEST_RANK: u8 = 3;

/// Marks an internal tree node that stands for no card.
const NO_CARD: usize = usize::MAX;

/// The forest to lay out, in the shape Walker's algorithm wants: one virtual root
/// above all trees, and every card exactly one row below its parent. Where a hard link
/// skips a level (a team objective under a company objective), invisible zero-width
/// nodes fill the skipped rows, so that the contours the algorithm compares are the
/// rows the cards are drawn in.
///
/// Nodes are numbered in breadth-first order, so the children of a node are a
/// contiguous range and every parent comes before its children.
struct TidyTree {
    /// The card a node stands for, or [`NO_CARD`] for the virtual root and fillers.
    card: Vec<usize>,
    parent: Vec<usize>,
    first_child: Vec<usize>,
    child_count: Vec<usize>,
    /// Row of the node; the virtual root is row 0, the company row is row 1.
    row: Vec<usize>,
    width: Vec<f64>,
}

impl TidyTree {
    fn build(
        nodes: &[LayoutNode],
        card_width: &[f64],
        card_parent: &[Option<usize>],
        fixed: &[Option<Point>],
        roots: &[usize],
    ) -> Self {
        let count = nodes.len();
        // Children of each card among the cards to place, in input order.
        let mut card_child_start = vec![0usize; count + 1];
        for (v, p) in card_parent.iter().enumerate() {
            if let Some(p) = *p {
                if fixed[v].is_none() && fixed[p].is_none() {
                    card_child_start[p + 1] += 1;
                }
            }
        }
        for v in 0..count {
            card_child_start[v + 1] += card_child_start[v];
        }
        let mut next_slot = card_child_start.clone();
        let mut card_children = vec![0usize; card_child_start[count]];
        for (v, p) in card_parent.iter().enumerate() {
            if let Some(p) = *p {
                if fixed[v].is_none() && fixed[p].is_none() {
                    card_children[next_slot[p]] = v;
                    next_slot[p] += 1;
                }
            }
        }

        let mut tree = TidyTree {
            card: vec![NO_CARD],
            parent: vec![0],
            first_child: vec![0],
            child_count: vec![0],
            row: vec![0],
            width: vec![0.0],
        };
        // For a filler node: the card at the end of its chain.
        let mut filler_target: Vec<usize> = vec![NO_CARD];

        let mut current = 0;
        while current < tree.card.len() {
            tree.first_child[current] = tree.card.len();
            let card = tree.card[current];
            let row = tree.row[current];
            let filler_child = [filler_target[current]];
            let children: &[usize] = if current == 0 {
                roots
            } else if card != NO_CARD {
                &card_children[card_child_start[card]..card_child_start[card + 1]]
            } else {
                &filler_child
            };
            for &child in children {
                // Clamping bounds the fillers to three per card whatever the input says.
                let rank = nodes[child].rank.min(LOWEST_RANK);
                let child_row = (usize::from(rank) + 1).max(row + 1);
                let (node_card, node_width) = if child_row == row + 1 {
                    (child, card_width[child])
                } else {
                    (NO_CARD, 0.0)
                };
                tree.card.push(node_card);
                tree.parent.push(current);
                tree.first_child.push(0);
                tree.child_count.push(0);
                tree.row.push(row + 1);
                tree.width.push(node_width);
                filler_target.push(if node_card == NO_CARD { child } else { NO_CARD });
                tree.child_count[current] += 1;
            }
            current += 1;
        }
        tree
    }

    fn len(&self) -> usize {
        self.card.len()
    }

    /// Places the tree's cards with their top-left corners, the leftmost card at x = 0
    /// and the top row at y = 0. Returns the right edge of the tree, or `None` when it
    /// holds no card.
    fn place(
        &self,
        card_width: &[f64],
        card_height: &[f64],
        options: &LayoutOptions,
        positions: &mut [Point],
    ) -> Option<f64> {
        if self.len() <= 1 {
            return None;
        }
        let centre = Walker::new(self, options).centres();

        let rows = self.row.iter().copied().max().unwrap_or(0) + 1;
        let mut row_height = vec![0.0f64; rows];
        let mut row_has_card = vec![false; rows];
        let mut left = f64::INFINITY;
        let mut right = f64::NEG_INFINITY;
        for ((&card, &row), &x) in self.card.iter().zip(&self.row).zip(&centre).skip(1) {
            if card != NO_CARD {
                row_height[row] = row_height[row].max(card_height[card]);
                row_has_card[row] = true;
                left = left.min(x - card_width[card] / 2.0);
                right = right.max(x + card_width[card] / 2.0);
            }
        }
        // Rows that hold only fillers take no space.
        let mut row_top = vec![0.0f64; rows];
        for row in 1..rows {
            row_top[row] = row_top[row - 1];
            if row_has_card[row - 1] {
                row_top[row] += row_height[row - 1] + options.row_gap;
            }
        }
        for node in 1..self.len() {
            let card = self.card[node];
            if card != NO_CARD {
                positions[card] = Point {
                    x: centre[node] - card_width[card] / 2.0 - left,
                    y: row_top[self.row[node]],
                };
            }
        }
        Some(right - left)
    }
}

/// The state of Walker's algorithm as Buchheim, Jünger and Leipert made it linear:
/// preliminary x of each node's centre, the shift (`modifier`) its subtree still owes,
/// threads along the contours, and the deferred shifts of the "apportion" step.
struct Walker<'a> {
    tree: &'a TidyTree,
    options: &'a LayoutOptions,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    thread: Vec<usize>,
    ancestor: Vec<usize>,
    change: Vec<f64>,
    shift: Vec<f64>,
}

/// No thread.
const NONE: usize = usize::MAX;

impl<'a> Walker<'a> {
    fn new(tree: &'a TidyTree, options: &'a LayoutOptions) -> Self {
        let n = tree.len();
        Walker {
            tree,
            options,
            prelim: vec![0.0; n],
            modifier: vec![0.0; n],
            thread: vec![NONE; n],
            ancestor: (0..n).collect(),
            change: vec![0.0; n],
            shift: vec![0.0; n],
        }
    }

    /// The final x of every node's centre.
    fn centres(mut self) -> Vec<f64> {
        self.first_walk();
        let tree = self.tree;
        let mut offset = vec![0.0; tree.len()];
        let mut centre = vec![0.0; tree.len()];
        // Breadth-first numbering: a parent's offset is known before its children's.
        for v in 0..tree.len() {
            centre[v] = self.prelim[v] + offset[v];
            let below = offset[v] + self.modifier[v];
            for child in self.children(v) {
                offset[child] = below;
            }
        }
        centre
    }

    fn children(&self, v: usize) -> std::ops::Range<usize> {
        let first = self.tree.first_child[v];
        first..first + self.tree.child_count[v]
    }

    fn is_leaf(&self, v: usize) -> bool {
        self.tree.child_count[v] == 0
    }

    fn left_sibling(&self, v: usize) -> Option<usize> {
        (v != 0 && v > self.tree.first_child[self.tree.parent[v]]).then(|| v - 1)
    }

    fn leftmost_sibling(&self, v: usize) -> usize {
        self.tree.first_child[self.tree.parent[v]]
    }

    /// 1-based position among its siblings.
    fn number(&self, v: usize) -> usize {
        v - self.leftmost_sibling(v) + 1
    }

    fn next_left(&self, v: usize) -> usize {
        if self.is_leaf(v) {
            self.thread[v]
        } else {
            self.tree.first_child[v]
        }
    }

    fn next_right(&self, v: usize) -> usize {
        if self.is_leaf(v) {
            self.thread[v]
        } else {
            self.tree.first_child[v] + self.tree.child_count[v] - 1
        }
    }

    /// Minimum distance between the centres of two neighbours in one row.
    fn distance(&self, left: usize, right: usize) -> f64 {
        let gap = if self.tree.parent[left] == self.tree.parent[right] {
            self.options.sibling_gap
        } else {
            self.options.subtree_gap
        };
        (self.tree.width[left] + self.tree.width[right]) / 2.0 + gap
    }

    /// The post-order pass, without recursion so that deep trees cannot overflow the
    /// stack. Each child is apportioned as soon as its subtree is done, before its right
    /// sibling starts, exactly as in the recursive formulation.
    fn first_walk(&mut self) {
        struct Frame {
            node: usize,
            next_child: usize,
            default_ancestor: usize,
        }
        let mut stack = vec![Frame {
            node: 0,
            next_child: 0,
            default_ancestor: self.tree.first_child[0],
        }];
        while let Some(top) = stack.last_mut() {
            let v = top.node;
            if top.next_child < self.tree.child_count[v] {
                let child = self.tree.first_child[v] + top.next_child;
                top.next_child += 1;
                stack.push(Frame {
                    node: child,
                    next_child: 0,
                    default_ancestor: self.tree.first_child[child],
                });
                continue;
            }
            stack.pop();
            self.finish_node(v);
            if let Some(parent) = stack.last_mut() {
                parent.default_ancestor = self.apportion(v, parent.default_ancestor);
            }
        }
    }

    /// The part of the first walk that runs once all children of `v` are done.
    fn finish_node(&mut self, v: usize) {
        let left_sibling = self.left_sibling(v);
        if self.is_leaf(v) {
            self.prelim[v] = match left_sibling {
                Some(w) => self.prelim[w] + self.distance(w, v),
                None => 0.0,
            };
            return;
        }
        self.execute_shifts(v);
        let first = self.tree.first_child[v];
        let last = first + self.tree.child_count[v] - 1;
        let midpoint = (self.prelim[first] + self.prelim[last]) / 2.0;
        match left_sibling {
            Some(w) => {
                self.prelim[v] = self.prelim[w] + self.distance(w, v);
                self.modifier[v] = self.prelim[v] - midpoint;
            }
            None => self.prelim[v] = midpoint,
        }
    }

    /// Pushes the subtree of `v` right until it clears the subtrees of its left
    /// siblings, row by row along their facing contours, and spreads the shift over the
    /// siblings in between.
    fn apportion(&mut self, v: usize, default_ancestor: usize) -> usize {
        let Some(w) = self.left_sibling(v) else {
            return default_ancestor;
        };
        let mut default_ancestor = default_ancestor;
        let (mut vip, mut vop) = (v, v);
        let mut vim = w;
        let mut vom = self.leftmost_sibling(v);
        let mut sip = self.modifier[vip];
        let mut sop = self.modifier[vop];
        let mut sim = self.modifier[vim];
        let mut som = self.modifier[vom];
        while self.next_right(vim) != NONE && self.next_left(vip) != NONE {
            vim = self.next_right(vim);
            vip = self.next_left(vip);
            vom = self.next_left(vom);
            vop = self.next_right(vop);
            self.ancestor[vop] = v;
            let shift =
                (self.prelim[vim] + sim) - (self.prelim[vip] + sip) + self.distance(vim, vip);
            if shift > 0.0 {
                let from = self.ancestor_of(vim, v, default_ancestor);
                self.move_subtree(from, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.modifier[vim];
            sip += self.modifier[vip];
            som += self.modifier[vom];
            sop += self.modifier[vop];
        }
        if self.next_right(vim) != NONE && self.next_right(vop) == NONE {
            self.thread[vop] = self.next_right(vim);
            self.modifier[vop] += sim - sop;
        }
        if self.next_left(vip) != NONE && self.next_left(vom) == NONE {
            self.thread[vom] = self.next_left(vip);
            self.modifier[vom] += sip - som;
            default_ancestor = v;
        }
        default_ancestor
    }

    fn ancestor_of(&self, vim: usize, v: usize, default_ancestor: usize) -> usize {
        let candidate = self.ancestor[vim];
        if self.tree.parent[candidate] == self.tree.parent[v] {
            candidate
        } else {
            default_ancestor
        }
    }

    fn move_subtree(&mut self, wm: usize, wp: usize, shift: f64) {
        // The siblings between `wm` and `wp` take their share of the shift later, in
        // `execute_shifts`.
        let between = self.number(wp).saturating_sub(self.number(wm));
        if between > 0 {
            let share = shift / between as f64;
            self.change[wp] -= share;
            self.change[wm] += share;
        }
        self.shift[wp] += shift;
        self.prelim[wp] += shift;
        self.modifier[wp] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let mut shift = 0.0;
        let mut change = 0.0;
        for w in self.children(v).rev() {
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(rank: u8, hard_parent: Option<usize>) -> LayoutNode {
        LayoutNode {
            width: 200.0,
            height: 100.0,
            hard_parent,
            group: 0,
            rank,
            fixed: None,
        }
    }

    fn sized(width: f64, height: f64, rank: u8, hard_parent: Option<usize>) -> LayoutNode {
        LayoutNode {
            width,
            height,
            ..card(rank, hard_parent)
        }
    }

    fn centre_x(nodes: &[LayoutNode], at: &[Point], v: usize) -> f64 {
        at[v].x + nodes[v].width / 2.0
    }

    /// Pairs of cards whose rectangles share more than a rounding error of area.
    fn overlapping_pairs(nodes: &[LayoutNode], at: &[Point]) -> Vec<(usize, usize)> {
        const SLACK: f64 = 1e-6;
        let mut pairs = Vec::new();
        for a in 0..nodes.len() {
            for b in a + 1..nodes.len() {
                let overlap_x =
                    (at[a].x + nodes[a].width).min(at[b].x + nodes[b].width) - at[a].x.max(at[b].x);
                let overlap_y = (at[a].y + nodes[a].height).min(at[b].y + nodes[b].height)
                    - at[a].y.max(at[b].y);
                if overlap_x > SLACK && overlap_y > SLACK {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }

    /// A company objective with two departments, the first with two teams.
    fn small_tree() -> Vec<LayoutNode> {
        vec![
            card(0, None),
            card(1, Some(0)),
            card(1, Some(0)),
            card(2, Some(1)),
            card(2, Some(1)),
        ]
    }

    #[test]
    fn parents_sit_above_their_children_and_centred_over_them() {
        let nodes = small_tree();
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
        for (child, parent) in [(1, 0), (2, 0), (3, 1), (4, 1)] {
            assert!(at[parent].y + nodes[parent].height < at[child].y);
        }
        let midpoint = |a, b| (centre_x(&nodes, &at, a) + centre_x(&nodes, &at, b)) / 2.0;
        assert!((centre_x(&nodes, &at, 0) - midpoint(1, 2)).abs() < 1e-9);
        assert!((centre_x(&nodes, &at, 1) - midpoint(3, 4)).abs() < 1e-9);
        assert!(overlapping_pairs(&nodes, &at).is_empty());
    }

    #[test]
    fn siblings_follow_input_order_with_the_sibling_gap() {
        let nodes = small_tree();
        let options = LayoutOptions::default();
        let at = layout(&nodes, &options, LayoutMode::TidyAll);
        assert!(at[3].x < at[4].x);
        assert!((at[4].x - (at[3].x + nodes[3].width) - options.sibling_gap).abs() < 1e-9);
        assert_eq!(at[0].y, 0.0, "the company row is the top row");
        let leftmost = at.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
        assert_eq!(leftmost, 0.0, "the layout starts at the origin");
    }

    #[test]
    fn each_level_has_its_own_row_even_when_a_link_skips_one() {
        // A team objective hard-linked straight to the company sits in the team row.
        let nodes = vec![
            card(0, None),
            card(1, Some(0)),
            card(2, Some(1)),
            card(2, Some(0)),
        ];
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
        assert_eq!(at[2].y, at[3].y);
        assert!(at[1].y < at[3].y);
        assert!(overlapping_pairs(&nodes, &at).is_empty());
    }

    #[test]
    fn taller_cards_push_the_next_row_down() {
        let options = LayoutOptions::default();
        let nodes = vec![
            sized(200.0, 100.0, 0, None),
            sized(200.0, 400.0, 1, Some(0)),
            sized(200.0, 60.0, 1, Some(0)),
            sized(200.0, 60.0, 2, Some(2)),
        ];
        let at = layout(&nodes, &options, LayoutMode::TidyAll);
        assert_eq!(at[1].y, at[2].y, "one row is top-aligned");
        assert_eq!(at[3].y, at[1].y + 400.0 + options.row_gap);
    }

    #[test]
    fn unaligned_objectives_stand_in_team_columns_beside_the_tree() {
        let options = LayoutOptions::default();
        let mut nodes = small_tree();
        let unaligned = |group| LayoutNode {
            group,
            ..card(2, None)
        };
        nodes.extend([unaligned(7), unaligned(3), unaligned(7)]);
        let at = layout(&nodes, &options, LayoutMode::TidyAll);
        let tree_right = (0..5)
            .map(|v| at[v].x + nodes[v].width)
            .fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(
            at[6].x,
            tree_right + options.block_gap,
            "group 3 comes first"
        );
        assert_eq!(at[5].x, at[7].x, "one column per team");
        assert!(at[5].x > at[6].x);
        assert_eq!(at[5].y, 0.0);
        assert_eq!(
            at[7].y,
            nodes[5].height + options.stack_gap,
            "input order within a team"
        );
        assert!(overlapping_pairs(&nodes, &at).is_empty());
    }

    #[test]
    fn an_unaligned_objective_with_children_is_laid_out_as_a_tree() {
        let nodes = vec![card(0, None), card(1, None), card(2, Some(1))];
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
        assert!(at[1].y < at[2].y);
        assert!((centre_x(&nodes, &at, 1) - centre_x(&nodes, &at, 2)).abs() < 1e-9);
    }

    #[test]
    fn placed_cards_keep_their_position_and_new_ones_go_below() {
        let options = LayoutOptions::default();
        let mut nodes = small_tree();
        nodes[0].fixed = Some(Point { x: 500.0, y: -40.0 });
        nodes[1].fixed = Some(Point { x: 300.0, y: 200.0 });
        let at = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
        assert_eq!(at[0], Point { x: 500.0, y: -40.0 });
        assert_eq!(at[1], Point { x: 300.0, y: 200.0 });
        for (v, p) in at.iter().enumerate().skip(2) {
            assert!(
                p.y >= 300.0 + options.block_gap,
                "card {v} is below the placed ones"
            );
            assert!(p.x >= 300.0);
        }
        // The children of a placed card still form their own tidy row.
        assert_eq!(at[3].y, at[4].y);
        assert!(overlapping_pairs(&nodes, &at).is_empty());

        let tidy = layout(&nodes, &options, LayoutMode::TidyAll);
        assert_eq!(tidy, layout(&small_tree(), &options, LayoutMode::TidyAll));
    }

    #[test]
    fn when_every_card_is_placed_nothing_moves() {
        let mut nodes = small_tree();
        for (i, node) in nodes.iter_mut().enumerate() {
            node.fixed = Some(Point {
                x: i as f64 * 7.0,
                y: 3.0,
            });
        }
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::PlaceUnplaced);
        let expected: Vec<Point> = nodes.iter().filter_map(|n| n.fixed).collect();
        assert_eq!(at, expected);
    }

    #[test]
    fn bad_input_is_tolerated() {
        let mut nodes = vec![
            card(1, Some(1)),
            card(1, Some(2)),
            card(1, Some(0)),
            card(0, Some(99)),
            card(2, Some(4)),
            sized(f64::NAN, f64::INFINITY, 2, None),
        ];
        nodes[4].fixed = Some(Point {
            x: f64::NAN,
            y: 0.0,
        });
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::PlaceUnplaced);
        assert_eq!(at.len(), nodes.len());
        assert!(at.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        assert!(layout(&[], &LayoutOptions::default(), LayoutMode::TidyAll).is_empty());
    }

    #[test]
    fn ranks_below_the_lowest_level_share_its_row() {
        let nodes = vec![card(0, None), card(200, Some(0)), card(3, Some(0))];
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
        assert_eq!(at[1].y, at[2].y);
    }

    #[test]
    fn a_deep_chain_does_not_exhaust_the_stack() {
        let nodes: Vec<LayoutNode> = (0..50_000)
            .map(|i| card(3, if i == 0 { None } else { Some(i - 1) }))
            .collect();
        let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
        assert!(at[49_999].y > at[0].y);
    }

    #[test]
    fn the_sample_canvas_imports_cleanly_and_lays_out_without_overlap() {
        let file = include_str!("../../public/examples/acme.okr.json");
        let doc = match crate::domain::import::import(file.as_bytes()) {
            Ok(imported) => {
                assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
                imported.document
            }
            Err(failure) => panic!("{failure}"),
        };
        let size =
            |objective: &Objective| (260.0, 60.0 + 24.0 * objective.key_results.len() as f64);
        let options = LayoutOptions::default();
        let positions = layout_document(&doc, &size, &options, LayoutMode::PlaceUnplaced);
        assert_eq!(positions.len(), doc.objectives.len());

        let nodes = layout_nodes(&doc, &size);
        let at: Vec<Point> = doc
            .objectives
            .iter()
            .map(|o| {
                let p = positions[&o.id];
                Point { x: p.x, y: p.y }
            })
            .collect();
        assert!(overlapping_pairs(&nodes, &at).is_empty());
        let index = |id: &str| doc.objectives.iter().position(|o| o.id == id);
        let (Some(company), Some(team), Some(unaligned)) = (
            index("o-grow-arr"),
            index("o-ent-pipeline"),
            index("o-mkt-brand"),
        ) else {
            panic!("the sample has changed");
        };
        // A hard link to a key result hangs the card under the key result's objective.
        assert_eq!(nodes[team].hard_parent, index("o-rev-enterprise"));
        assert!(at[company].y < at[team].y);
        let tree_right = (0..nodes.len())
            .filter(|&v| nodes[v].hard_parent.is_some() || nodes[v].rank == 0)
            .map(|v| at[v].x + nodes[v].width)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(
            at[unaligned].x > tree_right,
            "unaligned objectives stand beside the tree"
        );
    }

    // Property tests run on the host only; the browser build has no proptest.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A random forest: each card may hang under an earlier card of a higher level.
        fn forest() -> impl Strategy<Value = Vec<LayoutNode>> {
            prop::collection::vec(
                (
                    0u8..4,
                    any::<prop::sample::Index>(),
                    any::<bool>(),
                    20.0f64..400.0,
                    20.0f64..300.0,
                    0usize..4,
                    prop::option::weighted(0.1, (-2000.0f64..2000.0, -2000.0f64..2000.0)),
                ),
                0..80,
            )
            .prop_map(|specs| {
                let mut nodes: Vec<LayoutNode> = Vec::with_capacity(specs.len());
                for (rank, pick, linked, width, height, group, fixed) in specs {
                    let higher: Vec<usize> =
                        (0..nodes.len()).filter(|&p| nodes[p].rank < rank).collect();
                    let hard_parent =
                        (linked && !higher.is_empty()).then(|| higher[pick.index(higher.len())]);
                    nodes.push(LayoutNode {
                        width,
                        height,
                        hard_parent,
                        group,
                        rank,
                        fixed: fixed.map(|(x, y)| Point { x, y }),
                    });
                }
                nodes
            })
        }

        proptest! {
            #[test]
            fn tidy_layouts_never_overlap_and_keep_parents_above(nodes in forest()) {
                let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
                prop_assert_eq!(overlapping_pairs(&nodes, &at), vec![]);
                for (v, node) in nodes.iter().enumerate() {
                    if let Some(p) = node.hard_parent {
                        prop_assert!(at[p].y + nodes[p].height < at[v].y);
                    }
                }
            }

            #[test]
            fn parents_are_centred_over_their_children(nodes in forest()) {
                let at = layout(&nodes, &LayoutOptions::default(), LayoutMode::TidyAll);
                for p in 0..nodes.len() {
                    let children: Vec<usize> =
                        (0..nodes.len()).filter(|&v| nodes[v].hard_parent == Some(p)).collect();
                    if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
                        let midpoint =
                            (centre_x(&nodes, &at, first) + centre_x(&nodes, &at, last)) / 2.0;
                        prop_assert!((centre_x(&nodes, &at, p) - midpoint).abs() < 1e-6);
                    }
                }
            }

            #[test]
            fn new_cards_never_cover_placed_ones_and_placed_ones_stay(nodes in forest()) {
                let options = LayoutOptions::default();
                let at = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
                for (v, node) in nodes.iter().enumerate() {
                    if let Some(p) = node.fixed {
                        prop_assert_eq!(at[v], p);
                    }
                }
                let new_or_overlapping_new = overlapping_pairs(&nodes, &at)
                    .into_iter()
                    .filter(|&(a, b)| nodes[a].fixed.is_none() || nodes[b].fixed.is_none())
                    .collect::<Vec<_>>();
                prop_assert_eq!(new_or_overlapping_new, vec![]);
            }

            #[test]
            fn the_same_input_gives_the_same_layout(nodes in forest()) {
                let options = LayoutOptions::default();
                let first = layout(&nodes, &options, LayoutMode::PlaceUnplaced);
                let again = layout(&nodes.clone(), &options, LayoutMode::PlaceUnplaced);
                prop_assert_eq!(first, again);
            }
        }
    }
}
