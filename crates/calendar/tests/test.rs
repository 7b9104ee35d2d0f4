//! Integration tests of dualtrack-calendar: one test binary, one module per area under
//! `tests/test/`.

mod test {
    mod analyze;
    mod awkward;
    mod conformance;
    mod expand;
}
