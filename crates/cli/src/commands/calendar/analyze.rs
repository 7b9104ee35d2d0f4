//! `dualtrack calendar analyze` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {}

pub fn run(_args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack calendar analyze` is not built yet")
}
