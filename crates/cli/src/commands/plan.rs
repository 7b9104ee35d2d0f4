//! `dualtrack plan`: the management trial, or the checklist for a leadership transition (with
//! the first 90 days for a new manager).

mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use dualtrack_decide::plans::TrialContext;
use dualtrack_decide::{MAX_DATA_BYTES, Plan, PlanKind, Plans, markdown};
use dualtrack_framework::Framework;

use crate::commands::switchback::load_model;
use crate::input::{self, Kind};
use crate::output::{Format, emit};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack plan --transition ic-to-manager\n  \
    dualtrack plan --transition trial --org frontier-lab --format markdown\n  \
    dualtrack plan --transition director-to-vp --format json")]
pub struct PlanArgs {
    /// Which plan: ic-to-manager, manager-to-director, director-to-vp, or trial (a 6-12 month
    /// test of the management track).
    #[arg(long, value_name = "PLAN")]
    pub transition: String,

    /// For the trial: check its switch-back cost at this kind of organisation (startup,
    /// scale-up, enterprise, frontier-lab, infrastructure-heavy).
    #[arg(long, value_name = "KIND")]
    pub org: Option<String>,

    /// For the trial's check: a side technical practice is kept throughout.
    #[arg(long)]
    pub side_practice: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Use this plans file instead of the built-in data/plans.toml (same format).
    #[arg(long, value_name = "FILE")]
    pub plans: Option<PathBuf>,
}

pub fn run(args: PlanArgs) -> anyhow::Result<ExitCode> {
    let kind: PlanKind = args.transition.trim().parse()?;
    let plans = match &args.plans {
        Some(path) => {
            let (origin, text) = input::read_text(path, Kind::new("plans file", MAX_DATA_BYTES))?;
            Plans::from_toml(&origin, &text)?
        }
        None => Plans::embedded()?,
    };
    let model = load_model(None)?;
    let framework = Framework::embedded().context("the built-in career framework is broken")?;
    if args.org.is_some() && kind != PlanKind::Trial {
        anyhow::bail!(
            "--org only applies to --transition trial (it checks the trial's switch-back cost)"
        );
    }
    if args.side_practice && args.org.is_none() {
        anyhow::bail!(
            "--side-practice is part of the trial's switch-back check and needs --org; valid values: {}",
            model.org_ids()
        );
    }
    let trial_at = args.org.as_deref().map(|org| TrialContext {
        org: org.trim(),
        side_practice: args.side_practice,
    });
    let plan = Plan::build(kind, framework.leadership(), &plans, &model, trial_at)?;
    emit(
        args.format,
        &plan,
        || text::render(&plan),
        || markdown::plan(&plan, 1),
    )?;
    Ok(ExitCode::SUCCESS)
}
