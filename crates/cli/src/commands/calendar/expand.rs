//! `dualtrack calendar expand` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ExpandArgs {}

pub fn run(_args: ExpandArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack calendar expand` is not built yet")
}
