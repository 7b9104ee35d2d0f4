//! The in-memory search index agrees with the store's SQL search: random queries (filters,
//! words and word prefixes, preferences, pages, clocks and confirmation ages) give the same
//! pages, cursors and facet counts both ways, on each backend.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use dualtrack_board::index::{index_words, load_index, search_page};
use dualtrack_board::{BoardIndex, DemoData, ListingQuery, Store, Track};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sqlx::Connection;

use super::harness::{self, Backend};

const TAGS: &[&str] = &[
    "deep-work",
    "remote-first",
    "async-by-default",
    "writing-culture",
    "sustainable-pace",
    "mentoring-expected",
];

/// A generated board, then changed with plain SQL so every rule of search is exercised:
/// endorsements of many ages (the confirmation rule), closed, hidden and expired listings.
async fn board(backend: &Backend) -> DemoData {
    let demo = dualtrack_store::generate::board(40, 400, 7);
    backend.store.seed_demo(&demo).await.unwrap();
    let date = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    let statements = [
        // Endorsements dated from 2023-06 onwards, by account.
        (
            "UPDATE endorsements SET created_at = $1 WHERE account_id % 4 = 0",
            date("2023-06-01T00:00:00Z"),
        ),
        (
            "UPDATE endorsements SET created_at = $1 WHERE account_id % 4 = 1",
            date("2024-09-15T12:30:00Z"),
        ),
        (
            "UPDATE endorsements SET created_at = $1 WHERE account_id % 4 = 2",
            date("2025-05-01T08:00:00Z"),
        ),
        (
            "UPDATE listings SET closed_at = $1 WHERE id % 17 = 0",
            date("2025-05-01T08:00:00Z"),
        ),
        (
            "UPDATE listings SET hidden_at = $1, hidden_reason = 'spam' WHERE id % 23 = 0",
            date("2025-05-01T08:00:00Z"),
        ),
        (
            "UPDATE listings SET expires_at = $1 WHERE id % 11 = 0",
            date("2024-09-15T12:30:00Z"),
        ),
    ];
    if backend.url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(&backend.url).await.unwrap();
        for (sql, at) in statements {
            sqlx::query(sql).bind(at).execute(&mut conn).await.unwrap();
        }
    } else {
        let mut conn = sqlx::PgConnection::connect(&backend.url).await.unwrap();
        for (sql, at) in statements {
            sqlx::query(sql).bind(at).execute(&mut conn).await.unwrap();
        }
    }
    demo
}

/// Words of the board (and prefixes of them) to search for, plus one that matches nothing.
fn words(demo: &DemoData) -> Vec<String> {
    let mut all = BTreeSet::new();
    let mut buffer = String::new();
    for listing in demo.listings.iter().take(60) {
        let text = format!(
            "{} {} {}",
            listing.title, listing.location, listing.description
        );
        index_words(&text, &mut buffer, |w| {
            all.insert(w.to_owned());
        });
    }
    for company in demo.companies.iter().take(5) {
        index_words(&company.name, &mut buffer, |w| {
            all.insert(w.to_owned());
        });
    }
    let mut out: Vec<String> = all.into_iter().collect();
    let prefixes: Vec<String> = out
        .iter()
        .filter(|w| w.len() > 3)
        .map(|w| w[..w.len() / 2].to_owned())
        .collect();
    out.extend(prefixes);
    out.push("zzzqx".into());
    out
}

fn query(words: Vec<String>) -> impl Strategy<Value = (ListingQuery, i64, u32)> {
    let level = prop_oneof![Just("nice"), Just("important"), Just("dealbreaker")];
    (
        (
            proptest::collection::vec(proptest::sample::select(words), 0..3),
            proptest::collection::vec(proptest::sample::select(TAGS), 0..2),
            proptest::option::of(prop_oneof![Just(Track::Ic), Just(Track::Management)]),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        proptest::collection::vec((proptest::sample::select(TAGS), level), 0..3),
        1u32..6,
        prop_oneof![Just(30u32), Just(200), Just(365), Just(3650)],
        // Days before 2025-07-01: some listings expired (those expiring 2024-09-15).
        0i64..500,
        0u32..3,
    )
        .prop_map(
            |((q, tags, track, past, remote), prefs, limit, age, days, pages)| {
                let query = ListingQuery {
                    q: (!q.is_empty()).then(|| q.join(" ")),
                    tag: tags.into_iter().map(str::to_owned).collect(),
                    track,
                    ic_past_staff: past,
                    remote,
                    limit,
                    prefer: prefs
                        .into_iter()
                        .map(|(tag, level)| format!("{tag}:{level}"))
                        .collect(),
                    confirmation_max_age_days: age,
                    ..ListingQuery::default()
                };
                (query, days, pages)
            },
        )
}

/// Walks `pages + 1` pages of `query` both ways and compares each page whole.
async fn agree(
    store: &dyn Store,
    index: &BoardIndex,
    query: &ListingQuery,
    now: DateTime<Utc>,
    pages: u32,
) -> Result<usize, String> {
    let mut query = query.clone();
    let mut seen = 0;
    for _ in 0..=pages {
        let by_sql = store.search_listings(&query, now).await;
        let by_index = search_page(store, index, &query, now).await;
        match (by_sql, by_index) {
            (Ok(sql), Ok(idx)) => {
                if sql != idx {
                    return Err(format!(
                        "{query:?} at {now}:\n sql   {:?} next {:?}\n      {:?}\n index {:?} \
                         next {:?}\n      {:?}",
                        sql.items.iter().map(|i| i.id).collect::<Vec<_>>(),
                        sql.next,
                        sql.facets,
                        idx.items.iter().map(|i| i.id).collect::<Vec<_>>(),
                        idx.next,
                        idx.facets,
                    ));
                }
                seen += sql.items.len();
                match sql.next {
                    Some(next) => query.cursor = Some(next),
                    None => break,
                }
            }
            (Err(a), Err(b)) if a.to_string() == b.to_string() => break,
            (a, b) => return Err(format!("{query:?}: sql {a:?}, index {b:?}")),
        }
    }
    Ok(seen)
}

async fn equivalence(backend: &Backend) {
    let demo = board(backend).await;
    let store = backend.store.as_ref();
    let index = load_index(store).await.unwrap();
    assert_eq!(index.generation(), store.board_generation().await.unwrap());
    let base: DateTime<Utc> = "2025-07-01T00:00:00Z".parse().unwrap();

    // Fixed cases first: everything, and a deep walk of a ranked search.
    let ranked = ListingQuery {
        prefer: vec!["deep-work:important".into(), "remote-first:nice".into()],
        limit: 7,
        confirmation_max_age_days: 365,
        ..ListingQuery::default()
    };
    let seen = agree(store, &index, &ranked, base, 100).await.unwrap();
    assert!(seen > 100, "only {seen} listings walked");
    let everything = ListingQuery {
        limit: 100,
        ..ListingQuery::default()
    };
    agree(store, &index, &everything, base, 10).await.unwrap();

    let words = words(&demo);
    let mut runner = TestRunner::new(Config {
        cases: 96,
        ..Config::default()
    });
    let handle = tokio::runtime::Handle::current();
    tokio::task::block_in_place(|| {
        runner
            .run(&query(words), |(query, days, pages)| {
                let now = base - Duration::days(days) + Duration::seconds(days * 977 % 86_400);
                handle
                    .block_on(agree(store, &index, &query, now, pages))
                    .map(|_| ())
                    .map_err(TestCaseError::fail)
            })
            .map_err(|err| err.to_string())
    })
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_agrees_with_sql_on_sqlite() {
    let (backend, _dir) = harness::sqlite().await;
    equivalence(&backend).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_agrees_with_sql_on_postgres() {
    let Some(db) = harness::PgDatabase::create().await else {
        return;
    };
    let store = dualtrack_store::connect(&db.url).await.unwrap();
    equivalence(&Backend {
        store,
        url: db.url.clone(),
    })
    .await;
    db.drop_now().await;
}
