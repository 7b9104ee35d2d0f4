//! The one error type of the trial engine. Every message about input names where it is and
//! what to do.

pub use dualtrack_framework::Location;

/// Everything that can go wrong in the trial engine.
#[derive(Debug, thiserror::Error)]
pub enum TrialError {
    /// Input larger than any real one; refused before parsing.
    #[error(
        "{origin}: input is {size} bytes, over the {limit}-byte limit; a real {what} is far smaller, so check you passed the right file"
    )]
    TooLarge {
        origin: String,
        what: &'static str,
        size: usize,
        limit: usize,
    },

    /// Not valid TOML or JSON, or not the expected shape.
    #[error("{at}: {message}; fix: {fix}")]
    Parse {
        at: Location,
        message: String,
        fix: String,
    },

    /// Parsed, but breaks a rule.
    #[error("{at}: {message}; fix: {fix}")]
    Invalid {
        at: Location,
        message: String,
        fix: String,
        /// The trial spec's field the rule is about (`months`, `continue_if`, ...), when it is
        /// one, so a form can mark it.
        field: Option<&'static str>,
    },

    /// A built-in content file (framework, questionnaire, switch-back model, plans) failed.
    #[error("built-in content: {0}")]
    Content(String),

    /// A data file is too large, not TOML, or not the expected shape.
    #[error(transparent)]
    Load(#[from] dualtrack_framework::LoadError),

    /// The switch-back model refused the input (unknown organisation kind, months out of range).
    #[error(transparent)]
    Decide(#[from] dualtrack_decide::DecideError),

    /// The assessment refused the answers given for a review.
    #[error(transparent)]
    Assess(#[from] dualtrack_assess::AssessError),
}

impl TrialError {
    pub(crate) fn invalid(
        at: Location,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        TrialError::Invalid {
            at,
            message: message.into(),
            fix: fix.into(),
            field: None,
        }
    }

    /// The same refusal, about the spec's field `name`.
    #[must_use]
    pub(crate) fn on_field(self, name: &'static str) -> Self {
        match self {
            TrialError::Invalid {
                at, message, fix, ..
            } => TrialError::Invalid {
                at,
                message,
                fix,
                field: Some(name),
            },
            other => other,
        }
    }

    /// The trial spec's field a refusal is about, when it is about one.
    #[must_use]
    pub fn field(&self) -> Option<&'static str> {
        match self {
            TrialError::Invalid { field, .. } => *field,
            _ => None,
        }
    }

    /// What is wrong and how to fix it, without the location: for a form that marks the field.
    #[must_use]
    pub fn reason_and_fix(&self) -> Option<(&str, &str)> {
        match self {
            TrialError::Invalid { message, fix, .. } | TrialError::Parse { message, fix, .. } => {
                Some((message, fix))
            }
            _ => None,
        }
    }
}

/// Refuse `src` before parsing when it is over `limit` bytes.
pub(crate) fn check_size(
    origin: &str,
    what: &'static str,
    src: &str,
    limit: usize,
) -> Result<(), TrialError> {
    if src.len() > limit {
        return Err(TrialError::TooLarge {
            origin: origin.to_owned(),
            what,
            size: src.len(),
            limit,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_input_is_refused_with_the_limit() {
        let err = check_size("big.toml", "check-in file", "xxxx", 3).unwrap_err();
        assert!(
            err.to_string()
                .contains("big.toml: input is 4 bytes, over the 3-byte limit")
        );
    }
}
