//! Check-ins: the history of values a key result took through the cycle, as
//! the file format's `checkIns` keeps it, oldest first.
//!
//! A team records a value every week or so, sometimes fixes a wrong one, and
//! reads the trend. These operations keep the two things that make the history
//! trustworthy: it stays sorted by date (entries of one day keep the order they
//! were entered), and the key result's `current` and `confidence` say what its
//! latest entry says, so the card, the roll-up and the file never disagree with
//! the history. Every value is checked by the same rules the importer applies,
//! and a refusal is a [`CheckInError`] a person can act on.

use super::model::{is_valid_date, CheckIn, KeyResult, NOTE_MAX_CHARS};
use super::numbers::percent;
use super::progress::value_progress;

/// Why a check-in was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CheckInError {
    #[error("The check-in has no date; pick the day the value was measured.")]
    MissingDate,
    #[error("'{found}' is not a date; pick a day from the calendar (written YYYY-MM-DD, for example 2027-01-31).")]
    BadDate { found: String },
    #[error("The value must be a finite number, for example 450000.")]
    ValueNotFinite,
    #[error("The confidence is {found}; give a number from 0 (no chance) to 1 (certain), for example 0.6 or 60%, or leave it empty.")]
    ConfidenceOutOfRange { found: f64 },
    #[error("The note is {found} characters long; at most {max} are allowed. Please shorten it.")]
    NoteTooLong { found: usize, max: usize },
    #[error("This key result has no check-in number {}: it has {count}. It may have been changed meanwhile; look at the history again.", .index + 1)]
    NoSuchEntry { index: usize, count: usize },
}

/// Checks one entry on its own, by the file format's rules.
pub fn validate(check_in: &CheckIn) -> Result<(), CheckInError> {
    if check_in.date.trim().is_empty() {
        return Err(CheckInError::MissingDate);
    }
    if !is_valid_date(&check_in.date) {
        return Err(CheckInError::BadDate {
            found: check_in.date.clone(),
        });
    }
    if !check_in.value.is_finite() {
        return Err(CheckInError::ValueNotFinite);
    }
    if let Some(confidence) = check_in.confidence {
        if !(0.0..=1.0).contains(&confidence) {
            return Err(CheckInError::ConfidenceOutOfRange { found: confidence });
        }
    }
    if let Some(note) = &check_in.note {
        // A byte count within the limit is a char count within it too.
        if note.len() > NOTE_MAX_CHARS {
            let found = note.chars().count();
            if found > NOTE_MAX_CHARS {
                return Err(CheckInError::NoteTooLong {
                    found,
                    max: NOTE_MAX_CHARS,
                });
            }
        }
    }
    Ok(())
}

/// Adds `check_in` to the history after every entry of the same date or
/// earlier, and returns where it went. The key result then follows its latest
/// entry. On a refusal nothing changes.
pub fn record(key_result: &mut KeyResult, check_in: CheckIn) -> Result<usize, CheckInError> {
    validate(&check_in)?;
    let index = insertion_point(&key_result.check_ins, &check_in.date);
    key_result.check_ins.insert(index, check_in);
    follow_latest(key_result);
    Ok(index)
}

/// Replaces the entry at `index` with `check_in` and returns where it is now:
/// in the same place while its date is unchanged, otherwise moved to its new
/// date (after the entries already there, as if entered now). The key result
/// then follows its latest entry. On a refusal nothing changes.
pub fn fix(
    key_result: &mut KeyResult,
    index: usize,
    check_in: CheckIn,
) -> Result<usize, CheckInError> {
    let count = key_result.check_ins.len();
    if index >= count {
        return Err(CheckInError::NoSuchEntry { index, count });
    }
    validate(&check_in)?;
    let place = if key_result.check_ins[index].date == check_in.date {
        key_result.check_ins[index] = check_in;
        index
    } else {
        key_result.check_ins.remove(index);
        let place = insertion_point(&key_result.check_ins, &check_in.date);
        key_result.check_ins.insert(place, check_in);
        place
    };
    follow_latest(key_result);
    Ok(place)
}

/// Removes the entry at `index` and returns it. The key result then follows
/// its latest remaining entry; with none left, it keeps the value and
/// confidence it had.
pub fn remove(key_result: &mut KeyResult, index: usize) -> Result<CheckIn, CheckInError> {
    let count = key_result.check_ins.len();
    if index >= count {
        return Err(CheckInError::NoSuchEntry { index, count });
    }
    let removed = key_result.check_ins.remove(index);
    follow_latest(key_result);
    Ok(removed)
}

/// The latest entry: the last by date, and of those the last entered.
pub fn latest(key_result: &KeyResult) -> Option<&CheckIn> {
    key_result.check_ins.last()
}

/// The key result's progress (0..=1) at its start and then after each
/// check-in, oldest first, by the same rule as its progress bar: the points of
/// its sparkline. One point more than there are check-ins.
pub fn trend(key_result: &KeyResult) -> Vec<f64> {
    let (start, target) = (key_result.start, key_result.target);
    std::iter::once(start)
        .chain(key_result.check_ins.iter().map(|c| c.value))
        .map(|value| value_progress(start, target, value))
        .collect()
}

/// The trend in words, for those who do not see the sparkline:
/// "Trend: 0% → 25% → 40%".
pub fn describe_trend(trend: &[f64]) -> String {
    let steps: Vec<String> = trend.iter().map(|&p| percent(p)).collect();
    format!("Trend: {}", steps.join(" → "))
}

/// Where an entry dated `date` goes: after every entry of that day or earlier.
/// ISO dates of the same width compare correctly as text.
fn insertion_point(check_ins: &[CheckIn], date: &str) -> usize {
    check_ins.partition_point(|c| c.date.as_str() <= date)
}

/// Makes `current` the latest entry's value, and `confidence` the latest
/// confidence any entry states (an entry without one leaves the last stated
/// one standing). An empty history changes nothing.
pub fn follow_latest(key_result: &mut KeyResult) {
    let Some(latest) = key_result.check_ins.last() else {
        return;
    };
    key_result.current = Some(latest.value);
    if let Some(confidence) = key_result.check_ins.iter().rev().find_map(|c| c.confidence) {
        key_result.confidence = Some(confidence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str, value: f64) -> CheckIn {
        CheckIn {
            date: date.to_owned(),
            value,
            confidence: None,
            note: None,
        }
    }

    fn arr() -> KeyResult {
        let mut kr = KeyResult::new("kr-arr", "Nordic ARR", 0.0, 2_000_000.0);
        kr.unit = Some("EUR".into());
        kr
    }

    fn dates(kr: &KeyResult) -> Vec<&str> {
        kr.check_ins.iter().map(|c| c.date.as_str()).collect()
    }

    #[test]
    fn recording_keeps_the_history_in_date_order_and_moves_current() {
        let mut kr = arr();
        assert_eq!(record(&mut kr, entry("2027-01-20", 300_000.0)), Ok(0));
        assert_eq!(record(&mut kr, entry("2027-01-06", 100_000.0)), Ok(0));
        assert_eq!(record(&mut kr, entry("2027-02-03", 450_000.0)), Ok(2));
        assert_eq!(dates(&kr), ["2027-01-06", "2027-01-20", "2027-02-03"]);
        assert_eq!(kr.current, Some(450_000.0));
        // A late entry for an earlier week does not move the current value.
        record(&mut kr, entry("2027-01-13", 200_000.0)).unwrap();
        assert_eq!(kr.current, Some(450_000.0));
    }

    #[test]
    fn entries_of_one_day_keep_the_order_they_were_entered() {
        let mut kr = arr();
        record(&mut kr, entry("2027-01-20", 1.0)).unwrap();
        record(&mut kr, entry("2027-01-20", 2.0)).unwrap();
        assert_eq!(record(&mut kr, entry("2027-01-20", 3.0)), Ok(2));
        let values: Vec<f64> = kr.check_ins.iter().map(|c| c.value).collect();
        assert_eq!(values, [1.0, 2.0, 3.0]);
        assert_eq!(kr.current, Some(3.0));
    }

    #[test]
    fn confidence_follows_the_latest_entry_that_states_one() {
        let mut kr = arr();
        kr.confidence = Some(0.9);
        record(&mut kr, entry("2027-01-06", 1.0)).unwrap();
        assert_eq!(kr.confidence, Some(0.9), "no entry says otherwise");
        let mut sure = entry("2027-01-13", 2.0);
        sure.confidence = Some(0.6);
        record(&mut kr, sure).unwrap();
        assert_eq!(kr.confidence, Some(0.6));
        record(&mut kr, entry("2027-01-20", 3.0)).unwrap();
        assert_eq!(kr.confidence, Some(0.6));
        let mut doubtful = entry("2027-01-27", 4.0);
        doubtful.confidence = Some(0.3);
        record(&mut kr, doubtful).unwrap();
        assert_eq!(kr.confidence, Some(0.3));
        remove(&mut kr, 3).unwrap();
        assert_eq!(kr.confidence, Some(0.6));
    }

    #[test]
    fn fixing_replaces_in_place_or_moves_to_the_new_date() {
        let mut kr = arr();
        for (date, value) in [
            ("2027-01-06", 1.0),
            ("2027-01-13", 2.0),
            ("2027-01-20", 3.0),
        ] {
            record(&mut kr, entry(date, value)).unwrap();
        }
        let mut fixed = entry("2027-01-20", 30.0);
        fixed.note = Some("Typo: one zero missing".into());
        assert_eq!(fix(&mut kr, 2, fixed), Ok(2));
        assert_eq!(kr.current, Some(30.0));
        // Moved before the others: the latest is now the 13th's.
        assert_eq!(fix(&mut kr, 2, entry("2027-01-01", 30.0)), Ok(0));
        assert_eq!(dates(&kr), ["2027-01-01", "2027-01-06", "2027-01-13"]);
        assert_eq!(kr.current, Some(2.0));
        // Moved onto a day that has an entry: it goes after it.
        assert_eq!(fix(&mut kr, 0, entry("2027-01-13", 9.0)), Ok(2));
        assert_eq!(kr.current, Some(9.0));
    }

    #[test]
    fn removing_the_last_entry_leaves_current_where_it_was() {
        let mut kr = arr();
        record(&mut kr, entry("2027-01-06", 100.0)).unwrap();
        record(&mut kr, entry("2027-01-13", 200.0)).unwrap();
        assert_eq!(remove(&mut kr, 1).map(|c| c.value), Ok(200.0));
        assert_eq!(kr.current, Some(100.0));
        remove(&mut kr, 0).unwrap();
        assert!(kr.check_ins.is_empty());
        assert_eq!(kr.current, Some(100.0));
    }

    #[test]
    fn bad_entries_are_refused_and_change_nothing() {
        let mut kr = arr();
        record(&mut kr, entry("2027-01-06", 100.0)).unwrap();
        let before = kr.clone();
        let mut unsure = entry("2027-01-13", 1.0);
        unsure.confidence = Some(1.5);
        let mut wordy = entry("2027-01-13", 1.0);
        wordy.note = Some("é".repeat(NOTE_MAX_CHARS + 1));
        let refused = [
            (entry("", 1.0), CheckInError::MissingDate),
            (
                entry("2027-02-30", 1.0),
                CheckInError::BadDate {
                    found: "2027-02-30".into(),
                },
            ),
            (entry("2027-01-13", f64::NAN), CheckInError::ValueNotFinite),
            (
                entry("2027-01-13", f64::INFINITY),
                CheckInError::ValueNotFinite,
            ),
            (unsure, CheckInError::ConfidenceOutOfRange { found: 1.5 }),
            (
                wordy,
                CheckInError::NoteTooLong {
                    found: NOTE_MAX_CHARS + 1,
                    max: NOTE_MAX_CHARS,
                },
            ),
        ];
        for (check_in, error) in refused {
            assert_eq!(record(&mut kr, check_in.clone()), Err(error.clone()));
            assert_eq!(fix(&mut kr, 0, check_in), Err(error));
            assert_eq!(kr, before);
        }
        let mut nan_confidence = entry("2027-01-13", 1.0);
        nan_confidence.confidence = Some(f64::NAN);
        assert!(record(&mut kr, nan_confidence).is_err());
        let mut long_but_allowed = entry("2027-01-13", 1.0);
        long_but_allowed.note = Some("é".repeat(NOTE_MAX_CHARS));
        assert!(validate(&long_but_allowed).is_ok());
        assert_eq!(
            fix(&mut kr, 1, entry("2027-01-13", 1.0)),
            Err(CheckInError::NoSuchEntry { index: 1, count: 1 })
        );
        assert_eq!(
            remove(&mut kr, 5),
            Err(CheckInError::NoSuchEntry { index: 5, count: 1 })
        );
        assert_eq!(kr, before);
    }

    #[test]
    fn errors_say_what_to_do() {
        let message = CheckInError::BadDate {
            found: "31/01/2027".into(),
        }
        .to_string();
        assert!(message.contains("31/01/2027") && message.contains("YYYY-MM-DD"));
        let message = CheckInError::NoSuchEntry { index: 2, count: 2 }.to_string();
        assert!(
            message.contains("number 3") && message.contains("has 2"),
            "{message}"
        );
    }

    #[test]
    fn the_trend_starts_at_the_start_and_uses_the_progress_rule() {
        let mut kr = arr();
        assert_eq!(trend(&kr), [0.0]);
        record(&mut kr, entry("2027-01-06", 500_000.0)).unwrap();
        record(&mut kr, entry("2027-01-13", 800_000.0)).unwrap();
        record(&mut kr, entry("2027-01-20", 3_000_000.0)).unwrap();
        assert_eq!(trend(&kr), [0.0, 0.25, 0.4, 1.0]);
        // The last point is the progress bar's value.
        assert_eq!(
            trend(&kr).last().copied(),
            Some(crate::domain::progress::key_result_progress(&kr))
        );
        assert_eq!(describe_trend(&trend(&kr)), "Trend: 0% → 25% → 40% → 100%");
        // A key result that aims down.
        let mut churn = KeyResult::new("kr-churn", "Churn", 1.8, 1.0);
        record(&mut churn, entry("2027-01-06", 1.4)).unwrap();
        let points = trend(&churn);
        assert_eq!(points[0], 0.0);
        assert!((points[1] - 0.5).abs() < 1e-9, "{points:?}");
    }
}

/// Any sequence of records, fixes and removals, valid or not.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Step {
        Record(CheckIn),
        Fix(usize, CheckIn),
        Remove(usize),
    }

    fn check_in() -> impl Strategy<Value = CheckIn> {
        (
            // A few weeks, so that days repeat; now and then a date that does not exist.
            prop_oneof![
                9 => (1u32..=28).prop_map(|day| format!("2027-02-{day:02}")),
                1 => Just("2027-02-30".to_owned()),
            ],
            prop_oneof![
                9 => -1e6..1e6f64,
                1 => Just(f64::NAN),
            ],
            proptest::option::of(-0.2..1.2f64),
            proptest::option::of("[a-z ]{0,12}"),
        )
            .prop_map(|(date, value, confidence, note)| CheckIn {
                date,
                value,
                confidence,
                note,
            })
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => check_in().prop_map(Step::Record),
            2 => (0usize..12, check_in()).prop_map(|(i, c)| Step::Fix(i, c)),
            1 => (0usize..12).prop_map(Step::Remove),
        ]
    }

    proptest! {
        #[test]
        fn history_stays_sorted_and_current_is_the_latest_value(
            steps in proptest::collection::vec(step(), 0..40)
        ) {
            let mut kr = KeyResult::new("kr", "Signed customers", 0.0, 100.0);
            for step in steps {
                let before = kr.clone();
                let result = match step {
                    Step::Record(c) => record(&mut kr, c).map(|_| ()),
                    Step::Fix(index, c) => fix(&mut kr, index, c).map(|_| ()),
                    Step::Remove(index) => remove(&mut kr, index).map(|_| ()),
                };
                if result.is_err() {
                    prop_assert_eq!(&kr, &before, "a refusal changes nothing");
                }
                prop_assert!(
                    kr.check_ins.windows(2).all(|w| w[0].date <= w[1].date),
                    "sorted by date: {:?}", kr.check_ins
                );
                for c in &kr.check_ins {
                    prop_assert!(validate(c).is_ok());
                }
                match kr.check_ins.last() {
                    Some(last) => prop_assert_eq!(kr.current, Some(last.value)),
                    None => prop_assert_eq!(kr.current, before.current),
                }
                let points = trend(&kr);
                prop_assert_eq!(points.len(), kr.check_ins.len() + 1);
                prop_assert!(points.iter().all(|p| (0.0..=1.0).contains(p)));
            }
        }

        #[test]
        fn records_of_one_day_keep_their_order(
            days in proptest::collection::vec(1u32..=3, 0..30)
        ) {
            let mut kr = KeyResult::new("kr", "Signed customers", 0.0, 100.0);
            for (order, day) in days.iter().enumerate() {
                let c = CheckIn {
                    date: format!("2027-03-{day:02}"),
                    value: order as f64,
                    confidence: None,
                    note: None,
                };
                prop_assert!(record(&mut kr, c).is_ok());
            }
            for pair in kr.check_ins.windows(2) {
                if pair[0].date == pair[1].date {
                    prop_assert!(pair[0].value < pair[1].value, "{:?}", kr.check_ins);
                }
            }
        }
    }
}
