//! The trial and onboarding plans (`data/plans.toml`), loaded and validated.

use dualtrack_framework::Provenance;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::DecideError;
use crate::source::{self, Checker};

/// The embedded plans.
pub const EMBEDDED_PLANS: &str = include_str!("../../../../data/plans.toml");

/// A trial longer than this is not a trial.
const MAX_TRIAL_MONTHS: u32 = 24;

/// The trial and onboarding plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plans {
    pub trial: TrialPlan,
    pub onboarding: Onboarding,
}

/// A time-boxed test of the management track.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialPlan {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub title: String,
    pub summary: String,
    pub min_months: u32,
    pub max_months: u32,
    /// Ways to run it (tech lead with reports, rotation).
    pub formats: Vec<Entry>,
    /// Consecutive phases from month 1 to `max_months`.
    pub phases: Vec<TrialPhase>,
    pub watch_for: WatchFor,
    pub decision_point: DecisionPoint,
}

/// A named item with a description (a trial format, a decision outcome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A stretch of the trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialPhase {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub start_month: u32,
    pub end_month: u32,
    pub title: String,
    pub steps: Vec<String>,
}

/// Signals that point one way or the other during the trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchFor {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub toward_management: Vec<String>,
    pub toward_ic: Vec<String>,
}

/// When and how the trial ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionPoint {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub when: String,
    pub questions: Vec<String>,
    /// `commit`, `extend`, `return`.
    pub outcomes: Vec<Entry>,
}

/// A structured first 90 days for a new manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Onboarding {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub title: String,
    /// Why the plan exists (organisations under-support the move).
    pub why: String,
    /// Consecutive phases from day 1.
    pub phases: Vec<OnboardingPhase>,
    pub watch_outs: Vec<String>,
}

/// One stretch of the first 90 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnboardingPhase {
    /// Where it comes from: seed sections, our assumption, or both.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub start_day: u32,
    pub end_day: u32,
    pub title: String,
    pub goals: Vec<String>,
    pub actions: Vec<String>,
    /// What the organisation should provide during this phase.
    pub organisation_support: Vec<String>,
}

impl Plans {
    /// The plans compiled into the binary.
    ///
    /// # Errors
    /// Only if the embedded file is broken, which the unit tests rule out.
    pub fn embedded() -> Result<Self, DecideError> {
        Self::from_toml("data/plans.toml", EMBEDDED_PLANS)
    }

    /// Parse and validate a plans file; `origin` names it in errors.
    ///
    /// # Errors
    /// TOML errors, unknown keys, month or day ranges with gaps or overlaps, repeated ids, blank
    /// text or empty lists; each at file:line:column.
    pub fn from_toml(origin: &str, src: &str) -> Result<Self, DecideError> {
        let raw: RawPlans = source::parse_sourced(
            origin,
            src,
            &[
                "trial",
                "trial.format",
                "trial.phase",
                "trial.watch_for",
                "trial.decision_point",
                "trial.decision_point.outcome",
                "onboarding",
                "onboarding.phase",
            ],
        )?;
        let check = Checker { origin, src };
        crate::source::check_version(origin, src, &raw.schema_version)?;
        Ok(Self {
            trial: raw.trial.validate(&check)?,
            onboarding: raw.onboarding.validate(&check)?,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlans {
    schema_version: Spanned<u32>,
    trial: RawTrial,
    onboarding: RawOnboarding,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrial {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    min_months: Spanned<u32>,
    max_months: Spanned<u32>,
    format: Spanned<Vec<Entry>>,
    phase: Vec<RawTrialPhase>,
    watch_for: RawWatchFor,
    decision_point: RawDecisionPoint,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrialPhase {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    start_month: Spanned<u32>,
    end_month: Spanned<u32>,
    title: Spanned<String>,
    steps: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWatchFor {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    toward_management: Spanned<Vec<String>>,
    toward_ic: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecisionPoint {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    when: Spanned<String>,
    questions: Spanned<Vec<String>>,
    outcome: Spanned<Vec<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOnboarding {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    title: Spanned<String>,
    why: Spanned<String>,
    phase: Vec<RawOnboardingPhase>,
    watch_outs: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOnboardingPhase {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    #[serde(default)]
    assumption: Option<String>,
    start_day: Spanned<u32>,
    end_day: Spanned<u32>,
    title: Spanned<String>,
    goals: Spanned<Vec<String>>,
    actions: Spanned<Vec<String>>,
    organisation_support: Spanned<Vec<String>>,
}

/// Entries need unique, non-blank ids and non-blank text.
fn entries(
    check: &Checker<'_>,
    list: Spanned<Vec<Entry>>,
    what: &str,
) -> Result<Vec<Entry>, DecideError> {
    let at = list.span().start;
    let list = list.into_inner();
    if list.is_empty() {
        return Err(check.fail(
            at,
            format!("no `{what}` entries"),
            format!("add at least one [[{what}]] table"),
        ));
    }
    for (i, entry) in list.iter().enumerate() {
        if [&entry.id, &entry.name, &entry.description]
            .iter()
            .any(|s| s.trim().is_empty())
        {
            return Err(check.fail(
                at,
                format!("`{what}` entry {} has blank text", i + 1),
                "fill in id, name and description",
            ));
        }
        if list.iter().take(i).any(|e| e.id == entry.id) {
            return Err(check.fail(
                at,
                format!("`{what}` id `{}` appears twice", entry.id),
                "give each entry its own id",
            ));
        }
    }
    Ok(list)
}

/// Ranges must start at 1 and follow each other without gaps or overlaps.
fn contiguous(
    check: &Checker<'_>,
    ranges: &[(&Spanned<u32>, &Spanned<u32>)],
    unit: &str,
) -> Result<(), DecideError> {
    let mut next = 1;
    for (start, end) in ranges {
        if *start.get_ref() != next {
            return Err(check.fail(
                start.span().start,
                format!(
                    "phase starts at {unit} {}, expected {next}",
                    start.get_ref()
                ),
                format!("make phases follow each other from {unit} 1 with no gaps or overlaps"),
            ));
        }
        if end.get_ref() < start.get_ref() {
            return Err(check.fail(
                end.span().start,
                format!("phase ends at {unit} {} before it starts", end.get_ref()),
                "make the end at least the start",
            ));
        }
        next = end.get_ref().saturating_add(1);
    }
    Ok(())
}

impl RawTrial {
    fn validate(self, check: &Checker<'_>) -> Result<TrialPlan, DecideError> {
        check.non_blank(&self.title, "trial.title")?;
        check.non_blank(&self.summary, "trial.summary")?;
        let (min, max) = (*self.min_months.get_ref(), *self.max_months.get_ref());
        if min == 0 || min > max || max > MAX_TRIAL_MONTHS {
            return Err(check.fail(
                self.min_months.span().start,
                format!("trial length {min}-{max} months is not a valid range"),
                format!("use 1 <= min_months <= max_months <= {MAX_TRIAL_MONTHS}"),
            ));
        }
        let formats = entries(check, self.format, "trial.format")?;
        if self.phase.is_empty() {
            return Err(check.fail(
                self.title.span().start,
                "the trial has no phases",
                "add [[trial.phase]] tables",
            ));
        }
        let ranges: Vec<_> = self
            .phase
            .iter()
            .map(|p| (&p.start_month, &p.end_month))
            .collect();
        contiguous(check, &ranges, "month")?;
        if let Some(last) = self.phase.last()
            && *last.end_month.get_ref() != max
        {
            return Err(check.fail(
                last.end_month.span().start,
                format!(
                    "the last phase ends at month {}, not at max_months {max}",
                    last.end_month.get_ref()
                ),
                "end the last phase at max_months",
            ));
        }
        let mut phases = Vec::with_capacity(self.phase.len());
        for phase in self.phase {
            check.non_blank(&phase.title, "trial.phase.title")?;
            check.non_empty_list(&phase.steps, "trial.phase.steps")?;
            phases.push(TrialPhase {
                provenance: Provenance {
                    source: phase.source,
                    assumption: phase.assumption,
                },
                start_month: phase.start_month.into_inner(),
                end_month: phase.end_month.into_inner(),
                title: phase.title.into_inner(),
                steps: phase.steps.into_inner(),
            });
        }
        check.non_empty_list(
            &self.watch_for.toward_management,
            "trial.watch_for.toward_management",
        )?;
        check.non_empty_list(&self.watch_for.toward_ic, "trial.watch_for.toward_ic")?;
        let decision = self.decision_point;
        check.non_blank(&decision.when, "trial.decision_point.when")?;
        check.non_empty_list(&decision.questions, "trial.decision_point.questions")?;
        let outcomes = entries(check, decision.outcome, "trial.decision_point.outcome")?;
        Ok(TrialPlan {
            provenance: Provenance {
                source: self.source,
                assumption: self.assumption,
            },
            title: self.title.into_inner(),
            summary: self.summary.into_inner(),
            min_months: min,
            max_months: max,
            formats,
            phases,
            watch_for: WatchFor {
                provenance: Provenance {
                    source: self.watch_for.source,
                    assumption: self.watch_for.assumption,
                },
                toward_management: self.watch_for.toward_management.into_inner(),
                toward_ic: self.watch_for.toward_ic.into_inner(),
            },
            decision_point: DecisionPoint {
                provenance: Provenance {
                    source: decision.source,
                    assumption: decision.assumption,
                },
                when: decision.when.into_inner(),
                questions: decision.questions.into_inner(),
                outcomes,
            },
        })
    }
}

impl RawOnboarding {
    fn validate(self, check: &Checker<'_>) -> Result<Onboarding, DecideError> {
        check.non_blank(&self.title, "onboarding.title")?;
        check.non_blank(&self.why, "onboarding.why")?;
        if self.phase.is_empty() {
            return Err(check.fail(
                self.title.span().start,
                "onboarding has no phases",
                "add [[onboarding.phase]] tables",
            ));
        }
        let ranges: Vec<_> = self
            .phase
            .iter()
            .map(|p| (&p.start_day, &p.end_day))
            .collect();
        contiguous(check, &ranges, "day")?;
        let mut phases = Vec::with_capacity(self.phase.len());
        for phase in self.phase {
            check.non_blank(&phase.title, "onboarding.phase.title")?;
            check.non_empty_list(&phase.goals, "onboarding.phase.goals")?;
            check.non_empty_list(&phase.actions, "onboarding.phase.actions")?;
            check.non_empty_list(
                &phase.organisation_support,
                "onboarding.phase.organisation_support",
            )?;
            phases.push(OnboardingPhase {
                provenance: Provenance {
                    source: phase.source,
                    assumption: phase.assumption,
                },
                start_day: phase.start_day.into_inner(),
                end_day: phase.end_day.into_inner(),
                title: phase.title.into_inner(),
                goals: phase.goals.into_inner(),
                actions: phase.actions.into_inner(),
                organisation_support: phase.organisation_support.into_inner(),
            });
        }
        check.non_empty_list(&self.watch_outs, "onboarding.watch_outs")?;
        Ok(Onboarding {
            provenance: Provenance {
                source: self.source,
                assumption: self.assumption,
            },
            title: self.title.into_inner(),
            why: self.why.into_inner(),
            phases,
            watch_outs: self.watch_outs.into_inner(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(src: &str) -> String {
        Plans::from_toml("p.toml", src).unwrap_err().to_string()
    }

    #[test]
    fn embedded_plans_load() {
        let plans = Plans::embedded().unwrap();
        assert_eq!((plans.trial.min_months, plans.trial.max_months), (6, 12));
        let formats: Vec<&str> = plans.trial.formats.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(formats, ["tech-lead-with-reports", "rotation"]);
        let outcomes: Vec<&str> = plans
            .trial
            .decision_point
            .outcomes
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(outcomes, ["commit", "extend", "return"]);
        let days: Vec<(u32, u32)> = plans
            .onboarding
            .phases
            .iter()
            .map(|p| (p.start_day, p.end_day))
            .collect();
        assert_eq!(days, [(1, 30), (31, 60), (61, 90)]);
    }

    #[test]
    fn gaps_between_phases_are_refused_at_the_phase() {
        let src = EMBEDDED_PLANS.replace("start_day = 31", "start_day = 32");
        let err = error_of(&src);
        let line = src.lines().position(|l| l == "start_day = 32").unwrap() + 1;
        assert!(err.starts_with(&format!("p.toml:{line}:")), "{err}");
        assert!(err.contains("expected 31"), "{err}");
    }

    #[test]
    fn trial_phases_must_end_at_max_months() {
        let err = error_of(&EMBEDDED_PLANS.replace("end_month = 12", "end_month = 11"));
        assert!(err.contains("not at max_months 12"), "{err}");
    }

    #[test]
    fn trial_length_is_range_checked() {
        let err = error_of(&EMBEDDED_PLANS.replace("min_months = 6", "min_months = 13"));
        assert!(err.contains("13-12 months"), "{err}");
        let err = error_of(
            &EMBEDDED_PLANS
                .replace("max_months = 12", "max_months = 30")
                .replace("end_month = 12", "end_month = 30"),
        );
        assert!(err.contains("max_months <= 24"), "{err}");
    }

    #[test]
    fn repeated_outcome_ids_and_empty_lists_are_refused() {
        let err = error_of(&EMBEDDED_PLANS.replace("id = \"extend\"", "id = \"commit\""));
        assert!(err.contains("id `commit` appears twice"), "{err}");
        // Empty the `toward_ic` list.
        let start = EMBEDDED_PLANS.find("toward_ic = [").unwrap();
        let end = start + EMBEDDED_PLANS[start..].find("]\n").unwrap();
        let src = format!(
            "{}toward_ic = []{}",
            &EMBEDDED_PLANS[..start],
            &EMBEDDED_PLANS[end + 1..]
        );
        let err = error_of(&src);
        assert!(
            err.contains("`trial.watch_for.toward_ic` is empty"),
            "{err}"
        );
        let err = error_of(&EMBEDDED_PLANS.replace("[onboarding]", "[onboarding]\nextra = true"));
        assert!(err.contains("extra"), "{err}");
    }
}
