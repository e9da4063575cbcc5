//! Numbers as people read them, shared by every text the app writes for
//! people (the Markdown outline, the slides, messages about a file): whole
//! percentages and key-result values with grouped thousands.

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
}
