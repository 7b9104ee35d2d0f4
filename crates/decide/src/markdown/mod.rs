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

use dualtrack_framework::markdown::{self as md, escape};

/// A heading at `level` (1-6).
pub(crate) fn heading(out: &mut String, level: usize, title: &str) {
    let _ = writeln!(out, "{} {}\n", "#".repeat(level.clamp(1, 6)), escape(title));
}

/// A bullet list of literal items (or a checklist when `check` is set), then a blank line.
pub(crate) fn list<S: AsRef<str>>(out: &mut String, items: &[S], check: bool) {
    let items: Vec<String> = items.iter().map(|i| escape(i.as_ref())).collect();
    out.push_str(&if check {
        md::checklist(&items)
    } else {
        md::list(&items)
    });
    out.push('\n');
}

/// A paragraph of escaped text.
pub(crate) fn para(out: &mut String, s: &str) {
    let _ = writeln!(out, "{}\n", escape(s));
}

/// A small table of literal text: header row then rows, then a blank line.
pub(crate) fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let header: Vec<String> = header.iter().map(|h| escape(h)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| escape(c)).collect())
        .collect();
    out.push_str(&md::table(&header, &rows));
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
    fn numbers_and_ranges() {
        assert_eq!(percent_range([70.0, 90.0]), "70-90%");
        assert_eq!(percent_range([0.0, 2.5]), "0-2.5%");
    }
}
