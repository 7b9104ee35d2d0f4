//! `dualtrack assess` end to end.

#[allow(unused_imports)] // reason: filled in by the assess issue
use super::common::*;
