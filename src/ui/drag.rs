//! A card press that becomes a move or a link proposal: pressed and released
//! in place it selects; moved past a small threshold it drags; released over
//! empty canvas the card moves, over a valid target the hard/soft chooser
//! opens, over an invalid one a notice gives the core's reason.
//!
//! The same steps serve a press on a card's markup and a press on a card
//! drawn on the far-zoomed map, which has no markup to press, so they live
//! here rather than in either component.

use std::collections::HashSet;

use leptos::prelude::*;
use web_sys::PointerEvent;

use super::state::{AppState, Drag, PendingLink, Selection, Shade};
use crate::domain::graph::AlignmentGraph;
use crate::domain::model::LinkKind;

/// How far, in screen pixels, a press must move before it is a drag.
const DRAG_THRESHOLD: f64 = 4.0;

/// A press on the card `id` begins: nothing moves until the threshold. When
/// the card is one of several selected, they all move together.
pub fn press(state: AppState, id: String, event: &PointerEvent) {
    let start = (f64::from(event.client_x()), f64::from(event.client_y()));
    let group = state.selection.with_untracked(|s| match s {
        Selection::Cards(ids) if ids.contains(&id) => {
            ids.iter().filter(|other| **other != id).cloned().collect()
        }
        _ => Vec::new(),
    });
    let (x, y) = state.viewport.world_point(start.0, start.1);
    let grip = state
        .scene
        .with_untracked(|s| s.card(&id).map(|c| (x - c.rect.x, y - c.rect.y)))
        .unwrap_or_default();
    state.dragging.current.set(Some(Drag {
        id,
        pointer_id: event.pointer_id(),
        start,
        offset: (0.0, 0.0),
        active: false,
        target: None,
        group,
        grip,
    }));
}

/// Whether `event` belongs to the press in progress.
pub fn is_pressing(state: AppState, event: &PointerEvent) -> bool {
    state.dragging.current.with_untracked(|d| {
        d.as_ref()
            .is_some_and(|d| d.pointer_id == event.pointer_id())
    })
}

/// The pointer moved: past the threshold the card follows it, and the card
/// or key-result row under it becomes the target.
pub fn move_to(state: AppState, event: &PointerEvent) {
    let Some(mut drag) = state
        .dragging
        .current
        .get_untracked()
        .filter(|d| d.pointer_id == event.pointer_id())
    else {
        return;
    };
    let (client_x, client_y) = (f64::from(event.client_x()), f64::from(event.client_y()));
    let (dx, dy) = (client_x - drag.start.0, client_y - drag.start.1);
    if !drag.active {
        if dx.hypot(dy) < DRAG_THRESHOLD {
            return;
        }
        drag.active = true;
        state
            .dragging
            .link_targets
            .set_value(link_targets_of(state, &drag.id));
    }
    let view = state.viewport.view.get_untracked();
    drag.offset = (dx / view.scale, dy / view.scale);
    // Several cards only move: there is no one card to link.
    if !drag.group.is_empty() {
        state.dragging.current.set(Some(drag));
        return;
    }
    let (x, y) = state.viewport.world_point(client_x, client_y);
    drag.target = state
        .scene
        .with_untracked(|s| s.drop_target_at(x, y, &drag.id))
        // A card the filter hides is no target.
        .filter(|target| {
            state.with_lighting_untracked(|l| l.card(&target.objective_id) != Shade::Hidden)
        })
        .map(|target| {
            let valid = state
                .dragging
                .link_targets
                .with_value(|v| v.contains(&target.id));
            (target, valid)
        });
    state.dragging.current.set(Some(drag));
}

/// The press ends: `released` is false when the browser cancelled it.
pub fn finish(state: AppState, event: &PointerEvent, released: bool) {
    let Some(drag) = state
        .dragging
        .current
        .get_untracked()
        .filter(|d| d.pointer_id == event.pointer_id())
    else {
        return;
    };
    state.dragging.current.set(None);
    if !drag.active {
        if released {
            state.select(Selection::Objective(drag.id));
            state.inspector_open.set(true);
        }
        return;
    }
    if !drag.group.is_empty() {
        if released {
            let moved: Vec<String> = std::iter::once(drag.id).chain(drag.group).collect();
            state.move_cards(&moved, drag.offset);
        }
        return;
    }
    if !released {
        return;
    }
    match drag.target {
        Some((target, true)) => state.pending_link.set(Some(PendingLink {
            from: drag.id,
            to: target.id,
        })),
        Some((target, false)) => state
            .notices
            .error(refusal_reason(state, &drag.id, &target.id)),
        None => {
            if let Some(rect) = state
                .scene
                .with_untracked(|s| s.card(&drag.id).map(|c| c.rect))
            {
                state.move_card(&drag.id, rect.x + drag.offset.0, rect.y + drag.offset.1);
            }
        }
    }
}

/// Every objective or key result `from` may link to, hard or soft.
fn link_targets_of(state: AppState, from: &str) -> HashSet<String> {
    state.with_document_untracked(|doc| {
        AlignmentGraph::from_document(doc)
            .map(|graph| {
                graph
                    .valid_targets(from)
                    .into_iter()
                    .filter(|t| t.hard.is_ok() || t.soft.is_ok())
                    .map(|t| t.id)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Why `from` cannot link to `to` at all, in the core's words.
fn refusal_reason(state: AppState, from: &str, to: &str) -> String {
    state.with_document_untracked(|doc| {
        let Ok(graph) = AlignmentGraph::from_document(doc) else {
            return "These cards cannot be linked.".to_string();
        };
        match graph.check_link(from, to, LinkKind::Soft) {
            Err(error) => error.to_string(),
            Ok(()) => match graph.check_link(from, to, LinkKind::Hard) {
                Err(error) => error.to_string(),
                Ok(()) => "These cards cannot be linked.".to_string(),
            },
        }
    })
}
