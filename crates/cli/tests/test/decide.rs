//! `dualtrack decide` end to end.

#[allow(unused_imports)] // reason: filled in by the decide issue
use super::common::*;
