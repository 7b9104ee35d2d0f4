//! The report as Markdown.

use std::fmt::Write as _;

use super::{CalendarEvidence, Report};
use crate::markdown;
use dualtrack_framework::markdown::escape;
use dualtrack_framework::markdown::text::{heading, list, para, table};

/// Render the whole report as one Markdown document.
#[must_use]
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::new();
    let a = &report.assessment;
    heading(&mut out, 1, "Decision report: IC or management");
    let _ = writeln!(out, "**{}**\n", escape(&report.headline));

    heading(&mut out, 2, "What your answers say");
    let leaning = a.leaning.map_or("none", |t| t.as_str());
    let _ = writeln!(
        out,
        "Verdict `{}`, leaning `{leaning}`. Strong leans: IC {}, management {}. Mild leans: IC {}, management {}.\n",
        a.verdict, a.strong.ic, a.strong.management, a.mild.ic, a.mild.management
    );
    let _ = writeln!(
        out,
        "**{}** {}\n",
        escape(&a.summary.headline),
        escape(&a.summary.detail)
    );
    if let Some(note) = &a.staff_path_note {
        let _ = writeln!(
            out,
            "**{}** {}\n",
            escape(&note.headline),
            escape(&note.detail)
        );
    }
    let rows: Vec<Vec<String>> = a
        .readings
        .iter()
        .map(|r| {
            let lean = match (r.lean, r.strength) {
                (Some(t), Some(s)) => format!("{} ({})", t.noun(), s.as_str()),
                (Some(t), None) => t.noun().to_owned(),
                _ => "neither".to_owned(),
            };
            vec![r.theme.clone(), r.answer.clone(), lean, r.reading.clone()]
        })
        .collect();
    if !rows.is_empty() {
        table(
            &mut out,
            &["Question", "Your answer", "Leans", "What it suggests"],
            &rows,
        );
    }

    heading(&mut out, 2, "What your calendar says");
    match &report.calendar_evidence {
        Some(evidence) => calendar_md(&mut out, evidence),
        None => para(
            &mut out,
            "No calendar was given. Export a few typical weeks of your calendar and add it to the report to see whether your week already looks like one track's.",
        ),
    }

    heading(&mut out, 2, "Where they agree or pull apart");
    let _ = writeln!(out, "Agreement: `{}`.\n", report.agreement.as_str());
    para(&mut out, &report.comparison.summary);

    heading(&mut out, 2, "Red flags");
    if report.red_flags.is_empty() {
        para(&mut out, "None found.");
    } else {
        for flag in &report.red_flags {
            let _ = writeln!(
                out,
                "- **{}** {}",
                escape(&flag.title),
                escape(&flag.detail)
            );
        }
        out.push('\n');
    }

    heading(&mut out, 2, "Five-year outlook");
    let _ = writeln!(out, "_{}_\n", escape(&report.outlook_caveat));
    if report.agreement == super::Agreement::NoVerdict {
        para(
            &mut out,
            "Your answers do not decide between the tracks, so both outlooks are shown side by side.",
        );
    }
    for track in &report.outlook {
        out.push_str(&markdown::track_outlook(track, 3));
    }
    out.push_str(&markdown::considerations(&report.considerations, 3));

    if let Some(estimate) = &report.switchback {
        out.push_str(&markdown::estimate(estimate, 2));
    }

    heading(&mut out, 2, "Trial plan");
    para(&mut out, &report.trial_note);
    out.push_str(&markdown::trial(&report.trial, 3));

    if !a.next_steps.is_empty() {
        heading(&mut out, 2, "Next steps");
        for step in &a.next_steps {
            let _ = write!(
                out,
                "- **{}** {}",
                escape(&step.title),
                escape(&step.detail)
            );
            if let Some(command) = &step.command {
                let _ = write!(out, " (`{}`)", command.replace('`', ""));
            }
            out.push('\n');
        }
        out.push('\n');
    }

    heading(&mut out, 2, "How the numbers were made");
    let rows: Vec<Vec<String>> = report
        .method
        .iter()
        .map(|m| vec![m.topic.clone(), m.rule.clone(), m.source.clone()])
        .collect();
    table(&mut out, &["Topic", "Rule", "Defined in"], &rows);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn calendar_md(out: &mut String, e: &CalendarEvidence) {
    let _ = writeln!(
        out,
        "From {} to {} (exclusive), {}: {} working days, {} working hours.\n",
        e.from,
        e.to,
        escape(&e.tz),
        e.working_days,
        markdown::number(e.working_hours)
    );
    if e.enough {
        if e.stale {
            para(out, &e.stale_words());
        }
        let mut rows = vec![vec![
            "Your calendar".to_owned(),
            format!("{}%", e.shares.meetings),
            format!("{}%", e.shares.async_),
            format!("{}%", e.shares.focus),
        ]];
        for t in &e.typical {
            rows.push(vec![
                format!("Typical {} week", t.track.person()),
                format!("{}%", t.shares.meetings),
                format!("{}%", t.shares.async_),
                format!("{}%", t.shares.focus),
            ]);
        }
        table(out, &["Week", "Meetings", "Async", "Focus"], &rows);
        let mut facts = Vec::new();
        if let Some(track) = e.closest_track {
            facts.push(format!("Closest track: {}.", track.noun()));
        }
        if let Some(level) = &e.closest_level {
            facts.push(format!(
                "Closest leadership level by time allocation: {level}."
            ));
        }
        facts.push(format!(
            "One-on-ones: {} hours; hiring: {} hours.",
            markdown::number(e.one_on_one_hours),
            markdown::number(e.hiring_hours)
        ));
        list(out, &facts, false);
    } else {
        para(out, &e.thin_words());
    }
    if !e.guesses.is_empty() {
        para(out, "Guessed, not given:");
        let lines: Vec<String> = e.guesses.iter().map(super::GuessedDefault::words).collect();
        list(out, &lines, false);
    }
    if !e.caveats.is_empty() {
        para(out, "Caveats:");
        list(out, &e.caveats, false);
    }
}
