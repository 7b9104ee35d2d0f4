//! `dualtrack ladder`: show the reference dual ladder (or a company's, or your own), find
//! equivalents, map titles between companies, and validate or audit a ladder file.

mod grid;
pub mod guide_pages;
pub mod load;
mod markdown;
mod rows;
mod tables;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use dualtrack_framework::schema::{self, Document};
use dualtrack_framework::{Finding, Severity};
use serde::Serialize;

use crate::output::{Format, emit, print_json};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Ladder files are TOML; docs/ladder-format.md describes every field and \
                        `dualtrack ladder schema` prints the JSON Schema."
)]
pub struct LadderArgs {
    #[command(subcommand)]
    pub command: LadderCommand,

    /// Output format.
    #[arg(long, value_enum, default_value_t, global = true)]
    pub format: Format,

    /// Replace the built-in framework with the files in DIR (ladder.toml, leadership.toml,
    /// comparison.toml, companies/*.toml); missing files fall back to the built-in ones.
    #[arg(long, value_name = "DIR", global = true)]
    pub framework: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
pub enum LadderCommand {
    /// Both tracks side by side, lined up by their equivalences.
    Show(ShowArgs),
    /// What a rung is equivalent to on the other track.
    Equiv(EquivArgs),
    /// Translate a title from one company's ladder to another's.
    Map(MapArgs),
    /// Check a ladder for signs that its IC track is decorative.
    Audit(AuditArgs),
    /// Check a ladder file and report its problems with line and column: every rule broken, once
    /// the file has the format's shape (a wrong field or type is reported first, alone).
    Validate(FileArgs),
    /// Print the JSON Schema of the ladder file format (or another framework file).
    Schema(SchemaArgs),
    /// List the company ladders the framework knows.
    Companies,
    /// Compare the IC and management tracks along nine dimensions.
    Compare,
    /// The leadership ladder: scope, skills and time allocation from IC to VP.
    Levels,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Show your own ladder file instead of the reference ladder.
    #[arg(long, value_name = "FILE", conflicts_with = "company")]
    pub ladder: Option<PathBuf>,
    /// Show a company's ladder (id or name; see `dualtrack ladder companies`).
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EquivArgs {
    /// A rung id, title or level label, e.g. `staff_engineer`, "Staff Engineer", or L6 with
    /// `--company quanta` (level labels belong to a company's ladder).
    #[arg(value_name = "RUNG_OR_TITLE")]
    pub rung: String,
    /// Look the rung up in this company's ladder instead of the reference ladder.
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// The title (or rung id, or level label) at the first company.
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// The company the title is from (`reference` for the reference ladder).
    #[arg(long, value_name = "COMPANY")]
    pub from: String,
    /// The company to translate it to (`reference` for the reference ladder).
    #[arg(long, value_name = "COMPANY")]
    pub to: String,
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The ladder file to audit.
    #[arg(value_name = "FILE", required_unless_present = "company")]
    pub file: Option<PathBuf>,
    /// Audit a company ladder the framework knows instead of a file.
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub company: Option<String>,
    /// Also exit with status 1 when there are warnings (errors always do).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct FileArgs {
    /// The ladder file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file format to describe.
    #[arg(long, value_enum, default_value_t = SchemaDoc::Ladder)]
    pub document: SchemaDoc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaDoc {
    Ladder,
    Leadership,
    Comparison,
}

/// `ladder audit --format json`.
#[derive(Debug, Serialize)]
struct AuditReport<'a> {
    findings: &'a [Finding],
}

/// `ladder validate --format json`.
#[derive(Debug, Serialize)]
struct ValidateReport<'a> {
    source: String,
    valid: bool,
    diagnostics: &'a [dualtrack_framework::Diagnostic],
}

pub fn run(args: LadderArgs) -> anyhow::Result<ExitCode> {
    let format = args.format;
    if let LadderCommand::Schema(s) = &args.command {
        let doc = match s.document {
            SchemaDoc::Ladder => Document::Ladder,
            SchemaDoc::Leadership => Document::Leadership,
            SchemaDoc::Comparison => Document::Comparison,
        };
        print_json(&schema::json_schema(doc))?;
        return Ok(ExitCode::SUCCESS);
    }
    let fw = load::framework(args.framework.as_deref())?;
    match args.command {
        LadderCommand::Show(a) => {
            let owned;
            let ladder = match (&a.ladder, &a.company) {
                (Some(path), _) => {
                    owned = load::user_ladder(&fw, path)?;
                    &owned
                }
                (None, Some(name)) => fw.resolve_ladder(name)?,
                (None, None) => fw.ladder(),
            };
            emit(
                format,
                &ladder.view(),
                || text::show(ladder),
                || markdown::show(ladder),
            )?;
        }
        LadderCommand::Equiv(a) => {
            let e = fw.equivalent(&a.rung, a.company.as_deref())?;
            emit(
                format,
                &e,
                || text::equivalents(&e),
                || markdown::equivalents(&e),
            )?;
        }
        LadderCommand::Map(a) => {
            let m = fw.map_title(&a.title, &a.from, &a.to)?;
            emit(format, &m, || text::mapping(&m), || markdown::mapping(&m))?;
        }
        LadderCommand::Audit(a) => return audit(&fw, &a, format),
        LadderCommand::Validate(a) => return validate(&fw, &a, format),
        LadderCommand::Companies => emit(
            format,
            &companies_json(&fw),
            || text::companies(&fw),
            || markdown::companies(&fw),
        )?,
        LadderCommand::Compare => emit(
            format,
            &serde_json::json!({
                "dimensions": fw.comparison().dimensions,
                "profiles": fw.track_profiles(),
                "career_paths": fw.leadership().career_paths,
            }),
            || text::compare(&fw),
            || markdown::compare(&fw),
        )?,
        LadderCommand::Levels => emit(
            format,
            fw.leadership(),
            || text::levels(&fw),
            || guide_pages::levels(&fw),
        )?,
        LadderCommand::Schema(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn audit(
    fw: &dualtrack_framework::Framework,
    args: &AuditArgs,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let owned;
    let ladder = match (&args.file, &args.company) {
        (Some(path), _) => {
            owned = load::user_ladder(fw, path)?;
            &owned
        }
        (None, Some(name)) => fw.resolve_ladder(name)?,
        (None, None) => anyhow::bail!("give a ladder FILE to audit, or --company NAME"),
    };
    let findings = fw.audit(ladder);
    emit(
        format,
        &AuditReport {
            findings: &findings,
        },
        || text::audit(ladder, &findings),
        || markdown::audit(ladder, &findings),
    )?;
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let warnings = findings.iter().any(|f| f.severity == Severity::Warning);
    Ok(if errors || (args.strict && warnings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn validate(
    fw: &dualtrack_framework::Framework,
    args: &FileArgs,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let (source, text) = load::read_text(&args.file)?;
    let result = fw.load_ladder(&source, &text);
    let diagnostics = match &result {
        Ok(_) => &[][..],
        Err(e) => e.diagnostics(),
    };
    match format {
        Format::Json => {
            print_json(&ValidateReport {
                source,
                valid: result.is_ok(),
                diagnostics,
            })?;
        }
        Format::Text | Format::Markdown => match &result {
            Ok(ladder) => {
                let rungs = ladder.rungs().count();
                println!(
                    "{source}: valid ladder `{}` ({} track(s), {rungs} rung(s), {} equivalence(s))",
                    ladder.id,
                    ladder.tracks.len(),
                    ladder.equivalences.len()
                );
            }
            Err(_) => {
                for d in diagnostics {
                    eprintln!("{d}");
                }
                eprintln!("{source}: {} problem(s) found", diagnostics.len());
            }
        },
    }
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(Debug, Serialize)]
struct CompanySummary<'a> {
    id: &'a str,
    name: &'a str,
    example: bool,
    description: &'a str,
    rungs: usize,
    findings: usize,
}

fn companies_json(fw: &dualtrack_framework::Framework) -> serde_json::Value {
    let list: Vec<CompanySummary<'_>> = fw
        .companies()
        .iter()
        .map(|c| CompanySummary {
            id: &c.id,
            name: &c.name,
            example: c.example,
            description: &c.description,
            rungs: c.rungs().count(),
            findings: fw.audit(c).len(),
        })
        .collect();
    serde_json::json!({ "companies": list })
}
