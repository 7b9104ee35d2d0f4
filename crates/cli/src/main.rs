//! `dualtrack`: the command-line shell. Parsing and rendering only; every decision is made by
//! an engine crate.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod clock;
mod commands;
mod database;
mod input;
mod output;
mod track_arg;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    if !matches!(cli.command, cli::Command::Serve(_)) {
        // Behave like other Unix filters when the reader goes away (`dualtrack ... | head`):
        // end quietly instead of panicking on a failed print. The server keeps Rust's
        // default (SIGPIPE ignored), so a dropped client can never end the process.
        sigpipe::reset();
    }
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // One line on stderr: the whole error chain, most general first.
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
