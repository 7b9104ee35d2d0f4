//! The one `Store` impl, for any backend: each method hands over to the inherent method of
//! the same name in the module of its area (see [`super`]).
//!
//! (`Store` is the board's trait, so Rust's orphan rule wants a local type in the impl: the
//! [`SqlStore`] wrapper.)

use chrono::{DateTime, NaiveDate, Utc};
use dualtrack_board::{
    Account, ApiToken, AuditEntry, Company, CultureTag, DemoData, Endorsement, IndexCompany,
    IndexListing, Listing, ListingDraft, ListingPage, ListingQuery, ListingSummary, NewAccount,
    NewApiToken, NewAuditEntry, NewEmailVerification, NewEndorsement, NewListing,
    NewSavedAssessment, NewSession, NewTrialRecord, Preference, Redemption, Role, SavedAssessment,
    SeedSummary, Session, Store, StoreError, StoredTrial, TagStatus, TrialLink, TrialOwner,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::error::db;
use super::{Conn, Row, Search, SqlStore, Value};

// sqlx's bounds on the database, as every area's block states them (see the module above).
#[async_trait::async_trait]
impl<B> Store for SqlStore<B>
where
    B: Search,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    for<'r> &'r str: ColumnIndex<Row<B>>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    bool: Value<B::Db>,
    String: Value<B::Db>,
    DateTime<Utc>: Value<B::Db>,
    Option<i64>: Value<B::Db>,
    Option<String>: Value<B::Db>,
    Option<DateTime<Utc>>: Value<B::Db>,
    Json<serde_json::Value>: Value<B::Db>,
{
    fn backend(&self) -> &'static str {
        B::NAME
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(self.pool())
            .await
            .map_err(db::<B>("checking the database answers"))?;
        Ok(())
    }

    async fn close(&self) {
        self.pool().close().await;
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        SqlStore::is_empty(self).await
    }

    async fn seed_demo(&self, demo: &DemoData) -> Result<SeedSummary, StoreError> {
        SqlStore::seed_demo(self, demo).await
    }

    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError> {
        SqlStore::tags(self).await
    }

    async fn companies(&self) -> Result<Vec<Company>, StoreError> {
        SqlStore::companies(self).await
    }

    async fn company(&self, id: i64) -> Result<Option<Company>, StoreError> {
        SqlStore::company(self, id).await
    }

    async fn set_company_ladder(
        &self,
        upload: &dualtrack_board::CompanyLadderUpload,
    ) -> Result<(), StoreError> {
        SqlStore::set_company_ladder(self, upload).await
    }

    async fn company_ladder(
        &self,
        company_id: i64,
    ) -> Result<Option<dualtrack_board::StoredCompanyLadder>, StoreError> {
        SqlStore::company_ladder(self, company_id).await
    }

    async fn company_by_slug(&self, slug: &str) -> Result<Option<Company>, StoreError> {
        SqlStore::company_by_slug(self, slug).await
    }

    async fn search_listings(
        &self,
        request: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError> {
        SqlStore::search_listings(self, request, now).await
    }

    async fn listing(&self, id: i64) -> Result<Option<Listing>, StoreError> {
        SqlStore::listing(self, id).await
    }

    async fn create_listing(
        &self,
        company_id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        SqlStore::create_listing(self, company_id, draft, now).await
    }

    async fn update_listing(
        &self,
        id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        SqlStore::update_listing(self, id, draft, now).await
    }

    async fn import_listing(&self, listing: &NewListing) -> Result<Listing, StoreError> {
        SqlStore::import_listing(self, listing).await
    }

    async fn close_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        SqlStore::close_listing(self, id, now).await
    }

    async fn renew_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        SqlStore::renew_listing(self, id, now).await
    }

    async fn hide_listing(
        &self,
        id: i64,
        actor: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        SqlStore::hide_listing(self, id, actor, reason, now).await
    }

    async fn company_listings(
        &self,
        company_id: i64,
        limit: u32,
    ) -> Result<Vec<Listing>, StoreError> {
        SqlStore::company_listings(self, company_id, limit).await
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError> {
        SqlStore::create_api_token(self, token).await
    }

    async fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, Account)>, StoreError> {
        SqlStore::api_token(self, token_hash).await
    }

    async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        SqlStore::api_tokens(self, account_id).await
    }

    async fn revoke_api_token(&self, account_id: i64, token_id: i64) -> Result<bool, StoreError> {
        SqlStore::revoke_api_token(self, account_id, token_id).await
    }

    async fn preferences(&self, account_id: i64) -> Result<Vec<Preference>, StoreError> {
        SqlStore::preferences(self, account_id).await
    }

    async fn save_preferences(
        &self,
        account_id: i64,
        prefs: &[Preference],
    ) -> Result<(), StoreError> {
        SqlStore::save_preferences(self, account_id, prefs).await
    }

    async fn company_tags(&self, company_id: i64) -> Result<Vec<TagStatus>, StoreError> {
        SqlStore::company_tags(self, company_id).await
    }

    async fn company_tags_at(
        &self,
        company_id: i64,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
    ) -> Result<Vec<TagStatus>, StoreError> {
        SqlStore::company_tags_at(self, company_id, now, max_age).await
    }

    async fn dispute_tag(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        SqlStore::dispute_tag(self, account_id, company_id, tag, now).await
    }

    async fn withdraw_dispute(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError> {
        SqlStore::withdraw_dispute(self, account_id, company_id, tag).await
    }

    async fn account_disputes(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Vec<String>, StoreError> {
        SqlStore::account_disputes(self, account_id, company_id).await
    }

    async fn endorse(&self, new: &NewEndorsement) -> Result<Endorsement, StoreError> {
        SqlStore::endorse(self, new).await
    }

    async fn withdraw_endorsement(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError> {
        SqlStore::withdraw_endorsement(self, account_id, company_id, tag).await
    }

    async fn account_endorsements(&self, account_id: i64) -> Result<Vec<Endorsement>, StoreError> {
        SqlStore::account_endorsements(self, account_id).await
    }

    async fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError> {
        SqlStore::create_account(self, account).await
    }

    async fn account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        SqlStore::account(self, id).await
    }

    async fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        SqlStore::account_by_email(self, email).await
    }

    async fn verify_account(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Account, StoreError> {
        SqlStore::verify_account(self, account_id, company_id).await
    }

    async fn set_account_role(&self, account_id: i64, role: Role) -> Result<Account, StoreError> {
        SqlStore::set_account_role(self, account_id, role).await
    }

    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError> {
        SqlStore::record_audit(self, entry).await
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        SqlStore::audit_log(self, limit).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError> {
        SqlStore::create_session(self, session).await
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        SqlStore::session(self, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        SqlStore::delete_session(self, token_hash).await
    }

    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        SqlStore::purge_expired_sessions(self, now).await
    }

    async fn delete_account_sessions(&self, account_id: i64) -> Result<u64, StoreError> {
        SqlStore::delete_account_sessions(self, account_id).await
    }

    async fn set_account_banned(
        &self,
        account_id: i64,
        banned_at: Option<DateTime<Utc>>,
    ) -> Result<Account, StoreError> {
        SqlStore::set_account_banned(self, account_id, banned_at).await
    }

    async fn create_email_verification(
        &self,
        new: &NewEmailVerification,
    ) -> Result<(), StoreError> {
        SqlStore::create_email_verification(self, new).await
    }

    async fn redeem_email_verification(
        &self,
        token_hash: &str,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Redemption, StoreError> {
        SqlStore::redeem_email_verification(self, token_hash, account_id, now).await
    }

    async fn save_assessment(
        &self,
        new: &NewSavedAssessment,
    ) -> Result<SavedAssessment, StoreError> {
        SqlStore::save_assessment(self, new).await
    }

    async fn list_assessments(&self, limit: u32) -> Result<Vec<SavedAssessment>, StoreError> {
        SqlStore::list_assessments(self, limit).await
    }

    async fn create_trial(&self, new: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        SqlStore::create_trial(self, new).await
    }

    async fn trial(&self, owner: &TrialOwner, id: &str) -> Result<Option<StoredTrial>, StoreError> {
        SqlStore::trial(self, owner, id).await
    }

    async fn list_trials(&self, owner: &TrialOwner) -> Result<Vec<StoredTrial>, StoreError> {
        SqlStore::list_trials(self, owner).await
    }

    async fn update_trial(&self, update: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        SqlStore::update_trial(self, update).await
    }

    async fn delete_trial(&self, owner: &TrialOwner, id: &str) -> Result<bool, StoreError> {
        SqlStore::delete_trial(self, owner, id).await
    }

    async fn set_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        SqlStore::set_trial_link(self, owner, trial_id, link, nonce, now).await
    }

    async fn trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<Option<String>, StoreError> {
        SqlStore::trial_link(self, owner, trial_id, link).await
    }

    async fn delete_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<bool, StoreError> {
        SqlStore::delete_trial_link(self, owner, trial_id, link).await
    }

    async fn trial_by_link(
        &self,
        link: TrialLink,
        nonce: &str,
    ) -> Result<Option<StoredTrial>, StoreError> {
        SqlStore::trial_by_link(self, link, nonce).await
    }

    async fn reminder_trials_after(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredTrial>, StoreError> {
        SqlStore::reminder_trials_after(self, after, limit).await
    }

    async fn set_trial_reminders(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        on: bool,
    ) -> Result<bool, StoreError> {
        SqlStore::set_trial_reminders(self, owner, trial_id, on).await
    }

    async fn trial_reminders_on(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
    ) -> Result<bool, StoreError> {
        SqlStore::trial_reminders_on(self, owner, trial_id).await
    }

    async fn record_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        SqlStore::record_trial_reminder(self, trial_id, due, now).await
    }

    async fn release_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
    ) -> Result<(), StoreError> {
        SqlStore::release_trial_reminder(self, trial_id, due).await
    }

    async fn board_generation(&self) -> Result<i64, StoreError> {
        SqlStore::board_generation(self).await
    }

    async fn index_listings(
        &self,
        after: Option<(DateTime<Utc>, i64)>,
        limit: u32,
    ) -> Result<Vec<IndexListing>, StoreError> {
        SqlStore::index_listings(self, after, limit).await
    }

    async fn index_companies(&self) -> Result<Vec<IndexCompany>, StoreError> {
        SqlStore::index_companies(self).await
    }

    async fn listing_summaries(&self, ids: &[i64]) -> Result<Vec<ListingSummary>, StoreError> {
        SqlStore::listing_summaries(self, ids).await
    }
}
