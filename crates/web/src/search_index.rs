//! Listing search through the in-memory index ([`dualtrack_board::index`]), kept in step with
//! the database, with the store's SQL search as the fallback.
//!
//! - The index is built in the background (at start, and whenever the board's change number
//!   moves), one build at a time; searches meanwhile use the previous index or the database.
//! - The change number is read at most once per [`DEFAULT_CHECK_EVERY`] (one tiny query), so a
//!   write by another process (the CLI, another replica) shows within that time plus a build.
//! - A write by this process (any request other than GET, HEAD or OPTIONS, see [`note_writes`])
//!   forces a check on the next search, and until an index including it is built, searches go
//!   to the database: whoever just posted or hid a listing sees it at once.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
use dualtrack_board::index::{BoardIndex, load_index, search_page};
use dualtrack_board::{ListingPage, ListingQuery, Store, StoreError};

use crate::state::AppState;

/// How often a search may read the board's change number.
pub const DEFAULT_CHECK_EVERY: Duration = Duration::from_millis(250);
/// How long to wait before building again after a build failed.
const RETRY_AFTER: Duration = Duration::from_secs(10);

/// Which way a search was answered (for the `Server-Timing` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    Index,
    Database,
}

impl Answered {
    /// The `Server-Timing` metric name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Index => "search-index",
            Self::Database => "search-database",
        }
    }
}

/// The index of one server process and what is known about its freshness.
#[derive(Debug)]
pub struct SearchIndex {
    store: Arc<dyn Store>,
    enabled: bool,
    check_every: Duration,
    state: Arc<Mutex<Freshness>>,
}

#[derive(Debug, Default)]
struct Freshness {
    index: Option<Arc<BoardIndex>>,
    /// Writes by this process counted when the current index's build started.
    index_writes: u64,
    /// The latest change number read, and when.
    known: Option<i64>,
    checked_at: Option<Instant>,
    checking: bool,
    building: bool,
    failed_at: Option<Instant>,
    /// Requests of this process that may have written to the board.
    writes: u64,
}

impl SearchIndex {
    /// An index over `store`; `enabled: false` sends every search to the database.
    pub fn new(store: Arc<dyn Store>, enabled: bool, check_every: Duration) -> Self {
        Self {
            store,
            enabled,
            check_every,
            state: Arc::new(Mutex::new(Freshness::default())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Freshness> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes a request that may have written to the board: the next search reads the change
    /// number, and the current index is not used if it moved.
    pub fn written(&self) {
        let mut state = self.lock();
        state.writes += 1;
        state.checked_at = None;
    }

    /// Starts building the index now (at server start), instead of at the first search.
    pub fn warm(&self) {
        if self.enabled {
            let mut state = self.lock();
            self.start_build(&mut state);
        }
    }

    /// Listings held by the current index, if there is one.
    pub fn listings(&self) -> Option<usize> {
        self.lock().index.as_ref().map(|i| i.len())
    }

    fn start_build(&self, state: &mut Freshness) {
        if state.building || state.failed_at.is_some_and(|at| at.elapsed() < RETRY_AFTER) {
            return;
        }
        state.building = true;
        let writes = state.writes;
        let store = Arc::clone(&self.store);
        let shared = Arc::clone(&self.state);
        tokio::spawn(async move {
            let started = Instant::now();
            let built = load_index(store.as_ref()).await;
            let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
            state.building = false;
            match built {
                Ok(index) => {
                    tracing::info!(
                        listings = index.len(),
                        words = index.words(),
                        seconds = started.elapsed().as_secs_f64(),
                        "search index built"
                    );
                    state.index = Some(Arc::new(index));
                    state.index_writes = writes;
                    state.failed_at = None;
                }
                Err(err) => {
                    tracing::warn!(error = %err, "could not build the search index; searching the database meanwhile");
                    state.failed_at = Some(Instant::now());
                }
            }
        });
    }

    /// Reads the change number when it is due (or a write asked for it).
    async fn check(&self) {
        let writes = {
            let mut state = self.lock();
            let due = state
                .checked_at
                .is_none_or(|at| at.elapsed() >= self.check_every);
            if !due || state.checking {
                return;
            }
            state.checking = true;
            state.writes
        };
        let read = self.store.board_generation().await;
        let mut state = self.lock();
        state.checking = false;
        match read {
            Ok(n) => {
                state.known = Some(n);
                // A write that came in while reading may not be in `n`: read again next time.
                if state.writes == writes {
                    state.checked_at = Some(Instant::now());
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not read the board's change number");
                state.known = None;
            }
        }
    }

    /// The index to answer with now, if any; starts a build when the board moved past it.
    fn usable(&self) -> Option<Arc<BoardIndex>> {
        let mut state = self.lock();
        let known = state.known?;
        let index = state.index.clone();
        let fresh = index.as_ref().is_some_and(|i| i.generation() == known);
        if !fresh {
            self.start_build(&mut state);
        }
        // A stale index is still used while a newer one is built, unless this process wrote
        // since the build of the stale one began.
        index.filter(|_| fresh || state.index_writes == state.writes)
    }

    /// [`Store::search_listings`], through the index when it is fresh enough.
    ///
    /// # Errors
    /// As [`Store::search_listings`].
    pub async fn search(
        &self,
        query: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<(ListingPage, Answered), StoreError> {
        if self.enabled {
            self.check().await;
            if let Some(index) = self.usable() {
                let page = search_page(self.store.as_ref(), &index, query, now).await?;
                return Ok((page, Answered::Index));
            }
        }
        let page = self.store.search_listings(query, now).await?;
        Ok((page, Answered::Database))
    }
}

/// Middleware: a request that can write (not GET, HEAD or OPTIONS) tells the search index
/// once it is answered, so the next search sees the change.
pub async fn note_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if writes {
        state.search_index().written();
    }
    response
}
