//! What verified employees say of their company's tags (endorsements and disputes), and the
//! tag preferences people search with.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{Endorsement, NewEndorsement, Preference, StoreError};

/// Endorsements, disputes and saved tag preferences.
#[async_trait]
pub trait EndorsementStore {
    /// The preferences an account saved, in tag order.
    async fn preferences(&self, account_id: i64) -> Result<Vec<Preference>, StoreError>;

    /// Replaces the account's saved preferences.
    async fn save_preferences(
        &self,
        account_id: i64,
        prefs: &[Preference],
    ) -> Result<(), StoreError>;

    /// Records a verified employee's dispute of a tag the company claims, withdrawing their
    /// endorsement of it. [`StoreError::NotAllowed`] unless verified for the company;
    /// [`StoreError::InvalidInput`] for a tag the company does not claim;
    /// [`StoreError::Conflict`] if already disputed.
    async fn dispute_tag(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Withdraws a dispute; false when there was none.
    async fn withdraw_dispute(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError>;

    /// The tags one account disputes at a company.
    async fn account_disputes(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Vec<String>, StoreError>;

    /// Records an endorsement. [`StoreError::NotAllowed`] unless the account is verified for
    /// the company; [`StoreError::Conflict`] if it already endorsed the tag.
    async fn endorse(&self, endorsement: &NewEndorsement) -> Result<Endorsement, StoreError>;

    /// Withdraws an endorsement; false when there was none.
    async fn withdraw_endorsement(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError>;

    /// Endorsements made by one account, by tag.
    async fn account_endorsements(&self, account_id: i64) -> Result<Vec<Endorsement>, StoreError>;
}
