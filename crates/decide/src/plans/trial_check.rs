//! What a management trial would cost in switch-back terms at a given organisation.

use serde::Serialize;

use super::data::TrialPlan;
use crate::error::DecideError;
use crate::switchback::{Band, Estimate, SwitchbackInput, SwitchbackModel};

/// The switch-back estimate at both ends of the trial, and the longest trial that keeps skills
/// intact. A 12-month trial is harmless at most companies but not where the ground moves fast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialCheck {
    pub org: String,
    pub side_practice: bool,
    /// Estimate after the shortest trial.
    pub at_min: Estimate,
    /// Estimate after the longest trial.
    pub at_max: Estimate,
    /// Longest stint that stays in the `intact` band, as given (with or without side practice).
    pub longest_intact_months: Option<u32>,
    /// The same with a side practice, when none was assumed and it would help.
    pub longest_intact_with_side_practice: Option<u32>,
    /// One sentence built from the numbers above.
    pub advice: String,
}

impl TrialPlan {
    /// Check the trial against the switch-back model for one organisation kind.
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`].
    pub fn check_switchback(
        &self,
        model: &SwitchbackModel,
        org: &str,
        side_practice: bool,
    ) -> Result<TrialCheck, DecideError> {
        let estimate = |months| {
            model.estimate(&SwitchbackInput {
                months,
                org: org.to_owned(),
                side_practice,
                strong_technical: false,
            })
        };
        let at_min = estimate(self.min_months)?;
        let at_max = estimate(self.max_months)?;
        let longest = model.longest_stint_within(Band::Intact, org, side_practice)?;
        let longest_with_side = if side_practice {
            None
        } else {
            model
                .longest_stint_within(Band::Intact, org, true)?
                .filter(|m| Some(*m) > longest)
        };
        let advice = if at_max.band == Band::Intact {
            format!(
                "Even the full {}-month trial counts only {} effective months here, so hands-on skills stay intact and going back is straightforward.",
                self.max_months, at_max.effective_months
            )
        } else {
            let limit = match longest {
                Some(m) if m >= self.min_months => format!("stop the trial by month {m}"),
                Some(m) => format!(
                    "even {} months goes past the intact band (it ends at {m} months here)",
                    self.min_months
                ),
                None => "no length keeps skills fully intact here".to_owned(),
            };
            let side = match longest_with_side {
                Some(m) => {
                    format!("; a side practice kept throughout stretches that to {m} months")
                }
                None => String::new(),
            };
            format!(
                "A {}-month trial here counts {} effective months ({}): {limit}{side}.",
                self.max_months, at_max.effective_months, at_max.band
            )
        };
        Ok(TrialCheck {
            org: at_max.org.clone(),
            side_practice,
            at_min,
            at_max,
            longest_intact_months: longest,
            longest_intact_with_side_practice: longest_with_side,
            advice,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::Plans;

    fn check(org: &str, side: bool) -> TrialCheck {
        let plans = Plans::embedded().unwrap();
        plans
            .trial
            .check_switchback(&SwitchbackModel::embedded().unwrap(), org, side)
            .unwrap()
    }

    #[test]
    fn a_year_long_trial_is_harmless_at_an_enterprise() {
        let c = check("enterprise", false);
        assert_eq!(
            (c.at_max.effective_months, c.at_max.band),
            (12, Band::Intact)
        );
        assert!(
            c.advice
                .starts_with("Even the full 12-month trial counts only 12"),
            "{}",
            c.advice
        );
    }

    #[test]
    fn at_a_frontier_lab_even_six_months_leaves_the_intact_band() {
        let c = check("frontier-lab", false);
        assert_eq!(
            (c.at_min.effective_months, c.at_min.band),
            (24, Band::Rebuild)
        );
        assert_eq!(
            (c.at_max.effective_months, c.at_max.band),
            (48, Band::Rebuild)
        );
        assert_eq!(c.longest_intact_months, Some(4));
        assert_eq!(c.longest_intact_with_side_practice, Some(6));
        assert_eq!(
            c.advice,
            "A 12-month trial here counts 48 effective months (rebuild): even 6 months goes past the intact band (it ends at 4 months here); a side practice kept throughout stretches that to 6 months."
        );
    }

    #[test]
    fn with_a_side_practice_a_frontier_lab_trial_fits_six_months() {
        let c = check("frontier-lab", true);
        assert_eq!(c.at_min.band, Band::Intact);
        assert_eq!(c.longest_intact_months, Some(6));
        assert_eq!(c.longest_intact_with_side_practice, None);
        assert!(
            c.advice.contains("stop the trial by month 6"),
            "{}",
            c.advice
        );
    }

    #[test]
    fn unknown_org_is_an_error() {
        let plans = Plans::embedded().unwrap();
        assert!(
            plans
                .trial
                .check_switchback(&SwitchbackModel::embedded().unwrap(), "moon", false)
                .is_err()
        );
    }
}
