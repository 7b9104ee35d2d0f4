//! A recurrence rule (RRULE/EXRULE) checked and normalised from calcard's parsed value.
//!
//! calcard parses the rule's syntax but narrows numbers silently (`BYMONTHDAY=200` becomes a
//! wrapped `i8`, `COUNT=0` disappears), so the rule's raw text is checked here as well and
//! anything out of range is refused with a message rather than expanded into nonsense.

use calcard::common::{CalendarScale, PartialDateTime};
use calcard::icalendar::{
    ICalendarFrequency, ICalendarRecurrenceRule, ICalendarValue, ICalendarWeekday,
};
use chrono::{NaiveDate, NaiveDateTime, Weekday};

pub use crate::recur_iter::{RecurIter, StopReason};

/// How often a rule's periods repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Freq {
    Yearly,
    Monthly,
    Weekly,
    Daily,
    Hourly,
    Minutely,
    Secondly,
}

impl Freq {
    pub fn as_str(self) -> &'static str {
        match self {
            Freq::Yearly => "YEARLY",
            Freq::Monthly => "MONTHLY",
            Freq::Weekly => "WEEKLY",
            Freq::Daily => "DAILY",
            Freq::Hourly => "HOURLY",
            Freq::Minutely => "MINUTELY",
            Freq::Secondly => "SECONDLY",
        }
    }
}

/// `UNTIL` as written: its form decides how it is compared with instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Date(NaiveDate),
    /// No `Z`: read in the zone of `DTSTART`.
    Local(NaiveDateTime),
    /// With `Z`: an absolute instant.
    Utc(NaiveDateTime),
}

/// One `BYDAY` entry: a weekday, optionally the n-th (negative from the end) in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByDay {
    pub nth: Option<i16>,
    pub weekday: Weekday,
}

/// A recurrence rule, every part validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u32>,
    pub until: Option<Until>,
    pub bysecond: Vec<u8>,
    pub byminute: Vec<u8>,
    pub byhour: Vec<u8>,
    pub byday: Vec<ByDay>,
    pub bymonthday: Vec<i8>,
    pub byyearday: Vec<i16>,
    pub byweekno: Vec<i8>,
    pub bymonth: Vec<u8>,
    pub bysetpos: Vec<i32>,
    pub wkst: Weekday,
}

impl Rule {
    /// Parse the value of an `RRULE` line (`FREQ=WEEKLY;BYDAY=MO,WE`) with calcard, then check it.
    pub fn parse(text: &str) -> Result<Rule, String> {
        let ics = format!("BEGIN:VEVENT\r\nRRULE:{text}\r\nEND:VEVENT\r\n");
        let mut parser = calcard::Parser::new(&ics);
        let value = match parser.entry() {
            calcard::Entry::ICalendar(cal) => cal
                .components
                .into_iter()
                .next()
                .and_then(|c| c.entries.into_iter().next())
                .and_then(|e| e.values.into_iter().next()),
            _ => None,
        };
        match value {
            Some(ICalendarValue::RecurrenceRule(rule)) => Rule::from_calcard(&rule, text),
            _ => {
                check_raw(text)?;
                Err(format!("`{}` is not a recurrence rule", shorten(text)))
            }
        }
    }

    /// Check calcard's parsed rule against its raw `text` and normalise it.
    pub fn from_calcard(rule: &ICalendarRecurrenceRule, text: &str) -> Result<Rule, String> {
        check_raw(text)?;
        if let Some(scale) = &rule.rscale
            && *scale != CalendarScale::Gregorian
        {
            return Err(format!(
                "RSCALE={scale:?} (a non-Gregorian calendar) is not supported; only the \
                 Gregorian calendar is expanded"
            ));
        }
        let freq = match rule.freq {
            ICalendarFrequency::Yearly => Freq::Yearly,
            ICalendarFrequency::Monthly => Freq::Monthly,
            ICalendarFrequency::Weekly => Freq::Weekly,
            ICalendarFrequency::Daily => Freq::Daily,
            ICalendarFrequency::Hourly => Freq::Hourly,
            ICalendarFrequency::Minutely => Freq::Minutely,
            ICalendarFrequency::Secondly => Freq::Secondly,
        };
        let until = match &rule.until {
            None => None,
            Some(p) => Some(until_from(p).ok_or_else(|| {
                format!(
                    "UNTIL in `{}` is not a valid date or date-time",
                    shorten(text)
                )
            })?),
        };
        let mut byday = Vec::with_capacity(rule.byday.len());
        for d in &rule.byday {
            if let Some(n) = d.ordwk
                && (n == 0 || n.abs() > 53)
            {
                return Err(format!(
                    "BYDAY ordinal {n} is out of range (1 to 53, or -53 to -1)"
                ));
            }
            byday.push(ByDay {
                nth: d.ordwk,
                weekday: weekday(d.weekday),
            });
        }
        let mut r = Rule {
            freq,
            interval: u32::from(rule.interval.unwrap_or(1)).max(1),
            count: rule.count,
            until,
            bysecond: rule.bysecond.clone(),
            byminute: rule.byminute.clone(),
            byhour: rule.byhour.clone(),
            byday,
            bymonthday: rule.bymonthday.clone(),
            byyearday: rule.byyearday.clone(),
            byweekno: rule.byweekno.clone(),
            bymonth: rule.bymonth.iter().map(|m| m.month()).collect(),
            bysetpos: rule.bysetpos.clone(),
            wkst: rule.wkst.map(weekday).unwrap_or(Weekday::Mon),
        };
        if rule.bymonth.iter().any(|m| m.is_leap()) {
            return Err(
                "BYMONTH with a leap month (`5L`) needs RSCALE, which is not supported".into(),
            );
        }
        // Leap seconds cannot be represented; a rule asking only for second 60 never matches.
        r.bysecond.retain(|s| *s < 60);
        if r.bysecond.is_empty() && !rule.bysecond.is_empty() {
            return Err("BYSECOND=60 (a leap second) never occurs in expanded time".into());
        }
        for list in [
            &mut r.bysecond,
            &mut r.byminute,
            &mut r.byhour,
            &mut r.bymonth,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        r.bymonthday.sort_unstable();
        r.bymonthday.dedup();
        r.byyearday.sort_unstable();
        r.byyearday.dedup();
        r.byweekno.sort_unstable();
        r.byweekno.dedup();
        r.bysetpos.sort_unstable();
        r.bysetpos.dedup();
        r.byday.dedup();
        Ok(r)
    }

    /// UNTIL as a wall-clock bound in DTSTART's zone: `utc_to_local` converts a UTC instant
    /// to that zone's wall clock (identity for floating and UTC starts). A DATE bound on a
    /// DATE-TIME start includes its whole day.
    pub fn until_local(
        &self,
        date_only: bool,
        utc_to_local: &dyn Fn(NaiveDateTime) -> NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        Some(match self.until? {
            Until::Date(d) if date_only => d.and_time(chrono::NaiveTime::MIN),
            Until::Date(d) => d.and_hms_opt(23, 59, 59)?,
            Until::Local(t) => t,
            Until::Utc(t) => utc_to_local(t),
        })
    }

    /// True when every period yields exactly one instance, so instance n lies in period n
    /// and a COUNT can be skipped over arithmetically.
    pub(crate) fn one_per_period(&self, dtstart: NaiveDateTime) -> bool {
        use chrono::Datelike;
        let no_by = self.bysecond.is_empty()
            && self.byminute.is_empty()
            && self.byhour.is_empty()
            && self.byday.is_empty()
            && self.bymonthday.is_empty()
            && self.byyearday.is_empty()
            && self.byweekno.is_empty()
            && self.bymonth.is_empty()
            && self.bysetpos.is_empty();
        no_by
            && match self.freq {
                Freq::Yearly => !(dtstart.month() == 2 && dtstart.day() == 29),
                Freq::Monthly => dtstart.day() <= 28,
                _ => true,
            }
    }
}

/// `text` without its COUNT part, when it also has an UNTIL part: RFC 5545 3.3.10 forbids
/// the two together, so when the COUNT cannot be read the UNTIL is the part worth keeping.
pub(crate) fn without_count(text: &str) -> Option<String> {
    let name = |part: &str| {
        part.split_once('=')
            .map(|(n, _)| n.trim().to_ascii_uppercase())
    };
    let parts: Vec<&str> = text.split(';').collect();
    let has = |wanted: &str| parts.iter().any(|p| name(p).as_deref() == Some(wanted));
    if !has("COUNT") || !has("UNTIL") {
        return None;
    }
    let kept: Vec<&str> = parts
        .into_iter()
        .filter(|p| name(p).as_deref() != Some("COUNT"))
        .collect();
    Some(kept.join(";"))
}

/// Range checks on the rule's raw text (see the module comment for why).
fn check_raw(text: &str) -> Result<(), String> {
    if !text.to_ascii_uppercase().contains("FREQ=") {
        return Err(format!("`{}` has no FREQ part", shorten(text)));
    }
    for part in text.split(';') {
        let Some((name, value)) = part.split_once('=') else {
            continue;
        };
        let name = name.trim().to_ascii_uppercase();
        let (lo, hi, zero_ok): (i64, i64, bool) = match name.as_str() {
            "BYSECOND" => (0, 60, true),
            "BYMINUTE" => (0, 59, true),
            "BYHOUR" => (0, 23, true),
            "BYMONTHDAY" => (-31, 31, false),
            "BYYEARDAY" => (-366, 366, false),
            "BYWEEKNO" => (-53, 53, false),
            "BYSETPOS" => (-366, 366, false),
            "COUNT" => (1, i64::from(u32::MAX), false),
            "INTERVAL" => (1, i64::from(u16::MAX), false),
            "BYMONTH" => (1, 12, false),
            _ => continue,
        };
        for item in value.split(',') {
            let item = item.trim();
            if name == "BYMONTH" && item.to_ascii_uppercase().ends_with('L') {
                continue; // leap months: refused later with a clearer message
            }
            let n: i64 = item
                .parse()
                .map_err(|_| format!("{name}={} is not a number", shorten(item)))?;
            if n < lo || n > hi || (n == 0 && !zero_ok) {
                return Err(format!(
                    "{name}={n} is out of range ({lo} to {hi}{})",
                    if zero_ok || lo > 0 { "" } else { ", not 0" }
                ));
            }
        }
    }
    Ok(())
}

fn until_from(p: &PartialDateTime) -> Option<Until> {
    let date = NaiveDate::from_ymd_opt(i32::from(p.year?), u32::from(p.month?), u32::from(p.day?))?;
    if p.hour.is_none() {
        return Some(Until::Date(date));
    }
    let time = chrono::NaiveTime::from_hms_opt(
        u32::from(p.hour.unwrap_or(0)),
        u32::from(p.minute.unwrap_or(0)),
        u32::from(p.second.unwrap_or(0)).min(59),
    )?;
    let dt = date.and_time(time);
    if p.tz_hour.is_some() {
        // Only `Z` is legal in UNTIL; an explicit offset is honoured all the same.
        let offset =
            i64::from(p.tz_hour.unwrap_or(0)) * 3600 + i64::from(p.tz_minute.unwrap_or(0)) * 60;
        let offset = if p.tz_minus { -offset } else { offset };
        Some(Until::Utc(dt - chrono::Duration::seconds(offset)))
    } else {
        Some(Until::Local(dt))
    }
}

pub(crate) fn weekday(d: ICalendarWeekday) -> Weekday {
    match d {
        ICalendarWeekday::Sunday => Weekday::Sun,
        ICalendarWeekday::Monday => Weekday::Mon,
        ICalendarWeekday::Tuesday => Weekday::Tue,
        ICalendarWeekday::Wednesday => Weekday::Wed,
        ICalendarWeekday::Thursday => Weekday::Thu,
        ICalendarWeekday::Friday => Weekday::Fri,
        ICalendarWeekday::Saturday => Weekday::Sat,
    }
}

/// A rule text cut to a length fit for an error message.
pub(crate) fn shorten(text: &str) -> String {
    crate::quote::excerpt(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_sorts_parts() {
        let r = Rule::parse("FREQ=MONTHLY;BYMONTHDAY=15,1;BYDAY=-1FR;WKST=SU;COUNT=4").unwrap();
        assert_eq!(r.freq, Freq::Monthly);
        assert_eq!(r.bymonthday, vec![1, 15]);
        assert_eq!(
            r.byday,
            vec![ByDay {
                nth: Some(-1),
                weekday: Weekday::Fri
            }]
        );
        assert_eq!(r.wkst, Weekday::Sun);
        assert_eq!(r.count, Some(4));
        assert_eq!(r.interval, 1);
    }

    #[test]
    fn refuses_out_of_range_numbers_calcard_would_wrap() {
        assert!(
            Rule::parse("FREQ=DAILY;BYMONTHDAY=200")
                .unwrap_err()
                .contains("BYMONTHDAY=200")
        );
        assert!(
            Rule::parse("FREQ=DAILY;COUNT=0")
                .unwrap_err()
                .contains("COUNT=0")
        );
        assert!(
            Rule::parse("FREQ=YEARLY;BYMONTH=0")
                .unwrap_err()
                .contains("BYMONTH=0")
        );
        assert!(Rule::parse("FREQ=DAILY;BYHOUR=24").is_err());
        assert!(Rule::parse("FREQ=DAILY;INTERVAL=70000").is_err());
        assert!(Rule::parse("FREQ=DAILY;BYSETPOS=0").is_err());
        assert!(Rule::parse("BYDAY=MO").unwrap_err().contains("FREQ"));
        assert!(Rule::parse("FREQ=MONTHLY;BYDAY=60MO").is_err());
    }

    #[test]
    fn without_count_only_drops_a_count_that_stands_next_to_until() {
        assert_eq!(
            without_count("FREQ=DAILY;COUNT=lots;UNTIL=20260108T235959Z").as_deref(),
            Some("FREQ=DAILY;UNTIL=20260108T235959Z")
        );
        assert_eq!(without_count("FREQ=DAILY;COUNT=lots"), None);
        assert_eq!(without_count("FREQ=DAILY;UNTIL=20260108"), None);
    }

    #[test]
    fn until_keeps_its_form() {
        let r = Rule::parse("FREQ=DAILY;UNTIL=20240105T100000Z").unwrap();
        let t = NaiveDate::from_ymd_opt(2024, 1, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        assert_eq!(r.until, Some(Until::Utc(t)));
        let r = Rule::parse("FREQ=DAILY;UNTIL=20240105").unwrap();
        assert_eq!(r.until, Some(Until::Date(t.date())));
    }

    #[test]
    fn one_per_period_only_for_plain_rules() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 31)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        assert!(Rule::parse("FREQ=DAILY").unwrap().one_per_period(d));
        assert!(!Rule::parse("FREQ=MONTHLY").unwrap().one_per_period(d));
        assert!(
            !Rule::parse("FREQ=DAILY;BYHOUR=9")
                .unwrap()
                .one_per_period(d)
        );
    }
}
