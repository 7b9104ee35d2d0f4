//! What a search should return, computed straight from the demo data.

use std::collections::{BTreeMap, BTreeSet};

use dualtrack_board::{BoolCounts, DemoData, Facets, ListingQuery, TrackCounts, search_terms};

/// One demo listing with the facts search filters on. Ids follow file order, as seeded.
pub struct Row {
    pub id: i64,
    pub posted_at: i64,
    pub track: &'static str,
    pub past_staff: bool,
    pub remote: bool,
    pub tags: BTreeSet<String>,
    pub words: Vec<String>,
}

pub struct Model {
    pub rows: Vec<Row>,
}

/// Lowercase runs of letters and digits, as both backends index text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Model {
    /// `extra_tags`: (company slug, tag) endorsements added during the story.
    pub fn new(demo: &DemoData, extra_tags: &[(&str, &str)]) -> Self {
        let rows = demo
            .listings
            .iter()
            .zip(1..)
            .map(|(listing, id)| {
                let company = demo
                    .companies
                    .iter()
                    .find(|c| c.slug == listing.company)
                    .unwrap();
                let mut tags: BTreeSet<String> = company.tags.iter().cloned().collect();
                for account in &demo.accounts {
                    if account.verified_company.as_deref() == Some(company.slug.as_str()) {
                        tags.extend(account.endorses.iter().cloned());
                    }
                }
                for (slug, tag) in extra_tags {
                    if *slug == company.slug {
                        tags.insert((*tag).to_owned());
                    }
                }
                let text = [
                    listing.title.as_str(),
                    company.name.as_str(),
                    listing.location.as_str(),
                    listing.description.as_str(),
                ]
                .join(" ");
                Row {
                    id,
                    posted_at: listing.posted_at.timestamp(),
                    track: listing.track.as_str(),
                    past_staff: company.ic_past_staff(),
                    remote: listing.workplace.is_remote(),
                    tags,
                    words: words(&text),
                }
            })
            .collect();
        Self { rows }
    }

    /// Matching rows, newest first, ties broken by higher id first.
    pub fn search(&self, query: &ListingQuery) -> Vec<&Row> {
        let terms = query.q.as_deref().map(search_terms).unwrap_or_default();
        let mut hits: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| {
                terms
                    .iter()
                    .all(|t| r.words.iter().any(|w| w.starts_with(t.as_str())))
            })
            .filter(|r| query.tag.iter().all(|t| r.tags.contains(t)))
            .filter(|r| query.track.is_none_or(|t| t.as_str() == r.track))
            .filter(|r| query.ic_past_staff.is_none_or(|p| p == r.past_staff))
            .filter(|r| query.remote.is_none_or(|p| p == r.remote))
            .collect();
        hits.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then(b.id.cmp(&a.id)));
        hits
    }

    pub fn ids(&self, query: &ListingQuery) -> Vec<i64> {
        self.search(query).iter().map(|r| r.id).collect()
    }

    pub fn facets(&self, query: &ListingQuery) -> Facets {
        let hits = self.search(query);
        let mut tags: BTreeMap<String, u64> = BTreeMap::new();
        let mut track = TrackCounts::default();
        let mut past_staff = BoolCounts::default();
        let mut remote = BoolCounts::default();
        for row in hits {
            for tag in &row.tags {
                *tags.entry(tag.clone()).or_default() += 1;
            }
            if row.track == "ic" {
                track.ic += 1;
            } else {
                track.management += 1;
            }
            if row.past_staff {
                past_staff.yes += 1;
            } else {
                past_staff.no += 1;
            }
            if row.remote {
                remote.yes += 1;
            } else {
                remote.no += 1;
            }
        }
        Facets {
            tags,
            track,
            ic_past_staff: past_staff,
            remote,
        }
    }
}
