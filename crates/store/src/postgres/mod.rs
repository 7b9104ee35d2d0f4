//! The backend for deployments that outgrow one machine: PostgreSQL.
//!
//! The web tier keeps no state of its own (sessions live here), so many replicas can share one
//! PostgreSQL primary. The schema lives in `migrations/postgres` and is applied on connect;
//! sqlx's migrator takes an advisory lock, so replicas starting together do not race.

mod search;

use std::str::FromStr;
use std::time::Duration;

use dualtrack_board::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgQueryResult};
use sqlx::{Connection, PgConnection, PgPool, Postgres, QueryBuilder};

use crate::shared::{Backend, error};

/// How long to wait for a pooled connection before reporting the server as busy.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://` or `postgresql://`) and applies pending migrations.
    ///
    /// # Errors
    /// [`StoreError::Connect`] when the server cannot be reached or refuses the login,
    /// [`StoreError::Migrate`] when the schema cannot be brought up to date.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let target = redact(url);
        let options = PgConnectOptions::from_str(url).map_err(|err| StoreError::InvalidUrl {
            url: target.clone(),
            reason: format!(
                "{err}; write postgres://USER:PASSWORD@HOST:PORT/DATABASE \
                 (or postgres:///DATABASE?host=/run/postgresql for a local socket)"
            ),
        })?;
        let hint = "check the server is running, the database exists and the user may log in";
        // One direct connection first: a pool retries failed connects until its acquire
        // timeout, which would turn "connection refused" into a ten-second wait.
        PgConnection::connect_with(&options)
            .await
            .map_err(error::connect_failed(&target, hint))?
            .close()
            .await
            .map_err(error::connect_failed(&target, hint))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_lazy_with(options);
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(error::migrate_failed(&target))?;
        tracing::debug!(database = target, "postgres store open, schema up to date");
        Ok(Self { pool })
    }
}

/// The URL with any password (in the user info or a `password=` parameter) replaced, so it
/// can appear in error messages and logs.
#[must_use]
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
                None => base.to_owned(),
            },
            None => base.to_owned(),
        },
        None => base.to_owned(),
    };
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

#[async_trait::async_trait]
impl Backend for PgStore {
    type Db = Postgres;
    const NAME: &'static str = "postgres";

    fn pool(&self) -> &PgPool {
        &self.pool
    }

    fn translate(action: &'static str, err: sqlx::Error) -> StoreError {
        error::translate(action, err, "the server is busy or unreachable")
    }

    fn rows_affected(done: &PgQueryResult) -> u64 {
        done.rows_affected()
    }

    async fn fetch_built<T>(
        &self,
        query: &mut QueryBuilder<'_, Postgres>,
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> + Send + Unpin,
    {
        query.build_query_as().fetch_all(&self.pool).await
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact("postgres://app:s3cret@db.internal:5432/dualtrack"),
            "postgres://app:***@db.internal:5432/dualtrack"
        );
        assert_eq!(
            redact("postgres://app@db/dualtrack"),
            "postgres://app@db/dualtrack"
        );
        assert_eq!(
            redact("postgres:///postgres?host=/var/run/postgresql"),
            "postgres:///postgres?host=/var/run/postgresql"
        );
        assert_eq!(
            redact("postgres://db/app?user=app&password=s3cret&sslmode=require"),
            "postgres://db/app?user=app&password=***&sslmode=require"
        );
    }
}
