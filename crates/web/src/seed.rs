//! Demonstration data for an empty board.

use dualtrack_board::{DemoData, SeedSummary, Store, StoreError};

/// Add the demonstration companies, listings, employees and endorsements when the board has
/// no companies yet. Returns what was added, or `None` when the board already had data.
///
/// # Errors
/// When the store fails, or the embedded demo data is broken (a build defect).
pub async fn seed_if_empty(store: &dyn Store) -> Result<Option<SeedSummary>, StoreError> {
    if !store.is_empty().await? {
        return Ok(None);
    }
    let demo = DemoData::embedded().map_err(|err| StoreError::InvalidData(err.to_string()))?;
    match store.seed_demo(&demo).await {
        Ok(summary) => Ok(Some(summary)),
        // Another replica seeded it between our check and our write.
        Err(StoreError::Conflict(_)) => Ok(None),
        Err(err) => Err(err),
    }
}
