//! Builders for hand-made occurrences and options.

use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use dualtrack_calendar::analysis::{Context, analyze_occurrences};
use dualtrack_calendar::{
    Analysis, AnalyzeOptions, Attendee, EventStatus, EventTime, Occurrence, PartStat,
};
use dualtrack_framework::Framework;

pub const ME: &str = "me@acme.com";

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn local(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(hh, mm, 0).unwrap()
}

/// A zoned time with an explicit UTC offset in hours.
pub fn zoned(t: NaiveDateTime, offset_hours: i32) -> EventTime {
    let off = FixedOffset::east_opt(offset_hours * 3600).unwrap();
    let t: DateTime<FixedOffset> = off.from_local_datetime(&t).single().unwrap();
    EventTime::Zoned(t)
}

/// A wall-clock time read in `tz`, stated with whatever offset `tz` has then.
pub fn in_zone(tz: Tz, t: NaiveDateTime) -> EventTime {
    let t = tz.from_local_datetime(&t).earliest().unwrap();
    EventTime::Zoned(t.fixed_offset())
}

/// An occurrence builder; defaults to a confirmed meeting between the owner and a colleague.
#[derive(Debug, Clone)]
pub struct Occ(pub Occurrence);

impl Occ {
    pub fn new(summary: &str, start: EventTime, end: EventTime) -> Self {
        Occ(Occurrence {
            uid: format!("{summary}@test").into(),
            recurrence_id: None,
            start,
            end,
            all_day: matches!(start, EventTime::Date(_)),
            summary: Some(summary.into()),
            status: EventStatus::Confirmed,
            transparent: false,
            organizer: Some(ME.into()),
            attendees: vec![
                person(ME, PartStat::Accepted),
                person("ana@acme.com", PartStat::Accepted),
            ]
            .into(),
            recurring: false,
            categories: Arc::from([]),
            event_kind: None,
            line: 1,
        })
    }

    /// A floating meeting lasting `minutes`.
    pub fn floating(summary: &str, start: NaiveDateTime, minutes: i64) -> Self {
        Occ::new(
            summary,
            EventTime::Floating(start),
            EventTime::Floating(start + Duration::minutes(minutes)),
        )
    }

    /// An all-day event over `days` days.
    pub fn all_day(summary: &str, first: NaiveDate, days: u64) -> Self {
        let mut o = Occ::new(
            summary,
            EventTime::Date(first),
            EventTime::Date(first + chrono::Days::new(days)),
        );
        o.0.attendees = Arc::from([]);
        o.0.transparent = true;
        o
    }

    pub fn people(mut self, emails: &[&str]) -> Self {
        self.0.attendees = emails
            .iter()
            .map(|e| person(e, PartStat::Accepted))
            .collect();
        self
    }

    pub fn alone(mut self) -> Self {
        self.0.attendees = Arc::from([]);
        self
    }

    pub fn my_answer(mut self, p: PartStat) -> Self {
        let mut attendees = self.0.attendees.to_vec();
        for a in &mut attendees {
            if a.email == ME {
                a.partstat = p;
            }
        }
        self.0.attendees = attendees.into();
        self
    }

    pub fn status(mut self, s: EventStatus) -> Self {
        self.0.status = s;
        self
    }

    pub fn free(mut self) -> Self {
        self.0.transparent = true;
        self
    }

    pub fn kind(mut self, k: &str) -> Self {
        self.0.event_kind = Some(k.into());
        self
    }

    pub fn recurring(mut self) -> Self {
        self.0.recurring = true;
        self
    }
}

pub fn person(email: &str, partstat: PartStat) -> Attendee {
    Attendee {
        email: email.to_owned(),
        partstat,
        is_resource: false,
    }
}

/// Options for a window in `tz`, with the owner named.
pub fn options(from: NaiveDate, to: NaiveDate, tz: Tz) -> AnalyzeOptions {
    let mut o = AnalyzeOptions::new(from, to);
    o.tz = Some(tz);
    o.owner = Some(ME.to_owned());
    o
}

pub fn run(occ: &[Occ], options: &AnalyzeOptions) -> Analysis {
    let occ: Vec<Occurrence> = occ.iter().map(|o| o.0.clone()).collect();
    let fw = Framework::embedded().unwrap();
    let a = analyze_occurrences(&occ, &Context::default(), options, &fw).unwrap();
    super::assert_consistent(&a);
    a
}
