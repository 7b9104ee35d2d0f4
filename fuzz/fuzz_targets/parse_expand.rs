//! Fuzz target: any bytes -> parse -> expand over a year. Must never panic, hang or blow up
//! memory; the caps below are small so slow paths show up as timeouts quickly.
#![no_main]

use chrono::NaiveDate;
use dualtrack_calendar::{ExpandWindow, Limits, expand, parse_with_limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_bytes: 1 << 20,
        max_instances_per_series: 2_000,
        max_candidates_per_series: 200_000,
        max_occurrences: 20_000,
        ..Limits::default()
    };
    let Ok(cal) = parse_with_limits(data, "fuzz.ics", &limits) else {
        return;
    };
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(2024, 1, 1),
        NaiveDate::from_ymd_opt(2025, 1, 1),
    ) else {
        return;
    };
    let window = ExpandWindow {
        from,
        to,
        tz: chrono_tz::Europe::Berlin,
    };
    let exp = expand(std::slice::from_ref(&cal), &window, &limits);
    assert!(exp.occurrences.len() <= limits.max_occurrences);
});
