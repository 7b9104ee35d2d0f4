//! The storage contract the web tier and CLI program against.
//!
//! `dualtrack-store` implements it on SQLite and PostgreSQL and picks one from a database
//! URL. Every method returns [`StoreError`], never a driver error. Methods that depend on the
//! current time take it as an argument (`now`), so callers and tests control the clock.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    Account, ApiToken, AuditEntry, Company, CultureTag, DemoData, Endorsement, Listing,
    ListingDraft, ListingPage, ListingQuery, NewAccount, NewApiToken, NewAuditEntry,
    NewEmailVerification, NewEndorsement, NewListing, NewSavedAssessment, NewSession, Preference,
    Redemption, Role, SavedAssessment, Session, StoreError, TagStatus,
};
// Trials: a separate line so other additions to the list above merge cleanly.
use crate::{CompanyLadderUpload, StoredCompanyLadder};
use crate::{NewTrialRecord, StoredTrial, TrialOwner};
// Trials' private links and reminders.
use crate::TrialLink;
use chrono::NaiveDate;
// The search index: a separate line too.
use crate::{IndexCompany, IndexListing, ListingSummary};

/// What `seed_demo` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SeedSummary {
    pub tags: usize,
    pub companies: usize,
    pub listings: usize,
    pub accounts: usize,
    pub endorsements: usize,
}

/// Persistent state of dualtrack: the job board, accounts and sessions, saved assessments.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Short backend name for logs and health output (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Cheap round trip proving the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Closes the connections once the calls in flight finish (SQLite folds its write-ahead
    /// log into the file). Every later call fails with [`StoreError::Connect`].
    async fn close(&self);

    // --- content ---------------------------------------------------------------------

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

    // --- listings --------------------------------------------------------------------

    /// One page of the listings open at `now` matching `query`, newest first (best
    /// preference score first when it ranks), with facet counts over every match.
    /// Closed, hidden and expired listings are left out. [`StoreError::InvalidInput`] for a
    /// bad limit, cursor, preference or unknown tag.
    async fn search_listings(
        &self,
        query: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError>;

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

    // --- API tokens and saved preferences ----------------------------------------------

    /// Stores a token hash. [`StoreError::Conflict`] past the per-account limit.
    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError>;

    /// The token with this hash and the account owning it.
    async fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, Account)>, StoreError>;

    /// An account's tokens, newest first.
    async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>, StoreError>;

    /// Deletes one of the account's tokens; false when it had no such token.
    async fn revoke_api_token(&self, account_id: i64, token_id: i64) -> Result<bool, StoreError>;

    /// The preferences an account saved, in tag order.
    async fn preferences(&self, account_id: i64) -> Result<Vec<Preference>, StoreError>;

    /// Replaces the account's saved preferences.
    async fn save_preferences(
        &self,
        account_id: i64,
        prefs: &[Preference],
    ) -> Result<(), StoreError>;

    // --- endorsements ----------------------------------------------------------------

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

    // --- accounts and sessions -------------------------------------------------------

    /// Creates an account (email normalised). [`StoreError::Conflict`] if the email is taken.
    async fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError>;

    /// One account by id.
    async fn account(&self, id: i64) -> Result<Option<Account>, StoreError>;

    /// One account by email (matched after normalising).
    async fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError>;

    /// Marks the account as a verified employee of the company, after the web tier has
    /// confirmed the person controls the address. [`StoreError::NotAllowed`] unless the email
    /// is at the company's domain. Re-verifying for another company withdraws the account's
    /// endorsements of the previous one.
    async fn verify_account(&self, account_id: i64, company_id: i64)
    -> Result<Account, StoreError>;

    /// Gives the account a role. [`StoreError::NotFound`] for an unknown account.
    async fn set_account_role(&self, account_id: i64, role: Role) -> Result<Account, StoreError>;

    /// Bans (`Some(at)`) or lifts the ban on (`None`) an account. A ban also ends every
    /// session of the account. [`StoreError::NotFound`] for an unknown account.
    async fn set_account_banned(
        &self,
        account_id: i64,
        banned_at: Option<DateTime<Utc>>,
    ) -> Result<Account, StoreError>;

    /// Stores a new session.
    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError>;

    /// The session with this token hash if it exists and has not expired at `now`.
    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError>;

    /// Ends a session (sign-out); false when there was none.
    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError>;

    /// Deletes sessions expired at `now`; returns how many.
    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError>;

    /// Ends every session of one account ("log out everywhere"); returns how many.
    async fn delete_account_sessions(&self, account_id: i64) -> Result<u64, StoreError>;

    // --- employee verification by email ----------------------------------------------

    /// Stores a verification link (its token's hash). [`StoreError::NotAllowed`] unless the
    /// address is at the company's domain; [`StoreError::NotFound`] for an unknown account or
    /// company.
    async fn create_email_verification(
        &self,
        verification: &NewEmailVerification,
    ) -> Result<(), StoreError>;

    /// Uses a verification link once, for `account_id`, at `now`: when it is known, unused,
    /// unexpired and was asked for by this account, marks it used, verifies the account for
    /// its company (withdrawing endorsements of a previous one) and, if it said it hires,
    /// makes it an employer (an administrator stays one). Every other case is a
    /// [`Redemption`] saying why, and changes nothing.
    async fn redeem_email_verification(
        &self,
        token_hash: &str,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Redemption, StoreError>;

    // --- moderation ------------------------------------------------------------------

    /// Appends one act to the audit log.
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError>;

    /// The newest audit entries, newest first, at most `limit` (1..=1000).
    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;

    // --- saved assessments -----------------------------------------------------------

    /// Stores one assessment result and returns it with its id.
    async fn save_assessment(
        &self,
        new: &NewSavedAssessment,
    ) -> Result<SavedAssessment, StoreError>;

    /// The most recent saved assessments, newest first, at most `limit` (1..=1000).
    async fn list_assessments(&self, limit: u32) -> Result<Vec<SavedAssessment>, StoreError>;

    // --- trials ----------------------------------------------------------------------
    // Every trial method takes the owner and matches on it: a trial is visible only to its
    // owner, and there is no admin path to one.

    /// Stores a new trial. [`StoreError::Conflict`] when the id is taken,
    /// [`StoreError::NotAllowed`] when the owner already keeps the most trials allowed.
    async fn create_trial(&self, new: &NewTrialRecord) -> Result<StoredTrial, StoreError>;

    /// One trial of `owner`; `None` when there is none with that id or it is someone else's.
    async fn trial(&self, owner: &TrialOwner, id: &str) -> Result<Option<StoredTrial>, StoreError>;

    /// The trials of `owner`, newest first.
    async fn list_trials(&self, owner: &TrialOwner) -> Result<Vec<StoredTrial>, StoreError>;

    /// Replaces the document (and kind, start, months) of one of the owner's trials.
    /// [`StoreError::NotFound`] when the owner has no trial with that id.
    async fn update_trial(&self, update: &NewTrialRecord) -> Result<StoredTrial, StoreError>;

    /// Deletes one of the owner's trials and everything it holds; false when there was none.
    async fn delete_trial(&self, owner: &TrialOwner, id: &str) -> Result<bool, StoreError>;

    /// Sets the private link of kind `link` on one of the owner's trials to `nonce`, replacing
    /// any earlier one (whose address then stops working); false when the owner has no such
    /// trial.
    async fn set_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// The nonce of the owner's link of kind `link` on a trial, if there is one.
    async fn trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<Option<String>, StoreError>;

    /// Removes the owner's link of kind `link` on a trial; false when there was none.
    async fn delete_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<bool, StoreError>;

    /// The trial a private link opens: the one whose link of kind `link` has this nonce. The
    /// caller has checked the address's signature; the trial keeps its owner, so writes through
    /// the link still go through the owner's methods.
    async fn trial_by_link(
        &self,
        link: TrialLink,
        nonce: &str,
    ) -> Result<Option<StoredTrial>, StoreError>;

    /// Trials owned by accounts whose reminders are on, in id order after `after`, at most
    /// `limit` (1..=1000): the reminder task walks them. Not for showing to anyone.
    async fn reminder_trials_after(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredTrial>, StoreError>;

    /// Turns the weekly reminder of one of the owner's trials on or off; false when the owner
    /// has no such trial.
    async fn set_trial_reminders(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        on: bool,
    ) -> Result<bool, StoreError>;

    /// Whether the weekly reminder of one of the owner's trials is on (it is unless turned off).
    async fn trial_reminders_on(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
    ) -> Result<bool, StoreError>;

    /// Records that the reminder for `due` was sent for a trial; false when it already was
    /// (by this or another server process), so the caller must not send it.
    async fn record_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Forgets a recorded reminder whose mail could not be sent, so a later sweep (while the
    /// reminder is still due) tries again.
    async fn release_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
    ) -> Result<(), StoreError>;
    // --- the in-memory search index (crate::index) ------------------------------------

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
