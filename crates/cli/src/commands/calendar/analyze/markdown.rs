//! The analysis as Markdown, for a doc or a wiki page.

use std::fmt::Write as _;

use dualtrack_calendar::Analysis;
use dualtrack_framework::markdown::{cell, escape, table_aligned};

use super::rows::{self, Rows};
use super::text::{
    caveat_lines, closest_line, counts_lines, distances, evidence_line, guess_lines, headline,
    owner_line, pct, shares_words, span_line, thin_words, window_line, working_lines,
};

pub fn render(a: &Analysis) -> String {
    let mut out = String::from("# Calendar analysis\n\n");
    let _ = writeln!(out, "{}.\n", headline(a));
    let _ = writeln!(out, "- {}", window_line(a));
    let _ = writeln!(out, "- Owner: {}", owner_line(a));
    for line in working_lines(a)
        .into_iter()
        .chain(counts_lines(a))
        .chain([evidence_line(a), span_line(a)])
    {
        let _ = writeln!(out, "- {line}");
    }
    for line in guess_lines(a) {
        let _ = writeln!(out, "- Guessed: {line}");
    }
    for line in caveat_lines(a) {
        let _ = writeln!(out, "- Caveat: {line}");
    }
    if !a.evidence.enough {
        let _ = writeln!(out, "\n{}\n\n{}.", thin_words(a), closest_line(a));
        push_explain_and_notes(&mut out, a);
        return out;
    }

    let _ = writeln!(out, "\n## Working time\n");
    out.push_str(&markdown_table(rows::working(a)));

    let _ = writeln!(out, "\n## Meeting kinds\n");
    out.push_str(&markdown_table(rows::kinds(a)));

    let _ = writeln!(out, "\n## Compared with each track\n");
    let _ = writeln!(
        out,
        "| | Meetings | Async | Focus |\n| --- | ---: | ---: | ---: |"
    );
    let row = |name: &str, s: &dualtrack_calendar::analysis::Shares| {
        format!(
            "| {name} | {} | {} | {} |",
            pct(s.meetings),
            pct(s.async_),
            pct(s.focus)
        )
    };
    let _ = writeln!(out, "{}", row("**this calendar**", &a.shares));
    for p in &a.track_profiles {
        let _ = writeln!(out, "{}", row(&format!("{} track", p.track), &p.shares));
    }
    match a.closest_track {
        Some(t) => {
            let _ = writeln!(out, "\nClosest track: **{t}** ({}).", distances(a));
        }
        None => {
            let _ = writeln!(out, "\n{}.", closest_line(a));
        }
    }

    let _ = writeln!(out, "\n## Leadership levels by time allocation\n");
    out.push_str(&markdown_table(rows::levels(a)));
    let best = a
        .levels
        .best
        .as_deref()
        .and_then(|id| a.levels.fits.iter().find(|f| f.id == id));
    let _ = writeln!(
        out,
        "\nBest fit: **{}**.",
        best.map_or("none", |b| b.name.as_str())
    );

    let _ = writeln!(out, "\n## ISO weeks\n");
    out.push_str(&markdown_table(rows::weeks(a, shares_words)));
    push_explain_and_notes(&mut out, a);
    out
}

fn push_explain_and_notes(out: &mut String, a: &Analysis) {
    if !a.explain.is_empty() {
        let _ = writeln!(out, "\n## Occurrences\n");
        out.push_str(&markdown_table(rows::explain(a, escape)));
    }

    for (title, notes) in [
        (
            "Warnings",
            a.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
        ),
        (
            "Skipped lines",
            a.skipped_lines.iter().map(ToString::to_string).collect(),
        ),
    ] {
        if !notes.is_empty() {
            let _ = writeln!(out, "\n## {title}\n");
            for n in notes {
                let _ = writeln!(out, "- {}", cell(&n));
            }
        }
    }
}

/// A table of rows as Markdown, numbers aligned right.
fn markdown_table(rows: Rows) -> String {
    table_aligned(&rows.header, &rows.rows, &rows.numeric)
}
