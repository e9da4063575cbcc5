//! Whether the page runs inside another site's page, and what it shows then.
//!
//! A site that frames the app can lay its own page over it and catch the clicks and
//! keys meant for it. The page's policy is a `<meta>` Content-Security-Policy, which
//! cannot say `frame-ancestors` (browsers take that only from a response header, and a
//! static host may send none), so the app checks for itself as it starts: framed by
//! another origin, it does not start, and says how to open it on its own.

use wasm_bindgen::JsCast;

/// Frames within frames deeper than this are not followed; the page counts as framed.
const MAX_FRAME_DEPTH: usize = 32;

/// Whether a window above this page's belongs to another origin.
pub fn framed_by_another_origin() -> bool {
    web_sys::window().is_some_and(has_foreign_ancestor)
}

/// Whether a window above `window` belongs to an origin other than this page's.
/// Reading the address of another origin's window throws, which is how it shows.
pub fn has_foreign_ancestor(window: web_sys::Window) -> bool {
    let mut current = window;
    for _ in 0..MAX_FRAME_DEPTH {
        let parent = match current.parent() {
            Ok(Some(parent)) => parent,
            // No parent to ask: a window of its own.
            Ok(None) => return false,
            Err(_) => return true,
        };
        // The top window is its own parent.
        if js_sys::Object::is(&parent, &current) {
            return false;
        }
        if parent.location().href().is_err() {
            return true;
        }
        current = parent;
    }
    true
}

/// Replaces the frame's "Opening…" with a plain message saying why the app did not start,
/// and a link that opens it on its own, in a new tab (a framed page may not move the
/// page around it).
pub fn show_framed_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let _ = build_notice(&document);
}

fn build_notice(document: &web_sys::Document) -> Result<(), wasm_bindgen::JsValue> {
    let notice = match document.get_element_by_id("boot-message") {
        Some(boot) => boot,
        None => {
            let notice = document.create_element("p")?;
            notice.set_class_name("boot__message");
            if let Some(body) = document.body() {
                body.append_child(&notice)?;
            }
            notice
        }
    };
    notice.set_attribute("role", "alert")?;
    notice.set_attribute("data-testid", "framed-notice")?;
    notice.set_text_content(Some(
        "OKR Canvas does not run inside another site's page, where that page could cover \
         it or catch what you type. ",
    ));
    let link = document
        .create_element("a")?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    // The whole address, so that a share link's canvas opens too.
    let address = document.location().and_then(|l| l.href().ok());
    link.set_href(address.as_deref().unwrap_or("."));
    link.set_target("_blank");
    link.set_rel("noopener noreferrer");
    link.set_text_content(Some("Open OKR Canvas on its own"));
    notice.append_child(&link)?;
    Ok(())
}
