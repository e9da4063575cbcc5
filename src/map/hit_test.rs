//! What is under the pointer, answered from the cards' rectangles rather than
//! the DOM: a uniform grid over the world, so a drag over a 2,000-card map
//! looks at a handful of cards per move and forces no layout.

use std::collections::HashMap;

use crate::map::geometry::Rect;

/// Grid cell size in canvas units: a few cards wide.
const CELL: f64 = 600.0;

#[derive(Clone, Debug, Default)]
pub struct CardIndex {
    rects: Vec<Rect>,
    cells: HashMap<(i64, i64), Vec<usize>>,
}

fn cell_of(value: f64) -> i64 {
    // Saturating float-to-int conversion: absurd coordinates land in an edge cell.
    (value / CELL).floor() as i64
}

impl CardIndex {
    /// Indexes `rects`; a card's index is its position in the slice.
    pub fn new(rects: Vec<Rect>) -> CardIndex {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (index, rect) in rects.iter().enumerate() {
            let (x0, x1) = (cell_of(rect.x), cell_of(rect.right()));
            let (y0, y1) = (cell_of(rect.y), cell_of(rect.bottom()));
            // A card spans a cell or two; anything else is not a drawable card.
            let sane = rect.x.is_finite()
                && rect.y.is_finite()
                && x1.saturating_sub(x0) <= 4
                && y1.saturating_sub(y0) <= 4;
            if !sane {
                continue;
            }
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    cells.entry((cx, cy)).or_default().push(index);
                }
            }
        }
        CardIndex { rects, cells }
    }

    /// The topmost card (the one drawn last) containing the world point, not
    /// counting `except` (the card being dragged).
    pub fn card_at(&self, x: f64, y: f64, except: Option<usize>) -> Option<usize> {
        let candidates = self.cells.get(&(cell_of(x), cell_of(y)))?;
        candidates
            .iter()
            .rev()
            .copied()
            .filter(|&i| Some(i) != except)
            .find(|&i| {
                let r = &self.rects[i];
                x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom()
            })
    }

    pub fn rect(&self, index: usize) -> Option<Rect> {
        self.rects.get(index).copied()
    }

    pub fn len(&self) -> usize {
        self.rects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64) -> Rect {
        Rect {
            x,
            y,
            width: 280.0,
            height: 150.0,
        }
    }

    #[test]
    fn finds_the_card_under_a_point() {
        let index = CardIndex::new(vec![rect(0.0, 0.0), rect(400.0, 0.0), rect(-900.0, -700.0)]);
        assert_eq!(index.card_at(10.0, 10.0, None), Some(0));
        assert_eq!(index.card_at(500.0, 100.0, None), Some(1));
        assert_eq!(index.card_at(-800.0, -600.0, None), Some(2));
        assert_eq!(index.card_at(350.0, 10.0, None), None);
    }

    #[test]
    fn skips_the_dragged_card_and_prefers_the_topmost() {
        let index = CardIndex::new(vec![rect(0.0, 0.0), rect(100.0, 50.0)]);
        assert_eq!(index.card_at(150.0, 100.0, None), Some(1));
        assert_eq!(index.card_at(150.0, 100.0, Some(1)), Some(0));
    }

    #[test]
    fn cards_spanning_cells_are_found_in_each() {
        let index = CardIndex::new(vec![rect(550.0, 550.0)]);
        assert_eq!(index.card_at(560.0, 560.0, None), Some(0));
        assert_eq!(index.card_at(800.0, 690.0, None), Some(0));
    }

    #[test]
    fn nonsense_coordinates_do_not_panic() {
        let mut odd = rect(0.0, 0.0);
        odd.x = f64::NAN;
        let huge = Rect {
            x: -1e300,
            y: 0.0,
            width: 2e300,
            height: 10.0,
        };
        let index = CardIndex::new(vec![odd, rect(1e300, -1e300), huge]);
        assert_eq!(index.card_at(f64::NAN, 0.0, None), None);
        assert_eq!(index.card_at(0.0, 0.0, None), None);
    }
}
