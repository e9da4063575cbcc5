//! Cycles: OKRs are set per quarter (or half, or year), and starting the next
//! cycle from the current one is a chore every team repeats. This module does
//! it in one step: the period that follows a cycle (with its label moved on),
//! a default cycle for a canvas without one, and the next cycle's canvas made
//! from the current one: every team, the objectives the person carries over,
//! key results restarting where they stand, and the links whose ends survive.
//!
//! Pure and total: a cycle whose dates are not valid (which a valid document
//! cannot have) is given back unchanged rather than guessed at, and nothing
//! here panics. The closed cycle's canvas is never touched: its progress is
//! the cycle's score.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::hash::Hash;

use super::dates::{add_days, day_number, days_between};
use super::model::{Cycle, Document, IdSet, LinkKind, TITLE_MAX_CHARS};
use super::progress::ProgressMap;
use super::retrospective::without_retrospective;

/// What separates the old title from the new label when the title does not
/// contain the old label.
const TITLE_SEPARATOR: &str = " — ";

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How long a cycle is: whole calendar months (it starts on a 1st and ends on
/// a month's last day), or a number of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Span {
    Months(i64),
    Days(i64),
}

/// A calendar month as a count of months since year 0 (`year * 12 + month - 1`).
fn month_index(date: &str) -> Option<i64> {
    day_number(date)?;
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    Some(year * 12 + month - 1)
}

/// The first day of the month `index` (as [`month_index`] counts).
fn first_of_month(index: i64) -> Option<String> {
    let year = index.div_euclid(12);
    let month = index.rem_euclid(12) + 1;
    let date = format!("{year:04}-{month:02}-01");
    day_number(&date).map(|_| date)
}

/// The span of `start..=end`; `None` when either date is not valid or the end
/// is before the start.
fn span_of(start: &str, end: &str) -> Option<Span> {
    let days = days_between(start, end)?;
    if days < 0 {
        return None;
    }
    let starts_on_first = start.get(8..10) == Some("01");
    let ends_on_last = add_days(end, 1).is_some_and(|next| next.get(8..10) == Some("01"));
    if starts_on_first && ends_on_last {
        Some(Span::Months(month_index(end)? - month_index(start)? + 1))
    } else {
        Some(Span::Days(days + 1))
    }
}

/// The period that follows `cycle`: it starts the day after `cycle` ends and
/// is as long (the same number of calendar months when `cycle` covers whole
/// months, else the same number of days). The label moves on when its
/// pattern is clear ("Q4 2027" → "Q1 2028", "H1 2027" → "H2 2027",
/// "FY2027" → "FY2028", "Q3 FY27" → "Q4 FY27"); otherwise it is written from
/// the new dates ("Apr–May 2027"). A cycle with invalid dates, or one whose
/// successor would leave the calendar, is given back unchanged.
pub fn next_cycle(cycle: &Cycle) -> Cycle {
    following(cycle).unwrap_or_else(|| cycle.clone())
}

fn following(cycle: &Cycle) -> Option<Cycle> {
    let span = span_of(&cycle.start, &cycle.end)?;
    let start = add_days(&cycle.end, 1)?;
    let end = match span {
        Span::Months(months) => add_days(&first_of_month(month_index(&start)? + months)?, -1)?,
        Span::Days(days) => add_days(&start, days - 1)?,
    };
    let label = moved_label(&cycle.label, span).unwrap_or_else(|| label_from_dates(&start, &end));
    Some(Cycle { label, start, end })
}

/// The calendar quarter containing `today` (an ISO date), labelled like
/// "Q3 2026": the cycle a canvas without one is offered. `None` when `today`
/// is not a valid date.
pub fn current_quarter(today: &str) -> Option<Cycle> {
    let month = month_index(today)?;
    let first = month - month.rem_euclid(3);
    let start = first_of_month(first)?;
    let end = add_days(&first_of_month(first + 3)?, -1)?;
    let label = label_from_dates(&start, &end);
    Some(Cycle { label, start, end })
}

/// A label for `start..=end` written from the dates alone: "Q2 2027",
/// "H1 2027", "2027", "May 2027", "Apr–May 2027", "Nov 2027 – Jan 2028", or
/// for cycles that are not whole months the two dates.
pub fn label_from_dates(start: &str, end: &str) -> String {
    let both_dates = || format!("{start} – {end}");
    let (Some(Span::Months(months)), Some(first)) = (span_of(start, end), month_index(start))
    else {
        return both_dates();
    };
    let Some(last) = month_index(end) else {
        return both_dates();
    };
    let (year, month) = (first.div_euclid(12), first.rem_euclid(12));
    let (last_year, last_month) = (last.div_euclid(12), last.rem_euclid(12));
    let name = |m: i64| MONTH_NAMES.get(m as usize).copied().unwrap_or("?");
    match (months, month) {
        (3, m) if m % 3 == 0 => format!("Q{} {year}", m / 3 + 1),
        (6, m) if m % 6 == 0 => format!("H{} {year}", m / 6 + 1),
        (12, 0) => format!("{year}"),
        (1, m) => format!("{} {year}", name(m)),
        _ if year == last_year => format!("{}–{} {year}", name(month), name(last_month)),
        _ => format!("{} {year} – {} {last_year}", name(month), name(last_month)),
    }
}

/// What a word of a label says about the period.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Word {
    /// "Q1"…"Q4": the letter as written and the number.
    Quarter(char, u8),
    /// "H1", "H2".
    Half(char, u8),
    /// "2027", "FY27", "FY2027": the prefix as written, the number and its width.
    Year(String, u32, usize),
    /// Anything else, kept as it is.
    Other,
}

fn read_word(word: &str) -> Word {
    let mut chars = word.chars();
    let first = chars.next();
    let rest = chars.as_str();
    match (first, rest) {
        (Some(letter @ ('Q' | 'q')), "1" | "2" | "3" | "4") => {
            return Word::Quarter(letter, rest.parse().unwrap_or(1))
        }
        (Some(letter @ ('H' | 'h')), "1" | "2") => {
            return Word::Half(letter, rest.parse().unwrap_or(1))
        }
        _ => {}
    }
    let digits_at = word
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(word.len());
    let (prefix, digits) = word.split_at(digits_at);
    let fiscal = prefix.eq_ignore_ascii_case("FY");
    let is_year = digits.bytes().all(|b| b.is_ascii_digit())
        && ((prefix.is_empty() && digits.len() == 4)
            || (fiscal && (digits.len() == 2 || digits.len() == 4)));
    match digits.parse() {
        Ok(number) if is_year => Word::Year(prefix.to_string(), number, digits.len()),
        _ => Word::Other,
    }
}

/// The label of the period after the one `label` names, when the label names
/// one clearly (one quarter or half and at most one year, or a year alone)
/// and the cycle is as long as the label says; else `None`.
fn moved_label(label: &str, span: Span) -> Option<String> {
    // Words are runs of letters and digits; what lies between them is kept.
    let mut pieces: Vec<(String, Word)> = Vec::new();
    let mut rest = label;
    while !rest.is_empty() {
        let alphanumeric = rest.starts_with(|c: char| c.is_alphanumeric());
        let end = rest
            .find(|c: char| c.is_alphanumeric() != alphanumeric)
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        let word = if alphanumeric {
            read_word(piece)
        } else {
            Word::Other
        };
        pieces.push((piece.to_string(), word));
        rest = tail;
    }
    let find = |is: fn(&Word) -> bool| -> Option<Option<usize>> {
        let mut found = pieces.iter().enumerate().filter(|(_, (_, w))| is(w));
        let first = found.next().map(|(i, _)| i);
        // Two of a kind ("Q1–Q2 2027") is not clear.
        found.next().is_none().then_some(first)
    };
    let period = match (
        find(|w| matches!(w, Word::Quarter(..)))?,
        find(|w| matches!(w, Word::Half(..)))?,
    ) {
        (Some(_), Some(_)) => return None,
        (quarter, half) => quarter.or(half),
    };
    let year = find(|w| matches!(w, Word::Year(..)))?;

    let lasts = |months: i64, days: std::ops::RangeInclusive<i64>| match span {
        Span::Months(m) => m == months,
        Span::Days(d) => days.contains(&d),
    };
    let mut wrapped = true;
    if let Some(index) = period {
        let (text, word) = &mut pieces[index];
        let (letter, number, count, months, days) = match *word {
            Word::Quarter(letter, number) => (letter, number, 4, 3, 84..=98),
            Word::Half(letter, number) => (letter, number, 2, 6, 175..=190),
            _ => return None,
        };
        if !lasts(months, days) {
            return None;
        }
        wrapped = number == count;
        let next = if wrapped { 1 } else { number + 1 };
        *text = format!("{letter}{next}");
    } else if year.is_none() || !lasts(12, 358..=371) {
        return None;
    }
    if let (Some(index), true) = (year, wrapped) {
        let (text, word) = &mut pieces[index];
        let Word::Year(prefix, number, width) = word else {
            return None;
        };
        let next = if *width == 2 {
            (*number + 1) % 100
        } else {
            number.checked_add(1).filter(|n| *n <= 9999)?
        };
        *text = format!("{prefix}{next:0width$}", width = *width);
    }
    let moved: String = pieces.into_iter().map(|(text, _)| text).collect();
    (moved.chars().count() <= super::model::CYCLE_LABEL_MAX_CHARS).then_some(moved)
}

/// The objectives not finished yet (progress below 1), in document order: the
/// ones offered to carry over by default. An objective without a value in
/// `progress` counts as not started.
pub fn unfinished<'a>(doc: &'a Document, progress: &ProgressMap<'_>) -> Vec<&'a str> {
    doc.objectives
        .iter()
        .filter(|o| progress.get(&o.id).copied().unwrap_or(0.0) < 1.0)
        .map(|o| o.id.as_str())
        .collect()
}

/// The next cycle's canvas, made from `doc` (the closed cycle, left as it
/// is): every team; only the objectives in `carry`, with their key results
/// restarting at their current value (no check-ins, no confidence yet, the
/// target kept); the links whose ends both survive (a link to a key result
/// survives with that key result's objective); the carried cards where they
/// stood; the old cycle's label replaced by `next`'s in the title (or the new
/// label added to it); and `next` as the cycle.
///
/// Every team and every carried objective and link comes from a valid
/// document, so the result is valid too: a subset of the links can break no
/// alignment rule.
pub fn next_cycle_document<S>(doc: &Document, carry: &HashSet<S>, next: Cycle) -> Document
where
    S: Borrow<str> + Hash + Eq,
{
    let objectives: Vec<_> = doc
        .objectives
        .iter()
        .filter(|o| carry.contains(o.id.as_str()))
        .map(|objective| {
            let mut objective = objective.clone();
            // The closed cycle's look back stays with the closed cycle.
            objective.description = without_retrospective(objective.description.as_deref());
            for key_result in &mut objective.key_results {
                key_result.start = key_result.current_value();
                key_result.current = None;
                key_result.check_ins.clear();
                key_result.confidence = None;
            }
            objective
        })
        .collect();
    let surviving: IdSet<&str> = objectives
        .iter()
        .flat_map(|o| std::iter::once(&o.id).chain(o.key_results.iter().map(|kr| &kr.id)))
        .map(String::as_str)
        .collect();
    let links = doc
        .links
        .iter()
        .filter(|l| carry.contains(l.from.as_str()) && surviving.contains(l.to.as_str()))
        .cloned()
        .collect();
    let mut layout = doc.layout.clone();
    layout.retain(|id, _| carry.contains(id.as_str()));
    let title = next_title(
        &doc.title,
        doc.cycle.as_ref().map(|c| c.label.as_str()),
        &next.label,
    );
    Document {
        format: doc.format,
        version: doc.version,
        title,
        // The next cycle's canvas is a canvas of its own.
        identity: None,
        cycle: Some(next),
        teams: doc.teams.clone(),
        objectives,
        links,
        layout,
    }
}

/// The carried objectives whose hard parent stays behind in the closed cycle:
/// in the next cycle they are unaligned, and their teams should re-align them.
pub fn losing_hard_parent<'a, S>(doc: &'a Document, carry: &HashSet<S>) -> Vec<&'a str>
where
    S: Borrow<str> + Hash + Eq,
{
    let owner_of: IdSet<&str> = doc
        .objectives
        .iter()
        .filter(|o| carry.contains(o.id.as_str()))
        .flat_map(|o| std::iter::once(&o.id).chain(o.key_results.iter().map(|kr| &kr.id)))
        .map(String::as_str)
        .collect();
    doc.links
        .iter()
        .filter(|l| {
            l.kind == LinkKind::Hard
                && carry.contains(l.from.as_str())
                && !owner_of.contains(l.to.as_str())
        })
        .map(|l| l.from.as_str())
        .collect()
}

/// The next cycle's title: `old_label` replaced by `new_label` where the
/// title names it, else the new label added after a dash; never longer than
/// a title may be.
pub fn next_title(title: &str, old_label: Option<&str>, new_label: &str) -> String {
    let replaced = old_label
        .filter(|old| !old.is_empty() && title.contains(*old))
        .map(|old| title.replace(old, new_label));
    let title = match replaced {
        Some(title) => title,
        None => {
            let room = TITLE_MAX_CHARS
                .saturating_sub(TITLE_SEPARATOR.chars().count() + new_label.chars().count());
            let kept: String = title.chars().take(room).collect();
            let kept = kept.trim_end();
            if kept.is_empty() {
                new_label.to_string()
            } else {
                format!("{kept}{TITLE_SEPARATOR}{new_label}")
            }
        }
    };
    title.chars().take(TITLE_MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::export;
    use crate::domain::import::import;
    use crate::domain::progress::compute_progress;

    fn cycle(label: &str, start: &str, end: &str) -> Cycle {
        Cycle {
            label: label.into(),
            start: start.into(),
            end: end.into(),
        }
    }

    use crate::domain::sample_document as sample;

    #[test]
    fn quarters_follow_each_other_across_the_year() {
        assert_eq!(
            next_cycle(&cycle("Q1 2027", "2027-01-01", "2027-03-31")),
            cycle("Q2 2027", "2027-04-01", "2027-06-30")
        );
        assert_eq!(
            next_cycle(&cycle("Q4 2027", "2027-10-01", "2027-12-31")),
            cycle("Q1 2028", "2028-01-01", "2028-03-31")
        );
        // A quarter ending in February's last day of a leap year.
        assert_eq!(
            next_cycle(&cycle("Q4 FY27", "2027-12-01", "2028-02-29")),
            cycle("Q1 FY28", "2028-03-01", "2028-05-31")
        );
        assert_eq!(
            next_cycle(&cycle("Q3 FY27", "2027-01-01", "2027-03-31")).label,
            "Q4 FY27"
        );
    }

    #[test]
    fn halves_years_and_fiscal_years_move_on() {
        assert_eq!(
            next_cycle(&cycle("H1 2027", "2027-01-01", "2027-06-30")),
            cycle("H2 2027", "2027-07-01", "2027-12-31")
        );
        assert_eq!(
            next_cycle(&cycle("H2 2027", "2027-07-01", "2027-12-31")).label,
            "H1 2028"
        );
        assert_eq!(
            next_cycle(&cycle("2027", "2027-01-01", "2027-12-31")),
            cycle("2028", "2028-01-01", "2028-12-31")
        );
        assert_eq!(
            next_cycle(&cycle("FY2027", "2026-07-01", "2027-06-30")),
            cycle("FY2028", "2027-07-01", "2028-06-30")
        );
        assert_eq!(
            next_cycle(&cycle("FY99", "2098-07-01", "2099-06-30")).label,
            "FY00"
        );
        // Words around the period are kept as written.
        assert_eq!(
            next_cycle(&cycle("Acme q2-2027 (draft)", "2027-04-01", "2027-06-30")).label,
            "Acme q3-2027 (draft)"
        );
    }

    #[test]
    fn cycles_of_days_keep_their_length() {
        // Two weeks, from a Monday.
        let next = next_cycle(&cycle("Sprint 12", "2027-01-04", "2027-01-17"));
        assert_eq!(next.start, "2027-01-18");
        assert_eq!(next.end, "2027-01-31");
        assert_eq!(next.label, "2027-01-18 – 2027-01-31");
        // A 13-week fiscal quarter is still a quarter.
        let next = next_cycle(&cycle("Q1 2027", "2027-01-04", "2027-04-04"));
        assert_eq!(next.start, "2027-04-05");
        assert_eq!(days_between(&next.start, &next.end), Some(90));
        assert_eq!(next.label, "Q2 2027");
    }

    #[test]
    fn unclear_labels_are_written_from_the_dates() {
        // Two quarters in one label.
        assert_eq!(
            next_cycle(&cycle("Q1–Q2 2027", "2027-01-01", "2027-06-30")).label,
            "H2 2027"
        );
        // A label that says quarter on a cycle of two months.
        assert_eq!(
            next_cycle(&cycle("Q1 2027", "2027-01-01", "2027-02-28")).label,
            "Mar–Apr 2027"
        );
        assert_eq!(
            next_cycle(&cycle("Spring push", "2027-03-01", "2027-03-31")),
            cycle("Apr 2027", "2027-04-01", "2027-04-30")
        );
        assert_eq!(
            next_cycle(&cycle("Winter", "2027-11-01", "2028-01-31")).label,
            "Feb–Apr 2028"
        );
        assert_eq!(
            next_cycle(&cycle("Season", "2027-07-01", "2027-10-31")).label,
            "Nov 2027 – Feb 2028"
        );
        // Two years, or a four-month "year".
        assert_eq!(
            next_cycle(&cycle("2027 2028", "2027-01-01", "2027-12-31")).label,
            "2028"
        );
        assert_eq!(
            next_cycle(&cycle("2027", "2027-01-01", "2027-04-30")).label,
            "May–Aug 2027"
        );
    }

    #[test]
    fn invalid_or_last_cycles_are_given_back() {
        let broken = cycle("Q1", "2027-02-30", "2027-03-31");
        assert_eq!(next_cycle(&broken), broken);
        let backwards = cycle("Q1", "2027-03-31", "2027-01-01");
        assert_eq!(next_cycle(&backwards), backwards);
        let last = cycle("Q4 9999", "9999-10-01", "9999-12-31");
        assert_eq!(next_cycle(&last), last);
    }

    #[test]
    fn the_current_quarter_contains_today() {
        assert_eq!(
            current_quarter("2026-08-15"),
            Some(cycle("Q3 2026", "2026-07-01", "2026-09-30"))
        );
        assert_eq!(
            current_quarter("2028-01-01"),
            Some(cycle("Q1 2028", "2028-01-01", "2028-03-31"))
        );
        assert_eq!(
            current_quarter("2027-12-31"),
            Some(cycle("Q4 2027", "2027-10-01", "2027-12-31"))
        );
        assert_eq!(current_quarter("yesterday"), None);
    }

    #[test]
    fn titles_take_the_new_label() {
        assert_eq!(
            next_title("Acme — Q1 2027", Some("Q1 2027"), "Q2 2027"),
            "Acme — Q2 2027"
        );
        assert_eq!(
            next_title("Acme", Some("Q1 2027"), "Q2 2027"),
            "Acme — Q2 2027"
        );
        assert_eq!(next_title("Acme", None, "Q2 2027"), "Acme — Q2 2027");
        let long = "x".repeat(200);
        let next = next_title(&long, None, "Q2 2027");
        assert_eq!(next.chars().count(), 200);
        assert!(next.ends_with(" — Q2 2027"));
        let long_label = "L".repeat(200);
        assert_eq!(next_title("Acme", None, &long_label), long_label);
    }

    #[test]
    fn the_next_canvas_carries_what_was_picked() {
        let mut doc = sample();
        for (i, objective) in doc.objectives.iter().enumerate() {
            let position = crate::domain::model::Position {
                x: i as f64 * 10.0,
                y: 0.0,
            };
            doc.layout.insert(objective.id.clone(), position);
        }
        let brand = doc
            .objectives
            .iter_mut()
            .find(|o| o.id == "o-mkt-brand")
            .unwrap();
        brand.description = Some("Why it matters.\n\nRetrospective: Slow start.".into());
        let before = export(&doc);
        let carry: HashSet<&str> = [
            "o-grow-arr",
            "o-rev-enterprise",
            "o-ent-references",
            "o-mkt-brand",
            "o-eng-erp",
        ]
        .into_iter()
        .collect();
        let next = next_cycle(doc.cycle.as_ref().unwrap());
        let new = next_cycle_document(&doc, &carry, next.clone());
        // The closed cycle's canvas is untouched.
        assert_eq!(export(&doc), before);

        assert_eq!(new.title, "Acme — Q2 2027");
        // The closed cycle's retrospective stays behind with it.
        let brand = new
            .objectives
            .iter()
            .find(|o| o.id == "o-mkt-brand")
            .unwrap();
        assert_eq!(brand.description.as_deref(), Some("Why it matters."));
        assert_eq!(new.cycle, Some(next));
        assert_eq!(new.teams, doc.teams);
        let ids: Vec<&str> = new.objectives.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "o-grow-arr",
                "o-eng-erp",
                "o-rev-enterprise",
                "o-ent-references",
                "o-mkt-brand"
            ]
        );
        let layout: Vec<&str> = new.layout.keys().map(String::as_str).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(layout, sorted);
        assert_eq!(new.layout["o-mkt-brand"], doc.layout["o-mkt-brand"]);

        // Key results restart where they stand, towards the same target.
        let old_arr = &doc.objectives[0].key_results[0];
        let new_arr = &new.objectives[0].key_results[0];
        assert_eq!(new_arr.start, old_arr.current.unwrap());
        assert_eq!(new_arr.target, old_arr.target);
        assert_eq!(new_arr.current, None);
        assert_eq!(new_arr.confidence, None);
        assert!(new_arr.check_ins.is_empty());
        assert_eq!(new_arr.weight, old_arr.weight);
        assert_eq!(new_arr.title, old_arr.title);

        // Links between carried objectives, and to their key results, stay.
        let links: Vec<(&str, &str)> = new
            .links
            .iter()
            .map(|l| (l.from.as_str(), l.to.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("o-eng-erp", "kr-new-logos"),
                ("o-rev-enterprise", "o-grow-arr"),
                ("o-ent-references", "o-rev-enterprise"),
                ("o-mkt-brand", "kr-new-logos"),
            ]
        );
        assert_eq!(
            new.links[3].note.as_deref(),
            Some("Brand lifts inbound demand, but new logos are owned by Sales")
        );

        // The result is a valid file: export, import, export gives the same bytes.
        let text = export(&new);
        let imported = import(text.as_bytes()).expect("the next cycle imports");
        assert!(imported.warnings.is_empty());
        assert_eq!(export(&imported.document), text);
    }

    #[test]
    fn carrying_everything_or_nothing_gives_valid_canvases() {
        let doc = sample();
        let next = next_cycle(doc.cycle.as_ref().unwrap());
        let all: HashSet<String> = doc.objectives.iter().map(|o| o.id.clone()).collect();
        let everything = next_cycle_document(&doc, &all, next.clone());
        assert_eq!(everything.links, doc.links);
        assert_eq!(everything.layout, doc.layout);
        let progress = compute_progress(&everything);
        // Nothing has moved yet in the new cycle, except key results already
        // at their target.
        for objective in &everything.objectives {
            for kr in &objective.key_results {
                let expected = if kr.start == kr.target { 1.0 } else { 0.0 };
                assert_eq!(progress[kr.id.as_str()], expected, "{}", kr.id);
            }
        }
        assert!(import(export(&everything).as_bytes()).is_ok());

        let nothing = next_cycle_document(&doc, &HashSet::<String>::new(), next);
        assert!(nothing.objectives.is_empty());
        assert!(nothing.links.is_empty());
        assert!(nothing.layout.is_empty());
        assert_eq!(nothing.teams.len(), doc.teams.len());
        assert!(import(export(&nothing).as_bytes()).is_ok());
    }

    #[test]
    fn objectives_left_without_their_hard_parent_are_named() {
        let doc = sample();
        // o-plat-month-end's hard parent o-eng-scale stays behind; its soft
        // link to kr-p95 does not count.
        let carry: HashSet<&str> = ["o-plat-month-end", "o-int-connectors", "o-eng-erp"]
            .into_iter()
            .collect();
        assert_eq!(
            losing_hard_parent(&doc, &carry),
            ["o-eng-erp", "o-plat-month-end"]
        );
    }

    #[test]
    fn unfinished_objectives_are_the_default_picks() {
        let mut doc = sample();
        let progress = compute_progress(&doc);
        assert_eq!(unfinished(&doc, &progress).len(), doc.objectives.len());
        // Finish every key result of one objective.
        for kr in &mut doc.objectives[2].key_results {
            kr.current = Some(kr.target);
        }
        let progress = compute_progress(&doc);
        let picks = unfinished(&doc, &progress);
        assert_eq!(picks.len(), doc.objectives.len() - 1);
        assert!(!picks.contains(&"o-reliable"));
        assert_eq!(picks[0], "o-grow-arr");
    }
}
