//! The Review panel beside the map: what an OKR coach would point out, read
//! from the core. "Hints" lists every quality hint, grouped by objective, with
//! its one-line why; "Alignment health" says how much of the organisation is
//! aligned and lists the company objectives nothing supports, the objectives
//! to re-align after a deletion, those supporting nothing yet and the mission
//! OKRs that stand alone with their reasons.
//!
//! Every entry is a button that focuses the map on its card, so the panel is
//! a worklist: walk it, fix a card in the inspector, and the entry goes as
//! soon as the edit makes it true. The lists are `review_markup` trees, built
//! on the host and put in the page whole; one click listener finds the entry.
//! The panel is hidden while presenting; its keys stay inside it (arrows move
//! between entries and tabs, Escape closes it).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::edits::focus_when_shown;
use super::lazy::part;
use super::loaded::when_loaded;
use super::review::{Review, ReviewTab};
use super::state::use_app_state;
use crate::domain::health::Health;
use crate::domain::hints::Hints;
use crate::output::review_markup::{health_markup, hints_markup};

/// Where the active tab is, for moving focus to it.
const ACTIVE_TAB: &str = ".review [role=\"tab\"][aria-selected=\"true\"]";

#[component]
pub fn ReviewPanel() -> impl IntoView {
    let state = use_app_state();
    let review = expect_context::<Review>();
    let shown = Memo::new(move |_| review.open.get() && !state.presenting.get());
    move || {
        shown.get().then(|| {
            let close = move || review.open.set(false);
            when_loaded(state, review_panel(review), close)
        })
    }
}

part!(
    review_panel,
    /// The review panel, fetched the first time it opens.
    fn review_panel(review: Review) {
        Ok(view! { <ReviewPanelBody review /> }.into_any())
    }
);

#[component]
fn ReviewPanelBody(review: Review) -> impl IntoView {
    let state = use_app_state();
    let host = NodeRef::<leptos::html::Div>::new();
    let hint_count = Memo::new(move |_| review.hints.with(Hints::len));
    // The list shown, as markup: rebuilt when the canvas changes, compared,
    // and put in the page only when it differs.
    let content = Memo::new(move |_| match review.tab.get() {
        ReviewTab::Hints => review.hints.with(|hints| {
            review.target.with(|target| {
                state.with_document(|doc| hints_markup(doc, hints, target.as_deref()))
            })
        }),
        ReviewTab::Health => state.needs_realign.with(|flagged| {
            state.with_document(|doc| health_markup(doc, &Health::of(doc, flagged)))
        }),
    });
    Effect::new(move |_| {
        let Some(host) = host.get() else {
            return;
        };
        // An entry that had focus keeps it when it is still listed.
        let focused_key = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|active| host.contains(Some(active)))
            .and_then(|active| active.get_attribute("data-key"));
        let built = content.with(crate::browser::dom::build);
        host.set_text_content(None);
        if let Ok(list) = built {
            let _ = host.append_child(&list);
        }
        if let Some(key) = focused_key {
            let selector = format!("[data-key=\"{}\"]", css_escape(&key));
            if let Some(entry) = host
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = entry.focus();
            }
        }
    });

    // Focus moves into the panel when it is opened or asked for: to the
    // hints of the card it was opened at, else to the tab shown.
    Effect::new(move |_| {
        review.focus_request.track();
        let selector = match (review.tab.get_untracked(), review.target.get_untracked()) {
            (ReviewTab::Hints, Some(id)) => format!(
                ".review [data-testid=\"hint\"][data-okr-id=\"{}\"]",
                css_escape(&id)
            ),
            _ => ACTIVE_TAB.to_string(),
        };
        focus_when_shown(selector, false);
    });

    let close = move || {
        review.close();
        focus_when_shown("[data-testid=\"review\"]".to_string(), false);
    };
    let choose_tab = move |tab: ReviewTab| {
        review.target.set(None);
        review.tab.set(tab);
    };
    let on_click = move |event: web_sys::MouseEvent| {
        let id = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".review__entry").ok().flatten())
            .and_then(|el| el.get_attribute("data-okr-id"));
        if let Some(id) = id {
            review.show_card(&id);
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        let key = event.key();
        match key.as_str() {
            "Escape" => close(),
            "ArrowDown" | "ArrowUp" => move_between_entries(&event, key == "ArrowDown"),
            "ArrowLeft" | "ArrowRight" if on_tab(&event) => {
                let tab = match review.tab.get_untracked() {
                    ReviewTab::Hints => ReviewTab::Health,
                    ReviewTab::Health => ReviewTab::Hints,
                };
                choose_tab(tab);
                focus_when_shown(ACTIVE_TAB.to_string(), false);
            }
            "ArrowLeft" | "ArrowRight" => {}
            // A button's own Enter and Space: the map's keys must not take them.
            "Enter" | " " => {
                event.stop_propagation();
                return;
            }
            _ => return,
        }
        // The panel's keys are its own, not the map's.
        event.prevent_default();
        event.stop_propagation();
    };

    let tab_button = move |tab: ReviewTab, name: &'static str, label: &'static str| {
        let selected = move || review.tab.get() == tab;
        let count = move || match tab {
            ReviewTab::Hints => Some(hint_count.get()).filter(|n| *n > 0),
            ReviewTab::Health => None,
        };
        view! {
            <button
                class="review__tab"
                type="button"
                role="tab"
                id=format!("review-tab-{name}")
                data-testid=format!("review-tab-{name}")
                aria-controls="review-tabpanel"
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| choose_tab(tab)
            >
                {label}
                {move || count().map(|n| view! { <span class="review__count">{n}</span> })}
            </button>
        }
    };
    let (panel_testid, labelled_by) = (
        move || match review.tab.get() {
            ReviewTab::Hints => "hints-panel",
            ReviewTab::Health => "health-panel",
        },
        move || match review.tab.get() {
            ReviewTab::Hints => "review-tab-hints",
            ReviewTab::Health => "review-tab-health",
        },
    );

    view! {
        <aside
            class="review"
            id="review-panel"
            data-testid="review-panel"
            aria-labelledby="review-heading"
            on:keydown=on_keydown
        >
            <div class="review__head">
                <h2 class="review__heading" id="review-heading">"Review"</h2>
                <button
                    class="review__close"
                    type="button"
                    data-testid="review-close"
                    aria-label="Close the review panel"
                    title="Close (Escape)"
                    on:click=move |_| close()
                >
                    "×"
                </button>
            </div>
            <div class="review__tabs" role="tablist" aria-label="Review">
                {tab_button(ReviewTab::Hints, "hints", "Hints")}
                {tab_button(ReviewTab::Health, "health", "Alignment health")}
            </div>
            <div
                class="review__body"
                role="tabpanel"
                id="review-tabpanel"
                aria-labelledby=labelled_by
                data-testid=panel_testid
                node_ref=host
                on:click=on_click
            ></div>
        </aside>
    }
}

/// An id inside a quoted CSS attribute selector.
fn css_escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Whether the key was pressed on one of the panel's tabs.
fn on_tab(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.get_attribute("role").as_deref() == Some("tab"))
}

/// Moves focus to the next (or previous) entry of the panel from the one
/// the key was pressed on.
fn move_between_entries(event: &KeyboardEvent, forward: bool) {
    let Some(current) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(entries) = current
        .closest(".review")
        .ok()
        .flatten()
        .and_then(|panel| panel.query_selector_all(".review__entry").ok())
    else {
        return;
    };
    let count = entries.length();
    let position = (0..count).find(|&i| {
        entries
            .item(i)
            .is_some_and(|node| node.is_same_node(Some(current.as_ref())))
    });
    let next = match (position, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(count.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
    };
    if let Some(element) = entries
        .item(next)
        .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
