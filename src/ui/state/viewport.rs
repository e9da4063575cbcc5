//! The view of the map: fit, zoom, pan and reveal, and the conversions between the
//! page's points and the map's. A handle of its own: the minimap, the zoom
//! controls and the pointer code need nothing else.

use leptos::prelude::*;

use crate::map::geometry::{fit_to_view, ViewTransform};
use crate::map::scene::Scene;

/// Space left free around the map when it is fitted to the view, in pixels.
const FIT_MARGIN: f64 = 40.0;
/// Room a fit leaves at the bottom besides its margin, so the legend there
/// covers no card.
const LEGEND_ROOM: f64 = 28.0;

/// What part of the map is on screen, and where the map's area is on the page.
#[derive(Clone, Copy)]
pub struct Viewport {
    pub view: RwSignal<ViewTransform>,
    /// The map area's width and height, in CSS pixels.
    pub size: RwSignal<(f64, f64)>,
    /// The map area's top-left corner in the page, kept from the last
    /// measurement so pointer moves never ask the browser for layout.
    origin: StoredValue<(f64, f64)>,
    /// Whether the map's area has been measured and the view fitted to the
    /// map, on first show. The cards are built only then, at the zoom they
    /// are shown at: built before, they would be laid out once at full size
    /// and detail, and again for the fitted view, in the page's first task.
    fitted: RwSignal<bool>,
    /// The map shown, for fitting and revealing its cards.
    scene: Memo<Scene>,
}

impl Viewport {
    pub(super) fn new(scene: Memo<Scene>) -> Viewport {
        Viewport {
            view: RwSignal::new(ViewTransform::IDENTITY),
            size: RwSignal::new((0.0, 0.0)),
            origin: StoredValue::new((0.0, 0.0)),
            fitted: RwSignal::new(false),
            scene,
        }
    }

    /// Pans just enough to bring the card `id` into view.
    pub fn reveal(&self, id: &str) {
        let Some(rect) = self.scene.with_untracked(|s| s.card(id).map(|c| c.rect)) else {
            return;
        };
        let (width, height) = self.size.get_untracked();
        let view = self.view.get_untracked();
        let margin = 40.0;
        let left = rect.x * view.scale + view.x;
        let top = rect.y * view.scale + view.y;
        let right = rect.right() * view.scale + view.x;
        let bottom = rect.bottom() * view.scale + view.y;
        let dx = if left < margin {
            margin - left
        } else if right > width - margin {
            (width - margin - right).max(margin - left)
        } else {
            0.0
        };
        let dy = if top < margin {
            margin - top
        } else if bottom > height - margin {
            (height - margin - bottom).max(margin - top)
        } else {
            0.0
        };
        if dx != 0.0 || dy != 0.0 {
            self.view.set(view.panned(dx, dy));
        }
    }

    /// Fits the whole map in the view.
    pub fn fit_view(&self) {
        let (width, height) = self.size.get_untracked();
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        // An empty map starts at full size, where the first cards are read as
        // they are made.
        self.view
            .set(self.fitted_view().unwrap_or(ViewTransform::IDENTITY));
    }

    /// The view that shows the whole map in the map's area, as a fit sets it;
    /// `None` for an empty map or before the area has a size.
    pub fn fitted_view(&self) -> Option<ViewTransform> {
        let (width, height) = self.size.get_untracked();
        if width <= 0.0 || height <= 0.0 {
            return None;
        }
        let bounds = self.scene.with_untracked(|s| s.bounds)?;
        Some(fit_to_view(
            bounds,
            width,
            (height - LEGEND_ROOM).max(1.0),
            FIT_MARGIN,
        ))
    }

    /// Records the viewport's place and size; the first time it has a size,
    /// fits the map.
    pub fn set_viewport(&self, left: f64, top: f64, width: f64, height: f64) {
        self.origin.set_value((left, top));
        self.size.set((width, height));
        if !self.fitted.get_untracked() && width > 0.0 && height > 0.0 {
            self.fit_view();
            self.fitted.set(true);
        }
    }

    /// Whether the view has been fitted once: the map's contents wait for it.
    pub fn fitted(&self) -> bool {
        self.fitted.get()
    }

    /// Zooms by `factor` around the viewport point (`x`, `y`).
    pub fn zoom_at(&self, factor: f64, x: f64, y: f64) {
        self.view.update(|v| *v = v.zoomed_at(factor, x, y));
    }

    /// Zooms by `factor` around the viewport's centre.
    pub fn zoom_by(&self, factor: f64) {
        let (width, height) = self.size.get_untracked();
        self.zoom_at(factor, width / 2.0, height / 2.0);
    }

    pub fn pan_by(&self, dx: f64, dy: f64) {
        self.view.update(|v| *v = v.panned(dx, dy));
    }

    /// A pointer's page position relative to the viewport.
    pub fn viewport_point(&self, client_x: f64, client_y: f64) -> (f64, f64) {
        let (left, top) = self.origin.get_value();
        (client_x - left, client_y - top)
    }

    /// A pointer's page position in world units.
    pub fn world_point(&self, client_x: f64, client_y: f64) -> (f64, f64) {
        let (x, y) = self.viewport_point(client_x, client_y);
        self.view.get_untracked().screen_to_world(x, y)
    }

    /// The centre of the view, in world units: where new cards appear.
    pub fn view_center(&self) -> (f64, f64) {
        let (width, height) = self.size.get_untracked();
        self.view
            .get_untracked()
            .screen_to_world(width / 2.0, height / 2.0)
    }
}
