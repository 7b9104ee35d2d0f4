//! Output formats shared by the commands, and small rendering helpers.

use clap::ValueEnum;

/// The output formats most commands offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned tables for a terminal (fits 100 columns).
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
    /// Markdown, for pasting into a doc or a wiki.
    Markdown,
}

/// Print one value as pretty JSON on stdout, nothing else.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
