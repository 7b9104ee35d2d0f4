//! `dualtrack calendar` end to end.

#[allow(unused_imports)] // reason: filled in by the calendar issue
use super::common::*;
