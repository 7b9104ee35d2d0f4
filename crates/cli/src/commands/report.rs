//! `dualtrack report`: one decision document from an answers file, optional calendar exports
//! and optional switch-back inputs, as Markdown, standalone HTML or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use dualtrack_assess::{Questionnaire, score};
use dualtrack_decide::plans::TrialContext;
use dualtrack_decide::report::{self, ReportInput, render_html, render_markdown};
use dualtrack_decide::{Content, SwitchbackInput};
use dualtrack_framework::Framework;

use crate::commands::assess::read_answers;
use crate::commands::calendar::analyze::{AnalyzeOptionsArgs, analyze_files};
use crate::commands::switchback;

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for a doc or a wiki.
    #[default]
    Markdown,
    /// A standalone HTML page that prints well (no external assets).
    Html,
    /// One JSON document: the assessment, the calendar analysis, the agreement and the rest.
    Json,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack report --answers answers.toml\n  \
    dualtrack report --answers answers.toml --calendar work.ics --from 2026-01-05 --to 2026-02-02 --format html -o report.html\n  \
    dualtrack report --answers answers.toml --months-in-management 30 --org scale-up --format json\n\n\
    Agreement, the first that applies: no_verdict (answers without a clear verdict), no_calendar,\n\
    thin_calendar (too little in the calendar's window), then agree or disagree.")]
pub struct ReportArgs {
    /// The assessment answers (TOML, or JSON if it ends in .json); `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,

    /// Calendar exports (.ics) to use as evidence; repeat or list several.
    #[arg(long = "calendar", value_name = "FILE", num_args = 1.., action = clap::ArgAction::Append)]
    pub calendars: Vec<PathBuf>,

    #[command(flatten)]
    pub analyze: AnalyzeOptionsArgs,

    /// Months already spent on the management track (adds the switch-back estimate; needs
    /// --org).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub months_in_management: Option<String>,

    /// Kind of organisation (startup, scale-up, enterprise, frontier-lab,
    /// infrastructure-heavy): used by the switch-back estimate and the trial's check.
    #[arg(long, value_name = "KIND")]
    pub org: Option<String>,

    /// A side technical practice was (or will be) kept throughout the management time.
    #[arg(long)]
    pub side_practice: bool,

    /// You were strong technically before moving into management.
    #[arg(long)]
    pub strong_technical: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,

    /// Write the report to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let content = Content::embedded()?;
    let framework = Framework::embedded().context("the built-in career framework is broken")?;

    // Check the cheap inputs first, so a typo fails before a large calendar is read.
    let org = match &args.org {
        Some(org) => Some(content.switchback.org(org.trim())?.id.clone()),
        None => None,
    };
    let switchback_input: Option<SwitchbackInput> = match (&args.months_in_management, &org) {
        (Some(months), Some(org)) => Some(switchback::input(
            &content.switchback,
            months,
            Some(org),
            args.side_practice,
            args.strong_technical,
        )?),
        (Some(_), None) => anyhow::bail!(
            "--months-in-management needs --org to say where; valid values: {}",
            content.switchback.org_ids()
        ),
        (None, _) => None,
    };

    let answers = read_answers(&args.answers)?;
    let assessment = score(Questionnaire::embedded(), &answers)?;
    let analysis = if args.calendars.is_empty() {
        None
    } else {
        Some(analyze_files(&args.calendars, &args.analyze)?)
    };

    let input = ReportInput {
        assessment: &assessment,
        calendar: analysis.as_ref(),
        switchback: switchback_input.as_ref(),
        trial_at: org.as_deref().map(|org| TrialContext {
            org,
            side_practice: args.side_practice,
        }),
    };
    let report = report::build(&content, &framework, &input)?;
    let mut rendered = match args.format {
        ReportFormat::Markdown => render_markdown(&report),
        ReportFormat::Html => render_html(&report),
        ReportFormat::Json => serde_json::to_string_pretty(&report)?,
    };
    if !rendered.ends_with('\n') {
        rendered.push('\n');
    }
    if args.format == ReportFormat::Markdown {
        rendered.push_str(&crate::output::sources_footer(
            &report,
            crate::output::Format::Markdown,
        )?);
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, rendered).with_context(|| {
                format!(
                    "cannot write the report to {}; check the directory exists",
                    path.display()
                )
            })?;
            eprintln!("report written to {}", path.display());
        }
        None => print!("{rendered}"),
    }
    Ok(ExitCode::SUCCESS)
}
