//! The built index and how it answers a search.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use roaring::RoaringBitmap;

use super::company_facts::CompanyFacts;
use super::text_index::TextIndex;
use crate::{
    BoolCounts, Cursor, Facets, ListingSummary, StoreError, TagStatus, TrackCounts,
    ValidListingQuery, sort_tags,
};

/// What the builder hands over.
pub(super) struct Parts {
    pub generation: i64,
    pub known_tags: usize,
    pub vocabulary: Vec<String>,
    pub labels: Vec<String>,
    pub companies: Vec<CompanyFacts>,
    pub company_slot: HashMap<i64, u32>,
    pub keys: Vec<(i64, i64)>,
    pub company_of: Vec<u32>,
    pub expires: Vec<i64>,
    pub ic: RoaringBitmap,
    pub remote: RoaringBitmap,
    pub past_staff: RoaringBitmap,
    pub tag_listings: Vec<RoaringBitmap>,
    pub text: TextIndex,
}

/// The open listings of the board at one change number, by position (0 = newest).
#[derive(Debug)]
pub struct BoardIndex {
    generation: i64,
    /// Tag ids: the vocabulary, then any tag only companies name.
    vocabulary: Vec<String>,
    labels: Vec<String>,
    known_tags: usize,
    companies: Vec<CompanyFacts>,
    company_slot: HashMap<i64, u32>,
    /// (posting time in seconds, id) per position, descending.
    keys: Vec<(i64, i64)>,
    company_of: Vec<u32>,
    expires: Vec<i64>,
    /// Positions ordered by expiry, soonest first.
    by_expiry: Vec<u32>,
    all: RoaringBitmap,
    ic: RoaringBitmap,
    remote: RoaringBitmap,
    past_staff: RoaringBitmap,
    /// Per vocabulary tag: listings of companies that claim it or were ever endorsed for it.
    tag_listings: Vec<RoaringBitmap>,
    text: TextIndex,
    /// Listings not expired at a given second, kept for the next search in that second.
    live: Mutex<Option<(usize, Arc<RoaringBitmap>)>>,
    /// Listings already read from the store for a page, without their company's tags (which
    /// depend on the clock and come from the index). Any write to the board makes a new index,
    /// so these are never older than the index itself.
    summaries: Mutex<HashMap<i64, ListingSummary>>,
    /// Matches and facets per filter (see [`Self::matches_and_facets`]).
    matched: Mutex<HashMap<String, Arc<Matched>>>,
    /// Company scores per ranking and second (see [`Self::scores`]).
    scored: Mutex<HashMap<(String, i64), Scores>>,
}

/// Each company's half-points, by company slot.
type Scores = Arc<Vec<u32>>;

/// The listings a filter matches while `expired` listings have expired, and their facets.
#[derive(Debug)]
struct Matched {
    expired: usize,
    matches: RoaringBitmap,
    facets: Facets,
}

/// Filters (and rankings) whose results an index keeps; past it the cache starts over.
const MAX_CACHED_QUERIES: usize = 256;

/// Most listing summaries an index keeps (about 1 KB each); past it the cache starts over.
const MAX_CACHED_SUMMARIES: usize = 20_000;

/// A page as the index answers it: the listing ids in order, and what the store's search
/// would give besides the listings themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexHits {
    pub ids: Vec<i64>,
    pub next: Option<Cursor>,
    pub facets: Facets,
}

impl BoardIndex {
    pub(super) fn from_parts(parts: Parts) -> Self {
        let n = u32::try_from(parts.keys.len()).unwrap_or(u32::MAX);
        let mut all = RoaringBitmap::new();
        all.insert_range(0..n);
        let mut by_expiry: Vec<u32> = (0..n).collect();
        by_expiry.sort_by_key(|p| parts.expires[*p as usize]);
        Self {
            generation: parts.generation,
            known_tags: parts.known_tags,
            vocabulary: parts.vocabulary,
            labels: parts.labels,
            companies: parts.companies,
            company_slot: parts.company_slot,
            keys: parts.keys,
            company_of: parts.company_of,
            expires: parts.expires,
            by_expiry,
            all,
            ic: parts.ic,
            remote: parts.remote,
            past_staff: parts.past_staff,
            tag_listings: parts.tag_listings,
            text: parts.text,
            live: Mutex::new(None),
            summaries: Mutex::new(HashMap::new()),
            matched: Mutex::new(HashMap::new()),
            scored: Mutex::new(HashMap::new()),
        }
    }

    /// The board change number the index was built at.
    #[must_use]
    pub fn generation(&self) -> i64 {
        self.generation
    }

    /// Listings held (open, or only expired).
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when it holds no listing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Distinct words held.
    #[must_use]
    pub fn words(&self) -> usize {
        self.text.len()
    }

    /// The tag vocabulary the index was built with (for checking tag filters).
    #[must_use]
    pub fn vocabulary(&self) -> &[String] {
        &self.vocabulary[..self.known_tags.min(self.vocabulary.len())]
    }

    /// A company's tag standings as search results show them: each tag it claims or that
    /// verified employees endorsed after `since`, counting only those endorsements, sorted
    /// for display (as the store's `company_tags_at` without teams and disputes).
    #[must_use]
    pub fn company_tags(&self, company_id: i64, since: DateTime<Utc>) -> Vec<TagStatus> {
        let Some(&slot) = self.company_slot.get(&company_id) else {
            return Vec::new();
        };
        let mut tags: Vec<TagStatus> = self.companies[slot as usize]
            .standings(since)
            .filter(|(_, claimed, fresh)| *claimed || *fresh > 0)
            .map(|(tag, claimed, fresh)| {
                TagStatus::new(
                    self.vocabulary[tag].clone(),
                    self.labels[tag].clone(),
                    claimed,
                    fresh,
                )
            })
            .collect();
        sort_tags(&mut tags);
        tags
    }

    /// The cached summaries of `ids`, in order (`None` where not cached).
    #[must_use]
    pub fn cached_summaries(&self, ids: &[i64]) -> Vec<Option<ListingSummary>> {
        let cache = self
            .summaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        ids.iter().map(|id| cache.get(id).cloned()).collect()
    }

    /// Keeps summaries read from the store for later pages.
    pub fn cache_summaries(&self, read: &[ListingSummary]) {
        let mut cache = self
            .summaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() + read.len() > MAX_CACHED_SUMMARIES {
            cache.clear();
        }
        for summary in read {
            cache.insert(summary.id, summary.clone());
        }
    }

    fn tag(&self, id: &str) -> Option<usize> {
        self.vocabulary.iter().position(|t| t == id)
    }

    /// Listings whose expiry is after `now` (seconds).
    fn live(&self, now: i64) -> Arc<RoaringBitmap> {
        let expired = self.expired(now);
        let mut cached = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((at, set)) = cached.as_ref()
            && *at == expired
        {
            return Arc::clone(set);
        }
        let set = if expired == 0 {
            self.all.clone()
        } else {
            let mut gone: Vec<u32> = self.by_expiry[..expired].to_vec();
            gone.sort_unstable();
            let gone = RoaringBitmap::from_sorted_iter(gone).unwrap_or_default();
            &self.all - gone
        };
        let set = Arc::new(set);
        *cached = Some((expired, Arc::clone(&set)));
        set
    }

    /// How many listings have expired at `now` (seconds): the live set changes only when
    /// this does, so it keys the caches below.
    fn expired(&self, now: i64) -> usize {
        self.by_expiry
            .partition_point(|p| self.expires[*p as usize] <= now)
    }

    /// The matches and facets of a filter (cursor, page size and preferences aside), kept
    /// while no further listing expires: repeated searches and later pages cost a lookup.
    fn matches_and_facets(&self, filter: &ValidListingQuery, now: i64) -> Arc<Matched> {
        let mut terms = filter.terms.clone();
        terms.sort();
        let mut tags = filter.tags.clone();
        tags.sort();
        let key = format!(
            "{terms:?}|{tags:?}|{:?}|{:?}|{:?}",
            filter.track, filter.ic_past_staff, filter.remote
        );
        let expired = self.expired(now);
        let lock = || {
            self.matched
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(hit) = lock().get(&key).filter(|m| m.expired == expired) {
            return Arc::clone(hit);
        }
        let matches = self.matches(filter, now);
        let facets = self.facets(&matches);
        let entry = Arc::new(Matched {
            expired,
            matches,
            facets,
        });
        let mut cache = lock();
        if cache.len() >= MAX_CACHED_QUERIES {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&entry));
        entry
    }

    /// Each company's half-points under `ranking` with confirmations made after `since`,
    /// kept for the rest of that second.
    fn scores(&self, ranking: &[crate::Preference], since: DateTime<Utc>) -> Arc<Vec<u32>> {
        let key = (
            ranking
                .iter()
                .map(|p| p.to_param())
                .collect::<Vec<_>>()
                .join(","),
            since.timestamp(),
        );
        let lock = || {
            self.scored
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(hit) = lock().get(&key) {
            return Arc::clone(hit);
        }
        let tags: Vec<Option<usize>> = ranking.iter().map(|p| self.tag(&p.tag)).collect();
        let scores: Arc<Vec<u32>> = Arc::new(
            self.companies
                .iter()
                .map(|c| c.earned(ranking, &tags, since))
                .collect(),
        );
        let mut cache = lock();
        if cache.len() >= MAX_CACHED_QUERIES {
            cache.clear();
        }
        cache.insert(key, Arc::clone(&scores));
        scores
    }

    /// Every listing open at `now` matching the filter (the cursor aside).
    fn matches(&self, filter: &ValidListingQuery, now: i64) -> RoaringBitmap {
        let mut sets: Vec<&RoaringBitmap> = Vec::new();
        let empty = RoaringBitmap::new();
        for tag in &filter.tags {
            sets.push(self.tag(tag).map_or(&empty, |t| &self.tag_listings[t]));
        }
        let text = self.text.matches(&filter.terms);
        if let Some(text) = &text {
            sets.push(text);
        }
        sets.sort_by_key(|s| s.len());
        let live = self.live(now);
        let mut out = match sets.split_first() {
            Some((first, rest)) => {
                let mut out = *first & live.as_ref();
                for set in rest {
                    out &= *set;
                }
                out
            }
            None => live.as_ref().clone(),
        };
        match filter.track {
            Some(crate::Track::Ic) => out &= &self.ic,
            Some(crate::Track::Management) => out -= &self.ic,
            None => {}
        }
        match filter.ic_past_staff {
            Some(true) => out &= &self.past_staff,
            Some(false) => out -= &self.past_staff,
            None => {}
        }
        match filter.remote {
            Some(true) => out &= &self.remote,
            Some(false) => out -= &self.remote,
            None => {}
        }
        out
    }

    fn facets(&self, matches: &RoaringBitmap) -> Facets {
        let total = matches.len();
        let ic = matches.intersection_len(&self.ic);
        let remote = matches.intersection_len(&self.remote);
        let past_staff = matches.intersection_len(&self.past_staff);
        let mut facets = Facets {
            track: TrackCounts {
                ic,
                management: total - ic,
            },
            ic_past_staff: BoolCounts {
                yes: past_staff,
                no: total - past_staff,
            },
            remote: BoolCounts {
                yes: remote,
                no: total - remote,
            },
            ..Facets::default()
        };
        if total > 0 {
            for (tag, set) in self.vocabulary.iter().zip(&self.tag_listings) {
                let n = matches.intersection_len(set);
                if n > 0 {
                    facets.tags.insert(tag.clone(), n);
                }
            }
        }
        facets
    }

    /// First position after the listing `(posted_at, id)` in newest-first order.
    fn after(&self, posted_at: i64, id: i64) -> u32 {
        let pos = self.keys.partition_point(|k| *k >= (posted_at, id));
        u32::try_from(pos).unwrap_or(u32::MAX)
    }

    /// Answers a validated query at `now`: the same ids, cursor and facets as the store's
    /// search (its tag check aside: see [`Self::vocabulary`]).
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] for a cursor of a search with other preferences, as the
    /// store says it.
    pub fn search(
        &self,
        filter: &ValidListingQuery,
        now: DateTime<Utc>,
    ) -> Result<IndexHits, StoreError> {
        let now = crate::whole_seconds(now);
        let ranking = filter.ranking();
        let ranked = !ranking.is_empty();
        match (filter.after, ranked) {
            (None, _) => {}
            (Some(after), false) if after.score.is_none() => {}
            (Some(after), true) if after.score.is_some() => {}
            _ => {
                return Err(StoreError::invalid(
                    "this cursor belongs to a search with other preferences; start again \
                     without `cursor`",
                ));
            }
        }
        let matched = self.matches_and_facets(filter, now.timestamp());
        let (matches, facets) = (&matched.matches, matched.facets.clone());
        let want = usize::try_from(filter.limit).unwrap_or(usize::MAX);
        let (ids, next) = if ranked {
            self.ranked_page(filter, &ranking, matches, now, want)
        } else {
            let start = filter
                .after
                .map_or(0, |c| self.after(c.posted_at.timestamp(), c.id));
            let positions: Vec<u32> = matches.range(start..).take(want + 1).collect();
            let more = positions.len() > want;
            let ids: Vec<i64> = positions
                .iter()
                .take(want)
                .map(|p| self.keys[*p as usize].1)
                .collect();
            let next = positions
                .get(want.wrapping_sub(1))
                .filter(|_| more)
                .map(|p| self.cursor(*p, None));
            (ids, next)
        };
        Ok(IndexHits { ids, next, facets })
    }

    fn cursor(&self, pos: u32, score: Option<u32>) -> Cursor {
        let (secs, id) = self.keys[pos as usize];
        Cursor {
            posted_at: DateTime::from_timestamp(secs, 0).unwrap_or_default(),
            id,
            score,
        }
    }

    /// Best score first, then newest first: one walk over the matches, keeping per score at
    /// most a page (plus one) of the newest, and stopping once the best score still possible
    /// has a full page.
    fn ranked_page(
        &self,
        filter: &ValidListingQuery,
        ranking: &[crate::Preference],
        matches: &RoaringBitmap,
        now: DateTime<Utc>,
        want: usize,
    ) -> (Vec<i64>, Option<Cursor>) {
        let since = now - filter.confirmation_max_age;
        let scores = self.scores(ranking, since);
        let (cut_score, cut_pos) = match filter.after {
            Some(c) => (
                c.score.unwrap_or_default(),
                self.after(c.posted_at.timestamp(), c.id),
            ),
            None => (u32::MAX, 0),
        };
        let best = scores
            .iter()
            .copied()
            .filter(|s| *s <= cut_score)
            .max()
            .unwrap_or(0);
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); best as usize + 1];
        for pos in matches {
            let score = scores[self.company_of[pos as usize] as usize];
            if score > cut_score || (score == cut_score && pos < cut_pos) {
                continue;
            }
            let bucket = &mut buckets[score as usize];
            if bucket.len() <= want {
                bucket.push(pos);
                if score == best && bucket.len() > want {
                    break;
                }
            }
        }
        let order: Vec<(u32, u32)> = buckets
            .iter()
            .enumerate()
            .rev()
            .flat_map(|(score, b)| {
                let score = u32::try_from(score).unwrap_or(u32::MAX);
                b.iter().map(move |p| (score, *p))
            })
            .take(want + 1)
            .collect();
        let more = order.len() > want;
        let ids = order
            .iter()
            .take(want)
            .map(|(_, p)| self.keys[*p as usize].1)
            .collect();
        let next = order
            .get(want.wrapping_sub(1))
            .filter(|_| more)
            .map(|(score, p)| self.cursor(*p, Some(*score)));
        (ids, next)
    }
}
