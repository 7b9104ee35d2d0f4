//! `dualtrack trial review`: the review at a gate, as of a date, with the person's exit-criteria
//! marks and (optionally) the six questions answered again.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use dualtrack_trial::{CriterionList, Marks, Review, ReviewRecord, Trial, TrialContent, markdown};

use super::store::{self, Place};
use crate::output::layout::push_wrapped;
use crate::output::{Format, emit};

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The date the review is as of (default: today).
    #[arg(long, value_name = "DATE")]
    pub at: Option<NaiveDate>,
    /// Which review (see `dualtrack trial schedule`); the latest one due by --at when left out.
    #[arg(long, value_name = "ID")]
    pub gate: Option<String>,
    /// The six questions answered again (an `assess` answers file), for the drift.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Mark an exit criterion met: `continue-if:1` or `return-if:2` (numbered from 1).
    #[arg(long, value_name = "LIST:N")]
    pub met: Vec<String>,
    /// Mark an exit criterion not met: `continue-if:1` or `return-if:2`.
    #[arg(long, value_name = "LIST:N")]
    pub not_met: Vec<String>,
    /// Keep the answers and marks given here with the trial, for this review.
    #[arg(long)]
    pub save: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(place: &Place, args: ReviewArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (stored, mut trial) = store::load(place, content)?;
    let at = args.at.unwrap_or_else(crate::clock::today);
    let gate = match &args.gate {
        Some(g) => g.clone(),
        None => trial.due_gate(content, at),
    };
    let earlier = trial.reviews.iter().find(|r| r.gate == gate).cloned();
    let mut marks = earlier
        .as_ref()
        .map(|r| r.marks.clone())
        .unwrap_or_default();
    for (spec, met) in args
        .met
        .iter()
        .map(|s| (s, true))
        .chain(args.not_met.iter().map(|s| (s, false)))
    {
        mark(&mut marks, &trial, spec, met)?;
    }
    let answers = match &args.answers {
        Some(path) => Some(crate::commands::assess::read_answers(path)?),
        None => earlier.and_then(|r| r.answers),
    };
    let record = ReviewRecord {
        gate,
        as_of: at,
        answers,
        marks,
    };
    let review = trial.review_with(content, &record)?;
    if args.save {
        trial.record_review(record, content)?;
        store::save(place, &stored, &trial)?;
        eprintln!("Kept your answers and marks for this review.");
    }
    emit(
        args.format,
        &review,
        || render_text(&review, &trial),
        || markdown::render_review(&review, 1),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Apply `continue-if:N` / `return-if:N` (1-based) to the marks.
fn mark(marks: &mut Marks, trial: &Trial, spec: &str, met: bool) -> anyhow::Result<()> {
    let Some((list, n)) = spec.split_once(':') else {
        bail!("`{spec}`: write the list and the number, like continue-if:1 or return-if:2");
    };
    let (which, items, len) = match list.trim() {
        "continue-if" | "continue_if" => (
            CriterionList::ContinueIf,
            &mut marks.continue_if,
            trial.spec.exit_criteria.continue_if.len(),
        ),
        "return-if" | "return_if" => (
            CriterionList::ReturnIf,
            &mut marks.return_if,
            trial.spec.exit_criteria.return_if.len(),
        ),
        other => bail!("`{other}` is not a list of exit criteria; use continue-if or return-if"),
    };
    let index = match n.trim().parse::<usize>() {
        Ok(i) if (1..=len).contains(&i) => i - 1,
        _ => bail!(
            "`{spec}`: {} has {len} criteria; number them 1 to {len}",
            which.key()
        ),
    };
    if items.len() <= index {
        items.resize(index + 1, None);
    }
    if let Some(slot) = items.get_mut(index) {
        *slot = Some(met);
    }
    Ok(())
}

/// Shell commands for what a thin review says is missing.
fn next_step(what: &str, r: &Review) -> Option<String> {
    match what {
        "checkins" | "checkin_gap" => Some(
            "dualtrack trial checkin (weekly; --answers FILE dates a check-in for a past week)"
                .to_owned(),
        ),
        "calendar" => Some(format!(
            "dualtrack trial calendar FILE.ics --from {} --to {}",
            r.start, r.as_of
        )),
        "exit_criteria" => Some(
            "dualtrack trial review --met continue-if:N --not-met return-if:N --save (one flag per criterion)"
                .to_owned(),
        ),
        _ => None,
    }
}

/// The review for a terminal: the recommendation and its reasons first, then the evidence.
/// Every line fits the layout's width.
pub fn render_text(r: &Review, trial: &Trial) -> String {
    let mut out = String::new();
    push_wrapped(
        &mut out,
        &format!(
            "{}: {} review as of {} (month {} of {}, started {})",
            r.kind_label, r.gate.title, r.as_of, r.months_elapsed, r.end_months, r.start
        ),
        "",
        "",
    );
    let rec = &r.recommendation;
    out.push('\n');
    push_wrapped(
        &mut out,
        &format!("Recommendation: {}", rec.headline),
        "",
        "  ",
    );
    for reason in &rec.reasons {
        push_wrapped(&mut out, &reason.text, "  - ", "    ");
        if !reason.carried_by_labels.is_empty() {
            let words = &reason.carried_by_labels;
            push_wrapped(
                &mut out,
                &format!("Carried by: {}.", words.join("; ")),
                "    ",
                "      ",
            );
        }
    }
    let steps: Vec<String> = rec
        .missing
        .iter()
        .filter_map(|m| next_step(&m.what, r))
        .fold(Vec::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        });
    let mut steps = steps;
    if rec
        .missing
        .iter()
        .any(|m| m.fix.contains("extend the trial once"))
    {
        steps.push("dualtrack trial extend (once; the review says to which month)".to_owned());
    }
    if !steps.is_empty() {
        out.push_str("\nNext steps:\n");
        for step in &steps {
            push_wrapped(&mut out, step, "  - ", "    ");
        }
    }
    out.push('\n');
    push_wrapped(
        &mut out,
        &format!(
            "Check-ins: {} of the {} weekly check-ins due so far. {}",
            r.signals.checkins, r.signals.expected, r.signals.reason
        ),
        "",
        "  ",
    );
    out.push('\n');
    if r.calendar.months.is_empty() {
        push_wrapped(
            &mut out,
            &format!("Calendar: no weeks uploaded yet. {}", r.calendar.privacy),
            "",
            "  ",
        );
    } else {
        out.push_str("Calendar by month (meetings / async / focus, closest track):\n");
        for m in &r.calendar.months {
            let _ = writeln!(
                out,
                "  {}{}  {:>3.0}% / {:>3.0}% / {:>3.0}%  {}",
                m.month,
                if m.in_trial { " " } else { "*" },
                m.meetings * 100.0,
                m.async_ * 100.0,
                m.focus * 100.0,
                if m.closest_track == "ic" {
                    "IC"
                } else {
                    "management"
                }
            );
        }
        if r.calendar.months.iter().any(|m| !m.in_trial) {
            out.push_str("  (* before the trial)\n");
        }
        push_wrapped(&mut out, &r.calendar.privacy, "  ", "  ");
    }
    if let Some(d) = &r.drift_note {
        out.push('\n');
        push_wrapped(&mut out, &format!("Six questions: {d}"), "", "  ");
    }
    out.push_str("\nExit criteria:\n");
    for c in &r.criteria {
        let state = match c.met {
            Some(true) => "met",
            Some(false) => "not met",
            None => "not marked",
        };
        let list = match c.list {
            CriterionList::ContinueIf => "continue if",
            CriterionList::ReturnIf => "return if",
        };
        push_wrapped(
            &mut out,
            &format!("[{state}] {list}: {}", c.text),
            "  ",
            "    ",
        );
    }
    out.push('\n');
    push_wrapped(
        &mut out,
        &format!("Switch-back: {}", r.switchback.note),
        "",
        "  ",
    );
    if trial.spec.org_assumed && r.switchback.estimate.is_some() {
        push_wrapped(
            &mut out,
            "To estimate for another kind of organisation, run dualtrack switchback --months N --org KIND.",
            "  ",
            "  ",
        );
    }
    out
}
