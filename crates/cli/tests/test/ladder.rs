//! `dualtrack ladder` end to end.

#[allow(unused_imports)] // reason: filled in by the ladder issue
use super::common::*;
