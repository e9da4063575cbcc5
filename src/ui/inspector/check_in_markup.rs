//! A key result's check-in form and history as `markup` trees, and reading
//! what its fields hold into a check-in: plain data and plain functions,
//! tested on the host. `check_ins.rs` shows the trees and listens to them.

use crate::domain::check_ins;
use crate::domain::model::{CheckIn, KeyResult};
use crate::domain::numbers::{number_with_unit, parse_number, percent, NumberProblem};
use crate::output::markup::{el, Element};
use crate::ui::edits::format_number;

// ---------------------------------------------------------------------------
// The markup
// ---------------------------------------------------------------------------

/// The form that records a check-in, filled with its defaults.
pub(super) fn form_markup(key_result: &KeyResult, today: &str) -> Element {
    let defaults = FieldTexts {
        date: today.to_owned(),
        value: format_number(key_result.current_value()),
        confidence: key_result.confidence.map(format_number).unwrap_or_default(),
        note: String::new(),
    };
    let label = format!("Check in on {}", key_result.title);
    tag(
        "form",
        &[
            ("class", "checkins__form"),
            ("data-testid", "checkin-form"),
            ("aria-label", &label),
            ("novalidate", ""),
        ],
    )
    .child(fields_markup(&defaults, &key_result.id, "new"))
    .child(button("checkin-submit", "Check in", "Check in", PRIMARY))
}

/// How many of the newest check-ins show before the older ones fold away.
const SHOWN_CHECK_INS: usize = 2;

/// The history, newest first; the entry at `fixing` (a place in the
/// history) shows its fields instead. Past the newest
/// [`SHOWN_CHECK_INS`], the older check-ins fold under "N older check-ins",
/// open while one of them is being fixed.
pub(super) fn history_markup(key_result: &KeyResult, fixing: Option<usize>) -> Element {
    let unit = key_result.unit.as_deref();
    let mut entries = key_result
        .check_ins
        .iter()
        .enumerate()
        .rev()
        .map(|(index, entry)| {
            let place = index.to_string();
            let fixed_here = fixing == Some(index);
            let item = tag(
                "li",
                &[
                    (
                        "class",
                        if fixed_here {
                            "checkins__entry checkins__entry--fixing"
                        } else {
                            "checkins__entry"
                        },
                    ),
                    ("data-testid", "checkin-entry"),
                    ("data-date", &entry.date),
                    ("data-index", &place),
                ],
            );
            if fixed_here {
                return item.child(fix_form_markup(key_result, index, entry));
            }
            let value = number_with_unit(entry.value, unit);
            let said = format!("the {} check-in ({value})", entry.date);
            let line = tag("div", &[("class", "checkins__line")])
                .child(
                    tag(
                        "time",
                        &[("class", "checkins__date"), ("datetime", &entry.date)],
                    )
                    .text(entry.date.clone()),
                )
                .child(
                    tag(
                        "span",
                        &[
                            ("class", "checkins__value"),
                            ("data-testid", "checkin-entry-value"),
                        ],
                    )
                    .text(value),
                )
                .maybe(entry.confidence.map(|c| {
                    tag(
                        "span",
                        &[
                            ("class", "checkins__confidence"),
                            ("data-testid", "checkin-entry-confidence"),
                        ],
                    )
                    .text(format!("confidence {}", percent(c)))
                }));
            let note = entry.note.as_ref().map(|note| {
                tag(
                    "p",
                    &[
                        ("class", "checkins__note"),
                        ("data-testid", "checkin-entry-note"),
                    ],
                )
                .text(note.clone())
            });
            item.child(line).maybe(note).child(
                tag("div", &[("class", "checkins__actions")])
                    .child(button("checkin-fix", "Fix", &format!("Fix {said}"), SMALL))
                    .child(button(
                        "checkin-delete",
                        "Delete",
                        &format!("Delete {said}"),
                        DANGER,
                    )),
            )
        });
    let newest: Vec<Element> = entries.by_ref().take(SHOWN_CHECK_INS).collect();
    let older: Vec<Element> = entries.collect();
    let fold = (!older.is_empty()).then(|| {
        let count = older.len();
        let open = fixing.is_some_and(|index| index + SHOWN_CHECK_INS < key_result.check_ins.len());
        let words = match count {
            1 => "1 older check-in".to_string(),
            n => format!("{n} older check-ins"),
        };
        let details = tag(
            "details",
            &[
                ("class", "checkins__older"),
                ("data-testid", "checkin-older"),
            ],
        );
        let details = if open {
            details.attr("open", "")
        } else {
            details
        };
        tag("li", &[("class", "checkins__fold")]).child(
            details
                .child(tag("summary", &[("class", "checkins__older-summary")]).text(words))
                .child(
                    tag(
                        "ol",
                        &[("class", "checkins__history checkins__history--older")],
                    )
                    .children(older),
                ),
        )
    });
    tag(
        "ol",
        &[
            ("class", "checkins__history"),
            ("data-testid", "checkin-history"),
            ("aria-label", "History, newest first"),
        ],
    )
    .children(newest)
    .maybe(fold)
}

/// The entry at `index`, in fields to fix it.
pub(super) fn fix_form_markup(key_result: &KeyResult, index: usize, entry: &CheckIn) -> Element {
    let label = format!("Fix the {} check-in", entry.date);
    tag(
        "form",
        &[
            ("class", "checkins__form"),
            ("data-testid", "checkin-fix-form"),
            ("aria-label", &label),
            ("novalidate", ""),
        ],
    )
    .child(fields_markup(
        &FieldTexts::of(entry),
        &key_result.id,
        &index.to_string(),
    ))
    .child(
        tag("div", &[("class", "checkins__actions")])
            .child(button("checkin-cancel", "Cancel", "Cancel the fix", SMALL))
            .child(button("checkin-save", "Save", "Save the fix", PRIMARY)),
    )
}

/// The four labelled fields of a check-in holding `texts`, and the place for
/// the error that stops saving them. `form` tells the forms of one key
/// result apart in element ids.
fn fields_markup(texts: &FieldTexts, kr_id: &str, form: &str) -> Element {
    let error_id = format!("checkin-error-{kr_id}-{form}");
    // Text, not `type=number`, as the key result's own number fields: what
    // was typed reaches the app as typed, so a mistake can be named.
    let fields: [(&str, &str, &str, &str, &str, &str); 4] = [
        ("Date", "checkin-date", "date", &texts.date, "", ""),
        (
            "New value",
            "checkin-value",
            "text",
            &texts.value,
            "decimal",
            "",
        ),
        (
            "Confidence (0–1)",
            "checkin-confidence",
            "text",
            &texts.confidence,
            "decimal",
            "e.g. 0.6",
        ),
        (
            "Note",
            "checkin-note",
            "text",
            &texts.note,
            "",
            "What moved it, what is in the way",
        ),
    ];
    let fields = fields.map(|(label, testid, kind, value, input_mode, placeholder)| {
        let class = if testid == "checkin-note" {
            "inspector__field checkins__note-field"
        } else {
            "inspector__field"
        };
        tag("label", &[("class", class)])
            .child(tag("span", &[("class", "inspector__label")]).text(label))
            .child(tag(
                "input",
                &[
                    ("class", "inspector__input"),
                    ("type", kind),
                    ("data-testid", testid),
                    ("value", value),
                    ("inputmode", input_mode),
                    ("placeholder", placeholder),
                    ("autocomplete", "off"),
                    ("aria-describedby", &error_id),
                ],
            ))
    });
    tag("div", &[("class", "checkins__fields")])
        .children(fields)
        .child(tag(
            "p",
            &[
                ("class", "checkins__error"),
                ("id", &error_id),
                ("role", "alert"),
                ("data-testid", "checkin-error"),
                ("hidden", ""),
            ],
        ))
}

pub(super) const SMALL: &str = "inspector__button inspector__button--small";
const PRIMARY: &str = "inspector__button inspector__button--small inspector__button--primary";
pub(super) const DANGER: &str =
    "inspector__button inspector__button--small inspector__button--danger";

/// A button of the section; the primary one submits its form.
pub(super) fn button(testid: &str, text: &str, label: &str, class: &str) -> Element {
    let kind = if class == PRIMARY { "submit" } else { "button" };
    tag(
        "button",
        &[
            ("class", class),
            ("type", kind),
            ("data-testid", testid),
            ("aria-label", label),
        ],
    )
    .text(text)
}

/// `<name>` with `attributes`; empty values of optional attributes
/// (`inputmode`, `placeholder`) are left out.
fn tag(name: &'static str, attributes: &[(&'static str, &str)]) -> Element {
    let mut element = el(name, "");
    for &(attribute, value) in attributes {
        if value.is_empty() && matches!(attribute, "inputmode" | "placeholder") {
            continue;
        }
        element.attributes.push((attribute, value.to_owned()));
    }
    element
}

/// What a check-in's fields hold, as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct FieldTexts {
    pub date: String,
    pub value: String,
    pub confidence: String,
    pub note: String,
}

impl FieldTexts {
    /// An entry as its fields show it; the confidence as the key result's own
    /// confidence field shows it.
    fn of(check_in: &CheckIn) -> FieldTexts {
        FieldTexts {
            date: check_in.date.clone(),
            value: format_number(check_in.value),
            confidence: check_in.confidence.map(format_number).unwrap_or_default(),
            note: check_in.note.clone().unwrap_or_default(),
        }
    }
}

/// A check-in from what its fields hold, read the way the key result's own
/// number fields read numbers, or what is wrong in words. The core judges
/// the rest (the date, the range of the confidence, the note's length).
pub(super) fn read_check_in(texts: &FieldTexts) -> Result<CheckIn, String> {
    let value = match parse_number(&texts.value, false) {
        Ok(Some(value)) => value,
        Ok(None) => {
            return Err(
                "The new value is empty, so nothing was checked in. Type the value the key result has reached, for example 45."
                    .to_owned(),
            )
        }
        Err(problem) => return Err(number_problem("new value", &texts.value, problem, "45")),
    };
    let confidence = parse_number(&texts.confidence, true).map_err(|problem| {
        number_problem("confidence", &texts.confidence, problem, "0.6 (or 60%)")
    })?;
    let note = texts.note.trim();
    let check_in = CheckIn {
        date: texts.date.trim().to_owned(),
        value,
        confidence,
        note: (!note.is_empty()).then(|| note.to_owned()),
    };
    check_ins::validate(&check_in).map_err(|e| e.to_string())?;
    Ok(check_in)
}

fn number_problem(field: &str, typed: &str, problem: NumberProblem, example: &str) -> String {
    let typed = typed.trim();
    match problem {
        NumberProblem::NotANumber => format!(
            "“{typed}” is not a number, so nothing was saved. Type the {field} in digits, for example {example}."
        ),
        NumberProblem::MisplacedSeparator => format!(
            "“{typed}” has commas or dots where neither thousands nor decimals go, so nothing was saved. Type the {field} with thousands grouped in threes (1,500,000) and decimals after a dot (2.5)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(date: &str, value: &str, confidence: &str, note: &str) -> FieldTexts {
        FieldTexts {
            date: date.into(),
            value: value.into(),
            confidence: confidence.into(),
            note: note.into(),
        }
    }

    fn arr() -> KeyResult {
        let mut kr = KeyResult::new("kr-arr", "Nordic <b>ARR</b>", 0.0, 2_000_000.0);
        kr.unit = Some("EUR".into());
        kr.current = Some(450_000.0);
        kr.confidence = Some(0.6);
        for (date, value, note) in [
            ("2027-01-13", 300_000.0, None),
            ("2027-01-20", 450_000.0, Some("Two pilots signed")),
        ] {
            kr.check_ins.push(CheckIn {
                date: date.into(),
                value,
                confidence: Some(0.6),
                note: note.map(str::to_owned),
            });
        }
        kr
    }

    /// The `value` of the input with `testid` in `tree`.
    fn input_value<'a>(tree: &'a Element, testid: &str) -> Option<&'a str> {
        tree.descendants()
            .into_iter()
            .find(|e| e.get("data-testid") == Some(testid))
            .and_then(|e| e.get("value"))
    }

    #[test]
    fn fields_are_read_as_people_type_them() {
        let check_in =
            read_check_in(&texts("2027-02-03", "450 000", "60%", "  Two pilots  ")).unwrap();
        assert_eq!(
            check_in,
            CheckIn {
                date: "2027-02-03".into(),
                value: 450_000.0,
                confidence: Some(0.6),
                note: Some("Two pilots".into()),
            }
        );
        let bare = read_check_in(&texts("2027-02-03", "0,5", "", " ")).unwrap();
        assert_eq!((bare.value, bare.confidence, bare.note), (0.5, None, None));
        // Regression: "1,500" and "19,600,000" are read alike, thousands grouped.
        for (typed, value) in [("1,500", 1500.0), ("19,600,000", 19_600_000.0)] {
            let check_in = read_check_in(&texts("2027-02-03", typed, "", "")).unwrap();
            assert_eq!(check_in.value, value, "{typed}");
        }
        // An entry shown in the fields reads back as itself.
        assert_eq!(read_check_in(&FieldTexts::of(&check_in)), Ok(check_in));
    }

    #[test]
    fn what_cannot_be_a_check_in_is_named() {
        let refused = |t: FieldTexts| read_check_in(&t).unwrap_err();
        assert!(refused(texts("2027-02-03", "", "", "")).contains("empty"));
        assert!(refused(texts("2027-02-03", "lots", "", "")).contains("“lots” is not a number"));
        assert!(refused(texts("2027-02-03", "1,50,000", "", "")).contains("commas or dots"));
        assert!(refused(texts("2027-02-03", "1", "1.5", "")).contains("from 0"));
        assert!(refused(texts("2027-02-03", "1", "high", "")).contains("confidence"));
        assert!(refused(texts("", "1", "", "")).contains("no date"));
        assert!(refused(texts("2027-02-30", "1", "", "")).contains("YYYY-MM-DD"));
    }

    #[test]
    fn the_form_starts_from_today_and_the_key_results_own_numbers() {
        let form = form_markup(&arr(), "2027-02-03");
        assert_eq!(form.get("data-testid"), Some("checkin-form"));
        assert_eq!(input_value(&form, "checkin-date"), Some("2027-02-03"));
        assert_eq!(input_value(&form, "checkin-value"), Some("450000"));
        assert_eq!(input_value(&form, "checkin-confidence"), Some("0.6"));
        assert_eq!(input_value(&form, "checkin-note"), Some(""));
        // Every field has a label, and the title is text, not markup.
        let labels = form
            .descendants()
            .into_iter()
            .filter(|e| e.tag == "label")
            .count();
        assert_eq!(labels, 4);
        assert_eq!(
            form.get("aria-label"),
            Some("Check in on Nordic <b>ARR</b>")
        );
        let submit = form
            .descendants()
            .into_iter()
            .find(|e| e.get("type") == Some("submit"));
        assert!(submit.is_some());
    }

    #[test]
    fn the_history_lists_the_newest_first_and_fixes_one_in_place() {
        let kr = arr();
        let history = history_markup(&kr, None);
        let entries: Vec<&Element> = history
            .descendants()
            .into_iter()
            .filter(|e| e.get("data-testid") == Some("checkin-entry"))
            .collect();
        let dates: Vec<_> = entries.iter().map(|e| e.get("data-date")).collect();
        assert_eq!(dates, [Some("2027-01-20"), Some("2027-01-13")]);
        assert_eq!(entries[0].get("data-index"), Some("1"));
        let texts: Vec<String> = entries[0]
            .descendants()
            .into_iter()
            .flat_map(|e| &e.children)
            .filter_map(|n| match n {
                crate::output::markup::Node::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        for expected in [
            "450,000 EUR",
            "confidence 60%",
            "Two pilots signed",
            "Fix",
            "Delete",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} in {texts:?}"
            );
        }
        // Past the newest two, the older check-ins fold away.
        let mut long = kr.clone();
        for day in 1..=4 {
            long.check_ins.insert(
                0,
                CheckIn {
                    date: format!("2026-12-0{day}"),
                    value: 1.0,
                    confidence: None,
                    note: None,
                },
            );
        }
        let folded = history_markup(&long, None);
        let fold = folded
            .descendants()
            .into_iter()
            .find(|e| e.get("data-testid") == Some("checkin-older"))
            .cloned()
            .expect("the older check-ins fold");
        assert_eq!(fold.get("open"), None);
        assert!(fold.text_content().contains("4 older check-ins"));
        let fixing_old = history_markup(&long, Some(1));
        let fold = fixing_old
            .descendants()
            .into_iter()
            .find(|e| e.get("data-testid") == Some("checkin-older"))
            .cloned()
            .unwrap();
        assert_eq!(fold.get("open"), Some(""));
        assert!(history_markup(&kr, None)
            .descendants()
            .into_iter()
            .all(|e| e.get("data-testid") != Some("checkin-older")));
        let fixing = history_markup(&kr, Some(0));
        let form = fixing
            .descendants()
            .into_iter()
            .find(|e| e.get("data-testid") == Some("checkin-fix-form"))
            .cloned()
            .expect("the fix form");
        assert_eq!(input_value(&form, "checkin-date"), Some("2027-01-13"));
        assert_eq!(input_value(&form, "checkin-value"), Some("300000"));
        // Ids stay unique between the two forms of one key result.
        let ids: Vec<String> = fixing
            .descendants()
            .into_iter()
            .chain(form_markup(&kr, "2027-02-03").descendants())
            .filter_map(|e| e.get("id").map(str::to_owned))
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
    }
}
