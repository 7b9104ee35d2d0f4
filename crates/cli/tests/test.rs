//! Integration tests of the `dualtrack` binary: one test binary, one module per command.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

// The modules live in `tests/test/`; the crate root resolves child modules beside itself, so
// they are declared inside a `test` module.
mod test {
    mod common;

    mod admin;
    mod architecture;
    mod assess;
    pub mod calendar;
    mod calendar_honesty;
    mod decide;
    mod jobs;
    mod jobs_postings;
    mod ladder;
    mod pipe;
    mod serve;
    mod sources;
    pub mod trial;
    mod trial_exchange;
    mod trial_honesty;
}
