//! What the caller asks the analysis to measure: the window, the zone, working time, the owner.
//!
//! The shells (CLI flags, web query parameters) parse their strings with the `FromStr`
//! implementations here so both accept exactly the same spellings.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::rules::Rules;
use crate::analysis::error::OptionError;

/// Everything `analyze` needs besides the calendar bytes and the framework.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// First day of the window (inclusive), a date in the analysis zone. With `to` absent the
    /// window is four weeks from it.
    pub from: Option<NaiveDate>,
    /// Day after the last day of the window (exclusive). With `from` absent the window is four
    /// weeks up to it; with both absent it is the four full weeks up to the file's last week
    /// with busy time (see [`latest_window`](super::latest_window)).
    pub to: Option<NaiveDate>,
    /// Today's date, from the shell: the default window never looks past it.
    pub today: NaiveDate,
    /// Zone asked for explicitly (field `tz`); wins over everything the calendar says.
    pub tz: Option<Tz>,
    /// Zone used when neither `tz` nor the calendar names one: the shell passes the local
    /// zone (CLI) or the browser's zone (web), never a server's.
    pub default_tz: Tz,
    /// Whose calendar this is; inferred from the calendar when absent.
    pub owner: Option<String>,
    pub work_hours: WorkHours,
    pub work_days: WorkDays,
    /// Unscheduled stretches at least this long count as focus, shorter ones as async.
    pub focus_min_minutes: u32,
    /// Classification rules; `None` uses the embedded `data/calendar-rules.toml`.
    pub rules: Option<Rules>,
    /// Keep one explanation line per occurrence (the only place titles appear).
    pub explain: bool,
}

impl AnalyzeOptions {
    /// A given window with the defaults the CLI documents: 09:00-17:00, Monday to Friday,
    /// 120-minute focus, the embedded rules, UTC when nothing names a zone.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        AnalyzeOptions {
            from: Some(from),
            to: Some(to),
            ..AnalyzeOptions::latest(to)
        }
    }

    /// No window given: the engine chooses one from the file, looking no later than `today`.
    pub fn latest(today: NaiveDate) -> Self {
        AnalyzeOptions {
            from: None,
            to: None,
            today,
            tz: None,
            default_tz: Tz::UTC,
            owner: None,
            work_hours: WorkHours::default(),
            work_days: WorkDays::default(),
            focus_min_minutes: 120,
            rules: None,
            explain: false,
        }
    }
}

/// Daily working hours on the wall clock of the analysis zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkHours {
    pub start: NaiveTime,
    /// `None` means midnight at the end of the day (`24:00`).
    pub end: Option<NaiveTime>,
}

impl WorkHours {
    /// Wall-clock length in seconds (before any clock change); an end at or before the start
    /// runs past midnight.
    pub fn nominal_seconds(&self) -> i64 {
        let start = i64::from(self.start.num_seconds_from_midnight());
        match self.end {
            None => 86_400 - start,
            Some(end) => {
                let end = i64::from(end.num_seconds_from_midnight());
                if end > start {
                    end - start
                } else {
                    86_400 - start + end
                }
            }
        }
    }
}

impl Default for WorkHours {
    fn default() -> Self {
        WorkHours {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(17, 0, 0),
        }
    }
}

impl FromStr for WorkHours {
    type Err = OptionError;

    /// `HH:MM-HH:MM` on the 24-hour clock; `24:00` is accepted as an end. An end at or before
    /// the start is refused (`9-5` is a slip for 09:00-17:00, not a 20-hour night), unless the
    /// end says it is on the next day: `22:00-06:00+1` is a night shift.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || OptionError::WorkHours(crate::quote::excerpt(s));
        let (a, b) = s.trim().split_once('-').ok_or_else(bad)?;
        let (b, next_day) = match b.trim().strip_suffix("+1") {
            Some(b) => (b, true),
            None => (b, false),
        };
        let start = parse_clock(a).ok_or_else(bad)?.ok_or_else(bad)?;
        let end = parse_clock(b).ok_or_else(bad)?;
        match end {
            Some(e) if e == start => Err(bad()),
            Some(e) if e < start && !next_day => Err(OptionError::WorkHoursBackwards {
                text: crate::quote::excerpt(s),
                start: start.format("%H:%M").to_string(),
                end: e.format("%H:%M").to_string(),
            }),
            // `+1` on an end after the start (or on 24:00) would be a day longer than a day.
            Some(e) if e > start && next_day => Err(bad()),
            None if next_day => Err(bad()),
            _ => Ok(WorkHours { start, end }),
        }
    }
}

/// `Some(None)` for `24:00`, `Some(Some(t))` for a time of day, `None` when unreadable.
fn parse_clock(s: &str) -> Option<Option<NaiveTime>> {
    let s = s.trim();
    if s == "24:00" {
        return Some(None);
    }
    let (h, m) = s.split_once(':').unwrap_or((s, "0"));
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    NaiveTime::from_hms_opt(h, m, 0).map(Some)
}

impl fmt::Display for WorkHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(end) if end < self.start => write!(
                f,
                "{}-{}+1",
                self.start.format("%H:%M"),
                end.format("%H:%M")
            ),
            Some(end) => write!(f, "{}-{}", self.start.format("%H:%M"), end.format("%H:%M")),
            None => write!(f, "{}-24:00", self.start.format("%H:%M")),
        }
    }
}

/// The weekdays that have working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkDays {
    /// Bit `n` set means `Weekday::num_days_from_monday() == n` is a working day.
    mask: u8,
}

impl WorkDays {
    pub fn contains(&self, day: Weekday) -> bool {
        self.mask & (1 << day.num_days_from_monday()) != 0
    }

    pub fn days(&self) -> impl Iterator<Item = Weekday> + '_ {
        ALL_DAYS.iter().copied().filter(|d| self.contains(*d))
    }
}

const ALL_DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl Default for WorkDays {
    fn default() -> Self {
        WorkDays { mask: 0b0001_1111 }
    }
}

impl FromStr for WorkDays {
    type Err = OptionError;

    /// Comma-separated days or ranges: `mon-fri`, `mon,tue,thu`, `sun-thu`, `mon-wed,fri`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || OptionError::WorkDays(s.to_owned());
        let mut mask = 0u8;
        for part in s.split(',').map(str::trim) {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let a = a.trim().parse::<Weekday>().map_err(|_| bad())?;
            let b = b.trim().parse::<Weekday>().map_err(|_| bad())?;
            // Ranges wrap past Sunday, so `fri-mon` means Friday to Monday.
            let mut day = a;
            loop {
                mask |= 1 << day.num_days_from_monday();
                if day == b {
                    break;
                }
                day = day.succ();
            }
        }
        if mask == 0 {
            return Err(bad());
        }
        Ok(WorkDays { mask })
    }
}

impl fmt::Display for WorkDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.days().map(|d| d.to_string().to_lowercase()).collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_days_accept_lists_and_ranges() {
        let d: WorkDays = "mon-fri".parse().unwrap();
        assert_eq!(d.to_string(), "mon,tue,wed,thu,fri");
        let d: WorkDays = "mon,tue, Thu".parse().unwrap();
        assert_eq!(d.to_string(), "mon,tue,thu");
        let d: WorkDays = "sun-thu".parse().unwrap();
        assert_eq!(d.to_string(), "mon,tue,wed,thu,sun");
        let d: WorkDays = "fri-mon".parse().unwrap();
        assert_eq!(d.to_string(), "mon,fri,sat,sun");
        assert!("mon-funday".parse::<WorkDays>().is_err());
        assert!("".parse::<WorkDays>().is_err());
    }

    #[test]
    fn work_hours_parse_and_measure() {
        let h: WorkHours = "09:00-17:00".parse().unwrap();
        assert_eq!(h.nominal_seconds(), 8 * 3600);
        assert_eq!(h.to_string(), "09:00-17:00");
        let h: WorkHours = "8:30-24:00".parse().unwrap();
        assert_eq!(h.nominal_seconds(), 15 * 3600 + 1800);
        let h: WorkHours = "22:00-06:00+1".parse().unwrap();
        assert_eq!(h.nominal_seconds(), 8 * 3600);
        assert_eq!(h.to_string(), "22:00-06:00+1");
        assert_eq!(h.to_string().parse::<WorkHours>().unwrap(), h);
        // Regression (walkthrough defect 2): `9-5` was read as 09:00-05:00, a 20-hour day.
        let err = "9-5".parse::<WorkHours>().unwrap_err();
        assert_eq!(
            err,
            OptionError::WorkHoursBackwards {
                text: "9-5".into(),
                start: "09:00".into(),
                end: "05:00".into()
            }
        );
        let words = err.to_string();
        assert!(words.contains("09:00-17:00"), "{words}");
        assert!(
            words.contains("05:00") && words.contains("09:00"),
            "{words}"
        );
        assert!("22:00-06:00".parse::<WorkHours>().is_err());
        assert!("09:00-17:00+1".parse::<WorkHours>().is_err());
        assert!("09:00-24:00+1".parse::<WorkHours>().is_err());
        assert!("09:00".parse::<WorkHours>().is_err());
        assert!("09:00-09:00".parse::<WorkHours>().is_err());
        assert!("25:00-26:00".parse::<WorkHours>().is_err());
    }
}
