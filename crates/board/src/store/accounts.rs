//! Accounts, their sessions and API tokens, and employee verification by email.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{
    Account, ApiToken, NewAccount, NewApiToken, NewEmailVerification, NewSession, Redemption, Role,
    Session, StoreError,
};

/// Accounts, sessions, API tokens and email verification.
#[async_trait]
pub trait AccountStore {
    /// Stores a token hash. [`StoreError::Conflict`] past the per-account limit.
    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError>;

    /// The token with this hash and the account owning it.
    async fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, Account)>, StoreError>;

    /// An account's tokens, newest first.
    async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>, StoreError>;

    /// Deletes one of the account's tokens; false when it had no such token.
    async fn revoke_api_token(&self, account_id: i64, token_id: i64) -> Result<bool, StoreError>;

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
}
