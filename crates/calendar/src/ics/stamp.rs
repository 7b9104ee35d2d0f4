//! A parsed DATE / DATE-TIME with its zone, and durations, as the expansion needs them.

use calcard::common::PartialDateTime;
use calcard::icalendar::ICalendarDuration;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::EventTime;
use crate::timezone::Zone;

/// A time as written: a date, a floating wall-clock time, or a wall-clock time in a zone
/// (UTC included).
#[derive(Debug, Clone)]
pub(crate) enum Stamp {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Zoned(NaiveDateTime, Zone),
}

/// How two stamps are compared when matching EXDATE / RECURRENCE-ID to an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Date(NaiveDate),
    Wall(NaiveDateTime),
    Utc(NaiveDateTime),
}

impl Stamp {
    /// Read calcard's value. `zone` is the resolved TZID (None: floating). `Z` wins over TZID.
    pub(crate) fn from_partial(p: &PartialDateTime, zone: Option<&Zone>) -> Option<Stamp> {
        let date =
            NaiveDate::from_ymd_opt(i32::from(p.year?), u32::from(p.month?), u32::from(p.day?))?;
        let Some(hour) = p.hour else {
            return Some(Stamp::Date(date));
        };
        let time = NaiveTime::from_hms_opt(
            u32::from(hour),
            u32::from(p.minute.unwrap_or(0)),
            u32::from(p.second.unwrap_or(0)).min(59),
        )?;
        let local = date.and_time(time);
        if let Some(h) = p.tz_hour {
            let secs = i32::from(h) * 3600 + i32::from(p.tz_minute.unwrap_or(0)) * 60;
            let secs = if p.tz_minus { -secs } else { secs };
            if secs == 0 {
                return Some(Stamp::Zoned(local, Zone::Utc));
            }
            let offset = chrono::FixedOffset::east_opt(secs)?;
            return Some(Stamp::Zoned(local, Zone::Fixed(offset)));
        }
        Some(match zone {
            Some(z) => Stamp::Zoned(local, z.clone()),
            None => Stamp::Floating(local),
        })
    }

    pub(crate) fn is_date(&self) -> bool {
        matches!(self, Stamp::Date(_))
    }

    /// The wall-clock time (midnight for a date).
    pub(crate) fn wall(&self) -> NaiveDateTime {
        match self {
            Stamp::Date(d) => d.and_time(NaiveTime::MIN),
            Stamp::Floating(t) | Stamp::Zoned(t, _) => *t,
        }
    }

    pub(crate) fn zone(&self) -> Option<&Zone> {
        match self {
            Stamp::Zoned(_, z) => Some(z),
            _ => None,
        }
    }

    /// The same kind of stamp at another wall-clock time (an instance of a series).
    pub(crate) fn with_wall(&self, wall: NaiveDateTime) -> Stamp {
        match self {
            Stamp::Date(_) => Stamp::Date(wall.date()),
            Stamp::Floating(_) => Stamp::Floating(wall),
            Stamp::Zoned(_, z) => Stamp::Zoned(wall, z.clone()),
        }
    }

    pub(crate) fn to_event_time(&self) -> EventTime {
        match self {
            Stamp::Date(d) => EventTime::Date(*d),
            Stamp::Floating(t) => EventTime::Floating(*t),
            Stamp::Zoned(t, z) => EventTime::Zoned(z.to_instant(*t)),
        }
    }

    /// The key this stamp matches instances of a series whose DTSTART is `series` by.
    pub(crate) fn key_for(&self, series: &Stamp) -> Key {
        match (series, self) {
            (Stamp::Date(_), s) => Key::Date(s.wall().date()),
            (_, Stamp::Date(d)) => Key::Date(*d),
            (Stamp::Floating(_), s) => Key::Wall(s.wall()),
            (Stamp::Zoned(..), Stamp::Zoned(t, z)) => Key::Utc(z.to_instant(*t).naive_utc()),
            (Stamp::Zoned(_, z), Stamp::Floating(t)) => Key::Utc(z.to_instant(*t).naive_utc()),
        }
    }

    /// This stamp as a wall-clock time in the zone of `series` (for ordering overrides).
    pub(crate) fn key_wall(&self, series: &Stamp) -> NaiveDateTime {
        match (self, series) {
            (Stamp::Zoned(..), Stamp::Zoned(_, z)) => match self.to_event_time() {
                EventTime::Zoned(t) => z.to_local(t.naive_utc()),
                _ => self.wall(),
            },
            _ => self.wall(),
        }
    }

    /// The keys an instance (of its own series) can be matched by: exact, and its date (for
    /// EXDATEs written as dates against a timed series).
    pub(crate) fn instance_keys(&self) -> (Key, Key) {
        (self.key_for(self), Key::Date(self.wall().date()))
    }
}

/// A duration: nominal days (kept as wall-clock days across DST) plus exact seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Dur {
    pub days: i64,
    pub secs: i64,
}

impl Dur {
    pub(crate) fn from_ical(d: &ICalendarDuration) -> Dur {
        let days = i64::from(d.weeks) * 7 + i64::from(d.days);
        let secs = i64::from(d.hours) * 3600 + i64::from(d.minutes) * 60 + i64::from(d.seconds);
        if d.neg {
            Dur {
                days: -days,
                secs: -secs,
            }
        } else {
            Dur { days, secs }
        }
    }

    pub(crate) fn is_negative(&self) -> bool {
        self.days < 0 || self.secs < 0
    }

    /// The end of an instance starting at `start` (nominal days first, then exact time).
    pub(crate) fn end_from(&self, start: &Stamp) -> Option<EventTime> {
        let days = Days::new(self.days.unsigned_abs());
        match start {
            Stamp::Date(d) => {
                // A date-valued event lasts whole days; a time part rounds up to the next day.
                let extra = u64::from(self.secs > 0);
                let end = d.checked_add_days(Days::new(self.days.max(0).unsigned_abs() + extra))?;
                Some(EventTime::Date(end.max(*d)))
            }
            Stamp::Floating(t) => {
                let t = if self.days >= 0 {
                    t.checked_add_days(days)?
                } else {
                    t.checked_sub_days(days)?
                };
                Some(EventTime::Floating(t.checked_add_signed(
                    chrono::Duration::try_seconds(self.secs)?,
                )?))
            }
            Stamp::Zoned(t, z) => {
                let wall = if self.days >= 0 {
                    t.checked_add_days(days)?
                } else {
                    t.checked_sub_days(days)?
                };
                let at = z.to_instant(wall);
                let end = at.checked_add_signed(chrono::Duration::try_seconds(self.secs)?)?;
                let offset = z.offset_at_utc(end.naive_utc());
                Some(EventTime::Zoned(end.with_timezone(&offset)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn nominal_days_keep_the_wall_clock_across_dst() {
        let start = Stamp::Zoned(
            wall("2024-03-30 09:00"),
            Zone::Iana(chrono_tz::Europe::Berlin),
        );
        let end = Dur { days: 1, secs: 0 }.end_from(&start).unwrap();
        let EventTime::Zoned(t) = end else { panic!() };
        assert_eq!(t.to_rfc3339(), "2024-03-31T09:00:00+02:00");
        let end = Dur {
            days: 0,
            secs: 86_400,
        }
        .end_from(&start)
        .unwrap();
        let EventTime::Zoned(t) = end else { panic!() };
        assert_eq!(t.to_rfc3339(), "2024-03-31T10:00:00+02:00");
    }

    #[test]
    fn exdate_as_date_matches_a_timed_instance_by_day() {
        let series = Stamp::Zoned(wall("2024-05-06 09:00"), Zone::Utc);
        let ex = Stamp::Date(wall("2024-05-06 00:00").date());
        assert_eq!(ex.key_for(&series), series.instance_keys().1);
        let ex_utc = Stamp::Zoned(
            wall("2024-05-06 11:00"),
            Zone::Fixed(chrono::FixedOffset::east_opt(7200).unwrap()),
        );
        assert_eq!(ex_utc.key_for(&series), series.instance_keys().0);
    }
}
