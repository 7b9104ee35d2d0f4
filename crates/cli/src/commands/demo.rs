//! `dualtrack demo seed --companies N --listings M`: fills an empty board with a large,
//! deterministic, plainly fictional board (the generator the board benchmark uses), dated
//! relative to now so every listing is open.

use std::process::ExitCode;

use anyhow::{Context as _, bail};
use chrono::Utc;
use dualtrack_store::generate;

/// Most companies `demo seed` generates.
pub const MAX_COMPANIES: usize = 100_000;
/// Most listings `demo seed` generates.
pub const MAX_LISTINGS: usize = 2_000_000;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    #[command(subcommand)]
    pub command: DemoCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum DemoCommand {
    /// Fill an empty board with generated fictional companies, listings, employees and
    /// endorsements: the same board for the same numbers and seed.
    Seed(SeedArgs),
}

#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// How many companies (1 to 100000).
    #[arg(long, default_value_t = 200)]
    pub companies: usize,
    /// How many listings (0 to 2000000).
    #[arg(long, default_value_t = 2_000)]
    pub listings: usize,
    /// Another seed gives another board of the same size.
    #[arg(long, default_value_t = 20_250_630)]
    pub seed: u64,
    /// Database: sqlite://PATH (embedded) or postgres://USER@HOST/DB.
    #[arg(long, env = "DUALTRACK_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let DemoCommand::Seed(seed) = args.command;
    if !(1..=MAX_COMPANIES).contains(&seed.companies) {
        bail!("--companies must be from 1 to {MAX_COMPANIES}");
    }
    if seed.listings > MAX_LISTINGS {
        bail!("--listings must be at most {MAX_LISTINGS}");
    }
    let summary = crate::database::with_store(
        seed.database_url.as_deref(),
        "the generated board",
        async |store| {
            let board =
                generate::board(seed.companies, seed.listings, seed.seed).recent_as_of(Utc::now());
            store
                .seed_demo(&board)
                .await
                .context("cannot seed the generated board (it goes only into an empty database)")
        },
    )?;
    println!(
        "{}",
        serde_json::json!({
            "companies": summary.companies,
            "listings": summary.listings,
            "accounts": summary.accounts,
            "endorsements": summary.endorsements,
        })
    );
    Ok(ExitCode::SUCCESS)
}
