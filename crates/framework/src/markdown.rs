//! The one Markdown toolkit every renderer uses (assess, decide, trial and the CLI): escape
//! literal text, keep a cell inside its table, build tables and lists.
//!
//! Two kinds of string go in. *Text* is literal (a title, a reading, a company name) and goes
//! through [`escape`] so nothing in it turns into emphasis, a link, HTML or a table border.
//! *Markdown* is what a renderer built on purpose (`**bold**`, `` `id` ``, `[title](link)`);
//! [`table`] and [`list`] take Markdown and only keep each cell or item on one line, with its
//! pipes escaped so it cannot split a table row.

use std::fmt::Write as _;

/// Characters that would start emphasis, a link, an HTML tag, a heading or a table border, or
/// that escape the next character.
const SPECIAL: [char; 9] = ['\\', '*', '_', '[', ']', '<', '>', '|', '#'];

/// Literal text as Markdown that shows it as written, on one line (line breaks become spaces).
///
/// Code spans (text between matching runs of backticks) are kept as they are: data writes
/// commands that way on purpose. A backtick without a partner is escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            let run = run_length(&chars, i);
            match closing_run(&chars, i + run, run) {
                Some(end) => {
                    for &k in chars.get(i..end + run).unwrap_or_default() {
                        out.push(one_line(k));
                    }
                    i = end + run;
                }
                None => {
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    i += run;
                }
            }
            continue;
        }
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(one_line(c));
        i += 1;
    }
    out
}

/// Markdown made safe as one table cell: line breaks become spaces and every pipe that is not
/// already escaped gets a backslash (inside code spans too, as GitHub's tables require).
#[must_use]
pub fn cell(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut backslashes = 0usize;
    for c in markdown.chars() {
        if c == '|' && backslashes.is_multiple_of(2) {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(one_line(c));
    }
    out
}

/// A GitHub-flavoured table: the header row, the divider, then one row per entry. Header and
/// cells are Markdown (escape literal text first); each goes through [`cell`]. A short row is
/// padded with empty cells so every row has as many cells as the header.
#[must_use]
pub fn table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    table_aligned(header, rows, &[])
}

/// [`table`] with the columns numbered in `right` aligned right (`---:`), for numbers.
#[must_use]
pub fn table_aligned<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], right: &[usize]) -> String {
    let mut out = String::new();
    push_row(&mut out, header.iter().copied(), header.len());
    out.push('|');
    for column in 0..header.len() {
        out.push_str(if right.contains(&column) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in rows {
        push_row(&mut out, row.iter().map(AsRef::as_ref), header.len());
    }
    out
}

fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, width: usize) {
    let mut cells: Vec<String> = cells.map(cell).collect();
    cells.resize(width.max(cells.len()), String::new());
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// A bullet list of Markdown items, one line each.
#[must_use]
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    marked_list(items, "- ")
}

/// A task list (`- [ ] item`) of Markdown items, one line each.
#[must_use]
pub fn checklist<S: AsRef<str>>(items: &[S]) -> String {
    marked_list(items, "- [ ] ")
}

fn marked_list<S: AsRef<str>>(items: &[S], mark: &str) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(mark);
        out.extend(item.as_ref().chars().map(one_line));
        out.push('\n');
    }
    out
}

/// Builders that append literal text as a Markdown document, each block followed by a blank
/// line: the decision report, the plans and the trial review are written with these.
pub mod text {
    use std::fmt::Write as _;

    use super::{checklist, escape, list as bullets, table as md_table};

    /// A heading at `level` (1-6).
    pub fn heading(out: &mut String, level: usize, title: &str) {
        let _ = writeln!(out, "{} {}\n", "#".repeat(level.clamp(1, 6)), escape(title));
    }

    /// A paragraph.
    pub fn para(out: &mut String, text: &str) {
        let _ = writeln!(out, "{}\n", escape(text));
    }

    /// A bullet list, or a task list when `check` is set.
    pub fn list<S: AsRef<str>>(out: &mut String, items: &[S], check: bool) {
        let items: Vec<String> = items.iter().map(|i| escape(i.as_ref())).collect();
        out.push_str(&if check {
            checklist(&items)
        } else {
            bullets(&items)
        });
        out.push('\n');
    }

    /// A table: the header row, then the rows.
    pub fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
        let header: Vec<String> = header.iter().map(|h| escape(h)).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|c| escape(c)).collect())
            .collect();
        out.push_str(&md_table(&header, &rows));
        out.push('\n');
    }
}

fn one_line(c: char) -> char {
    if matches!(c, '\n' | '\r') { ' ' } else { c }
}

fn run_length(chars: &[char], start: usize) -> usize {
    chars
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| c == '`')
        .count()
}

/// Where the next run of exactly `run` backticks starts, at or after `from`.
fn closing_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars.get(i) == Some(&'`') {
            let len = run_length(chars, i);
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Undo [`escape`] on text without backticks: drop each escaping backslash.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Split a table row on the pipes that are not escaped.
    fn split_row(row: &str) -> Vec<String> {
        let mut cells = vec![String::new()];
        let mut backslashes = 0usize;
        for c in row.chars() {
            if c == '|' && backslashes.is_multiple_of(2) {
                cells.push(String::new());
            } else if let Some(last) = cells.last_mut() {
                last.push(c);
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        cells
    }

    #[test]
    fn escapes_markdown_and_html_metacharacters() {
        assert_eq!(
            escape("a|b *c* <d> [e](f) #h\\ d_e"),
            "a\\|b \\*c\\* \\<d\\> \\[e\\](f) \\#h\\\\ d\\_e"
        );
        assert_eq!(escape("two\nlines\r\n"), "two lines  ");
        assert_eq!(escape("30% of 1:1s, it's fine"), "30% of 1:1s, it's fine");
    }

    #[test]
    fn code_spans_are_kept_and_lone_backticks_escaped() {
        assert_eq!(escape("run `a_b | c` [x]"), "run `a_b | c` \\[x\\]");
        assert_eq!(escape("a ``x ` y`` b"), "a ``x ` y`` b");
        assert_eq!(escape("it`s"), "it\\`s");
        assert_eq!(escape("``a`"), "\\`\\`a\\`");
    }

    #[test]
    fn cells_escape_bare_pipes_only() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cell("a\\|b"), "a\\|b");
        assert_eq!(cell("a\\\\|b"), "a\\\\\\|b");
        assert_eq!(cell("`x | y`"), "`x \\| y`");
    }

    #[test]
    fn tables_and_lists() {
        assert_eq!(
            table(&["A", "B"], &[vec!["1", "x|y"], vec!["2"]]),
            "| A | B |\n| --- | --- |\n| 1 | x\\|y |\n| 2 |  |\n"
        );
        assert_eq!(
            table_aligned(&["Week", "Hours"], &[vec!["W1", "3"]], &[1]),
            "| Week | Hours |\n| --- | ---: |\n| W1 | 3 |\n"
        );
        assert_eq!(list(&["a", "b\nc"]), "- a\n- b c\n");
        assert_eq!(checklist(&["a"]), "- [ ] a\n");
        let mut doc = String::new();
        text::heading(&mut doc, 9, "A *plan*");
        text::para(&mut doc, "1 < 2");
        text::list(&mut doc, &["x_y"], true);
        text::table(&mut doc, &["A|B"], &[vec!["c".to_owned()]]);
        assert_eq!(
            doc,
            "###### A \\*plan\\*\n\n1 \\< 2\n\n- [ ] x\\_y\n\n| A\\|B |\n| --- |\n| c |\n\n"
        );
    }

    proptest! {
        #[test]
        fn escape_is_one_line_and_reversible(s in "[^`]{0,80}") {
            let escaped = escape(&s);
            prop_assert!(!escaped.contains(['\n', '\r']));
            prop_assert_eq!(unescape(&escaped), s.replace(['\n', '\r'], " "));
        }

        #[test]
        fn escaped_text_starts_nothing(s in "[a-z*_<>\\[\\]|#\\\\ `]{0,40}") {
            let escaped = escape(&s);
            // Outside code spans, every special character is preceded by an odd run of
            // backslashes; the code-span case is covered by the example tests.
            if !s.contains('`') {
                let chars: Vec<char> = escaped.chars().collect();
                let mut i = 0;
                while i < chars.len() {
                    if chars[i] == '\\' {
                        i += 2;
                        continue;
                    }
                    prop_assert!(!SPECIAL.contains(&chars[i]), "bare {:?} in {:?}", chars[i], escaped);
                    i += 1;
                }
            }
        }

        #[test]
        fn no_cell_can_break_its_table(
            rows in proptest::collection::vec(proptest::collection::vec(".{0,20}", 3), 0..5),
            literal in any::<bool>(),
        ) {
            let rows: Vec<Vec<String>> = if literal {
                rows.iter().map(|r| r.iter().map(|c| escape(c)).collect()).collect()
            } else {
                rows
            };
            let out = table(&["A", "B", "C"], &rows);
            let lines: Vec<&str> = out.lines().collect();
            prop_assert_eq!(lines.len(), rows.len() + 2);
            for line in lines {
                // Leading and trailing pipes give an empty first and last piece.
                prop_assert_eq!(split_row(line).len(), 5, "{:?}", line);
            }
        }
    }
}
