//! Accounts, sessions, employee verification by email, and API tokens.

use chrono::{DateTime, Utc};
use dualtrack_board::{
    Account, AccountStore, ApiToken, Company, CompanyStore, NewAccount, NewApiToken,
    NewEmailVerification, NewSession, Redemption, Role, Session, StoreError, check_may_verify,
    normalize_email,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::error::{db, db_unique};
use super::{Backend, Conn, Row, SqlStore, Value};

/// One `accounts` row, as [`ACCOUNT_COLUMNS`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub verified_company_id: Option<i64>,
    pub role: String,
    pub banned_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<AccountRow> for Account {
    fn from(row: AccountRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            password_hash: row.password_hash,
            verified_company: row.verified_company_id,
            // The column's CHECK admits only known roles; were one ever unknown, the account
            // falls back to the least privilege rather than failing every page it touches.
            role: Role::parse(&row.role).unwrap_or_default(),
            banned_at: row.banned_at,
            created_at: row.created_at,
        }
    }
}

/// Reads [`AccountRow`]s; the caller appends its `WHERE`.
pub const ACCOUNT_COLUMNS: &str = "SELECT id, email, password_hash, verified_company_id, role, banned_at, created_at FROM accounts";

/// Gives back the [`AccountRow`] an `INSERT` or `UPDATE` wrote.
pub const ACCOUNT_RETURNING: &str =
    "RETURNING id, email, password_hash, verified_company_id, role, banned_at, created_at";

/// One session joined with its account, as [`SESSION_COLUMNS`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub csrf_secret: String,
    pub session_created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub account: AccountRow,
}

impl From<SessionRow> for Session {
    fn from(row: SessionRow) -> Self {
        Self {
            token_hash: row.token_hash,
            account: row.account.into(),
            csrf_secret: row.csrf_secret,
            created_at: row.session_created_at,
            expires_at: row.expires_at,
        }
    }
}

/// Reads [`SessionRow`]s; the caller appends its `WHERE`.
pub const SESSION_COLUMNS: &str = "SELECT s.token_hash, s.csrf_secret, \
     s.created_at AS session_created_at, s.expires_at, a.id, a.email, a.password_hash, \
     a.verified_company_id, a.role, a.banned_at, a.created_at \
     FROM sessions s JOIN accounts a ON a.id = s.account_id";

/// One `email_verifications` row, as [`VERIFICATION_COLUMNS`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub struct VerificationRow {
    pub account_id: i64,
    pub company_id: i64,
    pub address: String,
    pub hires: bool,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// Reads [`VerificationRow`]s; the caller appends its `WHERE`.
pub const VERIFICATION_COLUMNS: &str = "SELECT account_id, company_id, address, hires, \
     expires_at, used_at FROM email_verifications";

/// The columns of an [`ApiTokenRow`].
pub const API_TOKEN_COLUMNS: &str = "id, account_id, label, created_at";

/// One `api_tokens` row (never the hash).
#[derive(Debug, sqlx::FromRow)]
pub struct ApiTokenRow {
    pub id: i64,
    pub account_id: i64,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        Self {
            id: row.id,
            account_id: row.account_id,
            label: row.label,
            created_at: row.created_at,
        }
    }
}

#[async_trait::async_trait]
impl<B> AccountStore for SqlStore<B>
where
    B: Backend,
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
    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError> {
        token.validate()?;
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE account_id = $1")
            .bind(token.account_id)
            .fetch_one(self.pool())
            .await
            .map_err(db::<B>("counting API tokens"))?;
        if usize::try_from(held).unwrap_or(usize::MAX) >= dualtrack_board::MAX_API_TOKENS {
            return Err(StoreError::Conflict(format!(
                "this account already holds {} API tokens; revoke one first",
                dualtrack_board::MAX_API_TOKENS
            )));
        }
        let row: ApiTokenRow = sqlx::query_as(&format!(
            "INSERT INTO api_tokens (account_id, token_hash, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING {API_TOKEN_COLUMNS}"
        ))
        .bind(token.account_id)
        .bind(token.token_hash.clone())
        .bind(token.label.trim().to_owned())
        .bind(dualtrack_board::whole_seconds(token.created_at))
        .fetch_one(self.pool())
        .await
        .map_err(db_unique::<B>("storing an API token", || {
            "a token with this hash exists; generate a fresh token".into()
        }))?;
        Ok(row.into())
    }

    async fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, Account)>, StoreError> {
        let row: Option<ApiTokenRow> = sqlx::query_as(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash.to_owned())
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("reading an API token"))?;
        let Some(row) = row else { return Ok(None) };
        let token: ApiToken = row.into();
        Ok(self.account(token.account_id).await?.map(|a| (token, a)))
    }

    async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        let rows: Vec<ApiTokenRow> = sqlx::query_as(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_tokens WHERE account_id = $1 \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(account_id)
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("listing API tokens"))?;
        Ok(rows.into_iter().map(ApiToken::from).collect())
    }

    async fn revoke_api_token(&self, account_id: i64, token_id: i64) -> Result<bool, StoreError> {
        let query = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND account_id = $2")
            .bind(token_id)
            .bind(account_id);
        let done = Self::changed(self.pool(), query, "revoking an API token").await?;
        Ok(done > 0)
    }

    async fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError> {
        let new = account.validated()?;
        let row: AccountRow = sqlx::query_as(&format!(
            "INSERT INTO accounts (email, password_hash, created_at) VALUES ($1, $2, $3) \
             {ACCOUNT_RETURNING}"
        ))
        .bind(&new.email)
        .bind(&new.password_hash)
        .bind(new.created_at)
        .fetch_one(self.pool())
        .await
        .map_err(db_unique::<B>("creating an account", || {
            format!(
                "an account for {} already exists; sign in instead",
                new.email
            )
        }))?;
        Ok(row.into())
    }

    async fn account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(db::<B>("reading an account"))?;
        Ok(row.map(Account::from))
    }

    async fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        let Ok(email) = normalize_email(email) else {
            // A malformed address cannot belong to any account.
            return Ok(None);
        };
        let row: Option<AccountRow> =
            sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE email = $1"))
                .bind(email)
                .fetch_optional(self.pool())
                .await
                .map_err(db::<B>("reading an account"))?;
        Ok(row.map(Account::from))
    }

    async fn verify_account(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Account, StoreError> {
        const ACTION: &str = "verifying an account";
        let (account, company) = account_and_company(self, account_id, company_id).await?;
        check_may_verify(&account.email, &company)?;
        if account.verified_company == Some(company.id) {
            return Ok(account);
        }
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        let row = Self::move_to_company(&mut tx, account_id, company_id, ACTION).await?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(row.into())
    }

    async fn set_account_role(&self, account_id: i64, role: Role) -> Result<Account, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "UPDATE accounts SET role = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(role.as_str().to_owned())
        .bind(account_id)
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("setting an account's role"))?;
        row.map(Account::from)
            .ok_or_else(|| StoreError::not_found("account", account_id))
    }

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError> {
        session.validate()?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf_secret, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.token_hash)
        .bind(session.account_id)
        .bind(&session.csrf_secret)
        .bind(session.created_at)
        .bind(session.expires_at)
        .execute(self.pool())
        .await
        .map_err(db_unique::<B>("creating a session", || {
            "a session with this token already exists; generate a fresh token".into()
        }))?;
        let row: SessionRow = sqlx::query_as(&format!("{SESSION_COLUMNS} WHERE s.token_hash = $1"))
            .bind(&session.token_hash)
            .fetch_one(self.pool())
            .await
            .map_err(db::<B>("reading a session"))?;
        Ok(row.into())
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "{SESSION_COLUMNS} WHERE s.token_hash = $1 AND s.expires_at > $2 \
             AND a.banned_at IS NULL"
        ))
        .bind(token_hash.to_owned())
        .bind(now)
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("reading a session"))?;
        Ok(row.map(Session::from))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        let query =
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash.to_owned());
        let done = Self::changed(self.pool(), query, "deleting a session").await?;
        Ok(done > 0)
    }

    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let query = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now);
        let done = Self::changed(self.pool(), query, "purging expired sessions").await?;
        Ok(done)
    }

    async fn delete_account_sessions(&self, account_id: i64) -> Result<u64, StoreError> {
        let action = "ending an account's sessions";
        Self::end_sessions(self.pool(), account_id, action).await
    }

    async fn set_account_banned(
        &self,
        account_id: i64,
        banned_at: Option<DateTime<Utc>>,
    ) -> Result<Account, StoreError> {
        const ACTION: &str = "banning or unbanning an account";
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "UPDATE accounts SET banned_at = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(banned_at)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        let Some(row) = row else {
            return Err(StoreError::not_found("account", account_id));
        };
        if banned_at.is_some() {
            Self::end_sessions(&mut *tx, account_id, ACTION).await?;
        }
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(row.into())
    }

    async fn create_email_verification(
        &self,
        new: &NewEmailVerification,
    ) -> Result<(), StoreError> {
        new.validate()?;
        let address = normalize_email(&new.address)?;
        let (_, company) = account_and_company(self, new.account_id, new.company_id).await?;
        check_may_verify(&address, &company)?;
        sqlx::query(
            "INSERT INTO email_verifications \
             (token_hash, account_id, company_id, address, hires, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.token_hash.clone())
        .bind(new.account_id)
        .bind(new.company_id)
        .bind(address)
        .bind(new.hires)
        .bind(new.created_at)
        .bind(new.expires_at)
        .execute(self.pool())
        .await
        .map_err(db_unique::<B>("storing a verification link", || {
            "a verification link with this token exists; generate a fresh token".into()
        }))?;
        Ok(())
    }

    async fn redeem_email_verification(
        &self,
        token_hash: &str,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Redemption, StoreError> {
        const ACTION: &str = "using a verification link";
        let row: Option<VerificationRow> =
            sqlx::query_as(&format!("{VERIFICATION_COLUMNS} WHERE token_hash = $1"))
                .bind(token_hash.to_owned())
                .fetch_optional(self.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let Some(link) = row else {
            return Ok(Redemption::Unknown);
        };
        if link.account_id != account_id {
            return Ok(Redemption::OtherAccount);
        }
        if link.used_at.is_some() {
            return Ok(Redemption::Used);
        }
        if link.expires_at <= now {
            return Ok(Redemption::Expired);
        }
        let (account, company) = account_and_company(self, account_id, link.company_id).await?;
        // The company's domain may have changed since the link was mailed.
        check_may_verify(&link.address, &company)?;
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        // Single use even when two requests race: only one of them changes the row.
        let query = sqlx::query(
            "UPDATE email_verifications SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(now)
        .bind(token_hash.to_owned());
        let claimed = Self::changed(&mut *tx, query, ACTION).await?;
        if claimed == 0 {
            return Ok(Redemption::Used);
        }
        if account.verified_company != Some(company.id) {
            Self::move_to_company(&mut tx, account_id, company.id, ACTION).await?;
        }
        if link.hires && account.role == Role::Member {
            sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
                .bind(Role::Employer.as_str().to_owned())
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        }
        let row: AccountRow = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(Redemption::Verified {
            account: row.into(),
            company_id: company.id,
        })
    }
}

impl<B> SqlStore<B>
where
    B: Backend,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    for<'r> &'r str: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    String: Value<B::Db>,
    DateTime<Utc>: Value<B::Db>,
    Option<i64>: Value<B::Db>,
    Option<DateTime<Utc>>: Value<B::Db>,
{
    /// Makes `account_id` an employee of `company_id` inside `tx`, and gives the account as it
    /// is then. Endorsements and disputes speak for the employer at the time, so they do not
    /// follow a person to a new one.
    async fn move_to_company(
        tx: &mut sqlx::Transaction<'_, B::Db>,
        account_id: i64,
        company_id: i64,
        action: &'static str,
    ) -> Result<AccountRow, StoreError> {
        for statement in [
            "DELETE FROM endorsements WHERE account_id = $1",
            "DELETE FROM tag_disputes WHERE account_id = $1",
        ] {
            sqlx::query(statement)
                .bind(account_id)
                .execute(&mut **tx)
                .await
                .map_err(db::<B>(action))?;
        }
        sqlx::query_as(&format!(
            "UPDATE accounts SET verified_company_id = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(company_id)
        .bind(account_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(db::<B>(action))
    }

    /// Signs account `account_id` out everywhere, through `exec` (the pool, or the transaction
    /// of a ban); how many sessions ended.
    async fn end_sessions<'e, E>(
        exec: E,
        account_id: i64,
        action: &'static str,
    ) -> Result<u64, StoreError>
    where
        E: Executor<'e, Database = B::Db>,
    {
        let query = sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(account_id);
        let done = Self::changed(exec, query, action).await?;
        Ok(done)
    }
}

/// Account `account_id` and company `company_id`, both of which must exist.
pub(super) async fn account_and_company(
    store: &(impl AccountStore + CompanyStore + Sync),
    account_id: i64,
    company_id: i64,
) -> Result<(Account, Company), StoreError> {
    let account = store.account(account_id).await?;
    let account = account.ok_or_else(|| StoreError::not_found("account", account_id))?;
    let company = store.company(company_id).await?;
    let company = company.ok_or_else(|| StoreError::not_found("company", company_id))?;
    Ok((account, company))
}
