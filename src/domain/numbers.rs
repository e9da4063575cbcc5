//! Numbers as people read and type them, shared by every text the app writes
//! for people (the Markdown outline, the slides, messages about a file) and
//! every field a number is typed into: whole percentages and key-result values
//! with grouped thousands, and one rule for reading "1,500" or "0,6".

/// A value in 0..=1 as a whole percentage; anything outside is clamped, NaN is 0.
pub fn percent(value: f64) -> String {
    let value = if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 1.0)
    };
    format!("{:.0}%", (value * 100.0).round())
}

/// A key-result value as people write it: thousands grouped with commas, at most three
/// decimals, no trailing zeros.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_string();
    }
    if value.abs() >= 1e15 {
        return format!("{value}");
    }
    let text = format!("{:.3}", value);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if grouped.chars().all(|c| c == '0' || c == ',') && fraction.is_empty() {
        ""
    } else {
        sign
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// A number as a file holds it, for a message that quotes it: the shortest text that
/// reads back as the same number, with an exponent for the very large and the very
/// small ("1.7e308", "5e-324") instead of hundreds of digits.
pub fn as_written(value: f64) -> String {
    let size = value.abs();
    if value == 0.0 || !value.is_finite() || (1e-4..1e15).contains(&size) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// Why typed text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    /// Commas or dots where neither thousands nor decimals go: "1,50,000",
    /// "1.500.000", "1234,567".
    MisplacedSeparator,
}

/// Reads a number as people type it, by one rule for every field:
///
/// - spaces (no-break and thin ones too) and `_` are ignored: "1 500 000";
/// - a dot alone is the decimal point: "2.5", "0.125"; "1.500" is one and a half;
/// - a comma followed by exactly three digits groups thousands: "1,500" is 1500 and
///   "19,600,000" is 19600000. Groups must be whole: one to three digits before the
///   first comma and three after each ("1,50,000" and "1234,567" are refused);
/// - one comma followed by any other count of digits is a decimal comma: "0,6", "1,5",
///   "1,50" (but "1,500" is fifteen hundred, by the rule above);
/// - with both marks, the last one is the decimal mark, given once, and the other
///   groups thousands: "1,500.5" and "1.500,5" are both 1500.5;
/// - with `percent`, a trailing "%" divides by 100: "60%" is 0.6;
/// - an exponent is allowed ("1e6"); "inf", "NaN" and numbers too large for a float
///   are not numbers. Empty text is `None`.
pub fn parse_number(text: &str, percent: bool) -> Result<Option<f64>, NumberProblem> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let (body, scale) = match compact.strip_suffix('%') {
        Some(rest) if percent => (rest, 0.01),
        Some(_) => return Err(NumberProblem::NotANumber),
        None => (compact.as_str(), 1.0),
    };
    let (sign, unsigned) = match body.strip_prefix(['-', '+']) {
        Some(rest) => (&body[..1], rest),
        None => ("", body),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => unsigned.split_at(at),
        None => (unsigned, ""),
    };
    let normalised = format!("{sign}{}{exponent}", without_separators(mantissa)?);
    // Only digits, one sign and marks: keeps out "inf", "nan" and "0x10".
    if !normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(NumberProblem::NotANumber);
    }
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value * scale)),
        _ => Err(NumberProblem::NotANumber),
    }
}

/// `mantissa` with its thousands marks taken out and a dot for its decimal mark, by
/// the rules of [`parse_number`].
fn without_separators(mantissa: &str) -> Result<String, NumberProblem> {
    let count = |mark: char| mantissa.matches(mark).count();
    let (group, decimal) = match (count(','), count('.')) {
        (0, 0) | (0, 1) => return Ok(mantissa.to_owned()),
        (0, _) => return Err(NumberProblem::MisplacedSeparator),
        (commas, 0) => {
            let thousands = mantissa
                .split(',')
                .skip(1)
                .all(|after| after.bytes().take_while(u8::is_ascii_digit).count() == 3);
            if thousands {
                (',', None)
            } else if commas == 1 {
                return Ok(mantissa.replace(',', "."));
            } else {
                return Err(NumberProblem::MisplacedSeparator);
            }
        }
        _ => match (mantissa.rfind(','), mantissa.rfind('.')) {
            (Some(comma), Some(dot)) if dot > comma => (',', Some('.')),
            _ => ('.', Some(',')),
        },
    };
    let (whole, fraction) = match decimal {
        Some(mark) if count(mark) == 1 => mantissa.split_once(mark).unwrap_or((mantissa, "")),
        Some(_) => return Err(NumberProblem::MisplacedSeparator),
        None => (mantissa, ""),
    };
    let mut groups = whole.split(group);
    let first_ok = groups
        .next()
        .is_some_and(|first| (1..=3).contains(&first.len()));
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if !first_ok || !groups.all(|g| g.len() == 3 && digits(g)) || fraction.contains(group) {
        return Err(NumberProblem::MisplacedSeparator);
    }
    let whole = whole.replace(group, "");
    Ok(if decimal.is_some() {
        format!("{whole}.{fraction}")
    } else {
        whole
    })
}

/// A key-result value with its unit, as a sentence says it: "450,000 EUR", but "40%".
pub fn number_with_unit(value: f64, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some("%") => format!("{}%", number(value)),
        Some(unit) => format!("{} {unit}", number(value)),
        None => number(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(number_with_unit(450_000.0, Some("EUR")), "450,000 EUR");
        assert_eq!(number_with_unit(40.0, Some("%")), "40%");
        assert_eq!(number_with_unit(2.5, Some("  ")), "2.5");
        assert_eq!(number_with_unit(-3.0, None), "-3");
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        let read = |text: &str| parse_number(text, false);
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("  "), Ok(None));
        assert_eq!(read("1500"), Ok(Some(1500.0)));
        assert_eq!(read("-2.5"), Ok(Some(-2.5)));
        assert_eq!(read("+7"), Ok(Some(7.0)));
        assert_eq!(read("0.125"), Ok(Some(0.125)));
        assert_eq!(read("1.500"), Ok(Some(1.5)));
        assert_eq!(read("1 500 000"), Ok(Some(1_500_000.0)));
        assert_eq!(read("1\u{a0}500\u{202f}000"), Ok(Some(1_500_000.0)));
        assert_eq!(read("1_500"), Ok(Some(1500.0)));
        assert_eq!(read("1e6"), Ok(Some(1_000_000.0)));
        assert_eq!(parse_number("60%", true), Ok(Some(0.6)));
        assert_eq!(parse_number("12,5 %", true), Ok(Some(0.125)));
    }

    /// Regression: "1,500" was refused as ambiguous (and is read as 1.5 by some
    /// readers) while "19,600,000" was read as 19.6 million.
    #[test]
    fn a_comma_before_three_digits_groups_thousands() {
        let read = |text: &str| parse_number(text, false);
        assert_eq!(read("1,500"), Ok(Some(1500.0)));
        assert_eq!(read("2,000"), Ok(Some(2000.0)));
        assert_eq!(read("19,600,000"), Ok(Some(19_600_000.0)));
        assert_eq!(read("-1,000,000"), Ok(Some(-1_000_000.0)));
        assert_eq!(read("1,500.5"), Ok(Some(1500.5)));
        assert_eq!(read("1,500,000.25"), Ok(Some(1_500_000.25)));
        assert_eq!(parse_number("1,500%", true), Ok(Some(15.0)));
    }

    #[test]
    fn a_comma_before_other_than_three_digits_is_a_decimal_comma() {
        let read = |text: &str| parse_number(text, false);
        assert_eq!(read("0,6"), Ok(Some(0.6)));
        assert_eq!(read("1,5"), Ok(Some(1.5)));
        assert_eq!(read("1,50"), Ok(Some(1.5)));
        assert_eq!(read("1,5000"), Ok(Some(1.5)));
        assert_eq!(read(",5"), Ok(Some(0.5)));
        assert_eq!(read("-0,25"), Ok(Some(-0.25)));
        // With both marks the last is the decimal mark.
        assert_eq!(read("1.500,5"), Ok(Some(1500.5)));
        assert_eq!(read("19.600.000,75"), Ok(Some(19_600_000.75)));
    }

    #[test]
    fn separators_out_of_place_are_refused() {
        for text in [
            "1,50,000",
            "1234,567",
            ",500",
            "1,500,00",
            "1.500.000",
            "1.5.2",
            "1..2",
            "1,500.000.5",
            "1,5.25",
            "1.5,25",
            "1,500.5,5",
            "12345,678.9",
        ] {
            assert_eq!(
                parse_number(text, false),
                Err(NumberProblem::MisplacedSeparator),
                "{text}"
            );
        }
        for text in [
            "abc", "inf", "NaN", "1e400", "60%", "1-2", "--1", "0x10", "1,5e",
        ] {
            assert_eq!(
                parse_number(text, false),
                Err(NumberProblem::NotANumber),
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_from_a_file_are_quoted_short_and_exact() {
        assert_eq!(as_written(1500.0), "1500");
        assert_eq!(as_written(-0.25), "-0.25");
        assert_eq!(as_written(0.0005), "0.0005");
        assert_eq!(as_written(1.7e308), "1.7e308");
        assert_eq!(as_written(-1.7e308), "-1.7e308");
        assert_eq!(as_written(5e-324), "5e-324");
        for value in [1.7e308, 5e-324, 0.1, 123_456.789, -2e20] {
            assert_eq!(as_written(value).parse::<f64>(), Ok(value));
        }
    }

    // Property tests run on the host only; the browser build has no proptest.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever is typed, reading it never panics and never gives a number
            /// that is not finite.
            #[test]
            fn reading_never_panics(text in "[0-9,. %eE+_-]{0,16}|\\PC{0,16}") {
                if let Ok(Some(value)) = parse_number(&text, true) {
                    prop_assert!(value.is_finite());
                }
            }

            /// A number reads back as itself whether its thousands are grouped with
            /// commas, spaces or not at all, and its decimals follow a dot or, with
            /// dots grouping the thousands, a comma.
            #[test]
            fn grouped_numbers_read_back_as_themselves(
                whole in 0u64..10_000_000_000,
                cents in 0u64..100,
                negative in any::<bool>(),
            ) {
                let sign = if negative { "-" } else { "" };
                let signed = |value: f64| if negative { -value } else { value };
                let exact = signed(whole as f64);
                let with_cents = signed(format!("{whole}.{cents:02}").parse::<f64>().unwrap());
                let grouped = number(whole as f64);
                for (typed, expected) in [
                    (format!("{sign}{whole}"), exact),
                    (format!("{sign}{grouped}"), exact),
                    (format!("{sign}{}", grouped.replace(',', " ")), exact),
                    (format!("{sign}{whole}.{cents:02}"), with_cents),
                    (format!("{sign}{grouped}.{cents:02}"), with_cents),
                    (format!("{sign}{whole},{cents:02}"), with_cents),
                    (format!("{sign}{},{cents:02}", grouped.replace(',', ".")), with_cents),
                ] {
                    prop_assert_eq!(parse_number(&typed, false), Ok(Some(expected)), "{}", typed);
                }
            }
        }
    }
}
