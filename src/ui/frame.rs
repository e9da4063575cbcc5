//! Redrawing a `<canvas>` at most once per animation frame. The drawn map and
//! the minimap are painted from signals that can change several times between
//! two frames (a pointer move updates the drag and the view, a zoom the view
//! and the detail level); drawing on each change would paint frames nobody
//! sees. Here a change only schedules one draw just before the next paint,
//! and a component that is gone by then draws nothing.

use leptos::html::Canvas;
use leptos::prelude::*;

/// Draws once, just before the next paint, after anything `track` reads
/// changes, however many changes arrive in between. Nothing is scheduled
/// while `canvas` is not mounted.
pub fn redraw_each_frame(
    canvas: NodeRef<Canvas>,
    track: impl Fn() + 'static,
    draw: impl Fn() + Copy + 'static,
) {
    let frame_pending = StoredValue::new(false);
    Effect::new(move |_| {
        track();
        if canvas.get().is_none() || frame_pending.get_value() {
            return;
        }
        frame_pending.set_value(true);
        request_animation_frame(move || {
            // The component may have been unmounted, and its owner disposed,
            // before the frame came.
            if frame_pending.try_set_value(false).is_some() {
                return;
            }
            draw();
        });
    });
}
