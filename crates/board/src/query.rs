//! Listing search: the request, its validation, and the page it returns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    Cursor, Level, ListingSummary, Preference, StoreError, Track, Workplace, parse_preferences, tag,
};

/// Page size when the caller does not ask for one.
pub const DEFAULT_LIMIT: u32 = 20;
/// Largest page a caller may ask for.
pub const MAX_LIMIT: u32 = 100;
/// Most tag filters in one query.
pub const MAX_TAG_FILTERS: usize = 10;
/// Longest free-text query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words of the free-text query that are matched; more words add nothing but cost.
pub const MAX_TERMS: usize = 8;

/// A listing search as callers send it (also the `/api/v1/listings` query string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    /// Words to find in title, company, location and description; every word must match,
    /// as a whole word or a word prefix (`rust` finds `Rust`, `dist` finds `distributed`).
    pub q: Option<String>,
    /// Culture tag ids the company must have (claimed or endorsed); all must match. Each
    /// entry may also be a comma-separated list.
    pub tag: Vec<String>,
    pub track: Option<Track>,
    /// Only companies whose IC ladder goes above Staff (true) or stops at Staff or below (false).
    pub ic_past_staff: Option<bool>,
    /// Only fully remote listings (true) or only hybrid and onsite ones (false).
    pub remote: Option<bool>,
    /// The `next` value of the previous page.
    pub cursor: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: u32,
    /// Preferences, each `TAG:LEVEL` with LEVEL `nice`, `important` or `dealbreaker`; may
    /// repeat. Dealbreakers filter like `tag`; the others rank results by score (best first),
    /// and each item then carries `match`.
    pub prefer: Vec<String>,
    /// Days a culture-tag confirmation counts (the server's setting, not a URL parameter):
    /// older confirmations neither confirm a tag on a result nor earn it full points.
    #[serde(skip)]
    #[param(ignore)]
    #[schema(ignore)]
    pub confirmation_max_age_days: u32,
}

impl Default for ListingQuery {
    fn default() -> Self {
        Self {
            q: None,
            tag: Vec::new(),
            track: None,
            ic_past_staff: None,
            remote: None,
            cursor: None,
            limit: DEFAULT_LIMIT,
            prefer: Vec::new(),
            confirmation_max_age_days: crate::DEFAULT_CONFIRMATION_MAX_AGE_DAYS,
        }
    }
}

/// A query that passed validation, in the form backends execute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidListingQuery {
    /// Lowercase runs of letters and digits, at most [`MAX_TERMS`].
    pub terms: Vec<String>,
    /// Distinct tag ids, in the order given.
    pub tags: Vec<String>,
    pub track: Option<Track>,
    pub ic_past_staff: Option<bool>,
    pub remote: Option<bool>,
    pub after: Option<Cursor>,
    pub limit: u32,
    /// Every preference given, dealbreakers included (their tags are also in `tags`).
    pub prefs: Vec<Preference>,
    /// How long a culture-tag confirmation counts.
    pub confirmation_max_age: chrono::Duration,
}

impl ValidListingQuery {
    /// The preferences that rank (nice and important).
    #[must_use]
    pub fn ranking(&self) -> Vec<Preference> {
        self.prefs
            .iter()
            .filter(|p| p.level != Level::Dealbreaker)
            .cloned()
            .collect()
    }
}

impl ListingQuery {
    /// Checks and normalises the query.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] naming the parameter at fault and its accepted values.
    pub fn validate(&self) -> Result<ValidListingQuery, StoreError> {
        if !(1..=MAX_LIMIT).contains(&self.limit) {
            return Err(StoreError::invalid(format!(
                "limit {} is out of range; use 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})",
                self.limit
            )));
        }
        let terms = match &self.q {
            Some(q) if q.chars().count() > MAX_QUERY_CHARS => {
                return Err(StoreError::invalid(format!(
                    "q is {} characters; shorten it to at most {MAX_QUERY_CHARS}",
                    q.chars().count()
                )));
            }
            Some(q) => search_terms(q),
            None => Vec::new(),
        };
        let mut tags: Vec<String> = Vec::new();
        for raw in self.tag.iter().flat_map(|t| t.split(',')) {
            let id = raw.trim().to_ascii_lowercase();
            if id.is_empty() || tags.contains(&id) {
                continue;
            }
            if !tag::is_tag_id(&id) {
                return Err(StoreError::invalid(format!(
                    "tag `{}` is not a tag id; ids look like `deep-work` (see GET /api/v1/tags)",
                    raw.trim()
                )));
            }
            tags.push(id);
        }
        let prefs = parse_preferences(&self.prefer)?;
        for pref in &prefs {
            if pref.level == Level::Dealbreaker && !tags.contains(&pref.tag) {
                tags.push(pref.tag.clone());
            }
        }
        if tags.len() > MAX_TAG_FILTERS {
            return Err(StoreError::invalid(format!(
                "{} tag filters given; use at most {MAX_TAG_FILTERS}",
                tags.len()
            )));
        }
        let after = match self.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(Cursor::decode(text)?),
        };
        Ok(ValidListingQuery {
            terms,
            tags,
            track: self.track,
            ic_past_staff: self.ic_past_staff,
            remote: self.remote,
            after,
            limit: self.limit,
            prefs,
            confirmation_max_age: chrono::Duration::days(i64::from(self.confirmation_max_age_days)),
        })
    }
}

impl ValidListingQuery {
    /// Refuses tag filters outside the vocabulary, so a typo is reported instead of silently
    /// matching nothing.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] listing the known tags.
    pub fn check_tags_known<S: AsRef<str>>(&self, known: &[S]) -> Result<(), StoreError> {
        match self
            .tags
            .iter()
            .chain(self.prefs.iter().map(|p| &p.tag))
            .find(|t| !known.iter().any(|k| k.as_ref() == t.as_str()))
        {
            None => Ok(()),
            Some(unknown) => {
                let list: Vec<&str> = known.iter().map(AsRef::as_ref).collect();
                Err(StoreError::invalid(format!(
                    "unknown tag `{unknown}`; known tags: {}",
                    list.join(", ")
                )))
            }
        }
    }
}

/// Splits free text into the words search matches: lowercase runs of letters and digits.
/// Both backends tokenise stored text the same way, so results agree.
#[must_use]
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // Lowercasing can add combining marks (`İ` -> `i̇`); keep only letters and digits.
        let word: String = word
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if !word.is_empty() && !terms.contains(&word) {
            terms.push(word);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// Counts for a yes/no facet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BoolCounts {
    #[serde(rename = "true")]
    pub yes: u64,
    #[serde(rename = "false")]
    pub no: u64,
}

impl BoolCounts {
    fn add(&mut self, value: bool, count: u64) {
        if value {
            self.yes += count;
        } else {
            self.no += count;
        }
    }
}

/// Counts per track.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TrackCounts {
    pub ic: u64,
    pub management: u64,
}

/// How the listings matching a query (all pages, every filter applied) divide up, so a page
/// can show "Remote (12)" next to each filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Facets {
    /// Matching listings whose company has the tag (claimed or endorsed); tags with no
    /// matching listing are left out.
    pub tags: BTreeMap<String, u64>,
    pub track: TrackCounts,
    pub ic_past_staff: BoolCounts,
    pub remote: BoolCounts,
}

impl Facets {
    /// Folds grouped counts from a backend: `(track, ic_past_staff, workplace, count)` rows
    /// and `(tag, count)` rows.
    pub fn from_groups(
        groups: impl IntoIterator<Item = (Track, bool, Workplace, u64)>,
        tags: impl IntoIterator<Item = (String, u64)>,
    ) -> Self {
        let mut facets = Self::default();
        for (track, past_staff, workplace, count) in groups {
            match track {
                Track::Ic => facets.track.ic += count,
                Track::Management => facets.track.management += count,
            }
            facets.ic_past_staff.add(past_staff, count);
            facets.remote.add(workplace.is_remote(), count);
        }
        for (tag, count) in tags {
            if count > 0 {
                *facets.tags.entry(tag).or_default() += count;
            }
        }
        facets
    }

    /// Listings matching the query, across all pages.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.track.ic + self.track.management
    }
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ListingPage {
    /// Newest first.
    pub items: Vec<ListingSummary>,
    /// Cursor for the following page; `null` on the last page.
    pub next: Option<String>,
    pub facets: Facets,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn defaults_are_valid() {
        let valid = ListingQuery::default().validate().unwrap();
        assert_eq!(valid.limit, DEFAULT_LIMIT);
        assert!(valid.terms.is_empty() && valid.tags.is_empty() && valid.after.is_none());
    }

    #[test]
    fn limit_out_of_range_is_refused() {
        for limit in [0, MAX_LIMIT + 1] {
            let query = ListingQuery {
                limit,
                ..ListingQuery::default()
            };
            let err = query.validate().unwrap_err().to_string();
            assert!(err.contains("use 1 to 100"), "{err}");
        }
    }

    #[test]
    fn tags_are_split_normalised_and_deduplicated() {
        let query = ListingQuery {
            tag: vec![
                "Deep-Work, writing-culture".into(),
                "deep-work".into(),
                " ".into(),
            ],
            ..ListingQuery::default()
        };
        assert_eq!(
            query.validate().unwrap().tags,
            ["deep-work", "writing-culture"]
        );
        let bad = ListingQuery {
            tag: vec!["deep work".into()],
            ..ListingQuery::default()
        };
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("`deep work`")
        );
    }

    #[test]
    fn unknown_tags_are_named_with_the_vocabulary() {
        let query = ListingQuery {
            tag: vec!["deep-wrk".into()],
            ..ListingQuery::default()
        };
        let err = query
            .validate()
            .unwrap()
            .check_tags_known(&["deep-work", "remote-first"]);
        let text = err.unwrap_err().to_string();
        assert!(
            text.contains("`deep-wrk`") && text.contains("deep-work, remote-first"),
            "{text}"
        );
    }

    #[test]
    fn bad_cursor_is_invalid_input() {
        let query = ListingQuery {
            cursor: Some("%%%".into()),
            ..ListingQuery::default()
        };
        assert!(matches!(query.validate(), Err(StoreError::InvalidInput(_))));
    }

    #[test]
    fn long_text_queries_are_refused() {
        let query = ListingQuery {
            q: Some("x".repeat(MAX_QUERY_CHARS + 1)),
            ..ListingQuery::default()
        };
        assert!(
            query
                .validate()
                .unwrap_err()
                .to_string()
                .contains("shorten")
        );
    }

    #[test]
    fn terms_are_lowercase_alphanumeric_runs() {
        assert_eq!(
            search_terms("  Rust/Go, on-call!! rust "),
            ["rust", "go", "on", "call"]
        );
        assert!(search_terms("!!! ...").is_empty());
        assert_eq!(search_terms("a b c d e f g h i j").len(), MAX_TERMS);
    }

    #[test]
    fn facets_fold_groups() {
        let facets = Facets::from_groups(
            [
                (Track::Ic, true, Workplace::Remote, 3),
                (Track::Ic, false, Workplace::Onsite, 2),
                (Track::Management, true, Workplace::Hybrid, 4),
            ],
            [("deep-work".to_owned(), 5), ("remote-first".to_owned(), 0)],
        );
        assert_eq!(
            facets.track,
            TrackCounts {
                ic: 5,
                management: 4
            }
        );
        assert_eq!(facets.ic_past_staff, BoolCounts { yes: 7, no: 2 });
        assert_eq!(facets.remote, BoolCounts { yes: 3, no: 6 });
        assert_eq!(facets.tags.len(), 1);
        assert_eq!(facets.total(), 9);
        let json = serde_json::to_value(&facets).unwrap();
        assert_eq!(json["remote"], serde_json::json!({"true": 3, "false": 6}));
    }

    proptest! {
        #[test]
        fn terms_never_contain_separators(text in ".{0,300}") {
            for term in search_terms(&text) {
                prop_assert!(!term.is_empty());
                prop_assert!(term.chars().all(char::is_alphanumeric));
            }
        }
    }
}
