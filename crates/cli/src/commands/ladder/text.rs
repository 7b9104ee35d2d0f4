//! Terminal rendering: aligned tables that fit in 100 columns.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ColumnConstraint, Width};
use dualtrack_framework::{
    Activity, Certainty, Equivalents, Finding, Framework, Ladder, Rung, Severity, TitleMapping,
    Track,
};

use super::rows::{self, marker};
use crate::output::{align_right, ruled_table, wrap};

fn rung_cell(r: Option<&Rung>) -> String {
    r.map_or_else(String::new, |r| {
        let level = r
            .level
            .as_deref()
            .map_or_else(String::new, |l| format!("{l} · "));
        format!("{}\n{level}{}", r.title, r.id)
    })
}

/// `ladder show`.
pub fn show(ladder: &Ladder) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&ladder.name, "", ""));
    if !ladder.description.is_empty() {
        out.push_str(&wrap(&ladder.description, "", ""));
    }
    out.push('\n');
    let name = |k| ladder.track(k).map_or(k.label(), |t| t.name.as_str());
    let mut t = ruled_table(&[
        name(Track::Ic),
        "Scope",
        "",
        name(Track::Management),
        "Scope",
        "Reports",
    ]);
    for row in rows::aligned(ladder) {
        t.add_row(vec![
            rung_cell(row.ic),
            row.ic.map_or_else(String::new, |r| r.scope.to_string()),
            marker(row.pairing).to_owned(),
            rung_cell(row.management),
            row.management
                .map_or_else(String::new, |r| r.scope.to_string()),
            row.management
                .and_then(|r| r.reports)
                .map_or_else(String::new, |r| r.to_string()),
        ]);
    }
    if let Some(c) = t.column_mut(2) {
        c.set_cell_alignment(CellAlignment::Center);
    }
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
    if !e.equivalents.is_empty() {
        let mut t = ruled_table(&["Equivalent", "Track", "Scope", "Basis"]);
        for q in &e.equivalents {
            let basis = match (&q.extrapolated, &q.note) {
                (false, Some(n)) => format!("stated. {n}"),
                (false, None) => "stated".to_owned(),
                (true, Some(n)) => format!("extrapolated. {n}"),
                (true, None) => "extrapolated".to_owned(),
            };
            t.add_row(vec![
                format!("{}\n{}", q.rung.title, q.rung.id),
                q.rung.track.label().to_owned(),
                q.rung.scope.to_string(),
                basis,
            ]);
        }
        let _ = writeln!(out, "{t}");
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
    let shown: Vec<_> = if m.matches.is_empty() {
        m.closest.iter().collect()
    } else {
        m.matches.iter().collect()
    };
    if !shown.is_empty() {
        let heading = if m.matches.is_empty() {
            "Nearest rung (not a match)"
        } else {
            "Matching rung"
        };
        let mut t = ruled_table(&[heading, "Reference rung(s)", "Confidence", "Source"]);
        for r in shown {
            let level = r
                .rung
                .level
                .as_deref()
                .map_or_else(String::new, |l| format!("{l} · "));
            let span = if r.is_range() {
                format!("{} to\n{}", r.reference_low, r.reference_high)
            } else {
                r.reference_low.clone()
            };
            t.add_row(vec![
                format!("{}\n{level}{}", r.rung.title, r.rung.id),
                span,
                r.confidence.to_string(),
                r.source.clone().unwrap_or_default(),
            ]);
        }
        let _ = writeln!(out, "{t}");
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
    let mut t = ruled_table(&["Severity", "Code and rungs", "Finding"]);
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
    for f in findings {
        let mut code = f.code.to_string();
        for r in &f.rungs {
            code.push_str("\n  ");
            code.push_str(r);
        }
        t.add_row(vec![
            f.severity.to_string(),
            code,
            format!("{}\nFix: {}", f.message, f.fix),
        ]);
    }
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
    let mut t = ruled_table(&[
        "Id",
        "Name",
        "IC track tops out at",
        "Errors",
        "Warnings",
        "Notes",
    ]);
    for c in fw.companies() {
        let top = c
            .track(Track::Ic)
            .and_then(|t| t.top())
            .map_or("-", |r| r.title.as_str());
        let findings = fw.audit(c);
        let n = |s| {
            findings
                .iter()
                .filter(|f| f.severity == s)
                .count()
                .to_string()
        };
        t.add_row(vec![
            c.id.clone(),
            c.name.clone(),
            top.to_owned(),
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info),
        ]);
    }
    align_right(&mut t, &[3, 4, 5]);
    format!("{t}\nAudit one with `dualtrack ladder audit --company ID`.\n")
}

/// `ladder compare`.
pub fn compare(fw: &Framework) -> String {
    let mut out = String::new();
    let mut t = ruled_table(&["Dimension", "IC track", "Management track"]);
    for d in &fw.comparison().dimensions {
        t.add_row(vec![d.label.clone(), d.ic.clone(), d.management.clone()]);
    }
    let _ = writeln!(out, "{t}\n");
    let mut p = ruled_table(&["Typical week", "Meetings", "Async", "Focus"]);
    for prof in fw.track_profiles() {
        p.add_row(vec![
            prof.track.label().to_owned(),
            format!("{:.0}%", prof.meetings),
            format!("{:.0}%", prof.async_),
            format!("{:.0}%", prof.focus),
        ]);
    }
    align_right(&mut p, &[1, 2, 3]);
    let _ = writeln!(out, "{p}\n");
    let mut c = ruled_table(&["Long view", "IC track", "Management track"]);
    for row in &fw.leadership().career_paths {
        c.add_row(vec![
            row.label.clone(),
            row.ic.clone(),
            row.management.clone(),
        ]);
    }
    let _ = writeln!(out, "{c}");
    out
}

/// `ladder levels`.
pub fn levels(fw: &Framework) -> String {
    let l = fw.leadership();
    let mut out = String::new();
    let mut q = ruled_table(&[
        "Level",
        "The question it answers",
        "Focus",
        "Planning horizon",
    ]);
    for level in &l.levels {
        q.add_row(vec![
            level.name.clone(),
            level.core_question.clone(),
            level.primary_focus.clone(),
            level.scope.planning_horizon.clone(),
        ]);
    }
    let _ = writeln!(out, "{q}\n");
    let mut header = vec!["Share of the week"];
    header.extend(l.levels.iter().map(|x| x.name.as_str()));
    let mut t = ruled_table(&header);
    for a in Activity::ALL {
        let mut row = vec![l.activity_label(a).to_owned()];
        for level in &l.levels {
            row.push(level.allocation(a).map_or_else(
                || "-".to_owned(),
                |r| format!("{:.0}-{:.0}%", r.low, r.high),
            ));
        }
        t.add_row(row);
    }
    align_right(&mut t, &(1..=l.levels.len()).collect::<Vec<_>>());
    let _ = writeln!(out, "{t}");
    out
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
