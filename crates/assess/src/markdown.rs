//! The assessment as a Markdown document (for the CLI's `--format markdown` and the decision
//! report, which embeds it).

use std::fmt::Write as _;

use dualtrack_framework::markdown::{escape, table};

use crate::assessment::{Assessment, Reading, Track};

/// Render the full report: verdict, counts, each answer's reading, red flags, next steps and
/// the guidance around the verdict.
pub fn render_markdown(assessment: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&assessment.title));
    push_verdict(&mut out, assessment, "##");
    push_answers(&mut out, assessment, "##");
    push_red_flags(&mut out, assessment, "##");
    push_next_steps(&mut out, assessment, "##");
    push_guidance(&mut out, assessment, "##");
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The same report one heading level down, for embedding under another document's heading.
pub fn render_markdown_section(assessment: &Assessment) -> String {
    let mut out = String::new();
    push_verdict(&mut out, assessment, "###");
    push_answers(&mut out, assessment, "###");
    push_red_flags(&mut out, assessment, "###");
    push_next_steps(&mut out, assessment, "###");
    push_guidance(&mut out, assessment, "###");
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// "IC (strong)", "management (mild)" or "no lean", as shown in tables.
pub fn lean_label(reading: &Reading) -> String {
    match (reading.lean, reading.strength) {
        (Some(track), Some(strength)) => format!("{} ({})", track.noun(), strength.as_str()),
        (Some(track), None) => track.noun().to_owned(),
        (None, _) if reading.red_flag => "red flag".to_owned(),
        (None, _) => "no lean".to_owned(),
    }
}

/// "IC", "management" or "even" for the leaning.
pub fn leaning_label(leaning: Option<Track>) -> &'static str {
    leaning.map_or("even (a tie)", Track::noun)
}

fn push_verdict(out: &mut String, a: &Assessment, h: &str) {
    let _ = writeln!(out, "{h} Verdict: {}\n", a.verdict.label());
    let _ = writeln!(
        out,
        "**{}** {}\n",
        escape(&a.summary.headline),
        escape(&a.summary.detail)
    );
    if let Some(note) = &a.staff_path_note {
        let _ = writeln!(
            out,
            "> **{}.** {}\n",
            escape(&note.headline),
            escape(&note.detail)
        );
    }
    for caution in &a.cautions {
        let _ = writeln!(
            out,
            "> **Readiness caution.** {}\n",
            escape(&caution.detail)
        );
    }
    let _ = writeln!(out, "| Leans | IC | Management |\n| --- | ---: | ---: |");
    let _ = writeln!(
        out,
        "| Strong | {} | {} |",
        a.strong.ic, a.strong.management
    );
    let _ = writeln!(out, "| Mild | {} | {} |", a.mild.ic, a.mild.management);
    let _ = writeln!(
        out,
        "| Weighted (strong 2, mild 1) | {} | {} |\n",
        a.weighted.ic, a.weighted.management
    );
    let _ = writeln!(out, "Leaning: **{}**.\n", leaning_label(a.leaning));
}

fn push_answers(out: &mut String, a: &Assessment, h: &str) {
    let _ = writeln!(out, "{h} Your answers\n");
    let rows: Vec<Vec<String>> = a
        .readings
        .iter()
        .map(|r| vec![escape(&r.theme), escape(&r.answer), lean_label(r)])
        .collect();
    out.push_str(&table(&["Question", "Your answer", "Leans"], &rows));
    out.push('\n');
    // Red flags get their own section, with what to do instead.
    for r in a.readings.iter().filter(|r| !r.red_flag) {
        let _ = writeln!(
            out,
            "- **{}: {}.** {}",
            escape(&r.theme),
            escape(&r.answer),
            escape(&r.reading)
        );
    }
    out.push('\n');
}

fn push_red_flags(out: &mut String, a: &Assessment, h: &str) {
    if a.red_flag_notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "{h} Reasons that do not hold up\n");
    for note in &a.red_flag_notes {
        let _ = writeln!(
            out,
            "- **\"{}.\"** {} *Instead:* {}",
            escape(&note.answer),
            escape(&note.why),
            escape(&note.instead)
        );
    }
    out.push('\n');
}

fn push_next_steps(out: &mut String, a: &Assessment, h: &str) {
    let _ = writeln!(out, "{h} Next steps\n");
    for (i, step) in a.next_steps.iter().enumerate() {
        let _ = write!(
            out,
            "{}. **{}.** {}",
            i + 1,
            escape(&step.title),
            escape(&step.detail)
        );
        if let Some(command) = &step.command {
            let _ = write!(out, " Try `{command}`.");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn push_guidance(out: &mut String, a: &Assessment, h: &str) {
    let _ = writeln!(out, "{h} Signals worth knowing\n");
    for (title, items) in a.guidance.sections() {
        let _ = writeln!(out, "**{}**\n", escape(title));
        for item in items {
            let _ = writeln!(out, "- {}", escape(item));
        }
        out.push('\n');
    }
}
