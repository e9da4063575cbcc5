//! The bar over the map while focus mode is on. It names the focused
//! objective and how many supporters stay lit, so what the dimming means is
//! said in words and not carried by contrast alone, and it is the way back
//! for a pointer (the keys are `F` and `Escape`).

use leptos::prelude::*;

use super::state::use_app_state;

#[component]
pub fn FocusBar() -> impl IntoView {
    let state = use_app_state();
    // The title and the count only: the bar does not wake for a card moved.
    let summary = Memo::new(move |_| {
        state
            .focused
            .with(|focus| focus.as_ref().map(|f| (f.title.clone(), f.supporters)))
    });
    let bar = move || {
        summary.get().map(|(title, supporters)| {
            let lit = match supporters {
                1 => "1 supporter lit".to_string(),
                n => format!("{n} supporters lit"),
            };
            let tooltip = title.clone();
            view! {
                <div class="focus-bar" data-testid="focus-bar">
                    <span class="focus-bar__text">
                        "Focus: “"
                        <strong class="focus-bar__title" title=tooltip>{title}</strong>
                        "” — "
                        {lit}
                    </span>
                    <button
                        class="focus-bar__clear"
                        type="button"
                        data-testid="focus-clear"
                        title="Light every card again (Escape)"
                        on:click=move |_| state.clear_focus()
                    >
                        "Show everything"
                    </button>
                </div>
            }
        })
    };
    // A live region that is always there, so the bar is announced when it appears.
    view! { <div class="canvas__focus" aria-live="polite">{bar}</div> }
}
