//! The sample canvas, brought to today. A first visit opens a sample company
//! (`public/examples/acme.okr.json`) to show what the app does: each card's
//! status against the cycle's clock, trends of check-ins, a quality hint, a
//! mission OKR. A file's dates are fixed, though: opened before its cycle,
//! every card would say "Not started", and opened a year later, "Missed".
//! So the sample is shown in the quarter containing today, with its history
//! of check-ins in the part of that quarter that has passed.
//!
//! Pure: today comes from the caller. Only dates move (and the cycle's label
//! where the title names it); every value, and so every progress, stays as
//! the file has it. Check-ins keep their order and spacing, scaled from
//! "the old cycle's start to the latest check-in" onto "the new quarter's
//! start to today", so the latest check-in is today's and none is in the
//! future. A `today` that is not a date changes nothing.

use super::check_ins::follow_latest;
use super::cycle::current_quarter;
use super::dates::{day_number, from_day_number};
use super::model::{Document, TITLE_MAX_CHARS};

/// `doc` with its cycle moved to the calendar quarter containing `today` (an
/// ISO date) and every check-in into that quarter's days up to `today`; each
/// key result's `current` and `confidence` then follow its latest entry, as
/// after any check-in. Given back unchanged when `today` is not a valid date.
pub fn moved_to_current_quarter(mut doc: Document, today: &str) -> Document {
    let (Some(quarter), Some(today_number)) = (current_quarter(today), day_number(today)) else {
        return doc;
    };
    let Some(new_start) = day_number(&quarter.start) else {
        return doc;
    };
    let elapsed = today_number - new_start;

    let check_in_days = || {
        doc.objectives
            .iter()
            .flat_map(|o| &o.key_results)
            .flat_map(|kr| &kr.check_ins)
            .filter_map(|c| day_number(&c.date))
    };
    let latest = check_in_days().max();
    // The history's origin: the old cycle's first day, else its first check-in.
    let origin = doc
        .cycle
        .as_ref()
        .and_then(|c| day_number(&c.start))
        .or_else(|| check_in_days().min());
    if let (Some(origin), Some(latest)) = (origin, latest) {
        let span = (latest - origin).max(0);
        // Rounded to the nearest day; never decreasing, so the order holds.
        let moved = |day: i64| -> i64 {
            let offset = (day - origin).clamp(0, span);
            if span == 0 {
                elapsed
            } else {
                (2 * offset * elapsed + span) / (2 * span)
            }
        };
        for key_result in doc.objectives.iter_mut().flat_map(|o| &mut o.key_results) {
            for check_in in &mut key_result.check_ins {
                let date = day_number(&check_in.date)
                    .and_then(|day| from_day_number(new_start + moved(day)));
                if let Some(date) = date {
                    check_in.date = date;
                }
            }
            follow_latest(key_result);
        }
    }

    let old_label = doc.cycle.as_ref().map(|c| c.label.as_str());
    if let Some(old_label) = old_label.filter(|l| !l.is_empty() && doc.title.contains(*l)) {
        let title = doc.title.replace(old_label, &quarter.label);
        doc.title = title.chars().take(TITLE_MAX_CHARS).collect();
    }
    doc.cycle = Some(quarter);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::export;
    use crate::domain::import::import;
    use crate::domain::model::{CheckIn, Cycle, KeyResult, Objective};
    use crate::domain::progress::compute_progress;
    use crate::domain::sample_document as sample;
    use crate::domain::status::{CycleClock, Reading, Status};

    fn key_results(doc: &Document) -> impl Iterator<Item = &KeyResult> {
        doc.objectives.iter().flat_map(|o| &o.key_results)
    }

    /// What must hold of the sample moved to `today`, whatever the day.
    fn assert_moved_well(before: &Document, after: &Document, today: &str) {
        let cycle = after.cycle.as_ref().expect("a cycle");
        assert_eq!(Some(cycle), current_quarter(today).as_ref(), "{today}");
        assert!(cycle.start.as_str() <= today && today <= cycle.end.as_str());
        for (old, new) in key_results(before).zip(key_results(after)) {
            assert_eq!(old.id, new.id);
            let values = |kr: &KeyResult| kr.check_ins.iter().map(|c| c.value).collect::<Vec<_>>();
            assert_eq!(values(old), values(new), "{today} {}", new.id);
            let dates: Vec<&str> = new.check_ins.iter().map(|c| c.date.as_str()).collect();
            assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{today} {dates:?}");
            for date in &dates {
                assert!(
                    cycle.start.as_str() <= *date && *date <= today,
                    "{today}: {} checked in on {date}",
                    new.id
                );
            }
            // As after any check-in: the latest entry says where it stands.
            if let Some(latest) = new.check_ins.last() {
                assert_eq!(new.current, Some(latest.value), "{}", new.id);
                let stated = new.check_ins.iter().rev().find_map(|c| c.confidence);
                assert_eq!(new.confidence, stated.or(old.confidence), "{}", new.id);
            }
        }
        // Nothing but dates moves.
        let without_dates = |doc: &Document| {
            let mut doc = doc.clone();
            doc.cycle = None;
            for kr in doc.objectives.iter_mut().flat_map(|o| &mut o.key_results) {
                for c in &mut kr.check_ins {
                    c.date.clear();
                }
            }
            doc
        };
        assert_eq!(without_dates(before), without_dates(after), "{today}");
    }

    /// Export, then import: the moved sample is a valid file that reads back the same.
    fn assert_round_trips(doc: &Document) {
        let text = export(doc);
        match import(text.as_bytes()) {
            Ok(imported) => {
                assert_eq!(&imported.document, doc);
                assert!(imported.warnings.is_empty());
            }
            Err(failure) => panic!("the moved sample does not load: {}", failure.summary()),
        }
    }

    fn check_in_dates(doc: &Document, id: &str) -> Vec<String> {
        key_results(doc)
            .find(|kr| kr.id == id)
            .map(|kr| kr.check_ins.iter().map(|c| c.date.clone()).collect())
            .unwrap_or_default()
    }

    fn statuses(doc: &Document, today: &str) -> Vec<Status> {
        let progress = compute_progress(doc);
        let clock = doc.cycle.as_ref().and_then(|c| CycleClock::new(c, today));
        doc.objectives
            .iter()
            .map(|o| {
                let value = progress.get(o.id.as_str()).copied().unwrap_or(0.0);
                Reading::of(o.kind, value, clock.as_ref()).status
            })
            .collect()
    }

    #[test]
    fn on_a_quarters_first_day_the_history_is_all_of_today() {
        let before = sample();
        let after = moved_to_current_quarter(before.clone(), "2027-04-01");
        assert_moved_well(&before, &after, "2027-04-01");
        let cycle = after.cycle.as_ref().unwrap();
        assert_eq!(
            (
                cycle.label.as_str(),
                cycle.start.as_str(),
                cycle.end.as_str()
            ),
            ("Q2 2027", "2027-04-01", "2027-06-30")
        );
        assert!(key_results(&after)
            .flat_map(|kr| &kr.check_ins)
            .all(|c| c.date == "2027-04-01"));
        assert_round_trips(&after);
    }

    #[test]
    fn on_a_quarters_last_day_the_history_spans_the_quarter() {
        let before = sample();
        let after = moved_to_current_quarter(before.clone(), "2026-12-31");
        assert_moved_well(&before, &after, "2026-12-31");
        assert_eq!(after.cycle.as_ref().unwrap().label, "Q4 2026");
        let all: Vec<&str> = key_results(&after)
            .flat_map(|kr| &kr.check_ins)
            .map(|c| c.date.as_str())
            .collect();
        assert_eq!(all.iter().max(), Some(&"2026-12-31"));
        assert!(all.iter().all(|d| d.starts_with("2026-1")), "{all:?}");
        assert_round_trips(&after);
    }

    #[test]
    fn in_a_leap_year_the_29th_of_february_is_a_day_like_any_other() {
        let before = sample();
        let after = moved_to_current_quarter(before.clone(), "2028-02-29");
        assert_moved_well(&before, &after, "2028-02-29");
        let cycle = after.cycle.as_ref().unwrap();
        assert_eq!(
            (
                cycle.label.as_str(),
                cycle.start.as_str(),
                cycle.end.as_str()
            ),
            ("Q1 2028", "2028-01-01", "2028-03-31")
        );
        assert_eq!(
            check_in_dates(&after, "kr-arr").last().map(String::as_str),
            Some("2028-02-29")
        );
        assert_round_trips(&after);
    }

    #[test]
    fn check_ins_keep_their_spacing_scaled_onto_the_days_passed() {
        // Old cycle from 1 Jan; check-ins on days 14, 28 and 42 of it, the
        // last the latest of the file. 29 Feb 2028 is day 59 of its quarter:
        // 14 × 59/42 = 19.7 and 28 × 59/42 = 39.3, to the nearest day.
        let mut doc = Document::new("Spacing");
        doc.cycle = Some(Cycle {
            label: "Q1 2027".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        });
        let mut kr = KeyResult::new("kr", "Customers", 0.0, 10.0);
        kr.current = Some(1.0);
        kr.confidence = Some(0.9);
        kr.check_ins = [("2027-01-15", 2.0, Some(0.5)), ("2027-01-29", 3.0, None)]
            .into_iter()
            .chain([("2027-02-12", 4.0, None)])
            .map(|(date, value, confidence)| CheckIn {
                date: date.into(),
                value,
                confidence,
                note: None,
            })
            .collect();
        doc.objectives.push(Objective {
            key_results: vec![kr],
            ..Objective::new("o", "t", "Objective")
        });
        let moved = moved_to_current_quarter(doc, "2028-02-29");
        assert_eq!(
            check_in_dates(&moved, "kr"),
            ["2028-01-21", "2028-02-09", "2028-02-29"]
        );
        let kr = &moved.objectives[0].key_results[0];
        // The file said 1; its history says 4, with the last confidence stated.
        assert_eq!(kr.current, Some(4.0));
        assert_eq!(kr.confidence, Some(0.5));
    }

    #[test]
    fn every_day_of_four_years_gives_a_quarter_under_way_with_a_history_up_to_today() {
        let before = sample();
        let mut today = "2026-01-01".to_string();
        while today.as_str() <= "2029-12-31" {
            let after = moved_to_current_quarter(before.clone(), &today);
            assert_moved_well(&before, &after, &today);
            // Every card says where it stands: never "Not started" or a verdict.
            for status in statuses(&after, &today) {
                assert!(
                    matches!(status, Status::OnTrack | Status::AtRisk | Status::OffTrack),
                    "{today}: {status:?}"
                );
            }
            today = from_day_number(day_number(&today).unwrap() + 1).unwrap();
        }
    }

    #[test]
    fn mid_quarter_the_sample_reads_as_a_mix_of_on_track_at_risk_and_off_track() {
        // 6 Dec 2026: day 67 of 92.
        let today = "2026-12-06";
        let doc = moved_to_current_quarter(sample(), today);
        let statuses = statuses(&doc, today);
        for wanted in [Status::OnTrack, Status::AtRisk, Status::OffTrack] {
            assert!(statuses.contains(&wanted), "no {wanted:?} in {statuses:?}");
        }
    }

    #[test]
    fn the_title_follows_the_cycle_where_it_names_it() {
        let mut doc = sample();
        doc.title = "Acme — Q1 2027 (draft)".into();
        let moved = moved_to_current_quarter(doc, "2026-12-06");
        assert_eq!(moved.title, "Acme — Q4 2026 (draft)");
        // The sample's own title does not name its cycle: it stays.
        let sample_title = sample().title;
        assert_eq!(
            moved_to_current_quarter(sample(), "2026-12-06").title,
            sample_title
        );
    }

    #[test]
    fn a_canvas_without_a_cycle_dates_its_history_from_its_first_check_in() {
        let mut doc = sample();
        doc.cycle = None;
        let moved = moved_to_current_quarter(doc.clone(), "2027-05-15");
        assert_moved_well(&doc, &moved, "2027-05-15");
        let first = key_results(&moved)
            .flat_map(|kr| &kr.check_ins)
            .map(|c| c.date.as_str())
            .min();
        assert_eq!(first, Some("2027-04-01"));
    }

    #[test]
    fn a_today_that_is_not_a_date_changes_nothing() {
        for today in ["", "today", "2027-02-30", "27-01-01"] {
            assert_eq!(moved_to_current_quarter(sample(), today), sample());
        }
    }
}
