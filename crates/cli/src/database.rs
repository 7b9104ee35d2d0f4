//! Opening the board database a command was pointed at (`--database-url`), and running the
//! few store calls a synchronous command makes.

use std::sync::Arc;

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

/// Open (and migrate) the database at [`url`]`(given)`.
pub async fn connect(given: Option<&str>) -> anyhow::Result<Arc<dyn Store>> {
    Ok(dualtrack_store::connect(&url(given)).await?)
}

/// The CLI is synchronous; a small runtime serves the one or two store calls a command makes.
pub fn block_on<T>(future: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(future)
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
