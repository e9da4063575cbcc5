//! Starting the next cycle in one action: the next period, prefilled from the
//! closing one, and every objective by team with a box to carry it over (the
//! unfinished ones ticked). Confirming opens a new canvas in the list, made
//! by the core's `next_cycle_document`; the closing canvas is not touched, so
//! its progress stays as the cycle's score.

use std::collections::HashSet;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::cycle_dialog::{describe, keep_keys_in_dialog, CycleFields, CycleStep};
use super::dialog::Dialog;
use super::state::use_app_state;
use crate::domain::cycle::{losing_hard_parent, next_cycle, next_cycle_document, unfinished};
use crate::domain::graph::AlignmentGraph;
use crate::domain::model::Cycle;
use crate::domain::numbers::percent;
use crate::domain::progress::compute_progress;
use crate::output::markup::{el, Element};

/// One objective offered to carry over.
#[derive(Clone, Debug)]
struct Choice {
    id: String,
    title: String,
    progress: f64,
}

/// The objectives of one team.
#[derive(Clone, Debug)]
struct TeamChoices {
    name: String,
    objectives: Vec<Choice>,
}

#[component]
pub fn NextCycleDialog(
    /// The cycle that closes, as the cycle dialog showed it.
    closing: Cycle,
    step: RwSignal<Option<CycleStep>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let fields = CycleFields::new(next_cycle(&closing));
    let error = RwSignal::new(None::<String>);

    // The canvas as it is when the dialog opens.
    let (teams, picks, total) = state.with_document_untracked(|doc| {
        let progress = compute_progress(doc);
        let teams: Vec<TeamChoices> = doc
            .teams
            .iter()
            .map(|team| TeamChoices {
                name: team.name.clone(),
                objectives: doc
                    .objectives
                    .iter()
                    .filter(|o| o.team == team.id)
                    .map(|o| Choice {
                        id: o.id.clone(),
                        title: o.title.clone(),
                        progress: progress.get(&o.id).copied().unwrap_or(0.0),
                    })
                    .collect(),
            })
            .filter(|team| !team.objectives.is_empty())
            .collect();
        let picks: HashSet<String> = unfinished(doc, &progress)
            .into_iter()
            .map(str::to_string)
            .collect();
        (teams, picks, doc.objectives.len())
    });
    let carried = RwSignal::new(picks);
    let count = Memo::new(move |_| carried.with(HashSet::len));

    let confirm_text = move || {
        let label = fields.label().get();
        let what = if label.is_empty() {
            "the next cycle".to_string()
        } else {
            label
        };
        format!("Start {what} with {}", objectives(count.get()))
    };

    let confirm = move |_| {
        let next = match fields.read() {
            Ok(next) => next,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        let made = carried.with_untracked(|carry| {
            state.with_document_untracked(|doc| {
                let document = next_cycle_document(doc, carry, next.clone());
                let unaligned: Vec<String> = losing_hard_parent(doc, carry)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                let closed = match &doc.cycle {
                    Some(cycle) => cycle.label.clone(),
                    None => format!("“{}”", doc.title),
                };
                (document, unaligned, closed)
            })
        });
        let (mut document, unaligned, closed) = made;
        // Flagged in the document, so the flags travel with it.
        for objective in &mut document.objectives {
            objective.realign = unaligned.contains(&objective.id);
        }
        // Made from a valid canvas, so always valid; checked all the same,
        // since a broken canvas must never be stored.
        if let Err(violations) = AlignmentGraph::from_document(&document) {
            let reason = violations
                .first()
                .map(|v| v.to_string())
                .unwrap_or_default();
            state
                .notices
                .error(format!("The next cycle could not be started: {reason}"));
            return;
        }
        let carried_count = document.objectives.len();
        state.open_as_new_canvas(document);
        let flagged = unaligned.len();
        step.set(None);
        let mut message = format!(
            "Started {} with {} carried over. {closed} is kept in your canvases, with its scores.",
            describe(&next),
            objectives(carried_count),
        );
        if flagged > 0 {
            message.push_str(&format!(
                " {} lost {} hard parent and {} flagged to re-align.",
                objectives(flagged),
                if flagged == 1 { "its" } else { "their" },
                if flagged == 1 { "is" } else { "are" },
            ));
        }
        state.notices.status(message);
    };

    // The list is static once shown: built as plain markup, its boxes read
    // through one listener (a view per row costs far more in the bundle).
    let list = NodeRef::<Div>::new();
    let ticked_at_open = carried.get_untracked();
    Effect::new(move |_| {
        let Some(host) = list.get() else {
            return;
        };
        if let Ok(built) = crate::browser::dom::build(&choices_markup(&teams, &ticked_at_open)) {
            host.set_text_content(None);
            _ = host.append_child(&built);
        }
    });
    let on_change = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(id) = input.get_attribute("data-okr-id") else {
            return;
        };
        let tick = input.checked();
        carried.update(|c| {
            if tick {
                c.insert(id);
            } else {
                c.remove(&id);
            }
        });
    };
    // Select all or none: every box, and the set they stand for.
    let tick_every = move |tick: bool| {
        let Some(host) = list.get_untracked() else {
            return;
        };
        let mut ids = HashSet::new();
        if let Ok(boxes) = host.query_selector_all("input[data-okr-id]") {
            for index in 0..boxes.length() {
                let Some(input) = boxes
                    .get(index)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                else {
                    continue;
                };
                input.set_checked(tick);
                if let Some(id) = input.get_attribute("data-okr-id").filter(|_| tick) {
                    ids.insert(id);
                }
            }
        }
        carried.set(ids);
    };

    let heading = format!("Start the cycle after {}", closing.label);

    view! {
        <Dialog
            testid="next-cycle-dialog"
            class="cycle-dialog next-cycle"
            heading=heading
            on_close=on_close
        >
            <div class="next-cycle__body" on:keydown=keep_keys_in_dialog>
                <p class="cycle-dialog__hint">
                    "A new canvas for the next cycle: every team, the objectives ticked below \
                     with their key results starting where they stand now, and the links \
                     between them. This canvas stays as it is, with its scores."
                </p>
                {fields.view("next-cycle", error)}
                <div class="next-cycle__picker">
                    <div class="next-cycle__tools">
                        <span class="next-cycle__count" data-testid="carry-count" aria-live="polite">
                            {move || format!("{} of {total} objectives to carry over", count.get())}
                        </span>
                        <button type="button" data-testid="carry-all" on:click=move |_| tick_every(true)>
                            "Select all"
                        </button>
                        <button
                            type="button"
                            data-testid="carry-none"
                            on:click=move |_| tick_every(false)
                        >
                            "Select none"
                        </button>
                    </div>
                    <div
                        class="next-cycle__objectives"
                        role="group"
                        aria-label="Objectives to carry over"
                        node_ref=list
                        on:change=on_change
                    ></div>
                </div>
                <div class="dialog__actions">
                    <button
                        type="button"
                        data-testid="next-cycle-back"
                        on:click=move |_| step.set(Some(CycleStep::Edit))
                    >
                        "Back"
                    </button>
                    <button type="button" data-testid="next-cycle-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        class="cycle-dialog__primary"
                        data-testid="next-cycle-confirm"
                        on:click=confirm
                    >
                        {confirm_text}
                    </button>
                </div>
            </div>
        </Dialog>
    }
}

/// Every team's objectives, each with its box (ticked when in `ticked`),
/// title and progress; a finished one says so in words, not colour alone.
fn choices_markup(teams: &[TeamChoices], ticked: &HashSet<String>) -> Element {
    el("div", "next-cycle__teams").children(teams.iter().map(|team| {
        let rows = team.objectives.iter().map(|choice| {
            let mut tick = el("input", "")
                .attr("type", "checkbox")
                .attr("data-testid", "carry-objective")
                .attr("data-okr-id", choice.id.clone());
            if ticked.contains(&choice.id) {
                tick = tick.attr("checked", "");
            }
            let finished = choice.progress >= 1.0;
            let (class, progress) = if finished {
                (
                    "next-cycle__progress next-cycle__progress--finished",
                    format!("{} · finished", percent(choice.progress)),
                )
            } else {
                ("next-cycle__progress", percent(choice.progress))
            };
            el("li", "next-cycle__objective").child(
                el("label", "next-cycle__choice")
                    .child(tick)
                    .child(el("span", "next-cycle__title").text(choice.title.clone()))
                    .child(
                        el("span", class)
                            .attr("data-testid", "carry-progress")
                            .text(progress),
                    ),
            )
        });
        el("fieldset", "next-cycle__team")
            .child(el("legend", "next-cycle__team-name").text(team.name.clone()))
            .child(el("ul", "next-cycle__list").children(rows))
    }))
}

/// "1 objective", "9 objectives".
fn objectives(count: usize) -> String {
    if count == 1 {
        "1 objective".to_string()
    } else {
        format!("{count} objectives")
    }
}
