//! Integration tests of the `dualtrack` binary: one test binary, one module per command.

mod common;

mod assess;
mod calendar;
mod decide;
mod ladder;
