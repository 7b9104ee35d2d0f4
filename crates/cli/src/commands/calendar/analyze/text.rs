//! The analysis as terminal text: aligned tables and bar charts within 100 columns.

use std::fmt::Write as _;

use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::{OwnerSource, Shares};

use super::rows::{self, Rows};
use crate::output::{align_right, push_wrapped, table};

/// Width of the share bars, in characters.
const BAR: usize = 40;
/// At most this many warnings or skipped lines are listed; JSON has them all.
const MAX_NOTES: usize = 10;

pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    for line in [
        headline(a),
        window_line(a),
        format!("Owner: {}", owner_line(a)),
    ]
    .into_iter()
    .chain(working_lines(a))
    .chain(counts_lines(a))
    .chain([evidence_line(a), span_line(a)])
    {
        push_wrapped(&mut out, &line, "", "  ");
    }
    for line in guess_lines(a) {
        push_wrapped(&mut out, &line, "Guessed: ", "  ");
    }
    for line in caveat_lines(a) {
        push_wrapped(&mut out, &line, "Caveat: ", "  ");
    }
    out.push('\n');

    if !a.evidence.enough {
        push_wrapped(&mut out, &thin_words(a), "", "");
        let _ = writeln!(out, "{}", closest_line(a));
        push_explain_and_notes(&mut out, a);
        return out;
    }

    let _ = writeln!(out, "{}\n", terminal(rows::working(a)));
    let _ = writeln!(out, "{}\n", terminal(rows::kinds(a)));

    let _ = writeln!(out, "Shape of the week ({})", legend());
    let _ = writeln!(
        out,
        "  {:<12} {}  {}",
        "you",
        bar(&a.shares),
        shares_words(&a.shares)
    );
    for p in &a.track_profiles {
        let _ = writeln!(
            out,
            "  {:<12} {}  {}",
            p.track,
            bar(&p.shares),
            shares_words(&p.shares)
        );
    }
    let _ = writeln!(out, "{}\n", closest_line(a));

    let l = terminal(rows::levels(a));
    let best = a
        .levels
        .best
        .as_deref()
        .and_then(|id| a.levels.fits.iter().find(|f| f.id == id));
    let _ = writeln!(out, "Leadership levels by time allocation");
    let _ = writeln!(out, "{l}");
    match best {
        Some(b) => {
            let _ = writeln!(out, "Best fit: {}\n", b.name);
        }
        None if !a.evidence.enough => {
            let _ = writeln!(out, "Best fit: none (too little evidence in the window)\n");
        }
        None => {
            let _ = writeln!(out, "Best fit: none (no working time)\n");
        }
    }

    let weeks = rows::weeks(a, |shares| bar_of(shares, 30));
    let _ = writeln!(out, "{}", terminal(weeks));
    push_explain_and_notes(&mut out, a);
    out
}

/// What the text says instead of the tables when the window is too thin.
pub fn thin_words(a: &Analysis) -> String {
    if let Some(m) = &a.zone_mismatch {
        return format!(
            "No figures are shown: read in the working hours of {}, they miss most of the busy \
             time (see the caveat about the zone), and no track or level is named from them. \
             (--format json still lists the raw figures, with evidence.enough false.)",
            m.used_tz
        );
    }
    format!(
        "No figures are shown: with {} in {} working day{}, hours and shares would describe a \
         calendar barely in use, not your week, and no track or level is named from them. \
         (--format json still lists the raw figures, with evidence.enough false.)",
        plural(a.counts.busy_instances, "busy event"),
        a.counts.working_days,
        if a.counts.working_days == 1 { "" } else { "s" },
    )
}

/// Caveats that change how the figures read, shown near the top: a zone that is not the
/// calendar's own, a window long past.
pub fn caveat_lines(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = &a.zone_mismatch {
        out.push(format!(
            "most busy time ({} of {} hours) falls outside working hours in {}, but the \
             calendar's own zone is {}; if you work there, set --tz {} (or leave --tz out)",
            hours(m.busy_hours_outside),
            hours(m.busy_hours),
            m.used_tz,
            m.calendar_tz,
            m.calendar_tz
        ));
    }
    if a.evidence.stale {
        out.push(format!(
            "stale evidence: the window ended on {}, long before today; it shows how you \
             worked then, not now (set --from and --to to a recent window)",
            long_date(a.window.to.pred_opt().unwrap_or(a.window.to))
        ));
    }
    out
}

fn push_explain_and_notes(out: &mut String, a: &Analysis) {
    if !a.explain.is_empty() {
        out.push('\n');
        let _ = writeln!(
            out,
            "Occurrences ({}), with the rule that decided each",
            a.explain.len()
        );
        let _ = writeln!(out, "{}", terminal(rows::explain(a, str::to_owned)));
    }

    push_notes(
        out,
        "Warnings",
        &a.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
    );
    push_notes(
        out,
        "Skipped lines",
        &a.skipped_lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
    );
}

pub fn headline(a: &Analysis) -> String {
    let source = match a.window.tz_source.as_str() {
        "calendar" => "the calendar's own zone",
        "option" => "from --tz",
        "events" => "the zone its events are written in; --tz changes it",
        _ => "the local zone; --tz changes it",
    };
    format!(
        "Calendar from {} to {} (exclusive), in {} ({source})",
        a.window.from, a.window.to, a.window.tz
    )
}

/// How the window was chosen, in words.
pub fn window_line(a: &Analysis) -> String {
    use dualtrack_calendar::analysis::WindowSource;
    match a.window.source {
        WindowSource::Given => "Window: as given with --from and --to".to_owned(),
        WindowSource::FromGiven => "Window: four weeks from --from".to_owned(),
        WindowSource::ToGiven => "Window: four weeks up to --to".to_owned(),
        WindowSource::LastBusyWeeks => match a.evidence.span.last {
            Some(last) => format!(
                "Window: the four weeks up to your last meeting on {} (a guess; set --from and \
                 --to to choose)",
                long_date(last)
            ),
            None => "Window: the four weeks up to your last busy week (a guess; set --from and \
                     --to to choose)"
                .to_owned(),
        },
        WindowSource::RecentWeeks => "Window: the four weeks before this one, because the file \
             has no busy time on or before today (a guess; set --from and --to to choose)"
            .to_owned(),
    }
}

/// `12 March 2014`.
pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Whether the window holds enough to compare, in words.
pub fn evidence_line(a: &Analysis) -> String {
    if a.evidence.enough {
        format!("Evidence: {}", a.evidence.reason)
    } else {
        format!(
            "Evidence: {}",
            a.evidence
                .reason
                .replacen("Try a window", "Try a window (--from/--to)", 1)
                .replacen("try a window", "try a window (--from/--to)", 1)
                .replacen("check that the owner", "check the owner (--owner)", 1)
        )
    }
}

/// The span of busy events in the whole file.
pub fn span_line(a: &Analysis) -> String {
    match (a.evidence.span.first, a.evidence.span.last) {
        (Some(f), Some(l)) => format!(
            "Busy events in the file: {} to {} (the last on or before today)",
            long_date(f),
            long_date(l)
        ),
        (Some(f), None) => format!(
            "Busy events in the file: from {}, none on or before today",
            long_date(f)
        ),
        _ => "Busy events in the file: none".to_owned(),
    }
}

/// The CLI's name for an engine field.
pub fn flag_of(field: dualtrack_calendar::analysis::GuessField) -> &'static str {
    use dualtrack_calendar::analysis::GuessField;
    match field {
        GuessField::Tz => "--tz",
        GuessField::Owner => "--owner",
        GuessField::Window => "--from and --to",
    }
}

/// One line per guessed default, naming the flag that changes it.
pub fn guess_lines(a: &Analysis) -> Vec<String> {
    use dualtrack_calendar::analysis::GuessField;
    a.guesses
        .iter()
        .map(|g| {
            let what = match g.field {
                GuessField::Tz => "zone",
                GuessField::Owner => "owner",
                GuessField::Window => "window",
            };
            let value = if g.value.is_empty() {
                "unknown"
            } else {
                g.value.as_str()
            };
            format!(
                "{what} {value} ({}); set {} to change it",
                g.basis,
                flag_of(g.field)
            )
        })
        .collect()
}

/// The closest track, or why there is none.
pub fn closest_line(a: &Analysis) -> String {
    match a.closest_track {
        Some(t) => format!("Closest track: {t} ({})", distances(a)),
        None => "Closest track: none. Too little evidence in the window to say (see Evidence \
                 above)"
            .to_owned(),
    }
}

pub fn owner_line(a: &Analysis) -> String {
    match (&a.owner, a.owner_source) {
        (Some(o), OwnerSource::Option) => format!("{o} (from --owner)"),
        (Some(o), OwnerSource::CalendarName) => format!("{o} (the calendar's name)"),
        (Some(o), _) => format!("{o} (the most frequent attendee; set --owner if wrong)"),
        (None, _) => "unknown (pass --owner EMAIL to recognise declines and outside guests)".into(),
    }
}

pub fn working_lines(a: &Analysis) -> [String; 2] {
    let c = &a.counts;
    let off = match c.out_of_office_days {
        0 => String::new(),
        1 => ", after 1 out-of-office day".to_owned(),
        n => format!(", after {n} out-of-office days"),
    };
    [
        format!(
            "Working time: {} on {}; {} working day{}{off}",
            a.settings.work_hours,
            a.settings.work_days,
            c.working_days,
            if c.working_days == 1 { "" } else { "s" },
        ),
        format!(
            "Free stretches of {} minutes or more count as focus, shorter ones as async",
            a.settings.focus_min
        ),
    ]
}

pub fn counts_lines(a: &Analysis) -> [String; 2] {
    let c = &a.counts;
    [
        format!(
            "Occurrences in the window: {}; busy: {} ({}, {}; {} tentative)",
            c.total,
            c.busy_instances,
            plural(c.meetings, "meeting"),
            plural(c.focus_blocks, "focus block"),
            c.tentative
        ),
        format!(
            "Not busy: {} declined, {} cancelled, {} free, {} all-day",
            c.declined, c.cancelled, c.free, c.all_day
        ),
    ]
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn distances(a: &Analysis) -> String {
    a.distance
        .iter()
        .map(|(k, v)| format!("distance {k} {v:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn shares_words(s: &Shares) -> String {
    format!(
        "meetings {} · async {} · focus {}",
        pct(s.meetings),
        pct(s.async_),
        pct(s.focus)
    )
}

pub fn legend() -> &'static str {
    "█ meetings  ▒ async  ░ focus"
}

fn bar(s: &Shares) -> String {
    bar_of(s, BAR)
}

/// A bar of `width` characters split by largest remainder so the parts always fill it.
pub fn bar_of(s: &Shares, width: usize) -> String {
    let parts = [s.meetings, s.async_, s.focus];
    let total: f64 = parts.iter().sum();
    if total <= 0.0 {
        return " ".repeat(width);
    }
    let exact: Vec<f64> = parts.iter().map(|p| p / total * width as f64).collect();
    let mut cells: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut left = width.saturating_sub(cells.iter().sum());
    let mut order: Vec<usize> = (0..3).collect();
    order.sort_by(|&i, &j| {
        let (ri, rj) = (exact[i] - exact[i].floor(), exact[j] - exact[j].floor());
        rj.total_cmp(&ri).then(i.cmp(&j))
    });
    for i in order {
        if left == 0 {
            break;
        }
        cells[i] += 1;
        left -= 1;
    }
    ["█", "▒", "░"]
        .iter()
        .zip(cells)
        .map(|(c, n)| c.repeat(n))
        .collect()
}

pub fn outcome_word(o: dualtrack_calendar::analysis::Outcome) -> &'static str {
    use dualtrack_calendar::analysis::Outcome;
    match o {
        Outcome::OutOfOffice => "out of office",
        Outcome::AllDay => "all-day",
        Outcome::Cancelled => "cancelled",
        Outcome::Declined => "declined",
        Outcome::Free => "free",
        Outcome::Busy => "busy",
    }
}

/// `2026-01-05 10:00-11:00` for a same-day span, else both ends in full.
pub fn when(start: &str, end: &str) -> String {
    let (s, e) = (short_time(start), short_time(end));
    match (s.split_once(' '), e.split_once(' ')) {
        (Some((d1, t1)), Some((d2, t2))) if d1 == d2 => format!("{d1} {t1}-{t2}"),
        _ if s.len() == 10 && e.len() == 10 => {
            // All-day ends are exclusive: show the last day the event covers.
            let last = chrono::NaiveDate::parse_from_str(&e, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.pred_opt())
                .map(|d| d.to_string());
            match last {
                Some(last) if last > s => format!("{s} to {last} (all day)"),
                _ => format!("{s} (all day)"),
            }
        }
        _ => format!("{s} to {e}"),
    }
}

/// `2026-01-05T10:00:00+01:00` -> `2026-01-05 10:00`; dates stay as they are.
pub fn short_time(s: &str) -> String {
    match s.get(..16) {
        Some(head) if s.len() > 10 => head.replacen('T', " ", 1),
        _ => s.to_owned(),
    }
}

/// `coding 100% (usual 70-90%)`.
pub fn outside_words(
    activity: dualtrack_framework::Activity,
    share: f64,
    low: f64,
    high: f64,
) -> String {
    let name = activity.as_str().replace('_', "-");
    format!(
        "{name} {} (usual {:.0}-{})",
        pct(share),
        low * 100.0,
        pct(high)
    )
}

/// Hours for reading: one decimal (JSON keeps the full figure).
pub fn hours(v: f64) -> String {
    format!("{v:.1}")
}

/// A share for reading: whole percent (JSON keeps the full figure).
pub fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// A table of rows as the terminal shows it.
fn terminal(rows: Rows) -> comfy_table::Table {
    let mut t = table(&rows.header);
    for row in rows.rows {
        t.add_row(row);
    }
    align_right(&mut t, &rows.numeric);
    t
}

fn push_notes(out: &mut String, title: &str, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({})", notes.len());
    for n in notes.iter().take(MAX_NOTES) {
        push_wrapped(out, n, "  - ", "    ");
    }
    if notes.len() > MAX_NOTES {
        let _ = writeln!(
            out,
            "  ... and {} more (--format json lists them all)",
            notes.len() - MAX_NOTES
        );
    }
}
