//! The store story, told once and run against every backend: SQLite on a temporary file
//! always, PostgreSQL when `DUALTRACK_TEST_POSTGRES_URL` points at a server we may create
//! databases on. Expected search results come from a small in-memory model of the demo data,
//! so both backends are checked against the same independent answer.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    pub mod harness;
    pub mod index;
    pub mod ladders;
    pub mod model;
    pub mod people;
    pub mod postings;
    pub mod search;
    pub mod story;
    pub mod trials;
    pub mod urls;
    pub mod verification;
}
