//! Integration tests of dualtrack-trial: one test binary, one module per area under
//! `tests/test/`.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    mod common;

    mod export;
    mod ics;
    mod markdown;
    mod properties;
    mod rules;
    mod seeds;
    mod story;
}
