//! Handler tests: the whole application over a temporary SQLite store, driven in-process with
//! `tower::ServiceExt::oneshot`.

mod test {
    pub mod common;

    mod accounts;
    mod assess;
    mod basics;
    mod board;
    mod calendar;
    mod decision;
    mod hostile;
    mod ladder;
    mod openapi;
    mod postings;
    mod unavailable;
}
