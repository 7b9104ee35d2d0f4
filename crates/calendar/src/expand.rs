//! [`Calendar`]s -> every [`Occurrence`] inside a date window, bounded on every axis.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::expand_merge::Merged;
use crate::expand_series::{Bounds, Budget, Length, SeriesRun, occurrence};
use crate::ics::event::{EndSpec, Event};
use crate::ics::stamp::Key;
use crate::occurrence::local_in;
use crate::{Calendar, Limits, Occurrence, SkippedLine, Warning, WarningKind};

/// The dates to expand over and the zone they (and floating times) are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpandWindow {
    /// First day, inclusive, at local midnight in `tz`.
    pub from: NaiveDate,
    /// Last day, exclusive, at local midnight in `tz`.
    pub to: NaiveDate,
    pub tz: chrono_tz::Tz,
}

/// The result of [`expand`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct Expansion {
    /// Every occurrence overlapping the window, sorted by start (then end, then UID).
    pub occurrences: Vec<Occurrence>,
    /// Parse warnings of every input plus the expansion's own.
    pub warnings: Vec<Warning>,
    /// Skipped lines of every input.
    pub skipped: Vec<SkippedLine>,
}

/// Expand several parsed calendars over one window, merged and de-duplicated by
/// UID + RECURRENCE-ID. Every `VEVENT` is kept (all-day, cancelled, transparent,
/// declined): deciding what counts as busy is the analysis' job.
pub fn expand(calendars: &[Calendar], window: &ExpandWindow, limits: &Limits) -> Expansion {
    let mut warnings: Vec<Warning> = calendars
        .iter()
        .flat_map(|c| c.warnings.iter().cloned())
        .collect();
    let skipped = calendars
        .iter()
        .flat_map(|c| c.skipped.iter().cloned())
        .collect();
    let midnight = |d: NaiveDate| local_in(window.tz, d.and_time(NaiveTime::MIN)).naive_utc();
    let bounds = Bounds {
        from: window.from,
        to: window.to,
        tz: window.tz,
        from_utc: midnight(window.from),
        to_utc: midnight(window.to),
    };
    let mut occurrences = Vec::new();
    if window.to > window.from {
        let merged = Merged::collect(calendars, &mut warnings);
        let mut total = 0usize;
        let mut budget = Budget::new(limits);
        for (master, source) in &merged.masters {
            let ovs = merged.overrides_of(master);
            let mut run = SeriesRun {
                bounds: &bounds,
                limits,
                source,
                warnings: &mut warnings,
                budget: &mut budget,
            };
            let before = occurrences.len();
            expand_master(master, &ovs, &mut run, &mut occurrences);
            total += occurrences.len() - before;
            if total > limits.max_occurrences || budget.exhausted {
                break;
            }
        }
        for (uid, ovs) in &merged.orphans {
            for (o, source) in ovs {
                let mut run = SeriesRun {
                    bounds: &bounds,
                    limits,
                    source,
                    warnings: &mut warnings,
                    budget: &mut budget,
                };
                let length = Length::of(&o.start, &o.end);
                let rid = o.recurrence_id.as_ref().map(|r| r.to_event_time());
                let occ = occurrence(o, &o.start, &length, rid);
                if bounds.overlaps(&occ.start, &occ.end) && run.afford(o) {
                    occurrences.push(occ);
                }
            }
            if let Some((o, source)) = ovs.first() {
                warnings.push(Warning {
                    kind: WarningKind::OrphanOverride,
                    source: (*source).to_string(),
                    line: o.line,
                    uid: Some(uid.clone()),
                    message:
                        "this changed instance (RECURRENCE-ID) has no series with the same UID in \
                              the input; it is shown on its own"
                            .to_string(),
                });
            }
        }
    }
    let key = |o: &Occurrence| {
        (
            o.start.in_tz(window.tz).timestamp(),
            o.end.in_tz(window.tz).timestamp(),
            o.uid.clone(),
            o.line,
        )
    };
    occurrences.sort_by_cached_key(key);
    if occurrences.len() > limits.max_occurrences {
        occurrences.truncate(limits.max_occurrences);
        warnings.push(Warning {
            kind: WarningKind::TotalCapped,
            source: String::new(),
            line: 0,
            uid: None,
            message: format!(
                "more than {} occurrences in the window; the result was cut there (use a shorter window)",
                limits.max_occurrences
            ),
        });
    }
    Expansion {
        occurrences,
        warnings,
        skipped,
    }
}

/// Expand one master (single event or series) with its overrides.
fn expand_master(ev: &Event, ovs: &[&Event], run: &mut SeriesRun<'_>, out: &mut Vec<Occurrence>) {
    let length = Length::of(&ev.start, &ev.end);
    let own_length = |o: &Event| match o.end {
        EndSpec::Default if !o.start.is_date() => length.clone(),
        _ => Length::of(&o.start, &o.end),
    };
    // RANGE=THISANDFUTURE overrides, latest RID first, with the shift they apply.
    let mut future: Vec<(&Event, NaiveDateTime, chrono::Duration)> = ovs
        .iter()
        .filter(|o| o.this_and_future)
        .filter_map(|o| {
            let rid = o.recurrence_id.as_ref()?;
            Some((*o, rid.key_wall(&ev.start), o.start.wall() - rid.wall()))
        })
        .collect();
    future.sort_by_key(|f| std::cmp::Reverse(f.1));
    let shift = future.iter().map(|f| f.2.abs()).max().unwrap_or_default()
        + future
            .iter()
            .map(|f| own_length(f.0).span())
            .max()
            .unwrap_or_default();
    let (lo, hi) = run.search_range(ev, &length, shift);
    let starts = if ev.is_recurring() {
        run.starts(ev, lo, hi)
    } else if (lo..=hi).contains(&ev.start.wall()) {
        vec![(ev.start.wall(), None)]
    } else {
        Vec::new()
    };
    let excluded = run.exclusions(ev, lo, hi);
    let overridden: HashSet<Key> = ovs
        .iter()
        .filter_map(|o| o.recurrence_id.as_ref().map(|r| r.key_for(&ev.start)))
        .collect();
    for (wall, own_end) in starts {
        let inst = ev.start.with_wall(wall);
        let (exact, day) = inst.instance_keys();
        if overridden.contains(&exact) || excluded.contains(&exact) || excluded.contains(&day) {
            continue;
        }
        let rid = ev.is_recurring().then(|| inst.to_event_time());
        let (template, occ) = match future.iter().find(|f| f.1 < wall) {
            Some((f, _, delta)) => {
                let moved = f.start.with_wall(wall + *delta);
                (*f, occurrence(f, &moved, &own_length(f), rid))
            }
            None => {
                let len = own_end.map_or_else(|| length.clone(), |e| Length::of(&inst, &e));
                (ev, occurrence(ev, &inst, &len, rid))
            }
        };
        if run.bounds.overlaps(&occ.start, &occ.end) {
            if !run.afford(template) {
                return;
            }
            out.push(occ);
        }
    }
    // An EXDATE wins over a changed instance of the same date: the instance was moved and
    // later deleted, and clients that delete one write the EXDATE but may keep the override.
    let deleted = |o: &Event| {
        o.recurrence_id.as_ref().is_some_and(|r| {
            let (exact, day) = ev.start.with_wall(r.key_wall(&ev.start)).instance_keys();
            excluded.contains(&exact) || excluded.contains(&day)
        })
    };
    for o in ovs.iter().filter(|o| !deleted(o)) {
        let rid = o.recurrence_id.as_ref().map(|r| r.to_event_time());
        let occ = occurrence(o, &o.start, &own_length(o), rid);
        if run.bounds.overlaps(&occ.start, &occ.end) && run.afford(o) {
            out.push(occ);
        }
    }
}
