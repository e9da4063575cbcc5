//! The drawing itself: the level bands, the links (only the part of each
//! curve in view, flattened and stroked in screen pixels) and the far-out
//! cards batched by kind, on the 2D context the component hands over.

use super::*;

/// The level bands behind the cards, each named at the left edge, so the
/// company, its departments and their teams read apart at a glance.
pub(super) fn draw_level_bands(
    context: &CanvasRenderingContext2d,
    bands: &[LevelBand],
    view: &ViewTransform,
    screen: &Rect,
    colors: &Palette,
) {
    context.set_font("600 12px system-ui, sans-serif");
    context.set_text_baseline("top");
    // Far out, bands are thin: a name is written only where it has room, and
    // never over the one above.
    let mut label_bottom = f64::NEG_INFINITY;
    for band in bands {
        let top = band.top * view.scale + view.y - BAND_LABEL_SPACE;
        let bottom = band.bottom * view.scale + view.y + BAND_MARGIN;
        if bottom < screen.y || top > screen.bottom() {
            continue;
        }
        let fill = match band.levels.first() {
            Some(Level::Company) => &colors.band_company,
            Some(Level::Department) => &colors.band_department,
            Some(Level::Team) => &colors.band_team,
            _ => &colors.band_individual,
        };
        let name = band
            .levels
            .iter()
            .map(|level| match level {
                Level::Company => "Company",
                Level::Department => "Departments",
                Level::Team => "Teams",
                Level::Individual => "Individuals",
            })
            .collect::<Vec<_>>()
            .join(" · ");
        context.set_fill_style_str(fill);
        context.fill_rect(screen.x, top, screen.width, bottom - top);
        let label_top = top.max(screen.y) + 4.0;
        if bottom - top >= BAND_LABEL_ROOM && label_top >= label_bottom {
            context.set_fill_style_str(&colors.muted);
            _ = context.fill_text(&name, screen.x + 8.0, label_top);
            label_bottom = label_top + BAND_LABEL_ROOM;
        }
    }
}

/// Every link in view, one path per kind, then their arrowheads. Drawn in
/// screen pixels from the part of each curve that is in view: a link across
/// a big map is tens of thousands of pixels long far out, and handing the
/// whole curve to the canvas (dashed, at that) costs far more than the map.
pub(super) fn draw_links(
    context: &CanvasRenderingContext2d,
    scene: &crate::map::scene::Scene,
    LinksToDraw {
        drag,
        selected,
        lighting,
        soft_links_of,
    }: LinksToDraw<'_>,
    view: &ViewTransform,
    screen: &Rect,
    colors: &Palette,
) {
    let offsets = |from: &str, to: &str| match drag {
        Some(d) if d.id == from => (d.offset, (0.0, 0.0)),
        Some(d) if d.id == to => ((0.0, 0.0), d.offset),
        _ => ((0.0, 0.0), (0.0, 0.0)),
    };
    // A little beyond the screen, so strokes and arrowheads are not cut at its edge.
    let clip = Rect {
        x: screen.x - ARROW,
        y: screen.y - ARROW,
        width: screen.width + 2.0 * ARROW,
        height: screen.height + 2.0 * ARROW,
    };
    // Curves by kind, and by whether focus mode dims them.
    let (mut hard_curves, mut soft_curves) = (Vec::<LinkCurve>::new(), Vec::<LinkCurve>::new());
    let (mut dimmed_hard, mut dimmed_soft) = (Vec::<LinkCurve>::new(), Vec::<LinkCurve>::new());
    let mut selected_curve = None;
    let shade = |link: &crate::map::scene::LinkView| {
        lighting.link(&link.from, &link.to_objective, link.kind)
    };
    let dimmed = |link: &crate::map::scene::LinkView| shade(link) == Shade::Dimmed;
    let shown = |link: &crate::map::scene::LinkView| {
        shade(link) != Shade::Hidden
            && match (link.kind, soft_links_of) {
                (LinkKind::Soft, Some(card)) => {
                    card.is_some_and(|card| link.from == card || link.to_objective == card)
                }
                _ => true,
            }
    };
    for link in scene.links.iter().filter(|l| shown(l)) {
        let (from_offset, to_offset) = offsets(&link.from, &link.to_objective);
        let curve = link
            .curve(from_offset, to_offset)
            .transformed(view.scale, view.x, view.y);
        if selected.is_some_and(|(from, to)| *from == link.from && *to == link.to) {
            selected_curve = Some((link.kind, curve, dimmed(link)));
        } else if curve.bounds().intersects(&clip) {
            match (link.kind, dimmed(link)) {
                (LinkKind::Hard, false) => hard_curves.push(curve),
                (LinkKind::Soft, false) => soft_curves.push(curve),
                (LinkKind::Hard, true) => dimmed_hard.push(curve),
                (LinkKind::Soft, true) => dimmed_soft.push(curve),
            }
        }
    }
    let selected_curves = selected_curve
        .filter(|(_, curve, _)| curve.bounds().intersects(&clip))
        .map(|(kind, curve, dimmed)| {
            let alpha = if dimmed { SELECTED_DIMMED_ALPHA } else { 1.0 };
            (kind == LinkKind::Hard, vec![curve], SELECTED_WIDTH, alpha)
        });
    // The dimmed first, so the lit links are drawn over them.
    let batches = [
        (true, dimmed_hard, LINK_WIDTH, DIMMED_ALPHA),
        (false, dimmed_soft, LINK_WIDTH, DIMMED_ALPHA),
        (true, hard_curves, LINK_WIDTH, 1.0),
        (false, soft_curves, LINK_WIDTH, 1.0),
    ];
    // Far out, links thin down and their arrowheads shrink, then go: at a
    // few pixels a card, arrowheads would cover the map.
    let closeness = (view.scale / FULL_LINKS_SCALE).clamp(0.0, 1.0);
    let arrow = ARROW * closeness;
    for (hard, curves, line_width, alpha) in batches.into_iter().chain(selected_curves) {
        let line_width = line_width * closeness.max(0.5);
        if curves.is_empty() {
            continue;
        }
        context.set_global_alpha(alpha);
        // One path string per batch, parsed by the browser in one call, rather
        // than a call per point.
        let mut lines = String::new();
        for curve in &curves {
            let runs = curve.visible_polylines(&clip, FLATNESS);
            if hard {
                for run in runs {
                    append_polyline(&mut lines, run.into_iter().map(|p| (p.x, p.y)));
                }
            } else {
                for dash in dashes(&runs, SOFT_DASH, SOFT_GAP) {
                    append_polyline(&mut lines, dash.into_iter());
                }
            }
        }
        let color = if hard {
            &colors.link_hard
        } else {
            &colors.link_soft
        };
        if let Ok(path) = Path2d::new_with_path_string(&lines) {
            context.set_line_width(line_width);
            context.set_stroke_style_str(color);
            context.stroke_with_path(&path);
        }

        // Arrowheads: filled for hard links, open for soft ones.
        if arrow < MIN_ARROW {
            continue;
        }
        let mut heads = String::new();
        for curve in curves.iter().filter(|c| clip.contains(c.end)) {
            let (ux, uy) = curve.end_direction();
            let (tip_x, tip_y) = curve.end;
            let (back_x, back_y) = (tip_x - ux * arrow, tip_y - uy * arrow);
            let (side_x, side_y) = (-uy * arrow * 0.5, ux * arrow * 0.5);
            let head = [
                (back_x + side_x, back_y + side_y),
                (tip_x, tip_y),
                (back_x - side_x, back_y - side_y),
            ];
            append_polyline(&mut heads, head.into_iter());
            if hard {
                heads.push('Z');
            }
        }
        let Ok(path) = Path2d::new_with_path_string(&heads) else {
            continue;
        };
        if hard {
            context.set_fill_style_str(color);
            context.fill_with_path_2d(&path);
        } else {
            context.set_line_width(1.6);
            context.stroke_with_path(&path);
        }
    }
    context.set_global_alpha(1.0);
}

/// Appends `M x,y L x,y …` for one polyline to an SVG path string.
fn append_polyline(path: &mut String, points: impl Iterator<Item = (f64, f64)>) {
    use std::fmt::Write;
    for (index, (x, y)) in points.enumerate() {
        let command = if index == 0 { 'M' } else { 'L' };
        _ = write!(path, "{command}{x:.1},{y:.1}");
    }
}

/// The simplified cards: outline and surface, team strip, bar, title.
pub(super) fn draw_cards(
    context: &CanvasRenderingContext2d,
    cards: &[(&FarCard, Rect)],
    scale: f64,
    pixel: f64,
    colors: &Palette,
) {
    // A few pixels a card: each is a block of its team's colour, which the
    // eye can still group into teams.
    if scale < SOLID_CARDS_SCALE {
        fill_in_team_colors(context, cards, |rect| rect.width);
        return;
    }
    context.begin_path();
    for (_, rect) in cards {
        context.rect(rect.x, rect.y, rect.width, rect.height);
    }
    context.set_fill_style_str(&colors.surface);
    context.fill();
    context.set_line_width(pixel);
    context.set_stroke_style_str(&colors.border);
    context.stroke();

    fill_in_team_colors(context, cards, |_| TEAM_STRIP);

    let bar_of = |rect: &Rect| {
        let x = rect.x + TEAM_STRIP + BAR_INSET;
        let y = rect.y + CARD_HEAD_HEIGHT.min(rect.height) - BAR_INSET - BAR_HEIGHT;
        let width = (rect.width - TEAM_STRIP - 2.0 * BAR_INSET).max(0.0);
        (x, y, width)
    };
    context.begin_path();
    for (_, rect) in cards {
        let (x, y, width) = bar_of(rect);
        context.rect(x, y, width, BAR_HEIGHT);
    }
    context.set_fill_style_str(&colors.track);
    context.fill();
    context.begin_path();
    for (card, rect) in cards {
        let (x, y, width) = bar_of(rect);
        context.rect(x, y, width * card.progress.clamp(0.0, 1.0), BAR_HEIGHT);
    }
    context.set_fill_style_str(&colors.fill);
    context.fill();

    if TITLE_SIZE * scale >= MIN_TITLE_PIXELS {
        context.set_fill_style_str(&colors.text);
        context.set_font(&format!("600 {TITLE_SIZE}px system-ui, sans-serif"));
        context.set_text_baseline("top");
        for (card, rect) in cards {
            for (line, text) in card.title_lines.iter().enumerate() {
                let y = rect.y + BAR_INSET + line as f64 * TITLE_SIZE * 1.2;
                _ = context.fill_text(text, rect.x + TEAM_STRIP + BAR_INSET, y);
            }
        }
    }
}

/// Fills each card's left part, `width_of` its rectangle wide, in its team's
/// colour: one path per colour, so each fill style is set once.
fn fill_in_team_colors(
    context: &CanvasRenderingContext2d,
    cards: &[(&FarCard, Rect)],
    width_of: impl Fn(&Rect) -> f64,
) {
    let mut by_color: HashMap<&str, Vec<&Rect>> = HashMap::new();
    for (card, rect) in cards {
        by_color.entry(card.color.as_str()).or_default().push(rect);
    }
    for (color, rects) in by_color {
        context.begin_path();
        for rect in rects {
            context.rect(rect.x, rect.y, width_of(rect), rect.height);
        }
        context.set_fill_style_str(color);
        context.fill();
    }
}

pub(super) fn stroke_outline(
    context: &CanvasRenderingContext2d,
    rect: &Rect,
    color: &str,
    width: f64,
    dash: f64,
) {
    let gap = 2.0 * width;
    context.set_line_width(width);
    context.set_stroke_style_str(color);
    let pattern = if dash > 0.0 {
        js_sys::Array::of2(&dash.into(), &(dash * 0.6).into())
    } else {
        js_sys::Array::new()
    };
    _ = context.set_line_dash(&pattern);
    context.stroke_rect(
        rect.x - gap,
        rect.y - gap,
        rect.width + 2.0 * gap,
        rect.height + 2.0 * gap,
    );
    _ = context.set_line_dash(&js_sys::Array::new());
}
