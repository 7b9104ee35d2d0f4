//! `dualtrack outlook` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct OutlookArgs {}

pub fn run(_args: OutlookArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack outlook` is not built yet")
}
