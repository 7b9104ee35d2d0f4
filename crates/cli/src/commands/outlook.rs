//! `dualtrack outlook`: what the next five years tend to look like on each track.

mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use dualtrack_decide::{MAX_DATA_BYTES, Outlook, markdown};

use crate::input::{self, Kind};
use crate::output::{Format, emit};
use crate::track_arg::TrackArg;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    dualtrack outlook\n  \
    dualtrack outlook --track management --format markdown")]
pub struct OutlookArgs {
    /// Show one track only (default: both).
    #[arg(long, value_enum)]
    pub track: Option<TrackArg>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Use this outlook file instead of the built-in data/outlook.toml (same format).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn run(args: OutlookArgs) -> anyhow::Result<ExitCode> {
    let outlook = match &args.file {
        Some(path) => {
            let (origin, text) = input::read_text(path, Kind::new("outlook file", MAX_DATA_BYTES))?;
            Outlook::from_toml(&origin, &text)?
        }
        None => Outlook::embedded()?,
    };
    let outlook = match args.track {
        Some(track) => outlook.only(track.into()),
        None => outlook,
    };
    emit(
        args.format,
        &outlook,
        || text::render(&outlook),
        || markdown::outlook(&outlook, 1),
    )?;
    Ok(ExitCode::SUCCESS)
}
