//! Two tabs changed the same canvas: both versions side by side, what
//! differs between them, and the choice of which to keep. Nothing is written
//! until the person chooses.

use leptos::prelude::*;

use super::canvas_list::saved_label;
use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::while_open;
use super::state::use_app_state;
use crate::domain::compare::differences;
use crate::domain::model::Document;

/// "12 objectives, 30 key results, 1 link".
fn counts(doc: &Document) -> String {
    let key_results: usize = doc.objectives.iter().map(|o| o.key_results.len()).sum();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        count(doc.objectives.len(), "objective", "objectives"),
        count(key_results, "key result", "key results"),
        count(doc.links.len(), "link", "links")
    )
}

#[component]
pub fn SaveConflict() -> impl IntoView {
    let state = use_app_state();
    while_open(state, state.conflict_open, save_conflict)
}

part!(
    save_conflict,
    /// The two versions and the choice between them, fetched the first time
    /// two tabs change the same canvas.
    fn save_conflict() {
        Ok(view! { <BothVersions /> }.into_any())
    }
);

/// Computed as the dialog opens, from the two versions as they are then.
#[component]
fn BothVersions() -> impl IntoView {
    let state = use_app_state();
    let open = state.conflict_open;
    let close = move || open.set(false);
    let mine = state.with_document_untracked(Clone::clone);
    let stored = state.stored_version();
    let readable = matches!(stored, Some((_, Ok(_))));
    let (theirs_side, lines) = match stored {
        Some((record, Ok(theirs))) => (
            format!("{} · {}", counts(&theirs), saved_label(record.saved_at)),
            differences(&mine, &theirs),
        ),
        Some((record, Err(_))) => (
            format!(
                "{} — in a form this tab cannot read",
                saved_label(record.saved_at)
            ),
            Vec::new(),
        ),
        None => ("Deleted in the other tab".to_string(), Vec::new()),
    };
    let differences = (!lines.is_empty()).then(|| {
        view! {
            <h3 class="save-conflict__subheading">"What differs"</h3>
            <ul class="save-conflict__differences" data-testid="conflict-differences">
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <Dialog
            testid="save-conflict"
            class="save-conflict"
            heading=format!("“{}” was changed in another tab too", mine.title)
            on_close=Callback::new(move |()| close())
        >
            <p class="dialog__lead">
                "Both tabs changed this canvas, so nothing has been written over. "
                "Merge the two, seeing each change first, or choose which version this "
                "browser keeps; the other one is dropped."
            </p>
            <div class="save-conflict__sides">
                <div class="save-conflict__side" data-testid="conflict-mine">
                    <h3 class="save-conflict__subheading">"This tab"</h3>
                    <p>{counts(&mine)}" · not saved"</p>
                </div>
                <div class="save-conflict__side" data-testid="conflict-theirs">
                    <h3 class="save-conflict__subheading">"The other tab"</h3>
                    <p>{theirs_side}</p>
                </div>
            </div>
            {differences}
            <div class="dialog__actions">
                {readable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="cycle-dialog__primary"
                                data-testid="merge-theirs"
                                on:click=move |_| state.merge_stored_version()
                            >
                                "Merge the two…"
                            </button>
                        }
                    })}
                <button
                    type="button"
                    data-testid="keep-mine"
                    on:click=move |_| state.keep_this_version()
                >
                    "Keep this tab's version"
                </button>
                <button
                    type="button"
                    data-testid="take-theirs"
                    on:click=move |_| state.take_stored_version()
                >
                    "Take the other tab's version"
                </button>
                <button type="button" on:click=move |_| state.export_canvas()>
                    "Export this tab's version"
                </button>
                <button type="button" data-testid="conflict-later" on:click=move |_| close()>
                    "Decide later"
                </button>
            </div>
        </Dialog>
    }
}
