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
    /// The rectangle spanned by two opposite corners, in either order.
    pub fn spanning((ax, ay): (f64, f64), (bx, by): (f64, f64)) -> Rect {
        Rect {
            x: ax.min(bx),
            y: ay.min(by),
            width: (ax - bx).abs(),
            height: (ay - by).abs(),
        }
    }

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
/// Up to this many cards in view, the cards are their markup; beyond, they are
/// drawn simplified (colour, title, one bar) on the drawn map (`ui/canvas.rs`),
/// which shows soft links only for the selected card.
pub const MAX_MARKUP_CARDS: usize = 150;
/// Below this zoom the drawn map's cards are solid blocks of their team's colour.
pub const SOLID_CARDS_SCALE: f64 = 0.1;
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

/// How many lines of title a card `card_height` tall shows at `detail` with
/// titles `title_size` high: the room the card's style leaves above the
/// progress (style/card.css, the zoomed-out steps), in whole lines, 1 to 4.
/// The last line shown ends in "…" when the title goes on.
pub fn title_lines(detail: Detail, card_height: f64, title_size: f64) -> usize {
    // The card's border and its head's padding, top and bottom.
    const FRAME: f64 = 2.0 + 16.0;
    let room = card_height - FRAME;
    let below = match detail {
        Detail::Full => return 2,
        Detail::Summary => 1.7 * title_size,
        Detail::Title => 14.0,
    };
    let lines = ((room - below) / (1.15 * title_size)).floor();
    if lines.is_finite() {
        lines.clamp(1.0, 4.0) as usize
    } else {
        1
    }
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
/// characters: [`wrap_measured`] counting characters, for the drawn map.
pub fn wrap_text(text: &str, max_chars: usize, max_lines: usize) -> Vec<String> {
    wrap_measured(text, max_chars.max(2) as f64, max_lines, &|line| {
        line.chars().count() as f64
    })
}

/// `text` wrapped at spaces into at most `max_lines` lines no wider than
/// `max_width` as `width_of` measures them; a word too long for a line is
/// broken, and text left over ends the last line in "…". For drawing text
/// where no layout engine wraps it: the drawn map counts characters, the SVG
/// picture estimates each line's width in its font.
pub fn wrap_measured(
    text: &str,
    max_width: f64,
    max_lines: usize,
    width_of: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width_of(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: break it wherever the line is full.
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if !line.is_empty() && width_of(&longer) > max_width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines && max_lines > 0 {
        let rest = lines.split_off(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut kept = format!("{last} {}", rest.join(" "));
            while !kept.is_empty() && width_of(&format!("{}…", kept.trim_end())) > max_width {
                kept.pop();
            }
            *last = format!("{}…", kept.trim_end());
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
mod tests;
