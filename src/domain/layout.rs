//! Automatic placement of cards on the canvas.
//!
//! People arrange their canvas by hand, but a freshly imported file, a new cycle or a
//! "tidy up" needs positions nobody chose. This module computes them, shaped for the
//! window the map will be shown in, so that a whole organisation fits it legibly:
//!
//! - every card sits in the row of its team's level (company, departments, teams,
//!   individuals), whatever its links, and below its hard parent;
//! - the leaf children of one parent stack in a column (several columns when there are
//!   many) under it, as org charts do in their compact mode, instead of spreading into
//!   one long row;
//! - a parent stands centred over the first row of what hangs under it;
//! - where a row of subtrees would be far wider than the window allows, it wraps: the
//!   subtrees that do not fit continue in a band of level rows further down, in order;
//! - unaligned objectives and mission OKRs stand in one tidy block after the trees, a
//!   stack per team, each in its level's row.
//!
//! The width at which rows wrap is chosen so that the map's bounding box comes close to
//! the aspect ratio the caller asks for (the window's), by a bisection over that width.
//!
//! The input is plain numbers ([`LayoutNode`]): card sizes come from the UI, which is
//! the only part that knows them, and the algorithm does not depend on the document
//! types. [`layout_document`] adapts a [`Document`] to it.
//!
//! Invariants: the result is deterministic (same input, same output; ties follow input
//! order), no placed card overlaps another card, cards with a position keep it (unless
//! the caller asks to tidy up everything), and the running time is O(n log W): one
//! linear arrangement per step of the bisection, a fixed number of steps (12). Cards of one
//! level row share its height (the tallest stack in it), so nothing reaches into the
//! next row.
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
    /// Unaligned cards with the same group (their team) share a stack.
    pub group: usize,
    /// The level of the card's team: 0 company, 1 department, 2 team, 3 individual
    /// (larger values count as 3). Cards of one rank share a row.
    pub rank: u8,
    /// Where the card already is, if it has been placed.
    pub fixed: Option<Point>,
}

/// Spacing and shape of the layout, in canvas units.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Horizontal space between stacks of cards that have no children.
    pub sibling_gap: f64,
    /// Horizontal space between subtrees.
    pub subtree_gap: f64,
    /// Vertical space between level rows.
    pub row_gap: f64,
    /// Vertical space between the cards of one stack.
    pub stack_gap: f64,
    /// Horizontal space between the columns of one stack.
    pub column_gap: f64,
    /// Vertical space between two bands of level rows (where a row wrapped), and
    /// between the cards people placed and the block of newly placed cards.
    pub block_gap: f64,
    /// The width over the height of the window the map is shown in: the layout
    /// shapes the map's bounding box close to it.
    pub aspect_ratio: f64,
    /// The most cards of one stack in one column; more make more columns.
    pub stack_depth: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            sibling_gap: 24.0,
            subtree_gap: 48.0,
            row_gap: 72.0,
            stack_gap: 16.0,
            column_gap: 24.0,
            block_gap: 120.0,
            aspect_ratio: 1.6,
            stack_depth: 4,
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

    let mut positions = vec![Point { x: 0.0, y: 0.0 }; count];
    let plan = Plan::new(nodes, &width, &height, &parent, &fixed, options);
    plan.place(options, &mut positions);

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
/// their position. Every position is within the file format's limit: a map that would
/// reach beyond it (only a window of an absurd shape, or cards placed at the very edge
/// with many more to place below them, could make one) is held at the edge.
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
        .map(|(objective, p)| {
            let position = Position { x: p.x, y: p.y }.within_limits();
            (objective.id.clone(), position)
        })
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

/// The rank of an individual, the lowest level of the organisation.
const LOWEST_RANK: u8 = 3;

/// Steps of the bisection over the wrapping width (on a log scale): from one
/// card to 400,000 units wide, the width is then within 0.2 % of the best
/// one, far finer than a card.
const WIDTH_SEARCH_STEPS: usize = 12;

/// Something that stands in a row under a parent (or at the top): a card with
/// everything under it, or a stack of leaf cards.
#[derive(Debug, Clone, Copy)]
enum Item {
    Tree(usize),
    Stack(usize),
}

/// Leaf cards of one parent and one level row, in columns of at most
/// `stack_depth` cards.
#[derive(Debug)]
struct Stack {
    row: usize,
    width: f64,
    members: Vec<usize>,
}

/// What the layout knows before choosing the wrapping width: which cards stand
/// under which, their level rows, and the stacks (whose shape does not depend on
/// the width).
struct Plan<'a> {
    width: &'a [f64],
    /// Level row of each card to place: its rank, or one below its parent's
    /// where a bad input has it otherwise.
    row: Vec<usize>,
    /// What stands under each card, in input order.
    items: Vec<Vec<Item>>,
    /// What stands at the top: trees (company ones first), then the unaligned stacks.
    top: Vec<Item>,
    stacks: Vec<Stack>,
    /// For a card in a stack: its offset from the stack's left edge and top.
    stack_x: Vec<f64>,
    stack_y: Vec<f64>,
    /// Cards with something under them, every parent before its children.
    parents_first: Vec<usize>,
    height: &'a [f64],
}

/// The result of arranging the plan for one wrapping width, relative to each
/// tree's own block.
struct Arrangement {
    /// Per card with items: where each item stands (x, band of level rows).
    item_at: Vec<Vec<(f64, usize)>>,
    /// Per card: its left edge within its block.
    card_x: Vec<f64>,
    block_width: Vec<f64>,
    block_bands: Vec<usize>,
    top_at: Vec<(f64, usize)>,
}

impl<'a> Plan<'a> {
    fn new(
        nodes: &[LayoutNode],
        width: &'a [f64],
        height: &'a [f64],
        parent: &[Option<usize>],
        fixed: &[Option<Point>],
        options: &LayoutOptions,
    ) -> Self {
        let count = nodes.len();
        let to_place = |v: usize| fixed[v].is_none();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
        for v in (0..count).filter(|&v| to_place(v)) {
            if let Some(p) = parent[v].filter(|&p| to_place(p)) {
                children[p].push(v);
            }
        }
        // A card whose parent keeps its position roots a tree of its own.
        let mut roots = Vec::new();
        let mut unaligned = Vec::new();
        for v in (0..count).filter(|&v| to_place(v)) {
            match parent[v] {
                Some(p) if to_place(p) => {}
                Some(_) => roots.push(v),
                None if nodes[v].rank > 0 && children[v].is_empty() => unaligned.push(v),
                None => roots.push(v),
            }
        }
        // Company trees first, then the other trees; input order within each.
        roots.sort_by_key(|&v| nodes[v].rank > 0);

        let rank = |v: usize| usize::from(nodes[v].rank.min(LOWEST_RANK));
        let mut plan = Plan {
            width,
            height,
            row: (0..count).map(rank).collect(),
            items: vec![Vec::new(); count],
            top: Vec::new(),
            stacks: Vec::new(),
            stack_x: vec![0.0; count],
            stack_y: vec![0.0; count],
            parents_first: Vec::new(),
        };
        // Breadth first from the roots: every parent's row is known before its
        // children's, and no recursion, however deep the tree.
        let mut queue: Vec<usize> = roots.clone();
        let mut next = 0;
        while next < queue.len() {
            let v = queue[next];
            next += 1;
            if children[v].is_empty() {
                continue;
            }
            plan.parents_first.push(v);
            let mut stack_of_row: Vec<(usize, usize)> = Vec::new();
            for &c in &children[v] {
                plan.row[c] = plan.row[c].max(plan.row[v] + 1);
                if children[c].is_empty() {
                    let row = plan.row[c];
                    let stack = match stack_of_row.iter().find(|(r, _)| *r == row) {
                        Some(&(_, stack)) => stack,
                        None => {
                            let stack = plan.new_stack(row);
                            stack_of_row.push((row, stack));
                            plan.items[v].push(Item::Stack(stack));
                            stack
                        }
                    };
                    plan.stacks[stack].members.push(c);
                } else {
                    plan.items[v].push(Item::Tree(c));
                    queue.push(c);
                }
            }
        }
        plan.top = roots.iter().map(|&v| Item::Tree(v)).collect();
        // A team's cards share a level; should the input say otherwise, each level
        // gets a stack of its own.
        unaligned.sort_by_key(|&v| (nodes[v].group, rank(v)));
        for team in
            unaligned.chunk_by(|&a, &b| (nodes[a].group, rank(a)) == (nodes[b].group, rank(b)))
        {
            let stack = plan.new_stack(rank(team[0]));
            plan.stacks[stack].members = team.to_vec();
            plan.top.push(Item::Stack(stack));
        }
        for stack in 0..plan.stacks.len() {
            plan.shape_stack(stack, options);
        }
        plan
    }

    fn new_stack(&mut self, row: usize) -> usize {
        self.stacks.push(Stack {
            row,
            width: 0.0,
            members: Vec::new(),
        });
        self.stacks.len() - 1
    }

    /// Columns of at most `stack_depth` cards, as even as they can be, left to right.
    fn shape_stack(&mut self, stack: usize, options: &LayoutOptions) {
        let members = &self.stacks[stack].members;
        let depth = options.stack_depth.max(1);
        let columns = members.len().div_ceil(depth).max(1);
        let per_column = members.len().div_ceil(columns).max(1);
        let mut x = 0.0;
        for column in members.chunks(per_column) {
            let mut y = 0.0;
            let mut column_width: f64 = 0.0;
            for &v in column {
                self.stack_x[v] = x;
                self.stack_y[v] = y;
                y += self.height[v] + options.stack_gap;
                column_width = column_width.max(self.width[v]);
            }
            x += column_width + options.column_gap;
        }
        self.stacks[stack].width = (x - options.column_gap).max(0.0);
    }

    /// Places every card for the wrapping width that brings the map's shape
    /// closest to the asked aspect ratio.
    fn place(&self, options: &LayoutOptions, positions: &mut [Point]) {
        let aspect = if options.aspect_ratio.is_finite() && options.aspect_ratio > 0.0 {
            options.aspect_ratio
        } else {
            LayoutOptions::default().aspect_ratio
        };
        let misfit = |(w, h): (f64, f64)| {
            if w > 0.0 && h > 0.0 {
                ((w / h) / aspect).ln().abs()
            } else {
                0.0
            }
        };
        let (one_row_width, one_row_height) = self.arrange_at(f64::INFINITY, options, positions);
        if one_row_height <= 0.0 || one_row_width / one_row_height <= aspect {
            return;
        }
        // Wider rows make a wider, lower map: bisect the width (on a log scale)
        // for the shape asked, and keep the best one tried.
        let mut low = self.width.iter().copied().fold(1.0, f64::max);
        let mut high = one_row_width.max(low);
        let mut best = (misfit((one_row_width, one_row_height)), f64::INFINITY);
        for _ in 0..WIDTH_SEARCH_STEPS {
            let middle = (low * high).sqrt();
            let size = self.arrange_at(middle, options, positions);
            let score = misfit(size);
            if score < best.0 {
                best = (score, middle);
            }
            if size.0 / size.1.max(f64::MIN_POSITIVE) > aspect {
                high = middle;
            } else {
                low = middle;
            }
        }
        self.arrange_at(best.1, options, positions);
    }

    /// Places every card with rows wrapping at `wrap` and returns the size of the map.
    fn arrange_at(
        &self,
        wrap: f64,
        options: &LayoutOptions,
        positions: &mut [Point],
    ) -> (f64, f64) {
        let arrangement = self.arrange(wrap, options);
        self.settle(&arrangement, options, positions)
    }

    fn item_size(&self, item: Item, arrangement: &Arrangement) -> (f64, usize) {
        match item {
            Item::Tree(v) => (arrangement.block_width[v], arrangement.block_bands[v]),
            Item::Stack(s) => (self.stacks[s].width, 1),
        }
    }

    /// Lays items left to right, starting a new band of level rows below when the
    /// next item would pass `wrap`. Returns where each item stands, the widest
    /// row, the first row's width and how many bands the rows take.
    fn flow(
        &self,
        items: &[Item],
        wrap: f64,
        options: &LayoutOptions,
        arrangement: &Arrangement,
    ) -> (Vec<(f64, usize)>, f64, f64, usize) {
        let mut at = Vec::with_capacity(items.len());
        let (mut x, mut band, mut row_bands) = (0.0, 0, 0);
        let (mut widest, mut first_row): (f64, Option<f64>) = (0.0, None);
        let mut previous: Option<Item> = None;
        for &item in items {
            let (width, bands) = self.item_size(item, arrangement);
            let gap = match previous {
                None => 0.0,
                Some(Item::Stack(_)) if matches!(item, Item::Stack(_)) => options.sibling_gap,
                Some(_) => options.subtree_gap,
            };
            let x_here = if previous.is_some() && x + gap + width > wrap {
                widest = widest.max(x);
                first_row.get_or_insert(x);
                band += row_bands;
                row_bands = 0;
                0.0
            } else {
                x + gap
            };
            at.push((x_here, band));
            x = x_here + width;
            row_bands = row_bands.max(bands);
            previous = Some(item);
        }
        widest = widest.max(x);
        let first_row = first_row.unwrap_or(x);
        (at, widest, first_row, band + row_bands)
    }

    /// Every tree's block, children before parents, for the wrapping width `wrap`.
    fn arrange(&self, wrap: f64, options: &LayoutOptions) -> Arrangement {
        let count = self.width.len();
        let mut arrangement = Arrangement {
            item_at: vec![Vec::new(); count],
            card_x: vec![0.0; count],
            block_width: self.width.to_vec(),
            block_bands: vec![1; count],
            top_at: Vec::new(),
        };
        for &v in self.parents_first.iter().rev() {
            let (mut at, widest, first_row, bands) =
                self.flow(&self.items[v], wrap, options, &arrangement);
            // The card stands centred over its first row; a card wider than that
            // row moves the rows right instead.
            let card_width = self.width[v];
            let shift = ((card_width - first_row) / 2.0).max(0.0);
            for place in &mut at {
                place.0 += shift;
            }
            arrangement.card_x[v] = shift + (first_row - card_width) / 2.0;
            arrangement.block_width[v] = (shift + widest).max(arrangement.card_x[v] + card_width);
            arrangement.block_bands[v] = bands.max(1);
            arrangement.item_at[v] = at;
        }
        arrangement.top_at = self.flow(&self.top, wrap, options, &arrangement).0;
        arrangement
    }

    /// Turns an arrangement into positions: each card's band and level row give
    /// its height on the map, every row as tall as its tallest stack. Returns the
    /// map's width and height.
    fn settle(
        &self,
        arrangement: &Arrangement,
        options: &LayoutOptions,
        positions: &mut [Point],
    ) -> (f64, f64) {
        // (band, row) of every placed card; the x is final already.
        let mut slot: Vec<Option<(usize, usize)>> = vec![None; self.width.len()];
        let mut row_height: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut right: f64 = 0.0;
        let mut put = |v: usize, x: f64, band: usize, row: usize, dy: f64, height: f64| {
            positions[v] = Point { x, y: dy };
            slot[v] = Some((band, row));
            let tallest = row_height.entry((band, row)).or_insert(0.0);
            *tallest = tallest.max(dy + height);
            right = right.max(x + self.width[v]);
        };
        let mut pending: Vec<(Item, f64, usize)> = self
            .top
            .iter()
            .zip(&arrangement.top_at)
            .map(|(&item, &(x, band))| (item, x, band))
            .collect();
        while let Some((item, x, band)) = pending.pop() {
            match item {
                Item::Stack(s) => {
                    for &v in &self.stacks[s].members {
                        put(
                            v,
                            x + self.stack_x[v],
                            band,
                            self.stacks[s].row,
                            self.stack_y[v],
                            self.height[v],
                        );
                    }
                }
                Item::Tree(v) => {
                    put(
                        v,
                        x + arrangement.card_x[v],
                        band,
                        self.row[v],
                        0.0,
                        self.height[v],
                    );
                    for (&child, &(dx, dband)) in self.items[v].iter().zip(&arrangement.item_at[v])
                    {
                        pending.push((child, x + dx, band + dband));
                    }
                }
            }
        }
        // Rows top to bottom: the level rows of one band, then the next band.
        let mut row_top: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut bottom: Option<(usize, f64)> = None;
        for (&(band, row), &height) in &row_height {
            let top = match bottom {
                None => 0.0,
                Some((previous_band, y)) if previous_band == band => y + options.row_gap,
                Some((_, y)) => y + options.block_gap,
            };
            row_top.insert((band, row), top);
            bottom = Some((band, top + height));
        }
        for (v, slot) in slot.iter().enumerate() {
            if let Some(key) = slot {
                positions[v].y += row_top.get(key).copied().unwrap_or(0.0);
            }
        }
        (right, bottom.map_or(0.0, |(_, y)| y))
    }
}

#[cfg(test)]
mod tests;
