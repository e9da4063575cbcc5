//! The hard-or-soft question asked after a card is dropped on a valid target
//! (or a target is picked from the list): H, S or Escape, or the buttons.
//!
//! Both kinds are checked against the core's rules before the person chooses,
//! so a refused kind is shown with its reason, and a second hard parent is
//! offered as a move of the existing hard link.

use leptos::prelude::*;

use super::state::{use_app_state, PendingLink};
use crate::domain::graph::{AlignmentGraph, LinkError};
use crate::domain::model::LinkKind;

/// What choosing "hard" will do.
#[derive(Clone, Debug, PartialEq)]
enum HardChoice {
    Link,
    /// The child already has a hard parent: move that link here.
    MoveFrom(String),
    Refused(String),
}

#[component]
pub fn LinkChooser() -> impl IntoView {
    let state = use_app_state();
    let question = Memo::new(move |_| {
        let pending = state.pending_link.get()?;
        Some(state.with_document_untracked(|doc| {
            let graph = AlignmentGraph::from_document(doc).ok();
            let hard = match graph
                .as_ref()
                .map(|g| g.check_link(&pending.from, &pending.to, LinkKind::Hard))
            {
                Some(Ok(())) => HardChoice::Link,
                Some(Err(LinkError::SecondHardParent { parent, .. })) => {
                    HardChoice::MoveFrom(parent)
                }
                Some(Err(error)) => HardChoice::Refused(error.to_string()),
                None => HardChoice::Refused("The canvas could not be checked.".into()),
            };
            let soft = match graph
                .as_ref()
                .map(|g| g.check_link(&pending.from, &pending.to, LinkKind::Soft))
            {
                Some(Ok(())) => None,
                Some(Err(error)) => Some(error.to_string()),
                None => Some("The canvas could not be checked.".into()),
            };
            (pending, hard, soft)
        }))
    });

    move || {
        question.get().map(|(PendingLink { from, to }, hard, soft)| {
            let from_title = state.title_of(&from);
            let to_title = state.title_of(&to);
            let choose_hard = {
                let hard = hard.clone();
                let (from, to) = (from.clone(), to.clone());
                move |_| match &hard {
                    HardChoice::Link => state.choose_link(LinkKind::Hard),
                    HardChoice::MoveFrom(_) => {
                        state.pending_link.set(None);
                        state.move_hard_link(&from, &to);
                    }
                    HardChoice::Refused(_) => {}
                }
            };
            let (hard_label, hard_note, hard_disabled) = match &hard {
                HardChoice::Link => ("Hard (H)".to_string(), "Contributes directly: its progress rolls up.".to_string(), false),
                HardChoice::MoveFrom(parent) => (
                    "Move hard link here (H)".to_string(),
                    format!("It already has a hard parent, {parent}; choosing this moves that link here."),
                    false,
                ),
                HardChoice::Refused(reason) => ("Hard (H)".to_string(), reason.clone(), true),
            };
            let (soft_note, soft_disabled) = match &soft {
                None => ("Points the same way; no roll-up.".to_string(), false),
                Some(reason) => (reason.clone(), true),
            };
            view! {
                <div class="chooser" role="dialog" aria-modal="false" aria-labelledby="chooser-title" data-testid="link-chooser">
                    <p class="chooser__title" id="chooser-title">
                        "Link “" {from_title} "” → “" {to_title} "” as:"
                    </p>
                    <div class="chooser__options">
                        <button
                            class="chooser__option chooser__option--hard"
                            type="button"
                            data-testid="link-choose-hard"
                            disabled=hard_disabled
                            on:click=choose_hard
                        >
                            <span class="chooser__label">{hard_label}</span>
                            <span class="chooser__note">{hard_note}</span>
                        </button>
                        <button
                            class="chooser__option chooser__option--soft"
                            type="button"
                            data-testid="link-choose-soft"
                            disabled=soft_disabled
                            on:click=move |_| state.choose_link(LinkKind::Soft)
                        >
                            <span class="chooser__label">"Soft (S)"</span>
                            <span class="chooser__note">{soft_note}</span>
                        </button>
                        <button
                            class="toolbar__button"
                            type="button"
                            data-testid="link-choose-cancel"
                            on:click=move |_| state.pending_link.set(None)
                        >
                            "Cancel (Esc)"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
