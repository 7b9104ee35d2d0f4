//! Handler tests: the whole application over a temporary SQLite store, driven in-process with
//! `tower::ServiceExt::oneshot`.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    pub mod common;

    pub mod accounts;
    mod admin;
    mod assess;
    mod basics;
    mod board;
    mod calendar;
    mod decision;
    mod endorsements;
    mod floods;
    pub mod hostile;
    mod ladder;
    mod listing_exports;
    mod openapi;
    pub mod postings;
    mod smtp;
    mod trial;
    mod trial_api;
    mod trial_refusals;
    mod unavailable;
}
