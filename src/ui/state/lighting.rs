//! How the map shows each card and link: lit, dimmed or hidden. Two things
//! decide it: focus mode (what does not support the focused objective is
//! dimmed) and the filter (what it leaves out is dimmed or hidden, as the
//! person chose). Cards, links and the drawn map all ask here, so the three
//! never disagree.

use crate::domain::model::LinkKind;
use crate::map::filter::{FilterMode, Filtered};

use super::Focus;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shade {
    Lit,
    Dimmed,
    Hidden,
}

/// What is lit, borrowed from the state for one question or one frame.
pub struct Lighting<'a> {
    pub focus: Option<&'a Focus>,
    pub filtered: &'a Filtered,
}

impl Lighting<'_> {
    /// The objective `id`'s card.
    pub fn card(&self, id: &str) -> Shade {
        let filtered_out = self.filtered.leaves_out(id);
        self.shade(filtered_out, self.focus.is_some_and(|f| !f.lights(id)))
    }

    /// A link of `kind` from `from` to (a key result of) `to_objective`.
    pub fn link(&self, from: &str, to_objective: &str, kind: LinkKind) -> Shade {
        let filtered_out = self.filtered.leaves_out_link(from, to_objective, kind);
        let unfocused = self
            .focus
            .is_some_and(|f| !(f.lights(from) && f.lights(to_objective)));
        self.shade(filtered_out, unfocused)
    }

    fn shade(&self, filtered_out: bool, unfocused: bool) -> Shade {
        match (filtered_out, self.filtered.mode) {
            (true, FilterMode::Hide) => Shade::Hidden,
            (true, FilterMode::Dim) => Shade::Dimmed,
            (false, _) if unfocused => Shade::Dimmed,
            (false, _) => Shade::Lit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::ObjectiveKind;
    use crate::map::filter::Filter;

    use crate::domain::sample_document as sample;

    #[test]
    fn the_filter_dims_or_hides_and_focus_only_dims() {
        let doc = sample();
        let committed = Filter {
            kinds: [ObjectiveKind::Committed].into(),
            ..Filter::default()
        };
        let dimmed = committed.apply(&doc, &|_| None);
        let lighting = Lighting {
            focus: None,
            filtered: &dimmed,
        };
        assert_eq!(lighting.card("o-reliable"), Shade::Lit);
        assert_eq!(lighting.card("o-grow-arr"), Shade::Dimmed);
        // A committed child of an aspirational parent: its link goes with the parent.
        assert_eq!(
            lighting.link("o-rev-payback", "o-efficient", LinkKind::Hard),
            Shade::Lit
        );
        assert_eq!(
            lighting.link("o-rev-enterprise", "o-grow-arr", LinkKind::Hard),
            Shade::Dimmed
        );

        let hidden = Filter {
            mode: FilterMode::Hide,
            ..committed
        }
        .apply(&doc, &|_| None);
        let focus = Focus::of(&doc, "o-grow-arr");
        let lighting = Lighting {
            focus: focus.as_ref(),
            filtered: &hidden,
        };
        // Hidden by the filter, whatever the focus; lit by the filter but
        // outside the focus, dimmed.
        assert_eq!(lighting.card("o-grow-arr"), Shade::Hidden);
        assert_eq!(lighting.card("o-reliable"), Shade::Dimmed);
        assert_eq!(
            lighting.link("o-rev-enterprise", "o-grow-arr", LinkKind::Hard),
            Shade::Hidden
        );
    }
}
