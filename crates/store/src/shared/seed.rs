//! The backend-independent parts of loading the demo board.

use dualtrack_board::{DemoData, SeedSummary, StoreError};

/// Why demo data is refused on a board that already has companies.
pub fn not_empty() -> StoreError {
    StoreError::Conflict(
        "the board already has companies; demo data is only loaded into an empty database \
         (use a fresh --database-url)"
            .into(),
    )
}

/// Why a demo record naming an unknown company slug is refused.
pub fn unknown_company(slug: &str) -> StoreError {
    StoreError::InvalidData(format!("demo data refers to unknown company `{slug}`"))
}

/// What was loaded: the demo's own counts plus the endorsements actually written.
pub fn summary(demo: &DemoData, endorsements: usize) -> SeedSummary {
    SeedSummary {
        tags: demo.tags.len(),
        companies: demo.companies.len(),
        listings: demo.listings.len(),
        accounts: demo.accounts.len(),
        endorsements,
    }
}
