//! Which modal dialog is open: one at a time, in one slot, so that opening a
//! dialog closes another and the map's keys ask one question — is a dialog
//! open? — instead of a list of flags kept in step by hand.

use leptos::prelude::*;

/// The modal dialogs that take the keys while they are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modal {
    LinkPicker,
    TeamForm,
    Share,
    Conflict,
    CanvasList,
    Scores,
    Teams,
    Merge,
    Sheet,
}

/// One dialog's view of the slot, read and set like a flag: `get` is whether
/// this dialog is the one open, `set(true)` opens it (closing any other), and
/// `set(false)` closes it if it is open.
#[derive(Clone, Copy)]
pub struct DialogFlag {
    slot: RwSignal<Option<Modal>>,
    modal: Modal,
}

impl DialogFlag {
    pub fn new(slot: RwSignal<Option<Modal>>, modal: Modal) -> Self {
        DialogFlag { slot, modal }
    }

    pub fn get(&self) -> bool {
        self.slot.with(|open| *open == Some(self.modal))
    }

    pub fn get_untracked(&self) -> bool {
        self.slot.with_untracked(|open| *open == Some(self.modal))
    }

    pub fn set(&self, open: bool) {
        if open {
            self.slot.set(Some(self.modal));
        } else if self.get_untracked() {
            self.slot.set(None);
        }
    }
}
