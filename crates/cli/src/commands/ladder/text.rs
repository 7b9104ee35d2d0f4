//! Terminal rendering: aligned tables that fit in 100 columns.

use std::fmt::Write as _;

use comfy_table::{ColumnConstraint, Width};
use dualtrack_framework::{
    Certainty, Equivalents, Finding, Framework, Ladder, Severity, TitleMapping,
};

use super::grid::Grid;
use super::tables;
use crate::output::wrap;

/// `ladder show`.
pub fn show(ladder: &Ladder) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&ladder.name, "", ""));
    if !ladder.description.is_empty() {
        out.push_str(&wrap(&ladder.description, "", ""));
    }
    out.push('\n');
    let t = tables::ladder(ladder, None).to_table();
    let _ = writeln!(out, "{t}");
    if ladder.equivalences.is_empty() {
        out.push_str(&wrap(
            "No equivalences are stated: rungs are shown side by side by position only.",
            "",
            "",
        ));
    } else {
        let _ = writeln!(
            out,
            "= stated equivalence   ≈ extrapolated (an inference, not a stated pairing)"
        );
        for e in ladder.equivalences.iter().filter(|e| e.extrapolated) {
            if let Some(note) = &e.note {
                out.push_str(&wrap(
                    &format!("≈ {} / {}: {note}", e.ic, e.management),
                    "",
                    "",
                ));
            }
        }
    }
    out
}

fn certainty_line(c: Certainty) -> &'static str {
    match c {
        Certainty::Exact => "exact: one rung matches one rung, with high confidence",
        Certainty::Range => "a range: more than one rung matches",
        Certainty::Uncertain => {
            "uncertain: the match rests on an inference or a low-confidence mapping"
        }
        Certainty::None => "no match",
    }
}

/// `ladder equiv`.
pub fn equivalents(e: &Equivalents) -> String {
    let mut out = wrap(
        &format!(
            "{} ({}): {} track, {} scope, in {}",
            e.rung.title,
            e.rung.id,
            e.rung.track.label(),
            e.rung.scope,
            e.ladder_name
        ),
        "",
        "",
    );
    if !e.reference.is_empty() {
        let names: Vec<&str> = e.reference.iter().map(|r| r.title.as_str()).collect();
        out.push_str(&wrap(
            &format!("Reference rung(s): {}", names.join(" to ")),
            "",
            "",
        ));
    }
    out.push('\n');
    let grid = tables::equivalents(&e.equivalents);
    if !grid.is_empty() {
        let _ = writeln!(out, "{}", grid.to_table());
    }
    let _ = writeln!(out, "Certainty: {}", certainty_line(e.certainty));
    for n in &e.notes {
        out.push_str(&wrap(&format!("- {n}"), "", ""));
    }
    out
}

/// `ladder map`.
pub fn mapping(m: &TitleMapping) -> String {
    let mut out = wrap(
        &format!("{} at {} -> {}", m.rung.rung.title, m.from.name, m.to.name),
        "",
        "",
    );
    if !m.rung.reference_low.is_empty() {
        let span = if m.rung.is_range() {
            format!("{} to {}", m.rung.reference_low, m.rung.reference_high)
        } else {
            m.rung.reference_low.clone()
        };
        let _ = writeln!(
            out,
            "Reference rung(s): {span} ({} confidence)",
            m.rung.confidence
        );
    }
    out.push('\n');
    let grid = tables::mapping(m);
    if !grid.is_empty() {
        let _ = writeln!(out, "{}", grid.to_table());
    }
    let _ = writeln!(out, "Certainty: {}", certainty_line(m.certainty));
    for n in &m.notes {
        out.push_str(&wrap(&format!("- {n}"), "", ""));
    }
    out
}

fn counts(findings: &[Finding]) -> String {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    format!(
        "{} error(s), {} warning(s), {} note(s)",
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info)
    )
}

/// `ladder audit`.
pub fn audit(ladder: &Ladder, findings: &[Finding]) -> String {
    let mut out = wrap(
        &format!("Audit of {}: {}", ladder.name, counts(findings)),
        "",
        "",
    );
    if findings.is_empty() {
        out.push_str(&wrap(
            "Nothing suggests a decorative IC track: it reaches beyond Staff, senior IC rungs have \
             management equivalents, and nothing recorded contradicts them.",
            "",
            "",
        ));
        return out;
    }
    let mut t = tables::audit(findings).to_table();
    // Codes are never wrapped: they are what people search for.
    let code_width = findings
        .iter()
        .flat_map(|f| {
            std::iter::once(f.code.as_str().len())
                .chain(f.rungs.iter().map(|r| r.chars().count() + 2))
        })
        .max()
        .unwrap_or(4)
        .min(40);
    if let Some(c) = t.column_mut(1) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(
            code_width as u16 + 2,
        )));
    }
    let _ = writeln!(out, "{t}");
    out
}

/// `ladder companies`.
pub fn companies(fw: &Framework) -> String {
    format!(
        "{}\nAudit one with `dualtrack ladder audit --company ID`.\n",
        tables::companies(fw).to_table()
    )
}

/// `ladder compare`.
pub fn compare(fw: &Framework) -> String {
    headed(tables::compare(fw))
}

/// Headed tables, a blank line between them.
fn headed<S: AsRef<str>>(sections: Vec<(S, Grid)>) -> String {
    let mut out = String::new();
    for (heading, grid) in sections {
        let _ = writeln!(out, "{}\n{}\n", heading.as_ref(), grid.to_table());
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `ladder levels`.
pub fn levels(fw: &Framework) -> String {
    headed(tables::levels(fw.leadership()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        Framework::embedded().unwrap()
    }

    fn assert_fits(text: &str) {
        for line in text.lines() {
            assert!(
                line.chars().count() <= crate::output::layout::WIDTH,
                "too wide ({}): {line}",
                line.chars().count()
            );
        }
    }

    #[test]
    fn show_reference_ladder() {
        let fw = fw();
        let out = show(fw.ladder());
        assert_fits(&out);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn audit_of_the_enterprise_example() {
        let fw = fw();
        let l = fw.company("harbourline").unwrap();
        let out = audit(l, &fw.audit(l));
        assert_fits(&out);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn audit_with_no_findings_says_so() {
        let fw = fw();
        let l = fw.company("quanta").unwrap();
        let out = audit(l, &fw.audit(l));
        assert!(
            out.starts_with("Audit of Quanta Labs (example): 0 error(s), 0 warning(s)"),
            "{out}"
        );
    }

    #[test]
    fn map_across_a_range() {
        let m = fw()
            .map_title("Staff Software Engineer", "quanta", "meridian")
            .unwrap();
        let out = mapping(&m);
        assert_fits(&out);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn every_other_view_fits() {
        let fw = fw();
        assert_fits(&compare(&fw));
        assert_fits(&levels(&fw));
        assert_fits(&companies(&fw));
        assert_fits(&equivalents(
            &fw.equivalent("distinguished_engineer", None).unwrap(),
        ));
        for c in fw.companies() {
            assert_fits(&show(c));
        }
    }
}
