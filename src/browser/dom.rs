//! Turns a [`markup::Element`](crate::output::markup::Element) tree into elements of
//! the page. Text goes in as text nodes, so it is never parsed as markup.

use wasm_bindgen::JsValue;

use crate::output::markup::{Element, Node};

/// The first element of the page `selector` finds, when it is an HTML one.
pub fn find(selector: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The elements for `tree`, not yet attached to the page.
pub fn build(tree: &Element) -> Result<web_sys::Element, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    build_in(&document, tree)
}

fn build_in(document: &web_sys::Document, tree: &Element) -> Result<web_sys::Element, JsValue> {
    let element = document.create_element(tree.tag)?;
    for (name, value) in &tree.attributes {
        element.set_attribute(name, value)?;
    }
    for child in &tree.children {
        match child {
            Node::Text(text) => {
                element.append_child(&document.create_text_node(text))?;
            }
            Node::Element(child) => {
                let built = build_in(document, child)?;
                element.append_child(&built)?;
            }
        }
    }
    Ok(element)
}
