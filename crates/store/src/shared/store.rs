//! The `Store` impl, for any backend: what is not an area's (the backend's name, the ping,
//! closing). Each area's trait is implemented in the module of its area (see [`super`]).
//!
//! (`Store` is the board's trait, so Rust's orphan rule wants a local type in the impl: the
//! [`SqlStore`] wrapper.)

use chrono::{DateTime, Utc};
use dualtrack_board::{Store, StoreError};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::error::db;
use super::{Conn, Row, Search, SqlStore, Value};

// sqlx's bounds on the database, as every area's block states them (see the module above).
#[async_trait::async_trait]
impl<B> Store for SqlStore<B>
where
    B: Search,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    for<'r> &'r str: ColumnIndex<Row<B>>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    bool: Value<B::Db>,
    String: Value<B::Db>,
    DateTime<Utc>: Value<B::Db>,
    Option<i64>: Value<B::Db>,
    Option<String>: Value<B::Db>,
    Option<DateTime<Utc>>: Value<B::Db>,
    Json<serde_json::Value>: Value<B::Db>,
{
    fn backend(&self) -> &'static str {
        B::NAME
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(self.pool())
            .await
            .map_err(db::<B>("checking the database answers"))?;
        Ok(())
    }

    async fn close(&self) {
        self.backend.close().await;
    }
}
