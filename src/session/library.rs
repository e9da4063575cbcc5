//! The list of canvases kept in this browser: which exist, their titles, when
//! each was last saved, and which one is open. A person keeps several maps
//! (this quarter's, a draft re-organisation, a shared copy to edit), so the
//! app stores each canvas under its own key and this index beside them.
//!
//! Pure data and rules (names, ids, the order of the list); reading and
//! writing browser storage happens in the shell. What is read back from
//! storage may be anything, so parsing never panics and drops what it cannot
//! use rather than losing the whole list.

use serde::{Deserialize, Serialize};

/// Longest title kept in the list, as in the file format.
const MAX_TITLE_CHARS: usize = 200;

/// One canvas kept in this browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CanvasEntry {
    /// Names the storage key of the canvas; made by [`Library::add`].
    pub id: String,
    pub title: String,
    /// When it was last saved, in milliseconds since 1970 (the browser's clock).
    pub saved_at: f64,
}

/// Every canvas kept in this browser, most recently saved first, and the
/// open one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Library {
    pub canvases: Vec<CanvasEntry>,
    #[serde(default)]
    pub open: Option<String>,
}

impl Library {
    /// Reads a stored list; anything unusable in it is dropped, and text that
    /// is not a list at all gives `None`.
    pub fn parse(text: &str) -> Option<Library> {
        let mut library: Library = serde_json::from_str(text).ok()?;
        let mut seen = std::collections::HashSet::new();
        library
            .canvases
            .retain(|entry| is_canvas_id(&entry.id) && seen.insert(entry.id.clone()));
        for entry in &mut library.canvases {
            entry.title = clean_title(&entry.title);
            if !entry.saved_at.is_finite() {
                entry.saved_at = 0.0;
            }
        }
        if library
            .open
            .as_ref()
            .is_some_and(|open| library.entry(open).is_none())
        {
            library.open = None;
        }
        Some(library)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"canvases\":[]}".to_string())
    }

    pub fn entry(&self, id: &str) -> Option<&CanvasEntry> {
        self.canvases.iter().find(|e| e.id == id)
    }

    /// Adds a canvas titled `title`, saved at `now`, and returns its id. The
    /// id is made from `now` and `seed` and never repeats one in the list.
    pub fn add(&mut self, title: &str, now: f64, seed: u64) -> String {
        let stamp = if now.is_finite() && now > 0.0 {
            now as u64
        } else {
            0
        };
        let mut n = stamp ^ seed.rotate_left(17);
        let mut id = format!("c{}", to_base36(n));
        while self.entry(&id).is_some() {
            n = n.wrapping_add(1);
            id = format!("c{}", to_base36(n));
        }
        self.canvases.insert(
            0,
            CanvasEntry {
                id: id.clone(),
                title: clean_title(title),
                saved_at: now,
            },
        );
        id
    }

    /// Records that `id` was saved at `now` under `title`, moving it to the
    /// top of the list.
    pub fn touch(&mut self, id: &str, title: &str, now: f64) {
        let Some(index) = self.canvases.iter().position(|e| e.id == id) else {
            return;
        };
        let mut entry = self.canvases.remove(index);
        entry.title = clean_title(title);
        entry.saved_at = now;
        self.canvases.insert(0, entry);
    }

    /// Puts `entry` in the list at the place of its date (most recent
    /// first), unless its id is listed already.
    pub fn insert_by_date(&mut self, entry: CanvasEntry) {
        if self.entry(&entry.id).is_some() {
            return;
        }
        let index = self
            .canvases
            .iter()
            .position(|e| e.saved_at < entry.saved_at)
            .unwrap_or(self.canvases.len());
        self.canvases.insert(index, entry);
    }

    /// Removes `id` from the list; returns it with its place, so the removal
    /// can be undone with [`Library::restore`].
    pub fn remove(&mut self, id: &str) -> Option<(usize, CanvasEntry)> {
        let index = self.canvases.iter().position(|e| e.id == id)?;
        let entry = self.canvases.remove(index);
        if self.open.as_deref() == Some(id) {
            self.open = None;
        }
        Some((index, entry))
    }

    /// Puts a removed canvas back where it was.
    pub fn restore(&mut self, index: usize, entry: CanvasEntry) {
        if self.entry(&entry.id).is_some() {
            return;
        }
        let index = index.min(self.canvases.len());
        self.canvases.insert(index, entry);
    }
}

/// The title of a copy of a canvas titled `title`.
pub fn copy_title(title: &str) -> String {
    let base: String = title.chars().take(MAX_TITLE_CHARS - 7).collect();
    format!("{base} (copy)")
}

/// Whether `id` is one this list makes: a `c` and base-36 digits.
pub fn is_canvas_id(id: &str) -> bool {
    id.len() > 1
        && id.len() <= 16
        && id.starts_with('c')
        && id[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

fn clean_title(title: &str) -> String {
    let one_line: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TITLE_CHARS)
        .collect();
    let trimmed = one_line.trim();
    if trimmed.is_empty() {
        "Untitled canvas".to_string()
    } else {
        trimmed.to_string()
    }
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_canvases_come_first_with_fresh_ids() {
        let mut library = Library::default();
        let a = library.add("Q1", 1_700_000_000_000.0, 1);
        let b = library.add("Q2", 1_700_000_000_000.0, 1);
        assert_ne!(a, b);
        assert!(is_canvas_id(&a) && is_canvas_id(&b));
        assert_eq!(library.canvases[0].id, b);
        library.touch(&a, "Q1 renamed", 5.0);
        assert_eq!(library.canvases[0].title, "Q1 renamed");
        assert_eq!(library.canvases[0].saved_at, 5.0);
    }

    #[test]
    fn a_removed_canvas_goes_back_to_its_place() {
        let mut library = Library::default();
        let a = library.add("A", 1.0, 0);
        let b = library.add("B", 2.0, 0);
        let c = library.add("C", 3.0, 0);
        library.open = Some(b.clone());
        let (index, entry) = library.remove(&b).expect("present");
        assert_eq!(library.open, None);
        assert_eq!(library.canvases.len(), 2);
        library.restore(index, entry);
        let order: Vec<&str> = library.canvases.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, vec![c.as_str(), b.as_str(), a.as_str()]);
        assert!(library.remove("c-none").is_none());
    }

    #[test]
    fn stored_lists_are_read_leniently() {
        assert_eq!(Library::parse("not json"), None);
        assert_eq!(Library::parse("[1,2]"), None);
        let text = r#"{"canvases":[
            {"id":"c1","title":"  Good\n","savedAt":1},
            {"id":"c1","title":"Duplicate","savedAt":2},
            {"id":"../evil","title":"Bad id","savedAt":3},
            {"id":"c2","title":"","savedAt":4}
        ],"open":"c9"}"#;
        let library = Library::parse(text).expect("a list");
        let titles: Vec<&str> = library.canvases.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, vec!["Good", "Untitled canvas"]);
        assert_eq!(library.open, None, "an open id not in the list is dropped");
        assert_eq!(Library::parse(&library.to_json()), Some(library));
    }

    #[test]
    fn copies_are_named_as_copies() {
        assert_eq!(copy_title("Acme"), "Acme (copy)");
        assert!(copy_title(&"x".repeat(300)).chars().count() <= MAX_TITLE_CHARS);
    }
}
