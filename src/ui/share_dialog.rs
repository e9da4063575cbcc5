//! The share link: the whole canvas in the address's fragment, so a small map
//! can be sent in a chat with no server. The dialog shows the link, its
//! length, and copies it; a canvas too big for a link is offered as a file.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::while_open;
use super::state::use_app_state;
use crate::browser::location::{copy_to_clipboard, page_address};
use crate::domain::share::{share_link, MAX_SHARE_LINK_CHARS};

/// What the dialog offers for the open canvas.
#[derive(Clone, Debug, PartialEq)]
enum Offer {
    Link(String),
    /// The link would be this long: too long to travel.
    TooLong(usize),
}

#[component]
pub fn ShareDialog() -> impl IntoView {
    let state = use_app_state();
    while_open(state, state.share_dialog_open, share_dialog)
}

part!(
    share_dialog,
    /// The link and its writing (the canvas compressed into the address),
    /// fetched the first time a link is shared.
    fn share_dialog() {
        Ok(view! { <ShareLink /> }.into_any())
    }
);

#[component]
fn ShareLink() -> impl IntoView {
    let state = use_app_state();
    let open = state.share_dialog_open;
    let field = NodeRef::<Input>::new();
    let copied = RwSignal::new(None::<bool>);

    // Computed when the dialog opens, from the canvas as it is then.
    let offer = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let address = page_address();
        Some(
            state.with_document_untracked(|doc| match share_link(&address, doc) {
                Ok(link) => Offer::Link(link),
                Err(too_long) => Offer::TooLong(too_long.length),
            }),
        )
    });

    let copy = move || {
        let Some(Some(Offer::Link(link))) = offer.try_get_untracked() else {
            return;
        };
        spawn_local(async move {
            let done = copy_to_clipboard(&link).await.is_ok();
            copied.set(Some(done));
            if done {
                state.notices.status("Share link copied to the clipboard.");
            } else if let Some(input) = field.get_untracked() {
                // The browser refused: the link is selected, ready for Ctrl+C.
                input.select();
            }
        });
    };

    // Copy as the dialog opens: sharing is one click when the browser allows.
    Effect::new(move |_| {
        if let Some(Offer::Link(_)) = offer.get() {
            copied.set(None);
            if let Some(input) = field.get() {
                _ = input.focus();
                input.select();
            }
            copy();
        }
    });

    let close = move || open.set(false);

    move || {
        offer.get().map(|offer| {
            let body = match offer {
                Offer::Link(link) => {
                    let length = link.chars().count();
                    view! {
                        <p>
                            "Anyone who opens this link sees this canvas, read-only, and can edit a copy. \
                             Nothing is uploaded: the canvas travels inside the link."
                        </p>
                        <input
                            class="inspector__input share-dialog__link"
                            type="text"
                            readonly
                            aria-label="Share link"
                            data-testid="share-link-field"
                            node_ref=field
                            prop:value=link
                        />
                        <p class="share-dialog__meta" data-testid="share-link-length">
                            {format!("{length} characters of at most {MAX_SHARE_LINK_CHARS}.")}
                            " "
                            {move || match copied.get() {
                                Some(true) => "Copied to the clipboard.",
                                Some(false) => "The browser did not allow copying: press Ctrl+C (⌘C) to copy the selected link.",
                                None => "",
                            }}
                        </p>
                    }
                    .into_any()
                }
                Offer::TooLong(length) => view! {
                    <p data-testid="share-link-too-long">
                        {format!(
                            "This canvas needs a link of {length} characters; links longer than \
                             {MAX_SHARE_LINK_CHARS} get cut off by chat apps and mail. Export the \
                             canvas as a file and send the file instead."
                        )}
                    </p>
                }
                .into_any(),
            };
            view! {
                <Dialog
                    testid="share-dialog"
                    heading="Share a link".to_string()
                    on_close=Callback::new(move |()| close())
                >
                    {body}
                    <div class="dialog__actions">
                        <button type="button" on:click=move |_| copy()>
                            "Copy link"
                        </button>
                        <button type="button" data-testid="share-dialog-close" on:click=move |_| close()>
                            "Close"
                        </button>
                    </div>
                </Dialog>
            }
        })
    }
}
