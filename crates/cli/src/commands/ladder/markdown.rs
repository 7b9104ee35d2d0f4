//! Markdown rendering of the ladder views, for pasting into a document or a wiki.

use std::fmt::Write as _;

use dualtrack_framework::{
    Certainty, Equivalents, Finding, Framework, Ladder, Rung, TitleMapping, Track,
};

use super::rows::{self, marker};

pub use dualtrack_framework::markdown::table;

/// A rung's cell; `link` turns the title into a link to its guide page.
pub fn rung_cell(r: Option<&Rung>, link: Option<&dyn Fn(&Rung) -> String>) -> String {
    r.map_or_else(String::new, |r| {
        let title = match link {
            Some(f) => format!("[{}]({})", r.title, f(r)),
            None => r.title.clone(),
        };
        let level = r
            .level
            .as_deref()
            .map_or_else(String::new, |l| format!("{l} · "));
        format!("{title} ({level}`{}`)", r.id)
    })
}

/// The two tracks side by side, with the equivalence legend and notes.
pub fn ladder_table(ladder: &Ladder, link: Option<&dyn Fn(&Rung) -> String>) -> String {
    let name = |k: Track| ladder.track(k).map_or(k.label(), |t| t.name.as_str());
    let rows: Vec<Vec<String>> = rows::aligned(ladder)
        .into_iter()
        .map(|row| {
            vec![
                rung_cell(row.ic, link),
                row.ic.map_or_else(String::new, |r| r.scope.to_string()),
                marker(row.pairing).to_owned(),
                rung_cell(row.management, link),
                row.management
                    .map_or_else(String::new, |r| r.scope.to_string()),
                row.management
                    .and_then(|r| r.reports)
                    .map_or_else(String::new, |r| r.to_string()),
            ]
        })
        .collect();
    let mut out = table(
        &[
            name(Track::Ic),
            "Scope",
            "",
            name(Track::Management),
            "Scope",
            "Reports",
        ],
        &rows,
    );
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
    let rows: Vec<Vec<String>> = e
        .equivalents
        .iter()
        .map(|q| {
            vec![
                format!("{} (`{}`)", q.rung.title, q.rung.id),
                q.rung.track.label().to_owned(),
                q.rung.scope.to_string(),
                if q.extrapolated {
                    "extrapolated"
                } else {
                    "stated"
                }
                .to_owned(),
                q.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(
            &["Equivalent", "Track", "Scope", "Basis", "Note"],
            &rows,
        ));
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
    let shown: Vec<_> = if m.matches.is_empty() {
        m.closest.iter().collect()
    } else {
        m.matches.iter().collect()
    };
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|r| {
            vec![
                format!("{} (`{}`)", r.rung.title, r.rung.id),
                r.rung.level.clone().unwrap_or_default(),
                if r.is_range() {
                    format!("`{}` to `{}`", r.reference_low, r.reference_high)
                } else {
                    format!("`{}`", r.reference_low)
                },
                r.confidence.to_string(),
                r.source.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let heading = if m.matches.is_empty() {
            "Nearest rung (not a match)"
        } else {
            "Matching rung"
        };
        out.push_str(&table(
            &[
                heading,
                "Level",
                "Reference rung(s)",
                "Confidence",
                "Source",
            ],
            &rows,
        ));
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
    let rows: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            vec![
                f.severity.to_string(),
                format!("`{}`", f.code),
                f.rungs
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                f.message.clone(),
                f.fix.clone(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Severity", "Code", "Rungs", "Finding", "Fix"],
        &rows,
    ));
    out
}

/// `ladder companies --format markdown`.
pub fn companies(fw: &Framework) -> String {
    let rows: Vec<Vec<String>> = fw
        .companies()
        .iter()
        .map(|c| {
            vec![
                format!("`{}`", c.id),
                c.name.clone(),
                c.description.clone(),
                fw.audit(c).len().to_string(),
            ]
        })
        .collect();
    table(&["Id", "Name", "Description", "Findings"], &rows)
}

/// The nine-dimension comparison, the typical weeks and the long view.
pub fn compare(fw: &Framework) -> String {
    let mut out = String::from("# IC and management compared\n\n");
    let rows: Vec<Vec<String>> = fw
        .comparison()
        .dimensions
        .iter()
        .map(|d| vec![d.label.clone(), d.ic.clone(), d.management.clone()])
        .collect();
    out.push_str(&table(
        &["Dimension", "IC track", "Management track"],
        &rows,
    ));
    out.push_str("\n## A typical week\n\n");
    let rows: Vec<Vec<String>> = fw
        .track_profiles()
        .iter()
        .map(|p| {
            vec![
                p.track.label().to_owned(),
                format!("{:.0}%", p.meetings),
                format!("{:.0}%", p.async_),
                format!("{:.0}%", p.focus),
            ]
        })
        .collect();
    out.push_str(&table(&["Track", "Meetings", "Async", "Focus"], &rows));
    out.push_str("\n## The long view\n\n");
    let rows: Vec<Vec<String>> = fw
        .leadership()
        .career_paths
        .iter()
        .map(|c| vec![c.label.clone(), c.ic.clone(), c.management.clone()])
        .collect();
    out.push_str(&table(&["", "IC track", "Management track"], &rows));
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
