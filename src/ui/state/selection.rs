//! What is selected: nothing, one objective (the inspector shows it), several
//! objectives (moved, deleted, copied together), or a link. Plain data with
//! the rules of Shift+click and the drag box, so they are tested on the host.

/// The selection on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Selection {
    #[default]
    Nothing,
    Objective(String),
    /// Two or more objectives, in the order they were chosen.
    Cards(Vec<String>),
    Link {
        from: String,
        to: String,
    },
}

impl Selection {
    /// The selection of exactly `ids` (repeats dropped): nothing, one
    /// objective or several.
    pub fn of_cards(ids: Vec<String>) -> Selection {
        let mut unique: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        match unique.len() {
            0 => Selection::Nothing,
            1 => Selection::Objective(unique.remove(0)),
            _ => Selection::Cards(unique),
        }
    }

    /// The selected objectives, in the order they were chosen.
    pub fn objective_ids(&self) -> Vec<String> {
        match self {
            Selection::Objective(id) => vec![id.clone()],
            Selection::Cards(ids) => ids.clone(),
            Selection::Nothing | Selection::Link { .. } => Vec::new(),
        }
    }

    /// Whether the objective `id` is selected, alone or with others.
    pub fn has_card(&self, id: &str) -> bool {
        match self {
            Selection::Objective(selected) => selected == id,
            Selection::Cards(ids) => ids.iter().any(|selected| selected == id),
            Selection::Nothing | Selection::Link { .. } => false,
        }
    }

    /// Shift+click on the card `id`: added to the selected objectives, or
    /// taken out of them when it was one. A selected link gives way.
    pub fn toggled(&self, id: &str) -> Selection {
        let mut ids = self.objective_ids();
        if let Some(at) = ids.iter().position(|selected| selected == id) {
            ids.remove(at);
        } else {
            ids.push(id.to_string());
        }
        Selection::of_cards(ids)
    }

    /// The drag box: the objectives `ids` it touched, added to the selected
    /// ones.
    pub fn with_cards(&self, ids: impl IntoIterator<Item = String>) -> Selection {
        let mut all = self.objective_ids();
        all.extend(ids);
        Selection::of_cards(all)
    }

    /// The selection without the objectives that `exists` denies; a link is
    /// kept or dropped by `link_exists`.
    pub fn keeping(
        self,
        exists: impl Fn(&str) -> bool,
        link_exists: impl Fn(&str, &str) -> bool,
    ) -> Selection {
        match self {
            Selection::Nothing => Selection::Nothing,
            Selection::Link { from, to } if link_exists(&from, &to) => Selection::Link { from, to },
            Selection::Link { .. } => Selection::Nothing,
            cards => Selection::of_cards(
                cards
                    .objective_ids()
                    .into_iter()
                    .filter(|id| exists(id))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(ids: &[&str]) -> Selection {
        Selection::of_cards(ids.iter().map(|id| id.to_string()).collect())
    }

    #[test]
    fn shift_click_adds_and_removes_one_card_at_a_time() {
        let one = Selection::Nothing.toggled("a");
        assert_eq!(one, Selection::Objective("a".into()));
        let two = one.toggled("b");
        assert_eq!(two, Selection::Cards(vec!["a".into(), "b".into()]));
        assert!(two.has_card("a") && two.has_card("b") && !two.has_card("c"));
        // Taking one of two out leaves a single objective, for the inspector.
        assert_eq!(two.toggled("a"), Selection::Objective("b".into()));
        assert_eq!(
            Selection::Objective("a".into()).toggled("a"),
            Selection::Nothing
        );
        let link = Selection::Link {
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(link.toggled("c"), Selection::Objective("c".into()));
    }

    #[test]
    fn the_drag_box_adds_what_it_touched_once() {
        let selected = cards(&["a"]).with_cards(["b".to_string(), "a".to_string()]);
        assert_eq!(selected, cards(&["a", "b"]));
        assert_eq!(
            Selection::Nothing.with_cards(Vec::new()),
            Selection::Nothing
        );
        assert_eq!(cards(&["a", "a"]), Selection::Objective("a".into()));
    }

    #[test]
    fn deleted_cards_and_links_leave_the_selection() {
        let selected = cards(&["a", "b", "c"]);
        assert_eq!(
            selected.clone().keeping(|id| id != "b", |_, _| true),
            cards(&["a", "c"])
        );
        assert_eq!(
            selected.keeping(|id| id == "c", |_, _| true),
            Selection::Objective("c".into())
        );
        let link = Selection::Link {
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(link.clone().keeping(|_| true, |_, _| true), link);
        assert_eq!(link.keeping(|_| true, |_, _| false), Selection::Nothing);
    }
}
