//! Which zone an analysis reads the calendar in, and why.
//!
//! In order: the zone the user chose; the calendar's `X-WR-TIMEZONE`; the zone most of the
//! file's timed events are written in (their `TZID`: IANA names, Windows names such as
//! `Pacific Standard Time` through calcard's CLDR-derived table, and custom `VTIMEZONE`
//! blocks matched to the IANA zone whose offsets they equal); and last the shell's fallback
//! (the CLI's local zone, the browser's zone on the web). Exports from Outlook name a zone on
//! every event but carry no `X-WR-TIMEZONE`, so without the third step a Pacific calendar is
//! read in whatever zone the server happens to run in.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::Calendar;
use crate::timezone::{CustomZone, Zone};

/// Where the analysis zone came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ZoneSource {
    /// Chosen by the user.
    Option,
    /// The calendar's `X-WR-TIMEZONE`.
    Calendar,
    /// The zone most timed events are written in.
    Events,
    /// The shell's fallback (local zone, browser zone): a guess.
    Default,
}

impl ZoneSource {
    /// The wire spelling, also used by `window.tz_source`.
    pub const fn id(self) -> &'static str {
        match self {
            ZoneSource::Option => "option",
            ZoneSource::Calendar => "calendar",
            ZoneSource::Events => "events",
            ZoneSource::Default => "default",
        }
    }
}

/// The chosen zone, where it came from, and for `Events` how many events named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneChoice {
    pub tz: Tz,
    pub source: ZoneSource,
    /// Timed events that named `tz`, and timed events that named any zone (for `Events`).
    pub votes: (usize, usize),
}

/// Choose the analysis zone for `calendars` (see the module docs for the order).
pub fn choose_zone(explicit: Option<Tz>, fallback: Tz, calendars: &[Calendar]) -> ZoneChoice {
    let choice = |tz, source| ZoneChoice {
        tz,
        source,
        votes: (0, 0),
    };
    if let Some(tz) = explicit {
        return choice(tz, ZoneSource::Option);
    }
    if let Some(tz) = calendars.iter().find_map(Calendar::default_tz) {
        return choice(tz, ZoneSource::Calendar);
    }
    match majority_zone(calendars, fallback) {
        Some((tz, votes)) => ZoneChoice {
            tz,
            source: ZoneSource::Events,
            votes,
        },
        None => choice(fallback, ZoneSource::Default),
    }
}

/// The IANA zone most timed events are written in, with (its votes, all votes). UTC and bare
/// offsets do not vote: Google writes every time in UTC whatever the owner's zone.
fn majority_zone(calendars: &[Calendar], hint: Tz) -> Option<(Tz, (usize, usize))> {
    let mut votes: HashMap<Tz, (usize, usize)> = HashMap::new();
    let mut custom: HashMap<String, Option<Tz>> = HashMap::new();
    let mut total = 0;
    for (order, event) in calendars.iter().flat_map(|c| &c.events).enumerate() {
        let Some(zone) = event.start.zone() else {
            continue;
        };
        let tz = match zone {
            Zone::Iana(tz) => Some(*tz),
            Zone::Custom(c) => *custom
                .entry(c.tzid.clone())
                .or_insert_with(|| match_custom(c, event.start.wall().date(), hint)),
            Zone::Utc | Zone::Fixed(_) => None,
        };
        if let Some(tz) = tz {
            total += 1;
            votes.entry(tz).or_insert((0, order)).0 += 1;
        }
    }
    // Most votes; on a tie the zone seen first.
    votes
        .into_iter()
        .min_by(|(_, (na, fa)), (_, (nb, fb))| nb.cmp(na).then(fa.cmp(fb)))
        .map(|(tz, (n, _))| (tz, (n, total)))
}

/// The IANA zone whose offsets equal the custom zone's on every day of the three years around
/// `near`. Many zones share rules today (Los Angeles, Vancouver, Tijuana), so ties go to the
/// shell's fallback zone, then to a zone Microsoft's own zone list names (calcard's table of
/// CDO zone ids), then to a geographic `Area/City` name, then alphabetically.
pub fn match_custom(custom: &CustomZone, near: NaiveDate, hint: Tz) -> Option<Tz> {
    let year = near.year().clamp(1971, 2036);
    let samples: Vec<NaiveDateTime> = (year - 1..=year + 1)
        .flat_map(|y| {
            (1..=365).filter_map(move |day| {
                NaiveDate::from_yo_opt(y, day)
                    .map(|d| d.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
            })
        })
        .collect();
    let wanted: Vec<i32> = samples
        .iter()
        .map(|t| custom.offset_at_utc(*t).local_minus_utc())
        .collect();
    let matches: Vec<Tz> = chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| {
            samples
                .iter()
                .zip(&wanted)
                .all(|(t, w)| tz.offset_from_utc_datetime(t).fix().local_minus_utc() == *w)
        })
        .collect();
    if matches.contains(&hint) {
        return Some(hint);
    }
    let microsoft: Vec<Tz> = (0..=200)
        .filter_map(|id| calcard::common::timezone::Tz::from_ms_cdo_zone_id(&id.to_string()))
        .filter_map(|t| match t {
            calcard::common::timezone::Tz::Tz(tz) => Some(tz),
            _ => None,
        })
        .collect();
    let geographic = |tz: &Tz| {
        let area = tz.name().split('/').next().unwrap_or_default();
        tz.name().contains('/')
            && [
                "Africa",
                "America",
                "Antarctica",
                "Asia",
                "Atlantic",
                "Australia",
                "Europe",
                "Indian",
                "Pacific",
            ]
            .contains(&area)
    };
    matches
        .iter()
        .copied()
        .min_by_key(|tz| (!microsoft.contains(tz), !geographic(tz), tz.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(text: &str) -> Calendar {
        crate::parse(text.as_bytes(), "t.ics").unwrap()
    }

    const OUTLOOK_CUSTOM: &str = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n\
        BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\n\
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n\
        DTSTART:16010101T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\n\
        RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
        BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Customized Time Zone:20260105T100000\r\n\
        DTEND;TZID=Customized Time Zone:20260105T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn an_unknown_custom_zone_is_matched_by_its_rules() {
        let c = cal(OUTLOOK_CUSTOM);
        let z = choose_zone(None, Tz::UTC, &[c]);
        assert_eq!(z.source, ZoneSource::Events);
        assert_eq!(z.tz, chrono_tz::America::Los_Angeles);
        // The shell's own zone wins a tie among zones with the same rules.
        let c = cal(OUTLOOK_CUSTOM);
        let z = choose_zone(None, chrono_tz::America::Vancouver, &[c]);
        assert_eq!(z.tz, chrono_tz::America::Vancouver);
    }

    #[test]
    fn windows_names_vote_for_their_iana_zone_and_utc_does_not_vote() {
        let c = cal("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n\
            DTSTART;TZID=W. Europe Standard Time:20260105T100000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20260105T100000Z\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:3\r\nDTSTART:20260106T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        let z = choose_zone(None, Tz::UTC, &[c]);
        assert_eq!(z.tz, chrono_tz::Europe::Berlin);
        assert_eq!(z.votes, (1, 1));
    }

    #[test]
    fn the_order_is_option_then_calendar_then_events_then_fallback() {
        let with_wr = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Asia/Tokyo\r\nBEGIN:VEVENT\r\nUID:1\r\n\
            DTSTART;TZID=Europe/Paris:20260105T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(
            choose_zone(Some(paris), Tz::UTC, &[cal(with_wr)]).source,
            ZoneSource::Option
        );
        let z = choose_zone(None, Tz::UTC, &[cal(with_wr)]);
        assert_eq!(
            (z.tz, z.source),
            (chrono_tz::Asia::Tokyo, ZoneSource::Calendar)
        );
        let bare = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260105T100000Z\r\n\
            END:VEVENT\r\nEND:VCALENDAR\r\n";
        let z = choose_zone(None, paris, &[cal(bare)]);
        assert_eq!((z.tz, z.source), (paris, ZoneSource::Default));
    }
}
