//! The assessment as terminal text: wrapped paragraphs and aligned tables within 100 columns.

use std::fmt::Write as _;

use dualtrack_assess::{Assessment, lean_label, leaning_label};

use crate::output::{align_right, push_wrapped, table};

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

    let mut counts = table(&["Leans", "IC", "Management"]);
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
    align_right(&mut counts, &[1, 2]);
    let _ = writeln!(out, "{counts}");
    let _ = writeln!(out, "Leaning: {}\n", leaning_label(a.leaning));

    let _ = writeln!(out, "Your answers");
    let mut answers = table(&["Question", "Your answer", "Leans"]);
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
