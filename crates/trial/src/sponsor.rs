//! The optional sponsor: the person's manager or a mentor, who answers a few questions of their
//! own at each gate so the review can show both views side by side.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers;
use crate::checkin_form::CheckinForm;
use crate::error::{Location, TrialError};

/// Names and roles are labels, not essays.
pub const MAX_SPONSOR_TEXT: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sponsor {
    pub name: String,
    /// Free text: "my manager", "mentor", "skip-level"...
    pub role: String,
    #[serde(default)]
    pub checkins: Vec<SponsorCheckin>,
}

/// The sponsor's answers for one gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SponsorCheckin {
    /// The gate's id (see [`crate::Gate::id`]).
    pub gate: String,
    pub date: NaiveDate,
    pub answers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Sponsor {
    /// Trim and check the name and role.
    ///
    /// # Errors
    /// A blank or overlong name or role.
    pub fn normalised(mut self, at: &Location) -> Result<Self, TrialError> {
        for (key, value) in [("name", &mut self.name), ("role", &mut self.role)] {
            *value = value.trim().to_owned();
            let chars = value.chars().count();
            if chars == 0 || chars > MAX_SPONSOR_TEXT {
                return Err(TrialError::invalid(
                    at.clone(),
                    format!(
                        "sponsor `{key}` is {chars} characters; 1 to {MAX_SPONSOR_TEXT} are allowed"
                    ),
                    format!("write the sponsor's {key} briefly, or leave the sponsor out"),
                ));
            }
        }
        Ok(self)
    }
}

impl SponsorCheckin {
    /// Check the answers against the sponsor questions.
    ///
    /// # Errors
    /// Unknown question or option ids, or an overlong note.
    pub fn validate(&self, form: &CheckinForm, origin: &str) -> Result<(), TrialError> {
        answers::check(
            &form.sponsor_questions,
            &self.answers,
            "sponsor check-in",
            &|_| Location::whole(origin),
        )?;
        answers::note(self.note.clone(), Location::whole(origin))?;
        Ok(())
    }
}
