//! dualtrack-store-sql: what the SQLite and PostgreSQL stores have in common.
//!
//! Both backends read the same tables into the same shapes, so the row structs (their
//! `sqlx::FromRow` derive is generic over the database), their conversions into board types,
//! the SQL fragments whose text is identical on both, and the pure folding of result rows
//! (facets, company tags, seed summaries) live here once. Anything that differs per database
//! stays in its backend: connections, migrations, statements with placeholders (`?` vs `$1`),
//! and the translation of sqlx errors into `StoreError` at the store boundary.

mod delegate;

pub mod accounts;
pub mod companies;
pub mod endorsements;
pub mod facets;
pub mod listings;
pub mod seed;
