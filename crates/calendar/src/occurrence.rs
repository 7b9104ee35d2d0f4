//! One expanded instance of a calendar event: the boundary between expansion and analysis.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};

/// A point in time as a calendar states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventTime {
    /// A whole day (`VALUE=DATE`).
    Date(NaiveDate),
    /// A wall-clock time with no zone; read it in the analysis zone.
    Floating(NaiveDateTime),
    /// An absolute instant, with the offset of the zone the event was written in.
    Zoned(DateTime<FixedOffset>),
}

impl Serialize for EventTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventTime::Date(d) => serializer.collect_str(&d.format("%Y-%m-%d")),
            EventTime::Floating(t) => serializer.collect_str(&t.format("%Y-%m-%dT%H:%M:%S")),
            EventTime::Zoned(t) => {
                serializer.collect_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            }
        }
    }
}

/// `STATUS` of an event or instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

/// The owner's (or any attendee's) participation status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PartStat {
    #[default]
    NeedsAction,
    Accepted,
    Declined,
    Tentative,
    Delegated,
}

/// One attendee of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    /// Lower-cased address without `mailto:`.
    pub email: String,
    pub partstat: PartStat,
    /// `CUTYPE=ROOM` / `RESOURCE` attendees are not people and are not counted as such.
    pub is_resource: bool,
}

/// One occurrence inside the expansion window.
///
/// The text and lists are shared with the parsed event (`Arc`), not copied: a series with
/// thousands of instances, or a file with hundreds of thousands of events, would otherwise
/// hold each title and attendee list once per occurrence. They serialise as plain strings and
/// arrays.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    pub uid: Arc<str>,
    /// Set for instances of a recurring series (the original start of this instance).
    pub recurrence_id: Option<EventTime>,
    pub start: EventTime,
    pub end: EventTime,
    pub all_day: bool,
    pub summary: Option<Arc<str>>,
    pub status: EventStatus,
    /// `TRANSP:TRANSPARENT`: shown as free.
    pub transparent: bool,
    /// Lower-cased organiser address without `mailto:`.
    pub organizer: Option<Arc<str>>,
    pub attendees: Arc<[Attendee]>,
    /// True when the occurrence comes from an RRULE/RDATE series.
    pub recurring: bool,
    pub categories: Arc<[String]>,
    /// Vendor event kind when the export states one (e.g. Google's focus-time marker,
    /// `X-MICROSOFT-CDO-BUSYSTATUS`), lower-cased.
    pub event_kind: Option<Arc<str>>,
    /// 1-based line of the VEVENT's `BEGIN` in its source file.
    pub line: usize,
}

impl EventTime {
    /// This time as an instant in `tz`: zoned times are converted, floating times are read
    /// as wall-clock time in `tz`, and dates mean local midnight in `tz`.
    ///
    /// A wall-clock time that falls in a DST gap moves forward by the gap (RFC 5545 3.3.5);
    /// one that occurs twice takes the first.
    pub fn in_tz(&self, tz: Tz) -> DateTime<Tz> {
        match self {
            EventTime::Zoned(t) => t.with_timezone(&tz),
            EventTime::Floating(t) => local_in(tz, *t),
            EventTime::Date(d) => local_in(tz, d.and_time(chrono::NaiveTime::MIN)),
        }
    }

    /// The calendar date of this time in `tz`.
    pub fn date_in(&self, tz: Tz) -> NaiveDate {
        match self {
            EventTime::Date(d) => *d,
            other => other.in_tz(tz).date_naive(),
        }
    }
}

/// Read a wall-clock time in `tz`, resolving DST gaps and folds the RFC 5545 way.
pub(crate) fn local_in(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(first, _) => first,
        LocalResult::None => {
            // Inside a gap: read with the offset in force just before it, which lands the
            // instant after the gap by exactly the gap's length.
            let before = tz.offset_from_utc_datetime(&(local - chrono::Duration::hours(12)));
            let offset = chrono::Offset::fix(&before);
            let utc = local - chrono::Duration::seconds(i64::from(offset.local_minus_utc()));
            tz.from_utc_datetime(&utc)
        }
    }
}

impl Occurrence {
    /// Start as an instant in `tz` (see [`EventTime::in_tz`]).
    pub fn start_in(&self, tz: Tz) -> DateTime<Tz> {
        self.start.in_tz(tz)
    }

    /// End as an instant in `tz` (see [`EventTime::in_tz`]); all-day ends are exclusive
    /// midnights.
    pub fn end_in(&self, tz: Tz) -> DateTime<Tz> {
        self.end.in_tz(tz)
    }
}
