//! Accounts, employee verification and sessions on SQLite.

use chrono::{DateTime, Utc};
use dualtrack_board::{
    Account, NewAccount, NewSession, Session, StoreError, check_may_verify, normalize_email,
};
use dualtrack_store_sql::accounts::{ACCOUNT_COLUMNS, AccountRow, SESSION_COLUMNS, SessionRow};
use sqlx::SqlitePool;

use crate::companies;
use crate::error::{db, db_unique};

pub(crate) async fn create(pool: &SqlitePool, new: &NewAccount) -> Result<Account, StoreError> {
    let new = new.validated()?;
    let row: AccountRow = sqlx::query_as(
        "INSERT INTO accounts (email, password_hash, created_at) VALUES (?, ?, ?) \
         RETURNING id, email, password_hash, verified_company_id, created_at",
    )
    .bind(&new.email)
    .bind(&new.password_hash)
    .bind(new.created_at)
    .fetch_one(pool)
    .await
    .map_err(db_unique("creating an account", || {
        format!(
            "an account for {} already exists; sign in instead",
            new.email
        )
    }))?;
    Ok(row.into())
}

pub(crate) async fn by_id(pool: &SqlitePool, id: i64) -> Result<Option<Account>, StoreError> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(db("reading an account"))?;
    Ok(row.map(Account::from))
}

pub(crate) async fn by_email(
    pool: &SqlitePool,
    email: &str,
) -> Result<Option<Account>, StoreError> {
    let Ok(email) = normalize_email(email) else {
        // A malformed address cannot belong to any account.
        return Ok(None);
    };
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE email = ?"))
        .bind(email)
        .fetch_optional(pool)
        .await
        .map_err(db("reading an account"))?;
    Ok(row.map(Account::from))
}

pub(crate) async fn verify(
    pool: &SqlitePool,
    account_id: i64,
    company_id: i64,
) -> Result<Account, StoreError> {
    let account = by_id(pool, account_id)
        .await?
        .ok_or_else(|| StoreError::not_found("account", account_id))?;
    let company = companies::company(pool, company_id)
        .await?
        .ok_or_else(|| StoreError::not_found("company", company_id))?;
    check_may_verify(&account, &company)?;
    if account.verified_company == Some(company.id) {
        return Ok(account);
    }
    let mut tx = pool.begin().await.map_err(db("verifying an account"))?;
    // Endorsements speak for the employer at the time; they do not follow a person to a new one.
    sqlx::query("DELETE FROM endorsements WHERE account_id = ?")
        .bind(account_id)
        .execute(&mut *tx)
        .await
        .map_err(db("verifying an account"))?;
    let row: AccountRow = sqlx::query_as(
        "UPDATE accounts SET verified_company_id = ? WHERE id = ? \
         RETURNING id, email, password_hash, verified_company_id, created_at",
    )
    .bind(company_id)
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await
    .map_err(db("verifying an account"))?;
    tx.commit().await.map_err(db("verifying an account"))?;
    Ok(row.into())
}

pub(crate) async fn create_session(
    pool: &SqlitePool,
    new: &NewSession,
) -> Result<Session, StoreError> {
    new.validate()?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, csrf_secret, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&new.token_hash)
    .bind(new.account_id)
    .bind(&new.csrf_secret)
    .bind(new.created_at)
    .bind(new.expires_at)
    .execute(pool)
    .await
    .map_err(db_unique("creating a session", || {
        "a session with this token already exists; generate a fresh token".into()
    }))?;
    let row: SessionRow = sqlx::query_as(&format!("{SESSION_COLUMNS} WHERE s.token_hash = ?"))
        .bind(&new.token_hash)
        .fetch_one(pool)
        .await
        .map_err(db("reading a session"))?;
    Ok(row.into())
}

pub(crate) async fn session(
    pool: &SqlitePool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Session>, StoreError> {
    let row: Option<SessionRow> = sqlx::query_as(&format!(
        "{SESSION_COLUMNS} WHERE s.token_hash = ? AND s.expires_at > ?"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
    .map_err(db("reading a session"))?;
    Ok(row.map(Session::from))
}

pub(crate) async fn delete_session(
    pool: &SqlitePool,
    token_hash: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(pool)
        .await
        .map_err(db("deleting a session"))?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn purge_expired(
    pool: &SqlitePool,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
        .bind(now)
        .execute(pool)
        .await
        .map_err(db("purging expired sessions"))?;
    Ok(done.rows_affected())
}
