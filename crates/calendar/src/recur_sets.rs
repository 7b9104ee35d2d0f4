//! The days one recurrence period contributes, per RFC 5545's BYxxx expand/limit table,
//! and the calendar arithmetic (weeks with any WKST, n-th weekdays) behind them.
//!
//! Where RFC 5545 leaves a combination open, the behaviour follows libical, the reference
//! the conformance tests compare against (e.g. YEARLY + BYMONTHDAY without BYMONTH stays in
//! DTSTART's month).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::recur::{ByDay, Rule};

/// Which span a `BYDAY` ordinal (`2MO`, `-1FR`) counts within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Month,
    Year,
    /// Ordinals are meaningless here (weekly, daily): only the weekday counts.
    None,
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    match (
        NaiveDate::from_ymd_opt(ny, nm, 1),
        NaiveDate::from_ymd_opt(year, month, 1),
    ) {
        (Some(next), Some(first)) => u32::try_from((next - first).num_days()).unwrap_or(30),
        _ => 30,
    }
}

pub(crate) fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The `wkst` day on or before `date`.
pub(crate) fn week_start_of(date: NaiveDate, wkst: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - wkst.num_days_from_monday()) % 7;
    date.checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(date)
}

/// First day of week 1 of `week_year`: the week (starting on `wkst`) holding at least four
/// days of the year, i.e. the one containing 4 January.
pub(crate) fn week1_start(week_year: i32, wkst: Weekday) -> Option<NaiveDate> {
    Some(week_start_of(
        NaiveDate::from_ymd_opt(week_year, 1, 4)?,
        wkst,
    ))
}

/// Number of weeks (52 or 53) in `week_year`.
pub(crate) fn weeks_in(week_year: i32, wkst: Weekday) -> Option<i64> {
    let this = week1_start(week_year, wkst)?;
    let next = week1_start(week_year + 1, wkst)?;
    Some((next - this).num_days() / 7)
}

/// The week-numbering year `date` belongs to.
pub(crate) fn week_year_of(date: NaiveDate, wkst: Weekday) -> i32 {
    let y = date.year();
    match week1_start(y + 1, wkst) {
        Some(next) if date >= next => y + 1,
        _ => match week1_start(y, wkst) {
            Some(this) if date < this => y - 1,
            _ => y,
        },
    }
}

fn date_add(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The n-th (negative: from the end) `weekday` between `first` and `last` inclusive.
fn nth_weekday(first: NaiveDate, last: NaiveDate, weekday: Weekday, n: i16) -> Option<NaiveDate> {
    if n > 0 {
        let ahead =
            (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
        let d = date_add(first, i64::from(ahead) + 7 * (i64::from(n) - 1))?;
        (d <= last).then_some(d)
    } else {
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let d = date_add(last, -(i64::from(back) + 7 * (i64::from(-n) - 1)))?;
        (d >= first).then_some(d)
    }
}

/// Every date in `first..=last` named by the `BYDAY` list.
fn expand_byday(first: NaiveDate, last: NaiveDate, byday: &[ByDay], out: &mut Vec<NaiveDate>) {
    for bd in byday {
        match bd.nth {
            Some(n) => out.extend(nth_weekday(first, last, bd.weekday, n)),
            None => {
                let mut d = nth_weekday(first, last, bd.weekday, 1);
                while let Some(day) = d {
                    out.push(day);
                    d = date_add(day, 7).filter(|x| *x <= last);
                }
            }
        }
    }
}

/// Does `date` satisfy one of the `BYDAY` entries, ordinals counted within `scope`?
pub(crate) fn byday_matches(date: NaiveDate, byday: &[ByDay], scope: Scope) -> bool {
    byday.iter().any(|bd| {
        if bd.weekday != date.weekday() {
            return false;
        }
        let Some(n) = bd.nth else { return true };
        let (pos, len) = match scope {
            Scope::None => return true,
            Scope::Month => (date.day(), days_in_month(date.year(), date.month())),
            Scope::Year => (date.ordinal(), days_in_year(date.year())),
        };
        let from_start = (pos - 1) / 7 + 1;
        let from_end = (len - pos) / 7 + 1;
        if n > 0 {
            i64::from(from_start) == i64::from(n)
        } else {
            i64::from(from_end) == -i64::from(n)
        }
    })
}

fn monthday_matches(date: NaiveDate, list: &[i8]) -> bool {
    let len = days_in_month(date.year(), date.month()) as i32;
    let day = date.day() as i32;
    list.iter().any(|&n| {
        let n = i32::from(n);
        if n > 0 { n == day } else { len + n + 1 == day }
    })
}

fn yearday_matches(date: NaiveDate, list: &[i16]) -> bool {
    let len = days_in_year(date.year()) as i32;
    let day = date.ordinal() as i32;
    list.iter().any(|&n| {
        let n = i32::from(n);
        if n > 0 { n == day } else { len + n + 1 == day }
    })
}

fn month_matches(date: NaiveDate, list: &[u8]) -> bool {
    list.is_empty() || list.iter().any(|&m| u32::from(m) == date.month())
}

fn resolve_monthdays(year: i32, month: u32, list: &[i8], out: &mut Vec<NaiveDate>) {
    let len = days_in_month(year, month) as i32;
    for &n in list {
        let n = i32::from(n);
        let day = if n > 0 { n } else { len + n + 1 };
        if (1..=len).contains(&day) {
            out.extend(NaiveDate::from_ymd_opt(year, month, day as u32));
        }
    }
}

fn finish(mut days: Vec<NaiveDate>) -> Vec<NaiveDate> {
    days.sort_unstable();
    days.dedup();
    days
}

/// Days of calendar year `year` for a YEARLY rule without BYWEEKNO.
pub(crate) fn yearly_days(rule: &Rule, year: i32, dtstart: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let day_scope = if rule.bymonth.is_empty() {
        Scope::Year
    } else {
        Scope::Month
    };
    if !rule.byyearday.is_empty() {
        let len = days_in_year(year) as i32;
        for &n in &rule.byyearday {
            let n = i32::from(n);
            let ord = if n > 0 { n } else { len + n + 1 };
            if (1..=len).contains(&ord) {
                out.extend(NaiveDate::from_yo_opt(year, ord as u32));
            }
        }
        out.retain(|d| {
            month_matches(*d, &rule.bymonth)
                && (rule.bymonthday.is_empty() || monthday_matches(*d, &rule.bymonthday))
                && (rule.byday.is_empty() || byday_matches(*d, &rule.byday, day_scope))
        });
        return finish(out);
    }
    let months: Vec<u32> = if !rule.bymonth.is_empty() {
        rule.bymonth.iter().map(|&m| u32::from(m)).collect()
    } else {
        vec![dtstart.month()]
    };
    if !rule.bymonthday.is_empty() {
        for &m in &months {
            resolve_monthdays(year, m, &rule.bymonthday, &mut out);
        }
        if !rule.byday.is_empty() {
            out.retain(|d| byday_matches(*d, &rule.byday, Scope::Month));
        }
    } else if !rule.byday.is_empty() {
        if rule.bymonth.is_empty() {
            if let (Some(first), Some(last)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                expand_byday(first, last, &rule.byday, &mut out);
            }
        } else {
            for &m in &months {
                if let Some(first) = NaiveDate::from_ymd_opt(year, m, 1) {
                    let last = date_add(first, i64::from(days_in_month(year, m)) - 1);
                    if let Some(last) = last {
                        expand_byday(first, last, &rule.byday, &mut out);
                    }
                }
            }
        }
    } else {
        for &m in &months {
            out.extend(NaiveDate::from_ymd_opt(year, m, dtstart.day()));
        }
    }
    finish(out)
}

/// Days of week-numbering year `week_year` for a YEARLY rule with BYWEEKNO.
pub(crate) fn weekno_days(rule: &Rule, week_year: i32, dtstart: NaiveDate) -> Vec<NaiveDate> {
    let (Some(w1), Some(count)) = (
        week1_start(week_year, rule.wkst),
        weeks_in(week_year, rule.wkst),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &n in &rule.byweekno {
        let n = i64::from(n);
        let idx = if n > 0 { n } else { count + n + 1 };
        if !(1..=count).contains(&idx) {
            continue;
        }
        for i in 0..7 {
            out.extend(date_add(w1, 7 * (idx - 1) + i));
        }
    }
    let filter_by_dtstart_weekday = rule.byday.is_empty()
        && rule.bymonthday.is_empty()
        && rule.byyearday.is_empty()
        && rule.bymonth.is_empty();
    out.retain(|d| {
        (if rule.byday.is_empty() {
            !filter_by_dtstart_weekday || d.weekday() == dtstart.weekday()
        } else {
            byday_matches(*d, &rule.byday, Scope::None)
        }) && month_matches(*d, &rule.bymonth)
            && (rule.bymonthday.is_empty() || monthday_matches(*d, &rule.bymonthday))
            && (rule.byyearday.is_empty() || yearday_matches(*d, &rule.byyearday))
    });
    finish(out)
}

/// Days of month `month` of `year` for a MONTHLY rule.
pub(crate) fn monthly_days(
    rule: &Rule,
    year: i32,
    month: u32,
    dtstart: NaiveDate,
) -> Vec<NaiveDate> {
    if !rule.bymonth.is_empty() && !rule.bymonth.iter().any(|&m| u32::from(m) == month) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if !rule.bymonthday.is_empty() {
        resolve_monthdays(year, month, &rule.bymonthday, &mut out);
        if !rule.byday.is_empty() {
            out.retain(|d| byday_matches(*d, &rule.byday, Scope::Month));
        }
    } else if !rule.byday.is_empty() {
        if let Some(first) = NaiveDate::from_ymd_opt(year, month, 1)
            && let Some(last) = date_add(first, i64::from(days_in_month(year, month)) - 1)
        {
            expand_byday(first, last, &rule.byday, &mut out);
        }
    } else {
        out.extend(NaiveDate::from_ymd_opt(year, month, dtstart.day()));
    }
    if !rule.byyearday.is_empty() {
        out.retain(|d| yearday_matches(*d, &rule.byyearday));
    }
    finish(out)
}

/// Days of the week starting `week_start` for a WEEKLY rule.
pub(crate) fn weekly_days(
    rule: &Rule,
    week_start: NaiveDate,
    dtstart: NaiveDate,
) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(7);
    for i in 0..7 {
        if let Some(d) = date_add(week_start, i) {
            let weekday_ok = if rule.byday.is_empty() {
                d.weekday() == dtstart.weekday()
            } else {
                byday_matches(d, &rule.byday, Scope::None)
            };
            if weekday_ok && day_limits(rule, d) {
                out.push(d);
            }
        }
    }
    out
}

/// The month/day-of-month/day-of-year limits shared by every frequency finer than MONTHLY.
fn day_limits(rule: &Rule, d: NaiveDate) -> bool {
    month_matches(d, &rule.bymonth)
        && (rule.bymonthday.is_empty() || monthday_matches(d, &rule.bymonthday))
        && (rule.byyearday.is_empty() || yearday_matches(d, &rule.byyearday))
}

/// Does `date` pass the date-level limits of a DAILY (or finer) rule?
pub(crate) fn day_passes(rule: &Rule, date: NaiveDate) -> bool {
    day_limits(rule, date)
        && (rule.byday.is_empty() || byday_matches(date, &rule.byday, Scope::Month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso_weeks_with_any_week_start() {
        assert_eq!(week1_start(2025, Weekday::Mon), Some(d(2024, 12, 30)));
        assert_eq!(weeks_in(2026, Weekday::Mon), Some(53));
        assert_eq!(weeks_in(2027, Weekday::Mon), Some(52));
        assert_eq!(week_year_of(d(2027, 1, 3), Weekday::Mon), 2026);
        assert_eq!(week_year_of(d(2024, 12, 31), Weekday::Mon), 2025);
        assert_eq!(week1_start(1997, Weekday::Fri), Some(d(1997, 1, 3)));
    }

    #[test]
    fn nth_weekday_counts_from_either_end() {
        let (first, last) = (d(2024, 3, 1), d(2024, 3, 31));
        assert_eq!(
            nth_weekday(first, last, Weekday::Sun, -1),
            Some(d(2024, 3, 31))
        );
        assert_eq!(
            nth_weekday(first, last, Weekday::Fri, 1),
            Some(d(2024, 3, 1))
        );
        assert_eq!(
            nth_weekday(first, last, Weekday::Fri, 5),
            Some(d(2024, 3, 29))
        );
        assert_eq!(nth_weekday(first, last, Weekday::Fri, 6), None);
    }

    #[test]
    fn byday_ordinal_checks_its_scope() {
        let last_friday = [ByDay {
            nth: Some(-1),
            weekday: Weekday::Fri,
        }];
        assert!(byday_matches(d(2024, 3, 29), &last_friday, Scope::Month));
        assert!(!byday_matches(d(2024, 3, 22), &last_friday, Scope::Month));
        assert!(byday_matches(d(2024, 3, 22), &last_friday, Scope::None));
        assert!(byday_matches(d(2024, 12, 27), &last_friday, Scope::Year));
    }
}
