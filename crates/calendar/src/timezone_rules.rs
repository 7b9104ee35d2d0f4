//! A `VTIMEZONE` evaluated from its own STANDARD/DAYLIGHT observances, for TZIDs no zone
//! database knows (Outlook's "Customized Time Zone", renamed zones, hand-written files).
//!
//! Each observance's onsets (DTSTART, then its RRULE and RDATEs, read in TZOFFSETFROM) are
//! turned into UTC transitions once, for 1900..2200, and looked up by binary search.

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarPeriod, ICalendarProperty,
    ICalendarValue,
};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime};

use crate::recur::{RecurIter, Rule};

/// Most transitions kept per observance, and the candidate budget spent finding them.
const MAX_TRANSITIONS: usize = 2_000;
const BUDGET: u64 = 200_000;

/// A zone defined only by its `VTIMEZONE` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomZone {
    pub tzid: String,
    /// Offset before the first transition.
    initial: FixedOffset,
    /// (UTC instant, offset from then on), sorted by instant.
    transitions: Vec<(NaiveDateTime, FixedOffset)>,
    /// Every offset the zone uses (to try when reading a wall-clock time).
    offsets: Vec<FixedOffset>,
}

impl CustomZone {
    /// Build from a parsed `VTIMEZONE` (component 0 of `ical`, observances among its
    /// children). `None` when the block has no usable observance.
    pub fn from_vtimezone(tzid: &str, ical: &ICalendar) -> Option<CustomZone> {
        let root = ical.components.first()?;
        let mut transitions = Vec::new();
        let mut earliest: Option<(NaiveDateTime, FixedOffset)> = None;
        for id in &root.component_ids {
            let Some(obs) = ical.components.get(*id as usize) else {
                continue;
            };
            if !matches!(
                obs.component_type,
                ICalendarComponentType::Standard | ICalendarComponentType::Daylight
            ) {
                continue;
            }
            let Some(o) = Observance::read(obs) else {
                continue;
            };
            let before = transitions.len();
            o.onsets(&mut transitions);
            if let Some(first) = transitions
                .get(before..)
                .and_then(|t| t.iter().min_by_key(|x| x.0))
            {
                if earliest.is_none_or(|(t, _)| first.0 < t) {
                    earliest = Some((first.0, o.from));
                }
            } else if earliest.is_none() {
                // An observance with no onset in range still tells us an offset in use.
                earliest = Some((NaiveDateTime::MAX, o.to));
            }
        }
        let (_, initial) = earliest?;
        transitions.sort_by_key(|t| t.0);
        transitions.dedup_by_key(|t| t.0);
        let mut offsets: Vec<FixedOffset> = transitions
            .iter()
            .map(|t| t.1)
            .chain(std::iter::once(initial))
            .collect();
        offsets.sort_by_key(FixedOffset::local_minus_utc);
        offsets.dedup();
        Some(CustomZone {
            tzid: tzid.to_string(),
            initial,
            transitions,
            offsets,
        })
    }

    /// True when the block describes more than one offset (i.e. it has DST rules).
    pub fn has_dst(&self) -> bool {
        self.offsets.len() > 1
    }

    pub(crate) fn offset_at_utc(&self, utc: NaiveDateTime) -> FixedOffset {
        let i = self.transitions.partition_point(|t| t.0 <= utc);
        match i.checked_sub(1).and_then(|j| self.transitions.get(j)) {
            Some((_, o)) => *o,
            None => self.initial,
        }
    }

    /// The offset that reads `local` as the earliest matching instant; `None` in a gap.
    pub(crate) fn local_offset(&self, local: NaiveDateTime) -> Option<FixedOffset> {
        // Largest offset first: it gives the earliest instant, which RFC 5545 wants in a fold.
        self.offsets.iter().rev().copied().find(|o| {
            let utc =
                local.checked_sub_signed(chrono::Duration::seconds(i64::from(o.local_minus_utc())));
            utc.is_some_and(|u| self.offset_at_utc(u) == *o)
        })
    }
}

/// One STANDARD or DAYLIGHT sub-component.
struct Observance {
    start: NaiveDateTime,
    from: FixedOffset,
    to: FixedOffset,
    rules: Vec<Rule>,
    rdates: Vec<NaiveDateTime>,
}

impl Observance {
    fn read(c: &ICalendarComponent) -> Option<Observance> {
        let mut start = None;
        let mut from = None;
        let mut to = None;
        let mut rules = Vec::new();
        let mut rdates = Vec::new();
        for e in &c.entries {
            match (&e.name, e.values.first()) {
                (ICalendarProperty::Dtstart, Some(ICalendarValue::PartialDateTime(p))) => {
                    start = naive(p);
                }
                (ICalendarProperty::Tzoffsetfrom, Some(ICalendarValue::PartialDateTime(p))) => {
                    from = offset(p);
                }
                (ICalendarProperty::Tzoffsetto, Some(ICalendarValue::PartialDateTime(p))) => {
                    to = offset(p);
                }
                (ICalendarProperty::Rrule, Some(ICalendarValue::RecurrenceRule(r))) => {
                    if let Ok(rule) = Rule::from_calcard(r, "FREQ=YEARLY") {
                        rules.push(rule);
                    }
                }
                (ICalendarProperty::Rdate, _) => {
                    for v in &e.values {
                        match v {
                            ICalendarValue::PartialDateTime(p) => rdates.extend(naive(p)),
                            ICalendarValue::Period(ICalendarPeriod::Range { start, .. })
                            | ICalendarValue::Period(ICalendarPeriod::Duration { start, .. }) => {
                                rdates.extend(naive(start));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let to = to?;
        Some(Observance {
            start: start?,
            from: from.unwrap_or(to),
            to,
            rules,
            rdates,
        })
    }

    /// Push (UTC instant, new offset) for every onset between 1900 and 2200.
    fn onsets(&self, out: &mut Vec<(NaiveDateTime, FixedOffset)>) {
        let lo = date_time(1900);
        let hi = date_time(2200);
        let to_utc = |local: NaiveDateTime| {
            local.checked_sub_signed(chrono::Duration::seconds(i64::from(
                self.from.local_minus_utc(),
            )))
        };
        let push = |local: NaiveDateTime, out: &mut Vec<_>| {
            if let Some(utc) = to_utc(local) {
                out.push((utc, self.to));
            }
        };
        if self.rules.is_empty() || self.start >= lo {
            push(self.start, out);
        }
        for rdate in &self.rdates {
            push(*rdate, out);
        }
        let from = self.from;
        for rule in &self.rules {
            let until = rule.until_local(false, &|utc| {
                utc + chrono::Duration::seconds(i64::from(from.local_minus_utc()))
            });
            let iter = RecurIter::new(rule, self.start, false, until)
                .with_budget(BUDGET)
                .with_horizon(hi)
                .starting_at(lo);
            let mut n = 0;
            for local in iter {
                push(local, out);
                n += 1;
                if n >= MAX_TRANSITIONS {
                    break;
                }
            }
        }
    }
}

fn date_time(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MIN)
}

fn naive(p: &PartialDateTime) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(i32::from(p.year?), u32::from(p.month?), u32::from(p.day?))?
        .and_hms_opt(
            u32::from(p.hour.unwrap_or(0)),
            u32::from(p.minute.unwrap_or(0)),
            u32::from(p.second.unwrap_or(0)).min(59),
        )
}

/// A `TZOFFSETFROM`/`TZOFFSETTO` value (`+0100`, `-0430`, `+053000`).
fn offset(p: &PartialDateTime) -> Option<FixedOffset> {
    let secs = i32::from(p.tz_hour?) * 3600 + i32::from(p.tz_minute.unwrap_or(0)) * 60;
    let secs = if p.tz_minus { -secs } else { secs };
    FixedOffset::east_opt(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOM: &str = "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n\
        BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n\
        BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

    fn zone(text: &str) -> CustomZone {
        let calcard::Entry::ICalendar(ical) = calcard::Parser::new(text).entry() else {
            panic!("not parsed")
        };
        CustomZone::from_vtimezone("Customized Time Zone", &ical).unwrap()
    }

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn outlook_custom_zone_follows_its_rules_both_ways() {
        let z = zone(CUSTOM);
        assert!(z.has_dst());
        let h = |o: FixedOffset| o.local_minus_utc() / 3600;
        assert_eq!(h(z.offset_at_utc(utc("2024-01-15 12:00"))), 1);
        assert_eq!(h(z.offset_at_utc(utc("2024-03-31 00:59"))), 1);
        assert_eq!(h(z.offset_at_utc(utc("2024-03-31 01:00"))), 2);
        assert_eq!(h(z.offset_at_utc(utc("2024-10-27 00:59"))), 2);
        assert_eq!(h(z.offset_at_utc(utc("2024-10-27 01:00"))), 1);
        // 02:30 on the fold day exists twice: the first (summer time) wins.
        assert_eq!(z.local_offset(utc("2024-10-27 02:30")).map(h), Some(2));
        // 02:30 on the gap day does not exist.
        assert_eq!(z.local_offset(utc("2024-03-31 02:30")), None);
    }

    #[test]
    fn a_block_without_observances_is_refused() {
        let text = "BEGIN:VTIMEZONE\r\nTZID:Empty\r\nEND:VTIMEZONE\r\n";
        let calcard::Entry::ICalendar(ical) = calcard::Parser::new(text).entry() else {
            panic!("not parsed")
        };
        assert!(CustomZone::from_vtimezone("Empty", &ical).is_none());
    }
}
