//! Everything a trial reads besides its own record: the check-in questionnaire, the six
//! questions, the framework (track profiles, level allocations), the switch-back model and the
//! trial plan. Built once by the shell, passed by reference.

use dualtrack_assess::Questionnaire;
use dualtrack_decide::{Plans, SwitchbackModel};
use dualtrack_framework::Framework;

use crate::checkin_form::CheckinForm;
use crate::error::TrialError;

#[derive(Debug, Clone)]
pub struct TrialContent {
    pub form: CheckinForm,
    pub questionnaire: Questionnaire,
    pub framework: Framework,
    pub switchback: SwitchbackModel,
    pub plans: Plans,
}

impl TrialContent {
    /// The shipped content. A shell replaces any field with a user's own file after loading it
    /// through that type's `from_toml`.
    ///
    /// # Errors
    /// Only if a shipped file is broken, which the crates' tests rule out.
    pub fn embedded() -> Result<Self, TrialError> {
        Ok(Self {
            form: CheckinForm::embedded()?,
            questionnaire: Questionnaire::embedded().clone(),
            framework: Framework::embedded().map_err(|e| TrialError::Content(e.to_string()))?,
            switchback: SwitchbackModel::embedded()?,
            plans: Plans::embedded()?,
        })
    }
}
