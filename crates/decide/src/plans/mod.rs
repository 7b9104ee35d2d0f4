//! Trial and transition plans: the management trial, the first 90 days of a new manager
//! (`data/plans.toml`), and the checklist for each leadership transition (from the framework's
//! leadership data).

mod data;
mod kind;
mod plan;
mod transition;
mod trial_check;

pub use data::{
    DecisionPoint, EMBEDDED_PLANS, Entry, Onboarding, OnboardingPhase, Plans, TrialPhase,
    TrialPlan, WatchFor,
};
pub use kind::PlanKind;
pub use plan::{Plan, TrialContext, TrialView};
pub use transition::{ChecklistItem, LevelBrief, TransitionPlan, WeekChange};
pub use trial_check::TrialCheck;
