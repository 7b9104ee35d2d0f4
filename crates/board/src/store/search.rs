//! Listing search, and the reads the in-memory search index (`crate::index`) is built from.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{IndexCompany, IndexListing, ListingPage, ListingQuery, ListingSummary, StoreError};

/// Search over the open listings, and the search index's reads.
#[async_trait]
pub trait SearchStore {
    /// One page of the listings open at `now` matching `query`, newest first (best
    /// preference score first when it ranks), with facet counts over every match.
    /// Closed, hidden and expired listings are left out. [`StoreError::InvalidInput`] for a
    /// bad limit, cursor, preference or unknown tag.
    async fn search_listings(
        &self,
        query: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError>;

    /// The board's change number: it moves whenever a listing, company, claimed tag or
    /// endorsement is written, by any process. One cheap read.
    async fn board_generation(&self) -> Result<i64, StoreError>;

    /// Listings neither closed nor hidden (expired ones included), newest first (then highest
    /// id first), starting after the `(posted_at, id)` given, at most `limit` (1..=10,000).
    async fn index_listings(
        &self,
        after: Option<(DateTime<Utc>, i64)>,
        limit: u32,
    ) -> Result<Vec<IndexListing>, StoreError>;

    /// Every company with its claimed tags and every endorsement's tag and date.
    async fn index_companies(&self) -> Result<Vec<IndexCompany>, StoreError>;

    /// Search results by id, in the order given (ids not found are left out), with each
    /// company's `tags` left empty for the caller to fill (the index knows them).
    async fn listing_summaries(&self, ids: &[i64]) -> Result<Vec<ListingSummary>, StoreError>;
}
