//! Listings as employers post, edit, close and renew them and administrators hide them,
//! with the moderation log those acts write.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{AuditEntry, Listing, ListingDraft, NewAuditEntry, NewListing, StoreError};

/// Listings one at a time, and the moderation log.
#[async_trait]
pub trait ListingStore {
    /// One listing with its description, whatever its state (open, expired, closed, hidden).
    async fn listing(&self, id: i64) -> Result<Option<Listing>, StoreError>;

    /// Posts a listing for a company, dated `now`; it expires as the draft says or 60 days
    /// later. [`StoreError::InvalidInput`] naming each bad field.
    async fn create_listing(
        &self,
        company_id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError>;

    /// Replaces a listing's text (its posting date stays; a draft without an expiry keeps the
    /// current one). [`StoreError::NotFound`] for an unknown listing.
    async fn update_listing(
        &self,
        id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError>;

    /// Adds a listing exactly as given (posting date and expiry included), for imports; the
    /// company is named by slug. [`StoreError::NotFound`] for an unknown company.
    async fn import_listing(&self, listing: &NewListing) -> Result<Listing, StoreError>;

    /// Closes a listing at `now` (closing a closed one keeps the first date).
    async fn close_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError>;

    /// Renews a listing: it reopens if closed and expires 60 days after `now`.
    async fn renew_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError>;

    /// Hides a listing from everyone and records the act in the audit log, in one
    /// transaction. [`StoreError::InvalidInput`] without a reason.
    async fn hide_listing(
        &self,
        id: i64,
        actor: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError>;

    /// A company's listings in every state, newest first, at most `limit` (1..=1000).
    async fn company_listings(
        &self,
        company_id: i64,
        limit: u32,
    ) -> Result<Vec<Listing>, StoreError>;

    /// Appends one act to the audit log.
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError>;

    /// The newest audit entries, newest first, at most `limit` (1..=1000).
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
}
