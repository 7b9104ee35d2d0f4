//! One plan, whichever was asked for: the shape `dualtrack plan` prints.

use dualtrack_framework::Leadership;
use serde::Serialize;

use super::data::{Plans, TrialPlan};
use super::kind::PlanKind;
use super::transition::TransitionPlan;
use super::trial_check::TrialCheck;
use crate::error::DecideError;
use crate::switchback::SwitchbackModel;

/// The trial, with its switch-back check when an organisation kind was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialView {
    /// Always `trial`.
    pub plan: PlanKind,
    #[serde(flatten)]
    pub trial: TrialPlan,
    pub switchback_check: Option<TrialCheck>,
}

/// A trial or a transition plan. Both serialise with a leading `plan` field naming the kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)] // reason: one plan is built per command; boxing would change the public enum
pub enum Plan {
    Trial(TrialView),
    Transition(TransitionPlan),
}

/// Where a trial is run, for its switch-back check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrialContext<'a> {
    pub org: &'a str,
    pub side_practice: bool,
}

impl Plan {
    /// Build the plan of `kind`. `trial_at` adds the switch-back check to a trial (ignored for
    /// transitions).
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`] for a bad `trial_at.org`; [`DecideError::MissingTransition`]
    /// when the leadership data lacks the transition.
    pub fn build(
        kind: PlanKind,
        leadership: &Leadership,
        plans: &Plans,
        model: &SwitchbackModel,
        trial_at: Option<TrialContext<'_>>,
    ) -> Result<Self, DecideError> {
        if kind == PlanKind::Trial {
            let switchback_check = trial_at
                .map(|at| {
                    plans
                        .trial
                        .check_switchback(model, at.org, at.side_practice)
                })
                .transpose()?;
            Ok(Plan::Trial(TrialView {
                plan: kind,
                trial: plans.trial.clone(),
                switchback_check,
            }))
        } else {
            TransitionPlan::build(kind, leadership, plans).map(Plan::Transition)
        }
    }
}

#[cfg(test)]
mod tests {
    use dualtrack_framework::Framework;

    use super::*;

    fn build(kind: PlanKind, at: Option<TrialContext<'_>>) -> Result<Plan, DecideError> {
        let framework = Framework::embedded().unwrap();
        Plan::build(
            kind,
            framework.leadership(),
            &Plans::embedded().unwrap(),
            &SwitchbackModel::embedded().unwrap(),
            at,
        )
    }

    #[test]
    fn every_kind_builds_and_names_itself_first_in_json() {
        for kind in PlanKind::ALL {
            let json = serde_json::to_value(build(kind, None).unwrap()).unwrap();
            assert_eq!(json["plan"], kind.id(), "{kind}");
        }
    }

    #[test]
    fn trial_json_is_flat_with_an_optional_check() {
        let json = serde_json::to_value(build(PlanKind::Trial, None).unwrap()).unwrap();
        assert_eq!(json["min_months"], 6);
        assert_eq!(json["switchback_check"], serde_json::Value::Null);
        let at = TrialContext {
            org: "frontier-lab",
            side_practice: false,
        };
        let json = serde_json::to_value(build(PlanKind::Trial, Some(at)).unwrap()).unwrap();
        assert_eq!(json["switchback_check"]["at_max"]["effective_months"], 48);
    }

    #[test]
    fn a_bad_org_for_the_trial_check_is_an_error() {
        let at = TrialContext {
            org: "circus",
            side_practice: false,
        };
        assert!(matches!(
            build(PlanKind::Trial, Some(at)),
            Err(DecideError::UnknownOrg { .. })
        ));
    }
}
