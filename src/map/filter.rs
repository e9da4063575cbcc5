//! Filtering the map: which objectives (and links) to show, by team, level,
//! kind, status and link kind, and how to treat the rest (dimmed or hidden).
//!
//! A filter lives in the page address (`?team=sales&status=off-track`), so a
//! filtered view can be shared as a link. It is read from and written to
//! that query here, in the core, where it is tested without a browser.
//! Within one group the choices add up (either team); across groups each
//! must hold (a sales objective that is off track).

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::domain::model::{
    is_valid_id, Document, Level, LinkKind, Objective, ObjectiveKind, OWNER_MAX_CHARS,
};
use crate::domain::status::Status;

/// How an objective is aligned, as a filter reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkFacet {
    /// Has a hard link, as child or parent.
    Hard,
    /// Has a soft link, either way.
    Soft,
    /// Has no link at all.
    None,
}

impl LinkFacet {
    pub const ALL: [LinkFacet; 3] = [LinkFacet::Hard, LinkFacet::Soft, LinkFacet::None];

    pub fn name(self) -> &'static str {
        match self {
            LinkFacet::Hard => "hard",
            LinkFacet::Soft => "soft",
            LinkFacet::None => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkFacet::Hard => "Hard links",
            LinkFacet::Soft => "Soft links",
            LinkFacet::None => "Not linked",
        }
    }

    fn from_name(name: &str) -> Option<LinkFacet> {
        LinkFacet::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What happens to what the filter leaves out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilterMode {
    /// Faint, still in place: the shape of the map stays readable.
    #[default]
    Dim,
    /// Not drawn at all.
    Hide,
}

/// The choices in each group; an empty group does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Team ids; a team's sub-teams count as chosen with it.
    pub teams: BTreeSet<String>,
    pub levels: BTreeSet<Level>,
    pub kinds: BTreeSet<ObjectiveKind>,
    pub statuses: BTreeSet<Status>,
    pub links: BTreeSet<LinkFacet>,
    /// People by name: an objective is kept when it or one of its key results
    /// is theirs.
    pub owners: BTreeSet<String>,
    pub mode: FilterMode,
}

/// The address keys, in the order they are written.
const TEAM: &str = "team";
const LEVEL: &str = "level";
const KIND: &str = "kind";
const STATUS: &str = "status";
const LINK: &str = "link";
const OWNER: &str = "owner";
const MODE: &str = "filter";

impl Filter {
    /// Whether any group has a choice.
    pub fn is_active(&self) -> bool {
        !(self.teams.is_empty()
            && self.levels.is_empty()
            && self.kinds.is_empty()
            && self.statuses.is_empty()
            && self.links.is_empty()
            && self.owners.is_empty())
    }

    /// How many choices are made, for a badge on the filter button.
    pub fn choices(&self) -> usize {
        self.teams.len()
            + self.levels.len()
            + self.kinds.len()
            + self.statuses.len()
            + self.links.len()
            + self.owners.len()
    }

    /// Reads a filter from an address's query (with or without the leading
    /// `?`). Keys it does not know are left for others; values it cannot
    /// read are skipped and named in the second part, for a notice.
    pub fn from_query(query: &str) -> (Filter, Vec<String>) {
        let mut filter = Filter::default();
        let mut unread = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, values) = pair.split_once('=').unwrap_or((pair, ""));
            for value in values.split(',').filter(|v| !v.is_empty()) {
                let known = match key {
                    TEAM => {
                        let valid = is_valid_id(value);
                        if valid {
                            filter.teams.insert(value.to_string());
                        }
                        valid
                    }
                    LEVEL => Level::ALL
                        .into_iter()
                        .find(|l| l.name() == value)
                        .map(|l| filter.levels.insert(l))
                        .is_some(),
                    KIND => kind_from_name(value)
                        .map(|k| filter.kinds.insert(k))
                        .is_some(),
                    STATUS => Status::from_name(value)
                        .map(|s| filter.statuses.insert(s))
                        .is_some(),
                    LINK => LinkFacet::from_name(value)
                        .map(|f| filter.links.insert(f))
                        .is_some(),
                    OWNER => decode(value)
                        .filter(|name| {
                            !name.trim().is_empty() && name.chars().count() <= OWNER_MAX_CHARS
                        })
                        .map(|name| filter.owners.insert(name))
                        .is_some(),
                    MODE => match value {
                        "hide" => {
                            filter.mode = FilterMode::Hide;
                            true
                        }
                        "dim" => {
                            filter.mode = FilterMode::Dim;
                            true
                        }
                        _ => false,
                    },
                    // Another part of the page's address: not the filter's.
                    _ => continue,
                };
                if !known {
                    unread.push(format!("{key}={}", shorten(value)));
                }
            }
        }
        (filter, unread)
    }

    /// The filter as query pairs (`team=sales&status=off-track`), empty when
    /// nothing is chosen. Every value is an id or a fixed name, so nothing
    /// needs escaping.
    pub fn to_query(&self) -> String {
        if !self.is_active() {
            return String::new();
        }
        let mut pairs = Vec::new();
        let mut push = |key: &str, values: Vec<&str>| {
            if !values.is_empty() {
                pairs.push(format!("{key}={}", values.join(",")));
            }
        };
        push(TEAM, self.teams.iter().map(String::as_str).collect());
        push(LEVEL, self.levels.iter().map(|l| l.name()).collect());
        push(KIND, self.kinds.iter().map(|k| kind_name(*k)).collect());
        push(STATUS, self.statuses.iter().map(|s| s.name()).collect());
        push(LINK, self.links.iter().map(|f| f.name()).collect());
        let owners: Vec<String> = self.owners.iter().map(|name| encode(name)).collect();
        push(OWNER, owners.iter().map(String::as_str).collect());
        if self.mode == FilterMode::Hide {
            push(MODE, vec!["hide"]);
        }
        pairs.join("&")
    }

    /// The chosen teams that `doc` does not have (from an old link, say).
    pub fn unknown_teams<'a>(&'a self, doc: &Document) -> Vec<&'a str> {
        let known: HashSet<&str> = doc.teams.iter().map(|t| t.id.as_str()).collect();
        self.teams
            .iter()
            .map(String::as_str)
            .filter(|t| !known.contains(t))
            .collect()
    }

    /// Which objectives and links of `doc` the filter leaves out.
    pub fn apply(&self, doc: &Document, status_of: &dyn Fn(&str) -> Option<Status>) -> Filtered {
        let mut filtered = Filtered {
            mode: self.mode,
            ..Filtered::default()
        };
        if !self.is_active() {
            return filtered;
        }
        let teams = self.teams_with_subteams(doc);
        let levels: HashMap<&str, Level> =
            doc.teams.iter().map(|t| (t.id.as_str(), t.level)).collect();
        let mut facets: HashMap<&str, (bool, bool)> = HashMap::new();
        if !self.links.is_empty() {
            let owners = key_result_owners(doc);
            for link in &doc.links {
                let to = owners
                    .get(link.to.as_str())
                    .copied()
                    .unwrap_or(link.to.as_str());
                for end in [link.from.as_str(), to] {
                    let entry = facets.entry(end).or_default();
                    match link.kind {
                        LinkKind::Hard => entry.0 = true,
                        LinkKind::Soft => entry.1 = true,
                    }
                }
            }
        }
        for objective in &doc.objectives {
            let (hard, soft) = facets
                .get(objective.id.as_str())
                .copied()
                .unwrap_or_default();
            let keep = (teams.is_empty() || teams.contains(objective.team.as_str()))
                && (self.levels.is_empty()
                    || levels
                        .get(objective.team.as_str())
                        .is_some_and(|l| self.levels.contains(l)))
                && (self.kinds.is_empty() || self.kinds.contains(&objective.kind))
                && (self.statuses.is_empty()
                    || status_of(&objective.id).is_some_and(|s| self.statuses.contains(&s)))
                && (self.links.is_empty()
                    || (hard && self.links.contains(&LinkFacet::Hard))
                    || (soft && self.links.contains(&LinkFacet::Soft))
                    || (!hard && !soft && self.links.contains(&LinkFacet::None)))
                && (self.owners.is_empty() || owned_by(objective, &self.owners));
            if !keep {
                filtered.objectives_out.insert(objective.id.clone());
            }
        }
        if !self.links.is_empty() {
            filtered.hard_links_out = !self.links.contains(&LinkFacet::Hard);
            filtered.soft_links_out = !self.links.contains(&LinkFacet::Soft);
        }
        filtered
    }

    /// The chosen teams and every team below them.
    fn teams_with_subteams<'a>(&self, doc: &'a Document) -> HashSet<&'a str> {
        if self.teams.is_empty() {
            return HashSet::new();
        }
        let parents: HashMap<&str, &str> = doc
            .teams
            .iter()
            .filter_map(|t| Some((t.id.as_str(), t.parent.as_deref()?)))
            .collect();
        doc.teams
            .iter()
            .map(|t| t.id.as_str())
            .filter(|&team| {
                // Up the tree, at most as many steps as there are teams, so a
                // bad document's loop ends.
                let mut at = Some(team);
                for _ in 0..=doc.teams.len() {
                    match at {
                        Some(id) if self.teams.contains(id) => return true,
                        Some(id) => at = parents.get(id).copied(),
                        None => return false,
                    }
                }
                false
            })
            .collect()
    }
}

/// Whether `objective` or one of its key results is owned by one of `owners`.
fn owned_by(objective: &Objective, owners: &BTreeSet<String>) -> bool {
    std::iter::once(&objective.owner)
        .chain(objective.key_results.iter().map(|kr| &kr.owner))
        .any(|owner| owner.as_ref().is_some_and(|name| owners.contains(name)))
}

/// A name as an address's value: a comma or a space cannot split it.
fn encode(name: &str) -> String {
    form_urlencoded::byte_serialize(name.as_bytes()).collect()
}

/// The name an address's value stands for; `None` when it is no text.
fn decode(value: &str) -> Option<String> {
    let (name, rest) = form_urlencoded::parse(value.as_bytes()).next()?;
    rest.is_empty().then(|| name.into_owned())
}

/// What a filter leaves out of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filtered {
    pub mode: FilterMode,
    objectives_out: HashSet<String>,
    hard_links_out: bool,
    soft_links_out: bool,
}

impl Filtered {
    /// Whether the objective `id` is left out.
    pub fn leaves_out(&self, id: &str) -> bool {
        self.objectives_out.contains(id)
    }

    /// Whether a link of `kind` from `from` to (an objective or a key result
    /// of) `to_objective` is left out: its kind is not chosen, or an end is.
    pub fn leaves_out_link(&self, from: &str, to_objective: &str, kind: LinkKind) -> bool {
        match kind {
            LinkKind::Hard if self.hard_links_out => return true,
            LinkKind::Soft if self.soft_links_out => return true,
            _ => {}
        }
        self.leaves_out(from) || self.leaves_out(to_objective)
    }

    /// How many objectives are left out.
    pub fn count_out(&self) -> usize {
        self.objectives_out.len()
    }
}

fn key_result_owners(doc: &Document) -> HashMap<&str, &str> {
    doc.objectives
        .iter()
        .flat_map(|o| {
            o.key_results
                .iter()
                .map(move |kr| (kr.id.as_str(), o.id.as_str()))
        })
        .collect()
}

pub fn kind_name(kind: ObjectiveKind) -> &'static str {
    match kind {
        ObjectiveKind::Aspirational => "aspirational",
        ObjectiveKind::Committed => "committed",
    }
}

fn kind_from_name(name: &str) -> Option<ObjectiveKind> {
    [ObjectiveKind::Aspirational, ObjectiveKind::Committed]
        .into_iter()
        .find(|k| kind_name(*k) == name)
}

/// At most 40 characters of an unread value, for a notice.
fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::sample_document as sample;

    fn shown(
        doc: &Document,
        filter: &Filter,
        status_of: &dyn Fn(&str) -> Option<Status>,
    ) -> Vec<String> {
        let filtered = filter.apply(doc, status_of);
        doc.objectives
            .iter()
            .filter(|o| !filtered.leaves_out(&o.id))
            .map(|o| o.id.clone())
            .collect()
    }

    #[test]
    fn no_choice_filters_nothing() {
        let doc = sample();
        let filter = Filter::default();
        assert!(!filter.is_active());
        assert_eq!(filter.to_query(), "");
        assert_eq!(shown(&doc, &filter, &|_| None).len(), doc.objectives.len());
    }

    #[test]
    fn the_query_round_trips_and_names_what_it_cannot_read() {
        let (filter, unread) = Filter::from_query(
            "?team=revenue,platform&level=team&kind=committed&status=off-track,at-risk&link=hard&filter=hide&canvas=x",
        );
        assert!(unread.is_empty(), "{unread:?}");
        assert_eq!(filter.choices(), 7);
        assert_eq!(filter.mode, FilterMode::Hide);
        let query = filter.to_query();
        assert_eq!(
            query,
            "team=platform,revenue&level=team&kind=committed&status=at-risk,off-track&link=hard&filter=hide"
        );
        assert_eq!(Filter::from_query(&query).0, filter);

        let (filter, unread) =
            Filter::from_query("level=galaxy&team=<script>&status=fine&kind=committed");
        assert_eq!(unread, ["level=galaxy", "team=<script>", "status=fine"]);
        assert_eq!(filter.to_query(), "kind=committed");
    }

    #[test]
    fn a_team_brings_its_sub_teams_and_groups_combine() {
        let doc = sample();
        let revenue = Filter {
            teams: ["revenue".to_string()].into(),
            ..Filter::default()
        };
        let teams_of = |ids: Vec<String>| -> BTreeSet<String> {
            ids.iter()
                .map(|id| {
                    doc.objectives
                        .iter()
                        .find(|o| &o.id == id)
                        .unwrap()
                        .team
                        .clone()
                })
                .collect()
        };
        assert_eq!(
            teams_of(shown(&doc, &revenue, &|_| None)),
            ["enterprise-sales", "marketing", "revenue"]
                .map(String::from)
                .into()
        );
        let committed_in_revenue = Filter {
            kinds: [ObjectiveKind::Committed].into(),
            ..revenue
        };
        assert_eq!(
            shown(&doc, &committed_in_revenue, &|_| None),
            ["o-rev-payback", "o-mkt-funnel"]
        );
    }

    #[test]
    fn statuses_come_from_the_caller() {
        let doc = sample();
        let filter = Filter {
            statuses: [Status::OffTrack].into(),
            ..Filter::default()
        };
        let off = |id: &str| {
            Some(if id == "o-reliable" {
                Status::OffTrack
            } else {
                Status::OnTrack
            })
        };
        assert_eq!(shown(&doc, &filter, &off), ["o-reliable"]);
    }

    #[test]
    fn link_kinds_choose_objectives_and_links() {
        let mut doc = sample();
        let mut alone = doc.objectives[0].clone();
        alone.id = "o-alone".into();
        alone.key_results.clear();
        doc.objectives.push(alone);
        let unlinked = Filter {
            links: [LinkFacet::None].into(),
            ..Filter::default()
        };
        let filtered = unlinked.apply(&doc, &|_| None);
        assert!(!filtered.leaves_out("o-alone"));
        assert!(filtered.leaves_out("o-grow-arr"));
        assert!(filtered.leaves_out_link("o-eng-erp", "o-grow-arr", LinkKind::Hard));

        let soft = Filter {
            links: [LinkFacet::Soft].into(),
            ..Filter::default()
        };
        let filtered = soft.apply(&doc, &|_| None);
        assert!(filtered.leaves_out("o-alone"));
        let soft_link = doc.links.iter().find(|l| l.kind == LinkKind::Soft).unwrap();
        assert!(!filtered.leaves_out(&soft_link.from));
        let hard_link = doc.links.iter().find(|l| l.kind == LinkKind::Hard).unwrap();
        assert!(filtered.leaves_out_link(&hard_link.from, &hard_link.to, LinkKind::Hard));
    }

    #[test]
    fn owners_keep_their_objectives_and_those_with_their_key_results() {
        let mut doc = sample();
        doc.objectives[0].owner = Some("Dana Kim".into());
        doc.objectives[1].key_results[0].owner = Some("Lee, Park & Co=1".into());
        let ids = [doc.objectives[0].id.clone(), doc.objectives[1].id.clone()];
        let filter = Filter {
            owners: ["Dana Kim".to_string(), "Lee, Park & Co=1".to_string()].into(),
            ..Filter::default()
        };
        assert_eq!(shown(&doc, &filter, &|_| None), ids);
        // Names with spaces, commas and signs survive the address.
        let query = filter.to_query();
        assert_eq!(query, "owner=Dana+Kim,Lee%2C+Park+%26+Co%3D1");
        assert_eq!(Filter::from_query(&query), (filter, Vec::new()));
        let (blank, unread) = Filter::from_query("owner=+,a%3Db=c");
        assert!(blank.owners.is_empty());
        assert_eq!(unread.len(), 2);
    }
}
