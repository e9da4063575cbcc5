//! A picture of the map: the whole canvas as one standalone SVG file, for slide decks,
//! wikis and e-mails where the app itself cannot go.
//!
//! The picture is drawn from the same [`Scene`] the page renders, so every card sits
//! where it sits on screen and every link is the very path the link layer draws
//! ([`LinkView::path`]); nothing about placement is decided here. A card is drawn the
//! way `style/card.css` lays it out (team colour strip, team, level, kind, title,
//! progress bar and number, key-result rows with their bars, the reason a standalone
//! objective stands alone); hard links are solid with a filled arrowhead, soft links
//! dashed, orange and with an open arrowhead, as `style/canvas.css` draws them, so the
//! two differ without colour too. The realign flag and the selection are states of
//! the page, not of the document, and are left out.
//!
//! The file must be safe to open anywhere, whoever wrote the canvas: it references
//! nothing outside itself (no URLs, fonts, images or scripts, no event attributes),
//! keeps its styles in one `<style>` element, XML-escapes every text that comes from
//! the document and drops the characters XML 1.0 forbids. An SVG cannot measure text,
//! so titles are fitted to the card with an estimate of their width
//! ([`estimated_text_width`]), wrapped or cut with an ellipsis; each card also carries
//! its full title in a `<title>` element, which viewers show as a tooltip.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::domain::model::{is_valid_color, Document, LinkKind, ObjectiveKind};
use crate::map::geometry::{
    kr_row_center_y, wrap_measured, LinkCurve, Rect, BLOCKS_BELOW, CARD_HEAD_HEIGHT, KR_ROW_HEIGHT,
    MAX_MARKUP_CARDS, SOLID_CARDS_SCALE, STANDALONE_LINE_HEIGHT,
};
use crate::map::scene::{progress_percent, CardView, LinkView, Scene};

/// Free space around the map, in canvas units.
const MARGIN: f64 = 40.0;
/// Height of the heading (canvas title, cycle, legend) above the map.
const HEADER_HEIGHT: f64 = 64.0;
/// The picture is never narrower than this, so the heading and legend fit.
const MIN_WIDTH: f64 = 560.0;
/// Room the legend takes at the right of the heading's second line.
const LEGEND_WIDTH: f64 = 220.0;

/// The card's left border (the team colour strip), as in `style/card.css`.
const STRIP_WIDTH: f64 = 6.0;
const CARD_RADIUS: f64 = 8.0;
/// Where the card's text starts and ends, from its left edge: border, then padding.
const CONTENT_LEFT: f64 = STRIP_WIDTH + 12.0;
const CONTENT_RIGHT_INSET: f64 = 1.0 + 12.0;

/// Type sizes in pixels: the CSS tokens (`--text-xs` 0.72rem, `--text-md` 0.95rem) at
/// the page's 16px root size; the style sheet below spells the same values.
const TEXT_XS: f64 = 11.52;
const TEXT_MD: f64 = 15.2;
const HEADING_SIZE: f64 = 20.0;
const SUBHEADING_SIZE: f64 = 13.0;

/// Key-result row columns (`.kr` in `style/card.css`: title, a 56px bar, 3.5ch number).
const KR_BAR_WIDTH: f64 = 56.0;
const KR_PERCENT_WIDTH: f64 = 24.0;
const GAP: f64 = 8.0;
/// The objective's progress number beside its bar.
const PERCENT_WIDTH: f64 = 32.0;

/// Used when a card's colour is not a plain `#rrggbb` (which a valid document ensures).
const FALLBACK_COLOR: &str = "#5b6576";

/// The light theme's tokens from `style/tokens.css`, as one style sheet.
const STYLE: &str = "\
text{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;fill:#1c2430}\
.bg{fill:#eef0f3}\
.heading{font-size:20px;font-weight:700}\
.subheading{font-size:13px;fill:#5b6576}\
.legend{font-size:12px;fill:#5b6576}\
.empty{font-size:14px;fill:#5b6576}\
.card__body{fill:#ffffff;stroke:#d8dce3;stroke-width:1}\
.card__rule{stroke:#d8dce3;stroke-width:1}\
.card__meta{font-size:11.52px;fill:#5b6576}\
.card__team{font-weight:600}\
.card__kind{font-size:11.52px;fill:#5b6576;text-anchor:middle}\
.card__kind--committed{font-weight:600}\
.pill{fill:none;stroke:#d8dce3;stroke-width:1}\
.pill--aspirational{stroke-dasharray:3 2}\
.card__title{font-size:15.2px;font-weight:600}\
.card__percent{font-size:13.12px;font-weight:600;text-anchor:end}\
.card__standalone{font-size:11.52px;fill:#5b6576;font-style:italic}\
.kr__title{font-size:11.52px}\
.kr__percent{font-size:11.52px;fill:#5b6576;text-anchor:end}\
.bar{fill:#e3e7ed}\
.bar__fill{fill:#2f855a}\
.link{fill:none;stroke-width:2}\
.link--hard{stroke:#334e68}\
.link--soft{stroke:#c05621;stroke-dasharray:7 5}\
.arrow--hard{fill:#334e68}\
.arrow--soft{fill:none;stroke:#c05621;stroke-width:1.6}";

/// The arrowheads, as the link layer defines them (8 × 8 stroke widths).
const MARKERS: &str = "<defs>\
<marker id=\"arrow-hard\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">\
<path class=\"arrow--hard\" d=\"M0,0 L10,5 L0,10 z\"/></marker>\
<marker id=\"arrow-soft\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">\
<path class=\"arrow--soft\" d=\"M0,1 L9,5 L0,9\"/></marker>\
</defs>";

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The whole map of `doc` as a standalone SVG document; `scene` must be the scene
/// built from `doc` (it gives every card's place and every link's path).
pub fn map_svg(doc: &Document, scene: &Scene) -> String {
    let title = plain_text(&doc.title);
    let Some(content) = content_bounds(scene) else {
        return empty_svg(&title);
    };
    let x0 = content.x - MARGIN;
    let y0 = content.y - MARGIN - HEADER_HEIGHT;
    let width = (content.width + 2.0 * MARGIN).max(MIN_WIDTH);
    let height = content.height + 2.0 * MARGIN + HEADER_HEIGHT;

    let mut out = String::with_capacity(4096 + scene.cards.len() * 2048);
    open_svg(&mut out, (x0, y0, width, height), &title);
    let description = format!(
        "{}{} objectives, {} links. Hard links are solid with a filled arrow; soft links are dashed with an open arrow.",
        doc.cycle
            .as_ref()
            .map(|c| format!("{}: ", plain_text(&c.label)))
            .unwrap_or_default(),
        scene.cards.len(),
        scene.links.len()
    );
    let _ = write!(out, "<desc>{}</desc>", escape_xml(&description));
    let _ = write!(
        out,
        "<rect class=\"bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        num(x0),
        num(y0),
        num(width),
        num(height)
    );
    out.push_str(MARKERS);
    write_heading(&mut out, doc, scene, (x0, y0, width));
    write_map(&mut out, scene);
    out.push_str("</svg>\n");
    out
}

/// The dark theme's tokens from `style/tokens.css`, for a preview shown on a page in
/// the dark theme (an SVG shown as an image follows the page's colour scheme).
const DARK_STYLE: &str = "@media (prefers-color-scheme:dark){\
text{fill:#e6e9ee}\
.card__body{fill:#212833;stroke:#3a4350}\
.card__rule,.pill{stroke:#3a4350}\
.card__meta,.card__kind,.card__standalone,.kr__percent{fill:#a3adbb}\
.bar{fill:#364050}\
.bar__fill{fill:#48bb78}\
.link--hard{stroke:#b8c7da}\
.link--soft{stroke:#f6ad55}\
.arrow--hard{fill:#b8c7da}\
.arrow--soft{stroke:#f6ad55}}";

/// The map alone, without heading or background, in the scene's own bounds at full
/// size: the picture the page shows in the map's place while the app starts (the
/// last map seen, kept in storage, or the sample's on a first visit), until the
/// app's own map replaces it. Fitted in the map's area as the app fits its view
/// (`style/shell.css`, `.boot__map`), each card sits where the live card will.
/// `None` for a map without cards.
pub fn preview_svg(scene: &Scene) -> Option<String> {
    let bounds = scene.bounds?;
    let mut out = String::with_capacity(2048 + scene.cards.len() * 2048);
    open_preview(&mut out, &bounds, &[STYLE, DARK_STYLE]);
    out.push_str(MARKERS);
    write_map(&mut out, scene);
    out.push_str("</svg>\n");
    Some(out)
}

/// Opens a picture kept for the next open: the scene's `bounds` at full size
/// (the page fits it), with its style sheet.
fn open_preview(out: &mut String, bounds: &Rect, styles: &[&str]) {
    let _ = write!(
        out,
        "<svg xmlns=\"{SVG_NAMESPACE}\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\
         <style>{}</style>",
        num(bounds.x),
        num(bounds.y),
        num(bounds.width),
        num(bounds.height),
        num(bounds.width),
        num(bounds.height),
        styles.concat(),
    );
}

/// The largest map pictured in full before the app runs ([`preview_svg`], 2–3 KB
/// a card); past it the picture is a [`preview_sketch_svg`].
pub const FULL_PREVIEW_CARDS: usize = 100;

/// The picture of the map kept for the page's next first paint: in full for a
/// map of up to [`FULL_PREVIEW_CARDS`] cards, else a sketch of the map as the
/// app shows it whole, at `fitted_scale`. `None` for a map without cards.
pub fn preview_for(scene: &Scene, fitted_scale: f64) -> Option<String> {
    if scene.cards.len() <= FULL_PREVIEW_CARDS {
        return preview_svg(scene);
    }
    // Whole in view, a map of more cards than the markup takes is drawn.
    let drawn = scene.cards.len() > MAX_MARKUP_CARDS;
    let look = SketchLook {
        soft_links: !drawn,
        solid: fitted_scale
            < if drawn {
                SOLID_CARDS_SCALE
            } else {
                BLOCKS_BELOW
            },
    };
    preview_sketch_svg(scene, look)
}

/// How a sketch draws the map, after the app's own look at the zoom it opens at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SketchLook {
    /// Soft links drawn too: the drawn map shows only the selected card's.
    pub soft_links: bool,
    /// Each card a block of its team's colour, as the app shows cards far out;
    /// else its outline with the team's colour along its left edge.
    pub solid: bool,
}

/// The team colour along a sketched card's left edge, as wide as the drawn map
/// draws it far out (`ui/drawn_map`).
const SKETCH_STRIP: f64 = 14.0;

/// The sketch's colours, light and dark: the card's surface and border, the
/// links, as `style/tokens.css` has them and the drawn map uses them.
const SKETCH_STYLE: &str = "\
.card__body{fill:#ffffff;stroke:#d8dce3}\
.link{fill:none;stroke-width:1.5}\
.link--hard{stroke:#334e68}\
.link--soft{stroke:#c05621;stroke-dasharray:6 4}\
.card__body,.link{vector-effect:non-scaling-stroke}\
@media (prefers-color-scheme:dark){\
.card__body{fill:#212833;stroke:#3a4350}\
.link--hard{stroke:#b8c7da}\
.link--soft{stroke:#f6ad55}}";

/// A big map for the same place as [`preview_svg`], in a few dozen bytes a card
/// instead of thousands: each card a rectangle, each link a straight line of its
/// kind from card to card, drawn as `look` says the app shows them. So a map of
/// thousands of cards still fits the room a kept picture is given. Strokes keep
/// their width on screen however far the picture is scaled down.
/// `None` for a map without cards.
pub fn preview_sketch_svg(scene: &Scene, look: SketchLook) -> Option<String> {
    let bounds = scene.bounds?;
    let mut out = String::with_capacity(1024 + scene.cards.len() * 64 + scene.links.len() * 32);
    open_preview(&mut out, &bounds, &[SKETCH_STYLE]);
    let kinds: &[(LinkKind, &str)] = if look.soft_links {
        &[
            (LinkKind::Hard, "link--hard"),
            (LinkKind::Soft, "link--soft"),
        ]
    } else {
        &[(LinkKind::Hard, "link--hard")]
    };
    for &(kind, class) in kinds {
        let mut d = String::new();
        for link in scene.links.iter().filter(|link| link.kind == kind) {
            let LinkCurve { start, end, .. } = link.curve((0.0, 0.0), (0.0, 0.0));
            let _ = write!(
                d,
                "M{},{}L{},{}",
                whole(start.0),
                whole(start.1),
                whole(end.0),
                whole(end.1)
            );
        }
        if !d.is_empty() {
            let _ = write!(out, "<path class=\"link {class}\" d=\"{d}\"/>");
        }
    }
    let rectangle = |d: &mut String, rect: &Rect, width: f64| {
        let _ = write!(
            d,
            "M{},{}h{}v{}h-{}z",
            whole(rect.x),
            whole(rect.y),
            whole(width),
            whole(rect.height),
            whole(width)
        );
    };
    let mut bodies = String::new();
    let mut by_color: BTreeMap<&str, String> = BTreeMap::new();
    for card in &scene.cards {
        let color = if is_valid_color(&card.team_color) {
            card.team_color.as_str()
        } else {
            FALLBACK_COLOR
        };
        let colored = by_color.entry(color).or_default();
        if look.solid {
            rectangle(colored, &card.rect, card.rect.width);
        } else {
            rectangle(&mut bodies, &card.rect, card.rect.width);
            rectangle(colored, &card.rect, SKETCH_STRIP.min(card.rect.width));
        }
    }
    out.push_str("<g class=\"cards\">");
    if !bodies.is_empty() {
        let _ = write!(out, "<path class=\"card__body\" d=\"{bodies}\"/>");
    }
    for (color, d) in by_color {
        let _ = write!(out, "<path fill=\"{color}\" d=\"{d}\"/>");
    }
    out.push_str("</g></svg>\n");
    Some(out)
}

/// A length in whole canvas units: a sketch is seen far out, where a unit is
/// far less than a pixel.
fn whole(value: f64) -> i64 {
    value.round() as i64
}

/// Every link, then every card over them.
fn write_map(out: &mut String, scene: &Scene) {
    out.push_str("<g class=\"links\">");
    for link in &scene.links {
        write_link(out, link);
    }
    out.push_str("</g><g class=\"cards\">");
    for card in &scene.cards {
        write_card(out, card);
    }
    out.push_str("</g>");
}

/// The rectangle holding every card and every link curve. A cubic curve lies inside
/// its control points, so the points of each link's path are enough.
fn content_bounds(scene: &Scene) -> Option<Rect> {
    let cards = scene.cards.iter().map(|c| c.rect);
    let links = scene.links.iter().flat_map(|link| {
        path_points(&link.path((0.0, 0.0), (0.0, 0.0)))
            .into_iter()
            .map(|(x, y)| Rect {
                x,
                y,
                width: 0.0,
                height: 0.0,
            })
    });
    Rect::bounding(cards.chain(links).filter(|r| {
        r.x.is_finite() && r.y.is_finite() && r.width.is_finite() && r.height.is_finite()
    }))
}

/// The coordinate pairs of a path made of absolute commands (`M`, `C`, …).
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ',' || c.is_whitespace())
        .filter_map(|part| part.parse::<f64>().ok())
        .collect();
    numbers
        .chunks_exact(2)
        .filter_map(|pair| match pair {
            [x, y] => Some((*x, *y)),
            _ => None,
        })
        .collect()
}

fn open_svg(out: &mut String, (x, y, width, height): (f64, f64, f64, f64), title: &str) {
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"{SVG_NAMESPACE}\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-labelledby=\"map-title\">\
         <title id=\"map-title\">{}</title><style>{STYLE}</style>",
        num(x),
        num(y),
        num(width),
        num(height),
        num(width),
        num(height),
        escape_xml(title)
    );
}

/// A small picture that says the canvas is empty.
fn empty_svg(title: &str) -> String {
    let (width, height) = (480.0, 140.0);
    let mut out = String::with_capacity(1024);
    open_svg(&mut out, (0.0, 0.0, width, height), title);
    let _ = writeln!(
        out,
        "<desc>An empty OKR map.</desc>\
         <rect class=\"bg\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\"/>\
         <text class=\"heading\" x=\"{m}\" y=\"56\">{}</text>\
         <text class=\"empty\" x=\"{m}\" y=\"92\">This canvas is empty: it has no objectives yet.</text>\
         </svg>",
        escape_xml(&fit_line(title, width - 2.0 * MARGIN, HEADING_SIZE, true)),
        w = num(width),
        h = num(height),
        m = num(MARGIN),
    );
    out
}

/// The canvas title, the cycle and counts, and a legend of the two kinds of link.
fn write_heading(
    out: &mut String,
    doc: &Document,
    scene: &Scene,
    (x0, y0, width): (f64, f64, f64),
) {
    let left = x0 + MARGIN;
    let title = fit_line(
        &plain_text(&doc.title),
        width - 2.0 * MARGIN,
        HEADING_SIZE,
        true,
    );
    let _ = write!(
        out,
        "<text class=\"heading\" x=\"{}\" y=\"{}\">{}</text>",
        num(left),
        num(y0 + 34.0),
        escape_xml(&title)
    );
    let counts = format!(
        "{} objectives · {} links",
        scene.cards.len(),
        scene.links.len()
    );
    let subheading = match &doc.cycle {
        Some(cycle) => format!(
            "{} ({} to {}) · {counts}",
            plain_text(&cycle.label),
            plain_text(&cycle.start),
            plain_text(&cycle.end)
        ),
        None => counts,
    };
    let subheading = fit_line(
        &subheading,
        width - 2.0 * MARGIN - LEGEND_WIDTH,
        SUBHEADING_SIZE,
        false,
    );
    let line_y = y0 + 58.0;
    let _ = write!(
        out,
        "<text class=\"subheading\" x=\"{}\" y=\"{}\">{}</text>",
        num(left),
        num(line_y),
        escape_xml(&subheading)
    );
    let legend_x = x0 + width - MARGIN - LEGEND_WIDTH + 16.0;
    for (offset, kind, label) in [(0.0, "hard", "hard link"), (110.0, "soft", "soft link")] {
        let start = legend_x + offset;
        let _ = write!(
            out,
            "<path class=\"link link--{kind}\" d=\"M{},{} H{}\" marker-end=\"url(#arrow-{kind})\"/>\
             <text class=\"legend\" x=\"{}\" y=\"{}\">{label}</text>",
            num(start),
            num(line_y - 4.0),
            num(start + 30.0),
            num(start + 40.0),
            num(line_y),
        );
    }
}

fn write_link(out: &mut String, link: &LinkView) {
    let kind = match link.kind {
        LinkKind::Hard => "hard",
        LinkKind::Soft => "soft",
    };
    let _ = write!(
        out,
        "<path class=\"link link--{kind}\" data-link-from=\"{}\" data-link-to=\"{}\" data-link-kind=\"{kind}\" d=\"{}\" marker-end=\"url(#arrow-{kind})\"/>",
        escape_xml(&link.from),
        escape_xml(&link.to),
        escape_xml(&link.path((0.0, 0.0), (0.0, 0.0))),
    );
}

fn write_card(out: &mut String, card: &CardView) {
    let Rect {
        x,
        y,
        width,
        height,
    } = card.rect;
    let left = x + CONTENT_LEFT;
    let right = x + width - CONTENT_RIGHT_INSET;
    let content_width = right - left;
    let title = plain_text(&card.title);
    let team = plain_text(&card.team_name);
    let color = if is_valid_color(&card.team_color) {
        card.team_color.as_str()
    } else {
        FALLBACK_COLOR
    };

    let _ = write!(
        out,
        "<g class=\"card\" data-okr-id=\"{}\"><title>{}</title>",
        escape_xml(&card.id),
        escape_xml(&format!(
            "{title} — {team}, {}",
            progress_percent(unit(card.progress))
        ))
    );
    // The body, then the team colour strip over its left edge, rounded like the card.
    let r = CARD_RADIUS;
    let _ = write!(
        out,
        "<rect class=\"card__body\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{r}\"/>\
         <path fill=\"{color}\" d=\"M{},{} V{} H{} A{r},{r} 0 0 1 {},{} V{} A{r},{r} 0 0 1 {},{} Z\"/>",
        num(x + 0.5),
        num(y + 0.5),
        num((width - 1.0).max(0.0)),
        num((height - 1.0).max(0.0)),
        num(x + STRIP_WIDTH),
        num(y),
        num(y + height),
        num(x + r),
        num(x),
        num(y + height - r),
        num(y + r),
        num(x + r),
        num(y),
    );

    // Meta line: team and level at the left, the kind as a pill at the right.
    let (kind_label, kind_modifier) = match card.kind {
        ObjectiveKind::Committed => ("Committed", "committed"),
        ObjectiveKind::Aspirational => ("Aspirational", "aspirational"),
    };
    let bold_kind = card.kind == ObjectiveKind::Committed;
    let pill_width = estimated_text_width(kind_label, TEXT_XS, bold_kind) + 16.0;
    let level = card.level.name();
    let level_width = estimated_text_width(level, TEXT_XS, false);
    let team_room = (content_width - pill_width - level_width - 2.0 * GAP).max(0.0);
    let team_text = fit_line(&team, team_room, TEXT_XS, true);
    let meta_y = y + 21.0;
    // One text element: the viewer places the level after the team name, whatever
    // the font's real widths.
    let _ = write!(
        out,
        "<text class=\"card__meta\" x=\"{}\" y=\"{}\"><tspan class=\"card__team\">{}</tspan><tspan dx=\"{GAP}\">{level}</tspan></text>\
         <rect class=\"pill pill--{kind_modifier}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" rx=\"7.5\"/>\
         <text class=\"card__kind card__kind--{kind_modifier}\" x=\"{}\" y=\"{}\">{kind_label}</text>",
        num(left),
        num(meta_y),
        escape_xml(&team_text),
        num(right - pill_width),
        num(y + 10.0),
        num(pill_width),
        num(right - pill_width / 2.0),
        num(meta_y),
    );

    // Title: two lines at most, as the page clamps it.
    for (index, line) in wrap_lines(&title, content_width, TEXT_MD, true, 2)
        .iter()
        .enumerate()
    {
        let _ = write!(
            out,
            "<text class=\"card__title\" x=\"{}\" y=\"{}\">{}</text>",
            num(left),
            num(y + 44.0 + 19.0 * index as f64),
            escape_xml(line)
        );
    }

    // Progress: bar and number.
    let bar_width = content_width - GAP - PERCENT_WIDTH;
    write_bar(out, left, y + 76.0, bar_width, card.progress);
    let _ = write!(
        out,
        "<text class=\"card__percent\" x=\"{}\" y=\"{}\">{}</text>",
        num(right),
        num(y + 84.0),
        progress_percent(unit(card.progress))
    );

    let standalone = card.standalone.is_some();
    let mut list_top = y + 1.0 + CARD_HEAD_HEIGHT;
    if let Some(reason) = &card.standalone {
        let line = fit_line(
            &format!("Stands alone: {}", plain_text(reason)),
            content_width,
            TEXT_XS,
            false,
        );
        let _ = write!(
            out,
            "<text class=\"card__standalone\" x=\"{}\" y=\"{}\">{}</text>",
            num(left),
            num(list_top + 11.0),
            escape_xml(&line)
        );
        list_top += STANDALONE_LINE_HEIGHT;
    }

    if !card.key_results.is_empty() {
        write_rule(out, x + STRIP_WIDTH, x + width - 1.0, list_top);
    }
    let kr_percent_right = right;
    let kr_bar_x = right - KR_PERCENT_WIDTH - GAP - KR_BAR_WIDTH;
    let kr_title_width = (kr_bar_x - GAP - left).max(0.0);
    for (index, key_result) in card.key_results.iter().enumerate() {
        // The same row centres the link layer aims at.
        let center = kr_row_center_y(&card.rect, index, standalone);
        if index > 0 {
            write_rule(
                out,
                x + STRIP_WIDTH,
                x + width - 1.0,
                center - KR_ROW_HEIGHT / 2.0,
            );
        }
        let kr_title = fit_line(
            &plain_text(&key_result.title),
            kr_title_width,
            TEXT_XS,
            false,
        );
        let _ = write!(
            out,
            "<text class=\"kr__title\" x=\"{}\" y=\"{}\"><title>{}</title>{}</text>",
            num(left),
            num(center + 4.0),
            escape_xml(&plain_text(&key_result.title)),
            escape_xml(&kr_title)
        );
        write_bar(
            out,
            kr_bar_x,
            center - 3.0,
            KR_BAR_WIDTH,
            key_result.progress,
        );
        let _ = write!(
            out,
            "<text class=\"kr__percent\" x=\"{}\" y=\"{}\">{}</text>",
            num(kr_percent_right),
            num(center + 4.0),
            progress_percent(unit(key_result.progress))
        );
    }
    out.push_str("</g>");
}

/// A 6px progress bar: the track, and the filled part for `progress`.
fn write_bar(out: &mut String, x: f64, y: f64, width: f64, progress: f64) {
    let _ = write!(
        out,
        "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" rx=\"3\"/>",
        num(x),
        num(y),
        num(width.max(0.0))
    );
    let filled = width.max(0.0) * unit(progress);
    if filled > 0.0 {
        let _ = write!(
            out,
            "<rect class=\"bar__fill\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" rx=\"3\"/>",
            num(x),
            num(y),
            num(filled)
        );
    }
}

fn write_rule(out: &mut String, from_x: f64, to_x: f64, y: f64) {
    let _ = write!(
        out,
        "<path class=\"card__rule\" d=\"M{},{} H{}\"/>",
        num(from_x),
        num(y + 0.5),
        num(to_x)
    );
}

/// A progress value kept in 0..=1 (NaN counts as 0).
fn unit(progress: f64) -> f64 {
    if progress.is_nan() {
        0.0
    } else {
        progress.clamp(0.0, 1.0)
    }
}

/// A coordinate with at most one decimal; a value that is not finite (which a valid
/// document cannot produce) is written as 0 so the file stays well-formed.
fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Text as one line: runs of whitespace (newlines and tabs included) become one space,
/// and control characters go, as do U+FFFE and U+FFFF. That removes every character
/// XML 1.0 forbids (a Rust `char` is never a lone surrogate).
fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(char::is_whitespace)
        .map(|w| {
            w.chars()
                .filter(|&c| !c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// `text` escaped for XML character data and attribute values alike.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The width `text` is expected to take in a sans-serif face at `size` pixels.
///
/// An SVG file cannot measure its text, and the viewer picks the font from the list
/// (system-ui, Segoe UI, Roboto, Helvetica, Arial, or the system's sans-serif, often
/// DejaVu Sans), so this is an upper estimate: each character counts as the share of
/// the font size it takes in DejaVu Sans, the widest of these faces, rounded up —
/// 0.32 em for the thinnest (`i l j I . , : ; ' | ! \``, the space), 0.42 em for
/// `f r t - / \ ( ) [ ] { } "`, 1 em for `m w M W @ %`, 0.76 em for other capitals,
/// 0.64 em for other ASCII (lower case, digits), 0.68 em for letters of other
/// scripts, 1 em for CJK, Hangul, full-width forms and emoji — and bold text 12 %
/// more. In the narrower faces a title is therefore cut a few characters earlier
/// than the page cuts it; underestimating instead would let it run out of the card.
pub fn estimated_text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_width_em).sum();
    ems * em_size(size, bold)
}

/// How wide a bold face is compared with the regular one (DejaVu Sans Bold).
const BOLD_FACTOR: f64 = 1.12;

fn em_size(size: f64, bold: bool) -> f64 {
    if bold {
        size * BOLD_FACTOR
    } else {
        size
    }
}

fn char_width_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '`' | ' ' => 0.32,
        'f' | 'r' | 't' | '-' | '/' | '\\' | '(' | ')' | '[' | ']' | '{' | '}' | '"' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' => 0.76,
        c if c.is_ascii() => 0.64,
        c if is_wide(c) => 1.0,
        _ => 0.68,
    }
}

/// Characters drawn a full em wide: CJK, Hangul, full-width forms, emoji.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

const ELLIPSIS: char = '…';

/// `text` on one line of at most `max_width`, cut with an ellipsis when it is longer.
fn fit_line(text: &str, max_width: f64, size: f64, bold: bool) -> String {
    if estimated_text_width(text, size, bold) <= max_width {
        text.to_string()
    } else {
        with_ellipsis(text, max_width, size, bold)
    }
}

/// `text` shortened until it and an ellipsis fit in `max_width`.
fn with_ellipsis(text: &str, max_width: f64, size: f64, bold: bool) -> String {
    let room = max_width - estimated_text_width(&ELLIPSIS.to_string(), size, bold);
    let mut kept = String::new();
    let mut used = 0.0;
    let factor = em_size(size, bold);
    for c in text.chars() {
        let width = char_width_em(c) * factor;
        if used + width > room {
            break;
        }
        used += width;
        kept.push(c);
    }
    let mut kept = kept.trim_end().to_string();
    kept.push(ELLIPSIS);
    kept
}

/// `text` wrapped into at most `max_lines` lines of at most `max_width` in
/// the font of `size` and weight ([`wrap_measured`]).
fn wrap_lines(text: &str, max_width: f64, size: f64, bold: bool, max_lines: usize) -> Vec<String> {
    wrap_measured(text, max_width, max_lines, &|line| {
        estimated_text_width(line, size, bold)
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    use crate::domain::model::{KeyResult, Link, Objective, Team};
    use crate::domain::progress::compute_progress;
    use crate::domain::sample_document as sample;

    fn picture_of(doc: &Document) -> String {
        let progress = compute_progress(doc);
        let scene = Scene::build(doc, &|id| progress.get(id).copied().unwrap_or(0.0));
        map_svg(doc, &scene)
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        match roxmltree::Document::parse(svg) {
            Ok(parsed) => parsed,
            Err(error) => panic!("not well-formed XML: {error}\n{svg}"),
        }
    }

    /// No script, no foreign content, no event handler, no reference out of the file.
    fn assert_self_contained(parsed: &roxmltree::Document<'_>) {
        for node in parsed.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name().to_ascii_lowercase();
            assert!(
                !matches!(
                    name.as_str(),
                    "script" | "img" | "image" | "foreignobject" | "iframe" | "a" | "use"
                ),
                "unexpected element <{name}>"
            );
            for attribute in node.attributes() {
                let attr_name = attribute.name().to_ascii_lowercase();
                assert!(
                    !attr_name.starts_with("on"),
                    "event attribute {attr_name} on <{name}>"
                );
                assert!(!attr_name.contains("href"), "href on <{name}>");
                let value = attribute.value().to_ascii_lowercase();
                assert!(
                    !value.contains("http") || attr_name == "xmlns",
                    "{attr_name}=\"{value}\" on <{name}>"
                );
                if let Some(reference) = value.strip_prefix("url(") {
                    assert!(reference.starts_with('#'), "{value}");
                }
            }
        }
        assert_eq!(
            parsed.root_element().tag_name().namespace(),
            Some(SVG_NAMESPACE)
        );
    }

    fn count_with(parsed: &roxmltree::Document<'_>, attribute: &str) -> usize {
        parsed
            .descendants()
            .filter(|n| n.attribute(attribute).is_some())
            .count()
    }

    #[test]
    fn the_sample_renders_every_card_and_link() {
        let doc = sample();
        let svg = picture_of(&doc);
        let parsed = parse(&svg);
        assert_self_contained(&parsed);
        assert_eq!(count_with(&parsed, "data-okr-id"), doc.objectives.len());
        assert_eq!(count_with(&parsed, "data-link-from"), doc.links.len());
        let root = parsed.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        for attribute in ["viewBox", "width", "height"] {
            assert!(root.attribute(attribute).is_some(), "{attribute}");
        }
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(title, Some(doc.title.as_str()));
        assert_eq!(
            parsed
                .descendants()
                .filter(|n| n.has_tag_name("style"))
                .count(),
            1
        );
    }

    #[test]
    fn the_view_box_holds_every_card_with_a_margin() {
        let doc = sample();
        let progress = compute_progress(&doc);
        let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
        let svg = map_svg(&doc, &scene);
        let parsed = parse(&svg);
        let view_box: Vec<f64> = parsed
            .root_element()
            .attribute("viewBox")
            .unwrap_or_default()
            .split(' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        assert_eq!(view_box.len(), 4);
        let (x, y, w, h) = (view_box[0], view_box[1], view_box[2], view_box[3]);
        for card in &scene.cards {
            assert!(card.rect.x >= x + MARGIN - 0.1, "{}", card.id);
            assert!(card.rect.y >= y + MARGIN - 0.1, "{}", card.id);
            assert!(card.rect.right() <= x + w - MARGIN + 0.1, "{}", card.id);
            assert!(card.rect.bottom() <= y + h - MARGIN + 0.1, "{}", card.id);
        }
    }

    #[test]
    fn links_are_the_scenes_paths_and_differ_by_more_than_colour() {
        let doc = sample();
        let progress = compute_progress(&doc);
        let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
        let svg = map_svg(&doc, &scene);
        let parsed = parse(&svg);
        for link in &scene.links {
            let drawn = parsed.descendants().find(|n| {
                n.attribute("data-link-from") == Some(link.from.as_str())
                    && n.attribute("data-link-to") == Some(link.to.as_str())
            });
            let Some(drawn) = drawn else {
                panic!("link {} → {} is missing", link.from, link.to);
            };
            assert_eq!(
                drawn.attribute("d"),
                Some(link.path((0.0, 0.0), (0.0, 0.0)).as_str())
            );
            let (class, marker) = match link.kind {
                LinkKind::Hard => ("link link--hard", "url(#arrow-hard)"),
                LinkKind::Soft => ("link link--soft", "url(#arrow-soft)"),
            };
            assert_eq!(drawn.attribute("class"), Some(class));
            assert_eq!(drawn.attribute("marker-end"), Some(marker));
        }
        // Soft links are dashed and their arrowhead open; hard ones are neither.
        assert!(STYLE.contains(".link--soft{stroke:#c05621;stroke-dasharray:7 5}"));
        assert!(STYLE.contains(".arrow--soft{fill:none;"));
        assert!(!STYLE.contains(".link--hard{stroke:#334e68;stroke-dasharray"));
    }

    fn hostile_document() -> Document {
        let mut doc = Document::new("<script>alert(1)</script> & \"friends\" 'quoted'");
        doc.teams = vec![
            Team {
                color: Some("#123456\" onload=\"alert(1)".into()),
                ..Team::new(
                    "co",
                    "<img src=x onerror=alert(1)>",
                    crate::domain::model::Level::Company,
                    None,
                )
            },
            Team::new(
                "t",
                "Team\u{0}\u{1b}\u{7}",
                crate::domain::model::Level::Team,
                Some("co"),
            ),
        ];
        let objective = |id: &str, team: &str, title: &str| Objective {
            kind: ObjectiveKind::Committed,
            ..Objective::new(id, team, title)
        };
        let mut top = objective("top", "co", "<script>alert(1)</script>");
        top.key_results = vec![KeyResult::new(
            "kr",
            "<img src=x onerror=alert(1)>\u{FFFF}",
            0.0,
            1.0,
        )];
        let mut standalone = objective(
            "alone",
            "t",
            "<foreignObject><body onload=alert(1)></foreignObject>",
        );
        standalone.standalone = Some("see http://example.com\u{0}\nand <b>".into());
        doc.objectives = vec![
            top,
            objective("child", "t", "line one\nline two\r\n\tthree \u{1}\u{8}"),
            standalone,
        ];
        doc.links = vec![
            Link {
                from: "child".into(),
                to: "kr".into(),
                kind: LinkKind::Hard,
                note: None,
            },
            Link {
                from: "alone".into(),
                to: "top".into(),
                kind: LinkKind::Soft,
                note: None,
            },
        ];
        doc
    }

    #[test]
    fn hostile_text_stays_text() {
        let doc = hostile_document();
        let svg = picture_of(&doc);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<img"));
        assert!(!svg.contains("<foreignObject"));
        let parsed = parse(&svg);
        assert_self_contained(&parsed);
        assert_eq!(count_with(&parsed, "data-okr-id"), 3);
        assert_eq!(count_with(&parsed, "data-link-from"), 2);
        let texts: Vec<&str> = parsed.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.contains(&"<script>alert(1)</script>"), "{texts:?}");
        assert!(texts
            .iter()
            .any(|t| t.contains("<img src=x onerror=alert(1)>")));
        assert!(texts.contains(&"<script>alert(1)</script> & \"friends\" 'quoted'"));
        // Newlines and tabs became single spaces; forbidden characters are gone.
        assert!(texts.contains(&"line one line two three"), "{texts:?}");
        assert!(!svg
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{FFFF}'));
        // The broken colour was not written into an attribute.
        assert!(!svg.contains("#123456"));
    }

    #[test]
    fn long_titles_are_wrapped_and_cut_with_an_ellipsis() {
        let mut doc = hostile_document();
        let long = "Make every single invoice in every market we serve reconcile itself \
                    automatically before the month closes, without anyone touching it";
        doc.objectives[1].title = long.into();
        doc.objectives[0].title =
            "Averyveryveryveryveryveryveryveryveryveryveryveryverylongword".into();
        let svg = picture_of(&doc);
        let parsed = parse(&svg);
        let titles: Vec<Vec<&str>> = parsed
            .descendants()
            .filter(|n| n.attribute("data-okr-id").is_some())
            .map(|card| {
                card.descendants()
                    .filter(|n| n.attribute("class") == Some("card__title"))
                    .filter_map(|n| n.text())
                    .collect()
            })
            .collect();
        let content_width = crate::map::geometry::CARD_WIDTH - CONTENT_LEFT - CONTENT_RIGHT_INSET;
        for lines in &titles {
            assert!(!lines.is_empty() && lines.len() <= 2, "{lines:?}");
            for line in lines {
                assert!(
                    estimated_text_width(line, TEXT_MD, true) <= content_width,
                    "{line}"
                );
            }
        }
        let long_lines = &titles[1];
        assert_eq!(long_lines.len(), 2);
        assert!(long_lines[1].ends_with('…'), "{long_lines:?}");
        assert!(long.starts_with(long_lines[0]));
        // A single word too long for a line is broken, not left to overflow.
        assert_eq!(titles[0].len(), 2);
        // The full title is kept for the tooltip.
        assert!(parsed
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .any(|t| t.starts_with(long)));
    }

    #[test]
    fn short_titles_are_left_whole() {
        assert_eq!(
            wrap_lines("Win the Nordic market", 249.0, TEXT_MD, true, 2),
            vec!["Win the Nordic market".to_string()]
        );
        assert_eq!(fit_line("Sales", 100.0, TEXT_XS, true), "Sales");
        assert!(wrap_lines("", 249.0, TEXT_MD, true, 2).is_empty());
    }

    #[test]
    fn width_estimate_is_generous_and_grows_with_size_and_weight() {
        let plain = estimated_text_width("Annual recurring revenue", 10.0, false);
        assert!(plain > estimated_text_width("Annual recurring revenu", 10.0, false));
        assert!(estimated_text_width("Annual recurring revenue", 10.0, true) > plain);
        assert!(estimated_text_width("Annual recurring revenue", 20.0, false) > 1.9 * plain);
        // Wide scripts count a full em.
        assert_eq!(estimated_text_width("目標", 10.0, false), 20.0);
        assert_eq!(
            estimated_text_width("ab", 10.0, true),
            2.0 * 0.64 * 10.0 * BOLD_FACTOR
        );
    }

    #[test]
    fn a_big_map_is_kept_as_a_sketch_within_the_room_a_picture_has() {
        let doc = crate::map::scene::with_every_card_placed(
            crate::domain::generate::generate(2000, 7),
            Some(1.6),
        );
        let progress = compute_progress(&doc);
        let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
        let full = preview_svg(&scene).expect("a map with cards");
        let view_box = |svg: &str| svg[..svg.find("\"><style>").unwrap()].to_string();
        let rectangles = |parsed: &roxmltree::Document<'_>, class: Option<&str>| {
            parsed
                .descendants()
                .filter(|n| {
                    n.tag_name().name() == "path"
                        && n.parent_element().and_then(|p| p.attribute("class")) == Some("cards")
                })
                .filter(|n| class.is_none() || n.attribute("class") == class)
                .map(|n| n.attribute("d").unwrap_or_default().matches('M').count())
                .sum::<usize>()
        };
        let lines = |parsed: &roxmltree::Document<'_>, class: &str| {
            parsed
                .descendants()
                .find(|n| n.attribute("class") == Some(class))
                .map_or(0, |n| {
                    n.attribute("d").unwrap_or_default().matches('M').count()
                })
        };
        let hard = scene
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Hard)
            .count();
        assert!(hard > 0 && hard < scene.links.len());

        // Whole on a screen, this map is drawn far out: blocks of colour and hard links.
        let svg = preview_for(&scene, 0.03).expect("a map with cards");
        // `session::store::MAX_PREVIEW_CHARS`, the most a kept picture may take.
        assert!(svg.len() <= 256 * 1024, "{} characters", svg.len());
        let parsed = parse(&svg);
        assert_self_contained(&parsed);
        // In the full picture's frame, so each card sits where the app's will.
        assert_eq!(view_box(&svg), view_box(&full));
        assert_eq!(rectangles(&parsed, None), scene.cards.len());
        assert_eq!(rectangles(&parsed, Some("card__body")), 0);
        assert_eq!(lines(&parsed, "link link--hard"), hard);
        assert_eq!(lines(&parsed, "link link--soft"), 0);
        let teams: std::collections::HashSet<&str> =
            scene.cards.iter().map(|c| c.team_color.as_str()).collect();
        let colored = parsed
            .descendants()
            .filter(|n| n.tag_name().name() == "path" && n.attribute("fill").is_some())
            .count();
        assert_eq!(colored, teams.len());

        // Closer in: each card's outline and colour strip, and the soft links too.
        let look = SketchLook {
            soft_links: true,
            solid: false,
        };
        let svg = preview_sketch_svg(&scene, look).expect("a map with cards");
        let parsed = parse(&svg);
        assert_self_contained(&parsed);
        assert_eq!(rectangles(&parsed, Some("card__body")), scene.cards.len());
        assert_eq!(rectangles(&parsed, None), 2 * scene.cards.len());
        assert_eq!(lines(&parsed, "link link--soft"), scene.links.len() - hard);

        // A small map is pictured in full.
        let sample = sample();
        let progress = compute_progress(&sample);
        let small = Scene::build(&sample, &|id| progress.get(id).copied().unwrap_or(0.0));
        assert_eq!(preview_for(&small, 0.5), preview_svg(&small));
    }

    #[test]
    fn an_empty_canvas_says_so() {
        let doc = Document::new("Nothing <yet>");
        let svg = picture_of(&doc);
        let parsed = parse(&svg);
        assert_self_contained(&parsed);
        assert!(svg.len() < 3000, "{}", svg.len());
        let texts: Vec<&str> = parsed.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.iter().any(|t| t.contains("empty")), "{texts:?}");
        assert!(texts.contains(&"Nothing <yet>"));
        assert_eq!(count_with(&parsed, "data-okr-id"), 0);
    }

    #[test]
    fn plain_text_collapses_whitespace_and_drops_forbidden_characters() {
        assert_eq!(plain_text("  a\n\nb\t c\r\n"), "a b c");
        assert_eq!(plain_text("x\u{0}y\u{1f}z\u{FFFE}\u{FFFF}"), "xyz");
        assert_eq!(
            escape_xml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(f64::NAN), "0");
    }
}
