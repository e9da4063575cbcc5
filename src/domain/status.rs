//! Is an objective on track? Its progress against where it should be by now:
//! the share of the cycle that has passed times its kind's success score
//! (aspirational objectives succeed at 0.7, committed ones only at 1.0). Once
//! the cycle is over, the progress is the score, and the status says whether
//! it met its yardstick.
//!
//! Today's date comes from the caller, so the same document reads the same
//! way in a test, on the page, and in a printed report.

use super::dates::day_number;
use super::model::{Cycle, Objective, ObjectiveKind, Pace};

/// Behind where it should be by at most this share of it, or by at most
/// `ON_TRACK_SLACK` (so the first days of a cycle are not alarms): on track.
const ON_TRACK_SHARE: f64 = 0.15;
const ON_TRACK_SLACK: f64 = 0.05;
/// Behind by more than on track allows, but at most this share of where it
/// should be (or `AT_RISK_SLACK`): at risk. Further behind: off track.
const AT_RISK_SHARE: f64 = 0.4;
const AT_RISK_SLACK: f64 = 0.15;
/// An aspirational score from here up to success is "progress made"
/// (the usual 0.4–0.6 band).
const PARTLY_MET_SCORE: f64 = 0.4;

/// Where an objective stands. Every status has words and a symbol, so colour
/// is never the only signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The canvas has no cycle, so there is no time to measure against.
    NoCycle,
    /// The cycle has not begun.
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    /// The cycle is over and the score reached the kind's success score.
    Met,
    /// The cycle is over; an aspirational objective made real progress
    /// (0.4 up to 0.7) without reaching success.
    PartlyMet,
    /// The cycle is over and the score is short of its yardstick.
    Missed,
}

impl Status {
    /// Every status, in the order a filter lists them.
    pub const ALL: [Status; 8] = [
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NotStarted,
        Status::NoCycle,
        Status::Met,
        Status::PartlyMet,
        Status::Missed,
    ];

    /// The name in attributes and addresses: `on-track`, `off-track`, ….
    pub fn name(self) -> &'static str {
        match self {
            Status::NoCycle => "no-cycle",
            Status::NotStarted => "not-started",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Met => "met",
            Status::PartlyMet => "partly-met",
            Status::Missed => "missed",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// In words, for the card and the lists.
    pub fn label(self) -> &'static str {
        match self {
            Status::NoCycle => "No cycle dates",
            Status::NotStarted => "Not started",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Met => "Met",
            Status::PartlyMet => "Progress made",
            Status::Missed => "Missed",
        }
    }

    /// A symbol beside the words: the shape differs where the colour does.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::NoCycle | Status::NotStarted => "○",
            Status::OnTrack | Status::Met => "✓",
            Status::AtRisk | Status::PartlyMet => "!",
            Status::OffTrack | Status::Missed => "✕",
        }
    }

    /// Whether the cycle is over and this is a score's verdict.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Met | Status::PartlyMet | Status::Missed)
    }
}

/// How much of the cycle has passed on `today`, and how much is left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CycleClock {
    /// 0 before the first day, 1 after the last; counted in whole days, the
    /// last day included.
    pub elapsed: f64,
    /// Day of the cycle today is (1 on the first day), clamped to the cycle.
    pub day: i64,
    pub days: i64,
    /// Today is after the last day.
    pub over: bool,
    /// Today is before the first day.
    pub before: bool,
}

impl CycleClock {
    /// `None` when the cycle's dates or `today` are not valid dates, or the
    /// cycle ends before it starts.
    pub fn new(cycle: &Cycle, today: &str) -> Option<CycleClock> {
        let start = day_number(&cycle.start)?;
        let end = day_number(&cycle.end)?;
        let today = day_number(today)?;
        if end < start {
            return None;
        }
        let days = end - start + 1;
        let day = (today - start + 1).clamp(0, days);
        Some(CycleClock {
            elapsed: day as f64 / days as f64,
            day,
            days,
            over: today > end,
            before: today < start,
        })
    }
}

/// An objective's status and the numbers behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub status: Status,
    /// Progress so far, or the score once the cycle is over.
    pub progress: f64,
    /// Where it should be by now: the kind's success score times the share
    /// of the cycle passed. `None` without a cycle.
    pub expected: Option<f64>,
    pub kind: ObjectiveKind,
    /// What the status rests on.
    pub basis: Basis,
}

/// Where a reading's status comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Progress against the cycle's clock.
    Pace,
    /// Nothing has been measured for the objective yet: no key result below it has
    /// a value or a check-in. Its pace would call it off track from the first day.
    NotMeasured,
    /// A person set the status, which wins over the pace.
    ByHand,
}

impl Reading {
    /// The status of an objective of `kind` with `progress`, on the clock.
    pub fn of(kind: ObjectiveKind, progress: f64, clock: Option<&CycleClock>) -> Reading {
        let progress = if progress.is_finite() {
            progress.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let success = kind.success_score();
        let Some(clock) = clock else {
            return Reading {
                status: Status::NoCycle,
                progress,
                expected: None,
                kind,
                basis: Basis::Pace,
            };
        };
        let expected = success * clock.elapsed;
        // A whisker under the mark still counts: progress is a ratio of floats.
        let reached = |mark: f64| progress + 1e-9 >= mark;
        let status = if clock.over {
            if reached(success) {
                Status::Met
            } else if kind == ObjectiveKind::Aspirational && reached(PARTLY_MET_SCORE) {
                Status::PartlyMet
            } else {
                Status::Missed
            }
        } else if clock.before {
            Status::NotStarted
        } else if reached(success)
            || reached(expected - (expected * ON_TRACK_SHARE).max(ON_TRACK_SLACK))
        {
            Status::OnTrack
        } else if reached(expected - (expected * AT_RISK_SHARE).max(AT_RISK_SLACK)) {
            Status::AtRisk
        } else {
            Status::OffTrack
        };
        Reading {
            status,
            progress,
            expected: Some(expected),
            kind,
            basis: Basis::Pace,
        }
    }

    /// The reading of `objective` at `progress`: its status by hand when it has
    /// one, else its pace, or "not started" when nothing is `measured` for it.
    pub fn of_objective(
        objective: &Objective,
        progress: f64,
        clock: Option<&CycleClock>,
        measured: bool,
    ) -> Reading {
        let reading = Reading::of(objective.kind, progress, clock);
        match &objective.status {
            Some(status) => reading.set_by_hand(status.value),
            None if !measured => reading.not_measured(),
            None => reading,
        }
    }

    /// This reading with the status a person set, which wins until the cycle is
    /// over; then the score has the last word.
    pub fn set_by_hand(self, pace: Pace) -> Reading {
        if self.status.is_final() {
            return self;
        }
        Reading {
            status: match pace {
                Pace::OnTrack => Status::OnTrack,
                Pace::AtRisk => Status::AtRisk,
                Pace::OffTrack => Status::OffTrack,
            },
            basis: Basis::ByHand,
            ..self
        }
    }

    /// This reading for an objective nothing has been measured for yet: during the
    /// cycle it has not started, rather than fallen behind. Before the cycle, without
    /// one and once it is over, the reading stays as it is.
    pub fn not_measured(self) -> Reading {
        match self.status {
            Status::OnTrack | Status::AtRisk | Status::OffTrack => Reading {
                status: Status::NotStarted,
                basis: Basis::NotMeasured,
                ..self
            },
            _ => self,
        }
    }

    /// The verdict on `progress` as a final score, whatever the date: what
    /// closing the cycle now would say.
    pub fn scored(kind: ObjectiveKind, progress: f64) -> Reading {
        let over = CycleClock {
            elapsed: 1.0,
            day: 1,
            days: 1,
            over: true,
            before: false,
        };
        Reading::of(kind, progress, Some(&over))
    }

    /// The score as OKR practice writes it, 0.0–1.0; two decimals, so a
    /// 0.66 is not read as the 0.7 it missed.
    pub fn score(&self) -> String {
        format!("{:.2}", self.progress)
    }

    /// One line on why: "45% done; 38% expected by now (aspirational: 0.7
    /// is success)".
    pub fn explanation(&self) -> String {
        let rule = yardstick_rule(self.kind);
        let done = super::numbers::percent(self.progress);
        match (self.status, self.expected) {
            (_, _) if self.basis == Basis::ByHand => {
                format!("Set by hand; {done} done ({rule})")
            }
            (Status::NoCycle, _) | (_, None) => {
                format!(
                    "{done} done; set the cycle's dates to see whether that is on track ({rule})"
                )
            }
            (Status::NotStarted, _) if self.basis == Basis::NotMeasured => {
                format!("Nothing measured yet: no key result has a check-in ({rule})")
            }
            (Status::NotStarted, _) => format!("{done} done; the cycle has not started ({rule})"),
            (status, _) if status.is_final() => {
                format!("Scored {} ({rule})", self.score())
            }
            (_, Some(expected)) => format!(
                "{done} done; {} expected by now ({rule})",
                super::numbers::percent(expected)
            ),
        }
    }
}

/// The yardstick of a kind, in the words the statuses and scores use.
pub fn yardstick_rule(kind: ObjectiveKind) -> &'static str {
    match kind {
        ObjectiveKind::Aspirational => "aspirational: 0.7 is success",
        ObjectiveKind::Committed => "committed: only 1.0 is success",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quarter() -> Cycle {
        Cycle {
            label: "Q1 2027".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        }
    }

    fn status(kind: ObjectiveKind, progress: f64, today: &str) -> Status {
        let clock = CycleClock::new(&quarter(), today);
        Reading::of(kind, progress, clock.as_ref()).status
    }

    #[test]
    fn the_clock_counts_whole_days() {
        let clock = CycleClock::new(&quarter(), "2027-01-01").unwrap();
        assert_eq!((clock.day, clock.days), (1, 90));
        let half = CycleClock::new(&quarter(), "2027-02-14").unwrap();
        assert!((half.elapsed - 0.5).abs() < 1e-9);
        let after = CycleClock::new(&quarter(), "2027-04-01").unwrap();
        assert!(after.over && after.elapsed == 1.0);
        let before = CycleClock::new(&quarter(), "2026-12-31").unwrap();
        assert!(before.before && before.elapsed == 0.0);
        assert_eq!(CycleClock::new(&quarter(), "not a date"), None);
    }

    #[test]
    fn halfway_an_aspirational_objective_needs_about_a_third() {
        // Halfway, aspirational success is 0.7, so 0.35 is expected.
        let mid = "2027-02-14";
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.35, mid),
            Status::OnTrack
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.30, mid),
            Status::OnTrack
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.25, mid),
            Status::AtRisk
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.10, mid),
            Status::OffTrack
        );
    }

    #[test]
    fn committed_objectives_are_held_to_the_full_target() {
        let mid = "2027-02-14";
        // 0.35 is on track for an aspirational objective, not a committed one.
        assert_eq!(status(ObjectiveKind::Committed, 0.35, mid), Status::AtRisk);
        assert_eq!(status(ObjectiveKind::Committed, 0.45, mid), Status::OnTrack);
        assert_eq!(status(ObjectiveKind::Committed, 0.2, mid), Status::OffTrack);
    }

    #[test]
    fn early_days_and_reached_success_are_on_track() {
        assert_eq!(
            status(ObjectiveKind::Committed, 0.0, "2027-01-02"),
            Status::OnTrack
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.7, "2027-03-30"),
            Status::OnTrack
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.0, "2026-12-01"),
            Status::NotStarted
        );
    }

    #[test]
    fn after_the_cycle_the_progress_is_a_score_against_the_yardstick() {
        let after = "2027-04-02";
        assert_eq!(status(ObjectiveKind::Aspirational, 0.7, after), Status::Met);
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.5, after),
            Status::PartlyMet
        );
        assert_eq!(
            status(ObjectiveKind::Aspirational, 0.3, after),
            Status::Missed
        );
        assert_eq!(status(ObjectiveKind::Committed, 0.9, after), Status::Missed);
        assert_eq!(status(ObjectiveKind::Committed, 1.0, after), Status::Met);
        let reading = Reading::of(
            ObjectiveKind::Aspirational,
            0.66,
            CycleClock::new(&quarter(), after).as_ref(),
        );
        assert_eq!(reading.status, Status::PartlyMet);
        assert_eq!(Reading::scored(ObjectiveKind::Aspirational, 0.66), reading);
        assert_eq!(reading.score(), "0.66");
        assert_eq!(
            reading.explanation(),
            "Scored 0.66 (aspirational: 0.7 is success)"
        );
    }

    #[test]
    fn an_objective_nothing_was_measured_for_has_not_started_during_the_cycle() {
        let clock = CycleClock::new(&quarter(), "2027-03-01");
        let reading = Reading::of(ObjectiveKind::Aspirational, 0.0, clock.as_ref());
        assert_eq!(reading.status, Status::OffTrack);
        let unmeasured = reading.not_measured();
        assert_eq!(unmeasured.status, Status::NotStarted);
        assert!(unmeasured.explanation().starts_with("Nothing measured yet"));
        // Once the cycle is over, an empty objective scored nothing.
        let after = CycleClock::new(&quarter(), "2027-04-02");
        let scored = Reading::of(ObjectiveKind::Aspirational, 0.0, after.as_ref());
        assert_eq!(scored.not_measured(), scored);
        assert_eq!(scored.status, Status::Missed);
    }

    #[test]
    fn a_status_set_by_hand_wins_until_the_cycle_is_over() {
        let during = CycleClock::new(&quarter(), "2027-03-01");
        let behind = Reading::of(ObjectiveKind::Aspirational, 0.1, during.as_ref());
        assert_eq!(behind.status, Status::OffTrack);
        let judged = behind.set_by_hand(Pace::OnTrack);
        assert_eq!(
            (judged.status, judged.basis),
            (Status::OnTrack, Basis::ByHand)
        );
        assert!(judged.explanation().starts_with("Set by hand; 10% done"));
        // Without cycle dates too.
        let undated = Reading::of(ObjectiveKind::Committed, 0.5, None).set_by_hand(Pace::AtRisk);
        assert_eq!(undated.status, Status::AtRisk);
        // After the end, the score's verdict.
        let after = CycleClock::new(&quarter(), "2027-04-02");
        let scored = Reading::of(ObjectiveKind::Aspirational, 0.1, after.as_ref());
        assert_eq!(scored.set_by_hand(Pace::OnTrack), scored);
    }

    #[test]
    fn without_a_cycle_there_is_no_pace_but_still_words() {
        let reading = Reading::of(ObjectiveKind::Committed, f64::NAN, None);
        assert_eq!(reading.status, Status::NoCycle);
        assert_eq!(reading.progress, 0.0);
        assert!(reading.explanation().contains("set the cycle's dates"));
    }

    #[test]
    fn names_round_trip_and_every_status_has_words_and_a_symbol() {
        for status in Status::ALL {
            assert_eq!(Status::from_name(status.name()), Some(status));
            assert!(!status.label().is_empty() && !status.symbol().is_empty());
        }
        assert_eq!(Status::from_name("fine"), None);
    }
}
