//! The window used when the caller gives none, and the span of the file's busy events.
//!
//! "The last four weeks" measured from today is wrong for most exports: a file exported a while
//! ago, or one whose owner moved calendars, has nothing in them, and an empty window looks like
//! an IC's week. So the default is the four full weeks up to the most recent week, on or
//! before today, that holds busy time in the file. Today comes from the shell; the engine
//! never reads the clock.

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::occurrence::{EventStatus, Occurrence, PartStat};
use crate::recur::Until;
use crate::{Calendar, ExpandWindow, Limits, WarningKind, expand};

/// Weeks in the default window.
pub const DEFAULT_WEEKS: u64 = 4;
/// How far back one probe expansion looks.
const PROBE_DAYS: u64 = 8 * 7;
/// Most probes before giving up (about nine years of eight-week steps back from the latest day any event reaches); each is bounded by
/// [`Limits`], so this bounds the whole search on hostile input.
const MAX_PROBES: usize = 60;

/// How the analysed window was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WindowSource {
    /// Both ends were given.
    Given,
    /// Only the start was given: four weeks from it.
    FromGiven,
    /// Only the end was given: four weeks up to it.
    ToGiven,
    /// Neither: the four full weeks up to the last week with busy time (a guess).
    LastBusyWeeks,
    /// Neither, and the file has no busy time on or before today: the four weeks before this
    /// one (a guess that will find nothing to measure).
    RecentWeeks,
}

impl WindowSource {
    /// True when the window was not chosen by the user.
    pub fn is_guess(self) -> bool {
        matches!(
            self,
            WindowSource::LastBusyWeeks | WindowSource::RecentWeeks
        )
    }
}

/// First and last day with a busy event in the file (the last one on or before today).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct EventSpan {
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// The Monday of `day`'s ISO week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

/// `[from, to)` from what was given; `None` when neither end was.
pub fn given_window(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate, WindowSource)> {
    let weeks = Days::new(DEFAULT_WEEKS * 7);
    match (from, to) {
        (Some(f), Some(t)) => Some((f, t, WindowSource::Given)),
        (Some(f), None) => Some((
            f,
            f.checked_add_days(weeks).unwrap_or(f),
            WindowSource::FromGiven,
        )),
        (None, Some(t)) => Some((
            t.checked_sub_days(weeks).unwrap_or(t),
            t,
            WindowSource::ToGiven,
        )),
        (None, None) => None,
    }
}

/// The four full weeks ending with the week that holds `last_busy`.
pub fn weeks_up_to(last_busy: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = monday_of(last_busy);
    let to = monday.checked_add_days(Days::new(7)).unwrap_or(monday);
    let from = to
        .checked_sub_days(Days::new(DEFAULT_WEEKS * 7))
        .unwrap_or(to);
    (from, to)
}

/// The four weeks before `today`'s week.
pub fn recent_weeks(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let to = monday_of(today);
    let from = to
        .checked_sub_days(Days::new(DEFAULT_WEEKS * 7))
        .unwrap_or(to);
    (from, to)
}

/// Counts as busy time when choosing a window: timed, not cancelled, not shown as free, not
/// declined by the owner. (The analysis' own rules refine this; a window only needs a hint.)
pub fn looks_busy(occ: &Occurrence, owner: Option<&str>) -> bool {
    !occ.all_day
        && !occ.transparent
        && occ.status != EventStatus::Cancelled
        && !owner.is_some_and(|o| {
            occ.attendees
                .iter()
                .any(|a| a.email == o && a.partstat == PartStat::Declined)
        })
}

/// The span of busy events in `calendars`: the first event's start date, and the last day
/// with a busy occurrence on or before `last_allowed` (searched by bounded expansions
/// stepping back from the latest date any event could reach).
pub fn busy_span(
    calendars: &[Calendar],
    tz: Tz,
    last_allowed: NaiveDate,
    owner: Option<&str>,
    limits: &Limits,
) -> EventSpan {
    let mut first: Option<NaiveDate> = None;
    let mut reach: Option<NaiveDate> = None;
    for event in calendars.iter().flat_map(|c| &c.events) {
        if event.status == EventStatus::Cancelled || event.transparent || event.start.is_date() {
            continue;
        }
        let start = event.start.to_event_time().date_in(tz);
        first = Some(first.map_or(start, |f| f.min(start)));
        let last = if event.rrules.is_empty() && event.rdates.is_empty() {
            Some(start)
        } else if event.rdates.is_empty() && event.rrules.iter().all(|r| r.until.is_some()) {
            event
                .rrules
                .iter()
                .filter_map(|r| r.until.as_ref())
                .map(|u| match u {
                    Until::Date(d) => *d,
                    Until::Local(t) | Until::Utc(t) => t.date(),
                })
                .max()
        } else {
            // Open-ended, counted or RDATE series: it may reach any day.
            Some(last_allowed)
        };
        if let Some(last) = last {
            reach = Some(reach.map_or(last, |r| r.max(last)));
        }
    }
    let (Some(first), Some(reach)) = (first, reach) else {
        return EventSpan::default();
    };
    let mut probe_to = reach.min(last_allowed).succ_opt().unwrap_or(reach);
    for _ in 0..MAX_PROBES {
        if probe_to <= first {
            break;
        }
        let probe_from = probe_to
            .checked_sub_days(Days::new(PROBE_DAYS))
            .unwrap_or(first)
            .max(first);
        let window = ExpandWindow {
            from: probe_from,
            to: probe_to,
            tz,
        };
        let expansion = expand(calendars, &window, limits);
        // A probe that ran into a bound would cost as much again on every step back; stop.
        let bounded = expansion.warnings.iter().any(|w| {
            matches!(
                w.kind,
                WarningKind::IteratorGaveUp | WarningKind::TotalCapped
            )
        });
        let found = expansion
            .occurrences
            .iter()
            .filter(|o| looks_busy(o, owner))
            .map(|o| o.start.date_in(tz))
            .filter(|d| *d < probe_to && *d >= probe_from)
            .max();
        if let Some(last) = found {
            return EventSpan {
                first: Some(first),
                last: Some(last),
            };
        }
        if bounded {
            break;
        }
        probe_to = probe_from;
    }
    EventSpan {
        first: Some(first),
        last: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn four_full_weeks_end_with_the_last_busy_week() {
        // 2014-03-12 is a Wednesday; its week ends on Sunday the 16th.
        let (from, to) = weeks_up_to(d(2014, 3, 12));
        assert_eq!((from, to), (d(2014, 2, 17), d(2014, 3, 17)));
        let (from, to) = recent_weeks(d(2026, 3, 12));
        assert_eq!((from, to), (d(2026, 2, 9), d(2026, 3, 9)));
    }

    #[test]
    fn one_given_end_gives_four_weeks_from_it() {
        let (f, t, s) = given_window(Some(d(2026, 1, 5)), None).unwrap();
        assert_eq!(
            (f, t, s),
            (d(2026, 1, 5), d(2026, 2, 2), WindowSource::FromGiven)
        );
        let (f, _, s) = given_window(None, Some(d(2026, 2, 2))).unwrap();
        assert_eq!((f, s), (d(2026, 1, 5), WindowSource::ToGiven));
        assert!(given_window(None, None).is_none());
    }

    #[test]
    fn the_span_finds_the_last_busy_day_of_an_old_file() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20100104T100000Z\r\n\
                   DTEND:20100104T110000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=20140312T235959Z\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20200101T100000Z\r\nDTEND:20200101T110000Z\r\n\
                   TRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cal = crate::parse(ics.as_bytes(), "t.ics").unwrap();
        let span = busy_span(&[cal], Tz::UTC, d(2026, 11, 29), None, &Limits::default());
        assert_eq!(span.first, Some(d(2010, 1, 4)));
        // Weekly on Mondays until 12 March 2014: the last one is Monday 10 March.
        assert_eq!(span.last, Some(d(2014, 3, 10)));
    }
}
