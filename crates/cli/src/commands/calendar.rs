//! `dualtrack calendar`: analyse or expand `.ics` exports.

use std::process::ExitCode;

pub mod analyze;
pub mod expand;
mod input;

#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub command: CalendarCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum CalendarCommand {
    /// Measure meeting, async and focus time and compare it with each track.
    Analyze(analyze::AnalyzeArgs),
    /// List every occurrence inside a window (for checking expansion against other tools).
    Expand(expand::ExpandArgs),
}

pub fn run(args: CalendarArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        CalendarCommand::Analyze(a) => analyze::run(a),
        CalendarCommand::Expand(a) => expand::run(a),
    }
}
