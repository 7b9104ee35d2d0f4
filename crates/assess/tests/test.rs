//! Integration tests of the assessment engine: one test binary, one module per concern under
//! `tests/test/`.

mod test {
    mod common;

    mod errors;
    mod properties;
    mod render;
    mod verdict;
}
