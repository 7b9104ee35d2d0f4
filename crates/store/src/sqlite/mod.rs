//! The embedded, default backend: SQLite.
//!
//! One file on disk, opened in WAL mode (readers never block the writer) with foreign keys
//! enforced and a busy timeout so concurrent CLI and server processes wait instead of failing.
//! The schema lives in `migrations/sqlite` and is applied on open.

mod search;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use dualtrack_board::StoreError;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteQueryResult,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions as _, Connection as _, QueryBuilder, Sqlite, SqlitePool};

use crate::shared::{Backend, Drive, error};

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// How to open the file again, for the last connection at closing (`None` in memory).
    file: Option<SqliteConnectOptions>,
    /// Overrides the text plan the search would choose (tests check both plans agree).
    text_plan: Option<Drive>,
}

impl SqliteStore {
    /// Opens (creating if missing, parent directory included) the database file at `path` and
    /// applies pending migrations.
    ///
    /// # Errors
    /// [`StoreError::Connect`] when the file cannot be created or opened,
    /// [`StoreError::Migrate`] when the schema cannot be brought up to date.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let target = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|err| StoreError::Connect {
                target: target.clone(),
                reason: format!("cannot create directory {}: {err}", parent.display()),
                hint: "check the parent directory is writable, or set DUALTRACK_DATA_DIR",
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await
            .map_err(error::connect_failed(
                &target,
                "check the directory exists and is writable",
            ))?;
        let mut store = Self::migrated(pool, &target).await?;
        store.file = Some(options);
        Ok(store)
    }

    /// A private in-memory database (tests, throwaway demos). One connection, because every
    /// SQLite in-memory connection is its own database.
    ///
    /// # Errors
    /// As [`SqliteStore::open`].
    pub async fn in_memory() -> Result<Self, StoreError> {
        let target = ":memory:";
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(error::connect_failed(
                target,
                "this is a bug in dualtrack; please report it",
            ))?
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(error::connect_failed(
                target,
                "SQLite could not allocate an in-memory database",
            ))?;
        Self::migrated(pool, target).await
    }

    async fn migrated(pool: SqlitePool, target: &str) -> Result<Self, StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .map_err(error::migrate_failed(target))?;
        tracing::debug!(database = target, "sqlite store open, schema up to date");
        Ok(Self {
            pool,
            file: None,
            text_plan: None,
        })
    }

    /// Path of an `sqlite://PATH` URL, or `None` for `sqlite::memory:`.
    ///
    /// # Errors
    /// [`StoreError::InvalidUrl`] when the URL is not an SQLite URL or names no file.
    pub fn path_from_url(url: &str) -> Result<Option<PathBuf>, StoreError> {
        let rest = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| StoreError::InvalidUrl {
                url: url.into(),
                reason: "expected sqlite://PATH".into(),
            })?;
        let rest = rest.split('?').next().unwrap_or_default();
        if rest == ":memory:" || rest.is_empty() && url.starts_with("sqlite::memory:") {
            return Ok(None);
        }
        if rest.is_empty() {
            return Err(StoreError::InvalidUrl {
                url: url.into(),
                reason: "no file path after sqlite://; write sqlite:///absolute/path.sqlite or \
                         sqlite://relative/path.sqlite"
                    .into(),
            });
        }
        Ok(Some(PathBuf::from(rest)))
    }
}

#[async_trait::async_trait]
impl Backend for SqliteStore {
    type Db = Sqlite;

    /// Closes the pool, then folds the write-ahead log into the file through one last
    /// connection of its own: connections closing side by side can each take another for still
    /// open, and then none of them folds it (the log is safe, but lingers beside the file).
    async fn close(&self) {
        self.pool.close().await;
        let Some(options) = &self.file else { return };
        let wal = {
            let mut name = options.get_filename().as_os_str().to_owned();
            name.push("-wal");
            PathBuf::from(name)
        };
        // The pool's connections finish closing on their own threads, so the last one may
        // still hold the file for a moment: try again briefly until the log is gone or empty
        // (everything folded into the database file, even if the empty log stays beside it).
        for attempt in 1..=FOLD_ATTEMPTS {
            fold_wal(options).await;
            if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25 * u64::from(attempt))).await;
        }
        tracing::warn!(
            wal = %wal.display(),
            "the write-ahead log stays beside the database; the next start folds it in"
        );
    }

    const NAME: &'static str = "sqlite";

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    fn translate(action: &'static str, err: sqlx::Error) -> StoreError {
        match &err {
            sqlx::Error::Database(db) if db.message().contains("database is locked") => {
                StoreError::Database {
                    action,
                    reason: "the database file is locked by another process; retry, or stop \
                             the other dualtrack process using it"
                        .into(),
                }
            }
            _ => error::translate(action, err, "the database is busy"),
        }
    }

    fn rows_affected(done: &SqliteQueryResult) -> u64 {
        done.rows_affected()
    }

    async fn fetch_built<T>(
        &self,
        query: &mut QueryBuilder<'_, Sqlite>,
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        query.build_query_as().fetch_all(&self.pool).await
    }
}

/// How many times closing tries to fold the write-ahead log away.
const FOLD_ATTEMPTS: u32 = 5;

/// Folds the write-ahead log into the database through one connection of its own, which, as
/// the last one to close, also removes the log.
async fn fold_wal(options: &SqliteConnectOptions) {
    let Ok(mut last) = options.connect().await else {
        return;
    };
    if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut last)
        .await
    {
        tracing::debug!(error = %err, "could not fold the write-ahead log yet");
    }
    if let Err(err) = last.close().await {
        tracing::debug!(error = %err, "could not close the database file cleanly");
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::SqliteStore;

    #[test]
    fn urls_name_a_file_or_memory() {
        let path = |url: &str| SqliteStore::path_from_url(url).unwrap();
        assert_eq!(
            path("sqlite:///var/lib/dualtrack/board.sqlite"),
            Some(PathBuf::from("/var/lib/dualtrack/board.sqlite"))
        );
        assert_eq!(
            path("sqlite://data/board.sqlite"),
            Some(PathBuf::from("data/board.sqlite"))
        );
        assert_eq!(
            path("sqlite://board.sqlite?mode=rwc"),
            Some(PathBuf::from("board.sqlite"))
        );
        assert_eq!(
            path("sqlite:///Users/me/Library/Application Support/dualtrack/x.sqlite"),
            Some(PathBuf::from(
                "/Users/me/Library/Application Support/dualtrack/x.sqlite"
            ))
        );
        assert_eq!(path("sqlite::memory:"), None);
        assert_eq!(path("sqlite://:memory:"), None);
    }

    #[test]
    fn urls_without_a_path_are_refused() {
        let err = SqliteStore::path_from_url("sqlite://")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no file path"), "{err}");
        assert!(SqliteStore::path_from_url("postgres://x/y").is_err());
    }

    #[tokio::test]
    async fn opening_creates_parent_directories() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/board.sqlite");
        let store = SqliteStore::open(&file).await.unwrap();
        dualtrack_board::Store::ping(&crate::shared::SqlStore::new(store))
            .await
            .unwrap();
        assert!(file.is_file());
    }
}
