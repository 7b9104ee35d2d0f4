//! dualtrack-store: opens the right [`Store`] backend for a database URL.
//!
//! `sqlite://PATH` (the embedded default) and `sqlite::memory:` go to
//! `dualtrack-store-sqlite`; `postgres://` and `postgresql://` go to
//! `dualtrack-store-postgres`. Both apply their bundled migrations before returning.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use dualtrack_board::{Store, StoreError};
use dualtrack_store_postgres::PgStore;
use dualtrack_store_sqlite::SqliteStore;

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
            Some(path) => Ok(Arc::new(SqliteStore::open(&path).await?)),
            None => Ok(Arc::new(SqliteStore::in_memory().await?)),
        },
        "postgres" | "postgresql" => Ok(Arc::new(PgStore::connect(url).await?)),
        "" => Err(StoreError::InvalidUrl {
            url: url.into(),
            reason: "no scheme; write sqlite://PATH or postgres://USER@HOST/DB".into(),
        }),
        other => Err(StoreError::UnsupportedScheme {
            scheme: other.into(),
            url: dualtrack_store_postgres::redact(url),
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
