//! Undo and redo: a bounded history of whole-document snapshots.
//!
//! Every change to the canvas is one named operation, and the document before
//! it is one entry here; a drag is one entry however many frames it lasted.
//! Snapshots are simple and always correct (no inverse operation can drift from
//! its forward one); the bound keeps memory in check on large canvases.

use std::collections::VecDeque;

/// Undo steps kept; the oldest are dropped first.
pub const HISTORY_LIMIT: usize = 100;

#[derive(Clone, Debug)]
pub struct History<T> {
    undo: VecDeque<(T, String)>,
    redo: Vec<(T, String)>,
    limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History::with_limit(HISTORY_LIMIT)
    }
}

impl<T> History<T> {
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records the state `before` a change described by `label`; a new change
    /// ends any redo.
    pub fn record(&mut self, before: T, label: impl Into<String>) {
        if self.undo.len() == self.limit {
            self.undo.pop_front();
        }
        self.undo.push_back((before, label.into()));
        self.redo.clear();
    }

    /// Steps back: takes the `current` state and returns the one before it,
    /// with the label of the change undone.
    pub fn undo(&mut self, current: T) -> Option<(T, String)> {
        let (previous, label) = self.undo.pop_back()?;
        self.redo.push((current, label.clone()));
        Some((previous, label))
    }

    /// Steps forward again after an undo.
    pub fn redo(&mut self, current: T) -> Option<(T, String)> {
        let (next, label) = self.redo.pop()?;
        self.undo.push_back((current, label.clone()));
        Some((next, label))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything, for a canvas opened from elsewhere.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let mut history = History::default();
        let mut state = 1;
        history.record(state, "add one");
        state = 2;
        history.record(state, "add another");
        state = 3;
        let (back, label) = history.undo(state).unwrap();
        assert_eq!((back, label.as_str()), (2, "add another"));
        let (back, _) = history.undo(back).unwrap();
        assert_eq!(back, 1);
        assert!(history.undo(back).is_none());
        let (forward, label) = history.redo(back).unwrap();
        assert_eq!((forward, label.as_str()), (2, "add one"));
        let (forward, _) = history.redo(forward).unwrap();
        assert_eq!(forward, 3);
        assert!(!history.can_redo());
    }

    #[test]
    fn a_new_change_ends_redo() {
        let mut history = History::default();
        history.record(1, "a");
        let (back, _) = history.undo(2).unwrap();
        assert!(history.can_redo());
        history.record(back, "b");
        assert!(!history.can_redo());
    }

    #[test]
    fn the_oldest_steps_fall_off_at_the_limit() {
        let mut history = History::with_limit(3);
        for i in 0..5 {
            history.record(i, format!("step {i}"));
        }
        let mut state = 5;
        let mut seen = Vec::new();
        while let Some((previous, _)) = history.undo(state) {
            seen.push(previous);
            state = previous;
        }
        assert_eq!(seen, vec![4, 3, 2]);
    }
}
