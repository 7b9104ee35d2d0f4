//! The terminal layout every text renderer uses: one width, one table style, one word wrap,
//! one title. Renderers beside each command (`commands/<name>/text.rs`) build their rows and
//! hand them to these.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets};

/// No line of text output is wider than this many columns.
pub const WIDTH: usize = 100;

fn width() -> u16 {
    u16::try_from(WIDTH).unwrap_or(u16::MAX)
}

fn styled(preset: &str, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(preset)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width());
    if !header.is_empty() {
        table.set_header(header.iter().copied());
    }
    table
}

/// A table in the house style (condensed borders), at most [`WIDTH`] columns wide. An empty
/// header leaves the header row out.
pub fn table(header: &[&str]) -> Table {
    styled(presets::UTF8_FULL_CONDENSED, header)
}

/// The house table with a rule between rows, for cells that span several lines (the ladder's
/// rungs: title, then level and id).
pub fn ruled_table(header: &[&str]) -> Table {
    styled(presets::UTF8_FULL, header)
}

/// Right-align the given columns (numbers).
pub fn align_right(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// The table as text with words kept whole: each column gets at least the width of its longest
/// word, so the dynamic layout does not cut tag ids and rung titles in half.
pub fn render(mut table: Table) -> String {
    let mut widths: Vec<u16> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (index, cell) in row.cell_iter().enumerate() {
            let longest = cell
                .content()
                .split_whitespace()
                .map(|word| word.chars().count())
                .max()
                .unwrap_or(0);
            let longest = u16::try_from(longest).unwrap_or(u16::MAX);
            match widths.get_mut(index) {
                Some(width) => *width = (*width).max(longest),
                None => widths.push(longest),
            }
        }
    }
    // The constraint counts the cell padding (one space each side) too.
    table.set_constraints(
        widths
            .into_iter()
            .map(|w| ColumnConstraint::LowerBoundary(Width::Fixed(w.saturating_add(2)))),
    );
    table.to_string()
}

/// Facts as aligned `name: value` lines, values wrapped within [`WIDTH`].
pub fn facts(rows: Vec<(&'static str, String)>) -> String {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width());
    for (name, value) in rows {
        t.add_row(vec![format!("{name}:"), value]);
    }
    // The dynamic layout pads every line to the full width; the padding is noise.
    t.to_string()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` word-wrapped to [`WIDTH`] columns (counted in characters), the first line after
/// `first`, the rest after `rest`, each line ending in a newline. A word longer than a line
/// stays whole on its own line; empty text gives nothing.
#[must_use]
pub fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, text, first, rest);
    out
}

/// Append [`wrap`]`(text, first, rest)` to `out`.
pub fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
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

/// A title line underlined to its length (at most [`WIDTH`]).
pub fn title(out: &mut String, text: &str, underline: char) {
    let _ = writeln!(
        out,
        "{text}\n{}",
        underline
            .to_string()
            .repeat(text.chars().count().min(WIDTH))
    );
}

/// Lines as one cell: each item on its own line behind a bullet.
pub fn bullets<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("- {}", s.as_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_the_width_with_indents() {
        let lines = wrap(&"word ".repeat(60), "  1. ", "     ");
        let lines: Vec<_> = lines.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("  1. word"));
        assert!(lines[1].starts_with("     word"));
        assert_eq!(lines.join(" ").split_whitespace().count(), 61);
    }

    #[test]
    fn wrap_counts_characters_not_bytes() {
        // 33 three-byte words of 3 characters: 131 columns in all, 393 bytes.
        let out = wrap(&"ééé ".repeat(33), "", "");
        assert_eq!(out.lines().count(), 2, "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole_and_empty_text_gives_nothing() {
        let long = "x".repeat(WIDTH + 5);
        assert_eq!(
            wrap(&format!("a {long} b"), "", ""),
            format!("a\n{long}\nb\n")
        );
        assert_eq!(wrap("  ", "- ", "  "), "");
    }

    #[test]
    fn tables_fit_in_the_width_and_keep_words_whole() {
        let mut t = table(&["A", "B"]);
        t.add_row(vec!["x".repeat(300), "y".repeat(300)]);
        assert!(t.to_string().lines().all(|l| l.chars().count() <= WIDTH));
        let mut t = ruled_table(&["Tag", "Note"]);
        t.add_row(vec!["deep-work-protected".to_owned(), "word ".repeat(40)]);
        assert!(render(t).contains("deep-work-protected"));
    }

    #[test]
    fn titles_are_underlined_to_their_length() {
        let mut out = String::new();
        title(&mut out, "Plan", '=');
        assert_eq!(out, "Plan\n====\n");
    }
}
