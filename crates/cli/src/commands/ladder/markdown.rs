//! Markdown rendering of the ladder views, for pasting into a document or a wiki.

use std::fmt::Write as _;

use dualtrack_framework::{Certainty, Equivalents, Finding, Framework, Ladder, Rung, TitleMapping};

use dualtrack_framework::markdown::escape;

use super::grid::Grid;
use super::tables;

/// The two tracks side by side, with the equivalence legend and notes; `link` turns each
/// title into a link to its guide page.
pub fn ladder_table(ladder: &Ladder, link: Option<&dyn Fn(&Rung) -> String>) -> String {
    let mut out = tables::ladder(ladder, link).to_markdown();
    out.push('\n');
    if ladder.equivalences.is_empty() {
        out.push_str(
            "No equivalences are stated: rungs are shown side by side by position only.\n",
        );
    } else {
        out.push_str(
            "`=` stated equivalence, `≈` extrapolated (an inference, not a stated pairing).\n",
        );
        let notes: Vec<String> = ladder
            .equivalences
            .iter()
            .filter(|e| e.extrapolated)
            .filter_map(|e| {
                e.note
                    .as_ref()
                    .map(|n| format!("- ≈ `{}` / `{}`: {n}", e.ic, e.management))
            })
            .collect();
        if !notes.is_empty() {
            out.push('\n');
            out.push_str(&notes.join("\n"));
            out.push('\n');
        }
    }
    out
}

/// `ladder show --format markdown`.
pub fn show(ladder: &Ladder) -> String {
    let mut out = format!("# {}\n\n", ladder.name);
    if !ladder.description.is_empty() {
        let _ = writeln!(out, "{}\n", ladder.description);
    }
    out.push_str(&ladder_table(ladder, None));
    out
}

fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::Exact => "exact",
        Certainty::Range => "a range",
        Certainty::Uncertain => "uncertain",
        Certainty::None => "no match",
    }
}

/// `ladder equiv --format markdown`.
pub fn equivalents(e: &Equivalents) -> String {
    let mut out = format!(
        "# Equivalents of {} (`{}`)\n\n{} track, {} scope, in {}.\n\n",
        e.rung.title,
        e.rung.id,
        e.rung.track.label(),
        e.rung.scope,
        e.ladder_name
    );
    if !e.reference.is_empty() {
        let names: Vec<&str> = e.reference.iter().map(|r| r.title.as_str()).collect();
        let _ = writeln!(out, "Reference rung(s): {}.\n", names.join(" to "));
    }
    let grid = tables::equivalents(&e.equivalents);
    if !grid.is_empty() {
        out.push_str(&grid.to_markdown());
        out.push('\n');
    }
    let _ = writeln!(out, "Certainty: **{}**.", certainty(e.certainty));
    for n in &e.notes {
        let _ = writeln!(out, "\n- {n}");
    }
    out
}

/// `ladder map --format markdown`.
pub fn mapping(m: &TitleMapping) -> String {
    let mut out = format!(
        "# {} at {} → {}\n\n",
        m.rung.rung.title, m.from.name, m.to.name
    );
    if !m.rung.reference_low.is_empty() {
        let _ = writeln!(
            out,
            "Reference rung(s): `{}`{} ({} confidence).\n",
            m.rung.reference_low,
            if m.rung.is_range() {
                format!(" to `{}`", m.rung.reference_high)
            } else {
                String::new()
            },
            m.rung.confidence
        );
    }
    let grid = tables::mapping(m);
    if !grid.is_empty() {
        out.push_str(&grid.to_markdown());
        out.push('\n');
    }
    let _ = writeln!(out, "Certainty: **{}**.", certainty(m.certainty));
    for n in &m.notes {
        let _ = writeln!(out, "\n- {n}");
    }
    out
}

/// `ladder audit --format markdown`.
pub fn audit(ladder: &Ladder, findings: &[Finding]) -> String {
    let mut out = format!("# Audit of {}\n\n", ladder.name);
    if findings.is_empty() {
        out.push_str(
            "No findings. Nothing suggests a decorative IC track: it reaches beyond Staff, senior \
             IC rungs have management equivalents, and nothing recorded contradicts them.\n",
        );
        return out;
    }
    out.push_str(&tables::audit(findings).to_markdown());
    out
}

/// `ladder companies --format markdown`.
pub fn companies(fw: &Framework) -> String {
    tables::companies(fw).to_markdown()
}

/// The nine-dimension comparison, the typical weeks and the long view.
pub fn compare(fw: &Framework) -> String {
    headed(tables::compare(fw))
}

/// Headed tables: the first heading is the page's title, the others its sections.
pub fn headed<S: AsRef<str>>(sections: Vec<(S, Grid)>) -> String {
    let mut out = String::new();
    for (index, (heading, grid)) in sections.into_iter().enumerate() {
        let depth = if index == 0 { "#" } else { "\n##" };
        let _ = writeln!(out, "{depth} {}\n", escape(heading.as_ref()));
        out.push_str(&grid.to_markdown());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_reference_ladder_markdown() {
        let fw = Framework::embedded().unwrap();
        insta::assert_snapshot!(show(fw.ladder()));
    }

    #[test]
    fn audit_markdown_of_the_startup_example() {
        let fw = Framework::embedded().unwrap();
        let l = fw.company("sprocket").unwrap();
        insta::assert_snapshot!(audit(l, &fw.audit(l)));
    }
}
