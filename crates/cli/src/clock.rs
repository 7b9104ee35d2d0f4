//! The clock, which only the shell reads: engines take "today" as a value.

use chrono::{Local, NaiveDate};

/// Today in the local zone; `DUALTRACK_TODAY` (YYYY-MM-DD) pins it for tests and reruns.
pub fn today() -> NaiveDate {
    std::env::var("DUALTRACK_TODAY")
        .ok()
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| Local::now().date_naive())
}
