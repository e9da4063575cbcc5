//! The importer worker: reads spreadsheets and OKR-suite exports off the
//! page's thread and in a module of its own, so that the page's first load
//! carries none of it (`okr_canvas::sheets` is the reading itself). The page
//! posts `[choices as JSON, file name, bytes]` and gets the `Outcome` back as
//! JSON; the first message the worker posts, "ready", says it listens.

use okr_canvas::sheets::{read, Choices, Outcome};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let _ = reply.post_message(&JsValue::from_str(&answer(&event.data())));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The answer to one message, as JSON.
fn answer(message: &JsValue) -> String {
    let parts = js_sys::Array::from(message);
    let choices: Choices = parts
        .get(0)
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let name = parts.get(1).as_string().unwrap_or_default();
    let bytes = js_sys::Uint8Array::new(&parts.get(2)).to_vec();
    let outcome = read(&name, &bytes, &choices);
    serde_json::to_string(&outcome).unwrap_or_else(|error| {
        let refused = Outcome::Refused(vec![format!("The file could not be read: {error}.")]);
        serde_json::to_string(&refused).unwrap_or_default()
    })
}
