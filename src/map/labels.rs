//! The names of departments and teams over their regions when the map is far
//! out: where each goes on screen, departments and larger regions first, and
//! which are left out because they would cover one already placed. Pure; the
//! map's viewport draws them.

use super::geometry::Rect;
use super::scene::Region;
use crate::domain::model::Level;

/// Region labels: at most this many, and their type sizes on screen.
const MAX_REGION_LABELS: usize = 150;
const DEPARTMENT_LABEL_PIXELS: f64 = 20.0;
const TEAM_LABEL_PIXELS: f64 = 15.0;
/// Free space kept around a region label, in pixels.
const LABEL_ROOM: f64 = 14.0;

/// A region's name where it stands on the map at the labels' zoom (its
/// centre, in pixels from the world's origin).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegionLabel {
    pub name: String,
    /// The label's CSS classes, by the region's level.
    pub class: &'static str,
    pub x: i64,
    pub y: i64,
}

/// Names the regions at `scale`, departments and larger regions first, each
/// over the middle of its region, leaving out a name that would cover one
/// already placed. A name wider than its region stays within the map's left
/// and right edges, where a fitted view shows it whole, instead of hanging
/// off the map's side.
pub fn place_region_labels(regions: &[Region], scale: f64) -> Vec<RegionLabel> {
    let left = regions
        .iter()
        .map(|r| r.rect.x)
        .fold(f64::INFINITY, f64::min)
        * scale;
    let right = regions
        .iter()
        .map(|r| r.rect.x + r.rect.width)
        .fold(f64::NEG_INFINITY, f64::max)
        * scale;
    let mut placed: Vec<Rect> = Vec::new();
    let mut labels = Vec::new();
    for region in regions {
        if labels.len() >= MAX_REGION_LABELS {
            break;
        }
        let (pixels, class) = match region.level {
            Level::Department => (DEPARTMENT_LABEL_PIXELS, "region region--department"),
            _ => (TEAM_LABEL_PIXELS, "region region--team"),
        };
        let (cx, cy) = region.rect.center();
        let (cx, cy) = (cx * scale, cy * scale);
        let text_width = region.name.chars().count() as f64 * pixels * 0.6 + 12.0;
        let cx = within(cx, text_width / 2.0, left, right);
        // With room around it, so names stay apart enough to read as names.
        let label = Rect {
            x: cx - text_width / 2.0 - LABEL_ROOM,
            y: cy - pixels * 0.75 - LABEL_ROOM,
            width: text_width + 2.0 * LABEL_ROOM,
            height: pixels * 1.5 + 2.0 * LABEL_ROOM,
        };
        if placed.iter().any(|p| p.intersects(&label)) {
            continue;
        }
        placed.push(label);
        labels.push(RegionLabel {
            name: region.name.clone(),
            class,
            x: cx.round() as i64,
            y: cy.round() as i64,
        });
    }
    labels
}

/// `centre` moved as little as needed for `centre ± half` to lie within
/// `left..right`; centred between them when it cannot.
fn within(centre: f64, half: f64, left: f64, right: f64) -> f64 {
    if !(left.is_finite() && right.is_finite()) {
        centre
    } else if right - left <= 2.0 * half {
        (left + right) / 2.0
    } else {
        centre.clamp(left + half, right - half)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(name: &str, level: Level, x: f64, y: f64) -> Region {
        Region {
            name: name.to_string(),
            level,
            rect: Rect {
                x,
                y,
                width: 400.0,
                height: 200.0,
            },
        }
    }

    #[test]
    fn names_go_over_their_regions_and_a_name_that_would_cover_another_is_left_out() {
        let regions = [
            region("Revenue", Level::Department, 0.0, 0.0),
            // Its centre is 10 units from Revenue's: it would cover it.
            region("Nordic AE", Level::Team, 10.0, 0.0),
            region("Brand", Level::Team, 2_000.0, 0.0),
        ];
        let labels = place_region_labels(&regions, 0.5);
        let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Revenue", "Brand"]);
        assert_eq!((labels[0].x, labels[0].y), (100, 50));
        assert!(labels[0].class.contains("department"));
        assert!(labels[1].class.contains("team"));
    }

    #[test]
    fn a_name_wider_than_its_region_stays_on_the_map() {
        let mut narrow = region("Customer Success", Level::Department, 0.0, 0.0);
        narrow.rect.width = 100.0;
        let wide = region("Brand", Level::Team, 0.0, 1_000.0);
        let labels = place_region_labels(&[narrow, wide], 1.0);
        // "Customer Success" at 20 px: about 204 px wide, so its centre moves
        // from 50 to about 102, its left edge onto the map's.
        let customer = &labels[0];
        assert_eq!(customer.name, "Customer Success");
        let half: f64 = 16.0 * 20.0 * 0.6 / 2.0 + 6.0;
        assert_eq!(customer.x, half.round() as i64);
        // A name with room over its region stays over its middle.
        assert_eq!((labels[1].x, labels[1].y), (200, 1_100));
    }

    #[test]
    fn a_name_wider_than_the_whole_map_is_centred_on_it() {
        assert_eq!(within(10.0, 300.0, 0.0, 400.0), 200.0);
        assert_eq!(within(390.0, 50.0, 0.0, 400.0), 350.0);
        assert_eq!(within(200.0, 50.0, 0.0, 400.0), 200.0);
        assert_eq!(within(5.0, 50.0, f64::INFINITY, f64::NEG_INFINITY), 5.0);
    }
}
