//! Integration tests of dualtrack-trial: one test binary, one module per area under
//! `tests/test/`.

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
