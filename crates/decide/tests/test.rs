//! Integration tests of dualtrack-decide: one test binary, one module per area under
//! `tests/test/`.

mod test {
    mod common;

    mod report;
    mod switchback;
}
