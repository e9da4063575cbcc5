//! A card being pressed or dragged, and who takes part: a handle of its own,
//! read by every card and link while a drag runs, so it is kept cheap to ask.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::map::scene::DropTarget;

/// A card being pressed or dragged.
#[derive(Clone, Debug, PartialEq)]
pub struct Drag {
    pub id: String,
    pub pointer_id: i32,
    /// Where the press started, in screen pixels.
    pub start: (f64, f64),
    /// How far the card has moved, in world units.
    pub offset: (f64, f64),
    /// Whether the pointer has moved far enough for this to be a drag.
    pub active: bool,
    /// What the card is over, and whether a link to it is allowed.
    pub target: Option<(DropTarget, bool)>,
    /// The other selected cards, which move with it (and then nothing links).
    pub group: Vec<String>,
    /// Where on the card it was pressed, in world units from its corner.
    pub grip: (f64, f64),
}

impl Drag {
    /// Whether the card `id` moves with this drag.
    pub fn moves(&self, id: &str) -> bool {
        self.id == id || self.group.iter().any(|other| other == id)
    }
}

/// Who takes part in the current drag: the dragged card once the drag is
/// active, and the objective under it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DragRoles {
    pub dragged: Option<String>,
    pub target: Option<String>,
}

#[derive(Clone, Copy)]
pub struct Dragging {
    pub current: RwSignal<Option<Drag>>,
    /// The card being dragged and the card under it, which change far less
    /// often than the drag itself: cards and links read these first, so a
    /// pointer move re-runs only the dragged card, its links and the target.
    pub roles: Memo<DragRoles>,
    /// The same roles by card: asking whether one card is dragged (or under
    /// the drag) is woken only when that card's answer changes, not by every
    /// change of role among 2,000 cards.
    dragged_card: StoredValue<Selector<Option<String>>>,
    target_card: StoredValue<Selector<Option<String>>>,
    /// What the dragged card may link to, computed once when a drag starts.
    pub link_targets: StoredValue<HashSet<String>>,
    /// The other cards moving with the dragged one, once the drag is active.
    group: Memo<Vec<String>>,
}

impl Dragging {
    pub(super) fn new() -> Dragging {
        let current = RwSignal::new(None::<Drag>);
        let roles = Memo::new(move |_| {
            current.with(|d| DragRoles {
                dragged: d.as_ref().filter(|d| d.active).map(|d| d.id.clone()),
                target: d
                    .as_ref()
                    .and_then(|d| d.target.as_ref())
                    .map(|(t, _)| t.objective_id.clone()),
            })
        });
        Dragging {
            current,
            roles,
            dragged_card: StoredValue::new(Selector::new(move || {
                roles.with(|r| r.dragged.clone())
            })),
            target_card: StoredValue::new(Selector::new(move || roles.with(|r| r.target.clone()))),
            link_targets: StoredValue::new(HashSet::new()),
            group: Memo::new(move |_| {
                current.with(|d| {
                    d.as_ref()
                        .filter(|d| d.active)
                        .map(|d| d.group.clone())
                        .unwrap_or_default()
                })
            }),
        }
    }

    /// Whether the card `id` moves with the drag, dragged or carried along;
    /// tracked per card.
    pub fn moves(&self, id: &str) -> bool {
        self.is_dragged(id)
            || self
                .group
                .with(|group| group.iter().any(|other| other == id))
    }

    /// Whether the card `id` is being dragged; tracked per card.
    pub fn is_dragged(&self, id: &str) -> bool {
        self.dragged_card
            .with_value(|selector| selector.selected(&Some(id.to_string())))
    }

    /// Whether the card `id` is under the dragged card; tracked per card.
    pub fn is_drag_target(&self, id: &str) -> bool {
        self.target_card
            .with_value(|selector| selector.selected(&Some(id.to_string())))
    }
}
