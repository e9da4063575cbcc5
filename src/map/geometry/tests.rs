//! The tests of `map/geometry.rs`: beside the code, in a file of their own for length.

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
    let child = rect(0.0, 300.0, 280.0, 100.0);
    let parent = rect(400.0, 0.0, 280.0, 120.0);
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
        &rect(0.0, 5_000.0, 280.0, 100.0),
        LinkEnd::Card(rect(400_000.0, 0.0, 280.0, 120.0)),
    )
}

#[test]
fn only_the_visible_part_of_a_curve_is_flattened() {
    let curve = long_curve().transformed(0.05, 0.0, 0.0);
    let clip = rect(0.0, 0.0, 1280.0, 800.0);
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
    let far = rect(50_000.0, 50_000.0, 10.0, 10.0);
    assert!(curve.visible_polylines(&far, 0.5).is_empty());
}

#[test]
fn a_flattened_curve_stays_on_the_curve_and_keeps_its_ends() {
    let child = rect(0.0, 300.0, 280.0, 100.0);
    let parent = rect(400.0, 0.0, 280.0, 120.0);
    let curve = link_curve(&child, LinkEnd::Card(parent));
    let everything = rect(-1e6, -1e6, 2e6, 2e6);
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

#[test]
fn a_card_shows_the_whole_lines_of_title_it_has_room_for() {
    // A card without key results zoomed out: one line of large title, not four cut off.
    assert_eq!(title_lines(Detail::Summary, CARD_HEAD_HEIGHT, 30.0), 1);
    assert_eq!(title_lines(Detail::Summary, CARD_HEAD_HEIGHT, 20.0), 1);
    assert_eq!(title_lines(Detail::Summary, CARD_HEAD_HEIGHT, 16.0), 2);
    // A tall card has room for the most lines kept.
    assert_eq!(title_lines(Detail::Title, 400.0, 20.0), 4);
    assert_eq!(title_lines(Detail::Full, 400.0, 20.0), 2);
    // Never none, whatever the numbers.
    assert_eq!(title_lines(Detail::Title, 10.0, 50.0), 1);
    assert_eq!(title_lines(Detail::Title, 100.0, 0.0), 1);
}
