//! Returning to the IC track after time in management: the model (`data/switchback.toml`) and
//! the estimate it produces. `docs/switch-back.md` explains every rule.

mod estimate;
mod model;
mod rules;
mod validate;

pub use estimate::{CapitalStake, Estimate, Factor, SwitchbackInput};
pub use model::{EMBEDDED_SWITCHBACK, SwitchbackModel};
pub use rules::{
    Band, BandRule, CapitalLevel, CapitalRule, MonthRange, OrgRule, SidePracticeRule,
    StrongTechnicalRule,
};
