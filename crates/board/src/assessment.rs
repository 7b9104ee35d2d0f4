//! Saved self-assessment results (the history a user can come back to).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Largest answers document accepted for storage; a six-question answer set is a few KiB, so
/// anything near this is not an answer set.
pub const MAX_ANSWERS_BYTES: usize = 64 * 1024;

/// An assessment result as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SavedAssessment {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    /// The answers exactly as given (question id -> option id(s)).
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
    /// `ic`, `management`, `either` or `unclear`.
    pub verdict: String,
    /// `ic` or `management` when the verdict leans one way.
    pub leaning: Option<String>,
}

/// An assessment result to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewSavedAssessment {
    pub taken_at: DateTime<Utc>,
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
    pub verdict: String,
    pub leaning: Option<String>,
}

impl NewSavedAssessment {
    /// Checks the record before a backend writes it, so both backends refuse the same things.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] naming the field and the accepted values.
    pub fn validate(&self) -> Result<(), StoreError> {
        const VERDICTS: [&str; 4] = ["ic", "management", "either", "unclear"];
        const LEANINGS: [&str; 2] = ["ic", "management"];
        if !VERDICTS.contains(&self.verdict.as_str()) {
            return Err(StoreError::invalid(format!(
                "assessment verdict `{}` is not one of ic, management, either, unclear",
                self.verdict
            )));
        }
        if let Some(leaning) = &self.leaning
            && !LEANINGS.contains(&leaning.as_str())
        {
            return Err(StoreError::invalid(format!(
                "assessment leaning `{leaning}` is not one of ic, management (or omit it)"
            )));
        }
        let size = self.answers.to_string().len();
        if size > MAX_ANSWERS_BYTES {
            return Err(StoreError::invalid(format!(
                "assessment answers are {size} bytes; at most {MAX_ANSWERS_BYTES} are stored"
            )));
        }
        Ok(())
    }
}

/// Most saved assessments one `list_assessments` call returns.
pub const MAX_ASSESSMENT_LIST: u32 = 1000;

/// Validates a `list_assessments` limit.
///
/// # Errors
/// [`StoreError::InvalidInput`] when the limit is 0 or above [`MAX_ASSESSMENT_LIST`].
pub fn check_assessment_limit(limit: u32) -> Result<(), StoreError> {
    if limit == 0 || limit > MAX_ASSESSMENT_LIST {
        return Err(StoreError::invalid(format!(
            "assessment list limit {limit} is out of range; use 1 to {MAX_ASSESSMENT_LIST}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(verdict: &str, leaning: Option<&str>) -> NewSavedAssessment {
        NewSavedAssessment {
            taken_at: DateTime::UNIX_EPOCH,
            answers: serde_json::json!({"satisfaction": "hard_problem_alone"}),
            verdict: verdict.into(),
            leaning: leaning.map(Into::into),
        }
    }

    #[test]
    fn accepts_every_documented_verdict() {
        for verdict in ["ic", "management", "either", "unclear"] {
            record(verdict, None).validate().unwrap();
        }
        record("either", Some("ic")).validate().unwrap();
    }

    #[test]
    fn refuses_unknown_verdict_and_leaning() {
        let err = record("director", None).validate().unwrap_err();
        assert!(err.to_string().contains("`director`"), "{err}");
        let err = record("ic", Some("either")).validate().unwrap_err();
        assert!(err.to_string().contains("leaning `either`"), "{err}");
    }

    #[test]
    fn refuses_oversized_answers() {
        let mut big = record("ic", None);
        big.answers = serde_json::Value::String("x".repeat(MAX_ANSWERS_BYTES + 1));
        assert!(big.validate().unwrap_err().to_string().contains("at most"));
    }

    #[test]
    fn limit_must_be_in_range() {
        assert!(check_assessment_limit(0).is_err());
        assert!(check_assessment_limit(MAX_ASSESSMENT_LIST + 1).is_err());
        check_assessment_limit(1).unwrap();
        check_assessment_limit(MAX_ASSESSMENT_LIST).unwrap();
    }
}
