//! Returning to the IC track after time in management: the model (`data/switchback.toml`) and
//! the estimate it produces. `docs/switch-back.md` explains every rule.

mod estimate;
mod model;

pub use estimate::{CapitalStake, Estimate, Factor, SwitchbackInput};
pub use model::{
    Band, BandRule, CapitalLevel, CapitalRule, EMBEDDED_SWITCHBACK, MonthRange, OrgRule,
    SidePracticeRule, StrongTechnicalRule, SwitchbackModel,
};
