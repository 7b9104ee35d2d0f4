//! The instances of one event (single, or a series with its exceptions) inside the window.

use std::collections::HashSet;

use chrono::{NaiveDateTime, NaiveTime};

use crate::ics::event::{EndSpec, Event};
use crate::ics::stamp::{Dur, Key, Stamp};
use crate::recur::{Freq, RecurIter, Rule, StopReason};
use crate::{EventTime, Limits, Occurrence, Warning, WarningKind};

/// The window as instants, plus the zone its dates and floating times are read in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub tz: chrono_tz::Tz,
    pub from_utc: NaiveDateTime,
    pub to_utc: NaiveDateTime,
}

impl Bounds {
    /// Does an occurrence from `start` to `end` overlap the window? Instants (zero length)
    /// count when they fall inside it.
    pub(crate) fn overlaps(&self, start: &EventTime, end: &EventTime) -> bool {
        if let (EventTime::Date(s), e) = (start, end) {
            let e = match e {
                EventTime::Date(d) if d > s => *d,
                _ => s.succ_opt().unwrap_or(*s),
            };
            return *s < self.to && e > self.from;
        }
        let s = start.in_tz(self.tz).naive_utc();
        let e = end.in_tz(self.tz).naive_utc();
        if e <= s {
            s >= self.from_utc && s < self.to_utc
        } else {
            s < self.to_utc && e > self.from_utc
        }
    }

    /// The window as wall-clock bounds in the zone of a series starting `start`.
    fn wall_range(&self, start: &Stamp) -> (NaiveDateTime, NaiveDateTime) {
        match start {
            Stamp::Zoned(_, z) => (z.to_local(self.from_utc), z.to_local(self.to_utc)),
            _ => (
                self.from.and_time(NaiveTime::MIN),
                self.to.and_time(NaiveTime::MIN),
            ),
        }
    }
}

/// How long an instance lasts.
#[derive(Debug, Clone)]
pub(crate) enum Length {
    /// Exact seconds (DTEND of a timed event: RFC 5545 keeps the exact duration).
    Exact(i64, Option<crate::timezone::Zone>),
    /// Nominal days plus exact time (DURATION, and all-day DTEND).
    Nominal(Dur),
}

impl Length {
    pub(crate) fn of(start: &Stamp, end: &EndSpec) -> Length {
        match end {
            EndSpec::Default if start.is_date() => Length::Nominal(Dur { days: 1, secs: 0 }),
            EndSpec::Default => Length::Nominal(Dur::default()),
            EndSpec::Duration(d) => Length::Nominal(*d),
            EndSpec::End(end) => match (start, end) {
                (Stamp::Date(s), e) => Length::Nominal(Dur {
                    days: (e.wall().date() - *s).num_days().max(0),
                    secs: 0,
                }),
                (Stamp::Zoned(..), Stamp::Zoned(_, z)) => {
                    let secs = (end.to_event_time().in_tz(chrono_tz::UTC)
                        - start.to_event_time().in_tz(chrono_tz::UTC))
                    .num_seconds();
                    Length::Exact(secs.max(0), Some(z.clone()))
                }
                (s, e) => Length::Exact((e.wall() - s.wall()).num_seconds().max(0), None),
            },
        }
    }

    /// Upper bound of the length, for widening the search window.
    pub(crate) fn span(&self) -> chrono::Duration {
        match self {
            Length::Exact(s, _) => chrono::Duration::seconds(*s),
            Length::Nominal(d) => {
                chrono::Duration::days(d.days.max(0) + 1) + chrono::Duration::seconds(d.secs.max(0))
            }
        }
    }

    pub(crate) fn end_from(&self, start: &Stamp) -> EventTime {
        let fallback = || start.to_event_time();
        match (self, start) {
            (Length::Nominal(d), _) => d.end_from(start).unwrap_or_else(fallback),
            (Length::Exact(secs, zone), Stamp::Zoned(wall, z)) => {
                let at = z.to_instant(*wall);
                match at.checked_add_signed(chrono::Duration::seconds(*secs)) {
                    Some(end) => {
                        let shown = zone.as_ref().unwrap_or(z);
                        EventTime::Zoned(end.with_timezone(&shown.offset_at_utc(end.naive_utc())))
                    }
                    None => fallback(),
                }
            }
            (Length::Exact(secs, _), other) => Dur {
                days: 0,
                secs: *secs,
            }
            .end_from(other)
            .unwrap_or_else(fallback),
        }
    }
}

/// Shared state while expanding one series.
pub(crate) struct SeriesRun<'a> {
    pub bounds: &'a Bounds,
    pub limits: &'a Limits,
    pub source: &'a str,
    pub warnings: &'a mut Vec<Warning>,
    /// What is left of the whole expansion's budgets.
    pub budget: &'a mut Budget,
}

/// The parts of the expansion-wide limits not yet spent.
#[derive(Debug)]
pub(crate) struct Budget {
    /// Of `Limits::max_copied_entries`.
    pub copies: usize,
    /// Of `Limits::max_candidates_total`.
    pub candidates: u64,
    /// Set (and warned about once) when either ran out: nothing more is expanded.
    pub exhausted: bool,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Budget {
        Budget {
            copies: limits.max_copied_entries,
            candidates: limits.max_candidates_total,
            exhausted: false,
        }
    }
}

impl SeriesRun<'_> {
    /// Charge one occurrence of `ev` to the copy budget; false once it is spent.
    pub(crate) fn afford(&mut self, ev: &Event) -> bool {
        let cost = 1 + ev.attendees.len() + ev.categories.len();
        if !self.budget.exhausted && self.budget.copies >= cost {
            self.budget.copies -= cost;
            return true;
        }
        let max = self.limits.max_copied_entries;
        self.exhaust(
            ev,
            format!(
                "the occurrences so far carry {max} attendee and category entries; expansion \
             stopped here (use a shorter window)"
            ),
        );
        false
    }

    /// Stop the whole expansion, saying why once.
    fn exhaust(&mut self, ev: &Event, message: String) {
        if !self.budget.exhausted {
            self.budget.exhausted = true;
            self.warn(ev, WarningKind::TotalCapped, message);
        }
    }

    fn warn(&mut self, ev: &Event, kind: WarningKind, message: String) {
        self.warnings.push(Warning {
            kind,
            source: self.source.to_string(),
            line: ev.line,
            uid: (!ev.uid.is_empty()).then(|| ev.uid.to_string()),
            message,
        });
    }

    /// Wall-clock starts of a series inside `[lo, hi]`, with an own end for RDATE periods.
    /// DTSTART is the first instance (RFC 5545 3.8.5.3) unless every RRULE ended before it.
    pub(crate) fn starts(
        &mut self,
        ev: &Event,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
    ) -> Vec<(NaiveDateTime, Option<EndSpec>)> {
        let cap = self.limits.max_instances_per_series;
        let dtstart = ev.start.wall();
        let mut out: Vec<(NaiveDateTime, Option<EndSpec>)> = Vec::new();
        if (lo..=hi).contains(&dtstart) {
            if !self.rules_end_before_dtstart(ev) {
                out.push((dtstart, None));
            } else {
                self.warn(
                    ev,
                    WarningKind::BadRecurrence,
                    "the recurrence rule ends (UNTIL) before the event starts (DTSTART); the \
                     series has no instance from its rule, not even DTSTART"
                        .into(),
                );
            }
        }
        // RFC 5545 counts DTSTART as a rule's first occurrence, so a single rule it does not
        // match yields one fewer. With several rules (deprecated; a DTSTART that does not
        // match a rule makes its set undefined, 3.8.5.3) each COUNT counts that rule's own
        // instances, as the peer `recurring_ical_events` does: two rules of COUNT=2 give four.
        let single = ev.rrules.len() == 1;
        for rule in &ev.rrules {
            let adjusted;
            let rule = match self.count_after_dtstart(ev, rule).filter(|_| single) {
                Some(r) => {
                    adjusted = r;
                    &adjusted
                }
                None => rule,
            };
            if rule.count == Some(0) {
                continue;
            }
            let walls = self.run_rule(ev, rule, lo, hi, cap);
            out.extend(walls.into_iter().map(|w| (w, None)));
        }
        for r in &ev.rdates {
            let wall = in_series_zone(&r.start, &ev.start);
            if (lo..=hi).contains(&wall) {
                out.push((wall, r.end.clone()));
            }
        }
        // A PERIOD RDATE carries its own end: keep it over a plain duplicate.
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.is_some().cmp(&a.1.is_some())));
        out.dedup_by(|a, b| a.0 == b.0);
        if out.len() > cap {
            out.truncate(cap);
            let first = out.first().map(|s| s.0.to_string()).unwrap_or_default();
            self.warn(ev, WarningKind::SeriesCapped, format!(
                "the series has more than {cap} instances in the window (from {first}); only the first {cap} are used"
            ));
        }
        out
    }

    /// When DTSTART is not itself an instance of a COUNT rule, it still counts as the first,
    /// so the rule contributes one fewer. Only DTSTART's own period needs looking at.
    fn count_after_dtstart(&self, ev: &Event, rule: &Rule) -> Option<Rule> {
        let count = rule.count?;
        let dtstart = ev.start.wall();
        let until = self.until(ev, rule);
        let first = RecurIter::new(rule, dtstart, ev.start.is_date(), until)
            .with_budget(self.limits.max_candidates_per_series)
            .with_horizon(dtstart)
            .next();
        (first != Some(dtstart)).then(|| Rule {
            count: Some(count - 1),
            ..rule.clone()
        })
    }

    /// True when every RRULE has an UNTIL before DTSTART. RFC 5545 makes DTSTART the first
    /// instance but also lets UNTIL bound the set inclusively, and says nothing for a bound
    /// before the start; such a series is a cancelled-in-advance one, and the peer shows none.
    fn rules_end_before_dtstart(&self, ev: &Event) -> bool {
        let dtstart = ev.start.wall();
        !ev.rrules.is_empty()
            && ev
                .rrules
                .iter()
                .all(|r| self.until(ev, r).is_some_and(|u| u < dtstart))
    }

    fn until(&self, ev: &Event, rule: &Rule) -> Option<NaiveDateTime> {
        let zone = ev.start.zone().cloned();
        rule.until_local(ev.start.is_date(), &|utc| match &zone {
            Some(z) => z.to_local(utc),
            None => utc,
        })
    }

    fn run_rule(
        &mut self,
        ev: &Event,
        rule: &Rule,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
        cap: usize,
    ) -> Vec<NaiveDateTime> {
        if self.budget.exhausted {
            return Vec::new();
        }
        let per_series = self.limits.max_candidates_per_series;
        let until = self.until(ev, rule);
        let mut it = RecurIter::new(rule, ev.start.wall(), ev.start.is_date(), until)
            .with_budget(per_series.min(self.budget.candidates))
            .with_horizon(hi)
            .starting_at(lo);
        let walls: Vec<NaiveDateTime> = it.by_ref().take(cap.saturating_add(1)).collect();
        self.budget.candidates = self.budget.candidates.saturating_sub(it.used());
        match it.stop_reason() {
            Some(StopReason::Budget) if self.budget.candidates == 0 => {
                let total = self.limits.max_candidates_total;
                self.exhaust(
                    ev,
                    format!(
                        "the expansion examined {total} candidate times in total and stopped \
                         here (use a shorter window or split the file)"
                    ),
                );
            }
            Some(StopReason::Budget) => self.warn(
                ev,
                WarningKind::IteratorGaveUp,
                format!(
                    "the recurrence rule needed more than {per_series} candidate times; \
                     expansion of this series stopped early"
                ),
            ),
            Some(StopReason::OutOfRange)
                if ev.start.is_date() && walls.is_empty() && rule.freq > Freq::Daily =>
            {
                self.warn(
                    ev,
                    WarningKind::BadRecurrence,
                    format!(
                        "FREQ={} cannot repeat an all-day event; only its first day is used",
                        rule.freq.as_str()
                    ),
                );
            }
            _ => {}
        }
        walls
    }

    /// Keys of every excluded instance (EXDATE, and EXRULE within `[lo, hi]`).
    pub(crate) fn exclusions(
        &mut self,
        ev: &Event,
        lo: NaiveDateTime,
        hi: NaiveDateTime,
    ) -> HashSet<Key> {
        let mut keys: HashSet<Key> = ev.exdates.iter().map(|x| x.key_for(&ev.start)).collect();
        for rule in &ev.exrules {
            for wall in self.run_rule(ev, rule, lo, hi, self.limits.max_instances_per_series) {
                keys.insert(ev.start.with_wall(wall).key_for(&ev.start));
            }
        }
        keys
    }

    /// Widen `[from, to)` to the wall-clock range whose instances may overlap the window.
    pub(crate) fn search_range(
        &self,
        ev: &Event,
        length: &Length,
        shift: chrono::Duration,
    ) -> (NaiveDateTime, NaiveDateTime) {
        let (lo, hi) = self.bounds.wall_range(&ev.start);
        let margin = chrono::Duration::days(2) + shift;
        let lo = lo
            .checked_sub_signed(length.span() + margin)
            .unwrap_or(NaiveDateTime::MIN);
        let hi = hi.checked_add_signed(margin).unwrap_or(NaiveDateTime::MAX);
        (lo, hi)
    }
}

/// `s` as a wall-clock time in the zone of `series` (RDATEs may name another zone).
fn in_series_zone(s: &Stamp, series: &Stamp) -> NaiveDateTime {
    match (s, series) {
        (Stamp::Zoned(..), Stamp::Zoned(_, z)) => match s.to_event_time() {
            EventTime::Zoned(t) => z.to_local(t.naive_utc()),
            _ => s.wall(),
        },
        _ => s.wall(),
    }
}

/// One occurrence of `ev` (its properties) at `start`, ending per `length`.
pub(crate) fn occurrence(
    ev: &Event,
    start: &Stamp,
    length: &Length,
    recurrence_id: Option<EventTime>,
) -> Occurrence {
    let start_t = start.to_event_time();
    Occurrence {
        uid: ev.uid.clone(),
        recurring: recurrence_id.is_some(),
        recurrence_id,
        end: length.end_from(start),
        all_day: start.is_date(),
        start: start_t,
        summary: ev.summary.clone(),
        status: ev.status,
        transparent: ev.transparent,
        organizer: ev.organizer.clone(),
        attendees: ev.attendees.clone(),
        categories: ev.categories.clone(),
        event_kind: ev.event_kind.clone(),
        line: ev.line,
    }
}
