//! The per-occurrence pass and the per-day measurement that turn occurrences into figures.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;
use dualtrack_framework::Framework;

use super::classify::{Classifier, Outcome, Role, is_all_day};
use super::error::{AnalysisError, OptionError};
use super::evidence::{EvidenceRule, WindowFacts};
use super::fit::{closest, level_fits, profile_basis, track_fits};
use super::intervals::{IntervalSet, Span};
use super::latest_window::{
    EventSpan, WindowSource, given_window, looks_busy, recent_weeks, weeks_up_to,
};
use super::options::AnalyzeOptions;
use super::owner::{OwnerSource, infer_owner};
use super::result::{
    Analysis, Categories, Counts, Explained, Guess, GuessField, Hours, Note, Settings, Shares,
    TrackShape, Week, Window, ZoneMismatch,
};
use super::rules::Rules;
use super::tally::{Tally, measure_day};
use super::window::{WorkDay, event_date, event_instant, window_span, working_days};
use super::zone_choice::{ZoneChoice, ZoneSource};
use crate::CalendarError;
use crate::occurrence::{EventStatus, EventTime, Occurrence, PartStat};

/// The longest window analysed: a century is far beyond any real question, and keeps the
/// per-day work bounded on hostile input.
const MAX_WINDOW_DAYS: i64 = 36_525;

/// What the caller knows about the inputs besides their occurrences.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `X-WR-CALNAME` of each input that has one (an address there names the owner).
    pub calendar_names: Vec<String>,
    /// The first input's `X-WR-TIMEZONE`, used when the options name no zone.
    pub calendar_tz: Option<Tz>,
    /// The input's name when there is exactly one (explanations then name it).
    pub single_source: Option<String>,
    /// Caveats from parsing and expansion, reported as they are.
    pub warnings: Vec<Note>,
    pub skipped_lines: Vec<Note>,
}

/// The zone, window and file span an analysis runs with, settled before measuring.
#[derive(Debug, Clone, Copy)]
pub struct Resolved {
    pub zone: ZoneChoice,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub window_source: WindowSource,
    pub span: EventSpan,
    /// The zone the calendar itself is in (its `X-WR-TIMEZONE`, else the zone most of its
    /// events are written in), when the zone used was chosen by the caller; `None` otherwise.
    pub calendar_zone: Option<Tz>,
}

/// Refuse options that cannot give a meaningful answer.
pub fn validate(options: &AnalyzeOptions) -> Result<(), AnalysisError> {
    if let Some((from, to, _)) = given_window(options.from, options.to) {
        validate_window(from, to)?;
    }
    if options.focus_min_minutes == 0 {
        return Err(OptionError::FocusMin.into());
    }
    if let Some(owner) = &options.owner
        && infer_owner(Some(owner), &[], &[]).0.is_none()
    {
        return Err(OptionError::Owner(owner.clone()).into());
    }
    Ok(())
}

/// The window chosen when none is given: four full weeks up to the last busy week, else the
/// four weeks before this one. It never reaches past today: when the last busy week is this
/// week, the window is the four weeks up to today (exclusive), so no meeting that has not
/// happened yet is counted.
pub fn default_window(span: EventSpan, today: NaiveDate) -> (NaiveDate, NaiveDate, WindowSource) {
    match span.last {
        Some(last) => {
            let (from, to) = weeks_up_to(last);
            let (from, to) = if to > today {
                let from = today
                    .checked_sub_days(chrono::Days::new(super::latest_window::DEFAULT_WEEKS * 7))
                    .unwrap_or(from);
                (from, today)
            } else {
                (from, to)
            };
            (from, to, WindowSource::LastBusyWeeks)
        }
        None => {
            let (from, to) = recent_weeks(today);
            (from, to, WindowSource::RecentWeeks)
        }
    }
}

fn validate_window(from: NaiveDate, to: NaiveDate) -> Result<(), AnalysisError> {
    let days = (to - from).num_days();
    if days <= 0 {
        return Err(OptionError::EmptyWindow { from, to }.into());
    }
    if days > MAX_WINDOW_DAYS {
        return Err(OptionError::WindowTooLong {
            from,
            to,
            days,
            max: MAX_WINDOW_DAYS,
        }
        .into());
    }
    Ok(())
}

/// Analyse occurrences that are already expanded. The zone is `options.tz`, else
/// `context.calendar_tz`, else `options.default_tz`; with no window given, the last busy
/// weeks among these occurrences (on or before `options.today`) are used.
pub fn analyze_occurrences(
    occurrences: &[Occurrence],
    context: &Context,
    options: &AnalyzeOptions,
    framework: &Framework,
) -> Result<Analysis, CalendarError> {
    validate(options)?;
    let zone = match (options.tz, context.calendar_tz) {
        (Some(tz), _) => (tz, ZoneSource::Option),
        (None, Some(tz)) => (tz, ZoneSource::Calendar),
        (None, None) => (options.default_tz, ZoneSource::Default),
    };
    let zone = ZoneChoice {
        tz: zone.0,
        source: zone.1,
        votes: (0, 0),
    };
    let busy_days = occurrences
        .iter()
        .filter(|o| looks_busy(o, options.owner.as_deref()))
        .map(|o| o.start.date_in(zone.tz));
    let first = busy_days.clone().min();
    let last = busy_days.filter(|d| *d <= options.today).max();
    let span = EventSpan { first, last };
    let (from, to, window_source) = given_window(options.from, options.to)
        .unwrap_or_else(|| default_window(span, options.today));
    let resolved = Resolved {
        zone,
        from,
        to,
        window_source,
        span,
        calendar_zone: context
            .calendar_tz
            .filter(|_| zone.source == ZoneSource::Option),
    };
    analyze_resolved(occurrences, context, options, &resolved, framework)
}

/// Measure `occurrences` over a window and zone already settled.
pub fn analyze_resolved(
    occurrences: &[Occurrence],
    context: &Context,
    options: &AnalyzeOptions,
    resolved: &Resolved,
    framework: &Framework,
) -> Result<Analysis, CalendarError> {
    validate(options)?;
    validate_window(resolved.from, resolved.to)?;
    let evidence_rule = EvidenceRule::embedded().map_err(AnalysisError::from)?;
    let embedded;
    let rules: &Rules = match &options.rules {
        Some(r) => r,
        None => {
            embedded = Rules::embedded().map_err(AnalysisError::from)?;
            embedded
        }
    };
    let tz = resolved.zone.tz;
    let (from, to) = (resolved.from, resolved.to);
    let names: Vec<Option<&str>> = context
        .calendar_names
        .iter()
        .map(|n| Some(n.as_str()))
        .collect();
    let (owner, owner_source) = infer_owner(options.owner.as_deref(), &names, occurrences);

    let mut classifier = Classifier::new(rules, owner.as_deref());
    let window = window_span(tz, from, to);
    let mut counts = Counts::default();
    let mut busy: Vec<(Span, Role)> = Vec::new();
    let mut off: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut explain = Vec::new();
    let mut timed_absences: Vec<usize> = Vec::new();

    for occ in occurrences {
        let all_day = is_all_day(occ);
        let span = if all_day {
            let first = event_date(tz, &occ.start);
            let end = event_date(tz, &occ.end);
            // A missing or inverted end means a one-day event.
            let end = if end > first {
                end
            } else {
                first.succ_opt().unwrap_or(first)
            };
            if end <= from || first >= to {
                continue;
            }
            None
        } else {
            let s = Span::new(event_instant(tz, &occ.start), event_instant(tz, &occ.end));
            let inside = if s.is_empty() {
                window.start <= s.start && s.start < window.end
            } else {
                s.overlaps(window)
            };
            if !inside {
                continue;
            }
            Some(s)
        };

        let verdict = classifier.classify(occ);
        counts.total += 1;
        match verdict.outcome {
            Outcome::OutOfOffice => {
                counts.all_day += 1;
                counts.out_of_office_events += 1;
                let first = event_date(tz, &occ.start).max(from);
                let end = event_date(tz, &occ.end).min(to);
                let end = if end > first {
                    end
                } else {
                    first.succ_opt().unwrap_or(first)
                };
                off.extend(first.iter_days().take_while(|d| *d < end));
            }
            Outcome::AllDay => counts.all_day += 1,
            Outcome::Cancelled => counts.cancelled += 1,
            Outcome::Declined => counts.declined += 1,
            Outcome::Free => counts.free += 1,
            Outcome::Busy => {
                counts.busy_instances += 1;
                if is_tentative(occ, owner.as_deref()) {
                    counts.tentative += 1;
                }
                match verdict.role {
                    Some(Role::FocusBlock) => counts.focus_blocks += 1,
                    _ => counts.meetings += 1,
                }
                if verdict.looks_away {
                    timed_absences.push(occ.line);
                }
                if let (Some(s), Some(role)) = (span, verdict.role) {
                    busy.push((s, role));
                }
            }
        }
        if options.explain {
            explain.push(Explained {
                source: context.single_source.clone(),
                line: occ.line,
                uid: occ.uid.to_string(),
                start: show_time(tz, &occ.start),
                end: show_time(tz, &occ.end),
                summary: occ.summary.as_deref().map(str::to_owned),
                outcome: verdict.outcome,
                category: verdict.role.map(|r| r.id().to_owned()),
                rule: verdict.rule,
            });
        }
    }

    let days = working_days(tz, from, to, options.work_hours, options.work_days, &off);
    counts.working_days = days.len() as u64;
    counts.out_of_office_days = off
        .iter()
        .filter(|d| **d >= from && **d < to && options.work_days.contains(d.weekday()))
        .count() as u64;

    let per_day = assign_to_days(&days, &busy);
    let focus_min = i64::from(options.focus_min_minutes) * 60;
    let mut total = Tally::default();
    let mut busy_day_count = 0u64;
    let mut weeks: BTreeMap<(i32, u32), Tally> = BTreeMap::new();
    // Every ISO week touching the window appears, even one with no working time.
    for d in from.iter_days().take_while(|d| *d < to) {
        let w = d.iso_week();
        weeks.entry((w.year(), w.week())).or_default();
    }
    for (day, items) in days.iter().zip(&per_day) {
        let t = measure_day(day.span, items, &rules.precedence, focus_min);
        if t.busy() > 0 {
            busy_day_count += 1;
        }
        total += t;
        let w = day.date.iso_week();
        *weeks.entry((w.year(), w.week())).or_default() += t;
    }

    let mismatch = zone_mismatch(resolved, &busy, window, &total);
    let shares = Shares::from_tally(&total);
    let fits = track_fits(&shares, framework);
    let profile_basis = profile_basis(framework);
    let best = closest(&fits).ok_or(AnalysisError::Framework("track profiles"))?;
    let mut levels = level_fits(&total, framework);
    let mut evidence = evidence_rule.judge(
        WindowFacts {
            working_days: counts.working_days,
            busy_days: busy_day_count,
            busy_events: counts.busy_instances,
        },
        resolved.span,
    );
    let stale = evidence_rule.staleness(to, options.today);
    evidence.stale = stale.is_some();
    evidence.finding = evidence.enough && !evidence.stale;
    if let Some(m) = &mismatch
        && !evidence.enough
    {
        // The advice about the window and the owner misses the likelier cause: say it first.
        let zone = format!(
            "Check the zone first: most busy time falls outside working hours in {}, while \
             the calendar's own zone is {}",
            m.used_tz, m.calendar_tz
        );
        evidence.reason = match evidence.reason.split_once(". Try a window") {
            Some((why, rest)) => format!("{why}. {zone}. Otherwise try a window{rest}"),
            None => format!("{}. {zone}", evidence.reason.trim_end_matches('.')),
        };
    }
    // Below the evidence rule the figures are still shown, but nothing is concluded from them.
    let closest_track = evidence.enough.then_some(best.kind);
    if !evidence.enough {
        levels.best = None;
    }
    let guesses = guesses(resolved, owner.as_deref(), owner_source);

    let mut warnings = context.warnings.clone();
    if let Some(m) = &mismatch {
        warnings.push(Note {
            source: context.single_source.clone().unwrap_or_default(),
            line: 0,
            message: m.words(&options.work_hours.to_string()),
        });
    }
    if let Some(caveat) = stale {
        warnings.push(Note {
            source: context.single_source.clone().unwrap_or_default(),
            line: 0,
            message: caveat,
        });
    }
    warnings.extend(figure_warnings(
        &total,
        owner.is_none(),
        &timed_absences,
        context,
    ));

    Ok(Analysis {
        window: Window {
            from,
            to,
            tz: tz.name().to_owned(),
            tz_source: resolved.zone.source.id().to_owned(),
            source: resolved.window_source,
        },
        owner,
        owner_source,
        settings: Settings {
            work_hours: options.work_hours.to_string(),
            work_days: options.work_days.to_string(),
            focus_min: options.focus_min_minutes,
            rules: rules.source.clone(),
        },
        counts,
        hours: Hours::from_tally(&total),
        shares,
        categories: Categories::from_tally(&total),
        closest_track,
        distance: fits.iter().map(|f| (f.track.clone(), f.distance)).collect(),
        track_profiles: fits
            .iter()
            .map(|f| TrackShape {
                track: f.track.clone(),
                shares: f.profile,
                label: format!(
                    "Typical {} week: {:.0}% meetings, {:.0}% async, {:.0}% focus",
                    person(&f.track),
                    f.profile.meetings * 100.0,
                    f.profile.async_ * 100.0,
                    f.profile.focus * 100.0
                ),
                basis: profile_basis.clone(),
            })
            .collect(),
        levels,
        evidence,
        zone_mismatch: mismatch,
        guesses,
        weeks: weeks
            .into_iter()
            .map(|((y, w), t)| Week {
                week: format!("{y}-W{w:02}"),
                working_days: t.working_days,
                hours: Hours::from_tally(&t),
                shares: Shares::from_tally(&t),
                categories: Categories::from_tally(&t),
            })
            .collect(),
        warnings,
        skipped_lines: context.skipped_lines.clone(),
        explain,
    })
}

/// The defaults that were guessed, each with what it rests on.
fn guesses(resolved: &Resolved, owner: Option<&str>, owner_source: OwnerSource) -> Vec<Guess> {
    let mut out = Vec::new();
    match resolved.zone.source {
        ZoneSource::Events => out.push(Guess {
            field: GuessField::Tz,
            value: resolved.zone.tz.name().to_owned(),
            basis: format!(
                "the zone {} of {} timed events with a named zone are written in (the file \
                names no calendar zone)",
                resolved.zone.votes.0, resolved.zone.votes.1
            ),
        }),
        ZoneSource::Default => out.push(Guess {
            field: GuessField::Tz,
            value: resolved.zone.tz.name().to_owned(),
            basis: "neither the calendar nor its events name a zone, so your own zone is used"
                .to_owned(),
        }),
        ZoneSource::Option | ZoneSource::Calendar => {}
    }
    match (owner, owner_source) {
        (Some(o), OwnerSource::CalendarName) => out.push(Guess {
            field: GuessField::Owner,
            value: o.to_owned(),
            basis: "the calendar's name is this address".to_owned(),
        }),
        (Some(o), OwnerSource::MostFrequentAttendee) => out.push(Guess {
            field: GuessField::Owner,
            value: o.to_owned(),
            basis: "the address invited to the most events".to_owned(),
        }),
        (None, _) => out.push(Guess {
            field: GuessField::Owner,
            value: String::new(),
            basis: "nothing in the file says whose calendar it is, so declines are not \
            recognised and no guest counts as external"
                .to_owned(),
        }),
        _ => {}
    }
    match resolved.window_source {
        WindowSource::LastBusyWeeks => out.push(Guess {
            field: GuessField::Window,
            value: format!("{} to {}", resolved.from, resolved.to),
            basis: match resolved.span.last {
                // The last busy week reaches past today: the window stops at today.
                Some(last) if weeks_up_to(last).1 > resolved.to => format!(
                    "the four weeks up to today: the last busy day is {}, and days from \
                     today on are left out because their meetings have not happened yet",
                    last.format("%-d %B %Y")
                ),
                Some(last) => format!(
                    "the four full weeks up to the last busy day on or before today, {}",
                    last.format("%-d %B %Y")
                ),
                None => "the four full weeks up to the last busy week".to_owned(),
            },
        }),
        WindowSource::RecentWeeks => out.push(Guess {
            field: GuessField::Window,
            value: format!("{} to {}", resolved.from, resolved.to),
            basis: "the four weeks before this one: the file has no busy time on or before \
            today"
                .to_owned(),
        }),
        _ => {}
    }
    out
}

/// The zone used differs from the calendar's own and most busy time in the window falls
/// outside working hours: the figures likely measure the wrong hours of the day.
fn zone_mismatch(
    resolved: &Resolved,
    busy: &[(Span, Role)],
    window: Span,
    total: &Tally,
) -> Option<ZoneMismatch> {
    let calendar_tz = resolved.calendar_zone?;
    if calendar_tz == resolved.zone.tz {
        return None;
    }
    let in_window = IntervalSet::from_spans(
        busy.iter()
            .filter_map(|(span, _)| span.clip(window))
            .collect(),
    )
    .total();
    let in_hours = total.busy();
    if in_window <= 0 || in_hours * 2 >= in_window {
        return None;
    }
    Some(ZoneMismatch {
        calendar_tz: calendar_tz.name().to_owned(),
        used_tz: resolved.zone.tz.name().to_owned(),
        busy_hours: in_window as f64 / 3600.0,
        busy_hours_outside: (in_window - in_hours).max(0) as f64 / 3600.0,
    })
}

/// For each working day (sorted, disjoint), the busy spans that touch it.
fn assign_to_days(days: &[WorkDay], busy: &[(Span, Role)]) -> Vec<Vec<(Span, Role)>> {
    let mut per_day: Vec<Vec<(Span, Role)>> = vec![Vec::new(); days.len()];
    for &(span, role) in busy {
        // First day that ends after the span starts; then walk while days start before it ends.
        let first = days.partition_point(|d| d.span.end <= span.start);
        for (day, bucket) in days.iter().zip(per_day.iter_mut()).skip(first) {
            if day.span.start >= span.end {
                break;
            }
            bucket.push((span, role));
        }
    }
    per_day
}

fn is_tentative(occ: &Occurrence, owner: Option<&str>) -> bool {
    occ.status == EventStatus::Tentative
        || owner.is_some_and(|o| {
            occ.attendees
                .iter()
                .any(|a| a.email == o && a.partstat == PartStat::Tentative)
        })
}

/// Caveats about the figures themselves.
fn figure_warnings(
    total: &Tally,
    no_owner: bool,
    timed_absences: &[usize],
    context: &Context,
) -> Vec<Note> {
    let source = context.single_source.clone().unwrap_or_default();
    let mut out = Vec::new();
    let mut say = |line: usize, message: String| {
        out.push(Note {
            source: source.clone(),
            line,
            message,
        });
    };
    if total.working == 0 {
        say(
            0,
            "no working time in the window (check its dates, the working days and the \
             out-of-office days); shares are 0"
                .into(),
        );
    }
    if no_owner {
        say(
            0,
            "could not tell whose calendar this is: declines are not recognised and no guest \
             counts as external; give the owner's email address"
                .into(),
        );
    }
    if let Some(first) = timed_absences.first() {
        say(
            *first,
            format!(
                "{} timed event(s) look like time off but were counted as busy; only all-day \
                 events take days out of working time",
                timed_absences.len()
            ),
        );
    }
    out
}

/// An event time for explanations: dates as dates, times in the analysis zone.
fn show_time(tz: Tz, t: &EventTime) -> String {
    match t {
        EventTime::Date(d) => d.format("%Y-%m-%d").to_string(),
        _ => tz
            .timestamp_opt(event_instant(tz, t), 0)
            .single()
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
            .unwrap_or_default(),
    }
}

/// "IC" or "manager" for a track id, in words for a label; an unknown id as it is.
pub(crate) fn person(track: &str) -> String {
    track
        .parse::<dualtrack_framework::Track>()
        .map_or_else(|_| track.to_owned(), |t| t.person().to_owned())
}

#[cfg(test)]
mod tests;
