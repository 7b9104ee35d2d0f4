//! Opening the board database a command was pointed at (`--database-url`), running the few
//! store calls a synchronous command makes, and closing it again.

use anyhow::Context as _;
use dualtrack_store::Store;

/// The database URL to use: the one given, or the default SQLite file in the data folder. An
/// empty value (such as an empty `DUALTRACK_DATABASE_URL`) means "not set", as for most tools.
#[must_use]
pub fn url(given: Option<&str>) -> String {
    given
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map_or_else(dualtrack_store::default_database_url, str::to_owned)
}

/// Runs `work` on the database at [`url`]`(given)` and closes it, whether `work` succeeded or
/// not, so SQLite leaves one whole file behind rather than a write-ahead log beside it.
///
/// The CLI is synchronous; a small runtime serves the one or two store calls a command makes.
/// `purpose` completes "cannot open the database for …" should opening fail.
pub fn with_store<T>(
    given: Option<&str>,
    purpose: &str,
    work: impl AsyncFnOnce(&dyn Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(async {
            let store = dualtrack_store::connect(&url(given))
                .await
                .with_context(|| format!("cannot open the database for {purpose}"))?;
            let done = work(store.as_ref()).await;
            store.close().await;
            done
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_url_means_the_default() {
        let default = dualtrack_store::default_database_url();
        assert_eq!(url(None), default);
        assert_eq!(url(Some("  ")), default);
        assert_eq!(url(Some(" sqlite://x.db ")), "sqlite://x.db");
    }
}
