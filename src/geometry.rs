//! Numbers for drawing the map, kept apart from the components that draw it.
//!
//! Card sizes, the view transform that fits the map on screen and the shape of
//! each link are plain functions on numbers, so they are unit-tested on the host
//! and shared by the layout (which needs card sizes), the link layer and, later,
//! hit-testing. Nothing here knows about Leptos or the DOM; the card metrics
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
pub const MIN_SCALE: f64 = 0.05;
/// Largest zoom a person may go to.
pub const MAX_SCALE: f64 = 3.0;
/// Largest zoom a fit may choose: small maps are shown at natural size, not blown up.
pub const MAX_FIT_SCALE: f64 = 1.0;

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

/// The SVG path of a link from the child card `from` to `to`: a cubic curve
/// that leaves the child's top edge upwards and arrives at the target's
/// bottom edge (or a key-result row's side) so the arrowhead points into it.
pub fn link_path(from: &Rect, to: LinkEnd) -> String {
    let start_x = from.center_x();
    let start_y = from.y;
    match to {
        LinkEnd::Card(target) => {
            let end_x = target.center_x();
            let end_y = target.bottom();
            let bend = ((start_y - end_y).abs() / 2.0).max(40.0);
            format!(
                "M{start_x:.1},{start_y:.1} C{start_x:.1},{:.1} {end_x:.1},{:.1} {end_x:.1},{end_y:.1}",
                start_y - bend,
                end_y + bend
            )
        }
        LinkEnd::KeyResultRow { card, row_center_y } => {
            // Arrive at the side of the row that faces the child.
            let (end_x, outward) = if start_x < card.center_x() {
                (card.x, -1.0)
            } else {
                (card.right(), 1.0)
            };
            let bend = ((start_y - row_center_y).abs() / 2.0).max(60.0);
            format!(
                "M{start_x:.1},{start_y:.1} C{start_x:.1},{:.1} {:.1},{row_center_y:.1} {end_x:.1},{row_center_y:.1}",
                start_y - bend,
                end_x + outward * bend
            )
        }
    }
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
}
