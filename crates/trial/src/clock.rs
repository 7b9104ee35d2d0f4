//! The switch-back clock: for a trial that became a management role, how the estimate of the way
//! back changes with each further year, and a warning ahead of each point where it gets harder.

use dualtrack_decide::switchback::MonthRange;
use dualtrack_decide::{Band, SwitchbackInput, SwitchbackModel};
use serde::Serialize;

use crate::error::TrialError;
use crate::rules;
use dualtrack_framework::Provenance;

/// How far ahead of a harder band the clock warns. Our assumption: six months leaves time to
/// decide and, if staying, to start a side technical practice.
pub const WARN_AHEAD_MONTHS: u32 = 6;
/// Years the clock looks ahead at most.
pub const MAX_CLOCK_YEARS: u32 = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockPoint {
    /// 0 is now.
    pub years_from_now: u32,
    pub months_in_management: u32,
    pub band: Band,
    pub band_name: String,
    pub effective_months: u32,
    pub ramp_months: MonthRange,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockWarning {
    /// The month (in management) from which the harder band applies.
    pub at_month: u32,
    /// When to start paying attention.
    pub warn_from_month: u32,
    pub band: Band,
    pub text: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchbackClock {
    pub org: String,
    pub side_practice: bool,
    pub months_so_far: u32,
    pub points: Vec<ClockPoint>,
    pub warnings: Vec<ClockWarning>,
}

impl SwitchbackClock {
    /// The clock from `months_so_far` in management, `years` ahead (at most
    /// [`MAX_CLOCK_YEARS`], and never past the model's maximum).
    ///
    /// # Errors
    /// An unknown organisation kind, or months the model refuses.
    pub fn build(
        model: &SwitchbackModel,
        org: &str,
        side_practice: bool,
        months_so_far: u32,
        years: u32,
    ) -> Result<Self, TrialError> {
        let years = years.min(MAX_CLOCK_YEARS);
        let horizon = months_so_far
            .saturating_add(12 * years)
            .min(model.max_months);
        let mut points = Vec::new();
        for y in 0..=years {
            let months = months_so_far.saturating_add(12 * y);
            if months > horizon {
                break;
            }
            let e = model.estimate(&SwitchbackInput {
                months,
                org: org.to_owned(),
                side_practice,
                strong_technical: false,
            })?;
            points.push(ClockPoint {
                years_from_now: y,
                months_in_management: months,
                band: e.band,
                band_name: e.band_name,
                effective_months: e.effective_months,
                ramp_months: e.ramp_months,
            });
        }
        let mut warnings = Vec::new();
        for pair in Band::ALL.windows(2) {
            let [easier, harder] = [pair[0], pair[1]];
            let Some(last) = model.longest_stint_within(easier, org, side_practice)? else {
                continue;
            };
            let at_month = last + 1;
            if at_month <= months_so_far || at_month > horizon {
                continue;
            }
            let name = model
                .band(harder)
                .map_or_else(|| harder.to_string(), |b| b.name.clone());
            let years_at = f64::from(at_month) / 12.0;
            let mut text = format!(
                "From month {at_month} in management (about {years_at:.1} years) at {}, the way back moves to \"{name}\"; decide before then whether you are staying.",
                model.org_phrase(org)
            );
            if !side_practice && let Some(with) = model.longest_stint_within(easier, org, true)? {
                text.push_str(&format!(
                    " Keeping a side technical practice would move that point to month {}.",
                    with + 1
                ));
            }
            warnings.push(ClockWarning {
                at_month,
                warn_from_month: at_month
                    .saturating_sub(WARN_AHEAD_MONTHS)
                    .max(months_so_far),
                band: harder,
                text,
                provenance: rules::easy_into_management(),
            });
        }
        Ok(Self {
            org: org.to_owned(),
            side_practice,
            months_so_far,
            points,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 000, "What the data says about switching back": within 18 months the return is
    /// straightforward; after that pace must be rebuilt, and after five years it takes real
    /// investment. The clock warns before month 19 and before month 60 at an ordinary pace.
    #[test]
    fn the_clock_warns_ahead_of_the_seeds_eighteen_months_and_five_years() {
        let model = SwitchbackModel::embedded().unwrap();
        let clock = SwitchbackClock::build(&model, "enterprise", false, 12, 5).unwrap();
        let at: Vec<(u32, Band)> = clock
            .warnings
            .iter()
            .map(|w| (w.at_month, w.band))
            .collect();
        assert_eq!(at, [(19, Band::Rebuild), (60, Band::Reinvest)]);
        assert_eq!(clock.warnings[0].warn_from_month, 13);
        assert_eq!(clock.points.first().unwrap().band, Band::Intact);
        assert_eq!(
            clock.points[1].band,
            Band::Rebuild,
            "two years in is past 18 months"
        );
        assert_eq!(clock.points.len(), 6);
        assert!(clock.warnings[0].text.contains("side technical practice"));
    }

    #[test]
    fn organisation_kinds_read_as_words() {
        let model = SwitchbackModel::embedded().unwrap();
        assert_eq!(model.org_phrase("enterprise"), "an enterprise");
        assert_eq!(model.org_phrase("startup"), "a startup");
        assert_eq!(model.org_phrase("frontier-lab"), "a frontier AI lab");
        let clock = SwitchbackClock::build(&model, "enterprise", false, 12, 5).unwrap();
        assert!(
            clock.warnings[0].text.contains("at an enterprise"),
            "{}",
            clock.warnings[0].text
        );
        assert!(!clock.warnings[0].text.contains('`'));
    }

    #[test]
    fn a_fast_moving_organisation_brings_the_warning_forward() {
        let model = SwitchbackModel::embedded().unwrap();
        let clock = SwitchbackClock::build(&model, "frontier-lab", false, 3, 2).unwrap();
        assert!(clock.warnings.first().unwrap().at_month < 12);
    }
}
