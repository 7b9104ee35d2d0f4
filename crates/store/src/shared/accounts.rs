//! Account and session rows.

use chrono::{DateTime, Utc};
use dualtrack_board::{Account, Role, Session};

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
