//! A checklist for one step up the leadership ladder, built from the framework's leadership
//! data (shifts, accelerators, time allocation) so the facts live in one place.

use dualtrack_framework::{Activity, Leadership, Level, Provenance, Shift};
use serde::Serialize;

use super::data::{Onboarding, Plans};
use super::kind::PlanKind;
use crate::error::DecideError;

/// The plan for one transition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionPlan {
    /// `ic-to-manager`, `manager-to-director` or `director-to-vp`.
    pub plan: PlanKind,
    /// Where the transition's shifts and specific advice come from.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The framework's transition id (`ic_to_manager`, ...).
    pub transition: String,
    pub label: String,
    pub from: LevelBrief,
    pub to: LevelBrief,
    /// What changes: from -> to.
    pub shifts: Vec<Shift>,
    /// How the week changes, per activity (percent of the week, from the leadership data).
    pub week: Vec<WeekChange>,
    /// Advice for every transition, as it applies to this one. A checklist.
    pub universal: Vec<ChecklistItem>,
    /// Advice for this transition only. A checklist.
    pub specific: Vec<ChecklistItem>,
    /// The first 90 days, for a first management role only.
    pub onboarding: Option<Onboarding>,
}

/// A level in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelBrief {
    /// Where the level's description comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub id: String,
    pub name: String,
    pub core_question: String,
    pub primary_focus: String,
}

/// One activity's typical share of the week before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekChange {
    pub activity: Activity,
    pub label: String,
    /// Percent of the week, `[low, high]`.
    pub from: [f64; 2],
    pub to: [f64; 2],
}

/// One checklist line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Where the advice comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The accelerator's id for universal items; `specific-N` (1-based) for specific ones.
    pub id: String,
    /// The accelerator's name (universal items only).
    pub name: Option<String>,
    pub action: String,
}

impl PlanKind {
    /// The framework transition id, or `None` for the trial.
    #[must_use]
    pub const fn transition_id(self) -> Option<&'static str> {
        match self {
            PlanKind::IcToManager => Some("ic_to_manager"),
            PlanKind::ManagerToDirector => Some("manager_to_director"),
            PlanKind::DirectorToVp => Some("director_to_vp"),
            PlanKind::Trial => None,
        }
    }
}

impl TransitionPlan {
    /// Build the plan for `kind` from the leadership data (and, for a first management role, the
    /// onboarding plan).
    ///
    /// # Errors
    /// [`DecideError::MissingTransition`] when the leadership data lacks the transition or one of
    /// its levels, or when `kind` is the trial (which is not a transition).
    pub fn build(
        kind: PlanKind,
        leadership: &Leadership,
        plans: &Plans,
    ) -> Result<Self, DecideError> {
        let missing = || DecideError::MissingTransition {
            transition: kind.id().replace('-', "_"),
        };
        let id = kind.transition_id().ok_or_else(missing)?;
        let transition = leadership.transition(id).ok_or_else(missing)?;
        let from = leadership.level(&transition.from).ok_or_else(missing)?;
        let to = leadership.level(&transition.to).ok_or_else(missing)?;

        let provenance = Provenance {
            source: transition.source.clone(),
            assumption: transition.assumption.clone(),
        };
        let universal = leadership
            .accelerators
            .iter()
            .filter_map(|a| {
                a.by_transition.get(id).map(|action| ChecklistItem {
                    provenance: Provenance {
                        source: a.source.clone(),
                        assumption: a.assumption.clone(),
                    },
                    id: a.id.clone(),
                    name: Some(a.name.clone()),
                    action: action.clone(),
                })
            })
            .collect();
        let specific = transition
            .accelerators
            .iter()
            .enumerate()
            .map(|(i, action)| ChecklistItem {
                provenance: provenance.clone(),
                id: format!("specific-{}", i + 1),
                name: None,
                action: action.clone(),
            })
            .collect();
        let week = Activity::ALL
            .into_iter()
            .filter_map(|activity| {
                let (a, b) = (from.allocation(activity)?, to.allocation(activity)?);
                Some(WeekChange {
                    activity,
                    label: leadership.activity_label(activity).to_owned(),
                    from: [a.low, a.high],
                    to: [b.low, b.high],
                })
            })
            .collect();

        Ok(Self {
            plan: kind,
            provenance,
            transition: transition.id.clone(),
            label: transition.label.clone(),
            from: brief(from),
            to: brief(to),
            shifts: transition.shifts.clone(),
            week,
            universal,
            specific,
            onboarding: (kind == PlanKind::IcToManager).then(|| plans.onboarding.clone()),
        })
    }
}

fn brief(level: &Level) -> LevelBrief {
    LevelBrief {
        provenance: Provenance {
            source: level.source.clone(),
            assumption: level.assumption.clone(),
        },
        id: level.id.clone(),
        name: level.name.clone(),
        core_question: level.core_question.clone(),
        primary_focus: level.primary_focus.clone(),
    }
}

#[cfg(test)]
mod tests {
    use dualtrack_framework::Framework;

    use super::*;

    fn build(kind: PlanKind) -> Result<TransitionPlan, DecideError> {
        let framework = Framework::embedded().unwrap();
        TransitionPlan::build(kind, framework.leadership(), &Plans::embedded().unwrap())
    }

    #[test]
    fn ic_to_manager_has_shifts_both_checklists_and_onboarding() {
        let plan = build(PlanKind::IcToManager).unwrap();
        assert_eq!(
            (plan.from.id.as_str(), plan.to.id.as_str()),
            ("ic", "manager")
        );
        assert_eq!(plan.shifts.len(), 4);
        assert_eq!(plan.universal.len(), 6);
        assert!(plan.universal.iter().all(|i| i.name.is_some()));
        assert_eq!(plan.specific.len(), 4);
        assert_eq!(plan.specific[0].id, "specific-1");
        assert!(plan.onboarding.is_some());
        let coding = plan
            .week
            .iter()
            .find(|w| w.activity == Activity::Coding)
            .unwrap();
        assert_eq!((coding.from, coding.to), ([70.0, 90.0], [10.0, 30.0]));
    }

    #[test]
    fn later_transitions_have_no_onboarding() {
        let plan = build(PlanKind::ManagerToDirector).unwrap();
        assert_eq!(plan.shifts.len(), 3);
        assert_eq!(plan.specific.len(), 3);
        assert!(plan.onboarding.is_none());
        let plan = build(PlanKind::DirectorToVp).unwrap();
        assert_eq!(plan.to.id, "vp");
        assert_eq!(plan.universal.len(), 6);
    }

    #[test]
    fn the_trial_is_not_a_transition() {
        let err = build(PlanKind::Trial).unwrap_err();
        assert!(matches!(err, DecideError::MissingTransition { .. }));
    }

    #[test]
    fn a_leadership_file_without_the_transition_is_an_error() {
        let framework = Framework::embedded().unwrap();
        let mut leadership = framework.leadership().clone();
        leadership.transitions.retain(|t| t.id != "director_to_vp");
        let err = TransitionPlan::build(
            PlanKind::DirectorToVp,
            &leadership,
            &Plans::embedded().unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the framework's leadership data has no `director_to_vp` transition; add it to the leadership ladder file"
        );
    }
}
