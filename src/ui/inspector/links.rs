//! Links in the inspector: a row per link of the objective (the other end, its
//! kind, its note, remove), and a selected link's own editor.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::graph::RuleError;
use crate::domain::model::LinkKind;
use crate::ui::edits::{find_key_result, Edits};

use super::{commit_focused_field, describe};

/// One link in the objective's lists: what is on the other end, its kind,
/// its note, and a way to remove it.
#[component]
pub(super) fn LinkRow(edits: Edits, from: String, to: String, outgoing: bool) -> impl IntoView {
    let state = edits.state;
    let other_end = {
        let (from, to) = (from.clone(), to.clone());
        Memo::new(move |_| {
            state.with_document(|doc| {
                if outgoing {
                    describe(doc, &to)
                } else {
                    match find_key_result(doc, &to) {
                        Some((_, kr)) => format!(
                            "{} (to the key result “{}”)",
                            describe(doc, &from),
                            kr.title
                        ),
                        None => describe(doc, &from),
                    }
                }
            })
        })
    };
    let ends = StoredValue::new((from.clone(), to.clone()));
    let on_remove = move |_| {
        let (from, to) = ends.get_value();
        if edits.commit("Remove link", |g| {
            g.unlink(&from, &to).map(|_| ()).map_err(RuleError::from)
        }) {
            let (from_title, to_title) = (state.title_of(&from), state.title_of(&to));
            state
                .notices
                .status(format!("Removed the link “{from_title}” → “{to_title}”."));
        }
    };
    let direction = if outgoing { "outgoing" } else { "incoming" };
    let (from_attr, to_attr) = (from.clone(), to.clone());
    view! {
        <li
            class="inspector__link"
            data-testid="inspector-link"
            data-link-from=from_attr
            data-link-to=to_attr
            data-direction=direction
        >
            <span class="inspector__link-end">
                {if outgoing { "→ " } else { "← " }}
                {move || other_end.get()}
            </span>
            <LinkFields edits from to />
            <button
                class="inspector__button inspector__button--small inspector__button--danger"
                type="button"
                data-testid="link-edit-remove"
                aria-label=move || format!("Remove the link with {}", other_end.get())
                on:click=on_remove
            >
                "Remove"
            </button>
        </li>
    }
}

/// The kind and note of the link `from` → `to`.
#[component]
fn LinkFields(edits: Edits, from: String, to: String) -> impl IntoView {
    let state = edits.state;
    let refresh = edits.refresh;
    let ends = StoredValue::new((from, to));
    let link = Memo::new(move |_| {
        state.with_document(|doc| {
            ends.with_value(|(from, to)| {
                doc.links
                    .iter()
                    .find(|l| l.from == *from && l.to == *to)
                    .cloned()
            })
        })
    });
    let kind_is = move |kind: LinkKind| {
        move || {
            refresh.track();
            link.with(|l| l.as_ref().is_some_and(|l| l.kind == kind))
        }
    };
    let note = move || {
        refresh.track();
        link.with(|l| l.as_ref().and_then(|l| l.note.clone()).unwrap_or_default())
    };
    let on_kind = move |event: ev::Event| {
        let kind = match event_target_value(&event).as_str() {
            "hard" => LinkKind::Hard,
            _ => LinkKind::Soft,
        };
        if link.with_untracked(|l| l.as_ref().is_none_or(|l| l.kind == kind)) {
            refresh.notify();
            return;
        }
        let (from, to) = ends.get_value();
        if edits.commit(&format!("Make link {}", kind.name()), |g| {
            g.set_link_kind(&from, &to, kind).map_err(RuleError::from)
        }) {
            state.notices.status(format!(
                "The link “{}” → “{}” is now {}.",
                state.title_of(&from),
                state.title_of(&to),
                kind.name()
            ));
        }
    };
    let on_note = move |event: ev::Event| {
        let typed = event_target_value(&event).trim().to_owned();
        let note = (!typed.is_empty()).then_some(typed);
        if link.with_untracked(|l| l.as_ref().is_none_or(|l| l.note == note)) {
            refresh.notify();
            return;
        }
        let (from, to) = ends.get_value();
        edits.commit("Edit link note", |g| {
            g.set_link_note(&from, &to, note).map_err(RuleError::from)
        });
    };
    view! {
        <div class="inspector__link-fields">
            <label class="inspector__field">
                <span class="inspector__label">"Kind"</span>
                <select class="inspector__input" data-testid="link-edit-kind" on:change=on_kind>
                    <option value="hard" prop:selected=kind_is(LinkKind::Hard)>
                        "Hard (contributes)"
                    </option>
                    <option value="soft" prop:selected=kind_is(LinkKind::Soft)>
                        "Soft (points the same way)"
                    </option>
                </select>
            </label>
            <label class="inspector__field">
                <span class="inspector__label">"Note"</span>
                <input
                    class="inspector__input"
                    type="text"
                    data-testid="link-edit-note"
                    autocomplete="off"
                    placeholder="Why they align"
                    prop:value=note
                    on:change=on_note
                />
            </label>
        </div>
    }
}

/// The panel for a selected link.
#[component]
pub(super) fn LinkEditor(edits: Edits, from: String, to: String) -> impl IntoView {
    let state = edits.state;
    on_cleanup(commit_focused_field);
    let titles = {
        let (from, to) = (from.clone(), to.clone());
        Memo::new(move |_| {
            state.with_document(|doc| {
                let exists = doc.links.iter().any(|l| l.from == from && l.to == to);
                exists.then(|| (describe(doc, &from), describe(doc, &to)))
            })
        })
    };
    view! {
        <Show
            when=move || titles.with(Option::is_some)
            fallback=|| view! { <p class="inspector__empty">"This link no longer exists."</p> }
        >
            <h2 class="inspector__heading">"Link"</h2>
            <p class="inspector__link-ends">
                <span data-testid="inspector-link-from">
                    {move || titles.get().map(|(from, _)| from).unwrap_or_default()}
                </span>
                <span class="inspector__arrow" aria-label="supports">" → "</span>
                <span data-testid="inspector-link-to">
                    {move || titles.get().map(|(_, to)| to).unwrap_or_default()}
                </span>
            </p>
            <LinkFields edits from=from.clone() to=to.clone() />
            <button
                class="inspector__button inspector__button--danger"
                type="button"
                data-testid="link-edit-remove"
                on:click=move |_| state.delete_selection()
            >
                "Remove link"
            </button>
        </Show>
    }
}
