//! Calendar dates as the file format writes them (`YYYY-MM-DD`), as day
//! numbers for arithmetic: how far into a cycle today is, the day after a
//! cycle ends. No time zones: a date is a whole day wherever it is read.

use super::model::is_valid_date;

/// Days since 1970-01-01 of a valid ISO date; `None` for anything else.
pub fn day_number(date: &str) -> Option<i64> {
    if !is_valid_date(date) {
        return None;
    }
    let year: i64 = date[0..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..10].parse().ok()?;
    // Days from civil (H. Hinnant): years counted from March, so the leap
    // day is the last day of the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The ISO date of a day number; `None` outside the years 0000–9999.
pub fn from_day_number(days: i64) -> Option<String> {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (0..=9999)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `date` moved by `days` (negative goes back); `None` when `date` is not a
/// valid date or the result leaves the years 0000–9999.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    from_day_number(day_number(date)?.checked_add(days)?)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(day_number(to)? - day_number(from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2027-01-01"), Some(20_819));
        assert_eq!(from_day_number(20_819).as_deref(), Some("2027-01-01"));
        assert_eq!(day_number("2027-02-30"), None);
        assert_eq!(day_number("27-01-01"), None);
    }

    #[test]
    fn leap_years_and_month_ends() {
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(add_days("2027-02-28", 1).as_deref(), Some("2027-03-01"));
        assert_eq!(add_days("2027-12-31", 1).as_deref(), Some("2028-01-01"));
        assert_eq!(add_days("2100-03-01", -1).as_deref(), Some("2100-02-28"));
        assert_eq!(days_between("2027-01-01", "2027-03-31"), Some(89));
        assert_eq!(add_days("9999-12-31", 1), None);
    }

    #[test]
    fn every_day_round_trips() {
        let first = day_number("1900-01-01").unwrap();
        let last = day_number("2200-12-31").unwrap();
        let mut previous: Option<String> = None;
        for n in first..=last {
            let date = from_day_number(n).unwrap();
            assert!(is_valid_date(&date), "{date}");
            assert_eq!(day_number(&date), Some(n), "{date}");
            if let Some(previous) = previous {
                assert!(previous < date, "{previous} then {date}");
            }
            previous = Some(date);
        }
    }
}
