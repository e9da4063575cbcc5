//! This tab's mark in the ids of the cards it makes (`o-k3f9-1`), so that
//! cards made at the same time in two tabs or two browsers never share an id,
//! which a merge would read as one card changed two ways.

thread_local! {
    static MARK: String = new_mark();
}

/// Four letters and digits, drawn once per tab.
fn new_mark() -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = (js_sys::Math::random() * 36f64.powi(4)) as u64;
    let mut mark = String::with_capacity(4);
    for _ in 0..4 {
        mark.push(DIGITS[(n % 36) as usize] as char);
        n /= 36;
    }
    mark
}

/// The prefix of new ids of this tab: `o` → `o-k3f9`.
pub fn marked(prefix: &str) -> String {
    MARK.with(|mark| format!("{prefix}-{mark}"))
}
