//! The frame every modal dialog of the app shares: a backdrop that closes it
//! when pressed, a box labelled by its heading, focus moved inside when it
//! opens (so Escape and Tab work at once), and Escape to close.

use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// The box's `data-testid`.
    testid: &'static str,
    /// Shown as the dialog's heading and naming it for assistive technology.
    #[prop(into)]
    heading: Signal<String>,
    /// Extra classes of the box, for its size.
    #[prop(optional)]
    class: &'static str,
    /// Called on Escape or a press on the backdrop.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Div>::new();
    let heading_id = format!("{testid}-heading");
    let labelled_by = heading_id.clone();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else {
            return;
        };
        // Unless the dialog already put focus on one of its fields.
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        if !active.is_some_and(|a| element.contains(Some(&a))) {
            _ = element.focus();
        }
    });
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.run(());
        }
    };
    view! {
        <div class="dialog__backdrop" on:click=move |_| on_close.run(())>
            <div
                class=format!("dialog {class}")
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                data-testid=testid
                tabindex="-1"
                node_ref=dialog
                on:click=|event| event.stop_propagation()
                on:keydown=on_keydown
            >
                <h2 class="dialog__heading" id=heading_id>
                    {move || heading.get()}
                </h2>
                {children()}
            </div>
        </div>
    }
}
