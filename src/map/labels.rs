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
/// already placed.
pub fn place_region_labels(regions: &[Region], scale: f64) -> Vec<RegionLabel> {
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
}
