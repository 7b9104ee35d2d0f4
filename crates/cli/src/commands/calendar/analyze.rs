//! `dualtrack calendar analyze`: read `.ics` exports, measure meeting, async and focus time in
//! working hours, and compare the week's shape with each track and leadership level.
//!
//! Option parsing lives in [`AnalyzeOptionsArgs`] and [`analyze_files`] so `dualtrack report`
//! can flatten the same flags and get the same `Analysis`.

mod markdown;
mod rows;
mod text;

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use chrono_tz::Tz;
use dualtrack_calendar::analysis::analyze_calendars;
use dualtrack_calendar::analysis::{AnalysisError, OptionField, Rules, WorkDays, WorkHours};
use dualtrack_calendar::{
    Analysis, AnalyzeOptions, CalendarError, Limits, parse_with_limits, render_svg,
};
use dualtrack_framework::Framework;

use super::input::{calendar, local_zone, parse_tz};
use crate::clock::today;
use crate::input::{Kind, origin, read_bytes, read_text};
use crate::output::{Format, emit};

/// Inputs larger than this (in total) get a progress indicator when stderr is a terminal.
const PROGRESS_BYTES: u64 = 4 * 1024 * 1024;
/// Most bytes all calendar files may hold together: the per-file limit bounds one parse, this
/// bounds the whole run (every file's events are alive at once during expansion).
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;
/// Largest `--rules` file read (the shipped one is under 10 KB).
pub const MAX_RULES_BYTES: usize = 1024 * 1024;
const RULES: Kind = Kind::new("rules file", MAX_RULES_BYTES)
    .hint("a rules file is a short TOML list of keywords (see data/calendar-rules.toml)");

/// The analysis options, shared with `dualtrack report`.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalyzeOptionsArgs {
    /// First day of the window (YYYY-MM-DD, inclusive). Defaults to four weeks before --to.
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Day after the window (YYYY-MM-DD, exclusive). Defaults to four weeks after --from; when
    /// neither is given, the window is the four full weeks up to the file's last week with
    /// busy time on or before today.
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// IANA or Windows zone for dates, working hours and floating times (e.g. Europe/Berlin).
    /// Defaults to the calendar's X-WR-TIMEZONE, then to the zone most of its timed events are
    /// written in, then to the local zone.
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<Tz>,

    /// Whose calendar this is. Defaults to the calendar's name when it is an address, then to
    /// the most frequent attendee.
    #[arg(long, value_name = "EMAIL")]
    pub owner: Option<String>,

    /// Daily working hours on the 24-hour wall clock (HH:MM-HH:MM, e.g. 09:00-17:00; an end at
    /// or before the start is refused unless written with +1, e.g. 22:00-06:00+1 for a night
    /// shift).
    #[arg(long, value_name = "HH:MM-HH:MM", default_value = "09:00-17:00")]
    pub work_hours: WorkHours,

    /// Working days: a list, ranges, or both (mon-fri, mon,tue,thu, sun-thu).
    #[arg(long, value_name = "DAYS", default_value = "mon-fri")]
    pub work_days: WorkDays,

    /// Unscheduled stretches at least this many minutes long count as focus; shorter ones as
    /// async.
    #[arg(long, value_name = "MINUTES", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub focus_min: u32,

    /// Classification rules (TOML, the shape of data/calendar-rules.toml); its sections
    /// replace the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Leadership levels are compared on six activities, mapped from the calendar as: \
    focus + async = coding; 1:1s = people; team, cross-functional and other meetings = \
    cross-functional; planning = strategy; hiring = hiring; external = external.\n\n\
    Examples:\n  \
    dualtrack calendar analyze work.ics --from 2026-01-05 --to 2026-02-02\n  \
    dualtrack calendar analyze a.ics b.ics --tz Europe/Berlin --format json   (last 4 weeks)\n  \
    dualtrack calendar analyze - --from 2026-01-05 --to 2026-01-12 --explain < work.ics"
)]
pub struct AnalyzeArgs {
    /// Calendar exports (.ics); `-` reads stdin. Several files are merged.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub options: AnalyzeOptionsArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Also write a chart (weekly hours and the comparison with each track) to FILE as SVG.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    /// List every occurrence with its category and the rule that decided it. This is the
    /// only output that shows event titles.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let analysis = run_analysis(&args.files, &args.options, args.explain)?;
    if let Some(path) = &args.svg {
        std::fs::write(path, render_svg(&analysis))
            .with_context(|| format!("cannot write the chart to {}", path.display()))?;
    }
    emit(
        args.format,
        &analysis,
        || text::render(&analysis),
        || markdown::render(&analysis),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Read the files (`-` is stdin) and analyse them with the given options.
pub fn analyze_files(paths: &[PathBuf], args: &AnalyzeOptionsArgs) -> anyhow::Result<Analysis> {
    run_analysis(paths, args, false)
}

fn run_analysis(
    paths: &[PathBuf],
    args: &AnalyzeOptionsArgs,
    explain: bool,
) -> anyhow::Result<Analysis> {
    if paths.is_empty() {
        bail!("no calendar file given; pass one or more .ics files (or - for stdin)");
    }
    let options = build_options(args, explain)?;
    let limits = Limits::default();
    check_total_size(paths, MAX_TOTAL_BYTES)?;
    let progress = progress_bar(paths);
    // One file at a time: each file's bytes are freed once it is parsed, so they are never
    // alive next to the other files' events or the occurrences.
    let mut calendars = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read_bytes(path, calendar(limits.max_bytes))?;
        if let Some(p) = &progress {
            p.inc(bytes.len() as u64);
        }
        calendars.push(parse_with_limits(&bytes, &origin(path), &limits)?);
    }
    if let Some(p) = &progress {
        p.set_message("analysing");
    }
    let framework = Framework::embedded().context("the built-in career framework is broken")?;
    let result = analyze_calendars(calendars, &options, &framework, &limits);
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    result.map_err(with_flags)
}

/// The engine names options as fields (`to`); the CLI names its flags (`--to`).
fn with_flags(err: CalendarError) -> anyhow::Error {
    match &err {
        CalendarError::Analysis(AnalysisError::Option(option)) => {
            anyhow::anyhow!(option.worded(flag))
        }
        _ => err.into(),
    }
}

/// The flag that sets `field`: `--to`, `--focus-min`.
fn flag(field: OptionField) -> String {
    format!("--{}", field.name().replace('_', "-"))
}

/// Refuse several files whose sizes add up to more than `limit`, before reading any of them.
/// Stdin's size is unknown until read; the per-file limit covers it.
fn check_total_size(paths: &[PathBuf], limit: u64) -> anyhow::Result<()> {
    let sizes: Vec<(String, u64)> = paths
        .iter()
        .filter(|p| p.as_path() != std::path::Path::new("-"))
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| (origin(p), m.len())))
        .collect();
    let total: u64 = sizes.iter().map(|(_, n)| n).sum();
    if total > limit {
        let biggest = sizes
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(name, n)| format!("; the largest is {name} at {} MiB", n / (1024 * 1024)))
            .unwrap_or_default();
        bail!(
            "the {} calendar files hold {} MiB together, more than the {} MiB allowed in one run{biggest}; \
             analyse fewer files at once or export a shorter date range",
            sizes.len(),
            total / (1024 * 1024),
            limit / (1024 * 1024)
        );
    }
    Ok(())
}

/// Turn flags into engine options: today passed in, rules file read, local zone found. The
/// window itself, when not given, is chosen by the engine from the file.
pub fn build_options(args: &AnalyzeOptionsArgs, explain: bool) -> anyhow::Result<AnalyzeOptions> {
    let mut o = AnalyzeOptions::latest(today());
    o.from = args.from;
    o.to = args.to;
    o.tz = args.tz;
    o.default_tz = local_zone();
    o.owner.clone_from(&args.owner);
    o.work_hours = args.work_hours;
    o.work_days = args.work_days;
    o.focus_min_minutes = args.focus_min;
    o.explain = explain;
    if let Some(path) = &args.rules {
        let (origin, text) = read_text(path, RULES)?;
        o.rules = Some(Rules::parse(&text, &origin)?);
    }
    Ok(o)
}

/// A byte-count progress bar on stderr, only for large inputs and only on a terminal.
fn progress_bar(paths: &[PathBuf]) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if total < PROGRESS_BYTES {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} {bytes}/{total_bytes} [{elapsed}]",
    )
    .ok()?;
    bar.set_style(style);
    bar.set_message("reading");
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}
