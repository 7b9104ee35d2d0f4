//! `dualtrack guide` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct GuideArgs {}

pub fn run(_args: GuideArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack guide` is not built yet")
}
