//! The retrospective note a team writes when the cycle closes, kept where
//! every copy of the file keeps it: as the last paragraph of the objective's
//! description, starting "Retrospective: ". The file format has no field of
//! its own for it, and a paragraph of the description travels with the
//! file, shows in the inspector, and is read by any other copy of the app.

use super::model::DESCRIPTION_MAX_CHARS;

/// How the paragraph starts.
pub const PREFIX: &str = "Retrospective: ";
/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 1_000;

/// The retrospective note in `description`, if it has one.
pub fn retrospective(description: Option<&str>) -> Option<&str> {
    let (_, paragraph) = split(description?);
    paragraph
}

/// `description` without its retrospective paragraph (for the next cycle,
/// which has not been looked back on yet); `None` when nothing is left.
pub fn without_retrospective(description: Option<&str>) -> Option<String> {
    let (rest, _) = split(description?);
    (!rest.trim().is_empty()).then(|| rest.to_string())
}

/// `description` with its retrospective note replaced by `note` (an empty
/// note removes it). The note is kept to one paragraph. Refused, with words
/// for the person, when the note or the whole description is too long.
pub fn with_retrospective(description: Option<&str>, note: &str) -> Result<Option<String>, String> {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = note.chars().count();
    if length > NOTE_MAX_CHARS {
        return Err(format!(
            "The retrospective note has {length} characters; keep it to {NOTE_MAX_CHARS}."
        ));
    }
    let rest = without_retrospective(description);
    let text = match (rest, note.is_empty()) {
        (rest, true) => rest,
        (Some(rest), false) => Some(format!("{rest}\n\n{PREFIX}{note}")),
        (None, false) => Some(format!("{PREFIX}{note}")),
    };
    if let Some(text) = &text {
        let length = text.chars().count();
        if length > DESCRIPTION_MAX_CHARS {
            return Err(format!(
                "With this note the objective's description would have {length} characters, \
                 over the {DESCRIPTION_MAX_CHARS} it may have. Shorten the note or the description."
            ));
        }
    }
    Ok(text)
}

/// The description before its retrospective paragraph, and the note.
fn split(description: &str) -> (&str, Option<&str>) {
    if let Some(note) = description.strip_prefix(PREFIX) {
        return ("", Some(note));
    }
    match description.rfind(&format!("\n\n{PREFIX}")) {
        Some(at) => (
            description[..at].trim_end(),
            Some(&description[at + 2 + PREFIX.len()..]),
        ),
        None => (description, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_added_replaced_and_removed_leaving_the_description() {
        let written =
            with_retrospective(Some("Why this matters."), "Pilots  took\nlonger.").unwrap();
        assert_eq!(
            written.as_deref(),
            Some("Why this matters.\n\nRetrospective: Pilots took longer.")
        );
        assert_eq!(
            retrospective(written.as_deref()),
            Some("Pilots took longer.")
        );
        let replaced = with_retrospective(written.as_deref(), "Two pilots signed.").unwrap();
        assert_eq!(
            retrospective(replaced.as_deref()),
            Some("Two pilots signed.")
        );
        assert_eq!(
            without_retrospective(replaced.as_deref()).as_deref(),
            Some("Why this matters.")
        );
        let removed = with_retrospective(replaced.as_deref(), "  ").unwrap();
        assert_eq!(removed.as_deref(), Some("Why this matters."));
    }

    #[test]
    fn a_note_alone_is_the_whole_description() {
        let written = with_retrospective(None, "Done early.").unwrap();
        assert_eq!(written.as_deref(), Some("Retrospective: Done early."));
        assert_eq!(retrospective(written.as_deref()), Some("Done early."));
        assert_eq!(without_retrospective(written.as_deref()), None);
        assert_eq!(with_retrospective(written.as_deref(), "").unwrap(), None);
        assert_eq!(retrospective(Some("No note here.")), None);
    }

    #[test]
    fn too_long_is_refused_in_words() {
        let long = "x".repeat(NOTE_MAX_CHARS + 1);
        assert!(with_retrospective(None, &long)
            .unwrap_err()
            .contains("keep it to 1000"));
        let full = "y".repeat(DESCRIPTION_MAX_CHARS - 10);
        assert!(with_retrospective(Some(&full), "A note of some length.")
            .unwrap_err()
            .contains("Shorten"));
    }
}
