//! What the SQLite and PostgreSQL stores have in common, written once.
//!
//! Both backends read the same tables into the same shapes and, since SQLite accepts `$N`
//! placeholders, run the same statements. The board's contract is one trait per area, and
//! each area's module implements its trait, once, for any [`Backend`], with the rows, the SQL
//! and the method bodies together: [`companies`] (`CompanyStore`: companies, tags, ladders,
//! tag standings, the demo seed), [`listings`] (`ListingStore`: posting and moderating
//! listings, the audit log), [`search`] (`SearchStore`: the SQL search and the rows behind
//! the in-memory index), [`accounts`] (`AccountStore`: accounts, sessions, employee
//! verification, API tokens), [`endorsements`] (`EndorsementStore`: endorsements, disputes,
//! preferences) and [`trials`] (`TrialStore`: trials and saved assessments). [`store`] adds
//! what belongs to no area (the backend's name, the ping, closing). A backend supplies only
//! what really differs: its pool, how a search's text and company filters are written
//! ([`Search`]: FTS5 vs `tsvector`, and how each planner is best steered), and the wording of
//! its errors.
//!
//! Each area's impl states the sqlx bounds it needs: Rust does not carry a where-clause over
//! to the users of a trait or type (only supertraits and associated-type bounds are implied),
//! and these bounds name `i64`, `&str` and the connection type, not `B`, so no trait of ours
//! can imply them. An area's private helpers (statements run inside a transaction) state only
//! the bounds they use; helpers that need only other store methods are plain functions over
//! the area traits.

pub(crate) mod accounts;
pub(crate) mod companies;
pub(crate) mod endorsements;
pub(crate) mod error;
pub(crate) mod facet_cache;
pub(crate) mod facets;
pub(crate) mod listings;
pub(crate) mod search;
mod store;
pub(crate) mod trials;

use dualtrack_board::{StoreError, ValidListingQuery};
use sqlx::query::Query;
use sqlx::{Database, Decode, Encode, Executor, FromRow, IntoArguments, Pool, QueryBuilder, Type};

/// A backend's connection type, for the sqlx bounds of the shared statements.
pub(crate) type Conn<B> = <<B as Backend>::Db as Database>::Connection;

/// A backend's row type, for the sqlx bounds of the shared statements.
pub(crate) type Row<B> = <<B as Backend>::Db as Database>::Row;

/// The `Store` over one backend.
#[derive(Debug)]
pub(crate) struct SqlStore<B> {
    pub(crate) backend: B,
    /// Facet counts of recent searches (see [`facet_cache`]).
    facet_cache: facet_cache::FacetCache,
}

impl<B: Backend> SqlStore<B> {
    /// The store over `backend`, with an empty facet cache.
    pub(crate) fn new(backend: B) -> Self {
        Self {
            backend,
            facet_cache: facet_cache::FacetCache::default(),
        }
    }

    /// Runs `query` through `exec` (the pool, or a transaction) and gives how many rows it
    /// changed; `action` says what the store was doing, should it fail.
    async fn changed<'q, 'e, E>(
        exec: E,
        query: Query<'q, B::Db, <B::Db as Database>::Arguments<'q>>,
        action: &'static str,
    ) -> Result<u64, StoreError>
    where
        'q: 'e,
        E: Executor<'e, Database = B::Db>,
        <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    {
        let done = query.execute(exec).await.map_err(error::db::<B>(action))?;
        Ok(B::rows_affected(&done))
    }

    /// The backend's connection pool.
    fn pool(&self) -> &Pool<B::Db> {
        self.backend.pool()
    }
}

/// One database the store runs on. Private: callers see only `dyn Store`.
#[async_trait::async_trait]
pub(crate) trait Backend: Send + Sync + std::fmt::Debug + 'static {
    /// The sqlx driver.
    type Db: Database;

    /// The name `Store::backend` reports.
    const NAME: &'static str;

    fn pool(&self) -> &Pool<Self::Db>;

    /// Closes the pool once the calls in flight finish.
    async fn close(&self) {
        self.pool().close().await;
    }

    /// The sqlx error as a [`StoreError`], saying what the store was doing.
    fn translate(action: &'static str, err: sqlx::Error) -> StoreError;

    /// Rows a statement changed (sqlx has no trait for it across databases).
    fn rows_affected(done: &<Self::Db as Database>::QueryResult) -> u64;

    /// Runs a statement built with a `QueryBuilder`. (Here rather than in the shared code:
    /// only with the concrete database can sqlx shorten the builder's argument lifetime.)
    async fn fetch_built<T>(
        &self,
        query: &mut QueryBuilder<'_, Self::Db>,
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, <Self::Db as Database>::Row> + Send + Unpin;
}

/// How one backend writes the conditions of a listing search: FTS5 or `tsvector` for the text,
/// and the spelling that steers its planner best.
#[async_trait::async_trait]
pub(crate) trait Search: Backend {
    /// How the search should use its text match (a backend may count the matches first).
    async fn text_drive(&self, _filter: &ValidListingQuery) -> Result<Drive, StoreError> {
        Ok(Drive::Index)
    }

    /// Appends the search conditions (everything but the cursor) to a statement reading
    /// `listings l`, written the way `access` says.
    fn push_filters(
        query: &mut QueryBuilder<'_, Self::Db>,
        filter: &ValidListingQuery,
        access: Access,
    );
}

/// Refuses a page size outside 1 to `max`; `what` names the limit in the message.
pub(crate) fn check_limit(what: &str, limit: u32, max: u32) -> Result<(), StoreError> {
    if (1..=max).contains(&limit) {
        return Ok(());
    }
    Err(StoreError::invalid(format!(
        "{what} {limit} is out of range; use 1 to {max}"
    )))
}

/// How the plan uses one filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drive {
    /// Look the matching rows up through the filter: best when it matches few listings.
    Index,
    /// Walk another index and test each entry against the filter: best when it matches many,
    /// or when the walk can stop early (a page of the newest-first index).
    Probe,
}

/// How a statement uses the text match and the company-level filters (tags, ladder maturity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Access {
    pub text: Drive,
    pub company: Drive,
}

/// A Rust type a database both binds and reads: what the shared statements need of each column
/// type, in one bound.
pub(crate) trait Value<DB: Database>:
    for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send + Sync
{
}

impl<DB: Database, T> Value<DB> for T where
    T: for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send + Sync
{
}
