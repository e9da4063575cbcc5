//! The page as an app kept on the machine. Offline: registers the service worker (`sw.js`,
//! which `.ci/offline.js` writes at build time with Workbox, precaching every
//! built file), so that after one visit the page opens without a network.
//! A new build's worker installs in the background and waits; the page is
//! told (`on_update`) and the person chooses when to reload ([`update_now`]),
//! so a new version never takes over in the middle of their work.
//! Installed: a `.okr.json` opened with the app from the desktop arrives
//! through the launch queue (the manifest's `file_handlers`), where the
//! browser has one ([`on_launched_file`]).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The worker beside the page; its scope is the page's folder, so the page
/// works offline under a sub-path too.
const WORKER: &str = "./sw.js";

thread_local! {
    /// A new build's worker, installed and waiting to take over.
    static WAITING: RefCell<Option<ServiceWorker>> = const { RefCell::new(None) };
}

/// Registers the service worker where the browser has them (a secure
/// context: https, or the machine itself), and calls `on_update` once a new
/// build is installed and waiting. Anything refused (no service workers, a
/// host without `sw.js`) leaves the page as it is, online only.
pub fn keep_offline(on_update: impl Fn() + 'static) {
    let Some(container) = container() else {
        return;
    };
    let registering = container.register(WORKER);
    wasm_bindgen_futures::spawn_local(async move {
        // Anything but a registration (a browser that blocks workers answers
        // with nothing) leaves the page online only.
        let Some(registration) = JsFuture::from(registering)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
        else {
            return;
        };
        let on_update = std::rc::Rc::new(on_update);
        // Installed by an earlier visit, still waiting.
        if let Some(waiting) = registration.waiting() {
            offer(&container, waiting, &*on_update);
        }
        let found = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = found.installing() else {
                return;
            };
            let (container, worker, on_update) =
                (container.clone(), installing.clone(), on_update.clone());
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    offer(&container, worker.clone(), &*on_update);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Lets the waiting worker take over, and reloads the page once it has.
/// Call it after saving: the reload loses nothing that is stored.
pub fn update_now() {
    let Some(worker) = WAITING.with(|w| w.borrow_mut().take()) else {
        return;
    };
    if let Some(container) = container() {
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let _ = location.reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
    let _ = worker.post_message(&message);
}

/// The page's service worker container, where the browser offers one.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    has.then(|| navigator.service_worker())
}

/// Keeps `worker` to take over, and tells the page, unless this is the first
/// visit (no worker controls the page yet, so there is nothing to update).
fn offer(container: &ServiceWorkerContainer, worker: ServiceWorker, on_update: &dyn Fn()) {
    if container.controller().is_none() {
        return;
    }
    WAITING.with(|w| *w.borrow_mut() = Some(worker));
    on_update();
}

/// Calls `open` with the name and bytes of each file the installed app is
/// launched with (Chromium's `launchQueue`); nothing where the browser has
/// no launch queue.
pub fn on_launched_file(open: impl Fn(String, Vec<u8>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(queue) = js_sys::Reflect::get(&window, &JsValue::from_str("launchQueue")) else {
        return;
    };
    let Ok(set_consumer) = js_sys::Reflect::get(&queue, &JsValue::from_str("setConsumer")) else {
        return;
    };
    let Some(set_consumer) = set_consumer.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let open = std::rc::Rc::new(open);
    let consumer = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
        let files = js_sys::Reflect::get(&params, &JsValue::from_str("files"))
            .map(|f| js_sys::Array::from(&f))
            .unwrap_or_default();
        for handle in files.iter() {
            let open = open.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some((name, bytes)) = read_handle(&handle).await {
                    open(name, bytes);
                }
            });
        }
    });
    let _ = set_consumer.call1(&queue, consumer.as_ref().unchecked_ref());
    consumer.forget();
}

/// A file handle's name and bytes (`getFile()`, then its `arrayBuffer()`).
async fn read_handle(handle: &JsValue) -> Option<(String, Vec<u8>)> {
    let call = |target: &JsValue, name: &str| -> Option<js_sys::Promise> {
        let method = js_sys::Reflect::get(target, &JsValue::from_str(name)).ok()?;
        let method = method.dyn_ref::<js_sys::Function>()?;
        method.call0(target).ok()?.dyn_into().ok()
    };
    let file = JsFuture::from(call(handle, "getFile")?).await.ok()?;
    let name = js_sys::Reflect::get(&file, &JsValue::from_str("name"))
        .ok()?
        .as_string()?;
    let buffer = JsFuture::from(call(&file, "arrayBuffer")?).await.ok()?;
    Some((name, js_sys::Uint8Array::new(&buffer).to_vec()))
}
