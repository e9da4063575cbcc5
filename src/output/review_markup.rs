//! What the Review panel lists, as markup: every quality hint grouped by
//! objective, and the alignment figures with their lists.
//!
//! Plain `markup` trees rather than Leptos views, for the reason the slides
//! are: the lists are rebuilt whole when the canvas changes and never edited
//! in place, and as data they cost a fraction of the bundle that the same
//! views cost and are tested on the host. Every entry is a `button` carrying
//! the objective's id; the panel handles their clicks with one listener.
//! Every text from the document goes in as text.

use crate::domain::health::Health;
use crate::domain::hints::Hints;
use crate::domain::model::{Document, IdMap, IdSet};
use crate::domain::numbers::percent;
use crate::output::markup::{el, plural, Element};

/// The tooltip of every entry.
const ENTRY_TITLE: &str = "Show this card on the map";

/// Which list of alignment health an entry is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthList {
    Unsupported,
    Realign,
    Unaligned,
    Standalone,
}

impl HealthList {
    pub const ALL: [HealthList; 4] = [
        HealthList::Unsupported,
        HealthList::Realign,
        HealthList::Unaligned,
        HealthList::Standalone,
    ];

    /// A stable kebab-case name, for attributes.
    pub fn slug(self) -> &'static str {
        match self {
            HealthList::Unsupported => "unsupported",
            HealthList::Realign => "realign",
            HealthList::Unaligned => "unaligned",
            HealthList::Standalone => "standalone",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            HealthList::Unsupported => "Company objectives nothing supports",
            HealthList::Realign => "To re-align: their parent was deleted",
            HealthList::Unaligned => "Team objectives supporting nothing yet",
            HealthList::Standalone => "Standing alone on purpose (mission OKRs)",
        }
    }

    /// What an empty list means, in words.
    fn empty(self) -> &'static str {
        match self {
            HealthList::Unsupported => "Every company objective has support from below.",
            HealthList::Realign => "Nothing to re-align: no objective has lost its parent.",
            HealthList::Unaligned => {
                "Every team objective is linked, or stands alone with a reason."
            }
            HealthList::Standalone => {
                "No objective stands alone. A team that cannot contribute to the company's \
                 objectives this cycle can keep a mission OKR and say why."
            }
        }
    }

    /// What the list says under each entry's title.
    fn detail(self) -> &'static str {
        match self {
            HealthList::Unsupported => "No team objective links to it or to its key results.",
            HealthList::Realign => {
                "Its parent was deleted: link it to another objective, or say why it stands \
                 alone."
            }
            HealthList::Unaligned => "Linked to nothing, and no reason to stand alone.",
            HealthList::Standalone => "Stands alone; no reason written yet.",
        }
    }
}

/// Every hint, grouped by objective in document order; the group of
/// `target` (the card the panel was opened at) is marked.
pub fn hints_markup(doc: &Document, hints: &Hints, target: Option<&str>) -> Element {
    let list = el("div", "review__list");
    if hints.is_empty() {
        return list.child(
            el("p", "review__empty")
                .attr("data-testid", "hints-empty")
                .text(
                    "No hints: no team has more than 5 objectives, each objective has 2–5 \
                 measurable key results, none reads like a task, and no commitment is in \
                 doubt.",
                ),
        );
    }
    let teams = team_names(doc);
    let summary = format!(
        "{} on {}. Hints are advice, never rules: the canvas stays as it is until you change \
         it.",
        plural(hints.len(), "hint", "hints"),
        plural(hints.objective_count(), "objective", "objectives")
    );
    let groups = doc.objectives.iter().filter_map(|objective| {
        let own = hints.of_objective(&objective.id);
        if own.is_empty() {
            return None;
        }
        let class = if target == Some(objective.id.as_str()) {
            "review__group review__group--target"
        } else {
            "review__group"
        };
        let heading_id = format!("hint-group-{}", element_id(&objective.id));
        let entries = own.iter().map(|hint| {
            let key = format!(
                "hint:{}:{}:{}",
                hint.objective,
                hint.kind.slug(),
                hint.key_result.as_deref().unwrap_or("")
            );
            let entry = el("button", "review__entry")
                .attr("type", "button")
                .attr("data-testid", "hint")
                .attr("data-okr-id", hint.objective.clone())
                .attr("data-hint-kind", hint.kind.slug())
                .attr("data-key", key)
                .attr("title", ENTRY_TITLE);
            let entry = match &hint.key_result {
                Some(id) => entry.attr("data-kr-id", id.clone()),
                None => entry,
            };
            el("li", "").child(
                entry
                    .child(el("span", "review__what").text(hint.message.clone()))
                    .child(el("span", "review__why").text(hint.why.clone())),
            )
        });
        Some(
            el("section", class)
                .attr("data-testid", "hint-group")
                .attr("data-okr-id", objective.id.clone())
                .attr("aria-labelledby", heading_id.clone())
                .child(
                    el("h3", "review__group-title")
                        .attr("id", heading_id)
                        .child(el("span", "review__title").text(objective.title.clone()))
                        .child(el("span", "review__team").text(team_name(&teams, &objective.team))),
                )
                .child(el("ul", "review__entries").children(entries)),
        )
    });
    list.child(
        el("p", "review__summary")
            .attr("data-testid", "hints-summary")
            .text(summary),
    )
    .children(groups)
}

/// The alignment figures, in words and as a bar, then each list.
pub fn health_markup(doc: &Document, health: &Health) -> Element {
    let figures = el("p", "review__figures")
        .attr("data-testid", "health-aligned")
        .attr("data-hard", health.hard.to_string())
        .attr("data-soft", health.soft_only.to_string())
        .attr("data-standalone", health.standalone.to_string())
        .attr("data-unaligned", health.unaligned.to_string())
        .attr("data-total", health.team_objectives.to_string());
    let mut list = el("div", "review__list");
    if health.team_objectives == 0 {
        list = list.child(figures.text(
            "No team objectives yet. Once departments and teams add theirs and link them to \
             the company's, this says how much of the organisation is aligned.",
        ));
    } else {
        let width = |share: f64| format!("width:{:.2}%", share * 100.0);
        let part = |class: &str, share: f64| el("span", class).attr("style", width(share));
        let swatch = |class: &str, label: &str| {
            el("li", "")
                .child(el("span", &format!("review__swatch {class}")))
                .text(label)
        };
        list = list
            .child(figures.text(format!(
                "{} of {} team objectives aligned: {} hard, {} soft only — {}",
                health.aligned(),
                health.team_objectives,
                health.hard,
                health.soft_only,
                percent(health.aligned_share())
            )))
            .child(
                el("div", "review__bar")
                    .attr("aria-hidden", "true")
                    .child(part("review__bar-part--hard", health.hard_share()))
                    .child(part("review__bar-part--soft", health.soft_only_share()))
                    .child(part(
                        "review__bar-part--standalone",
                        health.standalone_share(),
                    )),
            )
            .child(
                el("ul", "review__legend")
                    .attr("aria-hidden", "true")
                    .child(swatch("review__bar-part--hard", "hard"))
                    .child(swatch("review__bar-part--soft", "soft only"))
                    .child(swatch("review__bar-part--standalone", "standalone"))
                    .child(swatch("review__swatch--track", "not aligned")),
            )
            .child(
                el("p", "review__figures-rest")
                    .attr("data-testid", "health-rest")
                    .text(format!(
                        "{} standing alone with a reason, {} not aligned yet.",
                        health.standalone, health.unaligned
                    )),
            );
    }
    let names = ObjectiveNames::of(doc, health);
    for kind in HealthList::ALL {
        let entries: Vec<(&str, &str)> = match kind {
            HealthList::Unsupported => with_detail(&health.unsupported, kind.detail()),
            HealthList::Realign => with_detail(&health.realign, kind.detail()),
            HealthList::Unaligned => with_detail(&health.unaligned_objectives, kind.detail()),
            HealthList::Standalone => health
                .standalone_objectives
                .iter()
                .map(|s| {
                    let reason = if s.reason.trim().is_empty() {
                        kind.detail()
                    } else {
                        s.reason.as_str()
                    };
                    (s.objective.as_str(), reason)
                })
                .collect(),
        };
        list = list.child(health_section(kind, &entries, &names));
    }
    list
}

fn with_detail<'a>(ids: &'a [String], detail: &'a str) -> Vec<(&'a str, &'a str)> {
    ids.iter().map(|id| (id.as_str(), detail)).collect()
}

fn health_section(kind: HealthList, entries: &[(&str, &str)], names: &ObjectiveNames) -> Element {
    let heading_id = format!("health-{}", kind.slug());
    let section = el("section", "review__section")
        .attr("data-testid", "health-section")
        .attr("data-health-kind", kind.slug())
        .attr("aria-labelledby", heading_id.clone())
        .child(
            el("h3", "review__section-title")
                .attr("id", heading_id)
                .text(kind.heading())
                .child(el("span", "review__count").text(entries.len().to_string())),
        );
    if entries.is_empty() {
        return section.child(
            el("p", "review__empty")
                .attr("data-testid", "health-empty")
                .text(kind.empty()),
        );
    }
    let items = entries.iter().map(|&(id, detail)| {
        let (title, team) = names.title_and_team(id);
        el("li", "").child(
            el("button", "review__entry")
                .attr("type", "button")
                .attr("data-testid", "health-entry")
                .attr("data-okr-id", id)
                .attr("data-health-kind", kind.slug())
                .attr("data-key", format!("health:{}:{id}", kind.slug()))
                .attr("title", ENTRY_TITLE)
                .child(
                    el("span", "review__what")
                        .child(el("span", "review__title").text(title))
                        .child(el("span", "review__team").text(team)),
                )
                .child(el("span", "review__why").text(detail)),
        )
    });
    section.child(el("ul", "review__entries").children(items))
}

/// The title and team name of each objective the health lists name.
struct ObjectiveNames<'a> {
    names: IdMap<&'a str, (&'a str, &'a str)>,
}

impl<'a> ObjectiveNames<'a> {
    fn of(doc: &'a Document, health: &'a Health) -> Self {
        let listed: IdSet<&str> = health
            .unsupported
            .iter()
            .chain(&health.realign)
            .chain(&health.unaligned_objectives)
            .chain(health.standalone_objectives.iter().map(|s| &s.objective))
            .map(String::as_str)
            .collect();
        let teams = team_names(doc);
        let names = doc
            .objectives
            .iter()
            .filter(|o| listed.contains(o.id.as_str()))
            .map(|o| {
                let team = teams.get(o.team.as_str()).copied().unwrap_or(&o.team);
                (o.id.as_str(), (o.title.as_str(), team))
            })
            .collect();
        ObjectiveNames { names }
    }

    /// The objective's title and team name (the id itself for an unknown one).
    fn title_and_team<'b>(&'b self, id: &'b str) -> (&'b str, &'b str) {
        self.names.get(id).copied().unwrap_or((id, ""))
    }
}

/// Team id → name.
fn team_names(doc: &Document) -> IdMap<&str, &str> {
    doc.teams
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect()
}

fn team_name(teams: &IdMap<&str, &str>, id: &str) -> String {
    teams.get(id).copied().unwrap_or(id).to_string()
}

/// An id as part of an element id: ids are `[A-Za-z0-9_.-]`; the dot, which
/// would read as a class in a selector, becomes `_`.
fn element_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::hints::HintKind;
    use crate::output::markup::Element;

    use crate::domain::sample_document as sample;

    fn by_testid<'a>(tree: &'a Element, testid: &str) -> Vec<&'a Element> {
        tree.descendants()
            .into_iter()
            .filter(|e| e.get("data-testid") == Some(testid))
            .collect()
    }

    /// The sample without its one hint (a key result of o-int-self-serve
    /// that reads like a task).
    fn without_hints() -> Document {
        let mut doc = sample();
        for objective in &mut doc.objectives {
            objective
                .key_results
                .retain(|kr| kr.id != "kr-int-setup-wizard");
        }
        assert!(Hints::of(&doc).is_empty());
        doc
    }

    /// The sample with hints on o-reliable (one key result) and o-mkt-brand
    /// only, and a title that would be markup if it were parsed.
    fn with_hints() -> Document {
        let mut doc = without_hints();
        for objective in &mut doc.objectives {
            if objective.id == "o-reliable" {
                objective.key_results.truncate(1);
                objective.title = "<b>Reliable</b> & fast".into();
            }
            if objective.id == "o-mkt-brand" {
                objective.key_results[0].title = "Launch the brand site".into();
            }
        }
        doc
    }

    #[test]
    fn no_hints_is_said_in_words() {
        let doc = without_hints();
        let tree = hints_markup(&doc, &Hints::of(&doc), None);
        let empty = by_testid(&tree, "hints-empty");
        assert_eq!(empty.len(), 1);
        assert!(empty[0].text_content().starts_with("No hints"));
        assert!(by_testid(&tree, "hint").is_empty());
    }

    #[test]
    fn hints_are_grouped_by_objective_in_document_order_with_what_and_why() {
        let doc = with_hints();
        let hints = Hints::of(&doc);
        let tree = hints_markup(&doc, &hints, Some("o-mkt-brand"));
        let groups = by_testid(&tree, "hint-group");
        assert_eq!(
            groups
                .iter()
                .map(|g| g.get("data-okr-id").unwrap_or(""))
                .collect::<Vec<_>>(),
            ["o-reliable", "o-mkt-brand"]
        );
        // The title stays text: it is a text node, never parsed.
        assert!(groups[0]
            .text_content()
            .starts_with("<b>Reliable</b> & fast"));
        assert!(groups[0].text_content().contains("Acme"));
        assert_eq!(groups[0].get("class"), Some("review__group"));
        assert_eq!(
            groups[1].get("class"),
            Some("review__group review__group--target")
        );
        let entries = by_testid(&tree, "hint");
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| e.tag == "button"));
        assert_eq!(
            entries[0].get("data-hint-kind"),
            Some(HintKind::TooFewKeyResults.slug())
        );
        assert_eq!(entries[0].get("data-kr-id"), None);
        assert_eq!(
            entries[1].get("data-hint-kind"),
            Some(HintKind::ActivityKeyResult.slug())
        );
        assert_eq!(entries[1].get("data-kr-id"), Some("kr-mkt-awareness"));
        assert_eq!(
            entries[1].text_content(),
            format!(
                "“Launch the brand site” reads like an activity.{}",
                HintKind::ActivityKeyResult.why()
            )
        );
        assert_eq!(
            by_testid(&tree, "hints-summary")[0].text_content(),
            "2 hints on 2 objectives. Hints are advice, never rules: the canvas stays as it is \
             until you change it."
        );
    }

    #[test]
    fn the_health_figures_and_every_list_are_shown_empty_lists_in_words() {
        let doc = sample();
        let health = Health::of(&doc, &BTreeSet::new());
        let tree = health_markup(&doc, &health);
        let figures = by_testid(&tree, "health-aligned")[0];
        assert_eq!(
            figures.text_content(),
            "19 of 21 team objectives aligned: 17 hard, 2 soft only — 90%"
        );
        assert_eq!(figures.get("data-hard"), Some("17"));
        assert_eq!(figures.get("data-soft"), Some("2"));
        assert_eq!(figures.get("data-total"), Some("21"));
        let sections = by_testid(&tree, "health-section");
        assert_eq!(
            sections
                .iter()
                .map(|s| s.get("data-health-kind").unwrap_or(""))
                .collect::<Vec<_>>(),
            ["unsupported", "realign", "unaligned", "standalone"]
        );
        // Empty lists say so; the others list their objectives.
        assert_eq!(by_testid(sections[0], "health-empty").len(), 1);
        assert_eq!(by_testid(sections[1], "health-empty").len(), 1);
        let unaligned = by_testid(sections[2], "health-entry");
        assert_eq!(unaligned.len(), 1);
        assert_eq!(unaligned[0].get("data-okr-id"), Some("o-mkt-community"));
        assert_eq!(unaligned[0].get("data-health-kind"), Some("unaligned"));
        let standalone = by_testid(sections[3], "health-entry");
        assert_eq!(standalone[0].get("data-okr-id"), Some("o-plat-builds"));
        assert!(standalone[0]
            .text_content()
            .contains("The platform team's mission OKR"));
    }

    #[test]
    fn a_canvas_without_team_objectives_says_what_the_figures_will_say() {
        let mut doc = sample();
        doc.objectives.retain(|o| o.team == "acme");
        doc.links.clear();
        let health = Health::of(&doc, &BTreeSet::new());
        let tree = health_markup(&doc, &health);
        let figures = by_testid(&tree, "health-aligned")[0];
        assert!(figures
            .text_content()
            .starts_with("No team objectives yet."));
        assert_eq!(figures.get("data-total"), Some("0"));
        // Then every company objective is unsupported.
        assert_eq!(by_testid(&tree, "health-entry").len(), 4);
    }

    #[test]
    fn element_ids_from_objective_ids_hold_no_selector_characters() {
        assert_eq!(element_id("o-1.a_b"), "o-1_a_b");
    }
}
