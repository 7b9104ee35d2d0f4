//! `dualtrack switchback`: how hard a return to the IC track is after time in management.
//! The model is `data/switchback.toml` (or `--model FILE`); docs/switch-back.md explains it.

mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use dualtrack_decide::{Estimate, MAX_DATA_BYTES, SwitchbackInput, SwitchbackModel, markdown};

use crate::input::{self, Kind};
use crate::output::{Format, emit};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack switchback --months 30 --org enterprise\n  \
    dualtrack switchback --months 6 --org frontier-lab --side-practice --format json\n\n\
    Organisation kinds: startup, scale-up, enterprise, frontier-lab, infrastructure-heavy.\n\
    The rules and which numbers are assumptions: docs/switch-back.md.")]
pub struct SwitchbackArgs {
    /// Months spent on the management track (a whole number from 0 to 600).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub months: String,

    /// Kind of organisation: startup, scale-up, enterprise, frontier-lab, infrastructure-heavy.
    #[arg(long, value_name = "KIND")]
    pub org: Option<String>,

    /// A side technical practice was kept throughout (open source, deep code review, a
    /// personal project).
    #[arg(long)]
    pub side_practice: bool,

    /// You were strong technically before moving into management.
    #[arg(long)]
    pub strong_technical: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Use this model file instead of the built-in data/switchback.toml (same format).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

pub fn run(args: SwitchbackArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
    let input = input(
        &model,
        &args.months,
        args.org.as_deref(),
        args.side_practice,
        args.strong_technical,
    )?;
    let estimate = model.estimate(&input)?;
    print(&estimate, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// The built-in model, or the one in `path`.
pub(crate) fn load_model(path: Option<&std::path::Path>) -> anyhow::Result<SwitchbackModel> {
    Ok(match path {
        Some(path) => {
            let (origin, text) =
                input::read_text(path, Kind::new("switch-back model file", MAX_DATA_BYTES))?;
            SwitchbackModel::from_toml(&origin, &text)?
        }
        None => SwitchbackModel::embedded()?,
    })
}

/// Check the flags against the model; every error is one line naming the valid values.
pub(crate) fn input(
    model: &SwitchbackModel,
    months: &str,
    org: Option<&str>,
    side_practice: bool,
    strong_technical: bool,
) -> anyhow::Result<SwitchbackInput> {
    let months = parse_months(model, months)?;
    let Some(org) = org else {
        anyhow::bail!("--org is required; valid values: {}", model.org_ids());
    };
    let org = model.org(org.trim())?.id.clone();
    Ok(SwitchbackInput {
        months,
        org,
        side_practice,
        strong_technical,
    })
}

/// A month count as typed; negative, fractional and huge values get the same clear error.
pub(crate) fn parse_months(model: &SwitchbackModel, months: &str) -> anyhow::Result<u32> {
    match months.trim().parse::<i64>() {
        Ok(n) => Ok(model.check_months(n)?),
        Err(_) => anyhow::bail!(
            "--months must be a whole number of months from 0 to {}, got `{}`",
            model.max_months,
            months.trim()
        ),
    }
}

fn print(estimate: &Estimate, format: Format) -> anyhow::Result<()> {
    emit(
        format,
        estimate,
        || text::render(estimate),
        || markdown::estimate(estimate, 1),
    )?;
    Ok(())
}
