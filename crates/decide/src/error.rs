//! The one error type of the decide engine.

pub use dualtrack_framework::Location;

/// Everything that can go wrong in the decide engine. Each message says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    /// A data file is too large, not TOML, or not the expected shape.
    #[error(transparent)]
    Load(#[from] dualtrack_framework::LoadError),

    /// A data file parsed but breaks a rule of the model.
    #[error("{at}: {message}; fix: {fix}")]
    Invalid {
        at: Location,
        message: String,
        fix: String,
    },

    /// `--org` named an organisation kind the switch-back model does not know.
    #[error("unknown organisation kind `{given}`; valid values: {valid}")]
    UnknownOrg { given: String, valid: String },

    /// `--months` outside what the model accepts.
    #[error("months in management must be a whole number from 0 to {max}, got {given}")]
    MonthsOutOfRange { given: i64, max: u32 },

    /// A plan name that is not a transition or the trial.
    #[error("unknown plan `{given}`; valid values: {valid}")]
    UnknownPlan { given: String, valid: String },

    /// A model built by hand (not through `from_toml`) that breaks a rule validation enforces.
    #[error(
        "the switch-back model is inconsistent: {message}; build it with `SwitchbackModel::from_toml`"
    )]
    BrokenModel { message: String },

    /// The framework's leadership data lacks a transition the plans need.
    #[error(
        "the framework's leadership data has no `{transition}` transition; add it to the leadership ladder file"
    )]
    MissingTransition { transition: String },
}
