//! What of the map is drawn on one `<canvas>` under the cards rather than
//! built from markup: the links always, and the cards too when zoomed out.
//!
//! Links: a link across a big map is tens of thousands of pixels long, and a
//! browser rasterising an SVG curve (dashed, at that) for every tile it
//! crosses costs more than the whole map. Here only the part of each curve in
//! view is flattened and stroked, in screen pixels: hard links solid with a
//! filled arrowhead, soft links dashed with an open one and another colour,
//! so the two read apart without colour too. The SVG layer keeps each link's
//! element for clicking and for tools.
//!
//! Cards, far out: every card is small and many are in view at once, and
//! painting thousands of card subtrees per pan or zoom frame is what makes a
//! DOM canvas stutter. Below the detail threshold the cards' markup is hidden
//! (it stays in the DOM, laid out, for tests and tools) and each card is drawn
//! as its outline, team colour, one progress bar and, when big enough to
//! read, its title. Shapes of one kind are batched into one path, so a frame
//! costs a few dozen canvas calls per hundred cards.
//!
//! In focus mode, the cards and links that do not support the focused
//! objective are drawn faint, as the cards' markup dims them.
//!
//! Like the minimap, it redraws at most once per animation frame, whatever
//! changed in between: the scene, the view, the drag, the selection, the
//! focus.

mod paint;

use std::collections::HashMap;

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

use super::frame::redraw_each_frame;
use super::state::{use_app_state, Drag, Lighting, Selection, Shade};
use crate::browser::canvas2d::{computed_property, context_2d, pixel_ratio};
use crate::domain::model::{Level, LinkKind};
use crate::map::geometry::{
    dashes, wrap_text, LinkCurve, Rect, ViewTransform, CARD_HEAD_HEIGHT, SOLID_CARDS_SCALE,
};
use crate::map::scene::LevelBand;
use paint::{draw_cards, draw_level_bands, draw_links, stroke_outline};

/// The title's size in world units, as the simplified cards show it.
const TITLE_SIZE: f64 = 26.0;
/// Below this many screen pixels a title is unreadable and is not drawn.
const MIN_TITLE_PIXELS: f64 = 5.0;
/// Characters per title line at [`TITLE_SIZE`] across a card: a card is 280
/// units wide, less padding, and a character about 0.55 of the size.
const TITLE_CHARS_PER_LINE: usize = 17;
/// The width of the team's colour strip along the card's left edge.
const TEAM_STRIP: f64 = 14.0;
/// The progress bar, from the bottom of the card's head.
const BAR_INSET: f64 = 12.0;
const BAR_HEIGHT: f64 = 10.0;
/// Links, in screen pixels: the arrowhead's length, the soft link's dash and
/// gap (as the SVG layer draws them close in), and how far a flattened curve
/// may stray from the true one.
const ARROW: f64 = 9.0;
const SOFT_DASH: f64 = 7.0;
const SOFT_GAP: f64 = 5.0;
const FLATNESS: f64 = 0.5;
const LINK_WIDTH: f64 = 2.0;
/// From this zoom in, links are drawn at full width with full arrowheads;
/// further out both shrink with the zoom, and arrowheads below
/// [`MIN_ARROW`] pixels are left out.
const FULL_LINKS_SCALE: f64 = 0.3;
const MIN_ARROW: f64 = 3.0;
/// The height a level band's name needs on screen.
const BAND_LABEL_ROOM: f64 = 16.0;
/// Space between a level band's edges and its cards, in screen pixels; the
/// top one holds the band's name above the cards.
const BAND_MARGIN: f64 = 10.0;
const BAND_LABEL_SPACE: f64 = 22.0;
const SELECTED_WIDTH: f64 = 4.0;
/// How opaque focus mode draws what it dims (as `style/card.css` dims the
/// cards' markup), and a selected link among them.
const DIMMED_ALPHA: f64 = 0.25;
const SELECTED_DIMMED_ALPHA: f64 = 0.6;

/// What sets some links apart: the drag moves their ends, the selection
/// thickens one, focus mode and the filter dim or hide some.
#[derive(Clone, Copy)]
struct LinksToDraw<'a> {
    drag: Option<&'a Drag>,
    selected: Option<&'a (String, String)>,
    lighting: &'a Lighting<'a>,
    /// Far out, soft links are drawn only for this card (the selected or
    /// dragged one): a big map's soft links would otherwise cover the
    /// overview in one band of dashes and cost more to draw than the cards.
    soft_links_of: Option<Option<&'a str>>,
}

/// The theme's colours, read from the page's custom properties, since a 2D
/// context cannot resolve `var(--…)` itself.
#[derive(Clone, Debug)]
struct Palette {
    surface: String,
    border: String,
    text: String,
    accent: String,
    refused: String,
    track: String,
    fill: String,
    link_hard: String,
    link_soft: String,
    muted: String,
    band_company: String,
    band_department: String,
    band_team: String,
    band_individual: String,
}

impl Palette {
    fn of(element: &HtmlCanvasElement) -> Palette {
        let read = |name: &str, fallback: &str| {
            computed_property(element, name).unwrap_or_else(|| fallback.to_string())
        };
        Palette {
            surface: read("--surface", "#ffffff"),
            border: read("--border", "#d8dce3"),
            text: read("--text", "#1c2430"),
            accent: read("--accent", "#1f5fbf"),
            refused: read("--notice-error-border", "#c53030"),
            track: read("--progress-track", "#e3e7ed"),
            fill: read("--progress-fill", "#2f855a"),
            link_hard: read("--link-hard", "#334e68"),
            link_soft: read("--link-soft", "#c05621"),
            muted: read("--text-muted", "#5b6576"),
            band_company: read("--band-company", "rgb(31 95 191 / 6%)"),
            band_department: read("--band-department", "rgb(47 133 90 / 6%)"),
            band_team: read("--band-team", "rgb(192 86 33 / 5%)"),
            band_individual: read("--band-individual", "rgb(91 101 118 / 5%)"),
        }
    }
}

/// What one frame draws for a card, prepared when the scene changes.
#[derive(Clone, Debug, PartialEq)]
struct FarCard {
    id: String,
    rect: Rect,
    color: String,
    progress: f64,
    title_lines: Vec<String>,
}

#[component]
pub fn DrawnMap(
    /// Whether the map is zoomed out far enough for its cards to be drawn here.
    #[prop(into)]
    far: Signal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let canvas = NodeRef::<Canvas>::new();
    let palette = StoredValue::new(None::<Palette>);

    // Derived when the map changes, not on every frame of a pan.
    let bands = Memo::new(move |_| scene.with(|s| s.level_bands()));
    let cards = Memo::new(move |_| {
        scene.with(|s| {
            s.cards
                .iter()
                .map(|card| FarCard {
                    id: card.id.clone(),
                    rect: card.rect,
                    color: card.team_color.clone(),
                    progress: card.progress,
                    title_lines: wrap_text(&card.title, TITLE_CHARS_PER_LINE, 2),
                })
                .collect::<Vec<_>>()
        })
    });

    let draw = move || {
        let Some(element) = canvas.try_get_untracked().flatten() else {
            return;
        };
        let Some((width, height)) = state.viewport.size.try_get_untracked() else {
            return;
        };
        let Some(context) = context_2d(&element, width, height) else {
            return;
        };
        context.clear_rect(0.0, 0.0, width, height);
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        if palette.with_value(Option::is_none) {
            palette.set_value(Some(Palette::of(&element)));
        }
        let Some(colors) = palette.get_value() else {
            return;
        };
        let view = state.viewport.view.get_untracked();
        let ratio = pixel_ratio();
        let drag = state.dragging.current.get_untracked().filter(|d| d.active);
        let screen = Rect {
            x: 0.0,
            y: 0.0,
            width,
            height,
        };
        let selected_link = state.selection.with_untracked(|s| match s {
            Selection::Link { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        });
        let selected_cards = state.selection.with_untracked(Selection::objective_ids);
        bands.with_untracked(|bands| draw_level_bands(&context, bands, &view, &screen, &colors));
        // Read in place: a focus on a big subtree is too big to copy per frame.
        state.with_lighting_untracked(|lighting| {
            scene.with_untracked(|s| {
                let links = LinksToDraw {
                    drag: drag.as_ref(),
                    selected: selected_link.as_ref(),
                    lighting,
                    soft_links_of: far.get_untracked().then_some(
                        drag.as_ref()
                            .map(|d| d.id.as_str())
                            .or(selected_cards.first().map(String::as_str)),
                    ),
                };
                draw_links(&context, s, links, &view, &screen, &colors);
            })
        });
        if !far.get_untracked() {
            return;
        }
        // From here on the context draws in world units.
        _ = context.set_transform(
            ratio * view.scale,
            0.0,
            0.0,
            ratio * view.scale,
            ratio * view.x,
            ratio * view.y,
        );
        let pixel = 1.0 / view.scale;
        let visible = view.visible_world(width, height);
        cards.with_untracked(|cards| {
            let offset_of = |id: &str| match &drag {
                Some(d) if d.id == id => d.offset,
                _ => (0.0, 0.0),
            };
            let in_view: Vec<(&FarCard, Rect)> = cards
                .iter()
                .map(|c| {
                    let (dx, dy) = offset_of(&c.id);
                    (c, c.rect.translated(dx, dy))
                })
                .filter(|(_, rect)| rect.intersects(&visible))
                .collect();
            // Focus mode and the filter: the dimmed cards faint, under the
            // lit ones; the hidden not at all.
            let (lit, dimmed): (Vec<_>, Vec<_>) = state.with_lighting_untracked(|lighting| {
                in_view
                    .iter()
                    .copied()
                    .filter(|(c, _)| lighting.card(&c.id) != Shade::Hidden)
                    .partition(|(c, _)| lighting.card(&c.id) == Shade::Lit)
            });
            context.set_global_alpha(DIMMED_ALPHA);
            draw_cards(&context, &dimmed, view.scale, pixel, &colors);
            context.set_global_alpha(1.0);
            draw_cards(&context, &lit, view.scale, pixel, &colors);
            let outline = |id: &str, color: &str, dash: f64| {
                if let Some((_, rect)) = in_view.iter().find(|(c, _)| c.id == id) {
                    stroke_outline(&context, rect, color, 3.0 * pixel, dash * pixel);
                }
            };
            for id in &selected_cards {
                outline(id, &colors.accent, 0.0);
            }
            if let Some((target, valid)) = drag.as_ref().and_then(|d| d.target.as_ref()) {
                let color = if *valid {
                    &colors.accent
                } else {
                    &colors.refused
                };
                outline(&target.objective_id, color, 6.0);
            }
        });
    };

    // Whatever changes in a frame, the map is drawn once, just before paint.
    redraw_each_frame(
        canvas,
        move || {
            far.track();
            scene.track();
            state.viewport.view.track();
            state.viewport.size.track();
            state.dragging.current.track();
            state.selection.track();
            state.focused.track();
            state.filter.filtered.track();
        },
        draw,
    );

    // The theme can change under the page (the system's dark mode).
    let theme_changed = move || {
        palette.set_value(None);
        state.viewport.view.notify();
    };
    Effect::new(move |_| {
        let Some(query) = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        else {
            return;
        };
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(theme_changed);
        query.set_onchange(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
    });

    view! {
        <canvas
            class="canvas__drawn"
            node_ref=canvas
            aria-hidden="true"
        ></canvas>
    }
}
