//! Fresh, isolated databases for each run, and raw access for checking schema constraints.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dualtrack_store::Store;
use sqlx::Connection;

/// Env var naming an admin URL of a PostgreSQL server the tests may create databases on.
pub const POSTGRES_ENV: &str = "DUALTRACK_TEST_POSTGRES_URL";

/// A store plus the URL it was opened with.
pub struct Backend {
    pub store: Arc<dyn Store>,
    pub url: String,
}

/// A SQLite store in a temporary directory (the directory lives as long as the guard).
pub async fn sqlite() -> (Backend, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    // A nested path proves `connect` creates missing parent directories.
    let url = format!(
        "sqlite://{}",
        dir.path().join("nested/board.sqlite").display()
    );
    let store = dualtrack_store::connect(&url).await.unwrap();
    (Backend { store, url }, dir)
}

/// A uniquely named PostgreSQL database, dropped by [`PgDatabase::drop_now`], or when the
/// value is dropped (e.g. a failing assertion unwinds) so failed runs leave nothing behind.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    /// Creates the database, or returns `None` (after saying so) when no server is configured.
    pub async fn create() -> Option<Self> {
        let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
            eprintln!("skipped: PostgreSQL story because {POSTGRES_ENV} is not set");
            return None;
        };
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("dualtrack_test_{}_{nanos}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        Some(Self {
            admin_url,
            name,
            url: url.to_string(),
        })
    }

    pub async fn drop_now(self) {
        let mut admin = sqlx::PgConnection::connect(&self.admin_url).await.unwrap();
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&mut admin)
        .await
        .unwrap();
    }
}

/// Inserts an endorsement with plain SQL, bypassing the store's own checks, to prove the
/// schema refuses what the service would refuse. Returns the database's error text.
pub async fn raw_endorse(
    url: &str,
    account_id: i64,
    company_id: i64,
    tag: &str,
) -> Result<(), String> {
    let sql = "INSERT INTO endorsements (account_id, company_id, tag_id, created_at) \
               VALUES ($1, $2, $3, $4)";
    let now = chrono::Utc::now();
    let result = if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query(sql)
            .bind(account_id)
            .bind(company_id)
            .bind(tag)
            .bind(now)
            .execute(&mut conn)
            .await
            .map(|_| ())
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(sql)
            .bind(account_id)
            .bind(company_id)
            .bind(tag)
            .bind(now)
            .execute(&mut conn)
            .await
            .map(|_| ())
    };
    result.map_err(|err| err.to_string())
}
