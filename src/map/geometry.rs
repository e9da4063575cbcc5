//! Numbers for drawing the map, kept apart from the components that draw it.
//!
//! Card sizes, the view transform that fits the map on screen and the shape of
//! each link are plain functions on numbers, so they are unit-tested on the host
//! and shared by the layout (which needs card sizes), the link layer, the drawn
//! map and hit-testing. Nothing here knows about Leptos or the DOM; the card metrics
//! must agree with `style/card.css`.

/// Width of every card, in canvas units (CSS pixels at zoom 1).
pub const CARD_WIDTH: f64 = 280.0;
/// Height of a card's head: meta line, two-line title, progress bar.
pub const CARD_HEAD_HEIGHT: f64 = 92.0;
/// Height of one key-result row, its divider included.
pub const KR_ROW_HEIGHT: f64 = 30.0;
/// Height of the line that says why a standalone objective has no parent.
pub const STANDALONE_LINE_HEIGHT: f64 = 22.0;
/// The card's top and bottom border together.
const CARD_BORDER: f64 = 2.0;

/// An axis-aligned rectangle in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }

    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// Whether all of `other` lies inside this rectangle.
    pub fn encloses(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The smallest rectangle holding all of `rects`, or `None` for none.
    pub fn bounding(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        rects.into_iter().fold(None, |acc, r| {
            Some(match acc {
                None => r,
                Some(a) => {
                    let x = a.x.min(r.x);
                    let y = a.y.min(r.y);
                    Rect {
                        x,
                        y,
                        width: a.right().max(r.right()) - x,
                        height: a.bottom().max(r.bottom()) - y,
                    }
                }
            })
        })
    }
}

/// The size of a card with `key_results` rows, in canvas units.
pub fn card_size(key_results: usize, standalone: bool) -> (f64, f64) {
    let standalone_line = if standalone {
        STANDALONE_LINE_HEIGHT
    } else {
        0.0
    };
    let rows = key_results as f64 * KR_ROW_HEIGHT;
    (
        CARD_WIDTH,
        CARD_HEAD_HEIGHT + standalone_line + rows + CARD_BORDER,
    )
}

/// The vertical centre of key-result row `index` of a card at `card`.
pub fn kr_row_center_y(card: &Rect, index: usize, standalone: bool) -> f64 {
    let standalone_line = if standalone {
        STANDALONE_LINE_HEIGHT
    } else {
        0.0
    };
    card.y
        + CARD_BORDER / 2.0
        + CARD_HEAD_HEIGHT
        + standalone_line
        + (index as f64 + 0.5) * KR_ROW_HEIGHT
}

/// The key-result row of a card at `card` that the world height `y` falls
/// on, if any.
pub fn kr_row_at(card: &Rect, standalone: bool, rows: usize, y: f64) -> Option<usize> {
    let first_row_top = kr_row_center_y(card, 0, standalone) - KR_ROW_HEIGHT / 2.0;
    let offset = (y - first_row_top) / KR_ROW_HEIGHT;
    if offset.is_finite() && offset >= 0.0 && offset < rows as f64 {
        Some(offset as usize)
    } else {
        None
    }
}

/// The trend's sparkline in a key-result row (`.kr__sparkline` in
/// `style/card.css`): it sits inside the row's height with room to spare, so
/// a row with one is as tall as a row without.
pub const SPARKLINE_WIDTH: f64 = 30.0;
pub const SPARKLINE_HEIGHT: f64 = 14.0;
/// How far the line stays from the box's edges: half its stroke and its end dot.
pub const SPARKLINE_INSET: f64 = 2.0;
const _: () = assert!(SPARKLINE_HEIGHT < KR_ROW_HEIGHT);

/// The points of a sparkline of `values` (each 0..=1; anything else is
/// clamped, NaN is 0) in a `width` × `height` box, y down: the first value at
/// the left, the last at the right, 1 at the top, `inset` from every edge. A
/// single value sits in the middle.
pub fn sparkline_points(values: &[f64], width: f64, height: f64, inset: f64) -> Vec<(f64, f64)> {
    let inner_width = (width - 2.0 * inset).max(0.0);
    let inner_height = (height - 2.0 * inset).max(0.0);
    let steps = values.len().saturating_sub(1);
    values
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let value = if value.is_nan() {
                0.0
            } else {
                value.clamp(0.0, 1.0)
            };
            let x = if steps == 0 {
                width / 2.0
            } else {
                inset + inner_width * i as f64 / steps as f64
            };
            (x, inset + inner_height * (1.0 - value))
        })
        .collect()
}

/// Screen position of the world layer: screen = world × scale + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

impl ViewTransform {
    pub const IDENTITY: ViewTransform = ViewTransform {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
    };

    /// The world point under the screen point (`x`, `y`), both relative to the viewport.
    pub fn screen_to_world(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.x) / self.scale, (y - self.y) / self.scale)
    }

    /// Moved by (`dx`, `dy`) screen pixels.
    pub fn panned(&self, dx: f64, dy: f64) -> ViewTransform {
        ViewTransform {
            x: self.x + dx,
            y: self.y + dy,
            scale: self.scale,
        }
    }

    /// Zoomed by `factor` around the screen point (`x`, `y`), which stays
    /// over the same world point; the scale stays within `MIN_SCALE..=MAX_SCALE`.
    pub fn zoomed_at(&self, factor: f64, x: f64, y: f64) -> ViewTransform {
        if !factor.is_finite() || factor <= 0.0 {
            return *self;
        }
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (world_x, world_y) = self.screen_to_world(x, y);
        ViewTransform {
            x: x - world_x * scale,
            y: y - world_y * scale,
            scale,
        }
    }

    /// The world rectangle visible in a viewport of the given size.
    pub fn visible_world(&self, viewport_width: f64, viewport_height: f64) -> Rect {
        let (x, y) = self.screen_to_world(0.0, 0.0);
        Rect {
            x,
            y,
            width: viewport_width / self.scale,
            height: viewport_height / self.scale,
        }
    }

    /// The CSS `transform` value for the world layer.
    pub fn to_css(&self) -> String {
        format!(
            "translate({:.2}px, {:.2}px) scale({:.4})",
            self.x, self.y, self.scale
        )
    }
}

/// Smallest zoom the view goes to; below it a big map is unreadable anyway.
pub const MIN_SCALE: f64 = 0.02;
/// Largest zoom a person may go to.
pub const MAX_SCALE: f64 = 3.0;
/// Largest zoom a fit may choose: small maps are shown at natural size, not blown up.
pub const MAX_FIT_SCALE: f64 = 1.0;

/// How much of a card the map shows at a zoom: zooming out trades detail for
/// legibility, as maps keep place names readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Everything: meta line, title, progress and status, key-result rows.
    Full,
    /// The title, larger, over one progress bar and the status.
    Summary,
    /// The title alone (and a progress strip), in type that stays legible.
    Title,
}

/// The zoom below which key-result rows give way to one progress bar.
pub const SUMMARY_BELOW: f64 = 0.7;
/// The zoom below which a card shows its title alone.
pub const TITLE_BELOW: f64 = 0.4;
/// The zoom below which a card is a block of its team's colour, and the names
/// of departments and teams label their regions instead: a few letters of a
/// title would say nothing.
pub const BLOCKS_BELOW: f64 = 0.25;
/// The smallest a title may be on screen, in CSS pixels.
pub const MIN_TITLE_PIXELS: f64 = 10.0;
/// The title's size in world units at full detail (the card's CSS).
pub const TITLE_SIZE: f64 = 15.2;
/// The zoom factor between two steps of the title's size further out.
const TITLE_STEP: f64 = 1.2;

impl Detail {
    pub fn at(scale: f64) -> Detail {
        if scale >= SUMMARY_BELOW {
            Detail::Full
        } else if scale >= TITLE_BELOW {
            Detail::Summary
        } else {
            Detail::Title
        }
    }

    /// The class name the map's viewport carries for this detail.
    pub fn name(self) -> &'static str {
        match self {
            Detail::Full => "full",
            Detail::Summary => "summary",
            Detail::Title => "title",
        }
    }
}

/// The title's size in world units at `scale`: the card's own size close in,
/// and further out large enough to stay [`MIN_TITLE_PIXELS`] on screen. It
/// changes in steps of a factor [`TITLE_STEP`] of the zoom, so the cards' style changes
/// only when a step is crossed, not with every frame of a zoom.
pub fn title_size(scale: f64) -> f64 {
    if !(scale.is_finite() && scale > 0.0) || scale >= SUMMARY_BELOW {
        return TITLE_SIZE;
    }
    // The lowest zoom of the step `scale` falls in: SUMMARY_BELOW / STEP^k.
    let steps = (SUMMARY_BELOW / scale).ln() / TITLE_STEP.ln();
    let low = SUMMARY_BELOW / TITLE_STEP.powf(steps.floor() + 1.0);
    (MIN_TITLE_PIXELS / low.max(MIN_SCALE)).ceil()
}

/// The transform that shows all of `bounds` centred in a viewport of the
/// given size, leaving `margin` pixels free on every side.
pub fn fit_to_view(
    bounds: Rect,
    viewport_width: f64,
    viewport_height: f64,
    margin: f64,
) -> ViewTransform {
    let free_width = (viewport_width - 2.0 * margin).max(1.0);
    let free_height = (viewport_height - 2.0 * margin).max(1.0);
    let scale = if bounds.width <= 0.0 || bounds.height <= 0.0 {
        MAX_FIT_SCALE
    } else {
        (free_width / bounds.width)
            .min(free_height / bounds.height)
            .clamp(MIN_SCALE, MAX_FIT_SCALE)
    };
    ViewTransform {
        x: (viewport_width - bounds.width * scale) / 2.0 - bounds.x * scale,
        y: (viewport_height - bounds.height * scale) / 2.0 - bounds.y * scale,
        scale,
    }
}

/// Where a link ends on its target: the bottom of a parent card, or the side
/// of one key-result row facing the child.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkEnd {
    Card(Rect),
    KeyResultRow { card: Rect, row_center_y: f64 },
}

impl LinkEnd {
    pub fn translated(&self, dx: f64, dy: f64) -> LinkEnd {
        match *self {
            LinkEnd::Card(rect) => LinkEnd::Card(rect.translated(dx, dy)),
            LinkEnd::KeyResultRow { card, row_center_y } => LinkEnd::KeyResultRow {
                card: card.translated(dx, dy),
                row_center_y: row_center_y + dy,
            },
        }
    }
}

/// A link's cubic curve: it leaves the child's top edge upwards and arrives
/// at the target's bottom edge (or a key-result row's side) so the arrowhead
/// points into it. The SVG layer and the overview both draw this one curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkCurve {
    pub start: (f64, f64),
    pub control_start: (f64, f64),
    pub control_end: (f64, f64),
    pub end: (f64, f64),
}

impl LinkCurve {
    /// A rectangle holding the whole curve (a Bézier stays inside the hull of
    /// its four points).
    pub fn bounds(&self) -> Rect {
        let points = [self.start, self.control_start, self.control_end, self.end];
        let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
        let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for (x, y) in points {
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        Rect {
            x: min_x,
            y: min_y,
            width: max_x - min_x,
            height: max_y - min_y,
        }
    }

    /// The direction the curve arrives in, as a unit vector (for the arrowhead).
    pub fn end_direction(&self) -> (f64, f64) {
        let (dx, dy) = (
            self.end.0 - self.control_end.0,
            self.end.1 - self.control_end.1,
        );
        let length = dx.hypot(dy);
        if length > f64::EPSILON {
            (dx / length, dy / length)
        } else {
            (0.0, -1.0)
        }
    }
}

impl LinkCurve {
    /// The same curve under `point × scale + (dx, dy)`: an affine map moves a
    /// Bézier curve by moving its four points.
    pub fn transformed(&self, scale: f64, dx: f64, dy: f64) -> LinkCurve {
        let map = |(x, y): (f64, f64)| (x * scale + dx, y * scale + dy);
        LinkCurve {
            start: map(self.start),
            control_start: map(self.control_start),
            control_end: map(self.control_end),
            end: map(self.end),
        }
    }

    /// The two halves of the curve (de Casteljau at t = ½).
    fn halves(&self) -> (LinkCurve, LinkCurve) {
        let mid = |a: (f64, f64), b: (f64, f64)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let ab = mid(self.start, self.control_start);
        let bc = mid(self.control_start, self.control_end);
        let cd = mid(self.control_end, self.end);
        let abc = mid(ab, bc);
        let bcd = mid(bc, cd);
        let middle = mid(abc, bcd);
        (
            LinkCurve {
                start: self.start,
                control_start: ab,
                control_end: abc,
                end: middle,
            },
            LinkCurve {
                start: middle,
                control_start: bcd,
                control_end: cd,
                end: self.end,
            },
        )
    }

    /// About how long the curve is: between its chord and its control polygon.
    fn approximate_length(&self) -> f64 {
        let d = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
        let chord = d(self.start, self.end);
        let polygon = d(self.start, self.control_start)
            + d(self.control_start, self.control_end)
            + d(self.control_end, self.end);
        (chord + polygon) / 2.0
    }

    /// How far the control points stray from the chord: below a pixel, a
    /// straight line draws the curve.
    fn flatness(&self) -> f64 {
        let (x0, y0) = self.start;
        let (x3, y3) = self.end;
        let (dx, dy) = (x3 - x0, y3 - y0);
        let length = dx.hypot(dy);
        let distance = |(x, y): (f64, f64)| {
            if length <= f64::EPSILON {
                (x - x0).hypot(y - y0)
            } else {
                ((x - x0) * dy - (y - y0) * dx).abs() / length
            }
        };
        distance(self.control_start).max(distance(self.control_end))
    }

    /// The parts of the curve inside `clip`, as polylines within `tolerance`
    /// of the curve; each point carries its distance along the whole curve,
    /// so dashes keep their place as the view moves. Parts far outside the
    /// clip cost one test each, however long the curve is.
    pub fn visible_polylines(&self, clip: &Rect, tolerance: f64) -> Vec<Vec<CurvePoint>> {
        let mut runs: Vec<Vec<CurvePoint>> = Vec::new();
        let mut open = false;
        let mut travelled = 0.0;
        let mut pending = vec![(*self, 0u32)];
        // Depth-first, first half first, so points come out in order.
        while let Some((curve, depth)) = pending.pop() {
            if !curve.bounds().intersects(clip) {
                travelled += curve.approximate_length();
                open = false;
                continue;
            }
            if depth >= MAX_SUBDIVISION || curve.flatness() <= tolerance {
                if !open {
                    runs.push(vec![CurvePoint {
                        x: curve.start.0,
                        y: curve.start.1,
                        distance: travelled,
                    }]);
                    open = true;
                }
                travelled += (curve.end.0 - curve.start.0).hypot(curve.end.1 - curve.start.1);
                if let Some(run) = runs.last_mut() {
                    run.push(CurvePoint {
                        x: curve.end.0,
                        y: curve.end.1,
                        distance: travelled,
                    });
                }
                continue;
            }
            let (first, second) = curve.halves();
            pending.push((second, depth + 1));
            pending.push((first, depth + 1));
        }
        runs
    }
}

/// Deep enough for a curve across a 2,000-card map to be flat within a pixel.
const MAX_SUBDIVISION: u32 = 24;

/// A point of a flattened curve and how far along the curve it lies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    pub x: f64,
    pub y: f64,
    pub distance: f64,
}

/// The dashes of a dashed line along `runs`: `dash` drawn, `gap` skipped,
/// measured from each curve's start. Each dash is a short polyline.
pub fn dashes(runs: &[Vec<CurvePoint>], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    let period = dash + gap;
    if !(dash > 0.0 && gap >= 0.0 && period.is_finite()) {
        return runs
            .iter()
            .map(|run| run.iter().map(|p| (p.x, p.y)).collect())
            .collect();
    }
    let drawn_at = |distance: f64| distance.rem_euclid(period) < dash;
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for run in runs {
        let mut current: Vec<(f64, f64)> = Vec::new();
        for pair in run.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let length = b.distance - a.distance;
            // Cut the segment where the pattern switches between drawn and not.
            let mut cuts = vec![0.0];
            if length > 0.0 {
                let mut next = (a.distance / period).floor() * period;
                while next < b.distance {
                    for edge in [next, next + dash] {
                        if edge > a.distance && edge < b.distance {
                            cuts.push((edge - a.distance) / length);
                        }
                    }
                    next += period;
                }
            }
            cuts.push(1.0);
            for piece in cuts.windows(2) {
                let (t0, t1) = (piece[0], piece[1]);
                let at = |t: f64| (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                let middle = a.distance + length * (t0 + t1) / 2.0;
                if drawn_at(middle) {
                    if current.is_empty() {
                        current.push(at(t0));
                    }
                    current.push(at(t1));
                } else if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// The curve of a link from the child card `from` to `to`.
pub fn link_curve(from: &Rect, to: LinkEnd) -> LinkCurve {
    let start = (from.center_x(), from.y);
    match to {
        LinkEnd::Card(target) => {
            let end = (target.center_x(), target.bottom());
            let bend = ((start.1 - end.1).abs() / 2.0).max(40.0);
            LinkCurve {
                start,
                control_start: (start.0, start.1 - bend),
                control_end: (end.0, end.1 + bend),
                end,
            }
        }
        LinkEnd::KeyResultRow { card, row_center_y } => {
            // Arrive at the side of the row that faces the child.
            let (end_x, outward) = if start.0 < card.center_x() {
                (card.x, -1.0)
            } else {
                (card.right(), 1.0)
            };
            let bend = ((start.1 - row_center_y).abs() / 2.0).max(60.0);
            LinkCurve {
                start,
                control_start: (start.0, start.1 - bend),
                control_end: (end_x + outward * bend, row_center_y),
                end: (end_x, row_center_y),
            }
        }
    }
}

/// The SVG path of a link from the child card `from` to `to`.
pub fn link_path(from: &Rect, to: LinkEnd) -> String {
    let LinkCurve {
        start: (x0, y0),
        control_start: (x1, y1),
        control_end: (x2, y2),
        end: (x3, y3),
    } = link_curve(from, to);
    format!("M{x0:.1},{y0:.1} C{x1:.1},{y1:.1} {x2:.1},{y2:.1} {x3:.1},{y3:.1}")
}

/// A title broken into at most `max_lines` lines of at most `max_chars`
/// characters, at spaces where it can, the last line ending in "…" when the
/// title does not fit. For drawing text where no layout engine wraps it.
pub fn wrap_text(text: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    let max_chars = max_chars.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0usize;
    let mut words = text.split_whitespace().peekable();
    let mut truncated = false;
    while let Some(word) = words.next() {
        let word_len = word.chars().count();
        let needed = if current_len == 0 {
            word_len
        } else {
            current_len + 1 + word_len
        };
        if needed <= max_chars {
            if current_len > 0 {
                current.push(' ');
            }
            current.push_str(word);
            current_len = needed;
            continue;
        }
        // The word does not fit on this line.
        if current_len > 0 {
            lines.push(std::mem::take(&mut current));
            current_len = 0;
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if word_len <= max_chars {
            current.push_str(word);
            current_len = word_len;
        } else {
            // A word longer than a line is cut.
            let mut rest: Vec<char> = word.chars().collect();
            while rest.len() > max_chars && lines.len() < max_lines {
                lines.push(rest.drain(..max_chars).collect());
            }
            if lines.len() == max_lines {
                truncated = !rest.is_empty() || words.peek().is_some();
                break;
            }
            current_len = rest.len();
            current = rest.into_iter().collect();
        }
    }
    if !truncated && current_len > 0 {
        lines.push(current);
    }
    if truncated {
        if let Some(last) = lines.last_mut() {
            let mut kept: Vec<char> = last.chars().collect();
            kept.truncate(max_chars - 1);
            while kept.last() == Some(&' ') {
                kept.pop();
            }
            *last = kept.into_iter().collect::<String>() + "…";
        }
    }
    lines
}

/// How the minimap draws the world: minimap = world × `scale` + (`offset_x`, `offset_y`),
/// in the minimap's CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinimapProjection {
    pub scale: f64,
    pub offset_x: f64,
    pub offset_y: f64,
}

impl MinimapProjection {
    /// The projection that fits `world` centred in a minimap of the given
    /// size, `padding` pixels free on every side. An empty or degenerate
    /// world still gives a usable (finite, positive) scale.
    pub fn fit(world: Rect, width: f64, height: f64, padding: f64) -> MinimapProjection {
        let free_width = (width - 2.0 * padding).max(1.0);
        let free_height = (height - 2.0 * padding).max(1.0);
        let world_width = world.width.max(1.0);
        let world_height = world.height.max(1.0);
        let scale = (free_width / world_width).min(free_height / world_height);
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        MinimapProjection {
            scale,
            offset_x: (width - world_width * scale) / 2.0 - world.x * scale,
            offset_y: (height - world_height * scale) / 2.0 - world.y * scale,
        }
    }

    /// The minimap rectangle of the world rectangle `rect`.
    pub fn project(&self, rect: &Rect) -> Rect {
        Rect {
            x: rect.x * self.scale + self.offset_x,
            y: rect.y * self.scale + self.offset_y,
            width: rect.width * self.scale,
            height: rect.height * self.scale,
        }
    }

    /// The world point under the minimap point (`x`, `y`).
    pub fn to_world(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.offset_x) / self.scale,
            (y - self.offset_y) / self.scale,
        )
    }
}

/// What the minimap has to show: the map and the part of it in view, so the
/// viewport's outline never falls off the minimap when the view wanders away.
pub fn minimap_world(bounds: Option<Rect>, visible: Rect) -> Rect {
    match bounds {
        Some(bounds) => Rect::bounding([bounds, visible]).unwrap_or(visible),
        None => visible,
    }
}

impl ViewTransform {
    /// The same zoom, moved so the world point (`world_x`, `world_y`) sits at
    /// the centre of a viewport of the given size.
    pub fn centred_on(
        &self,
        world_x: f64,
        world_y: f64,
        viewport_width: f64,
        viewport_height: f64,
    ) -> ViewTransform {
        if !world_x.is_finite() || !world_y.is_finite() {
            return *self;
        }
        ViewTransform {
            x: viewport_width / 2.0 - world_x * self.scale,
            y: viewport_height / 2.0 - world_y * self.scale,
            scale: self.scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn card_grows_by_one_row_per_key_result() {
        let (w0, h0) = card_size(0, false);
        let (w3, h3) = card_size(3, false);
        assert_eq!(w0, CARD_WIDTH);
        assert_eq!(w3, CARD_WIDTH);
        assert_eq!(h3 - h0, 3.0 * KR_ROW_HEIGHT);
        assert_eq!(
            card_size(2, true).1 - card_size(2, false).1,
            STANDALONE_LINE_HEIGHT
        );
    }

    #[test]
    fn key_result_rows_lie_inside_the_card() {
        let (w, h) = card_size(4, false);
        let card = rect(10.0, 20.0, w, h);
        for i in 0..4 {
            let y = kr_row_center_y(&card, i, false);
            assert!(
                y > card.y + CARD_HEAD_HEIGHT && y < card.bottom(),
                "row {i} at {y}"
            );
        }
    }

    #[test]
    fn rows_are_found_from_a_height_and_round_trip_with_their_centres() {
        let (w, h) = card_size(3, true);
        let card = rect(0.0, 100.0, w, h);
        for i in 0..3 {
            assert_eq!(
                kr_row_at(&card, true, 3, kr_row_center_y(&card, i, true)),
                Some(i)
            );
        }
        assert_eq!(kr_row_at(&card, true, 3, card.y + 10.0), None);
        assert_eq!(kr_row_at(&card, true, 3, card.bottom() + 5.0), None);
        assert_eq!(kr_row_at(&card, true, 3, f64::NAN), None);
    }

    #[test]
    fn bounding_box_holds_every_rect() {
        let b = Rect::bounding([rect(0.0, 0.0, 10.0, 10.0), rect(-5.0, 20.0, 10.0, 5.0)]).unwrap();
        assert_eq!(b, rect(-5.0, 0.0, 15.0, 25.0));
        assert_eq!(Rect::bounding([]), None);
    }

    #[test]
    fn fit_centres_a_wide_map_and_shrinks_it() {
        let bounds = rect(100.0, 50.0, 2000.0, 500.0);
        let t = fit_to_view(bounds, 1000.0, 800.0, 0.0);
        assert!((t.scale - 0.5).abs() < 1e-9);
        // The map's left edge lands on the viewport's left edge, and it is centred vertically.
        assert!((bounds.x * t.scale + t.x).abs() < 1e-9);
        let top = bounds.y * t.scale + t.y;
        let bottom = bounds.bottom() * t.scale + t.y;
        assert!((top - (800.0 - bottom)).abs() < 1e-9);
    }

    #[test]
    fn fit_never_blows_up_a_small_map_nor_vanishes_a_huge_one() {
        assert_eq!(
            fit_to_view(rect(0.0, 0.0, 10.0, 10.0), 1000.0, 800.0, 20.0).scale,
            MAX_FIT_SCALE
        );
        assert_eq!(
            fit_to_view(rect(0.0, 0.0, 1e9, 1e9), 1000.0, 800.0, 20.0).scale,
            MIN_SCALE
        );
        assert_eq!(
            fit_to_view(rect(0.0, 0.0, 0.0, 0.0), 1000.0, 800.0, 20.0).scale,
            MAX_FIT_SCALE
        );
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let t = ViewTransform {
            x: 30.0,
            y: -20.0,
            scale: 0.8,
        };
        let before = t.screen_to_world(400.0, 300.0);
        let zoomed = t.zoomed_at(1.7, 400.0, 300.0);
        let after = zoomed.screen_to_world(400.0, 300.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert!((zoomed.scale - 1.36).abs() < 1e-9);
    }

    #[test]
    fn zoom_stays_within_its_limits_and_ignores_nonsense() {
        let t = ViewTransform::IDENTITY;
        assert_eq!(t.zoomed_at(100.0, 0.0, 0.0).scale, MAX_SCALE);
        assert_eq!(t.zoomed_at(1e-9, 0.0, 0.0).scale, MIN_SCALE);
        assert_eq!(t.zoomed_at(f64::NAN, 5.0, 5.0), t);
        assert_eq!(t.zoomed_at(-2.0, 5.0, 5.0), t);
    }

    #[test]
    fn visible_world_follows_pan_and_zoom() {
        let t = ViewTransform::IDENTITY
            .panned(-100.0, -50.0)
            .zoomed_at(2.0, 0.0, 0.0);
        let visible = t.visible_world(800.0, 600.0);
        assert_eq!(visible, rect(100.0, 50.0, 400.0, 300.0));
    }

    #[test]
    fn link_to_a_card_runs_from_child_top_to_parent_bottom() {
        let child = rect(0.0, 300.0, 280.0, 100.0);
        let parent = rect(400.0, 0.0, 280.0, 150.0);
        let d = link_path(&child, LinkEnd::Card(parent));
        assert!(d.starts_with("M140.0,300.0 "), "{d}");
        assert!(d.ends_with(" 540.0,150.0"), "{d}");
    }

    #[test]
    fn link_to_a_key_result_arrives_at_the_side_facing_the_child() {
        let card = rect(400.0, 0.0, 280.0, 200.0);
        let left_child = rect(0.0, 400.0, 280.0, 100.0);
        let right_child = rect(900.0, 400.0, 280.0, 100.0);
        let to = LinkEnd::KeyResultRow {
            card,
            row_center_y: 120.0,
        };
        assert!(link_path(&left_child, to).ends_with(" 400.0,120.0"));
        assert!(link_path(&right_child, to).ends_with(" 680.0,120.0"));
    }

    #[test]
    fn minimap_fits_the_world_centred_and_maps_back_to_it() {
        let world = rect(-1000.0, 0.0, 4000.0, 1000.0);
        let p = MinimapProjection::fit(world, 200.0, 140.0, 10.0);
        assert!((p.scale - 180.0 / 4000.0).abs() < 1e-12);
        let drawn = p.project(&world);
        assert!((drawn.x - 10.0).abs() < 1e-9 && (drawn.right() - 190.0).abs() < 1e-9);
        // Centred vertically.
        assert!((drawn.y - (140.0 - drawn.bottom())).abs() < 1e-9);
        // Every world point comes back from its minimap point.
        for &(x, y) in &[(-1000.0, 0.0), (0.0, 500.0), (3000.0, 1000.0)] {
            let m = p.project(&rect(x, y, 0.0, 0.0));
            let (wx, wy) = p.to_world(m.x, m.y);
            assert!((wx - x).abs() < 1e-9 && (wy - y).abs() < 1e-9);
        }
    }

    #[test]
    fn minimap_of_an_empty_or_flat_world_stays_finite() {
        for world in [rect(5.0, 5.0, 0.0, 0.0), rect(0.0, 0.0, 1e6, 0.0)] {
            let p = MinimapProjection::fit(world, 200.0, 140.0, 8.0);
            assert!(p.scale.is_finite() && p.scale > 0.0);
            assert!(p.offset_x.is_finite() && p.offset_y.is_finite());
            let (x, y) = p.to_world(100.0, 70.0);
            assert!(x.is_finite() && y.is_finite());
        }
        // A minimap smaller than its padding still draws something.
        assert!(MinimapProjection::fit(rect(0.0, 0.0, 10.0, 10.0), 4.0, 4.0, 8.0).scale > 0.0);
    }

    #[test]
    fn minimap_world_holds_the_map_and_the_view() {
        let map = rect(0.0, 0.0, 1000.0, 500.0);
        let far_view = rect(3000.0, -200.0, 400.0, 300.0);
        assert_eq!(
            minimap_world(Some(map), far_view),
            rect(0.0, -200.0, 3400.0, 700.0)
        );
        assert_eq!(minimap_world(None, far_view), far_view);
        let inside = rect(10.0, 10.0, 100.0, 100.0);
        assert_eq!(minimap_world(Some(map), inside), map);
    }

    #[test]
    fn centring_on_a_point_keeps_the_zoom_and_puts_the_point_mid_view() {
        let t = ViewTransform {
            x: 12.0,
            y: -40.0,
            scale: 0.25,
        };
        let centred = t.centred_on(2000.0, 800.0, 1000.0, 600.0);
        assert_eq!(centred.scale, t.scale);
        let (cx, cy) = centred.screen_to_world(500.0, 300.0);
        assert!((cx - 2000.0).abs() < 1e-9 && (cy - 800.0).abs() < 1e-9);
        assert_eq!(t.centred_on(f64::NAN, 1.0, 1000.0, 600.0), t);
    }

    #[test]
    fn link_path_is_the_curve() {
        let child = Rect {
            x: 0.0,
            y: 300.0,
            width: 280.0,
            height: 100.0,
        };
        let parent = Rect {
            x: 400.0,
            y: 0.0,
            width: 280.0,
            height: 120.0,
        };
        let curve = link_curve(&child, LinkEnd::Card(parent));
        assert_eq!(curve.start, (140.0, 300.0));
        assert_eq!(curve.end, (540.0, 120.0));
        assert_eq!(curve.end_direction(), (0.0, -1.0));
        let bounds = curve.bounds();
        assert!(bounds.x <= 140.0 && bounds.right() >= 540.0);
        assert_eq!(
            link_path(&child, LinkEnd::Card(parent)),
            "M140.0,300.0 C140.0,210.0 540.0,210.0 540.0,120.0"
        );
    }

    #[test]
    fn text_wraps_at_spaces_and_ends_in_an_ellipsis() {
        assert_eq!(wrap_text("Grow revenue", 20, 2), vec!["Grow revenue"]);
        assert_eq!(
            wrap_text("Make onboarding delightful for every new customer", 20, 2),
            vec!["Make onboarding", "delightful for ever…"]
        );
        assert_eq!(
            wrap_text("Supercalifragilistic", 8, 2),
            vec!["Supercal", "ifragil…"]
        );
        assert_eq!(wrap_text("   ", 8, 2), Vec::<String>::new());
        for line in wrap_text("a bb ccc dddd eeeee ffffff ggggggg", 6, 3) {
            assert!(line.chars().count() <= 6, "{line}");
        }
    }

    fn long_curve() -> LinkCurve {
        link_curve(
            &Rect {
                x: 0.0,
                y: 5_000.0,
                width: 280.0,
                height: 100.0,
            },
            LinkEnd::Card(Rect {
                x: 400_000.0,
                y: 0.0,
                width: 280.0,
                height: 120.0,
            }),
        )
    }

    #[test]
    fn only_the_visible_part_of_a_curve_is_flattened() {
        let curve = long_curve().transformed(0.05, 0.0, 0.0);
        let clip = Rect {
            x: 0.0,
            y: 0.0,
            width: 1280.0,
            height: 800.0,
        };
        let runs = curve.visible_polylines(&clip, 0.5);
        assert!(!runs.is_empty());
        let points: usize = runs.iter().map(Vec::len).sum();
        assert!(points < 400, "{points} points for the visible part");
        for run in &runs {
            for pair in run.windows(2) {
                assert!(pair[1].distance >= pair[0].distance);
            }
        }
        // Every point lies close to the clip (a segment may cross its edge).
        for p in runs.iter().flatten() {
            assert!(p.x > -200.0 && p.x < 1480.0 && p.y > -200.0 && p.y < 1000.0);
        }
        let far = Rect {
            x: 50_000.0,
            y: 50_000.0,
            width: 10.0,
            height: 10.0,
        };
        assert!(curve.visible_polylines(&far, 0.5).is_empty());
    }

    #[test]
    fn a_flattened_curve_stays_on_the_curve_and_keeps_its_ends() {
        let child = Rect {
            x: 0.0,
            y: 300.0,
            width: 280.0,
            height: 100.0,
        };
        let parent = Rect {
            x: 400.0,
            y: 0.0,
            width: 280.0,
            height: 120.0,
        };
        let curve = link_curve(&child, LinkEnd::Card(parent));
        let everything = Rect {
            x: -1e6,
            y: -1e6,
            width: 2e6,
            height: 2e6,
        };
        let runs = curve.visible_polylines(&everything, 0.25);
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!((run[0].x, run[0].y), curve.start);
        let last = run[run.len() - 1];
        assert_eq!((last.x, last.y), curve.end);
        let chord = (curve.end.0 - curve.start.0).hypot(curve.end.1 - curve.start.1);
        assert!(last.distance >= chord);
    }

    #[test]
    fn dashes_alternate_and_keep_their_lengths() {
        let run = vec![
            CurvePoint {
                x: 0.0,
                y: 0.0,
                distance: 0.0,
            },
            CurvePoint {
                x: 100.0,
                y: 0.0,
                distance: 100.0,
            },
        ];
        let close = |dash: &[(f64, f64)], from: f64, to: f64| {
            dash.len() == 2 && (dash[0].0 - from).abs() < 1e-9 && (dash[1].0 - to).abs() < 1e-9
        };
        let dashed = dashes(&[run], 7.0, 5.0);
        assert_eq!(dashed.len(), 9); // 0–7, 12–19, … 96–100
        assert!(close(&dashed[0], 0.0, 7.0), "{dashed:?}");
        assert!(close(&dashed[1], 12.0, 19.0), "{dashed:?}");
        assert!(close(&dashed[8], 96.0, 100.0), "{dashed:?}");
        // A run that starts mid-pattern (its start was culled) keeps the phase.
        let later = vec![
            CurvePoint {
                x: 0.0,
                y: 0.0,
                distance: 10.0,
            },
            CurvePoint {
                x: 10.0,
                y: 0.0,
                distance: 20.0,
            },
        ];
        let dashed = dashes(&[later], 7.0, 5.0);
        assert_eq!(dashed.len(), 1);
        assert!(close(&dashed[0], 2.0, 9.0), "{dashed:?}");
    }

    #[test]
    fn sparklines_run_left_to_right_and_bottom_to_top_inside_their_box() {
        let points = sparkline_points(&[0.0, 0.5, 1.0], 30.0, 14.0, 2.0);
        assert_eq!(points, vec![(2.0, 12.0), (15.0, 7.0), (28.0, 2.0)]);
        // Out of range values stay in the box; one value sits in the middle.
        let points = sparkline_points(&[-1.0, f64::NAN, 2.0], 30.0, 14.0, 2.0);
        assert!(points
            .iter()
            .all(|&(x, y)| (2.0..=28.0).contains(&x) && (2.0..=12.0).contains(&y)));
        assert_eq!(
            sparkline_points(&[0.25], 30.0, 14.0, 2.0),
            vec![(15.0, 9.5)]
        );
        assert!(sparkline_points(&[], 30.0, 14.0, 2.0).is_empty());
    }

    #[test]
    fn titles_stay_legible_at_every_zoom_and_change_in_steps() {
        let mut scale = MAX_SCALE;
        let mut sizes = std::collections::BTreeSet::new();
        while scale >= MIN_SCALE {
            let size = title_size(scale);
            assert!(size * scale >= MIN_TITLE_PIXELS - 1e-9, "{size} at {scale}");
            sizes.insert(size as i64);
            scale *= 0.99;
        }
        assert!(sizes.len() < 24, "{sizes:?}");
        assert_eq!(title_size(1.0), TITLE_SIZE);
        assert_eq!(title_size(f64::NAN), TITLE_SIZE);
        assert_eq!(Detail::at(1.0), Detail::Full);
        assert_eq!(Detail::at(0.5), Detail::Summary);
        assert_eq!(Detail::at(0.2), Detail::Title);
    }
}
