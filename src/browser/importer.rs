//! Both ends of the importer workers. The page's end starts a worker the
//! first time a spreadsheet, an export or an outline is opened and keeps it
//! for the next: it posts the file and the person's choices and awaits the
//! answer. Text goes to `importer` (`src/bin/importer.rs`); an Excel workbook
//! to `importer-xlsx` (`src/bin/importer-xlsx.rs`), which also carries
//! `calamine`, so reading a CSV never fetches it. Their modules are fetched
//! only then, so they cost the first load nothing. The worker's end,
//! [`serve`], answers each message with `sheets::read`, or, asked for a
//! canvas as a spreadsheet, with `sheets::columns::export` (the `csv` crate
//! is the text worker's).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::domain::import::import;
use crate::sheets::columns::export;
use crate::sheets::table::ZipReader;
use crate::sheets::{read, Choices, Outcome};
use web_sys::DedicatedWorkerGlobalScope;

/// The workers' loaders, beside the page (their names carry no hash).
const TEXT_LOADER: &str = "./importer_loader.js";
const WORKBOOK_LOADER: &str = "./importer-xlsx_loader.js";

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
    /// The worker started, and the loader it was started from.
    static IMPORTER: RefCell<Option<(&'static str, Importer)>> = const { RefCell::new(None) };
}

/// Reads `bytes` (named `file_name`) in the worker, with `choices`. The
/// page's end of it (reading back the preview the worker sends, most of it)
/// is a part of its own, fetched the first time a file is read
/// (`ui/lazy.rs`); if that fails, the file is said not to be read.
pub async fn read_sheet(
    file_name: String,
    bytes: Arc<Vec<u8>>,
    choices: Choices,
) -> Result<Outcome, String> {
    #[cfg(feature = "lazy-parts")]
    let reading = reading(file_name, bytes, choices).await;
    #[cfg(not(feature = "lazy-parts"))]
    let reading = reading(file_name, bytes, choices);
    reading.map_err(|NotLoaded| STOPPED.to_string())?.await
}

/// The reading under way.
type Reading = Pin<Box<dyn Future<Output = Result<Outcome, String>>>>;

/// The part that reads could not be fetched.
struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

#[cfg_attr(
    feature = "lazy-parts",
    leptos::wasm_split::wasm_split(sheet_reading, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn reading(file_name: String, bytes: Arc<Vec<u8>>, choices: Choices) -> Result<Reading, NotLoaded> {
    Ok(Box::pin(async move {
        read_in_worker(&file_name, &bytes, &choices).await
    }))
}

async fn read_in_worker(
    file_name: &str,
    bytes: &[u8],
    choices: &Choices,
) -> Result<Outcome, String> {
    let loader = if bytes.starts_with(b"PK\x03\x04") {
        WORKBOOK_LOADER
    } else {
        TEXT_LOADER
    };
    let choices = serde_json::to_string(choices).unwrap_or_default();
    let answer = ask(loader, READ, &choices, file_name, bytes).await?;
    serde_json::from_str(&answer).map_err(|_| STOPPED.to_string())
}

/// The canvas `document` (the format's JSON) as a spreadsheet (CSV), made
/// in the text worker; or why not.
pub async fn sheet_of(document: &str) -> Result<String, String> {
    let answer = ask(TEXT_LOADER, EXPORT, "", "", document.as_bytes()).await?;
    serde_json::from_str::<Result<String, String>>(&answer).map_err(|_| STOPPED.to_string())?
}

/// What a message asks the worker for.
const READ: &str = "read";
const EXPORT: &str = "export";

/// Posts `[what, choices, file name, bytes]` to the worker of `loader`
/// (started if need be) and awaits its answer, JSON text.
async fn ask(
    loader: &'static str,
    what: &str,
    choices: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<String, String> {
    let message = Array::of4(
        &JsValue::from_str(what),
        &JsValue::from_str(choices),
        &JsValue::from_str(file_name),
        &Uint8Array::from(bytes).into(),
    );
    let promise = Promise::new(&mut |resolve, reject| {
        IMPORTER.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.as_ref().map(|(l, _)| *l) != Some(loader) {
                if let Some((_, old)) = cell.take() {
                    old.worker.terminate();
                }
                *cell = start(loader).map(|importer| (loader, importer));
            }
            let Some((_, importer)) = cell.as_mut() else {
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
    answer.as_string().ok_or_else(|| STOPPED.to_string())
}

/// Starts the worker of `loader`, with its listeners.
fn start(loader: &str) -> Option<Importer> {
    let worker = Worker::new(loader).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        IMPORTER.with(|cell| {
            let mut cell = cell.borrow_mut();
            let Some((_, importer)) = cell.as_mut() else {
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
        if let Some((_, importer)) = stopped {
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

/// The worker's end: answers each message, `["read", choices as JSON, file
/// name, bytes]`, with the `Outcome` as JSON (or `["export", "", "", a
/// canvas file]` with the spreadsheet); the first message it posts, "ready",
/// says it listens. `zips` reads ZIPs (workbooks, exports) where this worker does.
pub fn serve(zips: Option<ZipReader>) {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let _ = reply.post_message(&JsValue::from_str(&answer(&event.data(), zips)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The answer to one message, as JSON.
fn answer(message: &JsValue, zips: Option<ZipReader>) -> String {
    let parts = Array::from(message);
    let bytes = Uint8Array::new(&parts.get(3)).to_vec();
    if parts.get(0).as_string().as_deref() == Some(EXPORT) {
        let sheet = import(&bytes)
            .map(|imported| export(&imported.document))
            .map_err(|failure| {
                format!(
                    "The canvas could not be written as a spreadsheet: {}",
                    failure
                        .errors()
                        .first()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                )
            });
        return serde_json::to_string(&sheet).unwrap_or_default();
    }
    let choices: Choices = parts
        .get(1)
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let name = parts.get(2).as_string().unwrap_or_default();
    let outcome = read(&name, &bytes, &choices, zips);
    serde_json::to_string(&outcome).unwrap_or_else(|error| {
        let refused = Outcome::Refused(vec![format!("The file could not be read: {error}.")]);
        serde_json::to_string(&refused).unwrap_or_default()
    })
}
