//! `dualtrack assess` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct AssessArgs {}

pub fn run(_args: AssessArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack assess` is not built yet")
}
