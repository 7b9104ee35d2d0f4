//! Markdown for every decide result. The report reuses the section renderers with deeper
//! headings, so a plan reads the same on its own and inside the report.

mod outlook;
mod plans;
mod switchback;

pub use outlook::outlook;
pub(crate) use outlook::{considerations, track_outlook};
pub use plans::{plan, transition, trial};
pub use switchback::estimate;

use std::fmt::Write as _;

/// Escape text so Markdown shows it literally (also safe inside table cells).
#[must_use]
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A heading at `level` (1-6).
pub(crate) fn heading(out: &mut String, level: usize, title: &str) {
    let _ = writeln!(out, "{} {}\n", "#".repeat(level.clamp(1, 6)), text(title));
}

/// A bullet list (or a checklist when `check` is set), then a blank line.
pub(crate) fn list<S: AsRef<str>>(out: &mut String, items: &[S], check: bool) {
    let mark = if check { "- [ ] " } else { "- " };
    for item in items {
        let _ = writeln!(out, "{mark}{}", text(item.as_ref()));
    }
    out.push('\n');
}

/// A paragraph of escaped text.
pub(crate) fn para(out: &mut String, s: &str) {
    let _ = writeln!(out, "{}\n", text(s));
}

/// A small table: header row then rows, all cells escaped.
pub(crate) fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(
        out,
        "| {} |",
        header
            .iter()
            .map(|h| text(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
    for row in rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter().map(|c| text(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    out.push('\n');
}

/// A percent range like `70-90%` (whole numbers print without decimals).
#[must_use]
pub fn percent_range(range: [f64; 2]) -> String {
    format!("{}-{}%", number(range[0]), number(range[1]))
}

/// A number without a trailing `.0`.
#[must_use]
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markdown_and_html_metacharacters() {
        assert_eq!(
            text("a|b *c* <d> [e](f) `g` #h\\"),
            "a\\|b \\*c\\* \\<d\\> \\[e\\](f) \\`g\\` \\#h\\\\"
        );
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(text("30% of 1:1s, it's fine"), "30% of 1:1s, it's fine");
    }

    #[test]
    fn numbers_and_ranges() {
        assert_eq!(percent_range([70.0, 90.0]), "70-90%");
        assert_eq!(percent_range([0.0, 2.5]), "0-2.5%");
    }
}
