//! The arguments of `dualtrack trial` and its subcommands.

use std::path::PathBuf;

use chrono::NaiveDate;
use dualtrack_trial::MAX_CLOCK_YEARS;

use super::{Place, checkin, review};
use crate::commands::calendar::analyze::AnalyzeOptionsArgs;
use crate::output::Format;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack trial start --kind ic-to-manager --start 2026-01-05 --months 6 \\\n    \
    --continue-if \"My reports say our one-on-ones help them\" \\\n    \
    --return-if \"I keep taking the critical-path tickets myself\"\n  \
    dualtrack trial checkin                      (asks a minute's questions)\n  \
    dualtrack trial calendar work.ics --from 2026-02-02 --to 2026-03-02\n  \
    dualtrack trial review --format markdown\n  \
    dualtrack trial schedule --ics > trial.ics")]
pub struct TrialArgs {
    #[command(flatten)]
    pub place: Place,
    #[command(subcommand)]
    pub command: TrialCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TrialCommand {
    /// Start a trial: its kind, start date, length and exit criteria written now.
    Start(StartArgs),
    /// Record this week's check-in (asked in the terminal, or from a file).
    Checkin(checkin::CheckinArgs),
    /// Keep the weekly meeting / async / focus shares of a calendar export (not the calendar).
    Calendar(CalendarArgs),
    /// The review at a gate: signals, calendar, drift, criteria, and a recommendation.
    Review(review::ReviewArgs),
    /// The check-in and review dates, as a list or as an `.ics` feed.
    Schedule(ScheduleArgs),
    /// How the way back to IC changes with each further year in management.
    Clock(ClockArgs),
    /// Record your sponsor's answers for a review (a file they filled in).
    Sponsor(SponsorArgs),
    /// Extend the trial once, to the longest length the seeds support.
    Extend(ExtendArgs),
    /// Everything the trial holds, as one JSON document.
    Export(ExportArgs),
    /// Bring back a trial from a JSON export (into this profile).
    Import(ImportArgs),
    /// Delete the trial and everything it holds.
    Delete(DeleteArgs),
    /// The trials of this profile.
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// A trial file (see docs/trial.md) instead of the flags below.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["kind", "continue_if", "return_if"])]
    pub file: Option<PathBuf>,
    /// The move being tried: ic-to-manager, manager-to-ic, ic-to-staff-scope,
    /// manager-to-director, director-to-vp.
    #[arg(long, required_unless_present = "file")]
    pub kind: Option<String>,
    /// First day of the trial (default: today).
    #[arg(long, value_name = "DATE")]
    pub start: Option<NaiveDate>,
    /// Planned length in months, 6 to 12.
    #[arg(long, default_value_t = 6)]
    pub months: u32,
    /// A format of the trial plan (tech-lead-with-reports, rotation).
    #[arg(long, value_name = "FORMAT")]
    pub plan_format: Option<String>,
    /// Organisation kind for the switch-back estimate (startup, scale-up, enterprise,
    /// frontier-lab, infrastructure-heavy); enterprise is assumed when left out.
    #[arg(long, value_name = "KIND")]
    pub org: Option<String>,
    /// You keep a side technical practice during the trial.
    #[arg(long)]
    pub side_practice: bool,
    /// What would make you continue (repeat for several).
    #[arg(
        long = "continue-if",
        value_name = "TEXT",
        required_unless_present = "file"
    )]
    pub continue_if: Vec<String>,
    /// What would send you back (repeat for several).
    #[arg(
        long = "return-if",
        value_name = "TEXT",
        required_unless_present = "file"
    )]
    pub return_if: Vec<String>,
    /// Your sponsor's name (your manager or a mentor).
    #[arg(long, value_name = "NAME", requires = "sponsor_role")]
    pub sponsor_name: Option<String>,
    /// Your sponsor's role, e.g. "my manager".
    #[arg(long, value_name = "ROLE", requires = "sponsor_name")]
    pub sponsor_role: Option<String>,
    /// The six questions answered now (an `assess` answers file), the baseline for drift.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// `.ics` exports (or - for stdin). Analysed in memory; only weekly shares are kept.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub options: AnalyzeOptionsArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// Print the dates as an iCalendar feed to subscribe to.
    #[arg(long)]
    pub ics: bool,
    /// Output format (without --ics).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ClockArgs {
    /// The date the clock starts from (default: today).
    #[arg(long, value_name = "DATE")]
    pub at: Option<NaiveDate>,
    /// How many years ahead.
    #[arg(long, default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_CLOCK_YEARS)))]
    pub years: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct SponsorArgs {
    /// The sponsor's answers: `gate = "month-6"`, `date = 2026-07-03`, an `[answers]` table of
    /// the sponsor questions, and an optional `note`.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A file written by `dualtrack trial export`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Delete without asking.
    #[arg(long)]
    pub yes: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExtendArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
