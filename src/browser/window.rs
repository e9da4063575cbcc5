//! The browser window's shape, for laying out a map that will fit it.

/// The height of the page's header above the map, in CSS pixels.
const HEADER_HEIGHT: f64 = 72.0;

/// The window's width and the height of the page's header above the map now
/// (taller than [`HEADER_HEIGHT`] when a long title wraps the toolbar).
pub fn header_now() -> Option<(f64, f64)> {
    let window = web_sys::window()?;
    let width = window.inner_width().ok()?.as_f64()?;
    let header = window.document()?.query_selector(".app-header").ok()??;
    Some((width, header.get_bounding_client_rect().height()))
}

/// The width over the height of the map's area in this window, or `None` when the
/// window has no size yet (or no window).
pub fn map_aspect_ratio() -> Option<f64> {
    let window = web_sys::window()?;
    let width = window.inner_width().ok()?.as_f64()?;
    let height = window.inner_height().ok()?.as_f64()? - HEADER_HEIGHT;
    (width > 0.0 && height > 0.0).then(|| width / height)
}
