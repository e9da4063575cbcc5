//! A readable error overlay instead of a dead page.
//!
//! If the app ever panics, the reactive runtime can no longer be trusted, so
//! the overlay is built with plain DOM calls, sets text (never markup), and
//! offers a reload. The last autosaved canvas stays in browser storage.

use wasm_bindgen::prelude::*;

/// Routes panics to the console (with a stack) and to the overlay.
pub fn install_panic_overlay() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_overlay(&info.to_string());
    }));
}

/// Shows the overlay with `message` as plain text. Does nothing if there is
/// no document to show it in, or if an overlay is already up.
pub fn show_panic_overlay(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id("panic-overlay").is_some() {
        return;
    }
    let _ = build_overlay(&document, &body, message);
}

fn build_overlay(
    document: &web_sys::Document,
    body: &web_sys::HtmlElement,
    message: &str,
) -> Result<(), JsValue> {
    let overlay = document.create_element("div")?;
    overlay.set_id("panic-overlay");
    overlay.set_class_name("panic-overlay");
    overlay.set_attribute("role", "alertdialog")?;
    overlay.set_attribute("aria-labelledby", "panic-overlay-title")?;
    overlay.set_attribute("data-testid", "panic-overlay")?;

    let panel = document.create_element("div")?;
    panel.set_class_name("panic-overlay__box");

    let title = document.create_element("h2")?;
    title.set_id("panic-overlay-title");
    title.set_text_content(Some("Something went wrong"));

    let explanation = document.create_element("p")?;
    explanation.set_text_content(Some(
        "OKR Canvas hit an unexpected error and stopped. Your canvas was saved in this browser \
         up to the last change; reload the page to continue.",
    ));

    let details = document.create_element("pre")?;
    details.set_class_name("panic-overlay__message");
    details.set_text_content(Some(message));

    let reload = document.create_element("button")?;
    reload.set_class_name("toolbar__button");
    reload.set_text_content(Some("Reload the page"));
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    // The overlay lives until the page reloads, so its handler may too.
    on_click.forget();

    panel.append_child(&title)?;
    panel.append_child(&explanation)?;
    panel.append_child(&details)?;
    panel.append_child(&reload)?;
    overlay.append_child(&panel)?;
    body.append_child(&overlay)?;
    if let Some(button) = reload.dyn_ref::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
    Ok(())
}
