//! The plain recommendation at a review: continue, extend once, or return, with the reasons and
//! the signals that carried it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar_trend::CalendarTrend;
use crate::checkin_form::Relation;
use crate::direction::Direction;
use crate::drift::AssessmentDrift;
use crate::exit_criteria::{CriterionList, CriterionStatus};
use crate::kind::TrialKind;
use crate::rules;
use crate::schedule::add_months;
use crate::signals::{MIN_CHECKINS, SignalTrend};
use dualtrack_framework::Provenance;

use crate::missing_evidence::missing_for_decision;
pub use crate::missing_evidence::{DECISION_ONE_CHECKIN_IN, MAX_GAP_WEEKS, MissingEvidence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Keep going; at the end of the trial, make the move permanent.
    Continue,
    /// Mixed evidence at the planned end: extend once, to the plan's maximum.
    ExtendOnce,
    /// Go back to the role the trial started from.
    Return,
    /// Too little evidence to recommend anything yet.
    NotEnoughEvidence,
}

/// One reason, what carried it, and where the rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub text: String,
    /// Signal ids (`hard_feedback.put_it_off`), `calendar`, `drift`, or criteria
    /// (`return_if[0]`).
    pub carried_by: Vec<String>,
    /// The same, in words (the answers' labels, "your calendar", the criteria's text), one per
    /// id, for people to read; filled in by the review.
    #[serde(default)]
    pub carried_by_labels: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub outcome: Outcome,
    pub headline: String,
    pub reasons: Vec<Reason>,
    /// The new end date when the outcome is to extend.
    pub extend_until: Option<NaiveDate>,
    /// Whether this review is at (or past) the trial's end, where a decision is due.
    pub decision_due: bool,
    /// Votes of the evidence towards and away from the trialled track.
    pub towards: u32,
    pub away: u32,
    /// What the evidence lacks before a decision can be made, each with what to do; empty when
    /// nothing is missing. Non-empty only with [`Outcome::NotEnoughEvidence`].
    #[serde(default)]
    pub missing: Vec<MissingEvidence>,
}

/// Everything the rules read.
pub(crate) struct Evidence<'a> {
    pub kind: TrialKind,
    pub start: NaiveDate,
    pub months_elapsed: u32,
    pub end_months: u32,
    pub min_months: u32,
    pub max_months: u32,
    pub extended: bool,
    pub signals: &'a SignalTrend,
    pub calendar: &'a CalendarTrend,
    pub drift: Option<&'a AssessmentDrift>,
    pub criteria: &'a [CriterionStatus],
    /// The review's date and the trial's current end.
    pub as_of: NaiveDate,
    pub end: NaiveDate,
    /// Dates of the check-ins up to the review, in order.
    pub checkin_dates: Vec<NaiveDate>,
}

fn criterion_id(c: &CriterionStatus) -> String {
    format!("{}[{}]", c.list.key(), c.index)
}

fn quoted(items: &[&CriterionStatus]) -> String {
    items
        .iter()
        .map(|c| format!("\"{}\"", c.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The side's most frequent real signals, as text and ids.
fn leading(signals: &SignalTrend, relation: Relation) -> (String, Vec<String>) {
    let top = signals.leading(relation, 3);
    let text = top
        .iter()
        .map(|s| {
            format!(
                "\"{}\" ({} of {} check-ins)",
                s.label, s.count, signals.checkins
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    (text, top.iter().map(|s| s.id()).collect())
}

fn origin_role(kind: TrialKind) -> &'static str {
    match kind {
        TrialKind::IcToManager | TrialKind::IcToStaffScope => "your IC role",
        TrialKind::ManagerToIc | TrialKind::ManagerToDirector => "your management role",
        TrialKind::DirectorToVp => "your director role",
    }
}

pub(crate) fn recommend(e: &Evidence<'_>) -> Recommendation {
    let mut reasons = Vec::new();
    let decision_due = e.months_elapsed >= e.end_months;
    // From month six a review may decide; before it, the trial simply runs on.
    let missing = if e.months_elapsed >= e.min_months {
        missing_for_decision(e)
    } else {
        Vec::new()
    };
    let target = e.kind.trialled_track().noun();

    // Evidence votes, each with the reason it would give.
    let mut towards = 0u32;
    let mut away = 0u32;
    let mut for_side: Vec<(Relation, Reason)> = Vec::new();
    match e.signals.direction {
        Direction::Towards | Direction::Away => {
            let relation = if e.signals.direction == Direction::Towards {
                towards += 2;
                Relation::Towards
            } else {
                away += 2;
                Relation::Away
            };
            let (text, ids) = leading(e.signals, relation);
            let side = if relation == Relation::Towards {
                "towards"
            } else {
                "away from"
            };
            let provenance = e
                .signals
                .leading(relation, 3)
                .iter()
                .flat_map(|s| s.provenance.source.clone())
                .fold(Vec::new(), |mut acc, s| {
                    if !acc.contains(&s) {
                        acc.push(s);
                    }
                    acc
                });
            for_side.push((
                relation,
                Reason {
                    text: format!(
                        "Your recent check-ins lean {side} the {target} work; most often {text}."
                    ),
                    carried_by: ids,
                    carried_by_labels: Vec::new(),
                    provenance: Provenance {
                        source: provenance,
                        assumption: None,
                    },
                },
            ));
        }
        Direction::Mixed | Direction::Unknown => {}
    }
    if matches!(e.calendar.direction, Direction::Towards | Direction::Away) {
        let relation = if e.calendar.direction == Direction::Towards {
            towards += 1;
            Relation::Towards
        } else {
            away += 1;
            Relation::Away
        };
        if let Some(last) = e.calendar.months.iter().rev().find(|m| m.in_trial) {
            for_side.push((
                relation,
                Reason {
                    text: format!(
                        "Your calendar in {} looks most like a typical {} week ({:.0}% meetings, {:.0}% async, {:.0}% focus).",
                        last.month,
                        if last.closest_track == "ic" { "IC" } else { "management" },
                        last.meetings * 100.0,
                        last.async_ * 100.0,
                        last.focus * 100.0
                    ),
                    carried_by: vec!["calendar".into()],
                    carried_by_labels: Vec::new(),
                    provenance: Provenance::sourced_all(&[("000", "What actually differs between the tracks")]),
                },
            ));
        }
    }
    if let Some(drift) = e.drift
        && matches!(drift.direction, Direction::Towards | Direction::Away)
    {
        {
            let relation = if drift.direction == Direction::Towards {
                towards += 1;
                Relation::Towards
            } else {
                away += 1;
                Relation::Away
            };
            let side = if relation == Relation::Towards {
                "towards"
            } else {
                "away from"
            };
            for_side.push((
                relation,
                Reason {
                    text: format!(
                        "Your answers to the six questions moved {side} the {target} track since the start ({} changed).",
                        drift.changed.iter().map(|c| c.question.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    carried_by: vec!["drift".into()],
                    carried_by_labels: Vec::new(),
                    provenance: Provenance::sourced_all(&[("000", "The 6 questions")]),
                },
            ));
        }
    }
    let continue_marked: Vec<&CriterionStatus> = e
        .criteria
        .iter()
        .filter(|c| c.list == CriterionList::ContinueIf)
        .collect();
    let unmet: Vec<&CriterionStatus> = continue_marked
        .iter()
        .copied()
        .filter(|c| c.met == Some(false))
        .collect();
    if !continue_marked.is_empty() && continue_marked.iter().all(|c| c.met == Some(true)) {
        towards += 1;
        for_side.push((
            Relation::Towards,
            Reason {
                text: "You marked every continue-if criterion you wrote at the start as met."
                    .into(),
                carried_by: continue_marked.iter().map(|c| criterion_id(c)).collect(),
                carried_by_labels: Vec::new(),
                provenance: rules::switch_at_any_point(),
            },
        ));
    } else if !unmet.is_empty() {
        away += 1;
        for_side.push((
            Relation::Away,
            Reason {
                text: format!("Not met yet, by your own marks: {}.", quoted(&unmet)),
                carried_by: unmet.iter().map(|c| criterion_id(c)).collect(),
                carried_by_labels: Vec::new(),
                provenance: rules::switch_at_any_point(),
            },
        ));
    }

    let false_given = e.signals.false_signals();
    let false_reason = (!false_given.is_empty()).then(|| Reason {
        text: format!(
            "Not counted either way: {} — reasons the seeds say mislead.",
            false_given
                .iter()
                .map(|s| format!("\"{}\" ({}x)", s.label, s.count))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        carried_by: false_given.iter().map(|s| s.id()).collect(),
        carried_by_labels: Vec::new(),
        provenance: rules::false_signals(),
    });

    let side_reasons = |relation: Relation| -> Vec<Reason> {
        for_side
            .iter()
            .filter(|(r, _)| *r == relation)
            .map(|(_, r)| r.clone())
            .collect()
    };
    let clear_towards = e.signals.direction == Direction::Towards && towards >= away + 2;
    let clear_away = e.signals.direction == Direction::Away && away >= towards + 2;
    let back = origin_role(e.kind);

    let met_return: Vec<&CriterionStatus> = e
        .criteria
        .iter()
        .filter(|c| c.list == CriterionList::ReturnIf && c.met == Some(true))
        .collect();
    let (outcome, headline, extend_until) = if !met_return.is_empty() {
        // The person's own rule, written before anything was at stake, decides at any month.
        reasons.push(Reason {
            text: format!(
                "You marked your own return-if criterion as met: {}.",
                quoted(&met_return)
            ),
            carried_by: met_return.iter().map(|c| criterion_id(c)).collect(),
            carried_by_labels: Vec::new(),
            provenance: rules::switch_at_any_point(),
        });
        reasons.extend(side_reasons(Relation::Away));
        (
            Outcome::Return,
            format!("Return to {back}: a return-if criterion you set at the start is met."),
            None,
        )
    } else if !e.signals.enough && e.months_elapsed < e.min_months {
        reasons.push(Reason {
            text: format!(
                "Too little to go on: {} of the {} weekly check-ins due so far were made, and at least {MIN_CHECKINS} are needed before the answers show a pattern rather than a mood.",
                e.signals.checkins, e.signals.expected
            ),
            carried_by: Vec::new(),
            carried_by_labels: Vec::new(),
            provenance: rules::thin_evidence(),
        });
        (
            Outcome::NotEnoughEvidence,
            "Not enough check-ins to recommend anything yet; keep checking in weekly.".to_owned(),
            None,
        )
    } else if !missing.is_empty() {
        for m in &missing {
            reasons.push(Reason {
                text: format!("{} {}", m.text, m.fix),
                carried_by: Vec::new(),
                carried_by_labels: Vec::new(),
                provenance: rules::decision_evidence(),
            });
        }
        let headline = if decision_due {
            format!(
                "Too thin to decide: the evidence cannot yet say whether to make the {target} move permanent or to return to {back}. Fill in what is missing below, then review again."
            )
        } else {
            format!(
                "Too thin to call at month {}: the evidence cannot yet say whether to continue or return. The trial runs to month {} while you fill in what is missing below.",
                e.months_elapsed, e.end_months
            )
        };
        (Outcome::NotEnoughEvidence, headline, None)
    } else if e.months_elapsed < e.min_months {
        let mut r = side_reasons(if clear_away {
            Relation::Away
        } else {
            Relation::Towards
        });
        r.push(Reason {
            text: format!(
                "It is month {} of a trial the seeds put at six to twelve months, and the first six months are the hardest; no time-based call to return is made before month six.",
                e.months_elapsed
            ),
            carried_by: Vec::new(),
            carried_by_labels: Vec::new(),
            provenance: Provenance {
                source: [rules::trial_length().source, rules::first_six_months().source].concat(),
                assumption: None,
            },
        });
        reasons.extend(r);
        let headline = if clear_away {
            "Continue to month six, watching closely: the signals lean away so far. Go back earlier only if one of your return-if criteria is met."
        } else {
            "Continue the trial."
        };
        (Outcome::Continue, headline.to_owned(), None)
    } else if clear_towards {
        reasons.extend(side_reasons(Relation::Towards));
        let headline = if decision_due {
            format!("Continue: the evidence supports making the {target} move permanent.")
        } else {
            format!(
                "Continue the trial to month {}; the evidence so far points towards the {target} work.",
                e.end_months
            )
        };
        (Outcome::Continue, headline, None)
    } else if clear_away {
        reasons.extend(side_reasons(Relation::Away));
        (
            Outcome::Return,
            format!("Return to {back}: the evidence points away from the {target} work."),
            None,
        )
    } else {
        reasons.extend(side_reasons(Relation::Towards));
        reasons.extend(side_reasons(Relation::Away));
        if !decision_due {
            reasons.push(Reason {
                text: format!(
                    "The evidence is mixed, and the plan already runs to month {}.",
                    e.end_months
                ),
                carried_by: Vec::new(),
                carried_by_labels: Vec::new(),
                provenance: rules::trial_length(),
            });
            (
                Outcome::Continue,
                format!(
                    "Continue to the planned end at month {}: the evidence is mixed so far.",
                    e.end_months
                ),
                None,
            )
        } else if !e.extended && e.end_months < e.max_months {
            let until = add_months(e.start, e.max_months);
            reasons.push(Reason {
                text: format!(
                    "The evidence is mixed at the planned end; one extension to month {} ({until}) stays within the seeds' trial length. Name the question it must answer.",
                    e.max_months
                ),
                carried_by: Vec::new(),
                carried_by_labels: Vec::new(),
                provenance: rules::extend_once(),
            });
            (
                Outcome::ExtendOnce,
                format!(
                    "Extend once, to month {}: the evidence is mixed.",
                    e.max_months
                ),
                Some(until),
            )
        } else {
            reasons.push(Reason {
                text: if e.kind.away_from_ic() {
                    "The evidence is still mixed at the longest trial the seeds describe. Going back is cheapest now, and moving into management stays open later.".to_owned()
                } else {
                    "The evidence is still mixed at the longest trial the seeds describe; without a clear pull towards the new role, going back is the safer default.".to_owned()
                },
                carried_by: Vec::new(),
                carried_by_labels: Vec::new(),
                provenance: if e.kind.away_from_ic() {
                    rules::easy_into_management()
                } else {
                    Provenance::assumed("Staying in a role the evidence does not support beyond a year costs more than stepping back.")
                },
            });
            (
                Outcome::Return,
                format!("Return to {back}: a year of evidence never came clear."),
                None,
            )
        }
    };
    if let Some(r) = false_reason {
        reasons.push(r);
    }
    if matches!(
        outcome,
        Outcome::Continue | Outcome::Return | Outcome::ExtendOnce
    ) {
        reasons.push(Reason {
            text: format!(
                "Evidence weighed: {towards} towards, {away} away (check-ins count twice)."
            ),
            carried_by: Vec::new(),
            carried_by_labels: Vec::new(),
            provenance: rules::weighing(),
        });
    }
    Recommendation {
        outcome,
        headline,
        reasons,
        extend_until,
        decision_due,
        towards,
        away,
        missing,
    }
}
