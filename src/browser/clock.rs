//! Today's date on this computer's calendar, for the cycle's clock.

/// Today as `YYYY-MM-DD`, in local time: a cycle's last day lasts until
/// midnight where the person is.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
