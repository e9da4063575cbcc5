//! How an objective's slide is spread over as many slides as it needs, so
//! that nothing is cut off on a projector: the key results and soft links
//! fill the left column, the hard supporters the right one, and what does
//! not fit continues on the next slide ("Supported by, continued").
//!
//! The room is measured in ems of the slide's body text, from the
//! presentation's stylesheet (`style/presentation.css`): the text is
//! `min(1.6vw, 2.8vh)` and the stage is padded by 7vw at the sides, 4vh above
//! and 9vh below, so every screen gives at least 53.7 × 31 ems (16:9 and
//! wider are bound by their height, narrower ones have more of it). Each
//! line's width is estimated with the SVG picture's generous character
//! widths and wrapped as the browser wraps it, and a margin is kept, so the
//! estimate errs towards more slides, never towards a cut line. The
//! presentation's browser tests measure every slide at 1280×720 and
//! 1920×1080 to hold this to the truth.

use std::ops::Range;

use crate::map::geometry::wrap_measured;
use crate::output::picture::estimated_text_width;

/// An objective takes at most this many slides; what is left is named as a
/// count ("and 12 more on the map").
pub const MAX_PARTS: usize = 4;

const SLIDE_WIDTH: f64 = 53.7;
const SLIDE_HEIGHT: f64 = 31.0;
/// The columns share the width 1 : 1.15 with a 3vw gap between them.
const LEFT_WIDTH: f64 = 24.1;
const RIGHT_WIDTH: f64 = 27.7;
/// The SVG picture's character widths are those of DejaVu Sans, the widest
/// of the usual faces, with some to spare; most of that spare is taken back.
const WIDTH_ESTIMATE: f64 = 0.95;
/// The progress meter's width, its verdict line's too.
const METER_WIDTH: f64 = 34.0;
/// Kept free at the bottom of each column for the estimate's sake.
const MARGIN: f64 = 0.5;
const LINE: f64 = 1.3;
/// The gap between the header, the columns and the footer.
const GAP: f64 = 0.9;
/// A column's heading with its rule and margins.
const HEADING: f64 = 2.0;
/// The soft links' heading under the key results (with its top margin).
const SOFT_HEADING: f64 = 2.8;
/// A short paragraph ("No key results yet.", "and 3 more on the map").
const NOTE: f64 = 1.9;
/// A group's team name, with its margins.
const GROUP_NAME: f64 = 1.95;
/// A supporter's left border and indent, before its depth's.
const SUPPORTER_INDENT: f64 = 1.1;
const DEPTH_INDENT: f64 = 1.2;

/// The text of one line of a slide, as the layout needs it.
pub struct Texts<'a> {
    pub title: &'a str,
    /// The line under the progress bar: the status and the yardstick's
    /// verdict.
    pub verdict: String,
    pub footer: String,
    /// Each key result's title and values.
    pub key_results: Vec<(&'a str, &'a str)>,
    /// Each soft link's title and the line under it.
    pub soft: Vec<(&'a str, String)>,
    /// Each hard supporter, in group order: its group, depth, title and the
    /// line under it.
    pub hard: Vec<(usize, usize, &'a str, String)>,
}

/// What one of an objective's slides shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// Which of its slides this is (0 for the first) and how many it has.
    pub index: usize,
    pub count: usize,
    pub key_results: Range<usize>,
    pub soft: Range<usize>,
    /// Over the hard supporters in group order, across groups.
    pub hard: Range<usize>,
    /// On the last slide: the soft links and hard supporters that did not
    /// fit on any, left to the map.
    pub soft_left_out: usize,
    pub hard_left_out: usize,
}

/// Spreads a slide's lines over as few slides as hold them (at most
/// [`MAX_PARTS`]).
pub fn parts(texts: &Texts<'_>) -> Vec<Part> {
    // A continuation slide's header has no meter: more room below it.
    let (first, more) = (room(texts, true), room(texts, false));
    let room = |slide: usize, spare: f64| {
        if slide == 0 {
            first - spare
        } else {
            more - spare
        }
    };
    let kr_count = texts.key_results.len();
    let left_count = kr_count.max(1) + texts.soft.len();
    // The left column: the key results (or the note saying there are none),
    // then the soft links under their heading.
    let left_height = |i: usize, first_on_slide: bool| -> f64 {
        if i < kr_count.max(1) {
            return match texts.key_results.get(i) {
                Some((title, values)) => key_result_height(title, values),
                None => NOTE,
            };
        }
        let s = i - kr_count.max(1);
        let (title, meta) = &texts.soft[s];
        let heading = if s == 0 && !first_on_slide {
            SOFT_HEADING
        } else {
            0.0
        };
        heading + supporter_height(title, meta, LEFT_WIDTH - SUPPORTER_INDENT)
    };
    let hard_count = texts.hard.len();
    let right_count = hard_count.max(1);
    let right_height = |i: usize, first_on_slide: bool| -> f64 {
        let Some((group, depth, title, meta)) = texts.hard.get(i) else {
            return NOTE;
        };
        let new_group = first_on_slide || i == 0 || texts.hard[i - 1].0 != *group;
        let indent = SUPPORTER_INDENT + depth.saturating_sub(1) as f64 * DEPTH_INDENT;
        let name = if new_group { GROUP_NAME } else { 0.0 };
        name + supporter_height(title, meta, RIGHT_WIDTH - indent)
    };
    let mut left = fill(left_count, &|slide| room(slide, 0.0), &left_height);
    let mut right = fill(right_count, &|slide| room(slide, 0.0), &right_height);
    // Too much for the slides allowed: the last one ends with a count of
    // what is left, so each column keeps room for that line.
    if left.len() > MAX_PARTS {
        left = fill(left_count, &|slide| room(slide, NOTE), &left_height);
        left.truncate(MAX_PARTS);
    }
    if right.len() > MAX_PARTS {
        right = fill(right_count, &|slide| room(slide, NOTE), &right_height);
        right.truncate(MAX_PARTS);
    }
    let count = left.len().max(right.len()).max(1);
    let left_end = left.last().map_or(0, |r| r.end);
    let right_end = right.last().map_or(0, |r| r.end);
    (0..count)
        .map(|index| {
            let left = left.get(index).cloned().unwrap_or(left_end..left_end);
            let right = right.get(index).cloned().unwrap_or(right_end..right_end);
            let last = index + 1 == count;
            // Positions in the left column past the key results are soft links.
            let soft_from = kr_count.max(1);
            let soft = left.start.max(soft_from) - soft_from..left.end.max(soft_from) - soft_from;
            Part {
                index,
                count,
                key_results: left.start.min(kr_count)..left.end.min(kr_count),
                soft,
                hard: right.start.min(hard_count)..right.end.min(hard_count),
                soft_left_out: if last {
                    texts.soft.len() - (left_end.max(soft_from) - soft_from)
                } else {
                    0
                },
                hard_left_out: if last {
                    hard_count - right_end.min(hard_count)
                } else {
                    0
                },
            }
        })
        .collect()
}

/// The overview's rows, each a top objective's title and the verdict line
/// under its meter, spread over as many overview slides as hold them under
/// the deck's `title` and above the `footer`. Every objective gets a row.
pub fn overview_parts(title: &str, footer: &str, rows: &[(&str, String)]) -> Vec<Range<usize>> {
    let title_lines = lines(title, 1.9, true, SLIDE_WIDTH).min(3) as f64;
    let header = LINE + 0.35 + title_lines * 1.9 * 1.15;
    let footer = lines(footer, 1.0, false, SLIDE_WIDTH) as f64 * LINE;
    let room = SLIDE_HEIGHT - header - 2.0 * GAP - footer - MARGIN;
    // A row: the title over the support line beside the meter, padded; the
    // columns share the row 1.2 : 1 with a 2vw gap.
    let inner = SLIDE_WIDTH - 1.6 - 1.3;
    let (title_width, meter_width) = (inner * 1.2 / 2.2, inner / 2.2);
    let height = |i: usize, first_on_slide: bool| -> f64 {
        let (title, verdict) = &rows[i];
        let left = lines(title, 1.0, true, title_width) as f64 * LINE + LINE;
        // The percentage and the bar, then the verdict's lines (measured
        // 4.57 ems with two at 1280×720).
        let meter = 2.0 + lines(verdict, 1.0, true, meter_width) as f64 * LINE;
        let gap = if first_on_slide { 0.0 } else { 0.5 };
        gap + left.max(meter) + 0.7
    };
    let mut pages = fill(rows.len(), &|_| room, &height);
    // An empty canvas still has its overview, saying there is nothing yet.
    if pages.is_empty() {
        pages.push(0..0);
    }
    pages
}

/// The height the columns have, below the header (with its meter on the
/// first slide) and above the footer.
fn room(texts: &Texts<'_>, with_meter: bool) -> f64 {
    let title_lines = lines(texts.title, 1.9, true, SLIDE_WIDTH).min(3) as f64;
    // The eyebrow, the title, and the meter (percentage, bar and verdict).
    let verdict_lines = lines(&texts.verdict, 1.0, true, METER_WIDTH) as f64;
    let meter = if with_meter {
        0.35 + 1.4 * LINE + 0.15 + verdict_lines * LINE
    } else {
        0.0
    };
    let header = LINE + 0.35 + title_lines * 1.9 * 1.15 + meter;
    let footer = lines(&texts.footer, 1.0, false, SLIDE_WIDTH) as f64 * LINE;
    SLIDE_HEIGHT - header - 2.0 * GAP - footer - HEADING - MARGIN
}

fn key_result_height(title: &str, values: &str) -> f64 {
    // The title beside its percentage, the values, the bar, the padding.
    let title = lines(title, 1.05, true, LEFT_WIDTH - 3.7) as f64 * 1.05 * LINE;
    let values = lines(values, 1.0, false, LEFT_WIDTH) as f64 * LINE;
    0.9 + title + 0.15 + values + 0.15 + 0.5
}

fn supporter_height(title: &str, meta: &str, width: f64) -> f64 {
    let title = lines(title, 1.05, true, width) as f64 * 1.05 * LINE;
    let meta = lines(meta, 1.0, false, width) as f64 * LINE;
    0.3 + title + meta
}

/// How many lines `text` takes at `size` ems in a box `width` ems wide.
fn lines(text: &str, size: f64, bold: bool, width: f64) -> usize {
    wrap_measured(text, width, usize::MAX, &|line| {
        estimated_text_width(line, size, bold) * WIDTH_ESTIMATE
    })
    .len()
    .max(1)
}

/// Cuts `count` items, the item `i` being `height(i, first on its slide)`
/// tall, into runs that fit `room(slide)`; an item taller than the room has
/// a slide of its own.
fn fill(
    count: usize,
    room: &dyn Fn(usize) -> f64,
    height: &dyn Fn(usize, bool) -> f64,
) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < count {
        let start = i;
        let room = room(runs.len());
        let mut used = 0.0;
        while i < count {
            let h = height(i, i == start);
            if i > start && used + h > room {
                break;
            }
            used += h;
            i += 1;
        }
        runs.push(start..i);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(title: &'a str, key_results: usize, soft: usize, hard: usize) -> Texts<'a> {
        Texts {
            title,
            verdict: String::new(),
            footer: String::new(),
            key_results: vec![
                (
                    "Annual recurring revenue",
                    "19,600,000 EUR of 24,000,000 EUR"
                );
                key_results
            ],
            soft: vec![
                (
                    "Be the name finance teams think of first",
                    "Marketing · 32%".into()
                );
                soft
            ],
            hard: (0..hard)
                .map(|i| {
                    (
                        i / 4,
                        1 + i % 2,
                        "Support the ERPs our prospects already run",
                        "46% → New customers signed this quarter".to_string(),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_small_slide_is_one_slide_with_everything() {
        let parts = parts(&texts("Grow", 2, 0, 3));
        assert_eq!(parts.len(), 1);
        assert_eq!(
            parts[0],
            Part {
                index: 0,
                count: 1,
                key_results: 0..2,
                soft: 0..0,
                hard: 0..3,
                soft_left_out: 0,
                hard_left_out: 0,
            }
        );
    }

    #[test]
    fn many_supporters_continue_on_the_next_slides_each_once_in_order() {
        let texts = texts("Grow", 3, 3, 14);
        let parts = parts(&texts);
        assert!(parts.len() > 1, "{parts:?}");
        let mut next_hard = 0;
        let mut next_soft = 0;
        let mut next_kr = 0;
        for (index, part) in parts.iter().enumerate() {
            assert_eq!((part.index, part.count), (index, parts.len()));
            assert_eq!(part.hard.start, next_hard);
            assert_eq!(part.soft.start, next_soft);
            assert_eq!(part.key_results.start, next_kr);
            next_hard = part.hard.end;
            next_soft = part.soft.end;
            next_kr = part.key_results.end;
        }
        let last = parts.last().unwrap();
        assert_eq!(
            (next_kr, next_soft, next_hard + last.hard_left_out),
            (3, 3, 14)
        );
    }

    #[test]
    fn a_longer_title_leaves_less_room() {
        let short = parts(&texts("Grow", 0, 0, 12));
        let long_title = "Become the invoice-automation platform Europe's mid-market runs on, \
                          from the first invoice to the last reminder";
        let long = parts(&texts(long_title, 0, 0, 12));
        assert!(long[0].hard.len() < short[0].hard.len());
    }

    #[test]
    fn beyond_the_slides_allowed_the_rest_is_counted() {
        let texts = texts("Grow", 0, 0, 200);
        let parts = parts(&texts);
        assert_eq!(parts.len(), MAX_PARTS);
        let shown: usize = parts.iter().map(|p| p.hard.len()).sum();
        assert_eq!(parts.last().unwrap().hard_left_out, 200 - shown);
        assert!(parts[..MAX_PARTS - 1].iter().all(|p| p.hard_left_out == 0));
    }

    #[test]
    fn nothing_at_all_is_one_slide() {
        let parts = parts(&texts("Grow", 0, 0, 0));
        assert_eq!(parts.len(), 1);
        assert_eq!(
            (parts[0].key_results.clone(), parts[0].hard.clone()),
            (0..0, 0..0)
        );
    }
}
