//! The storage contract the web tier and CLI program against.
//!
//! `dualtrack-store` implements it on SQLite and PostgreSQL and picks one from a database
//! URL. Every method returns [`StoreError`], never a driver error. Methods that depend on the
//! current time take it as an argument (`now`), so callers and tests control the clock.
//!
//! The contract is one trait per area, each in its own file, and [`Store`] is all of them
//! together. Callers hold a `dyn Store` and need only `Store` in scope to call any method.

use async_trait::async_trait;

use crate::StoreError;

mod accounts;
mod companies;
mod endorsements;
mod listings;
mod search;
mod trials;

pub use accounts::AccountStore;
pub use companies::{CompanyStore, SeedSummary};
pub use endorsements::EndorsementStore;
pub use listings::ListingStore;
pub use search::SearchStore;
pub use trials::TrialStore;

/// Persistent state of dualtrack: the job board, accounts and sessions, saved assessments and
/// trials.
#[async_trait]
pub trait Store:
    CompanyStore
    + ListingStore
    + SearchStore
    + AccountStore
    + EndorsementStore
    + TrialStore
    + Send
    + Sync
    + std::fmt::Debug
{
    /// Short backend name for logs and health output (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Cheap round trip proving the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Closes the connections once the calls in flight finish (SQLite folds its write-ahead
    /// log into the file). Every later call fails with [`StoreError::Connect`].
    async fn close(&self);
}
