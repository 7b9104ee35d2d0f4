//! `dualtrack assess`: the six-question self-assessment, asked in the terminal or read from an
//! answers file, scored by `dualtrack-assess` and printed as text, JSON or Markdown.
//! `--save` keeps the result in the local database; `assess history` lists past results.

mod history;
mod interactive;
mod text;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dualtrack_assess::{
    Answers, Assessment, MAX_ANSWERS_BYTES, MAX_QUESTIONNAIRE_BYTES, Questionnaire,
    render_markdown, score,
};

use crate::input::{self, Kind};
use crate::output::{Format, emit};

#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Answers file (TOML), one line per question; `dualtrack assess template` prints a full one:\n  \
                  absorbed = \"hard_problem_alone\"\n  drift = \"refactoring\"\n  ...\n  \
                  reason = [\"protect_deep_work\"]"
)]
pub struct AssessArgs {
    #[command(subcommand)]
    pub command: Option<AssessCommand>,

    /// Read the answers from FILE (TOML, or JSON if it ends in .json) instead of asking;
    /// `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Output format of the report.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Keep the result (answers, verdict, time) in the local database for `assess history`.
    #[arg(long)]
    pub save: bool,

    /// Use this questionnaire (TOML, the shape of data/assessment.toml) instead of the
    /// built-in one, e.g. an organisation's own wording.
    #[arg(long, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,

    /// Database for --save: sqlite://PATH or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory.
    #[arg(long, env = "DUALTRACK_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum AssessCommand {
    /// List saved results, and flag when what absorbs you or where you drift has changed.
    History(history::HistoryArgs),
    /// Print a complete answers file to fill in (every question, every option id).
    Template,
}

pub fn run(args: AssessArgs) -> anyhow::Result<ExitCode> {
    let custom = args
        .questionnaire
        .as_deref()
        .map(read_questionnaire)
        .transpose()?;
    let questionnaire = custom.as_ref().unwrap_or_else(|| Questionnaire::embedded());
    match args.command {
        Some(AssessCommand::History(history)) => return history::run(history, questionnaire),
        Some(AssessCommand::Template) => {
            print!("{}", questionnaire.answers_template());
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }

    let answers = match &args.answers {
        Some(path) => read_answers(path)?,
        None if std::io::stdin().is_terminal() => match interactive::ask(questionnaire)? {
            Some(answers) => answers,
            None => {
                eprintln!("assessment cancelled; nothing was kept");
                return Ok(ExitCode::from(130));
            }
        },
        None => anyhow::bail!(
            "stdin is not a terminal, so the questions cannot be asked; pass answers with \
             --answers FILE (or --answers - for stdin), a TOML file with one line per question \
             such as `absorbed = \"hard_problem_alone\"` and `reason = [\"protect_deep_work\"]`; \
             `dualtrack assess template` prints a complete one"
        ),
    };
    let assessment = score(questionnaire, &answers)?;

    if args.save {
        let saved = history::save(args.database_url.as_deref(), &answers, &assessment)?;
        eprintln!(
            "saved as assessment #{}; see `dualtrack assess history`",
            saved.id
        );
    }
    print_report(&assessment, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// Print the report in the chosen format on stdout.
fn print_report(assessment: &Assessment, format: Format) -> anyhow::Result<()> {
    emit(
        format,
        assessment,
        || text::render(assessment),
        || render_markdown(assessment),
    )?;
    Ok(())
}

/// Read and check a replacement questionnaire.
fn read_questionnaire(path: &Path) -> anyhow::Result<Questionnaire> {
    let (source, text) = input::read_text(path, QUESTIONNAIRE)?;
    Ok(Questionnaire::from_toml(&text, &source)?)
}

const QUESTIONNAIRE: Kind = Kind::new("questionnaire", MAX_QUESTIONNAIRE_BYTES);
const ANSWERS: Kind = Kind::new("answers file", MAX_ANSWERS_BYTES);

/// Read and parse an answers file (or stdin for `-`), refusing anything too large to be one.
pub(crate) fn read_answers(path: &Path) -> anyhow::Result<Answers> {
    let (source, text) = input::read_text(path, ANSWERS)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || (input::is_stdin(path) && text.trim_start().starts_with('{'));
    let answers = if is_json {
        Answers::from_json_str(&text, &source)?
    } else {
        Answers::from_toml(&text, &source)?
    };
    Ok(answers)
}
