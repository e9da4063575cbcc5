//! The review of a returned file before its merge: every change it brings,
//! grouped by team, with what it was and what it becomes, each to take or
//! to leave, a team at a time or all at once. Conflicts (both sides changed
//! it, or no common version is known) start undecided and need a choice.
//! Nothing changes on the canvas until Apply, which is one undo step.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, MergeReview, Source};
use crate::output::merge_markup::{merge_list, FILE, OTHER_TAB};

#[component]
pub fn MergeDialog() -> impl IntoView {
    let state = use_app_state();
    move || {
        state
            .merge_dialog_open
            .get()
            .then(|| state.merging.get_untracked())
            .flatten()
            .map(|review| {
                let close = move || state.merge_dialog_open.set(false);
                when_loaded(state, merge_review(review), close)
            })
    }
}

part!(
    merge_review,
    /// The review of a returned file, fetched the first time one is merged.
    fn merge_review(review: MergeReview) {
        Ok(view! { <Review review /> }.into_any())
    }
);

#[component]
fn Review(review: MergeReview) -> impl IntoView {
    let state = use_app_state();
    let changes = review.merge.changes.clone();
    let count = changes.len();
    let conflicts = review.merge.conflicts();
    // Per change: Some(true) takes the file's side, Some(false) keeps the
    // canvas's, None is a conflict not decided yet.
    let choices = RwSignal::new(
        changes
            .iter()
            .map(|c| c.conflict.is_none().then_some(true))
            .collect::<Vec<_>>(),
    );
    let refused = RwSignal::new(None::<String>);
    let undecided = move || choices.with(|c| c.iter().filter(|c| c.is_none()).count());
    // The teams, in the order the changes come, named from the canvas or the file.
    let team_name = |id: &str| {
        state
            .with_document_untracked(|d| {
                d.teams.iter().find(|t| t.id == id).map(|t| t.name.clone())
            })
            .or_else(|| {
                review
                    .file
                    .teams
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.name.clone())
            })
            .unwrap_or_else(|| "The canvas".to_string())
    };
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    for (index, change) in changes.iter().enumerate() {
        match groups.last_mut() {
            Some((team, _, indices)) if *team == change.team => indices.push(index),
            _ => groups.push((change.team.clone(), team_name(&change.team), vec![index])),
        }
    }
    let from_tab = review.from_other_tab();
    let both = match conflicts {
        0 => "none was changed on both sides".to_string(),
        1 => "1 was changed on both sides and needs a choice".to_string(),
        n => format!("{n} were changed on both sides and need a choice"),
    };
    let summary = match (&review.two_way_because, from_tab) {
        (None, false) => format!(
            "{count} change{} from {}, compared with the version sent out: {both}.",
            if count == 1 { "" } else { "s" },
            review.file_name
        ),
        (None, true) => format!(
            "{count} change{} in the other tab's version, compared with the version both tabs \
             started from: {both}. Apply keeps the merged canvas in place of both.",
            if count == 1 { "" } else { "s" },
        ),
        (Some(why), _) => format!(
            "{count} difference{} between {} and {}. {why} Every difference is yours to choose.",
            if count == 1 { "" } else { "s" },
            if from_tab { "this tab" } else { "the canvas" },
            review.file_name
        ),
    };
    // Opened rather than chosen to merge: it is a version of this canvas,
    // to merge into it or to open on its own.
    let canvas_title = state.with_document_untracked(|d| d.title.clone());
    let opened = review.opened();
    let summary = match &review.source {
        Source::Opened { back_to, .. } => {
            let behind = back_to
                .as_ref()
                .and_then(|id| {
                    state
                        .canvases
                        .library
                        .with_untracked(|l| l.entry(id).map(|e| e.title.clone()))
                })
                .map(|previous| {
                    format!(" It is kept in this browser and now open behind this review; Cancel goes back to “{previous}”.")
                })
                .unwrap_or_default();
            format!(
                "{} is a version of “{canvas_title}”: merge it in, or open it as a new canvas.{behind} {summary}",
                review.file_name
            )
        }
        _ => summary,
    };
    let apply_label = if opened {
        format!("Merge into “{canvas_title}”")
    } else {
        "Apply".to_string()
    };
    let all: Vec<usize> = (0..count).collect();
    let all_again = all.clone();
    let close = Callback::new(move |()| state.cancel_merge());
    let on_apply = move |_: leptos::ev::MouseEvent| {
        let chosen = choices.get_untracked();
        let result = state.apply_merge(&|i, _| chosen.get(i).copied().flatten() == Some(true));
        refused.set(result.err());
    };
    let heading = format!("Merge {}", review.file_name);
    // The changes are markup built once; the radios keep their own state and
    // one listener reads them into `choices`.
    let list = NodeRef::<leptos::html::Div>::new();
    let sides = if from_tab { OTHER_TAB } else { FILE };
    let tree = merge_list(&changes, &groups, &choices.get_untracked(), sides);
    Effect::new(move |_| {
        if let Some(host) = list.get() {
            if let Ok(built) = crate::browser::dom::build(&tree) {
                host.set_text_content(None);
                let _ = host.append_child(&built);
            }
        }
    });
    // Sets the choices of the changes at `indices`, and their radios.
    let set = move |indices: &[usize], take: bool| {
        choices.update(|c| indices.iter().for_each(|&i| c[i] = Some(take)));
        let Some(host) = list.get_untracked() else {
            return;
        };
        let value = if take { "file" } else { "canvas" };
        for i in indices {
            let selector = format!("input[data-index=\"{i}\"][value=\"{value}\"]");
            if let Some(radio) = host
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                radio.set_checked(true);
            }
        }
    };
    let on_change = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(index) = input
            .get_attribute("data-index")
            .and_then(|i| i.parse::<usize>().ok())
        {
            let take = input.value() == "file";
            choices.update(|c| c[index] = Some(take));
        }
    };
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-indices]").ok().flatten())
        else {
            return;
        };
        let take = button.get_attribute("data-take").as_deref() == Some("true");
        let indices: Vec<usize> = button
            .get_attribute("data-indices")
            .unwrap_or_default()
            .split(',')
            .filter_map(|i| i.parse().ok())
            .collect();
        set(&indices, take);
    };
    view! {
        <Dialog testid="merge-dialog" heading=heading class="merge-dialog" on_close=close>
            <p class="merge-dialog__summary" data-testid="merge-summary" data-three-way=review.merge.three_way.to_string()>
                {summary}
            </p>
            <div class="merge-dialog__all">
                <button type="button" data-testid="merge-take-all" on:click=move |_| set(&all, true)>
                    "Take every change"
                </button>
                <button type="button" data-testid="merge-keep-all" on:click=move |_| set(&all_again, false)>
                    {if from_tab { "Keep this tab's version as it is" } else { "Keep the canvas as it is" }}
                </button>
            </div>
            <div class="merge-dialog__list" node_ref=list on:change=on_change on:click=on_click></div>
            {move || {
                refused
                    .get()
                    .map(|text| {
                        view! {
                            <p class="merge-dialog__refused" role="alert" data-testid="merge-refused">
                                {format!("These choices would break a rule of the canvas: {text} Choose otherwise for the changes concerned.")}
                            </p>
                        }
                    })
            }}
            <div class="dialog__actions">
                <span class="merge-dialog__left" data-testid="merge-undecided">
                    {move || match undecided() {
                        0 => String::new(),
                        1 => "1 conflict needs a choice".to_string(),
                        n => format!("{n} conflicts need a choice"),
                    }}
                </span>
                <button type="button" data-testid="merge-cancel" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
                {opened
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                data-testid="merge-open-new"
                                on:click=move |_| state.open_reviewed_file_instead()
                            >
                                "Open as a new canvas"
                            </button>
                        }
                    })}
                <button
                    type="button"
                    class="cycle-dialog__primary"
                    data-testid="merge-apply"
                    prop:disabled=move || { undecided() != 0 }
                    on:click=on_apply
                >
                    {apply_label}
                </button>
            </div>
        </Dialog>
    }
}
