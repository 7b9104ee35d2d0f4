//! Facet counts of recent searches, kept per normalised query.
//!
//! Counting facets reads every match, which on a large board is most of a search's cost, and
//! the same few queries (the front page, a tag, remote only) come back again and again. A
//! cached count is used only while nothing it counts has changed: the database keeps a change
//! number (`board_changes`) that triggers bump on every write to listings, companies, claimed
//! tags or endorsements, whoever writes them (another server process, the CLI). Listings also
//! leave the board by expiring, which no write announces, so an entry serves only searches at
//! most [`MAX_AGE`] after the moment it was counted for, never earlier ones.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use dualtrack_board::{Facets, ValidListingQuery};

/// How long after the moment it was counted for a cached count still serves a search: the
/// most an expiry can lag in the counts.
pub const MAX_AGE: Duration = Duration::seconds(30);

/// Distinct queries kept; past this the cache starts over (a crude bound on memory).
const MAX_ENTRIES: usize = 1_024;

/// The filters that decide which listings match, order-free; the cursor, the page size and
/// ranking preferences do not change the facets and are left out.
#[must_use]
pub fn key(filter: &ValidListingQuery) -> String {
    let mut terms = filter.terms.clone();
    terms.sort_unstable();
    terms.dedup();
    let mut tags = filter.tags.clone();
    tags.sort_unstable();
    tags.dedup();
    format!(
        "{terms:?}|{tags:?}|{:?}|{:?}|{:?}",
        filter.track, filter.ic_past_staff, filter.remote
    )
}

#[derive(Debug, Clone)]
struct Entry {
    changes: i64,
    counted_at: DateTime<Utc>,
    facets: Facets,
}

/// Setting this environment variable to `off` turns the cache off (every search counts its
/// facets afresh), to compare or to rule the cache out when a count looks wrong.
pub const SWITCH: &str = "DUALTRACK_FACET_CACHE";

/// The cache; one per store, shared by its connections.
#[derive(Debug)]
pub struct FacetCache {
    enabled: bool,
    entries: Mutex<HashMap<String, Entry>>,
}

impl Default for FacetCache {
    /// On, unless [`SWITCH`] says `off`.
    fn default() -> Self {
        let off = std::env::var(SWITCH).is_ok_and(|v| v.trim().eq_ignore_ascii_case("off"));
        Self {
            enabled: !off,
            entries: Mutex::default(),
        }
    }
}

impl FacetCache {
    /// Whether searches use the cache at all.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The facets counted for `key` at change number `changes`, when they still hold at `now`.
    pub fn get(&self, key: &str, changes: i64, now: DateTime<Utc>) -> Option<Facets> {
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(key)?;
        (entry.changes == changes && entry.counted_at <= now && now - entry.counted_at <= MAX_AGE)
            .then(|| entry.facets.clone())
    }

    /// Keeps facets counted at change number `changes` (read before counting) for `now`.
    pub fn put(&self, key: String, changes: i64, now: DateTime<Utc>, facets: &Facets) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                changes,
                counted_at: now,
                facets: facets.clone(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use dualtrack_board::ListingQuery;

    use super::*;

    fn facets(n: u64) -> Facets {
        Facets::from_groups(
            [(
                dualtrack_board::Track::Ic,
                true,
                dualtrack_board::Workplace::Remote,
                n,
            )],
            [],
        )
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::seconds(1_800_000_000 + seconds)
    }

    #[test]
    fn the_key_ignores_order_page_and_ranking() {
        let a = ListingQuery {
            q: Some("rust platform".into()),
            tag: vec!["deep-work".into(), "writing-culture".into()],
            ..ListingQuery::default()
        };
        let b = ListingQuery {
            q: Some("platform rust".into()),
            tag: vec!["writing-culture".into(), "deep-work".into()],
            limit: 50,
            prefer: vec!["sustainable-pace:nice".into()],
            ..ListingQuery::default()
        };
        assert_eq!(key(&a.validate().unwrap()), key(&b.validate().unwrap()));
        let remote = ListingQuery {
            remote: Some(true),
            ..a.clone()
        };
        assert_ne!(
            key(&a.validate().unwrap()),
            key(&remote.validate().unwrap())
        );
    }

    #[test]
    fn an_entry_serves_only_its_change_number_and_a_short_while_after() {
        let cache = FacetCache::default();
        cache.put("q".into(), 7, at(0), &facets(3));
        assert_eq!(cache.get("q", 7, at(0)), Some(facets(3)));
        assert_eq!(cache.get("q", 7, at(30)), Some(facets(3)));
        assert_eq!(cache.get("q", 8, at(1)), None, "a write happened since");
        assert_eq!(
            cache.get("q", 7, at(31)),
            None,
            "listings may have expired since"
        );
        assert_eq!(
            cache.get("q", 7, at(-1)),
            None,
            "counted for a later moment"
        );
        assert_eq!(cache.get("other", 7, at(0)), None);
    }
}
