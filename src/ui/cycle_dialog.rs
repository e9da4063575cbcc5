//! The cycle's dialog: the label, start and end of the period the canvas
//! plans, checked as they are saved (one undo step), and the way on to
//! starting the next cycle. A canvas without a cycle is offered the current
//! calendar quarter.
//!
//! The field rules are the file format's own (`model::check_cycle`), so the
//! dialog refuses exactly what a file would; the reason is shown beside the
//! fields and nothing is saved.

use leptos::html::Input;
use leptos::prelude::*;

use super::dialog::Dialog;
use super::state::use_app_state;
use crate::domain::cycle::current_quarter;
use crate::domain::graph::{ObjectiveError, RuleError};
use crate::domain::model::{check_cycle, Cycle, FieldError, JsonPath};

/// Which of the cycle's dialogs is open.
#[derive(Clone, Debug, PartialEq)]
pub enum CycleStep {
    /// The cycle's label and dates.
    Edit,
    /// The next cycle, following `closing` (the cycle as the edit step showed it).
    Next { closing: Cycle },
}

#[component]
pub fn CycleDialog(
    step: RwSignal<Option<CycleStep>>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let saved = state.with_document_untracked(|doc| doc.cycle.clone());
    let shown = saved
        .clone()
        .or_else(|| state.today.with_untracked(|today| current_quarter(today)))
        .unwrap_or(Cycle {
            label: String::new(),
            start: String::new(),
            end: String::new(),
        });
    let fields = CycleFields::new(shown);
    let error = RwSignal::new(None::<String>);

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let cycle = match fields.read() {
            Ok(cycle) => cycle,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        if saved.as_ref() == Some(&cycle) {
            on_close.run(());
            state
                .notices
                .status(format!("The cycle stays {}.", describe(&cycle)));
            return;
        }
        let description = describe(&cycle);
        let done = state.apply_or_notify("Set cycle", move |graph| {
            graph
                .set_cycle(Some(cycle))
                .map_err(|e| RuleError::Objective(ObjectiveError::Invalid(e)))
        });
        if done.is_some() {
            on_close.run(());
            state
                .notices
                .status(format!("The cycle is now {description}."));
        }
    };

    let start_next = move |_| match fields.read() {
        Ok(closing) => step.set(Some(CycleStep::Next { closing })),
        Err(message) => error.set(Some(message)),
    };

    view! {
        <Dialog
            testid="cycle-dialog"
            class="cycle-dialog"
            heading="Cycle".to_string()
            on_close=on_close
        >
            <form class="cycle-dialog__form" on:submit=on_submit on:keydown=keep_keys_in_dialog>
                <p class="cycle-dialog__hint">
                    "The period these OKRs are set for, usually a quarter. At its end, \
                     progress is the objectives' score."
                </p>
                {fields.view("cycle", error)}
                <div class="dialog__actions">
                    <button
                        type="button"
                        class="cycle-dialog__next"
                        data-testid="cycle-scores"
                        title="Every objective's score for this cycle, with a retrospective note each"
                        on:click=move |_| {
                            on_close.run(());
                            state.score_view_open.set(true);
                        }
                    >
                        "Scores…"
                    </button>
                    <button
                        type="button"
                        class="cycle-dialog__next"
                        data-testid="start-next-cycle"
                        title="Make the next cycle's canvas from this one; this canvas stays as it is"
                        on:click=start_next
                    >
                        "Start next cycle…"
                    </button>
                    <button type="button" data-testid="cycle-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="cycle-dialog__primary" data-testid="cycle-save">
                        "Save"
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// The label, start and end being typed, in one of the cycle dialogs.
#[derive(Clone, Copy)]
pub struct CycleFields {
    label: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

impl CycleFields {
    pub fn new(cycle: Cycle) -> Self {
        CycleFields {
            label: RwSignal::new(cycle.label),
            start: RwSignal::new(cycle.start),
            end: RwSignal::new(cycle.end),
        }
    }

    /// The label as typed, without surrounding spaces.
    pub fn label(&self) -> Signal<String> {
        let label = self.label;
        Signal::derive(move || label.with(|l| l.trim().to_string()))
    }

    /// The cycle typed, or what is wrong with it in words, by the file
    /// format's rules.
    pub fn read(&self) -> Result<Cycle, String> {
        let cycle = Cycle {
            label: self.label.get_untracked().trim().to_string(),
            start: self.start.get_untracked(),
            end: self.end.get_untracked(),
        };
        if cycle.start.is_empty() {
            return Err("Choose the day the cycle starts.".to_string());
        }
        if cycle.end.is_empty() {
            return Err("Choose the day the cycle ends.".to_string());
        }
        let mut problems: Vec<FieldError> = Vec::new();
        check_cycle(&JsonPath::Root, &cycle, &mut |_, problem| {
            problems.push(problem)
        });
        match problems.into_iter().next() {
            None => Ok(cycle),
            Some(FieldError::Empty { .. } | FieldError::Blank { .. }) => {
                Err("The cycle needs a label, such as “Q2 2027”.".to_string())
            }
            Some(problem) => Err(problem.to_string()),
        }
    }

    /// The three fields, their test ids starting with `prefix`, and the
    /// reason the last attempt was refused. The label field takes focus.
    pub fn view(self, prefix: &'static str, error: RwSignal<Option<String>>) -> impl IntoView {
        let label_input = NodeRef::<Input>::new();
        Effect::new(move |_| {
            if let Some(input) = label_input.get() {
                _ = input.focus();
                input.select();
            }
        });
        let error_id = format!("{prefix}-error");
        let described = move || {
            error
                .with(Option::is_some)
                .then(|| format!("{prefix}-error"))
        };
        let invalid = move || {
            if error.with(Option::is_some) {
                "true"
            } else {
                "false"
            }
        };
        // Typing again clears the last refusal.
        let edited = move |signal: RwSignal<String>| {
            move |event| {
                signal.set(event_target_value(&event));
                error.set(None);
            }
        };
        // One of the two dates; `which` is `start` or `end`.
        let date_field = move |label: &'static str, which: &'static str| {
            let signal = if which == "start" {
                self.start
            } else {
                self.end
            };
            view! {
                <label class="inspector__field">
                    <span class="inspector__label">{label}</span>
                    <input
                        class="inspector__input"
                        type="date"
                        data-testid=format!("{prefix}-{which}")
                        aria-invalid=invalid
                        aria-describedby=described
                        prop:value=move || signal.get()
                        on:input=edited(signal)
                    />
                </label>
            }
        };
        view! {
            <div class="cycle-dialog__fields">
                <label class="inspector__field cycle-dialog__label">
                    <span class="inspector__label">"Label"</span>
                    <input
                        class="inspector__input"
                        type="text"
                        maxlength="200"
                        autocomplete="off"
                        placeholder="Q2 2027"
                        data-testid=format!("{prefix}-label")
                        aria-invalid=invalid
                        aria-describedby=described
                        node_ref=label_input
                        prop:value=move || self.label.get()
                        on:input=edited(self.label)
                    />
                </label>
                {date_field("Starts", "start")}
                {date_field("Ends", "end")}
            </div>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p
                                class="cycle-dialog__error"
                                id=error_id.clone()
                                role="alert"
                                data-testid=format!("{prefix}-error")
                            >
                                {message}
                            </p>
                        }
                    })
            }}
        }
    }
}

/// "Q2 2027 (2027-04-01 to 2027-06-30)", for messages.
pub fn describe(cycle: &Cycle) -> String {
    format!("{} ({} to {})", cycle.label, cycle.start, cycle.end)
}

/// Keys pressed in a cycle dialog stay there: the map's shortcuts (Delete,
/// arrows, P) must not act on the canvas behind it. Escape goes on to the
/// dialog's frame, which closes it.
pub fn keep_keys_in_dialog(event: leptos::ev::KeyboardEvent) {
    if event.key() != "Escape" {
        event.stop_propagation();
    }
}
