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
}
