//! Companies: the tag vocabulary, the companies with the tags they claim and the ladders
//! their employers upload, and the demo board that seeds an empty database.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{
    Company, CompanyLadderUpload, CultureTag, DemoData, StoreError, StoredCompanyLadder, TagStatus,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What `seed_demo` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SeedSummary {
    pub tags: usize,
    pub companies: usize,
    pub listings: usize,
    pub accounts: usize,
    pub endorsements: usize,
}

/// Companies, their claimed tags and their own ladders.
#[async_trait]
pub trait CompanyStore {
    /// True when the board has no companies yet (a fresh database).
    async fn is_empty(&self) -> Result<bool, StoreError>;

    /// Writes the tag vocabulary, companies, listings, demo accounts and endorsements in one
    /// transaction. Refuses ([`StoreError::Conflict`]) unless the board is empty.
    async fn seed_demo(&self, demo: &DemoData) -> Result<SeedSummary, StoreError>;

    /// The culture tag vocabulary, in its file order.
    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError>;

    /// All companies, by name.
    async fn companies(&self) -> Result<Vec<Company>, StoreError>;

    /// One company by id.
    async fn company(&self, id: i64) -> Result<Option<Company>, StoreError>;

    /// One company by slug.
    async fn company_by_slug(&self, slug: &str) -> Result<Option<Company>, StoreError>;

    /// Stores a company's own ladder (replacing an earlier one) and, in the same transaction,
    /// the flags derived from it (`ic_top_rung`, `ic_past_staff`, `has_dual_ladder`).
    /// [`StoreError::NotFound`] for an unknown company.
    async fn set_company_ladder(&self, upload: &CompanyLadderUpload) -> Result<(), StoreError>;

    /// The ladder a company's employer uploaded, if any.
    async fn company_ladder(
        &self,
        company_id: i64,
    ) -> Result<Option<StoredCompanyLadder>, StoreError>;

    /// Tags claimed by or endorsed at a company, with endorsement counts, confirmed first.
    /// [`StoreError::NotFound`] for an unknown company.
    async fn company_tags(&self, company_id: i64) -> Result<Vec<TagStatus>, StoreError>;

    /// Tags claimed by, endorsed or disputed at a company as they stand at `now`: only
    /// confirmations younger than `max_age` count, so an unrefreshed tag falls back to
    /// claimed; each carries its latest confirmation, the teams given and its disputes.
    /// Confirmed first. [`StoreError::NotFound`] for an unknown company.
    async fn company_tags_at(
        &self,
        company_id: i64,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
    ) -> Result<Vec<TagStatus>, StoreError>;
}
