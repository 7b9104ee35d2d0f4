//! dualtrack-store: the board's [`Store`] on SQLite or PostgreSQL, picked by database URL.
//!
//! `sqlite://PATH` (the embedded default) and `sqlite::memory:` open [`sqlite`];
//! `postgres://` and `postgresql://` connect [`postgres`]. Both apply their migrations
//! (`migrations/sqlite`, `migrations/postgres`) before returning. The statements they share
//! are written once in [`shared`]; each backend module keeps only connecting, the search
//! conditions (FTS5 vs `tsvector`) and the wording of its errors.

pub mod generate;
mod postgres;
mod shared;
mod sqlite;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dualtrack_board::{DemoData, SeedSummary};
pub use dualtrack_board::{Store, StoreError};
use postgres::PgStore;
pub use postgres::redact;
use shared::SqlStore;
use sqlite::SqliteStore;

/// Environment variable that moves the user's data directory.
pub const DATA_DIR_ENV: &str = "DUALTRACK_DATA_DIR";

/// File name of the default SQLite database inside the data directory.
pub const DEFAULT_DATABASE_FILE: &str = "dualtrack.sqlite";

/// Opens the store named by `url` and brings its schema up to date.
///
/// # Errors
/// [`StoreError::UnsupportedScheme`] for schemes other than sqlite/postgres/postgresql,
/// [`StoreError::InvalidUrl`], [`StoreError::Connect`] or [`StoreError::Migrate`] otherwise.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    let url = url.trim();
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .unwrap_or_default();
    match scheme.to_ascii_lowercase().as_str() {
        "sqlite" => match SqliteStore::path_from_url(url)? {
            Some(path) => Ok(Arc::new(SqlStore::new(SqliteStore::open(&path).await?))),
            None => Ok(Arc::new(SqlStore::new(SqliteStore::in_memory().await?))),
        },
        "postgres" | "postgresql" => Ok(Arc::new(SqlStore::new(PgStore::connect(url).await?))),
        "" => Err(StoreError::InvalidUrl {
            url: url.into(),
            reason: "no scheme; write sqlite://PATH or postgres://USER@HOST/DB".into(),
        }),
        other => Err(StoreError::UnsupportedScheme {
            scheme: other.into(),
            url: redact(url),
        }),
    }
}

/// The user's data directory: `$DUALTRACK_DATA_DIR` if set, else the platform data directory
/// joined with `dualtrack` (e.g. `~/.local/share/dualtrack` on Linux).
#[must_use]
pub fn data_dir() -> PathBuf {
    data_dir_from(std::env::var_os(DATA_DIR_ENV))
}

/// [`data_dir`] with the environment value passed in (so it can be tested without touching
/// the process environment).
#[must_use]
pub fn data_dir_from(env_value: Option<OsString>) -> PathBuf {
    match env_value {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("dualtrack"),
    }
}

/// `sqlite://<data dir>/dualtrack.sqlite`, the database used when none is given.
#[must_use]
pub fn default_database_url() -> String {
    database_url_in(&data_dir())
}

/// `sqlite://<dir>/dualtrack.sqlite`.
#[must_use]
pub fn database_url_in(dir: &Path) -> String {
    format!("sqlite://{}", dir.join(DEFAULT_DATABASE_FILE).display())
}

/// Adds the demonstration companies, listings, employees and endorsements when the board has
/// no companies yet. Returns what was added, or `None` when the board already had data.
///
/// # Errors
/// When the store fails, or the embedded demo data is broken (a build defect).
pub async fn seed_if_empty(store: &dyn Store) -> Result<Option<SeedSummary>, StoreError> {
    if !store.is_empty().await? {
        return Ok(None);
    }
    let demo = DemoData::embedded()
        .map_err(|err| StoreError::InvalidData(err.to_string()))?
        .recent_as_of(chrono::Utc::now());
    match store.seed_demo(&demo).await {
        Ok(summary) => Ok(Some(summary)),
        // Another replica seeded it between our check and our write.
        Err(StoreError::Conflict(_)) => Ok(None),
        Err(err) => Err(err),
    }
}
