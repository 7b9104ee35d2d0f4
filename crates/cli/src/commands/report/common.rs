//! Helpers shared by the decide commands (`outlook`, `switchback`, `plan`, `report`): reading
//! a replacement data file, and the text layout (tables and wrapped paragraphs, 100 columns).

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use anyhow::Context as _;
use comfy_table::{ContentArrangement, Table, presets};
use dualtrack_decide::MAX_DATA_BYTES;

/// Text output never goes wider than this.
pub const WIDTH: usize = 100;

/// Read a user's replacement data file, refusing anything larger than a real one could be.
/// Returns the name to use in error messages and the text.
pub fn read_data_file(path: &Path, what: &str) -> anyhow::Result<(String, String)> {
    let origin = path.display().to_string();
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open {what} file {origin}; check the path"))?;
    let mut bytes = Vec::new();
    file.take(MAX_DATA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {what} file {origin}"))?;
    if bytes.len() > MAX_DATA_BYTES {
        anyhow::bail!(
            "{origin}: larger than {MAX_DATA_BYTES} bytes, far more than a {what} file; check that the right file was given"
        );
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{origin}: not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            err.utf8_error().valid_up_to()
        )
    })?;
    Ok((origin, text))
}

/// A table in the house style, at most [`WIDTH`] columns wide.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(WIDTH).unwrap_or(u16::MAX))
        .set_header(header.iter().copied());
    table
}

/// Lines as one cell: each item on its own line behind a bullet.
pub fn bullets<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("- {}", s.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Append `text` word-wrapped to [`WIDTH`], the first line after `first`, the rest after `rest`.
pub fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            let _ = writeln!(out, "{}", line.trim_end());
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// A title line underlined to its length.
pub fn title(out: &mut String, text: &str, underline: char) {
    let _ = writeln!(
        out,
        "{text}\n{}",
        underline
            .to_string()
            .repeat(text.chars().count().min(WIDTH))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_the_width() {
        let mut out = String::new();
        wrap(&mut out, &"word ".repeat(60), "  ", "  ");
        assert!(out.lines().count() > 2);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
    }

    #[test]
    fn tables_fit_in_the_width() {
        let mut t = table(&["A", "B"]);
        t.add_row(vec!["x".repeat(300), "y".repeat(300)]);
        assert!(t.to_string().lines().all(|l| l.chars().count() <= WIDTH));
    }
}
