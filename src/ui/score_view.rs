//! Closing the cycle: every objective's score (its progress, 0.0–1.0) with
//! the verdict its kind's yardstick gives (aspirational succeeds at 0.7,
//! committed only at 1.0), team by team, and a short retrospective note per
//! objective, written where the file keeps it (see
//! `domain::retrospective`). Before the cycle's end the same list is shown
//! as provisional, for a mid-cycle review.

use leptos::prelude::*;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::while_open;
use super::state::{use_app_state, AppState, Selection};
use crate::domain::dates::days_between;
use crate::domain::graph::RuleError;
use crate::domain::model::{Document, ObjectiveKind};
use crate::domain::retrospective::{retrospective, with_retrospective, NOTE_MAX_CHARS};
use crate::domain::status::{yardstick_rule, Reading, Status};
use crate::map::scene::progress_percent;

/// One objective's row.
#[derive(Clone, Debug, PartialEq)]
struct ScoreRow {
    id: String,
    title: String,
    kind: ObjectiveKind,
    reading: Reading,
    note: String,
}

impl ScoreRow {
    /// What the row shows besides its note.
    fn key(&self) -> (String, String, String, &'static str) {
        (
            self.id.clone(),
            self.title.clone(),
            self.reading.score(),
            self.reading.status.name(),
        )
    }
}

/// A team and its objectives' rows.
#[derive(Clone, Debug, PartialEq)]
struct TeamScores {
    team: String,
    rows: Vec<ScoreRow>,
}

#[component]
pub fn ScoreView() -> impl IntoView {
    let state = use_app_state();
    while_open(state, state.score_view_open, score_dialog)
}

part!(
    score_dialog,
    /// The scores and the retrospective, fetched the first time they open.
    fn score_dialog() {
        Ok(view! { <ScoreDialog /> }.into_any())
    }
);

#[component]
fn ScoreDialog() -> impl IntoView {
    let state = use_app_state();
    let close = Callback::new(move |()| state.score_view_open.set(false));
    let teams = Memo::new(move |_| {
        state.scene.with(|scene| {
            state.with_document(|doc| {
                let progress_of = |id: &str| scene.card(id).map_or(0.0, |c| c.progress);
                scores_by_team(doc, &progress_of)
            })
        })
    });
    let heading = Signal::derive(move || {
        state.with_document(|doc| match &doc.cycle {
            Some(cycle) => format!("Score {}", cycle.label),
            None => "Score the cycle".to_string(),
        })
    });
    // Before the cycle's end a score is a forecast: said so, and not shown
    // as a verdict in red while the card still reads "not started".
    let provisional = Memo::new(move |_| {
        state.today.with(|today| {
            state.with_document(|doc| {
                doc.cycle
                    .as_ref()
                    .and_then(|c| days_between(today, &c.end))
                    .is_some_and(|left| left >= 0)
            })
        })
    });
    let when = move || {
        state.today.with(|today| {
            state.with_document(|doc| match &doc.cycle {
                None => "This canvas has no cycle dates: the scores are the progress so far."
                    .to_string(),
                Some(cycle) => match days_between(today, &cycle.end) {
                    Some(left) if left >= 0 => format!(
                        "{} ends on {} ({} left): these scores are provisional until then.",
                        cycle.label,
                        cycle.end,
                        match left {
                            0 => "today is its last day".to_string(),
                            1 => "1 day".to_string(),
                            n => format!("{n} days"),
                        }
                    ),
                    _ => format!(
                        "{} ended on {}: each objective's progress is its score.",
                        cycle.label, cycle.end
                    ),
                },
            })
        })
    };
    let summary = move || {
        teams.with(|teams| {
            let rows: Vec<&ScoreRow> = teams.iter().flat_map(|t| &t.rows).collect();
            if rows.is_empty() {
                return "No objectives to score yet.".to_string();
            }
            let average = rows.iter().map(|r| r.reading.progress).sum::<f64>() / rows.len() as f64;
            let count = |status: Status| rows.iter().filter(|r| r.reading.status == status).count();
            let provisional = provisional.get();
            format!(
                "{} objectives · average score {:.2} · {} met · {} progress made · {} missed{}",
                rows.len(),
                average,
                count(Status::Met),
                count(Status::PartlyMet),
                count(Status::Missed),
                if provisional { " so far" } else { "" }
            )
        })
    };
    view! {
        <Dialog testid="score-view" heading=heading class="score-view" on_close=close>
            <p class="score-view__when" data-testid="score-when">{when}</p>
            <p class="score-view__summary" data-testid="score-summary">{summary}</p>
            <div class="score-view__teams">
                // Keyed without the notes: saving one note must not rebuild
                // the list under the person moving on to the next.
                <For
                    each=move || teams.get()
                    key=|team| {
                        (
                            team.team.clone(),
                            team.rows.iter().map(ScoreRow::key).collect::<Vec<_>>(),
                        )
                    }
                    let:team
                >
                    <section class="score-view__team">
                        <h3 class="score-view__team-name">{team.team.clone()}</h3>
                        <ul class="score-view__rows">
                            {team
                                .rows
                                .into_iter()
                                .map(|row| view! { <ScoreLine state=state row=row provisional=provisional.get_untracked() /> })
                                .collect_view()}
                        </ul>
                    </section>
                </For>
            </div>
            <div class="dialog__actions">
                <button
                    class="dialog__button"
                    type="button"
                    data-testid="score-close"
                    on:click=move |_| close.run(())
                >
                    "Done"
                </button>
            </div>
        </Dialog>
    }
}

#[component]
fn ScoreLine(state: AppState, row: ScoreRow, provisional: bool) -> impl IntoView {
    let ScoreRow {
        id,
        title,
        kind,
        reading,
        note: _,
    } = row;
    // The note as the document has it, so an undo shows in the box too.
    let noted = id.clone();
    let note = move || {
        state.with_document(|doc| {
            doc.objectives
                .iter()
                .find(|o| o.id == noted)
                .and_then(|o| retrospective(o.description.as_deref()))
                .unwrap_or_default()
                .to_string()
        })
    };
    let status = reading.status;
    let rule = yardstick_rule(kind);
    let (verdict_class, verdict_text) = if provisional {
        (
            "status status--provisional".to_string(),
            format!("Provisional: {} so far", status.label().to_lowercase()),
        )
    } else {
        (
            format!("status status--{}", status.name()),
            status.label().to_string(),
        )
    };
    let note_id = format!("retro-{id}");
    let read_only = move || state.canvases.shared_view.with(Option::is_some);
    let target = id.clone();
    let on_change = move |event: web_sys::Event| {
        let typed = event_target_value(&event);
        save_note(state, &target, &typed);
    };
    let go_to = id.clone();
    view! {
        <li class="score-view__row" data-testid="score-row" data-okr-id=id.clone() data-score=reading.score()>
            <div class="score-view__line">
                <button
                    class="score-view__title"
                    type="button"
                    title="Show this objective on the map"
                    on:click=move |_| {
                        state.score_view_open.set(false);
                        state.select(Selection::Objective(go_to.clone()));
                        state.viewport.reveal(&go_to);
                    }
                >
                    {title}
                </button>
                <span class="score-view__score" data-testid="score-value">{reading.score()}</span>
                <span
                    class=verdict_class
                    data-testid="score-verdict"
                    data-status=status.name()
                    data-provisional=provisional.to_string()
                    title=format!("{} ({rule})", progress_percent(reading.progress))
                >
                    <span class="status__symbol" aria-hidden="true">
                        {if provisional { "○" } else { status.symbol() }}
                    </span>
                    {verdict_text}
                </span>
            </div>
            <label class="score-view__note-label" for=note_id.clone()>
                "Retrospective note"
            </label>
            <textarea
                class="score-view__note"
                id=note_id
                data-testid="retro-note"
                rows="2"
                maxlength=NOTE_MAX_CHARS.to_string()
                placeholder="What worked, what did not, what to carry over"
                disabled=read_only
                prop:value=note
                on:change=on_change
            ></textarea>
        </li>
    }
}

/// Writes `typed` as the objective's retrospective note: one undo step, and
/// a word that it was kept.
fn save_note(state: AppState, id: &str, typed: &str) {
    let Some(description) = state.with_document_untracked(|doc| {
        doc.objectives
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.description.clone())
    }) else {
        return;
    };
    let written = match with_retrospective(description.as_deref(), typed) {
        Ok(written) => written,
        Err(message) => {
            state.notices.error(message);
            return;
        }
    };
    if written == description {
        return;
    }
    let saved = state
        .apply_or_notify("Write a retrospective note", |graph| {
            graph
                .update_objective(id, |o| o.description = written)
                .map_err(RuleError::from)
        })
        .is_some();
    if saved {
        state.notices.status(if typed.trim().is_empty() {
            "Retrospective note removed"
        } else {
            "Retrospective note saved with the objective"
        });
    }
}

/// Every objective's score, grouped by its team in the order the teams are
/// listed; teams without objectives are left out.
fn scores_by_team(doc: &Document, progress_of: &dyn Fn(&str) -> f64) -> Vec<TeamScores> {
    let mut teams: Vec<TeamScores> = doc
        .teams
        .iter()
        .map(|team| TeamScores {
            team: team.name.clone(),
            rows: doc
                .objectives
                .iter()
                .filter(|o| o.team == team.id)
                .map(|o| ScoreRow {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    kind: o.kind,
                    reading: Reading::scored(o.kind, progress_of(&o.id)),
                    note: retrospective(o.description.as_deref())
                        .unwrap_or_default()
                        .to_string(),
                })
                .collect(),
        })
        .collect();
    teams.retain(|t| !t.rows.is_empty());
    teams
}
