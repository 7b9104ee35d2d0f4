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
            // Never advise a trial shorter than the plan's own minimum: the seeds recommend
            // that length, and this model's fast-organisation weights are partly our
            // extrapolation (issue 12, misreading 5).
            let (min, max) = (self.min_months, self.max_months);
            let limit = match longest {
                Some(m) if m >= min => format!(
                    "skills stay intact up to month {m}, so aim for the shorter end of the recommended {min}-{max} months"
                ),
                _ => format!(
                    "no trial of the recommended {min}-{max} months keeps hands-on skills fully intact here, but do not cut it short: a trial needs at least {min} months to show you the job. Keep one technical area you contribute to throughout, and expect a short rebuild if you go back"
                ),
            };
            let side = match longest_with_side {
                Some(m) if m >= min && longest.is_none_or(|l| l < min) => format!(
                    "; with that technical area kept up, skills stay intact up to month {m}"
                ),
                Some(m) if m >= min => {
                    format!("; a side practice kept throughout stretches that to month {m}")
                }
                _ => String::new(),
            };
            format!(
                "A {max}-month trial here counts {} effective months ({}): {limit}{side}.",
                at_max.effective_months, at_max.band
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
            "A 12-month trial here counts 48 effective months (rebuild): no trial of the recommended 6-12 months keeps hands-on skills fully intact here, but do not cut it short: a trial needs at least 6 months to show you the job. Keep one technical area you contribute to throughout, and expect a short rebuild if you go back; with that technical area kept up, skills stay intact up to month 6."
        );
    }

    #[test]
    fn with_a_side_practice_a_frontier_lab_trial_fits_six_months() {
        let c = check("frontier-lab", true);
        assert_eq!(c.at_min.band, Band::Intact);
        assert_eq!(c.longest_intact_months, Some(6));
        assert_eq!(c.longest_intact_with_side_practice, None);
        assert!(
            c.advice.contains("skills stay intact up to month 6"),
            "{}",
            c.advice
        );
    }

    /// Regression (issue 12, misreading 5): at a frontier lab the check told people to stop a
    /// management trial by month four, against the seeds' own 6-12 month trial. For every
    /// organisation kind, with or without a side practice, the advice never names a month
    /// before the trial's minimum and never says to stop.
    #[test]
    fn the_trial_check_never_advises_stopping_before_the_seeds_six_months() {
        let model = SwitchbackModel::embedded().unwrap();
        let plans = Plans::embedded().unwrap();
        let min = plans.trial.min_months;
        assert_eq!((min, plans.trial.max_months), (6, 12), "the seeds' trial");
        for org in &model.orgs {
            for side in [false, true] {
                let c = plans.trial.check_switchback(&model, &org.id, side).unwrap();
                assert!(!c.advice.to_lowercase().contains("stop"), "{}", c.advice);
                for (i, _) in c.advice.match_indices("month ") {
                    let n: String = c.advice[i + 6..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    if let Ok(n) = n.parse::<u32>() {
                        assert!(n >= min, "{}: {}", org.id, c.advice);
                    }
                }
            }
        }
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
