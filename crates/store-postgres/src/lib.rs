//! dualtrack-store-postgres: the [`Store`] backend for deployments that outgrow one machine.
//!
//! The web tier keeps no state of its own (sessions live here), so many replicas can share one
//! PostgreSQL primary. The schema lives in `migrations/` and is applied on connect; sqlx's
//! migrator takes an advisory lock, so replicas starting together do not race.

mod accounts;
mod assessments;
mod companies;
mod endorsements;
mod error;
mod facets;
mod listings;
mod seed;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use dualtrack_board::{
    Account, Company, CultureTag, DemoData, Endorsement, Listing, ListingPage, ListingQuery,
    NewAccount, NewEndorsement, NewSavedAssessment, NewSession, SavedAssessment, SeedSummary,
    Session, Store, StoreError, TagStatus,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};

use crate::error::db;

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
        let refused = |err: sqlx::Error| StoreError::Connect {
            target: target.clone(),
            reason: err.to_string(),
            hint: "check the server is running, the database exists and the user may log in",
        };
        // One direct connection first: a pool retries failed connects until its acquire
        // timeout, which would turn "connection refused" into a ten-second wait.
        PgConnection::connect_with(&options)
            .await
            .map_err(refused)?
            .close()
            .await
            .map_err(refused)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_lazy_with(options);
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|err| StoreError::Migrate {
                target: target.clone(),
                reason: err.to_string(),
            })?;
        tracing::debug!(database = target, "postgres store open, schema up to date");
        Ok(Self { pool })
    }

    /// The underlying pool, for tests and tools that need raw access.
    #[must_use]
    pub fn pool(&self) -> &PgPool {
        &self.pool
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

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db("checking the database answers"))?;
        Ok(())
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        seed::is_empty(&self.pool).await
    }

    async fn seed_demo(&self, demo: &DemoData) -> Result<SeedSummary, StoreError> {
        seed::seed(&self.pool, demo).await
    }

    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError> {
        companies::tags(&self.pool).await
    }

    async fn companies(&self) -> Result<Vec<Company>, StoreError> {
        companies::companies(&self.pool).await
    }

    async fn company(&self, id: i64) -> Result<Option<Company>, StoreError> {
        companies::company(&self.pool, id).await
    }

    async fn company_by_slug(&self, slug: &str) -> Result<Option<Company>, StoreError> {
        companies::company_by_slug(&self.pool, slug).await
    }

    async fn search_listings(&self, query: &ListingQuery) -> Result<ListingPage, StoreError> {
        listings::search(&self.pool, query).await
    }

    async fn listing(&self, id: i64) -> Result<Option<Listing>, StoreError> {
        listings::listing(&self.pool, id).await
    }

    async fn company_tags(&self, company_id: i64) -> Result<Vec<TagStatus>, StoreError> {
        endorsements::company_tags(&self.pool, company_id).await
    }

    async fn endorse(&self, endorsement: &NewEndorsement) -> Result<Endorsement, StoreError> {
        endorsements::endorse(&self.pool, endorsement).await
    }

    async fn withdraw_endorsement(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError> {
        endorsements::withdraw(&self.pool, account_id, company_id, tag).await
    }

    async fn account_endorsements(&self, account_id: i64) -> Result<Vec<Endorsement>, StoreError> {
        endorsements::by_account(&self.pool, account_id).await
    }

    async fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError> {
        accounts::create(&self.pool, account).await
    }

    async fn account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        accounts::by_id(&self.pool, id).await
    }

    async fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        accounts::by_email(&self.pool, email).await
    }

    async fn verify_account(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Account, StoreError> {
        accounts::verify(&self.pool, account_id, company_id).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError> {
        accounts::create_session(&self.pool, session).await
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        accounts::session(&self.pool, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        accounts::delete_session(&self.pool, token_hash).await
    }

    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        accounts::purge_expired(&self.pool, now).await
    }

    async fn save_assessment(
        &self,
        new: &NewSavedAssessment,
    ) -> Result<SavedAssessment, StoreError> {
        assessments::save(&self.pool, new).await
    }

    async fn list_assessments(&self, limit: u32) -> Result<Vec<SavedAssessment>, StoreError> {
        assessments::list(&self.pool, limit).await
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
