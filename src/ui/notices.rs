//! Messages to the person, over the map's corner: errors (`role="alert"`)
//! and confirmations (`role="status"`), which replace each other; how long
//! each stays is `state::Notices`'s rule. While presenting they are under the
//! slides, whose controls show the newest.

use leptos::prelude::*;

use super::state::{use_app_state, Notice, NoticeAction, NoticeKind};

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let notices = state.notices.list();
    view! {
        <section class="notices" aria-label="Messages">
            <For each=move || notices.get() key=|notice| notice.id let:notice>
                <NoticeItem notice=notice />
            </For>
        </section>
    }
}

#[component]
fn NoticeItem(notice: Notice) -> impl IntoView {
    let state = use_app_state();
    let id = notice.id;
    let is_error = notice.kind == NoticeKind::Error;
    let (role, testid, class) = if is_error {
        ("alert", "notice", "notice notice--error")
    } else {
        ("status", "status", "notice")
    };
    let details = (!notice.details.is_empty()).then(|| {
        view! {
            <ul class="notice__details">
                {notice.details.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        }
    });
    let action = notice.action.map(|action| {
        let (label, testid) = match &action {
            NoticeAction::ExportCanvas => ("Export the canvas", "notice-export"),
            NoticeAction::KeepDeletedCanvas => ("Keep it in this browser", "keep-deleted-canvas"),
            NoticeAction::ShowConflict => ("Compare the two versions", "show-conflict"),
            NoticeAction::RestoreDeletedCanvas { .. } => ("Undo", "restore-canvas"),
            NoticeAction::ReplaceCanvas { .. } => ("Replace it", "replace-canvas"),
            NoticeAction::ShowImportErrors(_) => ("Show every problem", "show-import-errors"),
            NoticeAction::MoveHardLink { .. } => ("Move the hard link", "move-hard-link"),
            NoticeAction::ReloadToUpdate => ("Reload to update", "reload-to-update"),
        };
        view! {
            <button
                class="toolbar__button"
                type="button"
                data-testid=testid
                on:click=move |_| {
                    state.notices.dismiss(id);
                    state.run_notice_action(&action);
                }
            >
                {label}
            </button>
        }
    });
    view! {
        <div class=class role=role data-testid=testid>
            <div class="notice__body">
                <div class="notice__title">{notice.title}</div>
                {details}
            </div>
            {action}
            <button
                class="notice__close"
                type="button"
                aria-label="Dismiss this message"
                on:click=move |_| state.notices.dismiss(id)
            >
                "×"
            </button>
        </div>
    }
}
