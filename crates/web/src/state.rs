//! The shared application state: the store, the loaded engines' data, keys and settings.

use std::sync::Arc;

use dualtrack_board::Store;
use dualtrack_decide::Content;
use dualtrack_framework::Framework;

use crate::cookies::Keys;
use crate::cpu::Gate;
use crate::mail::Mailer;
use crate::search_index::{DEFAULT_CHECK_EVERY, SearchIndex};
use crate::throttle::{DEFAULT_CAPACITY, Policy, Throttle};

/// Settings of one server process.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Mark every cookie `Secure`, for deployments where TLS ends before the proxy can say so
    /// with `X-Forwarded-Proto`.
    pub secure_cookies: bool,
    /// Believe `X-Forwarded-For` and `X-Forwarded-Proto` (set this only behind a proxy that
    /// overwrites them); otherwise the client address is the socket peer and https is known
    /// only from `secure_cookies`.
    pub trust_proxy: bool,
    /// Password hashes computed at once (argon2 takes ~19 MB each); 0 means one per core.
    pub hash_workers: usize,
    /// Calendar analyses, ladder audits and reports computed at once; 0 means one per core.
    pub analysis_workers: usize,
    /// Log-ins that may wait for a hashing slot before the rest get 503 (default: 8 per worker).
    pub hash_queue: Option<usize>,
    /// Analyses that may wait for a slot before the rest get 503 (default: 1 per worker).
    pub analysis_queue: Option<usize>,
    /// Where mail goes: an SMTP server, or the local outbox folder.
    pub mailer: Mailer,
    /// The address people reach this site at, for links in mail (`https://jobs.example`);
    /// `None` means `http://localhost`.
    pub public_url: Option<String>,
    /// Days an employee's confirmation of a culture tag counts; `None` means
    /// [`dualtrack_board::DEFAULT_CONFIRMATION_MAX_AGE_DAYS`].
    pub confirmation_max_age_days: Option<u32>,
    /// "Today" for the trial pages and reminders, pinned (`DUALTRACK_TODAY`, for tests and
    /// demonstrations); `None` means the server's clock (UTC).
    pub today: Option<chrono::NaiveDate>,
    /// Answer every listing search from the database, never from the in-memory index.
    pub search_index_off: bool,
    /// How often a search may read the board's change number to keep the index in step;
    /// `None` means [`crate::search_index::DEFAULT_CHECK_EVERY`].
    pub search_index_check: Option<std::time::Duration>,
}

impl Config {
    fn workers(configured: usize) -> usize {
        if configured == 0 {
            crate::cpu::cores()
        } else {
            configured
        }
    }
}

/// Everything a handler needs, cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Arc<dyn Store>,
    framework: Framework,
    content: Content,
    keys: Keys,
    config: Config,
    hashing: Gate,
    analyses: Gate,
    login_accounts: Throttle,
    login_addresses: Throttle,
    verify_codes: Throttle,
    search_index: SearchIndex,
}

impl AppState {
    /// State over a connected store and the built-in framework. `keys` must be shared by
    /// every replica of the server.
    ///
    /// # Errors
    /// When the built-in framework or decision content does not load (a build defect,
    /// reported rather than panicking).
    pub fn new(store: Arc<dyn Store>, keys: Keys, config: Config) -> anyhow::Result<Self> {
        Ok(Self::with_content(
            store,
            Framework::embedded()?,
            Content::embedded()?,
            keys,
            config,
        ))
    }

    /// State with a given framework and decision content (an organisation's own data).
    pub fn with_content(
        store: Arc<dyn Store>,
        framework: Framework,
        content: Content,
        keys: Keys,
        config: Config,
    ) -> Self {
        let hash_workers = Config::workers(config.hash_workers);
        let analysis_workers = Config::workers(config.analysis_workers);
        Self {
            inner: Arc::new(Inner {
                search_index: SearchIndex::new(
                    Arc::clone(&store),
                    !config.search_index_off,
                    config.search_index_check.unwrap_or(DEFAULT_CHECK_EVERY),
                ),
                store,
                framework,
                content,
                keys,
                // A log-in waiting for a hash holds only a small future, so a longer line is
                // cheap; an analysis waiting holds its upload (up to 20 MB), so the line is short.
                hashing: Gate::new(
                    "password checks",
                    hash_workers,
                    config.hash_queue.unwrap_or(hash_workers * 8),
                ),
                analyses: Gate::new(
                    "analyses",
                    analysis_workers,
                    config.analysis_queue.unwrap_or(analysis_workers),
                ),
                login_accounts: Throttle::new(Policy::ACCOUNT, DEFAULT_CAPACITY),
                login_addresses: Throttle::new(Policy::ADDRESS, DEFAULT_CAPACITY),
                verify_codes: Throttle::new(Policy::ACCOUNT, DEFAULT_CAPACITY),
                config,
            }),
        }
    }

    /// Outlook, switch-back model and plans for the decision report.
    pub fn content(&self) -> &Content {
        &self.inner.content
    }

    pub fn framework(&self) -> &Framework {
        &self.inner.framework
    }

    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// Listing search through the in-memory index (see [`crate::search_index`]).
    pub fn search_index(&self) -> &SearchIndex {
        &self.inner.search_index
    }

    /// [`Store::search_listings`], answered by the in-memory index when it is in step with
    /// the database.
    ///
    /// # Errors
    /// As [`Store::search_listings`].
    pub async fn search_listings(
        &self,
        query: &dualtrack_board::ListingQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<dualtrack_board::ListingPage, dualtrack_board::StoreError> {
        Ok(self.inner.search_index.search(query, now).await?.0)
    }

    pub fn keys(&self) -> &Keys {
        &self.inner.keys
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Where mail goes.
    pub fn mailer(&self) -> &Mailer {
        &self.inner.config.mailer
    }

    /// How long a confirmation of a culture tag counts.
    pub fn confirmation_max_age(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.confirmation_max_age_days()))
    }

    /// [`Self::confirmation_max_age`] in days, as the store's search takes it.
    pub fn confirmation_max_age_days(&self) -> u32 {
        self.inner
            .config
            .confirmation_max_age_days
            .unwrap_or(dualtrack_board::DEFAULT_CONFIRMATION_MAX_AGE_DAYS)
    }

    /// The site's address for links in mail, without a trailing slash.
    pub fn public_url(&self) -> &str {
        self.inner
            .config
            .public_url
            .as_deref()
            .map_or("http://localhost", |url| url.trim_end_matches('/'))
    }

    /// Today's date: pinned by [`Config::today`], otherwise from the clock in UTC.
    pub fn today(&self) -> chrono::NaiveDate {
        self.inner
            .config
            .today
            .unwrap_or_else(|| chrono::Utc::now().date_naive())
    }

    /// The current instant: midnight UTC of a pinned [`Config::today`], otherwise the clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match self.inner.config.today {
            Some(day) => day.and_time(chrono::NaiveTime::MIN).and_utc(),
            None => chrono::Utc::now(),
        }
    }

    /// The cap on concurrent password hashing.
    pub fn hashing(&self) -> &Gate {
        &self.inner.hashing
    }

    /// The cap on concurrent calendar analyses, ladder audits and reports.
    pub fn analyses(&self) -> &Gate {
        &self.inner.analyses
    }

    /// Failed log-ins per account (normalised email).
    pub fn login_accounts(&self) -> &Throttle {
        &self.inner.login_accounts
    }

    /// Failed log-ins per client address.
    pub fn login_addresses(&self) -> &Throttle {
        &self.inner.login_addresses
    }

    /// Wrong verification codes per account.
    pub fn verify_codes(&self) -> &Throttle {
        &self.inner.verify_codes
    }
}
