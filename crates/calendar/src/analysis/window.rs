//! The analysis window and the working time inside it, as absolute instants.
//!
//! Working hours are wall-clock hours in the analysis zone, so a 09:00-17:00 day is eight real
//! hours on an ordinary day, and a 00:00-24:00 day is 23 or 25 hours on a clock-change day.

use std::collections::BTreeSet;

use chrono::{Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

use super::intervals::Span;
use super::options::{WorkDays, WorkHours};
use crate::occurrence::EventTime;

/// One working day: its date in the analysis zone and its working hours as instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkDay {
    pub date: NaiveDate,
    pub span: Span,
}

/// The instant a wall-clock time names in `tz`.
///
/// When the clock goes back and a time happens twice, the first one counts (the earlier
/// reading is when that time first arrives). When the clock jumps forward over it, the
/// instant the clock jumps is used: the first moment that exists at or after it.
pub fn local_instant(tz: Tz, local: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp(),
        LocalResult::None => {
            // Walk forward whole minutes (zone changes happen on whole minutes) to the first
            // time that exists; gaps last an hour or less, a skipped day is 1,440 steps.
            let mut probe = local.with_second(0).unwrap_or(local);
            for _ in 0..(2 * 1440) {
                probe += Duration::minutes(1);
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    tz.from_local_datetime(&probe)
                {
                    return t.timestamp();
                }
            }
            local.and_utc().timestamp()
        }
    }
}

/// Local midnight at the start of `date`.
pub fn day_start(tz: Tz, date: NaiveDate) -> i64 {
    local_instant(tz, date.and_time(NaiveTime::MIN))
}

/// The window `[from 00:00, to 00:00)` in `tz`.
pub fn window_span(tz: Tz, from: NaiveDate, to: NaiveDate) -> Span {
    Span::new(day_start(tz, from), day_start(tz, to))
}

/// An event time as an instant: floating times and dates are read in `tz`.
pub fn event_instant(tz: Tz, t: &EventTime) -> i64 {
    match t {
        EventTime::Zoned(t) => t.timestamp(),
        EventTime::Floating(t) => local_instant(tz, *t),
        EventTime::Date(d) => day_start(tz, *d),
    }
}

/// The date an event time falls on (for all-day events).
pub fn event_date(tz: Tz, t: &EventTime) -> NaiveDate {
    match t {
        EventTime::Date(d) => *d,
        EventTime::Floating(t) => t.date(),
        EventTime::Zoned(t) => t.with_timezone(&tz).date_naive(),
    }
}

/// Every working day in `[from, to)`: a working weekday and not taken off.
pub fn working_days(
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
    hours: WorkHours,
    days: WorkDays,
    off: &BTreeSet<NaiveDate>,
) -> Vec<WorkDay> {
    from.iter_days()
        .take_while(|d| *d < to)
        .filter(|d| days.contains(chrono::Datelike::weekday(d)) && !off.contains(d))
        .filter_map(|date| {
            let start = local_instant(tz, date.and_time(hours.start));
            let end = match hours.end {
                Some(end) if end > hours.start => local_instant(tz, date.and_time(end)),
                // A night shift, or an end of 24:00: the end is on the next day.
                Some(end) => local_instant(tz, date.succ_opt()?.and_time(end)),
                None => local_instant(tz, date.succ_opt()?.and_time(NaiveTime::MIN)),
            };
            let span = Span::new(start, end);
            (!span.is_empty()).then_some(WorkDay { date, span })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn working_hours_follow_the_wall_clock_across_clock_changes() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let all: WorkHours = "00:00-24:00".parse().unwrap();
        let every: WorkDays = "mon-sun".parse().unwrap();
        let none = BTreeSet::new();
        // 2026-03-29: clocks go forward, a 23-hour day; 2026-10-25: back, a 25-hour day.
        let spring = working_days(tz, date(2026, 3, 29), date(2026, 3, 30), all, every, &none);
        assert_eq!(spring[0].span.len(), 23 * 3600);
        let autumn = working_days(
            tz,
            date(2026, 10, 25),
            date(2026, 10, 26),
            all,
            every,
            &none,
        );
        assert_eq!(autumn[0].span.len(), 25 * 3600);
        let nine_to_five = WorkHours::default();
        let spring = working_days(
            tz,
            date(2026, 3, 29),
            date(2026, 3, 30),
            nine_to_five,
            every,
            &none,
        );
        assert_eq!(spring[0].span.len(), 8 * 3600);
        // 09:00 in Berlin after the change is 07:00 UTC.
        assert_eq!(spring[0].span.start % 86_400, 7 * 3600);
    }

    #[test]
    fn a_skipped_wall_clock_time_starts_when_the_clock_jumps() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let in_gap = date(2026, 3, 29).and_hms_opt(2, 30, 0).unwrap();
        let jump = date(2026, 3, 29)
            .and_hms_opt(1, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(local_instant(tz, in_gap), jump);
        let repeated = date(2026, 10, 25).and_hms_opt(2, 30, 0).unwrap();
        let first = date(2026, 10, 25)
            .and_hms_opt(0, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(local_instant(tz, repeated), first);
    }

    #[test]
    fn weekends_and_days_off_are_not_working_days() {
        let off: BTreeSet<_> = [date(2026, 1, 7)].into();
        let days = working_days(
            Tz::UTC,
            date(2026, 1, 5),
            date(2026, 1, 12),
            WorkHours::default(),
            WorkDays::default(),
            &off,
        );
        let dates: Vec<_> = days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2026-01-05", "2026-01-06", "2026-01-08", "2026-01-09"]
        );
    }

    #[test]
    fn night_shifts_end_on_the_next_day() {
        let h: WorkHours = "22:00-06:00+1".parse().unwrap();
        let days = working_days(
            Tz::UTC,
            date(2026, 1, 5),
            date(2026, 1, 6),
            h,
            WorkDays::default(),
            &BTreeSet::new(),
        );
        assert_eq!(days[0].span.len(), 8 * 3600);
    }
}
