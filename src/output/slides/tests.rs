use super::*;

use crate::domain::model::{Position, Team};
use crate::domain::progress::compute_progress;
use crate::domain::sample_document as sample;

const KR_NEW_LOGOS: &str = "New customers signed this quarter";

fn deck_of(doc: &Document) -> Deck {
    let progress = compute_progress(doc);
    let scene = Scene::build(doc, &|id| progress.get(id).copied().unwrap_or(0.0));
    Deck::build(doc, &scene)
}

/// The overview and each objective's first slide.
fn first_slides(deck: &Deck) -> Vec<Slide> {
    deck.slides
        .iter()
        .filter(|s| s.part_index() == 0)
        .cloned()
        .collect()
}

fn objective_slide<'a>(deck: &'a Deck, id: &str) -> &'a ObjectiveSlide {
    match &deck.slides[deck.slide_of(id).expect("has a slide")] {
        Slide::Objective(slide) => slide,
        Slide::Overview(_) => unreachable!(),
    }
}

fn ids(lines: &[SupporterLine]) -> Vec<(&str, usize)> {
    lines
        .iter()
        .map(|l| (l.headline.id.as_str(), l.depth))
        .collect()
}

#[test]
fn the_sample_has_an_overview_then_a_slide_per_company_objective_in_canvas_order() {
    let doc = sample();
    let progress = compute_progress(&doc);
    let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
    let deck = Deck::build(&doc, &scene);
    assert!(matches!(&deck.slides[0], Slide::Overview(part) if part.rows == (0..4)));
    // An objective with more than a slide holds continues on the next.
    let deck = Deck {
        slides: first_slides(&deck),
        ..deck
    };
    assert_eq!(deck.slides.len(), 5);
    assert_eq!(deck.top_level, Level::Company);
    let xs: Vec<f64> = deck.slides[1..]
        .iter()
        .map(|s| scene.card(s.objective_id().unwrap()).unwrap().rect.x)
        .collect();
    assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{xs:?}");
    let slide_ids: Vec<&str> = deck.slides[1..]
        .iter()
        .filter_map(Slide::objective_id)
        .collect();
    let top_ids: Vec<&str> = deck.top.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(slide_ids, top_ids);
    let mut sorted = slide_ids.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["o-efficient", "o-first-week", "o-grow-arr", "o-reliable"]
    );
    // 21 objectives below the company, one standalone, one not aligned.
    assert_eq!((deck.aligned, deck.alignable), (19, 20));
}

#[test]
fn moving_a_company_card_reorders_the_slides() {
    let mut doc = sample();
    let before = deck_of(&doc);
    let last = before
        .slides
        .last()
        .unwrap()
        .objective_id()
        .unwrap()
        .to_string();
    doc.layout
        .insert(last.clone(), Position { x: -5000.0, y: 0.0 });
    let after = deck_of(&doc);
    assert_eq!(after.slides[1].objective_id(), Some(last.as_str()));
}

#[test]
fn a_slide_lists_the_hard_subtree_by_department_then_soft_links() {
    let deck = deck_of(&sample());
    let slide = objective_slide(&deck, "o-grow-arr");
    assert_eq!(slide.key_results.len(), 3);
    assert_eq!(slide.key_results[0].id, "kr-arr");
    let groups: Vec<&str> = slide.hard.iter().map(|g| g.team_name.as_str()).collect();
    assert_eq!(groups, ["Product & Engineering", "Revenue"]);
    assert_eq!(
        ids(&slide.hard[0].supporters),
        [("o-eng-erp", 1), ("o-int-connectors", 2)]
    );
    assert_eq!(
        slide.hard[0].supporters[0].via_key_result.as_deref(),
        Some(KR_NEW_LOGOS)
    );
    assert_eq!(slide.hard[1].supporters[0].via_key_result, None);
    assert_eq!(
        ids(&slide.hard[1].supporters),
        [
            ("o-rev-enterprise", 1),
            ("o-ent-pipeline", 2),
            ("o-ent-references", 2),
            ("o-rev-expansion", 1)
        ]
    );
    assert_eq!(slide.hard_count(), 6);
    let soft: Vec<&str> = slide.soft.iter().map(|s| s.headline.id.as_str()).collect();
    assert_eq!(soft, ["o-mkt-brand"]);
    assert!(slide.soft[0].note.as_deref().unwrap().contains("Brand"));
    // Marketing sits under Revenue, which works on this objective.
    assert_eq!(slide.unaligned_nearby, 1);
    assert_eq!(objective_slide(&deck, "o-reliable").unaligned_nearby, 0);
}

#[test]
fn a_subtree_stays_under_its_own_department_when_departments_interleave() {
    let mut doc = sample();
    // o-grow-arr's direct children in link order become Revenue,
    // Engineering, Revenue: the second Revenue child's subtree must stay
    // under Revenue.
    let position =
        |doc: &Document, from: &str| doc.links.iter().position(|l| l.from == from).unwrap();
    let erp = doc.links.remove(position(&doc, "o-eng-erp"));
    let enterprise = position(&doc, "o-rev-enterprise");
    doc.links.insert(enterprise, erp);
    let expansion = doc.links.remove(position(&doc, "o-rev-expansion"));
    doc.links.insert(0, expansion);
    let references = doc.links.remove(position(&doc, "o-ent-references"));
    doc.links.push(references);
    let deck = deck_of(&doc);
    let slide = objective_slide(&deck, "o-grow-arr");
    let groups: Vec<(&str, Vec<(&str, usize)>)> = slide
        .hard
        .iter()
        .map(|g| (g.team_name.as_str(), ids(&g.supporters)))
        .collect();
    assert_eq!(
        groups,
        [
            (
                "Revenue",
                vec![
                    ("o-rev-expansion", 1),
                    ("o-rev-enterprise", 1),
                    ("o-ent-pipeline", 2),
                    ("o-ent-references", 2)
                ]
            ),
            (
                "Product & Engineering",
                vec![("o-eng-erp", 1), ("o-int-connectors", 2)]
            ),
        ]
    );
}

#[test]
fn an_objective_linked_hard_and_soft_counts_once() {
    let deck = deck_of(&sample());
    let slide = objective_slide(&deck, "o-reliable");
    // o-plat-month-end is in the hard subtree and soft-linked to kr-p95.
    assert_eq!((slide.hard_count(), slide.soft.len()), (3, 1));
    assert_eq!(slide.supporter_count, 3);
    assert_eq!(objective_slide(&deck, "o-grow-arr").supporter_count, 7);
}

#[test]
fn the_markup_lists_supporters_in_order_and_keeps_text_as_text() {
    let mut doc = sample();
    let hostile = "<img src=x onerror=alert(1)> & \"quotes\"";
    doc.objectives
        .iter_mut()
        .find(|o| o.id == "o-rev-enterprise")
        .unwrap()
        .title = hostile.to_string();
    let deck = deck_of(&doc);
    // Every slide of the objective, as one tree: it may continue on more.
    let tree = el("div", "").children(
        (0..deck.slides.len())
            .filter(|&i| deck.slides[i].objective_id() == Some("o-grow-arr"))
            .map(|i| deck.markup(i)),
    );
    let supporters: Vec<(&str, &str)> = tree
        .descendants()
        .into_iter()
        .filter(|e| e.get("data-testid") == Some("slide-supporter"))
        .map(|e| {
            (
                e.get("data-okr-id").unwrap(),
                e.get("data-link-kind").unwrap(),
            )
        })
        .collect();
    assert_eq!(supporters.len(), 7);
    let soft: Vec<&str> = supporters
        .iter()
        .filter(|(_, kind)| *kind == "soft")
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(soft, ["o-mkt-brand"]);
    // The hostile title is one text node, never an element.
    assert!(tree.text_content().contains(hostile));
    assert!(tree.descendants().iter().all(|e| e.tag != "img"));
    // The overview's markup names every company objective.
    let overview = deck.markup(0);
    let rows = overview
        .descendants()
        .into_iter()
        .filter(|e| e.get("class") == Some("slide__overview-row"))
        .count();
    assert_eq!(rows, 4);
}

#[test]
fn yardsticks_follow_the_kind() {
    let aspirational = Yardstick::of(ObjectiveKind::Aspirational, 0.35);
    assert_eq!(aspirational.verdict(), "50% of the way to success");
    assert!(Yardstick::of(ObjectiveKind::Aspirational, 0.7).met());
    let committed = Yardstick::of(ObjectiveKind::Committed, 0.7);
    assert!(!committed.met());
    assert_eq!(committed.verdict(), "70% of the way to success");
    assert_eq!(
        Yardstick::of(ObjectiveKind::Committed, f64::NAN).share_of_success,
        0.0
    );
    assert_eq!(
        Yardstick::of(ObjectiveKind::Committed, 1.0).verdict(),
        "Success"
    );
}

#[test]
fn values_read_with_their_unit() {
    let cases = [
        (
            2e6,
            3.1e6,
            5e6,
            Some("EUR"),
            "3,100,000 EUR of 5,000,000 EUR (from 2,000,000 EUR)",
        ),
        (10.0, 42.0, 60.0, Some("%"), "42% of 60% (from 10%)"),
        (0.0, 3.0, 5.0, None, "3 of 5 (from 0)"),
        (1.0, 1.6, 2.0, Some("x"), "1.6× of 2× (from 1×)"),
        (
            21.0,
            14.0,
            7.0,
            Some("days"),
            "14 days, down to 7 days (from 21 days)",
        ),
        (14.0, 14.0, 7.0, Some("%"), "14%, down to 7% (from 14%)"),
    ];
    for (start, current, target, unit, said) in cases {
        assert_eq!(key_result_values(start, current, target, unit), said);
    }
}

#[test]
fn an_empty_canvas_has_only_the_overview_and_no_company_falls_back_to_the_top_level() {
    let deck = deck_of(&Document::new("Empty"));
    assert_eq!(
        deck.slides,
        [Slide::Overview(OverviewPart {
            rows: 0..0,
            index: 0,
            count: 1
        })]
    );
    assert!(deck.top.is_empty());

    let mut doc = sample();
    let company: Vec<String> = doc
        .teams
        .iter()
        .filter(|t| t.level == Level::Company)
        .map(|t| t.id.clone())
        .collect();
    doc.objectives.retain(|o| !company.contains(&o.team));
    doc.links
        .retain(|l| doc.objectives.iter().any(|o| o.id == l.from));
    doc.teams.retain(|t: &Team| t.level != Level::Company);
    for team in &mut doc.teams {
        if team.parent.as_ref().is_some_and(|p| company.contains(p)) {
            team.parent = None;
        }
    }
    doc.links.retain(|l| {
        doc.objectives
            .iter()
            .any(|o| o.id == l.to || o.key_results.iter().any(|k| k.id == l.to))
    });
    let deck = deck_of(&doc);
    assert_eq!(deck.top_level, Level::Department);
    assert_eq!(first_slides(&deck).len(), 1 + 7);
}

#[test]
fn every_slide_of_an_objective_names_its_place_among_the_top_ones() {
    let deck = deck_of(&sample());
    for (index, slide) in deck.slides.iter().enumerate().skip(1) {
        let id = slide.objective_id().unwrap();
        let place = deck.top.iter().position(|h| h.id == id).unwrap() + 1;
        let eyebrow = deck
            .markup(index)
            .descendants()
            .into_iter()
            .find(|e| e.get("class") == Some("slide__eyebrow"))
            .map(|e| e.text_content())
            .unwrap();
        assert!(
            eyebrow.contains(&format!("objective {place} of 4")),
            "{eyebrow}"
        );
    }
}

#[test]
fn the_objectives_that_might_join_are_named() {
    let titles = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let cases = [
        (0, titles(&[]), ""),
        (
            1,
            titles(&["Grow a community"]),
            "Not aligned yet, from a team already working on this: “Grow a community”. It might support this.",
        ),
        (
            2,
            titles(&["A", "B"]),
            "Not aligned yet, from teams already working on this: “A” and “B”. They might support this.",
        ),
        (
            5,
            titles(&["A", "B"]),
            "Not aligned yet, from teams already working on this: “A”, “B” and 3 more. They might support this.",
        ),
    ];
    for (count, names, said) in cases {
        assert_eq!(nearby_text(count, &names), said);
    }
}

#[test]
fn statuses_come_from_the_readings_given() {
    use crate::domain::status::Reading;
    let deck = deck_of(&sample());
    let reading = |h: &Headline, status| Reading {
        status,
        progress: h.progress,
        expected: None,
        kind: h.kind,
        basis: Basis::Pace,
    };
    let at_risk = deck
        .top
        .iter()
        .map(|h| (h.id.clone(), reading(h, Status::AtRisk)))
        .collect();
    let deck = deck.with_readings(&at_risk);
    assert!(deck.top.iter().all(|h| h.status == Some(Status::AtRisk)));
    let shown = |deck: &Deck| {
        deck.markup(1)
            .descendants()
            .into_iter()
            .find(|e| e.get("data-testid") == Some("slide-status"))
            .map(|e| e.text_content())
    };
    assert_eq!(shown(&deck).as_deref(), Some("! At risk"));
    // Without the cycle's dates, no status is shown.
    let no_cycle = deck
        .top
        .iter()
        .map(|h| (h.id.clone(), reading(h, Status::NoCycle)))
        .collect();
    assert_eq!(shown(&deck.with_readings(&no_cycle)), None);
}

#[test]
fn owners_and_a_status_set_by_hand_are_said_on_the_slide() {
    use crate::domain::status::Reading;
    let mut doc = sample();
    let top = deck_of(&doc).top[0].id.clone();
    let objective = doc.objectives.iter_mut().find(|o| o.id == top).unwrap();
    objective.owner = Some("Dana Kim".into());
    objective.key_results[0].owner = Some("Lee Park".into());
    let deck = deck_of(&doc);
    let headline = &deck.top[0];
    let judged = Reading {
        status: Status::AtRisk,
        progress: headline.progress,
        expected: None,
        kind: headline.kind,
        basis: Basis::ByHand,
    };
    let deck = deck.with_readings(&[(top.clone(), judged)].into_iter().collect());
    let text = deck.markup(deck.slide_of(&top).unwrap()).text_content();
    assert!(text.contains("owner Dana Kim"), "{text}");
    assert!(text.contains(" · Lee Park"), "{text}");
    assert!(text.contains("! At risk (set by hand)"), "{text}");
}

#[test]
fn many_top_objectives_spread_over_overview_slides_each_shown_once() {
    let mut doc = sample();
    let company = doc
        .teams
        .iter()
        .find(|t| t.level == Level::Company)
        .unwrap()
        .id
        .clone();
    for n in 0..14 {
        doc.objectives.push(Objective::new(
            format!("o-extra-{n}"),
            company.clone(),
            format!("Another company objective with a title long enough to wrap, number {n}"),
        ));
    }
    let deck = deck_of(&doc);
    let parts: Vec<&OverviewPart> = deck
        .slides
        .iter()
        .map_while(|s| match s {
            Slide::Overview(part) => Some(part),
            _ => None,
        })
        .collect();
    assert!(parts.len() >= 3, "{parts:?}");
    // Every top objective once, in order, and the slides say which of how many.
    let shown: Vec<usize> = parts.iter().flat_map(|p| p.rows.clone()).collect();
    assert_eq!(shown, (0..deck.top.len()).collect::<Vec<_>>());
    assert!(parts
        .iter()
        .enumerate()
        .all(|(i, p)| p.index == i && p.count == parts.len() && !p.rows.is_empty()));
    assert_eq!(deck.slides[1].label(), "Overview, continued");
    let eyebrow = deck.markup(1).text_content();
    assert!(
        eyebrow.contains(&format!("2 of {}", parts.len())),
        "{eyebrow}"
    );
    // The objectives' slides follow the overview's.
    assert_eq!(deck.slide_of(&deck.top[0].id), Some(parts.len()));
}
