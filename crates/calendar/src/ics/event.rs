//! One parsed `VEVENT`, built from calcard's component with every value checked.

use calcard::icalendar::{
    ICalendarComponent, ICalendarEntry, ICalendarParameterName, ICalendarParameterValue,
    ICalendarParticipationStatus, ICalendarPeriod, ICalendarProperty, ICalendarStatus,
    ICalendarTransparency, ICalendarUserTypes, ICalendarValue,
};
use std::sync::Arc;

use chrono::NaiveDateTime;

use super::lexer::PropLine;
use super::stamp::{Dur, Stamp};
use crate::parse_zones::ZoneTable;
use crate::recur::Rule;
use crate::{Attendee, EventStatus, EventTime, PartStat, SkippedLine, Warning, WarningKind};

/// How an event's end is stated.
#[derive(Debug, Clone)]
pub(crate) enum EndSpec {
    End(Stamp),
    Duration(Dur),
    /// Neither DTEND nor DURATION: one day for a date, zero for a date-time (RFC 5545 3.6.1).
    Default,
}

/// One RDATE value: a start, and an end when written as a PERIOD.
#[derive(Debug, Clone)]
pub(crate) struct RDate {
    pub start: Stamp,
    pub end: Option<EndSpec>,
}

/// One `VEVENT` as parsed: a single event, a recurring master, or an override of one instance.
#[derive(Debug, Clone)]
pub struct Event {
    /// `UID`; empty when the event has none (it is then never merged with another).
    pub uid: Arc<str>,
    /// 1-based line of the `BEGIN:VEVENT`.
    pub line: usize,
    // Text and lists are `Arc`s so every occurrence of the event shares them.
    pub summary: Option<Arc<str>>,
    pub status: EventStatus,
    pub transparent: bool,
    pub organizer: Option<Arc<str>>,
    pub attendees: Arc<[Attendee]>,
    pub categories: Arc<[String]>,
    pub event_kind: Option<Arc<str>>,
    pub sequence: i64,
    /// LAST-MODIFIED, else DTSTAMP (UTC), to choose between duplicates.
    pub(crate) modified: Option<NaiveDateTime>,
    pub(crate) start: Stamp,
    pub(crate) end: EndSpec,
    pub(crate) rrules: Vec<Rule>,
    pub(crate) exrules: Vec<Rule>,
    pub(crate) rdates: Vec<RDate>,
    pub(crate) exdates: Vec<Stamp>,
    pub(crate) recurrence_id: Option<Stamp>,
    pub(crate) this_and_future: bool,
}

impl Event {
    /// DTSTART as written.
    pub fn start(&self) -> EventTime {
        self.start.to_event_time()
    }

    /// True for a series master (RRULE or RDATE).
    pub fn is_recurring(&self) -> bool {
        !self.rrules.is_empty() || !self.rdates.is_empty()
    }

    /// `RECURRENCE-ID` of an override.
    pub fn recurrence_id(&self) -> Option<EventTime> {
        self.recurrence_id.as_ref().map(Stamp::to_event_time)
    }
}

/// Where problems found while building one event go.
pub(crate) struct Sink<'s> {
    pub source: &'s str,
    pub skipped: &'s mut Vec<SkippedLine>,
    pub warnings: &'s mut Vec<Warning>,
    pub zones: &'s mut ZoneTable,
}

impl Sink<'_> {
    fn skip(&mut self, line: usize, reason: String) {
        self.skipped.push(SkippedLine {
            source: self.source.to_string(),
            line,
            reason,
        });
    }

    fn warn(&mut self, kind: WarningKind, line: usize, uid: &str, message: String) {
        self.warnings.push(Warning {
            kind,
            source: self.source.to_string(),
            line,
            uid: (!uid.is_empty()).then(|| uid.to_string()),
            message,
        });
    }
}

/// Build an event from `comp`, whose direct properties are `props` (same order, from the
/// line pass). `Err` is the line and reason the whole event is left out.
pub(crate) fn build(
    comp: &ICalendarComponent,
    props: &[PropLine],
    line: usize,
    sink: &mut Sink<'_>,
) -> Result<Event, (usize, String)> {
    // calcard and the line pass see the same property lines; if they ever disagree, fall back
    // to the event's own line rather than point at the wrong one.
    // calcard and the line pass see the same property lines in the same order; if they ever
    // disagree, the event's own line is used rather than pointing at the wrong one.
    let aligned = comp.entries.len() == props.len()
        && comp
            .entries
            .iter()
            .zip(props)
            .all(|(e, p)| e.name.as_str().eq_ignore_ascii_case(&p.name));
    let line_of = |i: usize| {
        if aligned {
            props.get(i).map_or(line, |p| p.line)
        } else {
            line
        }
    };
    let raw_of = |i: usize| {
        if aligned {
            props.get(i).and_then(|p| p.raw_value.clone())
        } else {
            None
        }
    };
    let uid = comp
        .entries
        .iter()
        .find(|e| e.name == ICalendarProperty::Uid)
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_text)
        .map(|s| Arc::from(s.trim()))
        .unwrap_or_else(|| Arc::from(""));
    let mut attendees = Vec::new();
    let mut categories = Vec::new();
    let mut ev = Event {
        uid,
        line,
        summary: None,
        status: EventStatus::Confirmed,
        transparent: false,
        organizer: None,
        attendees: Arc::from([]),
        categories: Arc::from([]),
        event_kind: None,
        sequence: 0,
        modified: None,
        start: Stamp::Floating(NaiveDateTime::MIN),
        end: EndSpec::Default,
        rrules: Vec::new(),
        exrules: Vec::new(),
        rdates: Vec::new(),
        exdates: Vec::new(),
        recurrence_id: None,
        this_and_future: false,
    };
    let mut start = None;
    let mut dtstamp = None;
    let mut google_kind = None;
    let mut ms_busy = None;
    for (i, e) in comp.entries.iter().enumerate() {
        let at = line_of(i);
        match &e.name {
            ICalendarProperty::Dtstart => match stamp(e, at, sink) {
                Some(s) => start = Some(s),
                None => {
                    return Err((
                        at,
                        format!(
                            "DTSTART {} is not a date or date-time (e.g. 20240506T090000Z)",
                            shown(e)
                        ),
                    ));
                }
            },
            ICalendarProperty::Dtend => match stamp(e, at, sink) {
                Some(s) => ev.end = EndSpec::End(s),
                None => sink.skip(at, format!("DTEND {} is not a date or date-time", shown(e))),
            },
            ICalendarProperty::Duration => match e.values.first() {
                Some(ICalendarValue::Duration(d)) => ev.end = EndSpec::Duration(Dur::from_ical(d)),
                _ => sink.skip(
                    at,
                    format!("DURATION {} is not a duration (e.g. PT1H30M)", shown(e)),
                ),
            },
            ICalendarProperty::RecurrenceId => match stamp(e, at, sink) {
                Some(s) => {
                    ev.recurrence_id = Some(s);
                    ev.this_and_future = e.params.iter().any(|p| {
                        p.name == ICalendarParameterName::Range
                            && matches!(p.value, ICalendarParameterValue::Bool(true))
                    });
                }
                None => {
                    return Err((
                        at,
                        format!("RECURRENCE-ID {} is not a date or date-time", shown(e)),
                    ));
                }
            },
            ICalendarProperty::Rrule | ICalendarProperty::Exrule => {
                let rule = match e.values.first() {
                    Some(ICalendarValue::RecurrenceRule(r)) => {
                        Rule::from_calcard(r, raw_of(i).as_deref().unwrap_or("FREQ=DAILY"))
                    }
                    _ => Err(format!("{} is not a recurrence rule", shown(e))),
                };
                let rule = match rule {
                    Err(why) => match until_without_count(raw_of(i).as_deref()) {
                        Some(r) => {
                            sink.warn(
                                WarningKind::BadRecurrence,
                                at,
                                &ev.uid,
                                format!(
                                    "{}: its COUNT was dropped ({why}); COUNT may not stand \
                                     next to UNTIL (RFC 5545 3.3.10), so the rule runs until \
                                     its UNTIL",
                                    e.name.as_str()
                                ),
                            );
                            Ok(r)
                        }
                        None => Err(why),
                    },
                    ok => ok,
                };
                match (rule, &e.name) {
                    (Ok(r), ICalendarProperty::Rrule) => ev.rrules.push(r),
                    (Ok(r), _) => ev.exrules.push(r),
                    (Err(why), name) => sink.warn(
                        WarningKind::BadRecurrence,
                        at,
                        &ev.uid,
                        format!("{} ignored: {why}", name.as_str()),
                    ),
                }
            }
            ICalendarProperty::Rdate => rdates(e, at, sink, &mut ev.rdates),
            ICalendarProperty::Exdate => {
                let zone = zone_of(e, at, sink);
                for v in &e.values {
                    match v {
                        ICalendarValue::PartialDateTime(p) => {
                            match Stamp::from_partial(p, zone.as_ref()) {
                                Some(s) => ev.exdates.push(s),
                                None => sink.skip(
                                    at,
                                    "EXDATE holds an impossible date; that value was ignored"
                                        .into(),
                                ),
                            }
                        }
                        other => sink.skip(
                            at,
                            format!(
                                "EXDATE value {} is not a date or date-time; ignored",
                                value_text(other)
                            ),
                        ),
                    }
                }
            }
            ICalendarProperty::Summary => ev.summary = text(e).map(Arc::from),
            ICalendarProperty::Status => {
                ev.status = match e.values.first() {
                    Some(ICalendarValue::Status(ICalendarStatus::Cancelled)) => {
                        EventStatus::Cancelled
                    }
                    Some(ICalendarValue::Status(ICalendarStatus::Tentative)) => {
                        EventStatus::Tentative
                    }
                    _ => EventStatus::Confirmed,
                }
            }
            ICalendarProperty::Transp => {
                ev.transparent = matches!(
                    e.values.first(),
                    Some(ICalendarValue::Transparency(
                        ICalendarTransparency::Transparent
                    ))
                );
            }
            ICalendarProperty::Organizer => {
                ev.organizer = e
                    .values
                    .first()
                    .and_then(ICalendarValue::as_text)
                    .map(|a| Arc::from(address(a)))
            }
            ICalendarProperty::Attendee => {
                if let Some(a) = attendee(e) {
                    attendees.push(a);
                }
            }
            ICalendarProperty::Categories => categories.extend(
                e.values
                    .iter()
                    .filter_map(ICalendarValue::as_text)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            ),
            ICalendarProperty::Sequence => {
                ev.sequence = e
                    .values
                    .first()
                    .and_then(ICalendarValue::as_integer)
                    .unwrap_or(0)
            }
            ICalendarProperty::LastModified => ev.modified = utc_of(e),
            ICalendarProperty::Dtstamp => dtstamp = utc_of(e),
            ICalendarProperty::Other(name) => {
                let upper = name.to_ascii_uppercase();
                match upper.as_str() {
                    "X-MICROSOFT-CDO-BUSYSTATUS" => {
                        ms_busy = text(e).map(|s| s.to_ascii_lowercase())
                    }
                    "X-GOOGLE-EVENT-TYPE"
                    | "X-GOOGLE-EVENTTYPE"
                    | "X-GOOGLE-CALENDAR-EVENT-TYPE" => {
                        google_kind =
                            text(e).map(|s| s.to_ascii_lowercase().replace(['_', '-'], ""));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    ev.start = match (start, &ev.recurrence_id) {
        (Some(s), _) => s,
        (None, Some(rid)) => rid.clone(),
        (None, None) => return Err((line, "the VEVENT has no DTSTART".to_string())),
    };
    ev.modified = ev.modified.or(dtstamp);
    ev.event_kind = google_kind.or(ms_busy).map(Arc::from);
    ev.attendees = attendees.into();
    ev.categories = categories.into();
    check_end(&mut ev, sink);
    Ok(ev)
}

/// An end before the start is read with the two swapped, as the peer
/// `recurring_ical_events` does: RFC 5545 3.8.2.2 requires DTEND to be later, so the file
/// is wrong either way, and swapping keeps the event's length and time of day. A negative
/// DURATION is read the same way (the event ends at DTSTART).
fn check_end(ev: &mut Event, sink: &mut Sink<'_>) {
    let swapped = match &ev.end {
        EndSpec::End(end) => {
            let start = ev.start.to_event_time();
            let backwards = match (start, end.to_event_time()) {
                (EventTime::Date(s), EventTime::Date(e)) => e < s,
                (EventTime::Date(_), _) | (_, EventTime::Date(_)) => false,
                (s, e) => e.in_tz(chrono_tz::UTC) < s.in_tz(chrono_tz::UTC),
            };
            backwards.then(|| (end.clone(), EndSpec::End(ev.start.clone())))
        }
        EndSpec::Duration(d) if d.is_negative() => {
            let back = chrono::Duration::days(d.days) + chrono::Duration::seconds(d.secs);
            let length = Dur {
                days: -d.days,
                secs: -d.secs,
            };
            // At the very edge of the calendar nothing can be moved: keep DTSTART, no length.
            Some(match ev.start.wall().checked_add_signed(back) {
                Some(wall) => (ev.start.with_wall(wall), EndSpec::Duration(length)),
                None => (ev.start.clone(), EndSpec::Duration(Dur::default())),
            })
        }
        _ => None,
    };
    if let Some((start, end)) = swapped {
        let uid = ev.uid.clone();
        sink.warn(
            WarningKind::BadTimes,
            ev.line,
            &uid,
            "the event ends before it starts; its start and end were swapped".into(),
        );
        ev.start = start;
        ev.end = end;
    }
}

/// A refused rule read again without its COUNT, when it also has an UNTIL: the part that
/// reads still applies (the peer refuses the whole file instead).
fn until_without_count(raw: Option<&str>) -> Option<Rule> {
    Rule::parse(&crate::recur::without_count(raw?)?).ok()
}

fn zone_of(e: &ICalendarEntry, at: usize, sink: &mut Sink<'_>) -> Option<crate::timezone::Zone> {
    let tzid = e.tz_id()?;
    sink.zones.lookup(tzid, sink.source, at, sink.warnings)
}

fn stamp(e: &ICalendarEntry, at: usize, sink: &mut Sink<'_>) -> Option<Stamp> {
    let zone = zone_of(e, at, sink);
    match e.values.first()? {
        ICalendarValue::PartialDateTime(p) => Stamp::from_partial(p, zone.as_ref()),
        _ => None,
    }
}

fn rdates(e: &ICalendarEntry, at: usize, sink: &mut Sink<'_>, out: &mut Vec<RDate>) {
    let zone = zone_of(e, at, sink);
    for v in &e.values {
        let rdate = match v {
            ICalendarValue::PartialDateTime(p) => {
                Stamp::from_partial(p, zone.as_ref()).map(|start| RDate { start, end: None })
            }
            ICalendarValue::Period(ICalendarPeriod::Range { start, end }) => {
                match (
                    Stamp::from_partial(start, zone.as_ref()),
                    Stamp::from_partial(end, zone.as_ref()),
                ) {
                    (Some(start), Some(end)) => Some(RDate {
                        start,
                        end: Some(EndSpec::End(end)),
                    }),
                    _ => None,
                }
            }
            ICalendarValue::Period(ICalendarPeriod::Duration { start, duration }) => {
                Stamp::from_partial(start, zone.as_ref()).map(|start| RDate {
                    start,
                    end: Some(EndSpec::Duration(Dur::from_ical(duration))),
                })
            }
            _ => None,
        };
        match rdate {
            Some(r) => out.push(r),
            None => sink.skip(
                at,
                format!(
                    "RDATE value {} is not a date, date-time or period; ignored",
                    value_text(v)
                ),
            ),
        }
    }
}

fn attendee(e: &ICalendarEntry) -> Option<Attendee> {
    let value = e
        .values
        .first()
        .and_then(ICalendarValue::as_text)
        .map(address);
    let email = value.filter(|v| v.contains('@')).or_else(|| {
        e.parameters(&ICalendarParameterName::Email)
            .find_map(|v| v.as_text())
            .map(address)
    })?;
    let mut partstat = PartStat::NeedsAction;
    let mut is_resource = false;
    for p in &e.params {
        match &p.value {
            ICalendarParameterValue::Partstat(s) => {
                partstat = match s {
                    ICalendarParticipationStatus::Accepted => PartStat::Accepted,
                    ICalendarParticipationStatus::Declined => PartStat::Declined,
                    ICalendarParticipationStatus::Tentative => PartStat::Tentative,
                    ICalendarParticipationStatus::Delegated => PartStat::Delegated,
                    _ => PartStat::NeedsAction,
                }
            }
            ICalendarParameterValue::Cutype(t) => {
                is_resource = matches!(t, ICalendarUserTypes::Room | ICalendarUserTypes::Resource);
            }
            _ => {}
        }
    }
    Some(Attendee {
        email,
        partstat,
        is_resource,
    })
}

/// `mailto:Jane@Example.org` -> `jane@example.org`.
fn address(v: &str) -> String {
    let v = v.trim();
    let v = if v
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        v.get(7..).unwrap_or("")
    } else {
        v
    };
    v.trim().to_ascii_lowercase()
}

fn text(e: &ICalendarEntry) -> Option<String> {
    let parts: Vec<&str> = e
        .values
        .iter()
        .filter_map(ICalendarValue::as_text)
        .collect();
    let joined = parts.join(",");
    (!joined.trim().is_empty()).then(|| joined.trim().to_string())
}

fn utc_of(e: &ICalendarEntry) -> Option<NaiveDateTime> {
    match e.values.first()? {
        ICalendarValue::PartialDateTime(p) => Some(Stamp::from_partial(p, None)?.wall()),
        _ => None,
    }
}

fn value_text(v: &ICalendarValue) -> String {
    match v.as_text() {
        Some(t) => format!("`{}`", crate::recur::shorten(t)),
        None => "(unreadable)".to_string(),
    }
}

fn shown(e: &ICalendarEntry) -> String {
    e.values
        .first()
        .map_or_else(|| "(empty)".to_string(), value_text)
}
