//! The importer worker (`src/bin/importer.rs`), started the first time a
//! spreadsheet or an OKR-suite export is opened and kept for the next: the
//! page posts the file and the person's choices and awaits the answer. Its
//! module is fetched only then, so it costs the first load nothing.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::sheets::{Choices, Outcome};

/// The worker's loader, beside the page (its name carries no hash).
const LOADER: &str = "./importer_loader.js";

const STOPPED: &str = "The file could not be read: the part of the app that reads spreadsheets \
                       stopped or could not be loaded. Reload the page and try again.";

struct Importer {
    worker: Worker,
    ready: bool,
    /// A message waiting for the worker to say it listens.
    queued: Option<Array>,
    /// The answer awaited: resolve, reject.
    waiting: Option<(Function, Function)>,
}

thread_local! {
    static IMPORTER: RefCell<Option<Importer>> = const { RefCell::new(None) };
}

/// Reads `bytes` (named `file_name`) in the worker, with `choices`.
pub async fn read_sheet(
    file_name: &str,
    bytes: &[u8],
    choices: &Choices,
) -> Result<Outcome, String> {
    let message = Array::of3(
        &JsValue::from_str(&serde_json::to_string(choices).unwrap_or_default()),
        &JsValue::from_str(file_name),
        &Uint8Array::from(bytes).into(),
    );
    let promise = Promise::new(&mut |resolve, reject| {
        IMPORTER.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = start();
            }
            let Some(importer) = cell.as_mut() else {
                let _ = reject.call0(&JsValue::NULL);
                return;
            };
            importer.waiting = Some((resolve, reject));
            if importer.ready {
                let _ = importer.worker.post_message(&message);
            } else {
                importer.queued = Some(message.clone());
            }
        });
    });
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| STOPPED.to_string())?;
    answer
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| STOPPED.to_string())
}

/// Starts the worker, with its listeners.
fn start() -> Option<Importer> {
    let worker = Worker::new(LOADER).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        IMPORTER.with(|cell| {
            let mut cell = cell.borrow_mut();
            let Some(importer) = cell.as_mut() else {
                return;
            };
            if event.data().as_string().as_deref() == Some("ready") {
                importer.ready = true;
                if let Some(message) = importer.queued.take() {
                    let _ = importer.worker.post_message(&message);
                }
            } else if let Some((resolve, _)) = importer.waiting.take() {
                let _ = resolve.call1(&JsValue::NULL, &event.data());
            }
        });
    });
    // A worker that fails (to load, or while reading) is dropped; the next
    // file starts a new one.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| {
        let stopped = IMPORTER.with(|cell| cell.borrow_mut().take());
        if let Some(importer) = stopped {
            importer.worker.terminate();
            if let Some((_, reject)) = importer.waiting {
                let _ = reject.call0(&JsValue::NULL);
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    Some(Importer {
        worker,
        ready: false,
        queued: None,
        waiting: None,
    })
}
