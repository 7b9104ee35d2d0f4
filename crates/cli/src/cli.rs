//! The argument tree and the dispatch from a parsed command to its module.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// Make the IC-versus-management decision concrete: ladders, a self-assessment, calendar
/// evidence, a five-year outlook, and a job board with real dual ladders.
#[derive(Debug, Parser)]
#[command(name = "dualtrack", version, about, propagate_version = true)]
pub struct Cli {
    /// After the output, list where each statement comes from: the seed document and section,
    /// or "our assumption" with the reason (JSON output always carries both).
    #[arg(long, global = true)]
    pub sources: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explore, validate and audit dual career ladders.
    Ladder(commands::ladder::LadderArgs),
    /// Write a Markdown guide: ladder tables and one page per role.
    Guide(commands::guide::GuideArgs),
    /// Take the six-question self-assessment (interactive, or from an answers file).
    Assess(commands::assess::AssessArgs),
    /// Analyse a calendar export into meeting, async and focus time.
    Calendar(commands::calendar::CalendarArgs),
    /// What the next five years look like on each track.
    Outlook(commands::outlook::OutlookArgs),
    /// Estimate how hard it is to return to the IC track after time in management.
    Switchback(commands::switchback::SwitchbackArgs),
    /// Trial and transition plans (IC to manager, manager to director, director to VP).
    Plan(commands::plan::PlanArgs),
    /// One decision report joining answers, calendar, outlook and switch-back.
    Report(commands::report::ReportArgs),
    /// The four source documents and what dualtrack takes from each.
    Sources(commands::sources::SourcesArgs),
    /// Run the web application.
    Serve(commands::serve::ServeArgs),
    /// The job board: search listings, companies and their verified culture tags.
    Jobs(commands::jobs::JobsArgs),
    /// Run the board: create administrators.
    Admin(commands::admin::AdminArgs),
    /// Fictional demonstration data: `demo seed` fills an empty board with a generated one.
    Demo(commands::demo::DemoArgs),
    /// Accompany a 6-12 month trial of the other track: check-ins, calendar, reviews.
    Trial(commands::trial::TrialArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    crate::output::sources::enable(cli.sources);
    match cli.command {
        Command::Ladder(args) => commands::ladder::run(args),
        Command::Guide(args) => commands::guide::run(args),
        Command::Assess(args) => commands::assess::run(args),
        Command::Calendar(args) => commands::calendar::run(args),
        Command::Outlook(args) => commands::outlook::run(args),
        Command::Switchback(args) => commands::switchback::run(args),
        Command::Plan(args) => commands::plan::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Sources(args) => commands::sources::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Jobs(args) => commands::jobs::run(args),
        Command::Admin(args) => commands::admin::run(args),
        Command::Demo(args) => commands::demo::run(args),
        Command::Trial(args) => commands::trial::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn argument_tree_is_consistent() {
        Cli::command().debug_assert();
    }
}
