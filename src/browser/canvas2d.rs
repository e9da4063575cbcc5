//! A `<canvas>` element's 2D context, sized for the screen: the minimap and
//! the far-zoomed overview draw in CSS pixels and stay crisp on HiDPI screens.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Device pixels per CSS pixel, 1 when the browser gives nonsense.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// The 2D context of `element`, its backing store sized to `width` × `height`
/// CSS pixels at the screen's density, and scaled so drawing is in CSS pixels.
pub fn context_2d(
    element: &HtmlCanvasElement,
    width: f64,
    height: f64,
) -> Option<CanvasRenderingContext2d> {
    let ratio = pixel_ratio();
    let pixel_width = (width * ratio).round().max(0.0) as u32;
    let pixel_height = (height * ratio).round().max(0.0) as u32;
    // Resizing clears and reallocates the canvas, so only when the size changed.
    if element.width() != pixel_width || element.height() != pixel_height {
        element.set_width(pixel_width);
        element.set_height(pixel_height);
    }
    let context = element
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    context
        .set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)
        .ok()?;
    Some(context)
}

/// The computed value of a CSS property (a custom property too) on `element`,
/// which a 2D context cannot resolve itself.
pub fn computed_property(element: &web_sys::Element, name: &str) -> Option<String> {
    let style = web_sys::window()?.get_computed_style(element).ok()??;
    style
        .get_property_value(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
