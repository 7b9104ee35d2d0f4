//! Integration tests of the assessment engine: one test binary, one module per concern under
//! `tests/test/`.

#![allow(clippy::unwrap_used)] // reason: integration tests fail by panicking; their helpers unwrap like the tests

mod test {
    mod common;

    mod errors;
    mod properties;
    mod render;
    mod verdict;
}
