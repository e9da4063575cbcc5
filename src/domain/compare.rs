//! What differs between two versions of one canvas, in words: shown when two
//! tabs changed the same canvas, so the person sees both sides before
//! choosing which to keep.

use std::collections::BTreeMap;

use super::model::{Document, Link, Objective};

/// Most lines listed; the rest are counted.
const MAX_LINES: usize = 12;

/// The differences between `mine` and `theirs`, one line each, from the
/// point of view of `mine` ("only here", "only in the other version").
pub fn differences(mine: &Document, theirs: &Document) -> Vec<String> {
    let mut lines = Vec::new();
    if mine.title != theirs.title {
        lines.push(format!(
            "The canvas is titled “{}” here, “{}” in the other version.",
            mine.title, theirs.title
        ));
    }
    let by_id = |doc: &Document| -> BTreeMap<String, Objective> {
        doc.objectives
            .iter()
            .map(|o| (o.id.clone(), o.clone()))
            .collect()
    };
    let (here, there) = (by_id(mine), by_id(theirs));
    for (id, objective) in &here {
        match there.get(id) {
            None => lines.push(format!("“{}” is only here.", objective.title)),
            Some(other) if other != objective => lines.push(changed(objective, other)),
            Some(_) => {}
        }
    }
    for (id, objective) in &there {
        if !here.contains_key(id) {
            lines.push(format!(
                "“{}” is only in the other version.",
                objective.title
            ));
        }
    }
    let only = |a: &[Link], b: &[Link]| a.iter().filter(|l| !b.contains(l)).count();
    let (links_here, links_there) = (
        only(&mine.links, &theirs.links),
        only(&theirs.links, &mine.links),
    );
    if links_here + links_there > 0 {
        lines.push(format!(
            "Links: {links_here} only here, {links_there} only in the other version."
        ));
    }
    let moved = mine
        .layout
        .iter()
        .filter(|(id, at)| theirs.layout.get(*id).is_some_and(|other| other != *at))
        .count();
    if moved > 0 {
        lines.push(format!("{moved} cards stand elsewhere on the map."));
    }
    if mine.teams != theirs.teams || mine.cycle != theirs.cycle {
        lines.push("Teams or the cycle differ.".to_string());
    }
    if lines.len() > MAX_LINES {
        let more = lines.len() - (MAX_LINES - 1);
        lines.truncate(MAX_LINES - 1);
        lines.push(format!("… and {more} more differences."));
    }
    lines
}

/// One line for an objective both versions have, naming what differs.
fn changed(mine: &Objective, theirs: &Objective) -> String {
    let mut what = Vec::new();
    if mine.title != theirs.title {
        what.push(format!("titled “{}” in the other version", theirs.title));
    }
    if mine.owner != theirs.owner {
        what.push(match &theirs.owner {
            Some(owner) => format!("owned by {owner} in the other version"),
            None => "no owner in the other version".to_string(),
        });
    }
    if mine.status != theirs.status {
        what.push("its status set by hand differs".to_string());
    }
    if mine.key_results != theirs.key_results {
        what.push("its key results or check-ins differ".to_string());
    }
    if what.is_empty() {
        what.push("its details differ".to_string());
    }
    format!("“{}”: {}.", mine.title, what.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample_document;

    #[test]
    fn the_same_canvas_has_no_differences() {
        let doc = sample_document();
        assert!(differences(&doc, &doc).is_empty());
    }

    #[test]
    fn added_removed_and_changed_objectives_are_named() {
        let mine = sample_document();
        let mut theirs = mine.clone();
        let removed = theirs.objectives.remove(0);
        theirs.objectives[0].title = "Renamed there".into();
        let lines = differences(&mine, &theirs);
        assert!(lines
            .iter()
            .any(|l| l == &format!("“{}” is only here.", removed.title)));
        assert!(lines.iter().any(|l| l.contains("titled “Renamed there”")));
        let back = differences(&theirs, &mine);
        assert!(back.iter().any(|l| l.contains("only in the other version")));
    }

    #[test]
    fn long_lists_are_cut_and_counted() {
        let mine = sample_document();
        let mut theirs = mine.clone();
        theirs.objectives.clear();
        theirs.links.clear();
        let lines = differences(&mine, &theirs);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines.last().is_some_and(|l| l.contains("more differences")));
    }
}
