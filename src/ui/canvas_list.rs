//! The canvases kept in this browser, in one dialog: open one, rename,
//! duplicate or delete it (with an Undo in the message), or start a new one.

use leptos::prelude::*;

use super::edits::focus_when_shown;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::while_open;
use super::state::use_app_state;
use crate::session::library::CanvasEntry;

#[component]
pub fn CanvasList() -> impl IntoView {
    let state = use_app_state();
    while_open(state, state.canvas_list_open, canvas_list)
}

part!(
    canvas_list,
    /// The list of canvases, fetched the first time it opens.
    fn canvas_list() {
        Ok(view! { <CanvasEntries /> }.into_any())
    }
);

#[component]
fn CanvasEntries() -> impl IntoView {
    let state = use_app_state();
    let open = state.canvas_list_open;
    // The canvas whose name is being edited.
    let renaming = RwSignal::new(None::<String>);
    let close = move || {
        renaming.set(None);
        open.set(false);
    };
    // Escape first leaves a rename, then the dialog.
    let on_escape = move || {
        if renaming.get_untracked().is_some() {
            renaming.set(None);
        } else {
            close();
        }
    };

    let entry_row = move |entry: CanvasEntry| {
        let id = StoredValue::new(entry.id.clone());
        let is_open = move || id.with_value(|id| state.canvases.canvas_id.with(|open| open == id));
        // A stored canvas that could not be opened: kept, to download or delete.
        let broken =
            move || id.with_value(|id| state.canvases.unreadable.with(|u| u.contains_key(id)));
        let title = entry.title.clone();
        let saved = saved_label(entry.saved_at);
        let name_view = move || {
            if renaming.with(|r| id.with_value(|id| r.as_deref() == Some(id.as_str()))) {
                let current = title.clone();
                view! {
                    <form
                        class="canvas-list__rename"
                        on:submit=move |event: web_sys::SubmitEvent| {
                            event.prevent_default();
                            let value = event
                                .target()
                                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
                                .and_then(|form| form.elements().named_item("title"))
                                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el).ok())
                                .map(|input| input.value())
                                .unwrap_or_default();
                            state.rename_canvas(&id.get_value(), &value);
                            renaming.set(None);
                        }
                    >
                        <input
                            class="inspector__input"
                            name="title"
                            type="text"
                            maxlength="200"
                            aria-label="New name"
                            data-testid="canvas-rename-input"
                            value=current
                            autofocus
                        />
                        <button type="submit" class="toolbar__button">"Save"</button>
                    </form>
                }
                .into_any()
            } else {
                let title = title.clone();
                view! {
                    <button
                        type="button"
                        class="canvas-list__open"
                        data-testid="canvas-open"
                        aria-current=move || if is_open() { "true" } else { "false" }
                        on:click=move |_| {
                            state.open_canvas(&id.get_value());
                            close();
                        }
                    >
                        <span class="canvas-list__title">{title}</span>
                        <span class="canvas-list__saved">
                            {
                                let saved = saved.clone();
                                move || {
                                    if broken() {
                                        "Could not be opened — kept as it was stored".to_string()
                                    } else {
                                        saved.clone()
                                    }
                                }
                            }
                        </span>
                    </button>
                }
                .into_any()
            }
        };
        let actions = move || {
            if broken() {
                view! {
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="canvas-download-raw"
                        on:click=move |_| state.download_stored(&id.get_value())
                    >
                        "Download as it is"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="canvas-rename"
                        on:click=move |_| {
                            renaming.set(Some(id.get_value()));
                            // The name is ready to be typed over.
                            focus_when_shown(
                                "[data-testid=\"canvas-rename-input\"]".to_owned(),
                                true,
                            );
                        }
                    >
                        "Rename"
                    </button>
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="canvas-duplicate"
                        on:click=move |_| state.duplicate_canvas(&id.get_value())
                    >
                        "Duplicate"
                    </button>
                }
                .into_any()
            }
        };
        view! {
            <li
                class="canvas-list__entry"
                class:canvas-list__entry--open=is_open
                class:canvas-list__entry--broken=broken
                data-testid="canvas-entry"
                data-canvas-id=entry.id.clone()
                data-unreadable=move || broken().then_some("true")
            >
                {name_view}
                <div class="canvas-list__actions">
                    {actions}
                    <button
                        type="button"
                        class="toolbar__button"
                        data-testid="canvas-delete"
                        on:click=move |_| state.delete_canvas(&id.get_value())
                    >
                        "Delete"
                    </button>
                </div>
            </li>
        }
    };

    view! {
        <Dialog
            testid="canvas-list"
            class="canvas-list"
            heading="Canvases in this browser".to_string()
            on_close=Callback::new(move |()| on_escape())
        >
            <ul class="canvas-list__entries">
                <For
                    each=move || state.canvases.library.with(|l| l.canvases.clone())
                    key=|entry| (entry.id.clone(), entry.title.clone(), entry.saved_at.to_bits())
                    children=entry_row
                />
            </ul>
            <div class="dialog__actions">
                <button
                    type="button"
                    data-testid="new-canvas"
                    on:click=move |_| {
                        state.new_canvas();
                        close();
                    }
                >
                    "New canvas"
                </button>
                <button type="button" data-testid="canvas-list-close" on:click=move |_| close()>
                    "Close"
                </button>
            </div>
        </Dialog>
    }
}

/// "Saved 22 Nov 2026, 14:05" in the person's own locale and time zone.
pub fn saved_label(saved_at: f64) -> String {
    if saved_at <= 0.0 {
        return String::new();
    }
    let date = js_sys::Date::new(&saved_at.into());
    let text: String = date
        .to_locale_string("default", &js_sys::Object::new())
        .into();
    format!("Saved {text}")
}
