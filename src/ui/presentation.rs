//! Presenting: the company's OKR tree as slides, full screen, for the
//! all-hands, the quarterly review or a workshop on a projector.
//!
//! The slides are the core's [`Deck`], rebuilt from the map whenever it
//! changes, so there is nothing to prepare. This component only renders a
//! slide at a time, moves between them (keys, edge clicks, swipes, the slide
//! overview) and gives the page back exactly as it was on Escape: the map
//! stays mounted underneath, its view untouched. Every slide is also rendered
//! for printing, one per page.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, PointerEvent};

use super::commands::Command;
use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, AppState, Selection};
use crate::browser::{fullscreen, storage};
use crate::output::slides::Deck;

/// Where the chosen slide theme is remembered.
const THEME_KEY: &str = "okr-canvas:presentation-theme";
/// How far a finger must travel sideways for a swipe, in CSS pixels.
const SWIPE_MIN: f64 = 50.0;

/// Leaves the presentation and full screen, back to the map as it was.
fn leave(state: AppState) {
    state.presenting.set(false);
    fullscreen::exit();
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    Dark,
    Light,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
        }
    }

    /// The remembered theme, else the system's.
    fn initial() -> Theme {
        match storage::load_raw(THEME_KEY).as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => {
                let dark = web_sys::window()
                    .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                    .is_some_and(|m| m.matches());
                if dark {
                    Theme::Dark
                } else {
                    Theme::Light
                }
            }
        }
    }
}

#[component]
pub fn Presentation() -> impl IntoView {
    let state = use_app_state();
    move || state.presenting.get().then(|| view! { <Presenting /> })
}

/// While presenting: the presenter once it has arrived, and, on leaving, the
/// focus given back where it was (the Present button, usually), taken now,
/// before the editor goes out of reach.
#[component]
fn Presenting() -> impl IntoView {
    let state = use_app_state();
    let focused_before = SendWrapper::new(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(element) = focused_before.take() {
            if element.is_connected() {
                let _ = element.focus();
            }
        }
    });
    when_loaded(state, presenter(), move || leave(state))
}

part!(
    presenter,
    /// The presenter, fetched the first time a presentation starts.
    fn presenter() {
        Ok(view! { <Presenter /> }.into_any())
    }
);

#[component]
fn Presenter() -> impl IntoView {
    let state = use_app_state();
    let deck = Memo::new(move |_| {
        let deck = state.with_document(|doc| state.scene.with(|scene| Deck::build(doc, scene)));
        state.readings.with(|readings| deck.with_readings(readings))
    });
    // Open at the selected objective's slide, else at the overview.
    let start = match state.selection.get_untracked() {
        Selection::Objective(id) => deck.with_untracked(|d| d.slide_of(&id)).unwrap_or(0),
        _ => 0,
    };
    let current = RwSignal::new(start);
    let forward = RwSignal::new(true);
    let overview_open = RwSignal::new(false);
    let theme = RwSignal::new(Theme::initial());
    let count = Memo::new(move |_| deck.with(|d| d.slides.len()));
    // A slide removed while presenting (another tab's change) never leaves
    // the counter past the end.
    Effect::new(move |_| {
        let last = count.get().saturating_sub(1);
        if current.get_untracked() > last {
            current.set(last);
        }
    });
    let go = move |index: usize| {
        let index = index.min(count.get_untracked().saturating_sub(1));
        forward.set(index >= current.get_untracked());
        current.set(index);
    };
    let next = move || go(current.get_untracked() + 1);
    let previous = move || go(current.get_untracked().saturating_sub(1));
    let toggle_theme = move || {
        let chosen = match theme.get_untracked() {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Dark,
        };
        theme.set(chosen);
        // Remembering is a convenience: blocked storage changes nothing else.
        let _ = storage::save_raw(THEME_KEY, chosen.name());
    };

    // The newest message (a refused full screen or print), in the band of the
    // controls, never over the slide; the map's messages are under the slides.
    let notices = state.notices.list();
    let message = move || {
        notices.with(|list| {
            list.last().map(|notice| {
                view! {
                    <p class="presentation__message" role="status" data-testid="presentation-message">
                        {notice.title.clone()}
                    </p>
                }
            })
        })
    };
    let on_key = window_event_listener(leptos::ev::keydown, move |event: KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        match event.key().as_str() {
            "ArrowRight" | "PageDown" => next(),
            "ArrowLeft" | "PageUp" => previous(),
            // Space on a focused button presses the button.
            " " if !on_button(&event) => next(),
            "Home" => go(0),
            "End" => go(usize::MAX),
            "g" | "G" => overview_open.update(|open| *open = !*open),
            "Enter" if overview_open.get_untracked() && !on_button(&event) => {
                overview_open.set(false)
            }
            "t" | "T" => toggle_theme(),
            "Escape" if overview_open.get_untracked() => overview_open.set(false),
            "Escape" => leave(state),
            _ => return,
        }
        event.prevent_default();
    });
    // The browser's own way out of full screen (Escape, F11, a gesture)
    // leaves the presentation too.
    let on_fullscreen_change = window_event_listener_untyped("fullscreenchange", move |_| {
        if !fullscreen::is_active() {
            leave(state);
        }
    });
    on_cleanup(move || {
        on_key.remove();
        on_fullscreen_change.remove();
    });

    // Swipes: a finger moving mostly sideways turns the page.
    let swipe_start = StoredValue::new(None::<(i32, f64, f64)>);
    let on_pointer_down = move |event: PointerEvent| {
        if event.pointer_type() == "touch" && event.is_primary() {
            swipe_start.set_value(Some((
                event.pointer_id(),
                event.client_x() as f64,
                event.client_y() as f64,
            )));
        }
    };
    let on_pointer_up = move |event: PointerEvent| {
        let Some((id, x, y)) = swipe_start.get_value() else {
            return;
        };
        if id != event.pointer_id() {
            return;
        }
        swipe_start.set_value(None);
        let dx = event.client_x() as f64 - x;
        let dy = event.client_y() as f64 - y;
        if dx.abs() >= SWIPE_MIN && dx.abs() > dy.abs() * 1.5 {
            if dx < 0.0 {
                next();
            } else {
                previous();
            }
        }
    };

    let root = NodeRef::<leptos::html::Div>::new();
    // Keys go to the slides at once, not to the button that was pressed.
    Effect::new(move |_| {
        if let Some(element) = root.get() {
            let _ = element.focus();
        }
    });

    let slide_on_screen = move || {
        let index = current.get();
        let (id, label, total) = deck.with(|d| {
            let slide = d.slides.get(index)?;
            Some((
                slide.objective_id().map(str::to_string),
                slide.label().to_string(),
                d.slides.len(),
            ))
        })?;
        let class = if forward.get_untracked() {
            "slide slide--forward"
        } else {
            "slide slide--back"
        };
        Some(view! {
            <section
                class=class
                data-testid="slide"
                data-okr-id=id
                data-slide-index=index.to_string()
                aria-roledescription="slide"
                aria-label=format!("Slide {} of {total}: {label}", index + 1)
            >
                <SlideContent deck index />
            </section>
        })
    };

    let print_copies = move || {
        (0..count.get())
            .map(|index| {
                view! {
                    <section class="slide slide--print" data-print-slide=index.to_string()>
                        <SlideContent deck index />
                    </section>
                }
            })
            .collect_view()
    };

    let counter = move || format!("{} / {}", current.get() + 1, count.get());
    let at_start = Signal::derive(move || current.get() == 0);
    let at_end = Signal::derive(move || current.get() + 1 >= count.get());
    let enabled = Signal::derive(|| false);
    let theme_label = Signal::derive(move || match theme.get() {
        Theme::Dark => "Light",
        Theme::Light => "Dark",
    });
    let on_previous = Callback::new(move |()| previous());
    let on_next = Callback::new(move |()| next());

    view! {
        <div
            class="presentation"
            data-testid="presentation"
            data-theme=move || theme.get().name()
            role="region"
            aria-label="Presentation"
            tabindex="-1"
            node_ref=root
            on:pointerdown=on_pointer_down
            on:pointerup=on_pointer_up
            on:pointercancel=move |_| swipe_start.set_value(None)
        >
            <div class="presentation__stage" aria-live="polite">
                {slide_on_screen}
            </div>
            {edge("previous", "Previous slide", "‹", at_start, on_previous)}
            {edge("next", "Next slide", "›", at_end, on_next)}
            {message}
            <nav class="presentation__controls" aria-label="Presentation controls">
                {control("slide-previous", "Previous slide (←)", "‹".into(), at_start, on_previous)}
                <span class="presentation__counter" data-testid="slide-counter">
                    {counter}
                </span>
                {control("slide-next", "Next slide (→, Space)", "›".into(), at_end, on_next)}
                {control(
                    "slide-overview-open",
                    "All slides (G)",
                    "Slides".into(),
                    enabled,
                    Callback::new(move |()| overview_open.update(|open| *open = !*open)),
                )}
                {control(
                    "presentation-theme",
                    "Switch between dark and light (T)",
                    theme_label,
                    enabled,
                    Callback::new(move |()| toggle_theme()),
                )}
                {control(
                    "presentation-print",
                    "Print the slides, one per page",
                    "Print".into(),
                    enabled,
                    Callback::new(move |()| Command::Print.run(state)),
                )}
                {control(
                    "presentation-exit",
                    "Back to the map (Esc)",
                    "Exit".into(),
                    enabled,
                    Callback::new(move |()| leave(state)),
                )}
            </nav>
            <Show when=move || overview_open.get()>
                <SlideOverview
                    deck
                    current
                    go=Callback::new(go)
                    close=Callback::new(move |()| overview_open.set(false))
                />
            </Show>
            <div class="presentation__print" aria-hidden="true">
                {print_copies}
            </div>
        </div>
    }
}

/// A button of the controls bar. One function for all of them keeps the
/// bundle small: each distinct view is its own code.
fn control(
    testid: &'static str,
    title: &'static str,
    label: Signal<&'static str>,
    disabled: Signal<bool>,
    on_press: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="presentation__control"
            data-testid=testid
            title=title
            aria-label=title
            disabled=move || disabled.get()
            on:click=move |_| on_press.run(())
        >
            {move || label.get()}
        </button>
    }
}

/// The invisible left or right edge that turns the page when clicked. It
/// never takes focus, so the keys keep going to the slides.
fn edge(
    side: &'static str,
    label: &'static str,
    arrow: &'static str,
    disabled: Signal<bool>,
    on_press: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            class=format!("presentation__edge presentation__edge--{side}")
            type="button"
            tabindex="-1"
            aria-label=label
            data-testid=format!("slide-{side}-edge")
            disabled=move || disabled.get()
            on:mousedown=|event| event.prevent_default()
            on:click=move |_| on_press.run(())
        >
            <span aria-hidden="true">{arrow}</span>
        </button>
    }
}

/// Whether a key press lands on a button, which handles Space and Enter itself.
fn on_button(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button"))
}

/// Every slide as a card in a grid; choosing one jumps to it. The cards are
/// markup from the deck; one click handler on the grid finds the card.
#[component]
fn SlideOverview(
    deck: Memo<Deck>,
    current: RwSignal<usize>,
    go: Callback<usize>,
    close: Callback<()>,
) -> impl IntoView {
    let grid = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(grid) = grid.get() else {
            return;
        };
        let index = current.get();
        let built = deck.with(|deck| crate::browser::dom::build(&deck.overview_markup(index)));
        grid.set_text_content(None);
        if let Ok(cards) = built {
            let _ = grid.append_child(&cards);
        }
        // Focus the current slide's card, so Tab, Enter and the arrows
        // work from there at once.
        let selector = format!("[data-slide-index=\"{index}\"]");
        if let Some(card) = grid
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = card.focus();
        }
    });
    let on_click = move |event: web_sys::MouseEvent| {
        let index = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-slide-index]").ok().flatten())
            .and_then(|el| el.get_attribute("data-slide-index"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(index) = index {
            go.run(index);
            close.run(());
        }
    };
    view! {
        <div
            class="slide-overview"
            data-testid="slide-overview"
            role="dialog"
            aria-modal="true"
            aria-label="All slides"
        >
            <h2 class="slide-overview__heading">"All slides"</h2>
            <p class="slide-overview__hint">
                "Choose a slide, or use the arrows and Enter. G or Esc goes back."
            </p>
            <div class="slide-overview__grid" node_ref=grid on:click=on_click></div>
        </div>
    }
}

/// One slide's content, built from the deck's markup and rebuilt when the
/// deck changes (another tab's edit) while it is shown.
#[component]
fn SlideContent(deck: Memo<Deck>, index: usize) -> impl IntoView {
    let host = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(host) = host.get() else {
            return;
        };
        let built = deck.with(|deck| crate::browser::dom::build(&deck.markup(index)));
        host.set_text_content(None);
        if let Ok(content) = built {
            let _ = host.append_child(&content);
        }
    });
    view! { <div class="slide__host" node_ref=host></div> }
}
