//! The preview of a spreadsheet or an OKR-suite export before it opens as a
//! canvas: the period, which column is what, the teams' levels (changing any
//! reads the file again), then what comes in and every row left out with
//! why, as `output/sheet_markup.rs` builds it.
//! Nothing is created until "Open as a new canvas"; the open canvas is never
//! changed.

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, SheetReview};
use crate::domain::model::Level;
use crate::output::markup::plural;
use crate::output::sheet_markup::preview_body;

#[component]
pub fn SheetDialog() -> impl IntoView {
    let state = use_app_state();
    move || {
        state
            .sheet_dialog_open
            .get()
            .then(|| state.sheet.get())
            .flatten()
            .map(|review| {
                let close = move || state.sheet_dialog_open.set(false);
                when_loaded(state, sheet_review(review), close)
            })
    }
}

part!(
    sheet_review,
    /// The preview of a spreadsheet or an export, fetched the first time one
    /// is opened.
    fn sheet_review(review: SheetReview) {
        Ok(view! { <Review review /> }.into_any())
    }
);

#[component]
fn Review(review: SheetReview) -> impl IntoView {
    let state = use_app_state();
    let SheetReview {
        file_name,
        preview,
        busy,
        ..
    } = review;
    let close = Callback::new(move |()| state.close_sheet());
    let chosen = preview.period.clone().unwrap_or_default();
    let options = preview
        .periods
        .iter()
        .map(|p| {
            let label = format!(
                "{} ({} to {}, {})",
                p.name,
                p.start,
                p.end,
                plural(p.objectives, "objective", "objectives")
            );
            let selected = p.name == chosen;
            view! { <option value=p.name.clone() selected=selected>{label}</option> }
        })
        .collect_view();
    let body = NodeRef::<leptos::html::Div>::new();
    // The pickers in the body: a team's level, what a column holds.
    let picked = move |event: leptos::ev::Event| {
        let Some(select) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let value = select.value();
        if let Some(team) = select.get_attribute("data-sheet-team") {
            if let Some(level) = Level::ALL.into_iter().find(|l| l.name() == value) {
                state.choose_sheet_level(team, level);
            }
        } else if let Some(role) = select
            .get_attribute("data-sheet-role")
            .and_then(|r| r.parse().ok())
        {
            state.choose_sheet_column(role, value.parse().ok());
        }
    };
    let tree = preview_body(&preview);
    Effect::new(move |_| {
        if let Some(host) = body.get() {
            if let Ok(built) = crate::browser::dom::build(&tree) {
                host.set_text_content(None);
                let _ = host.append_child(&built);
            }
        }
    });
    view! {
        <Dialog
            testid="sheet-dialog"
            heading=format!("Open {file_name} as a new canvas")
            class="sheet-dialog"
            on_close=close
        >
            <p class="dialog__lead">
                {format!(
                    "{file_name} is {}. Nothing is created until you open it; the canvas open now stays as it is.",
                    preview.kind
                )}
            </p>
            {(!preview.periods.is_empty())
                .then(|| {
                    view! {
                        <label class="sheet-dialog__period">
                            <span>"Period"</span>
                            <select
                                data-testid="sheet-period"
                                prop:disabled=busy
                                on:change=move |event| {
                                    state.choose_sheet_period(event_target_value(&event))
                                }
                            >
                                {options}
                            </select>
                        </label>
                    }
                })}
            {busy.then_some(view! { <p role="status">"Reading the file again…"</p> })}
            <div
                class="sheet-dialog__scroll"
                node_ref=body
                aria-busy=busy.to_string()
                on:change=picked
            ></div>
            <div class="dialog__actions">
                <button type="button" data-testid="sheet-cancel" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="cycle-dialog__primary"
                    data-testid="sheet-open"
                    prop:disabled=busy
                    on:click=move |_| state.open_previewed_sheet()
                >
                    "Open as a new canvas"
                </button>
            </div>
        </Dialog>
    }
}
