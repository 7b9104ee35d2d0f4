//! `dualtrack`: the command-line shell. Parsing and rendering only; every decision is made by
//! an engine crate.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;
mod output;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // One line on stderr: the whole error chain, most general first.
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
