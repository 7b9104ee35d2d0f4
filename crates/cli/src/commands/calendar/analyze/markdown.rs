//! The analysis as Markdown, for a doc or a wiki page.

use std::fmt::Write as _;

use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::MeetingKind;
use dualtrack_framework::markdown::{cell, escape};

use super::text::{
    closest_line, counts_lines, distances, evidence_line, guess_lines, headline, hours,
    outcome_word, outside_words, owner_line, pct, pct0, shares_words, span_line, when, window_line,
    working_lines,
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

    let hs = &a.hours;
    let _ = writeln!(out, "\n## Working time\n");
    let _ = writeln!(out, "| | Hours | Share |\n| --- | ---: | ---: |");
    let _ = writeln!(
        out,
        "| Meetings | {} | {} |",
        hours(hs.meetings),
        pct(a.shares.meetings)
    );
    let _ = writeln!(
        out,
        "| Async (short gaps) | {} | {} |",
        hours(hs.async_),
        pct(a.shares.async_)
    );
    let _ = writeln!(
        out,
        "| Focus | {} | {} |",
        hours(hs.focus),
        pct(a.shares.focus)
    );
    let _ = writeln!(
        out,
        "| of which focus blocks | {} | |",
        hours(hs.focus_blocks)
    );
    let _ = writeln!(
        out,
        "| **Working (total)** | **{}** | 100% |",
        hours(hs.working)
    );
    let _ = writeln!(
        out,
        "| Busy (meetings + focus blocks) | {} | |",
        hours(hs.busy)
    );

    let _ = writeln!(out, "\n## Meeting kinds\n");
    let _ = writeln!(
        out,
        "| Kind | Hours | Share of meetings |\n| --- | ---: | ---: |"
    );
    for kind in MeetingKind::ALL {
        let v = a.categories.get(kind);
        let of = if hs.meetings > 0.0 {
            pct(v / hs.meetings)
        } else {
            "-".to_owned()
        };
        let _ = writeln!(out, "| {} | {} | {of} |", kind.label(), hours(v));
    }

    let _ = writeln!(out, "\n## Compared with each track\n");
    let _ = writeln!(
        out,
        "| | Meetings | Async | Focus |\n| --- | ---: | ---: | ---: |"
    );
    let row = |name: &str, s: &dualtrack_calendar::analysis::Shares| {
        format!(
            "| {name} | {} | {} | {} |",
            pct0(s.meetings),
            pct0(s.async_),
            pct0(s.focus)
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
    let _ = writeln!(
        out,
        "| Level | Distance | Outside the level's usual range |\n| --- | ---: | --- |"
    );
    for f in &a.levels.fits {
        let outside: Vec<String> = f
            .outside
            .iter()
            .map(|o| outside_words(o.activity, o.share, o.low, o.high))
            .collect();
        let outside = if outside.is_empty() {
            "none".to_owned()
        } else {
            outside.join(", ")
        };
        let _ = writeln!(out, "| {} | {:.2} | {outside} |", f.name, f.distance);
    }
    let best = a
        .levels
        .best
        .as_deref()
        .and_then(|id| a.levels.fits.iter().find(|f| f.id == id));
    let _ = writeln!(
        out,
        "\nBest fit: **{}**.",
        best.map_or("none (no working time)", |b| b.name.as_str())
    );

    let _ = writeln!(out, "\n## ISO weeks\n");
    let _ = writeln!(
        out,
        "| Week | Days | Meetings | Async | Focus | Shares |\n| --- | ---: | ---: | ---: | ---: | --- |"
    );
    for w in &a.weeks {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            w.week,
            w.working_days,
            hours(w.hours.meetings),
            hours(w.hours.async_),
            hours(w.hours.focus),
            shares_words(&w.shares)
        );
    }

    if !a.explain.is_empty() {
        let _ = writeln!(out, "\n## Occurrences\n");
        let _ = writeln!(
            out,
            "| When | Counted as | Rule | Title |\n| --- | --- | --- | --- |"
        );
        for x in &a.explain {
            let counted = x
                .category
                .clone()
                .unwrap_or_else(|| outcome_word(x.outcome).to_owned());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                when(&x.start, &x.end),
                counted,
                cell(&x.rule),
                escape(x.summary.as_deref().unwrap_or(""))
            );
        }
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
    out
}
