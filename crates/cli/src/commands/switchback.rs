//! `dualtrack switchback` (placeholder until its issue lands).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct SwitchbackArgs {}

pub fn run(_args: SwitchbackArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dualtrack switchback` is not built yet")
}
