//! The assessment as terminal text: wrapped paragraphs and aligned tables within 100 columns.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use dualtrack_assess::{Assessment, lean_label, leaning_label};

/// Every line of the report fits in this many columns.
pub const WIDTH: usize = 100;

/// Render the full report.
pub fn render(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", a.title);
    let _ = writeln!(out, "Verdict: {}", a.verdict.label());
    push_wrapped(
        &mut out,
        &format!("{} {}", a.summary.headline, a.summary.detail),
        "",
        "",
    );
    if let Some(note) = &a.staff_path_note {
        out.push('\n');
        push_wrapped(
            &mut out,
            &format!("{}: {}", note.headline, note.detail),
            "",
            "",
        );
    }
    out.push('\n');

    let mut counts = table();
    counts.set_header(["Leans", "IC", "Management"]);
    counts.add_row([
        "Strong".to_owned(),
        a.strong.ic.to_string(),
        a.strong.management.to_string(),
    ]);
    counts.add_row([
        "Mild".to_owned(),
        a.mild.ic.to_string(),
        a.mild.management.to_string(),
    ]);
    counts.add_row([
        "Weighted (strong 2, mild 1)".to_owned(),
        a.weighted.ic.to_string(),
        a.weighted.management.to_string(),
    ]);
    for index in [1, 2] {
        if let Some(column) = counts.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{counts}");
    let _ = writeln!(out, "Leaning: {}\n", leaning_label(a.leaning));

    let _ = writeln!(out, "Your answers");
    let mut answers = table();
    answers.set_header(["Question", "Your answer", "Leans"]);
    for r in &a.readings {
        answers.add_row([r.theme.clone(), r.answer.clone(), lean_label(r)]);
    }
    let _ = writeln!(out, "{answers}\n");
    let _ = writeln!(out, "What your answers suggest");
    // Red flags get their own section below, with what to do instead.
    for r in a.readings.iter().filter(|r| !r.red_flag) {
        push_wrapped(
            &mut out,
            &format!("{}: {}", r.theme, r.reading),
            "  * ",
            "    ",
        );
    }
    out.push('\n');

    if !a.red_flag_notes.is_empty() {
        let _ = writeln!(out, "Reasons that do not hold up");
        for note in &a.red_flag_notes {
            push_wrapped(
                &mut out,
                &format!("\"{}.\" {}", note.answer, note.why),
                "  * ",
                "    ",
            );
            push_wrapped(
                &mut out,
                &format!("Instead: {}", note.instead),
                "    ",
                "    ",
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "Next steps");
    for (i, step) in a.next_steps.iter().enumerate() {
        let first = format!("  {}. ", i + 1);
        push_wrapped(
            &mut out,
            &format!("{}. {}", step.title, step.detail),
            &first,
            "     ",
        );
        if let Some(command) = &step.command {
            let _ = writeln!(out, "     $ {command}");
        }
    }
    out.push('\n');

    let _ = writeln!(out, "Signals worth knowing");
    for (title, items) in a.guidance.sections() {
        let _ = writeln!(out, "  {title}");
        for item in items {
            push_wrapped(&mut out, item, "    * ", "      ");
        }
    }
    out
}

/// The table style shared by every table in the report.
pub fn table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(WIDTH).unwrap_or(u16::MAX));
    table
}

/// Append `text` word-wrapped to [`WIDTH`], the first line after `first`, the rest after `rest`.
pub fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if !empty && !fits {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_the_width_with_indents() {
        let text = "word ".repeat(60);
        let mut out = String::new();
        push_wrapped(&mut out, &text, "  1. ", "     ");
        let lines: Vec<_> = out.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("  1. word"));
        assert!(lines[1].starts_with("     word"));
        assert_eq!(out.split_whitespace().filter(|w| *w == "word").count(), 60);
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole() {
        let long = "x".repeat(WIDTH + 5);
        let mut out = String::new();
        push_wrapped(&mut out, &format!("a {long} b"), "", "");
        assert_eq!(out, format!("a\n{long}\nb\n"));
    }
}
