//! `dualtrack ladder` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct LadderArgs {}

pub fn run(_args: LadderArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack ladder` is not built yet")
}
