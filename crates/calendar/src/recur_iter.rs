//! The recurrence iterator: wall-clock instances of a [`Rule`] in order, bounded.
//!
//! It walks the rule's periods (years, months, weeks, days, hours, ...) one at a time, builds
//! each period's candidate set as a sorted product `days x times` without materialising it
//! (a MONTHLY rule with every BYHOUR/BYMINUTE/BYSECOND has millions of members), applies
//! BYSETPOS by index, and yields members at or after DTSTART. It can start at any later point
//! without walking from DTSTART when the rule has no COUNT (or when COUNT can be skipped
//! arithmetically), and every step is charged to a budget so no rule can make it run long.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::recur::{Freq, Rule};
use crate::recur_sets::{
    day_passes, monthly_days, week_start_of, week_year_of, week1_start, weekly_days, weekno_days,
    yearly_days,
};

/// Why an iterator stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// COUNT instances were produced.
    Count,
    /// The next instance would be after UNTIL.
    Until,
    /// The next instance would be after the caller's horizon.
    Horizon,
    /// The candidate budget ran out before the rule ended.
    Budget,
    /// The rule ran past year 9999 (or before year 1).
    OutOfRange,
}

/// The candidate set of one period: `days x times`, sorted, indexed without being built.
#[derive(Debug, Default)]
struct Period {
    days: Vec<NaiveDate>,
    /// Only for frequencies finer than DAILY; coarser ones share `RecurIter::day_times`.
    times: Option<Vec<NaiveTime>>,
    /// Remaining indices to yield (BYSETPOS resolved), or a plain range.
    picks: Vec<usize>,
    next: usize,
    end: usize,
    use_picks: bool,
}

/// Instances of a rule as local wall-clock times (see the module documentation).
#[derive(Debug)]
pub struct RecurIter<'r> {
    rule: &'r Rule,
    dtstart: NaiveDateTime,
    until: Option<NaiveDateTime>,
    /// Instances before this are counted (for COUNT) but not yielded.
    lower: NaiveDateTime,
    horizon: Option<NaiveDateTime>,
    budget: u64,
    used: u64,
    emitted: u64,
    /// Index of the next period to load.
    k: i64,
    day_times: Vec<NaiveTime>,
    period: Period,
    stop: Option<StopReason>,
}

impl<'r> RecurIter<'r> {
    /// Iterate `rule` from `dtstart`. `until` is the rule's UNTIL already converted to the
    /// wall clock of `dtstart`'s zone; `date_only` when DTSTART is a DATE.
    pub fn new(
        rule: &'r Rule,
        dtstart: NaiveDateTime,
        date_only: bool,
        until: Option<NaiveDateTime>,
    ) -> Self {
        let day_times = if date_only {
            vec![NaiveTime::MIN]
        } else {
            let hours = pick(&rule.byhour, dtstart.hour(), rule.freq <= Freq::Daily);
            let minutes = pick(&rule.byminute, dtstart.minute(), rule.freq <= Freq::Daily);
            let seconds = pick(&rule.bysecond, dtstart.second(), rule.freq <= Freq::Daily);
            product(&hours, &minutes, &seconds)
        };
        let stop = (date_only && rule.freq > Freq::Daily).then_some(StopReason::OutOfRange);
        RecurIter {
            rule,
            dtstart,
            until,
            lower: dtstart,
            horizon: None,
            budget: u64::MAX,
            used: 0,
            emitted: 0,
            k: 0,
            day_times,
            period: Period::default(),
            stop,
        }
    }

    /// Give up after examining this many candidates (periods and members).
    pub fn with_budget(mut self, budget: u64) -> Self {
        self.budget = budget;
        self
    }

    /// Stop once instances would start after `horizon`.
    pub fn with_horizon(mut self, horizon: NaiveDateTime) -> Self {
        self.horizon = Some(horizon);
        self
    }

    /// Yield only instances at or after `start` (libical's START-AT). Jumps straight to the
    /// period holding `start` when the instances before it need not be counted.
    pub fn starting_at(mut self, start: NaiveDateTime) -> Self {
        if start <= self.lower {
            return self;
        }
        self.lower = start;
        let arithmetic = self.rule.count.is_some() && self.rule.one_per_period(self.dtstart);
        if self.rule.count.is_none() || arithmetic {
            let units = self.units_until(start);
            let k = units.div_euclid(i64::from(self.rule.interval)).max(0);
            if arithmetic {
                self.emitted = u64::try_from(k).unwrap_or(0);
            }
            self.k = k;
        }
        self
    }

    /// Candidates examined so far (what the budget is charged with).
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Why the iterator ended, once it has.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.stop
    }

    /// Periods between DTSTART's period and `t` (rounded down, a little early is harmless).
    fn units_until(&self, t: NaiveDateTime) -> i64 {
        let s = self.dtstart;
        match self.rule.freq {
            Freq::Yearly if !self.rule.byweekno.is_empty() => i64::from(t.year() - s.year()) - 2,
            Freq::Yearly => i64::from(t.year() - s.year()),
            Freq::Monthly => {
                i64::from(t.year() - s.year()) * 12 + i64::from(t.month()) - i64::from(s.month())
            }
            Freq::Weekly => {
                let ws = week_start_of(s.date(), self.rule.wkst);
                (t.date() - ws).num_days().div_euclid(7)
            }
            Freq::Daily => (t.date() - s.date()).num_days(),
            Freq::Hourly => (t - trunc(s, 3600)).num_seconds().div_euclid(3600),
            Freq::Minutely => (t - trunc(s, 60)).num_seconds().div_euclid(60),
            Freq::Secondly => (t - s).num_seconds(),
        }
    }

    fn charge(&mut self, n: u64) -> bool {
        self.used = self.used.saturating_add(n);
        if self.used > self.budget {
            self.stop = Some(StopReason::Budget);
            false
        } else {
            true
        }
    }

    /// Load period `self.k` (or a later one, skipping whole days a sub-daily rule excludes).
    /// Returns false when iteration is over.
    fn load_next_period(&mut self) -> bool {
        loop {
            if self.stop.is_some() || !self.charge(1) {
                return false;
            }
            let k = self.k;
            let Some(step) = k.checked_mul(i64::from(self.rule.interval)) else {
                self.stop = Some(StopReason::OutOfRange);
                return false;
            };
            self.k = k.saturating_add(1);
            let loaded = match self.rule.freq {
                Freq::Yearly | Freq::Monthly | Freq::Weekly | Freq::Daily => self.day_period(step),
                _ => self.sub_daily_period(step),
            };
            match loaded {
                Loaded::Done(reason) => {
                    self.stop = Some(reason);
                    return false;
                }
                Loaded::Empty => continue,
                Loaded::SkipTo(k) => {
                    self.k = k.max(self.k);
                    continue;
                }
                Loaded::Ready => return true,
            }
        }
    }

    fn check_start(&self, start: NaiveDateTime) -> Option<Loaded> {
        if start.year() > 9999 {
            return Some(Loaded::Done(StopReason::OutOfRange));
        }
        if self.until.is_some_and(|u| start > u) {
            return Some(Loaded::Done(StopReason::Until));
        }
        if self.horizon.is_some_and(|h| start > h) {
            return Some(Loaded::Done(StopReason::Horizon));
        }
        None
    }

    fn day_period(&mut self, step: i64) -> Loaded {
        let s = self.dtstart.date();
        let rule = self.rule;
        let days = match rule.freq {
            Freq::Yearly if !rule.byweekno.is_empty() => {
                let wy0 = week_year_of(s, rule.wkst);
                let Some(wy) = i32::try_from(step).ok().and_then(|x| wy0.checked_add(x)) else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if wy > 9999 {
                    return Loaded::Done(StopReason::OutOfRange);
                }
                let Some(first) = week1_start(wy, rule.wkst) else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if let Some(done) = self.check_start(first.and_time(NaiveTime::MIN)) {
                    return done;
                }
                weekno_days(rule, wy, s)
            }
            Freq::Yearly => {
                let Some(y) = i32::try_from(step)
                    .ok()
                    .and_then(|x| s.year().checked_add(x))
                else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                let Some(first) = NaiveDate::from_ymd_opt(y, 1, 1) else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if let Some(done) = self.check_start(first.and_time(NaiveTime::MIN)) {
                    return done;
                }
                yearly_days(rule, y, s)
            }
            Freq::Monthly => {
                let Some(first) = u32::try_from(step)
                    .ok()
                    .and_then(|m| s.with_day(1)?.checked_add_months(Months::new(m)))
                else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if let Some(done) = self.check_start(first.and_time(NaiveTime::MIN)) {
                    return done;
                }
                monthly_days(rule, first.year(), first.month(), s)
            }
            Freq::Weekly => {
                let ws = week_start_of(s, rule.wkst);
                let Some(first) = step
                    .checked_mul(7)
                    .and_then(|d| u64::try_from(d).ok())
                    .and_then(|d| ws.checked_add_days(Days::new(d)))
                else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if let Some(done) = self.check_start(first.and_time(NaiveTime::MIN)) {
                    return done;
                }
                weekly_days(rule, first, s)
            }
            _ => {
                let Some(day) = u64::try_from(step)
                    .ok()
                    .and_then(|d| s.checked_add_days(Days::new(d)))
                else {
                    return Loaded::Done(StopReason::OutOfRange);
                };
                if let Some(done) = self.check_start(day.and_time(NaiveTime::MIN)) {
                    return done;
                }
                if day_passes(rule, day) {
                    vec![day]
                } else {
                    Vec::new()
                }
            }
        };
        if !self.charge(days.len() as u64) {
            return Loaded::Done(StopReason::Budget);
        }
        if days.is_empty() {
            return Loaded::Empty;
        }
        self.install(days, None)
    }

    fn sub_daily_period(&mut self, step: i64) -> Loaded {
        let rule = self.rule;
        let unit: i64 = match rule.freq {
            Freq::Hourly => 3600,
            Freq::Minutely => 60,
            _ => 1,
        };
        let base = trunc(self.dtstart, unit);
        let Some(t) = step
            .checked_mul(unit)
            .and_then(|secs| base.checked_add_signed(chrono::Duration::try_seconds(secs)?))
        else {
            return Loaded::Done(StopReason::OutOfRange);
        };
        if let Some(done) = self.check_start(t) {
            return done;
        }
        // A failed limit at a coarser level skips every period up to that level's next boundary.
        let boundary = if !day_passes(rule, t.date()) {
            Some(trunc(t, 86_400) + chrono::Duration::days(1))
        } else if !rule.byhour.is_empty() && !rule.byhour.contains(&(t.hour() as u8)) {
            Some(trunc(t, 3600) + chrono::Duration::hours(1))
        } else if rule.freq >= Freq::Minutely
            && !rule.byminute.is_empty()
            && !rule.byminute.contains(&(t.minute() as u8))
        {
            Some(trunc(t, 60) + chrono::Duration::minutes(1))
        } else if rule.freq == Freq::Secondly
            && !rule.bysecond.is_empty()
            && !rule.bysecond.contains(&(t.second() as u8))
        {
            Some(t + chrono::Duration::seconds(1))
        } else {
            None
        };
        if let Some(b) = boundary {
            let step_secs = unit * i64::from(rule.interval);
            let gap = (b - base).num_seconds();
            let k = gap.div_euclid(step_secs) + i64::from(gap.rem_euclid(step_secs) != 0);
            return Loaded::SkipTo(k);
        }
        let times = match rule.freq {
            Freq::Hourly => {
                let minutes = pick(&rule.byminute, self.dtstart.minute(), true);
                let seconds = pick(&rule.bysecond, self.dtstart.second(), true);
                product(&[t.hour()], &minutes, &seconds)
            }
            Freq::Minutely => {
                let seconds = pick(&rule.bysecond, self.dtstart.second(), true);
                product(&[t.hour()], &[t.minute()], &seconds)
            }
            _ => vec![t.time()],
        };
        self.install(vec![t.date()], Some(times))
    }

    /// Make `days x times` the current period, resolving BYSETPOS and skipping members that
    /// need neither yielding nor counting.
    fn install(&mut self, days: Vec<NaiveDate>, times: Option<Vec<NaiveTime>>) -> Loaded {
        let nt = times.as_ref().map_or(self.day_times.len(), Vec::len);
        let len = days.len().saturating_mul(nt);
        if len == 0 {
            return Loaded::Empty;
        }
        self.period.days = days;
        self.period.times = times;
        self.period.next = 0;
        self.period.end = len;
        self.period.picks.clear();
        self.period.use_picks = !self.rule.bysetpos.is_empty();
        if self.period.use_picks {
            for &p in &self.rule.bysetpos {
                let idx = if p > 0 {
                    usize::try_from(p - 1).ok()
                } else {
                    len.checked_sub(usize::try_from(-i64::from(p)).unwrap_or(usize::MAX))
                };
                if let Some(i) = idx.filter(|i| *i < len) {
                    self.period.picks.push(i);
                }
            }
            self.period.picks.sort_unstable();
            self.period.picks.dedup();
            self.period.end = self.period.picks.len();
        } else {
            // Members before DTSTART never count; before `lower` they count only for COUNT.
            let floor = if self.rule.count.is_some() {
                self.dtstart
            } else {
                self.lower
            };
            let mut lo = 0usize;
            let mut hi = len;
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.member(mid) < floor {
                    lo = mid + 1
                } else {
                    hi = mid
                }
            }
            self.period.next = lo;
        }
        Loaded::Ready
    }

    fn member(&self, idx: usize) -> NaiveDateTime {
        let times = self.period.times.as_deref().unwrap_or(&self.day_times);
        let nt = times.len().max(1);
        let day = self
            .period
            .days
            .get(idx / nt)
            .copied()
            .unwrap_or(NaiveDate::MIN);
        let time = times.get(idx % nt).copied().unwrap_or(NaiveTime::MIN);
        day.and_time(time)
    }
}

enum Loaded {
    Ready,
    Empty,
    SkipTo(i64),
    Done(StopReason),
}

impl Iterator for RecurIter<'_> {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        loop {
            if self.stop.is_some() {
                return None;
            }
            if self.period.next >= self.period.end {
                if !self.load_next_period() {
                    return None;
                }
                continue;
            }
            let i = self.period.next;
            self.period.next += 1;
            let idx = if self.period.use_picks {
                self.period.picks.get(i).copied()?
            } else {
                i
            };
            if !self.charge(1) {
                return None;
            }
            let dt = self.member(idx);
            if dt < self.dtstart {
                continue;
            }
            if self.until.is_some_and(|u| dt > u) {
                self.stop = Some(StopReason::Until);
                return None;
            }
            if self.horizon.is_some_and(|h| dt > h) {
                self.stop = Some(StopReason::Horizon);
                return None;
            }
            if let Some(count) = self.rule.count
                && self.emitted >= u64::from(count)
            {
                self.stop = Some(StopReason::Count);
                return None;
            }
            self.emitted += 1;
            if dt < self.lower {
                continue;
            }
            return Some(dt);
        }
    }
}

/// The BYxxx list if given, else DTSTART's own value. Finer parts than the frequency are
/// always expanded; `applies` is false only where the part is handled as a limit elsewhere.
fn pick(list: &[u8], own: u32, applies: bool) -> Vec<u32> {
    if list.is_empty() || !applies {
        vec![own]
    } else {
        list.iter().map(|&v| u32::from(v)).collect()
    }
}

fn product(hours: &[u32], minutes: &[u32], seconds: &[u32]) -> Vec<NaiveTime> {
    let mut out = Vec::with_capacity(hours.len() * minutes.len() * seconds.len());
    for &h in hours {
        for &m in minutes {
            for &s in seconds {
                out.extend(NaiveTime::from_hms_opt(h, m, s));
            }
        }
    }
    out
}

/// `t` rounded down to a multiple of `unit` seconds within its day.
fn trunc(t: NaiveDateTime, unit: i64) -> NaiveDateTime {
    let secs = i64::from(t.num_seconds_from_midnight());
    let kept = secs - secs.rem_euclid(unit.min(86_400));
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(kept).unwrap_or(0), 0)
        .unwrap_or(NaiveTime::MIN);
    t.date().and_time(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
    }

    fn run(rule: &str, start: &str, n: usize) -> Vec<String> {
        let rule = Rule::parse(rule).unwrap();
        RecurIter::new(&rule, dt(start), false, None)
            .with_budget(1_000_000)
            .take(n)
            .map(|t| t.format("%Y%m%dT%H%M%S").to_string())
            .collect()
    }

    #[test]
    fn weekly_with_interval_and_byday() {
        assert_eq!(
            run(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4",
                "19970902T090000",
                10
            ),
            [
                "19970902T090000",
                "19970904T090000",
                "19970916T090000",
                "19970918T090000"
            ]
        );
    }

    #[test]
    fn secondly_forever_is_cut_by_the_budget() {
        let rule = Rule::parse("FREQ=SECONDLY;BYMONTH=2;BYHOUR=3").unwrap();
        let mut it = RecurIter::new(&rule, dt("20240101T000000"), false, None).with_budget(10_000);
        let n = it.by_ref().count();
        assert_eq!(it.stop_reason(), Some(StopReason::Budget));
        // Whole days and hours are skipped in one step each, so real matches are reached.
        assert!(n > 1000, "only {n} instances before the budget ran out");
    }

    #[test]
    fn starting_at_skips_ahead_without_walking() {
        let rule = Rule::parse("FREQ=MINUTELY").unwrap();
        let got: Vec<_> = RecurIter::new(&rule, dt("19000101T000000"), false, None)
            .with_budget(100)
            .starting_at(dt("20240101T120000"))
            .take(2)
            .collect();
        assert_eq!(got, [dt("20240101T120000"), dt("20240101T120100")]);
    }

    #[test]
    fn count_is_kept_when_skipping_arithmetically() {
        let rule = Rule::parse("FREQ=DAILY;COUNT=10").unwrap();
        let got: Vec<_> = RecurIter::new(&rule, dt("20240101T090000"), false, None)
            .starting_at(dt("20240108T000000"))
            .collect();
        assert_eq!(
            got,
            [
                dt("20240108T090000"),
                dt("20240109T090000"),
                dt("20240110T090000")
            ]
        );
    }

    #[test]
    fn impossible_rule_ends_without_hanging() {
        let rule = Rule::parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").unwrap();
        let mut it =
            RecurIter::new(&rule, dt("20240101T000000"), false, None).with_budget(1_000_000);
        assert_eq!(it.next(), None);
        assert_eq!(it.stop_reason(), Some(StopReason::OutOfRange));
    }
}
