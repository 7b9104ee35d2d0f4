//! Markdown for a review, in the decision report's conventions (escaped text, `#` headings,
//! pipe tables, `- [ ]` checklists), written with the shared `framework::markdown::text`.

use std::fmt::Write as _;

use dualtrack_framework::markdown::escape;
use dualtrack_framework::markdown::text::{heading, para, table};

use crate::checkin_form::{Relation, SignalKind};
use crate::clock::SwitchbackClock;
use crate::direction::Direction;
use crate::exit_criteria::CriterionList;
use crate::recommendation::Outcome;
use crate::review::Review;

fn pct(f: f64) -> String {
    format!("{:.0}%", f * 100.0)
}

fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Continue => "Continue",
        Outcome::ExtendOnce => "Extend once",
        Outcome::Return => "Return",
        Outcome::NotEnoughEvidence => "Not enough evidence yet",
    }
}

fn relation_label(r: Relation) -> &'static str {
    match r {
        Relation::Towards => "towards",
        Relation::Away => "away",
        Relation::Neither => "neither",
    }
}

/// The review as Markdown, top heading at `level`.
#[must_use]
pub fn render_review(r: &Review, level: usize) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        level,
        &format!("Trial review: {} ({})", r.gate.title, r.kind_label),
    );
    para(
        &mut out,
        &format!(
            "As of {}: month {} of {}{}, started {}.",
            r.as_of,
            r.months_elapsed,
            r.end_months,
            if r.extended { " (extended once)" } else { "" },
            r.start
        ),
    );

    let rec = &r.recommendation;
    heading(
        &mut out,
        level + 1,
        &format!("Recommendation: {}", outcome_label(rec.outcome)),
    );
    para(&mut out, &rec.headline);
    for reason in &rec.reasons {
        let mut line = format!("- {}", escape(&reason.text));
        if !reason.carried_by_labels.is_empty() {
            let words = reason
                .carried_by_labels
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>();
            let _ = write!(line, " Carried by: {}.", words.join("; "));
        }
        let basis = reason.provenance.describe();
        if !basis.is_empty() {
            let _ = write!(line, " ({})", escape(&basis));
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');

    heading(&mut out, level + 1, "Exit criteria you wrote at the start");
    for c in &r.criteria {
        let mark = match c.met {
            Some(true) => "- [x] ",
            Some(false) => "- [ ] (not met) ",
            None => "- [ ] ",
        };
        let list = match c.list {
            CriterionList::ContinueIf => "Continue if",
            CriterionList::ReturnIf => "Return if",
        };
        let _ = writeln!(out, "{mark}{list}: {}", escape(&c.text));
    }
    out.push('\n');

    heading(&mut out, level + 1, "Check-in signals");
    para(
        &mut out,
        &format!(
            "{} of the {} weekly check-ins due so far. {} Direction: {}.",
            r.signals.checkins,
            r.signals.expected,
            r.signals.reason,
            r.signals.direction.label()
        ),
    );
    let e = &r.signals.earlier;
    let l = &r.signals.later;
    table(
        &mut out,
        &["Half", "Check-ins", "Towards", "Away", "Misleading reasons"],
        &[
            vec![
                "Earlier".into(),
                e.checkins.to_string(),
                e.towards.to_string(),
                e.away.to_string(),
                e.false_signals.to_string(),
            ],
            vec![
                "Later".into(),
                l.checkins.to_string(),
                l.towards.to_string(),
                l.away.to_string(),
                l.false_signals.to_string(),
            ],
        ],
    );
    let rows: Vec<Vec<String>> = r
        .signals
        .counts
        .iter()
        .map(|s| {
            vec![
                s.label.clone(),
                match s.signal {
                    SignalKind::Real => relation_label(s.relation).to_owned(),
                    SignalKind::False => "misleading, not counted".to_owned(),
                    SignalKind::None => "none".to_owned(),
                },
                s.count.to_string(),
                s.provenance.describe(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        table(&mut out, &["Answer", "Reads", "Times", "Basis"], &rows);
    }

    if let Some(s) = &r.sponsor {
        heading(
            &mut out,
            level + 1,
            &format!("Sponsor's view: {} ({})", s.name, s.role),
        );
        if s.answers.is_empty() {
            para(&mut out, "The sponsor has not answered for this gate yet.");
        } else {
            let rows: Vec<Vec<String>> = s
                .answers
                .iter()
                .map(|a| {
                    vec![
                        a.prompt.clone(),
                        a.label.clone(),
                        relation_label(a.relation).to_owned(),
                    ]
                })
                .collect();
            table(&mut out, &["Question", "Answer", "Reads"], &rows);
            if let Some(note) = &s.note {
                para(&mut out, &format!("Note: {note}"));
            }
        }
    }

    heading(&mut out, level + 1, "Calendar, month by month");
    para(
        &mut out,
        &format!("{}. {}", r.calendar.reason, r.calendar.privacy),
    );
    if !r.calendar.months.is_empty() {
        let rows: Vec<Vec<String>> = r
            .calendar
            .months
            .iter()
            .map(|m| {
                vec![
                    format!("{}{}", m.month, if m.in_trial { "" } else { " (before)" }),
                    m.weeks.to_string(),
                    pct(m.meetings),
                    pct(m.async_),
                    pct(m.focus),
                    format!("{:.1}", m.busy_hours_per_week),
                    if m.closest_track == "ic" {
                        "IC".into()
                    } else {
                        "management".into()
                    },
                    match m.within_level {
                        Some(true) => "within".into(),
                        Some(false) => "outside".into(),
                        None => "-".into(),
                    },
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "Month",
                "Weeks",
                "Meetings",
                "Async",
                "Focus",
                "Busy h/week",
                "Closest track",
                "Level range",
            ],
            &rows,
        );
        let shapes = r
            .calendar
            .profiles
            .iter()
            .map(|p| {
                format!(
                    "{} {} / {} / {}",
                    if p.track == "ic" { "IC" } else { "management" },
                    pct(p.meetings),
                    pct(p.async_),
                    pct(p.focus)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut typical = format!("Typical weeks (meetings / async / focus): {shapes}.");
        if let Some(level) = &r.calendar.level {
            let _ = write!(
                typical,
                " The {} level's allocation for unscheduled and focus work is {}-{}%.",
                level.name, level.coding_low, level.coding_high
            );
        }
        para(&mut out, &typical);
    }

    heading(&mut out, level + 1, "The six questions again");
    match (&r.drift, &r.drift_note) {
        (Some(d), _) => {
            para(
                &mut out,
                &format!(
                    "At the start: {}; now: {}. Movement: {}.",
                    d.start_verdict.label(),
                    d.now_verdict.label(),
                    if d.direction == Direction::Mixed {
                        "none"
                    } else {
                        d.direction.label()
                    }
                ),
            );
            if !d.changed.is_empty() {
                let rows: Vec<Vec<String>> = d
                    .changed
                    .iter()
                    .map(|c| vec![c.theme.clone(), c.from.join(", "), c.to_label.clone()])
                    .collect();
                table(&mut out, &["Question", "Was", "Now"], &rows);
            }
        }
        (None, Some(note)) => para(&mut out, note),
        (None, None) => {}
    }

    heading(&mut out, level + 1, "Switching back");
    para(&mut out, &r.switchback.note);
    if let Some(e) = &r.switchback.estimate {
        para(
            &mut out,
            &format!(
                "{} ({} effective months): expect {}-{} months to ramp back up.",
                e.band_name, e.effective_months, e.ramp_months.low, e.ramp_months.high
            ),
        );
    }
    out.push_str("Rules and sources: docs/trial.md.\n");
    out
}

/// The switch-back clock as Markdown.
#[must_use]
pub fn render_clock(c: &SwitchbackClock, level: usize) -> String {
    let mut out = String::new();
    heading(&mut out, level, "Switch-back clock");
    let rows: Vec<Vec<String>> = c
        .points
        .iter()
        .map(|p| {
            vec![
                if p.years_from_now == 0 {
                    "now".into()
                } else {
                    format!("+{} year(s)", p.years_from_now)
                },
                p.months_in_management.to_string(),
                p.band_name.clone(),
                format!("{}-{}", p.ramp_months.low, p.ramp_months.high),
            ]
        })
        .collect();
    table(
        &mut out,
        &["When", "Months in management", "Way back", "Ramp-up months"],
        &rows,
    );
    for w in &c.warnings {
        let _ = writeln!(
            out,
            "- {} ({})",
            escape(&w.text),
            escape(&w.provenance.describe())
        );
    }
    out.push('\n');
    out
}
