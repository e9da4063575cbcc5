//! The slides of a presentation, generated from the map: an overview of the
//! company objectives, then one slide per company objective with its key
//! results and what supports it — the hard subtree grouped by the department
//! or team it enters through, the soft links, and how many objectives not
//! aligned yet might join.
//!
//! Built from the document and its [`Scene`], so the slides follow the canvas:
//! company objectives come in the order they stand on the map (left to right,
//! then top to bottom), and every number is the one the cards show. Each
//! slide's content is [`markup`](crate::output::markup) built here, tested on the
//! host; the presentation component only mounts it and moves between slides.

use std::collections::HashSet;
use std::ops::Range;

use crate::domain::model::{Document, Level, Objective, ObjectiveKind};
use crate::domain::numbers::{number, percent};
use crate::domain::status::{Basis, Reading, Status};
use crate::domain::support::SupportIndex;
use crate::map::scene::{progress_percent, CardView, Scene};
use crate::output::markup::{el, Element};
use crate::output::slide_pages::{overview_parts, parts, Part, Texts};

/// An objective as a slide names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub id: String,
    pub title: String,
    pub team_name: String,
    /// A validated `#rrggbb` colour.
    pub team_color: String,
    pub kind: ObjectiveKind,
    /// 0..=1, as on the card.
    pub progress: f64,
    /// On track, at risk, … as on the card, once [`Deck::with_readings`]
    /// has been told.
    pub status: Option<Status>,
    /// The status was set by a person rather than computed.
    pub by_hand: bool,
    pub owner: Option<String>,
}

impl Headline {
    fn of(card: &CardView) -> Headline {
        Headline {
            id: card.id.clone(),
            title: card.title.clone(),
            team_name: card.team_name.clone(),
            team_color: card.team_color.clone(),
            kind: card.kind,
            progress: card.progress,
            status: None,
            // Known from the document; the readings confirm it during the cycle.
            by_hand: card.status_set,
            owner: card.owner.clone(),
        }
    }

    /// The progress measured against the objective's own yardstick.
    pub fn yardstick(&self) -> Yardstick {
        Yardstick::of(self.kind, self.progress)
    }
}

/// How far an objective is, measured the way its kind asks: an aspirational
/// objective succeeds at 0.7, a committed one only at 1.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Yardstick {
    pub kind: ObjectiveKind,
    /// The score that counts as success.
    pub success: f64,
    /// Progress as a share of success, 0..=1.
    pub share_of_success: f64,
}

impl Yardstick {
    pub fn of(kind: ObjectiveKind, progress: f64) -> Yardstick {
        let success = kind.success_score();
        let progress = if progress.is_nan() { 0.0 } else { progress };
        Yardstick {
            kind,
            success,
            share_of_success: (progress / success).clamp(0.0, 1.0),
        }
    }

    pub fn met(&self) -> bool {
        self.share_of_success >= 1.0
    }

    /// "Aspirational: 0.7 is success", said once per objective.
    pub fn rule(&self) -> &'static str {
        match self.kind {
            ObjectiveKind::Aspirational => "Aspirational: 0.7 is success",
            ObjectiveKind::Committed => "Committed: only 1.0 is success",
        }
    }

    /// How far along, in words: "60% of the way to success" or "Success".
    pub fn verdict(&self) -> String {
        if self.met() {
            "Success".to_string()
        } else {
            format!("{} of the way to success", percent(self.share_of_success))
        }
    }
}

/// A key result on its objective's slide.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyResultLine {
    pub id: String,
    pub title: String,
    pub progress: f64,
    /// "3,100,000 EUR of 5,000,000 EUR (from 2,000,000 EUR)", and who owns
    /// it when someone does: "… · Lee Park".
    pub values: String,
}

/// One supporting objective.
#[derive(Clone, Debug, PartialEq)]
pub struct SupporterLine {
    pub headline: Headline,
    /// 1 for a direct child, deeper below it.
    pub depth: usize,
    /// The title of the key result it links to, if it links to one.
    pub via_key_result: Option<String>,
}

/// The hard supporters entering through one department or team: the direct
/// children it owns, each followed by its own subtree.
#[derive(Clone, Debug, PartialEq)]
pub struct SupportGroup {
    pub team_name: String,
    pub team_color: String,
    pub level: Level,
    pub supporters: Vec<SupporterLine>,
}

/// An objective soft-linked to the slide's objective.
#[derive(Clone, Debug, PartialEq)]
pub struct SoftLine {
    pub headline: Headline,
    pub via_key_result: Option<String>,
    pub note: Option<String>,
}

/// A company objective's slide.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveSlide {
    pub headline: Headline,
    pub key_results: Vec<KeyResultLine>,
    pub hard: Vec<SupportGroup>,
    pub soft: Vec<SoftLine>,
    /// Objectives not aligned yet whose team (or a team above it) already
    /// works on this objective's subtree: the likeliest to join it.
    pub unaligned_nearby: usize,
    /// The first few of them by title, in the document's order.
    pub unaligned_titles: Vec<String>,
    /// How many distinct objectives support it, hard or soft (one linked
    /// both ways counts once).
    pub supporter_count: usize,
    /// Which of the lists above this slide shows: an objective with more
    /// than a slide holds continues on the next ones.
    pub part: Part,
}

impl ObjectiveSlide {
    /// How many objectives support this one through hard links.
    pub fn hard_count(&self) -> usize {
        self.hard.iter().map(|g| g.supporters.len()).sum()
    }

    /// The hard supporters in group order, each with its group's place.
    fn hard_lines(&self) -> impl Iterator<Item = (usize, &SupporterLine)> {
        self.hard
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.supporters.iter().map(move |line| (g, line)))
    }

    /// Every line's text, for spreading the slide over as many as it needs.
    fn texts(&self) -> Texts<'_> {
        // Room for the longest status whether or not one is shown, so that
        // how the slides split does not change with the day.
        Texts {
            title: &self.headline.title,
            verdict: verdict_room(&self.headline),
            footer: nearby_text(self.unaligned_nearby, &self.unaligned_titles),
            key_results: self
                .key_results
                .iter()
                .map(|kr| (kr.title.as_str(), kr.values.as_str()))
                .collect(),
            soft: self
                .soft
                .iter()
                .map(|line| (line.headline.title.as_str(), soft_meta(line)))
                .collect(),
            hard: self
                .hard_lines()
                .map(|(g, line)| {
                    (
                        g,
                        line.depth,
                        line.headline.title.as_str(),
                        supporter_meta(line),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Slide {
    /// The top objectives, as many to a slide as fit.
    Overview(OverviewPart),
    Objective(Box<ObjectiveSlide>),
}

/// Which of the top objectives one overview slide shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverviewPart {
    pub rows: Range<usize>,
    /// Which of the overview's slides this is (0 for the first) and how many it has.
    pub index: usize,
    pub count: usize,
}

impl Slide {
    /// The objective the slide is about; none for the overview.
    pub fn objective_id(&self) -> Option<&str> {
        match self {
            Slide::Overview(_) => None,
            Slide::Objective(slide) => Some(&slide.headline.id),
        }
    }

    /// Which of its objective's slides this is: 0 for the first, and for the
    /// overview.
    pub fn part_index(&self) -> usize {
        match self {
            Slide::Overview(part) => part.index,
            Slide::Objective(slide) => slide.part.index,
        }
    }

    /// A short name, for the slide overview and the slide counter.
    pub fn label(&self) -> &str {
        match self {
            Slide::Overview(part) if part.index > 0 => "Overview, continued",
            Slide::Overview(_) => "Overview",
            Slide::Objective(slide) => &slide.headline.title,
        }
    }
}

/// Every slide of a canvas, with what the overview shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub title: String,
    pub cycle: Option<String>,
    /// The top objectives, in canvas order: the company's, or the highest
    /// level's when the canvas has no company team with objectives.
    pub top: Vec<Headline>,
    /// The level of the top objectives.
    pub top_level: Level,
    /// Objectives below the top that link to something, and all of them
    /// that could (standalone mission OKRs left out).
    pub aligned: usize,
    pub alignable: usize,
    pub slides: Vec<Slide>,
}

impl Deck {
    pub fn build(doc: &Document, scene: &Scene) -> Deck {
        let index = SupportIndex::new(doc);
        let level_of = |card: &CardView| card.level;
        let top_level = scene
            .cards
            .iter()
            .map(level_of)
            .min_by_key(|l| l.rank())
            .unwrap_or(Level::Company);
        let mut top: Vec<&CardView> = scene
            .cards
            .iter()
            .filter(|c| c.level == top_level)
            .collect();
        // Canvas order: left to right, then top to bottom.
        top.sort_by(|a, b| {
            a.rect
                .x
                .total_cmp(&b.rect.x)
                .then(a.rect.y.total_cmp(&b.rect.y))
        });

        let by_id: std::collections::HashMap<&str, &Objective> =
            doc.objectives.iter().map(|o| (o.id.as_str(), o)).collect();
        let objective = |id: &str| by_id.get(id).copied();
        // Objectives below the top that could align; standalone mission
        // OKRs have said why they do not.
        let alignable: Vec<&Objective> = doc
            .objectives
            .iter()
            .filter(|o| o.standalone.is_none())
            .filter(|o| scene.card(&o.id).is_some_and(|c| c.level != top_level))
            .collect();
        let (aligned, unaligned): (Vec<&Objective>, Vec<&Objective>) =
            alignable.iter().partition(|o| index.links_anything(&o.id));

        let mut slides = Vec::new();
        for card in &top {
            let support = index.support_of(&card.id);
            let key_result_title = |id: &str| -> Option<String> {
                let owner = index.owner_of_key_result(id)?;
                objective(owner)?
                    .key_results
                    .iter()
                    .find(|k| k.id == id)
                    .map(|k| k.title.clone())
            };
            let mut hard: Vec<SupportGroup> = Vec::new();
            // Group keys: the owning team's id (two teams may share a name).
            let mut group_teams: Vec<&str> = Vec::new();
            // The group the current direct child went into: its subtree follows it.
            let mut current_group = None;
            let mut working_teams: HashSet<&str> = HashSet::new();
            for supporter in &support.hard {
                let Some(supporter_card) = scene.card(&supporter.objective.id) else {
                    continue;
                };
                working_teams.insert(supporter.objective.team.as_str());
                let line = SupporterLine {
                    headline: Headline::of(supporter_card),
                    depth: supporter.depth,
                    via_key_result: supporter.key_result.and_then(key_result_title),
                };
                if supporter.depth == 1 {
                    let team = supporter.objective.team.as_str();
                    let index = match group_teams.iter().position(|t| *t == team) {
                        Some(index) => index,
                        None => {
                            group_teams.push(team);
                            hard.push(SupportGroup {
                                team_name: supporter_card.team_name.clone(),
                                team_color: supporter_card.team_color.clone(),
                                level: supporter_card.level,
                                supporters: Vec::new(),
                            });
                            hard.len() - 1
                        }
                    };
                    current_group = Some(index);
                }
                if let Some(group) = current_group.and_then(|i| hard.get_mut(i)) {
                    group.supporters.push(line);
                }
            }
            let soft = support
                .soft
                .iter()
                // A soft link from the objective to its own key result is no support.
                .filter(|s| s.objective.id != card.id)
                .filter_map(|s| {
                    Some(SoftLine {
                        headline: Headline::of(scene.card(&s.objective.id)?),
                        via_key_result: s.key_result.and_then(key_result_title),
                        note: s.note.map(str::to_string),
                    })
                })
                .collect();
            let nearby: Vec<&&Objective> = unaligned
                .iter()
                .filter(|o| {
                    index
                        .team_and_ancestors(&o.team)
                        .iter()
                        .any(|t| working_teams.contains(t))
                })
                .collect();
            let unaligned_nearby = nearby.len();
            let unaligned_titles = nearby
                .iter()
                .take(NAMED_NEARBY)
                .map(|o| o.title.clone())
                .collect();
            let key_results = objective(&card.id)
                .map(|o| {
                    o.key_results
                        .iter()
                        .zip(&card.key_results)
                        .map(|(kr, view)| KeyResultLine {
                            id: kr.id.clone(),
                            title: kr.title.clone(),
                            progress: view.progress,
                            values: with_owner(
                                key_result_values(
                                    kr.start,
                                    kr.current_value(),
                                    kr.target,
                                    kr.unit.as_deref(),
                                ),
                                kr.owner.as_deref(),
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut ids = support.ids();
            ids.remove(card.id.as_str());
            let slide = ObjectiveSlide {
                headline: Headline::of(card),
                key_results,
                hard,
                soft,
                unaligned_nearby,
                unaligned_titles,
                supporter_count: ids.len(),
                part: Part::default(),
            };
            for part in parts(&slide.texts()) {
                let mut slide = slide.clone();
                slide.part = part;
                slides.push(Slide::Objective(Box::new(slide)));
            }
        }

        let top: Vec<Headline> = top.into_iter().map(Headline::of).collect();
        let rows: Vec<(&str, String)> = top
            .iter()
            .map(|h| (h.title.as_str(), verdict_room(h)))
            .collect();
        let footer = alignment_text(aligned.len(), alignable.len());
        let pages = overview_parts(&doc.title, &footer, &rows);
        let count = pages.len();
        let overview = pages
            .into_iter()
            .enumerate()
            .map(|(index, rows)| Slide::Overview(OverviewPart { rows, index, count }));
        let slides = overview.chain(slides).collect();
        Deck {
            title: doc.title.clone(),
            cycle: doc.cycle.as_ref().map(|c| c.label.clone()),
            top,
            top_level,
            aligned: aligned.len(),
            alignable: alignable.len(),
            slides,
        }
    }

    /// The deck with every objective's status as the map shows it (the
    /// cycle's clock is the caller's).
    pub fn with_readings(mut self, readings: &std::collections::HashMap<String, Reading>) -> Deck {
        // Without the cycle's dates there is no status to show.
        let status = |h: &mut Headline| {
            let reading = readings.get(&h.id);
            h.status = reading.map(|r| r.status).filter(|s| *s != Status::NoCycle);
            h.by_hand = reading.is_some_and(|r| r.basis == Basis::ByHand);
        };
        self.top.iter_mut().for_each(status);
        for slide in &mut self.slides {
            if let Slide::Objective(slide) = slide {
                status(&mut slide.headline);
            }
        }
        self
    }

    /// The index of the slide about the objective `id`, if it has one.
    pub fn slide_of(&self, id: &str) -> Option<usize> {
        self.slides
            .iter()
            .position(|s| s.objective_id() == Some(id))
    }
}

impl Deck {
    /// What the slide `index` shows, as markup for the presentation and its
    /// printed copy.
    pub fn markup(&self, index: usize) -> Element {
        let content = el("div", "slide__content");
        match self.slides.get(index) {
            Some(Slide::Objective(slide)) => objective_markup(self, slide, content),
            Some(Slide::Overview(part)) => overview_markup(self, part, content),
            None => overview_markup(self, &OverviewPart::default(), content),
        }
    }
}

impl Deck {
    /// The slide overview: every slide as a button to jump to, the one at
    /// `current` marked.
    pub fn overview_markup(&self, current: usize) -> Element {
        el("div", "slide-overview__cards").children(self.slides.iter().enumerate().map(
            |(index, slide)| {
                let detail = match slide {
                    Slide::Overview(part) if part.count > 1 => format!(
                        "objectives {}–{} of {}",
                        part.rows.start + 1,
                        part.rows.end,
                        self.top.len()
                    ),
                    Slide::Overview(_) => format!("{} objectives", self.top.len()),
                    Slide::Objective(s) if s.part.index > 0 => {
                        format!("continued, {} of {}", s.part.index + 1, s.part.count)
                    }
                    Slide::Objective(s) => format!(
                        "{} · {} supporting",
                        progress_percent(s.headline.progress),
                        s.supporter_count
                    ),
                };
                let mut card = el(
                    "button",
                    if index == current {
                        "slide-thumb slide-thumb--current"
                    } else {
                        "slide-thumb"
                    },
                )
                .attr("type", "button")
                .attr("data-testid", "slide-thumb")
                .attr("data-slide-index", index.to_string());
                // The objective's first slide stands for it.
                if let Some(id) = slide.objective_id().filter(|_| slide.part_index() == 0) {
                    card = card.attr("data-okr-id", id);
                }
                if index == current {
                    card = card.attr("aria-current", "true");
                }
                card.child(el("span", "slide-thumb__number").text((index + 1).to_string()))
                    .child(el("span", "slide-thumb__title").text(slide.label()))
                    .child(el("span", "slide-thumb__detail").text(detail))
            },
        ))
    }
}

fn overview_markup(deck: &Deck, part: &OverviewPart, content: Element) -> Element {
    let level = match deck.top_level {
        Level::Company => "Company objectives".to_string(),
        other => format!("Top objectives ({} level)", other.name()),
    };
    let level = if part.count > 1 {
        format!("{level}, {} of {}", part.index + 1, part.count)
    } else {
        level
    };
    let eyebrow = match &deck.cycle {
        Some(cycle) => format!("{cycle} · {level}"),
        None => level,
    };
    let supporting = |id: &str| {
        deck.slides
            .iter()
            .find_map(|s| match s {
                Slide::Objective(s) if s.headline.id == id => Some(s.supporter_count),
                _ => None,
            })
            .unwrap_or(0)
    };
    let body = if deck.top.is_empty() {
        el("p", "slide__empty").text(
            "No objectives to present yet. Add a company team and its objectives on the map, then present again.",
        )
    } else {
        let rows = deck.top.get(part.rows.clone()).unwrap_or_default();
        el("ol", "slide__overview")
            .attr("start", (part.rows.start + 1).to_string())
            .children(rows.iter().map(|headline| {
                let support = match supporting(&headline.id) {
                    0 => "Nothing supports it yet".to_string(),
                    1 => "1 objective supports it".to_string(),
                    n => format!("{n} objectives support it"),
                };
                el("li", "slide__overview-row")
                    .attr("data-okr-id", headline.id.as_str())
                    .child(el("span", "slide__overview-title").text(headline.title.as_str()))
                    .child(meter(headline))
                    .child(el("span", "slide__overview-support").text(support))
            }))
    };
    let alignment = alignment_text(deck.aligned, deck.alignable);
    content
        .child(
            el("header", "slide__header")
                .child(el("p", "slide__eyebrow").text(eyebrow))
                .child(el("h1", "slide__title").text(deck.title.as_str())),
        )
        .child(body)
        .child(el("p", "slide__footer").text(alignment))
}

/// The overview's footer: how much of the organisation is aligned.
fn alignment_text(aligned: usize, alignable: usize) -> String {
    if alignable == 0 {
        return String::new();
    }
    format!(
        "{aligned} of {alignable} objectives below the top are aligned ({}).",
        progress_percent(aligned as f64 / alignable as f64)
    )
}

/// The line under a meter, with room for the longest status it may show:
/// how the slides split must not change with the day.
fn verdict_room(headline: &Headline) -> String {
    let yardstick = headline.yardstick();
    let status = if headline.by_hand {
        "! Off track (set by hand)"
    } else {
        "! Progress made"
    };
    format!("{status} · {} · {}", yardstick.rule(), yardstick.verdict())
}

fn objective_markup(deck: &Deck, slide: &ObjectiveSlide, content: Element) -> Element {
    let headline = &slide.headline;
    let part = &slide.part;
    let continued = |words: &str, more: bool| {
        if more {
            format!("{words}, continued")
        } else {
            words.to_owned()
        }
    };

    // Left: the key results, then what points the same way (soft). Right:
    // the hard subtree, which is usually the longest list. Each shows this
    // slide's share of them.
    let mut left = el("section", "slide__column").attr("aria-label", "Key results");
    if part.index == 0 || !part.key_results.is_empty() {
        left = left.child(
            el("h2", "slide__heading").text(continued("Key results", part.key_results.start > 0)),
        );
        left = left.child(if slide.key_results.is_empty() {
            el("p", "slide__empty").text("No key results yet.")
        } else {
            el("ol", "slide__krs").children(slide.key_results[part.key_results.clone()].iter().map(
                |kr| {
                    el("li", "slide__kr")
                        .attr("data-testid", "slide-key-result")
                        .attr("data-kr-id", kr.id.as_str())
                        .child(el("span", "slide__kr-title").text(kr.title.as_str()))
                        .child(el("span", "slide__kr-values").text(kr.values.as_str()))
                        .child(bar(kr.progress, None))
                        .child(el("span", "slide__kr-percent").text(progress_percent(kr.progress)))
                },
            ))
        });
    }
    if !part.soft.is_empty() {
        let links = match slide.soft.len() {
            1 => "1 soft link".to_string(),
            n => format!("{n} soft links"),
        };
        let heading = continued("Points the same way", part.soft.start > 0);
        left = left
            .child(
                el("h2", "slide__heading slide__heading--soft")
                    .text(format!("{heading} · {links}")),
            )
            .child(
                el("ul", "slide__supporters")
                    .children(slide.soft[part.soft.clone()].iter().map(soft_markup)),
            );
    }
    if part.soft_left_out > 0 {
        left = left.child(
            el("p", "slide__more").text(format!("and {} more soft links", part.soft_left_out)),
        );
    }

    let hard_total = slide.hard_count();
    let heading = continued("Supported by", part.hard.start > 0);
    let mut right = el("section", "slide__column")
        .attr("aria-label", "What supports it")
        .child(el("h2", "slide__heading").text(match hard_total {
            0 => format!("{heading} · no hard links yet"),
            1 => format!("{heading} · 1 hard link"),
            n => format!("{heading} · {n} hard links"),
        }));
    if slide.hard.is_empty() {
        right = right.child(el("p", "slide__empty").text(if slide.soft.is_empty() {
            "Nothing supports this objective yet."
        } else {
            "Nothing contributes to it directly yet."
        }));
    }
    // This slide's supporters, by group, each group named where it starts
    // on the slide.
    let mut shown: Vec<(usize, Vec<&SupporterLine>)> = Vec::new();
    for (g, line) in slide
        .hard_lines()
        .skip(part.hard.start)
        .take(part.hard.len())
    {
        match shown.last_mut() {
            Some((last, lines)) if *last == g => lines.push(line),
            _ => shown.push((g, vec![line])),
        }
    }
    for (g, lines) in shown {
        right = right.child(group_markup(&slide.hard[g], &lines));
    }
    if part.hard_left_out > 0 {
        right = right.child(
            el("p", "slide__more").text(format!("and {} more on the map", part.hard_left_out)),
        );
    }
    let nearby = nearby_text(slide.unaligned_nearby, &slide.unaligned_titles);

    content
        .child(
            el("header", "slide__header")
                .child(el("p", "slide__eyebrow").text(format!(
                    "{} objective {} of {} · {}{}{}",
                    capitalised(deck.top_level.name()),
                    // Its place among the top objectives, whichever of its
                    // slides this is.
                    deck.top
                        .iter()
                        .position(|h| h.id == headline.id)
                        .map_or(0, |i| i + 1),
                    deck.top.len(),
                    headline.team_name,
                    headline
                        .owner
                        .as_ref()
                        .map_or(String::new(), |owner| format!(" · owner {owner}")),
                    if part.index > 0 {
                        format!(" · continued, {} of {}", part.index + 1, part.count)
                    } else {
                        String::new()
                    }
                )))
                .child(el("h1", "slide__title").text(headline.title.as_str()))
                // The meter once, on the objective's first slide.
                .maybe((part.index == 0).then(|| meter(headline))),
        )
        .child(el("div", "slide__columns").child(left).child(right))
        .child(
            el("p", "slide__footer")
                .attr("data-testid", "slide-unaligned")
                .text(nearby),
        )
}

/// A key result's values, and its owner after them when it has one.
fn with_owner(values: String, owner: Option<&str>) -> String {
    match owner {
        Some(owner) => format!("{values} · {owner}"),
        None => values,
    }
}

/// "company" → "Company".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An objective's progress against its kind's yardstick: the percentage, a
/// bar with the success mark, and the verdict in words.
fn meter(headline: &Headline) -> Element {
    let yardstick = headline.yardstick();
    let kind = match headline.kind {
        ObjectiveKind::Aspirational => "aspirational",
        ObjectiveKind::Committed => "committed",
    };
    let percent = progress_percent(headline.progress);
    el("div", "slide__meter")
        .attr("data-kind", kind)
        .attr("data-met", yardstick.met().to_string())
        .attr("role", "img")
        .attr(
            "aria-label",
            format!(
                "{percent} done. {}. {}.",
                yardstick.rule(),
                yardstick.verdict()
            ),
        )
        .child(el("span", "slide__percent").text(percent))
        .child(bar(headline.progress, Some(yardstick.success)))
        .child(
            el("span", "slide__verdict")
                .maybe(headline.status.map(|status| {
                    el("span", "slide__status")
                        .attr("data-testid", "slide-status")
                        .attr("data-status", status.name())
                        .text(format!(
                            "{} {}{}",
                            status.symbol(),
                            status.label(),
                            if headline.by_hand {
                                " (set by hand)"
                            } else {
                                ""
                            }
                        ))
                }))
                .text(format!(
                    "{}{} · ",
                    if headline.status.is_some() {
                        " · "
                    } else {
                        ""
                    },
                    yardstick.rule()
                ))
                .child(el("strong", "").text(yardstick.verdict())),
        )
}

/// A progress bar, with a mark where success lies when given.
fn bar(progress: f64, success: Option<f64>) -> Element {
    let progress = if progress.is_nan() {
        0.0
    } else {
        progress.clamp(0.0, 1.0)
    };
    let class = if success.is_some() {
        "slide__bar slide__bar--large"
    } else {
        "slide__bar"
    };
    el("span", class)
        .attr("aria-hidden", "true")
        .child(
            el("span", "slide__bar-fill").attr("style", format!("width: {:.1}%", progress * 100.0)),
        )
        .maybe(success.map(|s| {
            el("span", "slide__bar-mark").attr("style", format!("left: {:.1}%", s * 100.0))
        }))
}

/// How many of the objectives that might join a slide names.
const NAMED_NEARBY: usize = 2;

/// The line under the slide naming the objectives not aligned yet that
/// might join: "Not aligned yet, from a team already working on this:
/// “Grow a community”. It might support this."
fn nearby_text(count: usize, titles: &[String]) -> String {
    if count == 0 {
        return String::new();
    }
    let mut named: Vec<String> = titles.iter().map(|t| format!("“{t}”")).collect();
    let more = count.saturating_sub(named.len());
    if more > 0 {
        named.push(format!("{more} more"));
    }
    let list = match named.len() {
        0 | 1 => named.concat(),
        n => format!("{} and {}", named[..n - 1].join(", "), named[n - 1]),
    };
    if count == 1 {
        format!(
            "Not aligned yet, from a team already working on this: {list}. It might support this."
        )
    } else {
        format!(
            "Not aligned yet, from teams already working on this: {list}. They might support this."
        )
    }
}

fn group_markup(group: &SupportGroup, lines: &[&SupporterLine]) -> Element {
    el("div", "slide__group")
        .child(
            el("h3", "slide__group-name")
                .child(
                    el("span", "slide__swatch")
                        .attr("style", format!("background: {}", group.team_color)),
                )
                .text(format!("{} ({})", group.team_name, group.level.name())),
        )
        .child(
            el("ul", "slide__supporters").children(lines.iter().map(|line| {
                let meta = supporter_meta(line);
                el("li", "slide__supporter")
                    .attr("data-testid", "slide-supporter")
                    .attr("data-okr-id", line.headline.id.as_str())
                    .attr("data-link-kind", "hard")
                    .attr("data-depth", line.depth.to_string())
                    .attr("style", format!("--depth: {}", line.depth - 1))
                    .child(el("span", "slide__supporter-title").text(line.headline.title.as_str()))
                    .child(el("span", "slide__supporter-meta").text(meta))
            })),
        )
}

/// The line under a hard supporter: its team when it is deeper than a
/// direct child, its progress, and the key result it links to.
fn supporter_meta(line: &SupporterLine) -> String {
    let mut meta = String::new();
    if line.depth > 1 {
        meta.push_str(&line.headline.team_name);
        meta.push_str(" · ");
    }
    meta.push_str(&progress_percent(line.headline.progress));
    if let Some(kr) = &line.via_key_result {
        meta.push_str(" → ");
        meta.push_str(kr);
    }
    meta
}

/// The line under a soft link: its team, progress, key result and note.
fn soft_meta(line: &SoftLine) -> String {
    let mut meta = format!(
        "{} · {}",
        line.headline.team_name,
        progress_percent(line.headline.progress)
    );
    if let Some(kr) = &line.via_key_result {
        meta.push_str(" → ");
        meta.push_str(kr);
    }
    if let Some(note) = &line.note {
        meta.push_str(" · ");
        meta.push_str(note);
    }
    meta
}

fn soft_markup(line: &SoftLine) -> Element {
    let meta = soft_meta(line);
    el("li", "slide__supporter slide__supporter--soft")
        .attr("data-testid", "slide-supporter")
        .attr("data-okr-id", line.headline.id.as_str())
        .attr("data-link-kind", "soft")
        .child(el("span", "slide__supporter-title").text(line.headline.title.as_str()))
        .child(el("span", "slide__supporter-meta").text(meta))
}

/// A key result's numbers as people say them, each with its unit:
/// "3,100,000 EUR of 5,000,000 EUR (from 2,000,000 EUR)", "42% of 60%
/// (from 10%)", "1.6× of 2× (from 1×)"; a target below its start reads
/// "14 days, down to 7 days (from 21 days)".
fn key_result_values(start: f64, current: f64, target: f64, unit: Option<&str>) -> String {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    let with_unit = |value: f64| match unit {
        Some("%") => format!("{}%", number(value)),
        Some("x" | "X" | "×") => format!("{}×", number(value)),
        Some(unit) => format!("{} {unit}", number(value)),
        None => number(value),
    };
    let (now, aim, from) = (with_unit(current), with_unit(target), with_unit(start));
    if target < start {
        format!("{now}, down to {aim} (from {from})")
    } else {
        format!("{now} of {aim} (from {from})")
    }
}

#[cfg(test)]
mod tests;
