//! A review at a gate: the six questions again, the signals' and the calendar's trend, the
//! sponsor's view, the switch-back estimate for the time so far, the exit criteria to mark, and
//! the recommendation.

use chrono::NaiveDate;
use dualtrack_decide::{Estimate, SwitchbackInput};
use serde::Serialize;

use crate::calendar_trend::CalendarTrend;
use crate::checkin_form::{Relation, SignalKind};
use crate::content::TrialContent;
use crate::direction::{Direction, balance};
use crate::drift::AssessmentDrift;
use crate::error::{Location, TrialError};
use crate::exit_criteria::CriterionStatus;
use crate::kind::TrialKind;
use crate::recommendation::{Evidence, Recommendation, recommend};
use crate::schedule::Gate;
use crate::signals::SignalTrend;
use crate::trial::{ReviewRecord, Trial};

/// One of the sponsor's answers as the review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SponsorAnswer {
    pub question: String,
    pub prompt: String,
    pub option: String,
    pub label: String,
    pub relation: Relation,
}

/// The sponsor's view at this gate, shown beside the person's own. It does not vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SponsorView {
    pub name: String,
    pub role: String,
    pub answered: Option<NaiveDate>,
    pub answers: Vec<SponsorAnswer>,
    pub note: Option<String>,
    pub direction: Direction,
}

/// The switch-back estimate for the months spent so far, when the trial is time away from IC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchbackSoFar {
    pub months: u32,
    pub estimate: Option<Estimate>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub trial_id: String,
    pub kind: TrialKind,
    pub kind_label: String,
    pub gate: Gate,
    pub as_of: NaiveDate,
    pub start: NaiveDate,
    pub months_elapsed: u32,
    pub end_months: u32,
    pub extended: bool,
    /// `None` when the six questions were not answered at the start and now.
    pub drift: Option<AssessmentDrift>,
    pub drift_note: Option<String>,
    pub signals: SignalTrend,
    pub calendar: CalendarTrend,
    pub sponsor: Option<SponsorView>,
    pub switchback: SwitchbackSoFar,
    pub criteria: Vec<CriterionStatus>,
    pub recommendation: Recommendation,
}

impl Trial {
    /// What carried a reason ([`crate::Reason::carried_by`]), in words: the answer's own label,
    /// "your calendar", "your answers to the six questions", or the criterion the person wrote.
    #[must_use]
    pub fn carrier_words(&self, id: &str, content: &TrialContent) -> String {
        match id {
            "calendar" => return "your calendar".to_owned(),
            "drift" => return "your answers to the six questions".to_owned(),
            _ => {}
        }
        for (list, criteria, words) in [
            (
                "continue_if",
                &self.spec.exit_criteria.continue_if,
                "you will continue if",
            ),
            (
                "return_if",
                &self.spec.exit_criteria.return_if,
                "you will go back if",
            ),
        ] {
            if let Some(rest) = id.strip_prefix(list)
                && let Some(index) = rest
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .ok()
                && let Some(text) = criteria.get(index)
            {
                return format!("{words}: \u{201c}{text}\u{201d}");
            }
        }
        if let Some((q, o)) = id.split_once('.')
            && let Some(option) = content
                .form
                .question(q)
                .or_else(|| content.form.sponsor_question(q))
                .and_then(|question| question.option(o))
        {
            return format!("\u{201c}{}\u{201d}", option.label);
        }
        "another signal".to_owned()
    }

    /// The review at gate `gate_id`, using the person's recorded input for it (their six
    /// answers and criteria marks) or, when none is recorded, none, as of the gate's date.
    ///
    /// # Errors
    /// An unknown gate, or stored answers the questionnaire refuses.
    pub fn review(&self, content: &TrialContent, gate_id: &str) -> Result<Review, TrialError> {
        let record = self
            .reviews
            .iter()
            .find(|r| r.gate == gate_id)
            .cloned()
            .map_or_else(
                || {
                    let schedule = self.schedule(content);
                    let gate = schedule.gate(gate_id).ok_or_else(|| {
                        TrialError::invalid(
                            Location::whole("review"),
                            format!("unknown gate `{gate_id}`"),
                            format!("use one of: {}", schedule.gate_ids()),
                        )
                    })?;
                    Ok::<_, TrialError>(ReviewRecord {
                        gate: gate_id.to_owned(),
                        as_of: gate.date,
                        answers: None,
                        marks: crate::exit_criteria::Marks::default(),
                    })
                },
                Ok,
            )?;
        self.review_with(content, &record)
    }

    /// The review for `record`, whether or not it is stored.
    ///
    /// # Errors
    /// An unknown gate, marks that do not fit the criteria, or answers the questionnaire
    /// refuses.
    pub fn review_with(
        &self,
        content: &TrialContent,
        record: &ReviewRecord,
    ) -> Result<Review, TrialError> {
        let schedule = self.schedule(content);
        let gate = schedule.gate(&record.gate).cloned().ok_or_else(|| {
            TrialError::invalid(
                Location::whole("review"),
                format!("unknown gate `{}`", record.gate),
                format!("use one of: {}", schedule.gate_ids()),
            )
        })?;
        let spec = &self.spec;
        let as_of = record.as_of;
        spec.exit_criteria
            .check_marks(&record.marks, &Location::whole("review"))?;
        let months_elapsed = self.months_elapsed(as_of);
        let expected = schedule.checkins.iter().filter(|d| **d <= as_of).count();
        let signals = SignalTrend::build(
            &self.checkins,
            &content.form,
            spec.kind,
            spec.start,
            as_of,
            expected,
        );
        let calendar = CalendarTrend::build(
            &self.calendar,
            &content.framework,
            spec.kind,
            spec.start,
            as_of,
        );
        let (drift, drift_note) = match (&spec.start_answers, &record.answers) {
            (Some(start), Some(now)) => (
                Some(AssessmentDrift::build(&content.questionnaire, start, now, spec.kind)?),
                None,
            ),
            (None, _) => (None, Some("The six questions were not answered at the start, so there is nothing to compare with.".to_owned())),
            (Some(_), None) => (None, Some("Answer the six questions again at this review to see how your answers moved.".to_owned())),
        };
        let criteria = spec.exit_criteria.statuses(&record.marks);
        let sponsor = spec.sponsor.as_ref().map(|s| {
            let answered = s.checkins.iter().find(|c| c.gate == gate.id);
            let answers: Vec<SponsorAnswer> = answered
                .map(|c| {
                    c.answers
                        .iter()
                        .filter_map(|(qid, oid)| {
                            let q = content.form.sponsor_question(qid)?;
                            let o = q.option(oid)?;
                            Some(SponsorAnswer {
                                question: qid.clone(),
                                prompt: q.prompt.clone(),
                                option: oid.clone(),
                                label: o.label.clone(),
                                relation: if o.signal == SignalKind::Real {
                                    Relation::of(o.lean, spec.kind)
                                } else {
                                    Relation::Neither
                                },
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            let count = |r| answers.iter().filter(|a| a.relation == r).count();
            SponsorView {
                name: s.name.clone(),
                role: s.role.clone(),
                answered: answered.map(|c| c.date),
                note: answered.and_then(|c| c.note.clone()),
                direction: balance(count(Relation::Towards), count(Relation::Away))
                    .map_or(Direction::Unknown, Direction::of_balance),
                answers,
            }
        });
        let switchback_months = months_elapsed + spec.months_in_management_before;
        let switchback = if spec.kind.away_from_ic() {
            let estimate = content.switchback.estimate(&SwitchbackInput {
                months: switchback_months,
                org: spec.org.clone(),
                side_practice: spec.side_practice,
                strong_technical: false,
            })?;
            SwitchbackSoFar {
                months: switchback_months,
                note: format!(
                    "{switchback_months} month(s) away from hands-on work so far at {}{}: {}",
                    content.switchback.org_phrase(&spec.org),
                    if spec.org_assumed {
                        " (assumed: no kind of organisation was given when the trial started)"
                    } else {
                        ""
                    },
                    estimate.summary
                ),
                estimate: Some(estimate),
            }
        } else {
            SwitchbackSoFar {
                months: switchback_months,
                estimate: None,
                note: "This trial keeps or brings you back to hands-on work, so the switch-back estimate does not apply.".into(),
            }
        };
        let plan = &content.plans.trial;
        let mut recommendation = recommend(&Evidence {
            kind: spec.kind,
            start: spec.start,
            months_elapsed,
            end_months: self.end_months(),
            min_months: plan.min_months,
            max_months: plan.max_months,
            extended: self.extended_to_months.is_some(),
            signals: &signals,
            calendar: &calendar,
            drift: drift.as_ref(),
            criteria: &criteria,
            as_of,
            end: self.end_date(),
            checkin_dates: self
                .checkins
                .iter()
                .map(|c| c.date)
                .filter(|d| *d <= as_of)
                .collect(),
        });
        for reason in &mut recommendation.reasons {
            reason.carried_by_labels = reason
                .carried_by
                .iter()
                .map(|id| self.carrier_words(id, content))
                .collect();
        }
        Ok(Review {
            trial_id: self.id.clone(),
            kind: spec.kind,
            kind_label: spec.kind.label().to_owned(),
            gate,
            as_of,
            start: spec.start,
            months_elapsed,
            end_months: self.end_months(),
            extended: self.extended_to_months.is_some(),
            drift,
            drift_note,
            signals,
            calendar,
            sponsor,
            switchback,
            criteria,
            recommendation,
        })
    }
}
