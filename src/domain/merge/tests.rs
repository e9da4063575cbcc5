//! The tests of `domain/merge.rs`: the round trip of a team's file, change by
//! change.

use super::*;
use crate::domain::graph::AlignmentGraph;
use crate::domain::model::{Link, LinkKind, Objective};
use crate::domain::sample_document as sample;

/// Every change taken from the file.
fn link(from: impl Into<String>, to: impl Into<String>, kind: LinkKind) -> Link {
    Link {
        from: from.into(),
        to: to.into(),
        kind,
        note: None,
    }
}

fn take_all(canvas: &Document, merge: &Merge) -> Document {
    apply(canvas, merge, &|_, _| true).expect("the merge applies")
}

fn objective<'a>(doc: &'a Document, id: &str) -> &'a Objective {
    doc.objectives.iter().find(|o| o.id == id).unwrap()
}

fn objective_mut<'a>(doc: &'a mut Document, id: &str) -> &'a mut Objective {
    doc.objectives.iter_mut().find(|o| o.id == id).unwrap()
}

/// An objective without a hard parent, and an objective it may hard-link to.
fn unaligned_and_top(doc: &Document) -> (String, String) {
    let graph = AlignmentGraph::from_document(doc).unwrap();
    doc.objectives
        .iter()
        .filter(|o| graph.hard_parent_of(&o.id).is_none())
        .find_map(|o| {
            let to = graph
                .valid_targets(&o.id)
                .into_iter()
                .find(|t| t.hard.is_ok() && objective_id(doc, &t.id))?;
            Some((o.id.clone(), to.id))
        })
        .expect("the sample has an objective to align")
}

fn objective_id(doc: &Document, id: &str) -> bool {
    doc.objectives.iter().any(|o| o.id == id)
}

#[test]
fn a_file_merged_into_itself_or_its_own_ancestor_changes_nothing() {
    let doc = sample();
    assert!(plan(Some(&doc), &doc, &doc).changes.is_empty());
    assert!(plan(None, &doc, &doc).changes.is_empty());
    // The canvas moved on; the file is the version it was sent as.
    let mut canvas = doc.clone();
    canvas.objectives[0].title = "A new title at the centre".into();
    let merge = plan(Some(&doc), &canvas, &doc);
    assert!(merge.changes.is_empty(), "{:?}", merge.changes);
    assert_eq!(take_all(&canvas, &merge).objectives, canvas.objectives);
}

#[test]
fn what_only_the_file_changed_is_taken_and_what_only_the_canvas_changed_is_kept() {
    let ancestor = sample();
    let (from, to) = unaligned_and_top(&ancestor);
    // The team lead links their objective and edits a key result.
    let mut file = ancestor.clone();
    file.links
        .push(link(from.clone(), to.clone(), LinkKind::Hard));
    let kr_owner = file.objectives[1].id.clone();
    file.objectives[1].key_results[0].target += 10.0;
    // Meanwhile the centre renamed another objective.
    let mut canvas = ancestor.clone();
    canvas.objectives[2].title = "Renamed at the centre".into();
    let merge = plan(Some(&ancestor), &canvas, &file);
    assert!(merge.three_way);
    assert_eq!(merge.conflicts(), 0);
    assert_eq!(merge.changes.len(), 2, "{:#?}", merge.changes);
    let edit = merge
        .changes
        .iter()
        .find(|c| matches!(&c.key, Key::KeyResult { objective, .. } if *objective == kr_owner))
        .unwrap();
    assert_eq!(edit.kind, Kind::Edited);
    assert_eq!(edit.fields.len(), 1);
    assert_eq!(edit.fields[0].field, "target");
    // What comes in, in words.
    assert_eq!(
        summary(&merge.changes),
        "1 key result changed, 1 link added"
    );
    assert_eq!(summary(&[]), "");
    let merged = take_all(&canvas, &merge);
    assert_eq!(merged.objectives[2].title, "Renamed at the centre");
    assert_eq!(
        merged.objectives[1].key_results[0].target,
        file.objectives[1].key_results[0].target
    );
    assert!(merged.links.iter().any(|l| l.from == from && l.to == to));
    // Merged a second time, the file brings nothing more.
    assert!(plan(Some(&ancestor), &merged, &file)
        .changes
        .iter()
        .all(|c| c.conflict.is_none() && !matches!(c.kind, Kind::Added | Kind::Edited)));
    // Rejected, the canvas stays as it was.
    assert_eq!(apply(&canvas, &merge, &|_, _| false).unwrap(), canvas);
}

#[test]
fn both_sides_changing_one_field_is_a_conflict_chosen_either_way() {
    let ancestor = sample();
    let id = ancestor.objectives[0].id.clone();
    let mut canvas = ancestor.clone();
    objective_mut(&mut canvas, &id).title = "The centre's title".into();
    let mut file = ancestor.clone();
    objective_mut(&mut file, &id).title = "The team's title".into();
    let merge = plan(Some(&ancestor), &canvas, &file);
    assert_eq!(merge.conflicts(), 1);
    let change = &merge.changes[0];
    assert_eq!(change.conflict, Some(BOTH_CHANGED));
    assert_eq!(
        change.fields[0].canvas,
        Some(Value::from("The centre's title"))
    );
    assert_eq!(change.fields[0].file, Some(Value::from("The team's title")));
    assert_eq!(
        objective(&take_all(&canvas, &merge), &id).title,
        "The team's title"
    );
    let kept = apply(&canvas, &merge, &|_, _| false).unwrap();
    assert_eq!(objective(&kept, &id).title, "The centre's title");
}

#[test]
fn check_ins_added_on_both_sides_are_joined() {
    let ancestor = sample();
    let check_in = |date: &str, value: f64| crate::domain::model::CheckIn {
        date: date.into(),
        value,
        confidence: None,
        note: None,
    };
    let mut canvas = ancestor.clone();
    canvas.objectives[0].key_results[0]
        .check_ins
        .push(check_in("2099-01-02", 1.0));
    let mut file = ancestor.clone();
    file.objectives[0].key_results[0]
        .check_ins
        .push(check_in("2099-01-01", 2.0));
    let merge = plan(Some(&ancestor), &canvas, &file);
    assert_eq!(merge.conflicts(), 0);
    let merged = take_all(&canvas, &merge);
    let dates: Vec<&str> = merged.objectives[0].key_results[0]
        .check_ins
        .iter()
        .rev()
        .take(2)
        .map(|c| c.date.as_str())
        .collect();
    assert_eq!(dates, ["2099-01-02", "2099-01-01"]);
}

#[test]
fn removed_in_the_file_is_offered_and_edited_here_makes_it_a_conflict() {
    let ancestor = sample();
    let (from, to) = unaligned_and_top(&ancestor);
    let mut base = ancestor.clone();
    base.links
        .push(link(from.clone(), to.clone(), LinkKind::Soft));
    let mut file = base.clone();
    file.links.retain(|l| !(l.from == from && l.to == to));
    let merge = plan(Some(&base), &base, &file);
    assert_eq!(merge.changes.len(), 1);
    assert_eq!(merge.changes[0].kind, Kind::Removed);
    assert_eq!(merge.changes[0].conflict, None);
    assert!(!take_all(&base, &merge)
        .links
        .iter()
        .any(|l| l.from == from && l.to == to));
    // The centre gave the link a note meanwhile: removing it is a choice.
    let mut canvas = base.clone();
    canvas.links.last_mut().unwrap().note = Some("Why it matters".into());
    let merge = plan(Some(&base), &canvas, &file);
    assert_eq!(merge.changes[0].conflict, Some(EDITED_REMOVED));
}

#[test]
fn a_choice_that_would_break_a_rule_is_refused_whole() {
    let ancestor = sample();
    let (from, to) = unaligned_and_top(&ancestor);
    // The file links an objective the centre deleted meanwhile.
    let mut file = ancestor.clone();
    file.links
        .push(link(from.clone(), to.clone(), LinkKind::Hard));
    let mut canvas = ancestor.clone();
    canvas.objectives.retain(|o| o.id != to);
    canvas.links.retain(|l| l.to != to && l.from != to);
    canvas.layout.remove(&to);
    let merge = plan(Some(&ancestor), &canvas, &file);
    // Shown as a choice with the reason before anything is applied.
    let link = merge
        .changes
        .iter()
        .find(|c| matches!(&c.key, Key::Link { .. }))
        .unwrap();
    assert_eq!(link.conflict, Some(DANGLING));
    let Err(Refused(broken)) = apply(&canvas, &merge, &|_, c| matches!(&c.key, Key::Link { .. }))
    else {
        panic!("a link to a deleted objective must be refused");
    };
    assert!(!broken.is_empty());
}

#[test]
fn without_an_ancestor_every_difference_is_a_choice() {
    let canvas = sample();
    let mut file = canvas.clone();
    file.objectives[0].title = "Their title".into();
    file.objectives.pop();
    let merge = plan(None, &canvas, &file);
    assert!(!merge.three_way);
    assert!(merge
        .changes
        .iter()
        .all(|c| c.conflict == Some(NO_ANCESTOR)));
    assert!(merge.changes.iter().any(|c| c.kind == Kind::Removed));
}

#[test]
fn ten_returned_files_merge_one_after_another_without_losing_anyone_s_work() {
    let ancestor = crate::domain::generate::generate(40, 7);
    let mut canvas = ancestor.clone();
    canvas.objectives[0].title = "The centre's own change".into();
    for team in 1..=10 {
        let mut file = ancestor.clone();
        file.objectives[team].title = format!("Team {team}'s change");
        let merge = plan(Some(&ancestor), &canvas, &file);
        assert_eq!(merge.changes.len(), 1, "file {team}: {:?}", merge.changes);
        assert_eq!(merge.conflicts(), 0);
        canvas = take_all(&canvas, &merge);
        // The same file again brings nothing.
        assert!(plan(Some(&ancestor), &canvas, &file).changes.is_empty());
    }
    assert_eq!(canvas.objectives[0].title, "The centre's own change");
    for team in 1..=10 {
        assert_eq!(
            canvas.objectives[team].title,
            format!("Team {team}'s change")
        );
    }
}

#[test]
fn two_sides_giving_one_objective_different_hard_parents_is_a_choice_with_the_reason() {
    let ancestor = sample();
    let (from, to) = unaligned_and_top(&ancestor);
    let graph = AlignmentGraph::from_document(&ancestor).unwrap();
    let other = graph
        .valid_targets(&from)
        .into_iter()
        .find(|t| t.hard.is_ok() && t.id != to && objective_id(&ancestor, &t.id))
        .expect("a second possible parent")
        .id;
    let hard = |to: &str| link(from.clone(), to.to_string(), LinkKind::Hard);
    let mut canvas = ancestor.clone();
    canvas.links.push(hard(&to));
    let mut file = ancestor.clone();
    file.links.push(hard(&other));
    let merge = plan(Some(&ancestor), &canvas, &file);
    assert_eq!(merge.changes.len(), 1);
    assert_eq!(merge.changes[0].conflict, Some(SECOND_PARENT));
    // Taken anyway, it is refused whole; kept, the canvas stays as it is.
    assert!(apply(&canvas, &merge, &|_, _| true).is_err());
    assert_eq!(apply(&canvas, &merge, &|_, _| false).unwrap(), canvas);
}

#[test]
fn key_results_and_links_go_with_their_objective_as_one_change() {
    let ancestor = sample();
    // The file removes an objective with key results and a link, and adds
    // one with two key results.
    let removed = ancestor
        .objectives
        .iter()
        .find(|o| {
            !o.key_results.is_empty()
                && ancestor
                    .links
                    .iter()
                    .any(|l| l.from == o.id || l.to == o.id)
        })
        .expect("an objective with key results and a link")
        .clone();
    // Its links, to it or to its key results.
    let ends: Vec<&String> = std::iter::once(&removed.id)
        .chain(removed.key_results.iter().map(|kr| &kr.id))
        .collect();
    let linked = |l: &Link| ends.contains(&&l.from) || ends.contains(&&l.to);
    let links = ancestor.links.iter().filter(|l| linked(l)).count();
    let mut file = ancestor.clone();
    file.objectives.retain(|o| o.id != removed.id);
    file.links.retain(|l| !linked(l));
    let mut new = removed.clone();
    new.id = "o-new".into();
    new.title = "New".into();
    new.key_results.truncate(1);
    new.key_results[0].id = "kr-new-1".into();
    let mut second = new.key_results[0].clone();
    second.id = "kr-new-2".into();
    new.key_results.push(second);
    file.objectives.push(new);
    let canvas = ancestor.clone();
    let merge = plan(Some(&ancestor), &canvas, &file);
    assert_eq!(merge.changes.len(), 2, "{:#?}", merge.changes);
    let carried = |id: &str| {
        merge
            .changes
            .iter()
            .find(|c| c.key == Key::Objective(id.into()))
            .map(|c| c.carried.len())
    };
    assert_eq!(
        carried(&removed.id),
        Some(removed.key_results.len() + links)
    );
    assert_eq!(carried("o-new"), Some(2));
    assert!(summary(&merge.changes)
        .starts_with("1 objective added, 1 objective removed, 2 key results added"));
    // Taken, the file's objectives; kept, the canvas as it was.
    assert_eq!(take_all(&canvas, &merge).objectives, file.objectives);
    assert_eq!(apply(&canvas, &merge, &|_, _| false).unwrap(), canvas);
}
