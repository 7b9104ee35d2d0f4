//! Listing-search latency on a large generated board, SQLite against PostgreSQL.
//!
//! Seeds both databases with the same generated board (through `Store::seed_demo`, the code
//! path the product uses), then times a handful of representative searches through the
//! `Store` trait, the exact call behind `GET /api/v1/listings` and `dualtrack jobs search`.
//! Prints a Markdown table (median and 95th percentile per query, and the PostgreSQL/SQLite
//! ratio of the medians), and checks both backends return the same page and facets.
//!
//! ```text
//! cargo run --release -p dualtrack-store --example board_bench -- \
//!     --sqlite /tmp/board.sqlite --postgres-admin 'postgres:///postgres?host=/var/run/postgresql'
//! ```
//!
//! Options: `--companies N` (2000), `--listings N` (100000), `--runs N` (30 timed runs per
//! query, after 3 warm-up runs), `--pg-database NAME` (dualtrack_bench), `--fresh` (drop and
//! re-seed instead of reusing a board of the same size). Give only `--sqlite` or only
//! `--postgres-admin` to time one backend.

#![allow(clippy::unwrap_used)] // reason: a benchmark driver fails loudly on bad setup; it serves no input

use dualtrack_store::generate;

use std::sync::Arc;
use std::time::{Duration, Instant};

use dualtrack_board::{Cursor, DemoData, ListingPage, ListingQuery, Store, Track};
use sqlx::{Connection, PgConnection, SqliteConnection};

type Error = Box<dyn std::error::Error>;

const USAGE: &str = "usage: board_bench [--sqlite PATH] [--postgres-admin URL] \
[--pg-database NAME (dualtrack_bench)] [--companies N (2000)] [--listings N (100000)] \
[--runs N (30)] [--fresh]
Seeds empty databases with a generated board (one already holding a board of another size is \
refused; --fresh starts over), then times listing searches on each and prints a Markdown table.";

struct Options {
    sqlite: Option<String>,
    postgres_admin: Option<String>,
    pg_database: String,
    companies: usize,
    listings: usize,
    runs: usize,
    fresh: bool,
}

fn options() -> Result<Options, Error> {
    let mut options = Options {
        sqlite: None,
        postgres_admin: None,
        pg_database: "dualtrack_bench".into(),
        companies: 2000,
        listings: 100_000,
        runs: 30,
        fresh: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--sqlite" => options.sqlite = Some(value()?),
            "--postgres-admin" => options.postgres_admin = Some(value()?),
            "--pg-database" => options.pg_database = value()?,
            "--companies" => options.companies = value()?.parse()?,
            "--listings" => options.listings = value()?.parse()?,
            "--runs" => options.runs = value()?.parse()?,
            "--fresh" => options.fresh = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}\n{USAGE}").into()),
        }
    }
    if !options
        .pg_database
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err("--pg-database must be lowercase letters, digits and underscores".into());
    }
    if options.sqlite.is_none() && options.postgres_admin.is_none() {
        return Err("give --sqlite PATH and/or --postgres-admin URL".into());
    }
    options.runs = options.runs.max(1);
    Ok(options)
}

/// One timed call.
enum Call {
    Search(ListingQuery),
    Listing(i64),
    CompanyBySlug(String),
    Companies,
}

struct Case {
    name: &'static str,
    call: Call,
}

fn cases(board: &DemoData) -> Vec<Case> {
    let query = ListingQuery::default;
    let deep = |n: usize| {
        generate::nth_newest(board, n).map(|posted_at| {
            // An id above every real one: the page starts with the nth newest listing itself.
            Cursor {
                posted_at,
                id: i64::MAX,
                score: None,
            }
            .encode()
        })
    };
    let half = board.listings.len() / 2;
    let last_page = board.listings.len().saturating_sub(20);
    vec![
        Case {
            name: "newest 20, no filter",
            call: Call::Search(query()),
        },
        Case {
            name: "text: one common word (`platform`)",
            call: Call::Search(ListingQuery {
                q: Some("platform".into()),
                ..query()
            }),
        },
        Case {
            name: "text: two words (`distributed storage`)",
            call: Call::Search(ListingQuery {
                q: Some("distributed storage".into()),
                ..query()
            }),
        },
        Case {
            name: "text: word prefix (`kube`)",
            call: Call::Search(ListingQuery {
                q: Some("kube".into()),
                ..query()
            }),
        },
        Case {
            name: "text: rare word",
            call: Call::Search(ListingQuery {
                q: Some(generate::RARE_WORD.into()),
                ..query()
            }),
        },
        Case {
            name: "tag: `deep-work`",
            call: Call::Search(ListingQuery {
                tag: vec!["deep-work".into()],
                ..query()
            }),
        },
        Case {
            name: "two tags + track ic",
            call: Call::Search(ListingQuery {
                tag: vec!["deep-work".into(), "writing-culture".into()],
                track: Some(Track::Ic),
                ..query()
            }),
        },
        Case {
            name: "ic_past_staff + track ic",
            call: Call::Search(ListingQuery {
                ic_past_staff: Some(true),
                track: Some(Track::Ic),
                ..query()
            }),
        },
        Case {
            name: "remote + ic_past_staff + text `rust`",
            call: Call::Search(ListingQuery {
                remote: Some(true),
                ic_past_staff: Some(true),
                q: Some("rust".into()),
                ..query()
            }),
        },
        Case {
            name: "page at 50% of all listings",
            call: Call::Search(ListingQuery {
                cursor: deep(half),
                ..query()
            }),
        },
        Case {
            name: "last page of all listings",
            call: Call::Search(ListingQuery {
                cursor: deep(last_page),
                ..query()
            }),
        },
        Case {
            name: "page at 50%, ic_past_staff + remote",
            call: Call::Search(ListingQuery {
                cursor: deep(half),
                ic_past_staff: Some(true),
                remote: Some(true),
                ..query()
            }),
        },
        Case {
            name: "100 per page, tag + text",
            call: Call::Search(ListingQuery {
                tag: vec!["remote-first".into()],
                q: Some("rust".into()),
                limit: 100,
                ..query()
            }),
        },
        Case {
            name: "one listing by id",
            call: Call::Listing(i64::try_from(half).unwrap_or(1).max(1)),
        },
        Case {
            name: "one company by slug",
            call: Call::CompanyBySlug(
                board
                    .companies
                    .get(board.companies.len() / 2)
                    .map(|c| c.slug.clone())
                    .unwrap_or_default(),
            ),
        },
        Case {
            name: "all companies (`jobs companies`)",
            call: Call::Companies,
        },
    ]
}

/// What a call returned, reduced to what both backends must agree on.
#[derive(Debug, PartialEq)]
enum Answer {
    Page {
        ids: Vec<i64>,
        next: bool,
        facets: dualtrack_board::Facets,
    },
    Found(bool),
    Count(usize),
}

impl Answer {
    fn matches(&self) -> String {
        match self {
            Answer::Page { facets, .. } => facets.total().to_string(),
            Answer::Found(found) => u8::from(*found).to_string(),
            Answer::Count(n) => n.to_string(),
        }
    }
}

fn page_answer(page: ListingPage) -> Answer {
    Answer::Page {
        ids: page.items.iter().map(|i| i.id).collect(),
        next: page.next.is_some(),
        facets: page.facets,
    }
}

async fn call(store: &dyn Store, call: &Call) -> Result<Answer, Error> {
    Ok(match call {
        Call::Search(query) => {
            page_answer(store.search_listings(query, generate::search_now()).await?)
        }
        Call::Listing(id) => Answer::Found(store.listing(*id).await?.is_some()),
        Call::CompanyBySlug(slug) => Answer::Found(store.company_by_slug(slug).await?.is_some()),
        Call::Companies => Answer::Count(store.companies().await?.len()),
    })
}

struct Timing {
    median: Duration,
    p95: Duration,
    answer: Answer,
}

async fn time(store: &dyn Store, case: &Case, runs: usize) -> Result<Timing, Error> {
    let mut answer = call(store, &case.call).await?;
    for _ in 0..2 {
        answer = call(store, &case.call).await?;
    }
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        call(store, &case.call).await?;
        samples.push(start.elapsed());
    }
    samples.sort_unstable();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    Ok(Timing {
        median: at(0.5),
        p95: at(0.95),
        answer,
    })
}

/// Opens the store and makes sure it holds exactly this board, seeding it when empty.
async fn prepare(url: &str, board: &DemoData) -> Result<Arc<dyn Store>, Error> {
    let store = dualtrack_store::connect(url).await?;
    if store.is_empty().await? {
        let start = Instant::now();
        let summary = store.seed_demo(board).await?;
        eprintln!(
            "   seeded {} companies, {} listings, {} endorsements in {:.1} s",
            summary.companies,
            summary.listings,
            summary.endorsements,
            start.elapsed().as_secs_f64()
        );
    }
    let total = store
        .search_listings(&ListingQuery::default(), generate::search_now())
        .await?
        .facets
        .total();
    if total != board.listings.len() as u64 {
        return Err(format!(
            "{} holds {total} listings, not {}; rerun with --fresh",
            dualtrack_store::redact(url),
            board.listings.len()
        )
        .into());
    }
    Ok(store)
}

async fn sqlite_store(path: &str, board: &DemoData, fresh: bool) -> Result<Arc<dyn Store>, Error> {
    if fresh {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
    let url = format!("sqlite://{path}");
    let store = prepare(&url, board).await?;
    let mut conn = SqliteConnection::connect(&url).await?;
    let version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await?;
    eprintln!("   SQLite {version}, file {path}");
    Ok(store)
}

async fn postgres_store(
    admin_url: &str,
    name: &str,
    board: &DemoData,
    fresh: bool,
) -> Result<Arc<dyn Store>, Error> {
    let mut admin = PgConnection::connect(admin_url).await?;
    if fresh {
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await?;
    }
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(name)
            .fetch_one(&mut admin)
            .await?;
    if !exists {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await?;
    }
    let mut url = url::Url::parse(admin_url)?;
    url.set_path(&format!("/{name}"));
    let url = url.to_string();
    let store = prepare(&url, board).await?;
    // Fresh statistics, as autovacuum would gather shortly after a bulk load.
    let mut conn = PgConnection::connect(&url).await?;
    sqlx::query("ANALYZE").execute(&mut conn).await?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&mut conn)
        .await?;
    eprintln!("   PostgreSQL {version}, database {name}");
    Ok(store)
}

fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let options = options()?;
    eprintln!(
        "== generating {} companies and {} listings",
        options.companies, options.listings
    );
    let board = generate::board(options.companies, options.listings, 20_250_630);
    let cases = cases(&board);

    let mut backends: Vec<(&str, Arc<dyn Store>)> = Vec::new();
    if let Some(path) = &options.sqlite {
        eprintln!("== SQLite");
        backends.push(("SQLite", sqlite_store(path, &board, options.fresh).await?));
    }
    if let Some(admin) = &options.postgres_admin {
        eprintln!("== PostgreSQL");
        let store = postgres_store(admin, &options.pg_database, &board, options.fresh).await?;
        backends.push(("PostgreSQL", store));
    }

    let mut results: Vec<Vec<Timing>> = Vec::new();
    for (name, store) in &backends {
        eprintln!(
            "== timing {} queries on {name}, {} runs each",
            cases.len(),
            options.runs
        );
        let mut timings = Vec::new();
        for case in &cases {
            timings.push(time(store.as_ref(), case, options.runs).await?);
        }
        results.push(timings);
    }

    let names: Vec<&str> = backends.iter().map(|(n, _)| *n).collect();
    let mut header = vec!["query".to_owned(), "matches".to_owned()];
    for name in &names {
        header.push(format!("{name} p50 ms"));
        header.push(format!("{name} p95 ms"));
    }
    if names.len() == 2 {
        header.push(format!("{} / {}", names[1], names[0]));
    }
    println!(
        "{} companies, {} listings, {} timed runs per query\n",
        options.companies, options.listings, options.runs
    );
    println!("| {} |", header.join(" | "));
    println!("|{}", header.iter().map(|_| " --- |").collect::<String>());
    let mut disagreements = 0;
    let mut slow = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let mut row = vec![case.name.to_owned(), results[0][index].answer.matches()];
        for (backend, timings) in results.iter().enumerate() {
            let timing = &timings[index];
            row.push(ms(timing.median));
            row.push(ms(timing.p95));
            if timing.median > Duration::from_millis(50) {
                slow.push(format!("{} on {}", case.name, names[backend]));
            }
        }
        if results.len() == 2 {
            let ratio = results[1][index].median.as_secs_f64()
                / results[0][index].median.as_secs_f64().max(1e-9);
            row.push(format!("{ratio:.2}"));
            if results[0][index].answer != results[1][index].answer {
                disagreements += 1;
                eprintln!("!! the backends disagree on `{}`", case.name);
            }
        }
        println!("| {} |", row.join(" | "));
    }
    println!();
    if results.len() == 2 {
        if disagreements == 0 {
            println!("Both backends returned the same pages and facet counts for every query.");
        } else {
            println!("{disagreements} queries got different answers from the two backends.");
        }
    }
    if slow.is_empty() {
        println!("Every median is under 50 ms.");
    } else {
        println!("Median over 50 ms: {}.", slow.join("; "));
    }
    if disagreements > 0 {
        return Err("the backends disagree".into());
    }
    Ok(())
}
