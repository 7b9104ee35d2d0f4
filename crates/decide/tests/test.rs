//! Integration tests of dualtrack-decide: one test binary, one module per area under
//! `tests/test/`.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    mod common;

    mod report;
    mod switchback;
}
