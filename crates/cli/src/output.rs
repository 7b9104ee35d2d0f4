//! Output formats shared by the commands, and small rendering helpers.

pub mod layout;
pub mod sources;

pub use layout::{
    align_right, bullets, facts, push_wrapped, render, ruled_table, table, title, wrap,
};

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

/// Prints `value` in `format`: JSON as it is; text and Markdown through their renderers,
/// followed by the list of where each statement comes from when `--sources` is given.
pub fn emit<T: serde::Serialize>(
    format: Format,
    value: &T,
    text: impl FnOnce() -> String,
    markdown: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    match format {
        Format::Json => print_json(value),
        Format::Text => {
            print!("{}", text());
            print_sources(value, format)
        }
        Format::Markdown => {
            print!("{}", markdown());
            print_sources(value, format)
        }
    }
}

/// After text or Markdown output, the `--sources` footer for `value` (nothing without the flag,
/// and nothing for JSON, which carries each statement's provenance itself).
pub fn print_sources<T: serde::Serialize>(value: &T, format: Format) -> anyhow::Result<()> {
    print!("{}", sources_footer(value, format)?);
    Ok(())
}

/// The `--sources` footer as text: empty without the flag or for JSON.
pub fn sources_footer<T: serde::Serialize>(value: &T, format: Format) -> anyhow::Result<String> {
    if !sources::enabled() || format == Format::Json {
        return Ok(String::new());
    }
    let statements = sources::collect(&serde_json::to_value(value)?);
    Ok(match format {
        Format::Markdown => sources::markdown(&statements),
        _ => sources::text(&statements),
    })
}
