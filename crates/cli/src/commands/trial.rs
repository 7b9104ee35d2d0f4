//! `dualtrack trial`: accompany a bounded trial of the other track, from the terminal.
//!
//! The engine is `dualtrack-trial` (pure, dates passed in); this shell reads the clock
//! (`DUALTRACK_TODAY` pins "today"), the files and the terminal, and keeps the trial in the same
//! database as `assess --save`, owned by a local profile. Only weekly calendar shares are kept,
//! never the calendar itself.

mod args;
mod checkin;
mod review;
mod store;

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::{DateTime, NaiveDate, Utc};
use dualtrack_trial::{
    DEFAULT_ORG, ExitCriteria, MAX_DOCUMENT_BYTES, MAX_TRIAL_BYTES, Sponsor, SponsorCheckin,
    SwitchbackClock, Trial, TrialContent, TrialKind, TrialSpec, WeekPoint, export_json, render_ics,
};
use serde::Serialize;

use crate::clock::today;
use crate::commands::calendar::analyze::analyze_files;
use crate::input::{self, Kind};
use crate::output::layout::{self, push_wrapped};
use crate::output::{Format, emit};

pub use args::*;
pub use store::Place;

pub fn run(args: TrialArgs) -> anyhow::Result<ExitCode> {
    let content = TrialContent::embedded().context("the built-in trial content is broken")?;
    let place = args.place;
    match args.command {
        TrialCommand::Start(a) => start(&place, a, &content),
        TrialCommand::Checkin(a) => checkin::run(&place, a, &content),
        TrialCommand::Calendar(a) => calendar(&place, &a, &content),
        TrialCommand::Review(a) => review::run(&place, a, &content),
        TrialCommand::Schedule(a) => schedule(&place, &a, &content),
        TrialCommand::Clock(a) => clock(&place, &a, &content),
        TrialCommand::Sponsor(a) => sponsor(&place, &a, &content),
        TrialCommand::Extend(a) => extend(&place, &a, &content),
        TrialCommand::Export(a) => export(&place, &a, &content),
        TrialCommand::Import(a) => import(&place, &a, &content),
        TrialCommand::Delete(a) => delete(&place, &a, &content),
        TrialCommand::List(a) => list(&place, &a),
    }
}

/// The time a feed is generated: now, or midnight UTC of a pinned `DUALTRACK_TODAY`.
fn stamp() -> DateTime<Utc> {
    if std::env::var_os("DUALTRACK_TODAY").is_some() {
        return today()
            .and_hms_opt(0, 0, 0)
            .map_or_else(Utc::now, |t| t.and_utc());
    }
    Utc::now()
}

fn start(place: &Place, args: StartArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let mut spec = if let Some(path) = &args.file {
        let (origin, text) = input::read_text(path, Kind::new("trial file", MAX_TRIAL_BYTES))?;
        let mut spec = TrialSpec::from_toml(&origin, &text, content)?;
        // `--org` given beside a file that leaves `org` out fills it in.
        if let (true, Some(org)) = (spec.org_assumed, &args.org) {
            spec.org.clone_from(org);
            spec.org_assumed = false;
        }
        spec
    } else {
        let kind_text = args.kind.as_deref().unwrap_or_default();
        let kind: TrialKind = kind_text
            .parse()
            .map_err(|message: String| anyhow::anyhow!("--kind: {message}"))?;
        let trim = |items: &[String]| items.iter().map(|s| s.trim().to_owned()).collect();
        TrialSpec {
            kind,
            format: args.plan_format.clone(),
            start: args.start.unwrap_or_else(today),
            months: args.months,
            org: args.org.clone().unwrap_or_else(|| DEFAULT_ORG.to_owned()),
            org_assumed: args.org.is_none(),
            side_practice: args.side_practice,
            months_in_management_before: 0,
            exit_criteria: ExitCriteria {
                continue_if: trim(&args.continue_if),
                return_if: trim(&args.return_if),
            },
            sponsor: match (&args.sponsor_name, &args.sponsor_role) {
                (Some(name), Some(role)) => Some(Sponsor {
                    name: name.trim().to_owned(),
                    role: role.trim().to_owned(),
                    checkins: Vec::new(),
                }),
                _ => None,
            },
            start_answers: None,
        }
    };
    if let Some(path) = &args.answers {
        spec.start_answers = Some(crate::commands::assess::read_answers(path)?);
    }
    let trial = store::create(place, spec, content)?;
    let schedule = trial.schedule(content);
    let summary = Started {
        id: trial.id.clone(),
        kind: trial.spec.kind.id(),
        start: trial.spec.start,
        end: trial.end_date(),
        first_checkin: schedule.checkins.first().copied(),
        reviews: schedule
            .gates
            .iter()
            .map(|g| (g.date, g.title.clone()))
            .collect(),
        org: trial.spec.org.clone(),
        org_assumed: trial.spec.org_assumed,
    };
    let text = || started_text(&trial, &summary, content);
    emit(args.format, &summary, text, text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct Started {
    id: String,
    kind: &'static str,
    start: NaiveDate,
    end: NaiveDate,
    first_checkin: Option<NaiveDate>,
    reviews: Vec<(NaiveDate, String)>,
    /// The organisation kind for the switch-back estimate, and whether it was assumed.
    org: String,
    org_assumed: bool,
}

fn started_text(trial: &Trial, s: &Started, content: &TrialContent) -> String {
    let mut out = format!(
        "Started trial {}: {}, {} to {} ({} months).\n",
        s.id,
        trial.spec.kind.label(),
        s.start,
        s.end,
        trial.spec.months
    );
    if s.org_assumed && trial.spec.kind.away_from_ic() {
        push_wrapped(
            &mut out,
            &format!(
                "Assumed {} for the switch-back estimate, since --org was not given. To change \
                 it, delete this trial (`dualtrack trial delete --yes`) and start again with \
                 --org KIND ({}).",
                content.switchback.org_phrase(&s.org),
                content.switchback.org_ids()
            ),
            "",
            "",
        );
    }
    if let Some(first) = s.first_checkin {
        let _ = writeln!(
            out,
            "First weekly check-in: {first} (`dualtrack trial checkin`)."
        );
    }
    out.push_str("Reviews:\n");
    for (date, title) in &s.reviews {
        let _ = writeln!(out, "  {date}  {title}");
    }
    out
}

fn calendar(
    place: &Place,
    args: &CalendarArgs,
    content: &TrialContent,
) -> anyhow::Result<ExitCode> {
    let (stored, mut trial) = store::load(place, content)?;
    let analysis = analyze_files(&args.files, &args.options)?;
    // A thin window would enter the trial's trend as weeks of pure focus time: refuse it, as
    // `calendar analyze` refuses to name a track from it.
    if !analysis.evidence.enough {
        anyhow::bail!(
            "kept nothing: {}; choose the weeks with --from and --to",
            analysis.evidence.reason
        );
    }
    let points = WeekPoint::from_analysis(&analysis);
    let offered = points.len();
    // A week without a single busy event in an otherwise busy export is a week the export
    // does not cover (or a week away), not a week of focus.
    let (points, empty): (Vec<WeekPoint>, Vec<WeekPoint>) =
        points.into_iter().partition(|p| p.busy_hours > 0.0);
    let (from, to) = trial.calendar_range();
    let kept = match trial.add_calendar(points) {
        Ok(kept) => kept,
        Err(e) => bail!("{e} (pick them with --from {from} --to {to})"),
    };
    if kept == 0 {
        bail!(
            "kept nothing: none of the {offered} week(s) analysed had any busy time; choose busy \
             working weeks between {from} and {to} with --from and --to"
        );
    }
    store::save(place, &stored, &trial)?;
    // The analysis (and with it every event) is dropped here; only the weekly shares remain.
    let summary = CalendarKept {
        kept,
        offered,
        left_out: empty.iter().map(|p| p.week.clone()).collect(),
        total: trial.calendar.len(),
    };
    let text = || {
        let mut out = format!(
            "Kept the meeting, async and focus shares of {kept} week(s) (of {offered} in the export); \
             the calendar itself was not stored. The trial now holds {} week(s).\n",
            summary.total
        );
        if !summary.left_out.is_empty() {
            let _ = writeln!(
                out,
                "Left out {} week(s) with no busy time at all ({}): the export does not cover them, \
                 or you were away.",
                summary.left_out.len(),
                summary.left_out.join(", ")
            );
        }
        out
    };
    emit(args.format, &summary, text, text)?;
    Ok(ExitCode::SUCCESS)
}

/// What `trial calendar` kept.
#[derive(Debug, Serialize)]
struct CalendarKept {
    kept: usize,
    offered: usize,
    /// ISO weeks left out because they had no busy time.
    left_out: Vec<String>,
    /// Calendar weeks the trial now holds.
    total: usize,
}

/// A one-line result of a change (`sponsor`, `extend`, `import`, `delete`) for `--format json`.
#[derive(Debug, Serialize)]
struct Changed {
    id: String,
    done: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<NaiveDate>,
}

fn changed(format: Format, result: &Changed) -> anyhow::Result<ExitCode> {
    let text = || format!("{}\n", result.message);
    emit(format, result, text, text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct ScheduleView {
    checkins: Vec<NaiveDate>,
    gates: Vec<dualtrack_trial::Gate>,
}

fn schedule(
    place: &Place,
    args: &ScheduleArgs,
    content: &TrialContent,
) -> anyhow::Result<ExitCode> {
    let (_, trial) = store::load(place, content)?;
    if args.ics {
        print!("{}", render_ics(&trial, content, stamp()));
        return Ok(ExitCode::SUCCESS);
    }
    let s = trial.schedule(content);
    let view = ScheduleView {
        checkins: s.checkins,
        gates: s.gates,
    };
    let text = || {
        let mut out = format!(
            "{} weekly check-ins, {} to {}.\nReviews:\n",
            view.checkins.len(),
            view.checkins
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            view.checkins
                .last()
                .map(ToString::to_string)
                .unwrap_or_default(),
        );
        for g in &view.gates {
            let _ = writeln!(out, "  {}  {}  ({})", g.date, g.title, g.id);
        }
        out
    };
    let markdown = || {
        let mut out = format!(
            "# Trial schedule\n\n{} weekly check-ins from {}.\n\n| Date | Review |\n| --- | --- |\n",
            view.checkins.len(),
            view.checkins
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
        );
        for g in &view.gates {
            let _ = writeln!(out, "| {} | {} |", g.date, g.title);
        }
        out
    };
    emit(args.format, &view, text, markdown)?;
    Ok(ExitCode::SUCCESS)
}

fn clock(place: &Place, args: &ClockArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (_, trial) = store::load(place, content)?;
    let at = args.at.unwrap_or_else(today);
    // Only time away from hands-on work counts towards the way back.
    let in_trial = if trial.spec.kind.away_from_ic() {
        trial.months_elapsed(at)
    } else {
        0
    };
    let months = trial
        .spec
        .months_in_management_before
        .saturating_add(in_trial);
    let clock = SwitchbackClock::build(
        &content.switchback,
        &trial.spec.org,
        trial.spec.side_practice,
        months,
        args.years,
    )?;
    emit(
        args.format,
        &clock,
        || clock_text(&clock, content),
        || dualtrack_trial::markdown::render_clock(&clock, 1),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The switch-back clock for a terminal: a title, one row a year, the warnings wrapped.
fn clock_text(clock: &SwitchbackClock, content: &TrialContent) -> String {
    let mut out = String::new();
    layout::title(&mut out, "Switch-back clock", '=');
    push_wrapped(
        &mut out,
        &format!(
            "The way back to hands-on work after {} month(s) in management so far, a year at a \
             time, at {}{}.",
            clock.months_so_far,
            content.switchback.org_phrase(&clock.org),
            if clock.side_practice {
                " with a side technical practice"
            } else {
                ""
            }
        ),
        "",
        "",
    );
    out.push('\n');
    let mut table = layout::table(&["When", "Months in management", "Way back", "Ramp-up months"]);
    for p in &clock.points {
        table.add_row(vec![
            if p.years_from_now == 0 {
                "now".to_owned()
            } else {
                format!("in {} year(s)", p.years_from_now)
            },
            p.months_in_management.to_string(),
            p.band_name.clone(),
            format!("{}-{}", p.ramp_months.low, p.ramp_months.high),
        ]);
    }
    layout::align_right(&mut table, &[1, 3]);
    out.push_str(&layout::render(table));
    out.push('\n');
    for w in &clock.warnings {
        out.push('\n');
        push_wrapped(&mut out, &w.text, "- ", "  ");
        push_wrapped(
            &mut out,
            &format!("Basis: {}.", w.provenance.describe()),
            "  ",
            "  ",
        );
    }
    out
}

fn sponsor(place: &Place, args: &SponsorArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (stored, mut trial) = store::load(place, content)?;
    let (origin, text) = input::read_text(
        &args.answers,
        Kind::new("sponsor's answers file", 16 * 1024),
    )?;
    let mut table: toml::Table =
        toml::from_str(&text).with_context(|| format!("{origin}: not a TOML file"))?;
    // A bare TOML date reads as a datetime; the check-in wants the plain date.
    if let Some(toml::Value::Datetime(d)) = table.get("date") {
        let date = d.to_string();
        table.insert("date".into(), toml::Value::String(date));
    }
    let checkin: SponsorCheckin = table.try_into().with_context(|| {
        format!(
            "{origin}: write `gate = \"ID\"`, `date = YYYY-MM-DD` and an `[answers]` table \
             (see `dualtrack trial schedule` for the gate ids)"
        )
    })?;
    let gate = checkin.gate.clone();
    trial.add_sponsor_checkin(checkin, content)?;
    store::save(place, &stored, &trial)?;
    changed(
        args.format,
        &Changed {
            id: trial.id.clone(),
            done: "sponsor",
            message: format!(
                "Kept your sponsor's answers for the review `{gate}`; the review shows them beside yours."
            ),
            end: None,
        },
    )
}

fn extend(place: &Place, args: &ExtendArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (stored, mut trial) = store::load(place, content)?;
    let months = trial.extend_once(content)?;
    store::save(place, &stored, &trial)?;
    changed(
        args.format,
        &Changed {
            id: trial.id.clone(),
            done: "extended",
            message: format!(
                "Extended the trial once, to {months} months: it now ends on {}.",
                trial.end_date()
            ),
            end: Some(trial.end_date()),
        },
    )
}

fn import(place: &Place, args: &ImportArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (origin, text) =
        input::read_text(&args.file, Kind::new("trial export", MAX_DOCUMENT_BYTES))?;
    let trial = dualtrack_trial::import_json(&origin, &text, content)?;
    store::insert(place, &trial)?;
    changed(
        args.format,
        &Changed {
            id: trial.id.clone(),
            done: "imported",
            message: format!(
                "Imported trial {} ({}, started {}) with {} check-in(s) and {} calendar week(s).",
                trial.id,
                trial.spec.kind.label(),
                trial.spec.start,
                trial.checkins.len(),
                trial.calendar.len()
            ),
            end: Some(trial.end_date()),
        },
    )
}

fn export(place: &Place, args: &ExportArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (_, trial) = store::load(place, content)?;
    let json = export_json(&trial);
    match &args.output {
        Some(path) => {
            std::fs::write(path, format!("{json}\n"))
                .with_context(|| format!("cannot write the export to {}", path.display()))?;
            eprintln!("Wrote everything the trial holds to {}.", path.display());
        }
        None => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn delete(place: &Place, args: &DeleteArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (stored, trial) = store::load(place, content)?;
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            bail!(
                "deleting trial {} needs confirmation; run it in a terminal, or pass --yes",
                trial.id
            );
        }
        let question = format!(
            "Delete trial {} ({}, started {}) with its {} check-in(s) and {} calendar week(s)? \
             This cannot be undone.",
            trial.id,
            trial.spec.kind.label(),
            trial.spec.start,
            trial.checkins.len(),
            trial.calendar.len()
        );
        let yes = inquire::Confirm::new(&question)
            .with_default(false)
            .prompt()
            .unwrap_or(false);
        if !yes {
            eprintln!("Nothing deleted.");
            return Ok(ExitCode::FAILURE);
        }
    }
    store::delete(place, &stored)?;
    changed(
        args.format,
        &Changed {
            id: trial.id.clone(),
            done: "deleted",
            message: format!("Deleted trial {} and everything it held.", trial.id),
            end: None,
        },
    )
}

#[derive(Debug, Serialize)]
struct Listed {
    id: String,
    kind: String,
    start: NaiveDate,
    months: u32,
    checkins: usize,
    calendar_weeks: usize,
}

fn list(place: &Place, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let content = TrialContent::embedded().context("the built-in trial content is broken")?;
    let trials: Vec<Listed> = store::list(place)?
        .into_iter()
        .map(|s| {
            let trial = store::import(&s, &content);
            Listed {
                id: s.id,
                kind: s.kind,
                start: s.start,
                months: s.months,
                checkins: trial.as_ref().map_or(0, |t| t.checkins.len()),
                calendar_weeks: trial.as_ref().map_or(0, |t| t.calendar.len()),
            }
        })
        .collect();
    let text = || {
        if trials.is_empty() {
            return "No trials yet; start one with `dualtrack trial start`.\n".to_owned();
        }
        let mut out = String::new();
        for t in &trials {
            let _ = writeln!(
                out,
                "{}  {}  from {} for {} months  {} check-in(s), {} calendar week(s)",
                t.id, t.kind, t.start, t.months, t.checkins, t.calendar_weeks
            );
        }
        out
    };
    emit(args.format, &trials, text, text)?;
    Ok(ExitCode::SUCCESS)
}
