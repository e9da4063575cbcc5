//! Today's date on this computer's calendar, for the cycle's clock.

/// Today as `YYYY-MM-DD`, in local time: a cycle's last day lasts until
/// midnight where the person is.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Resolves once the page has had the chance to paint: after the next frame
/// (or a fifth of a second at most, for a tab the browser does not draw), so
/// a long piece of work can show its progress between its steps.
pub async fn next_paint() {
    use wasm_bindgen::{JsCast, JsValue};
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let after_frame = {
            let resolve = resolve.clone();
            wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
                }
            })
        };
        if window
            .request_animation_frame(after_frame.unchecked_ref())
            .is_err()
        {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        }
        // A hidden tab draws no frames: go on without one.
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 200);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
