//! The switch-back model's parameters (`data/switchback.toml`), loaded and validated.

use dualtrack_framework::Provenance;
use serde::Serialize;

use super::rules::{Band, BandRule, CapitalRule, OrgRule, SidePracticeRule, StrongTechnicalRule};
use super::validate::{
    MAX_MONTHS_LIMIT, RawModel, percent, validate_bands, validate_capital, validate_orgs,
};
use crate::error::DecideError;
use crate::source::{self, Checker};

/// The embedded switch-back parameters.
pub const EMBEDDED_SWITCHBACK: &str = include_str!("../../../../data/switchback.toml");

/// All parameters of the switch-back estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwitchbackModel {
    /// Largest `months` accepted as input.
    pub max_months: u32,
    /// Exactly the three bands, in order.
    pub bands: Vec<BandRule>,
    pub orgs: Vec<OrgRule>,
    pub side_practice: SidePracticeRule,
    pub strong_technical: StrongTechnicalRule,
    /// What the skills estimate does not measure: position and relationships.
    pub organisational_capital: String,
    /// How the estimate weighs organisational capital; `None` for a model file without levels,
    /// in which case the factor is only described.
    pub capital: Option<CapitalRule>,
}

impl SwitchbackModel {
    /// The model compiled into the binary.
    ///
    /// # Errors
    /// Only if the embedded file is broken, which the unit tests rule out.
    pub fn embedded() -> Result<Self, DecideError> {
        Self::from_toml("data/switchback.toml", EMBEDDED_SWITCHBACK)
    }

    /// Parse and validate a model file; `origin` names it in errors.
    ///
    /// # Errors
    /// TOML errors, unknown keys, bands missing, repeated or out of order, thresholds that do not
    /// rise, weights out of range, repeated organisation ids, blank text; each at file:line:column.
    pub fn from_toml(origin: &str, src: &str) -> Result<Self, DecideError> {
        let raw: RawModel = source::parse_sourced(
            origin,
            src,
            &[
                "band",
                "org",
                "side_practice",
                "strong_technical",
                "organisational_capital",
            ],
        )?;
        let check = Checker { origin, src };
        crate::source::check_version(origin, src, &raw.schema_version)?;
        let max_months = *raw.max_months.get_ref();
        if !(1..=MAX_MONTHS_LIMIT).contains(&max_months) {
            return Err(check.fail(
                raw.max_months.span().start,
                format!("max_months {max_months} is out of range"),
                format!("use a value from 1 to {MAX_MONTHS_LIMIT}"),
            ));
        }
        let bands = validate_bands(raw.band, &check)?;
        let orgs = validate_orgs(raw.org, &check)?;

        let side = raw.side_practice;
        percent(
            &check,
            &side.weight_percent,
            1,
            100,
            "side_practice.weight_percent",
        )?;
        check.non_blank(&side.why, "side_practice.why")?;
        let strong = raw.strong_technical;
        percent(
            &check,
            &strong.ramp_weight_percent,
            1,
            100,
            "strong_technical.ramp_weight_percent",
        )?;
        check.non_blank(&strong.why, "strong_technical.why")?;
        check.non_blank(
            &raw.organisational_capital.explanation,
            "organisational_capital.explanation",
        )?;

        let capital = validate_capital(&raw.organisational_capital, &orgs, &check)?;

        Ok(Self {
            max_months,
            bands,
            orgs,
            side_practice: SidePracticeRule {
                basis: Provenance {
                    source: side.source.clone(),
                    assumption: side.assumption.clone(),
                },
                weight_percent: side.weight_percent.into_inner(),
                assumption: side.assumption.is_some(),
                why: side.why.into_inner(),
            },
            strong_technical: StrongTechnicalRule {
                basis: Provenance {
                    source: strong.source.clone(),
                    assumption: strong.assumption.clone(),
                },
                ramp_weight_percent: strong.ramp_weight_percent.into_inner(),
                assumption: strong.assumption.is_some(),
                why: strong.why.into_inner(),
            },
            organisational_capital: raw.organisational_capital.explanation.into_inner(),
            capital,
        })
    }

    /// The organisation kinds the model knows, comma-separated (for error messages and help).
    #[must_use]
    pub fn org_ids(&self) -> String {
        self.orgs
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Look up an organisation kind.
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`] listing the valid ids.
    pub fn org(&self, id: &str) -> Result<&OrgRule, DecideError> {
        self.orgs
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(|| DecideError::UnknownOrg {
                given: id.to_owned(),
                valid: self.org_ids(),
            })
    }

    /// Accept a month count from untrusted input (negative or huge values are refused).
    ///
    /// # Errors
    /// [`DecideError::MonthsOutOfRange`].
    pub fn check_months(&self, months: i64) -> Result<u32, DecideError> {
        u32::try_from(months)
            .ok()
            .filter(|m| *m <= self.max_months)
            .ok_or(DecideError::MonthsOutOfRange {
                given: months,
                max: self.max_months,
            })
    }

    /// The rule for a band (validation guarantees all three exist).
    #[must_use]
    pub fn band(&self, band: Band) -> Option<&BandRule> {
        self.bands.iter().find(|b| b.band == band)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::switchback::MonthRange;

    fn embedded_src() -> String {
        EMBEDDED_SWITCHBACK.to_owned()
    }

    fn error_of(src: &str) -> String {
        SwitchbackModel::from_toml("s.toml", src)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn embedded_model_has_the_contract_bands_and_orgs() {
        let model = SwitchbackModel::embedded().unwrap();
        let bands: Vec<(Band, Option<u32>)> =
            model.bands.iter().map(|b| (b.band, b.up_to)).collect();
        assert_eq!(
            bands,
            vec![
                (Band::Intact, Some(18)),
                (Band::Rebuild, Some(59)),
                (Band::Reinvest, None)
            ]
        );
        assert_eq!(
            model.org_ids(),
            "startup, scale-up, enterprise, frontier-lab, infrastructure-heavy"
        );
        assert_eq!(model.org("frontier-lab").unwrap().weight_percent, 400);
        assert_eq!(
            model.org("infrastructure-heavy").unwrap().weight_percent,
            400
        );
        assert_eq!(
            model.band(Band::Rebuild).unwrap().ramp_months,
            MonthRange { low: 3, high: 6 }
        );
        // Regression (issue 12, misreading 5): the frontier-lab rate is stated only for six
        // months; applying it to every month is our extrapolation and must say so.
        assert!(model.org("frontier-lab").unwrap().assumption);
        // The seeds name no kind of company; reading their thresholds as an enterprise's
        // pace, the baseline, is ours too (found by the fidelity audit).
        assert!(model.org("enterprise").unwrap().assumption);
        assert!(model.side_practice.assumption && model.strong_technical.assumption);
    }

    #[test]
    fn unknown_org_lists_valid_values() {
        let model = SwitchbackModel::embedded().unwrap();
        let err = model.org("agency").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown organisation kind `agency`; valid values: startup, scale-up, enterprise, frontier-lab, infrastructure-heavy"
        );
    }

    #[test]
    fn months_are_checked_at_both_ends() {
        let model = SwitchbackModel::embedded().unwrap();
        assert_eq!(model.check_months(0).unwrap(), 0);
        assert_eq!(model.check_months(600).unwrap(), 600);
        assert!(
            model
                .check_months(-1)
                .unwrap_err()
                .to_string()
                .contains("from 0 to 600, got -1")
        );
        assert!(model.check_months(601).is_err());
        assert!(model.check_months(i64::MAX).is_err());
    }

    #[test]
    fn bands_out_of_order_are_refused_at_their_line() {
        let src = embedded_src().replacen("id = \"rebuild\"", "id = \"reinvest\"", 1);
        let err = error_of(&src);
        let line = src.lines().position(|l| l == "id = \"reinvest\"").unwrap() + 1;
        assert!(err.starts_with(&format!("s.toml:{line}:")), "{err}");
        assert!(err.contains("out of place"), "{err}");
    }

    #[test]
    fn thresholds_must_rise_and_the_last_band_is_open() {
        let err = error_of(&embedded_src().replace("up_to = 59", "up_to = 18"));
        assert!(err.contains("does not rise"), "{err}");
        let src =
            embedded_src().replacen("id = \"reinvest\"\n", "id = \"reinvest\"\nup_to = 99\n", 1);
        assert!(error_of(&src).contains("last band has an `up_to`"));
        let err = error_of(&embedded_src().replace("up_to = 18\n", ""));
        assert!(err.contains("has no `up_to`"), "{err}");
    }

    #[test]
    fn capital_levels_are_checked_at_their_line() {
        let err = error_of(&embedded_src().replace("up_to = 36", "up_to = 12"));
        assert!(
            err.contains("does not rise from the previous level"),
            "{err}"
        );
        let src =
            embedded_src().replace("large_orgs = [\"enterprise\"]", "large_orgs = [\"agency\"]");
        let err = error_of(&src);
        let line = src
            .lines()
            .position(|l| l.starts_with("large_orgs"))
            .unwrap()
            + 1;
        assert!(err.starts_with(&format!("s.toml:{line}:")), "{err}");
        assert!(err.contains("unknown organisation kind `agency`"), "{err}");
        // A model file without levels still loads; the factor is then only described.
        let start = embedded_src()
            .find("[[organisational_capital.level]]")
            .unwrap();
        let model = SwitchbackModel::from_toml("s.toml", &embedded_src()[..start]).unwrap();
        assert!(model.capital.is_none());
    }

    #[test]
    fn ramp_ranges_must_be_ordered() {
        let err =
            error_of(&embedded_src().replace("{ low = 3, high = 6 }", "{ low = 7, high = 6 }"));
        assert!(err.contains("ramp_months 7-6"), "{err}");
    }

    #[test]
    fn weights_are_range_checked() {
        let err =
            error_of(&embedded_src().replacen("weight_percent = 75", "weight_percent = 120", 1));
        assert!(
            err.contains("side_practice.weight_percent` is 120"),
            "{err}"
        );
        let err =
            error_of(&embedded_src().replacen("weight_percent = 400", "weight_percent = 0", 1));
        assert!(err.contains("from 1 to 1000"), "{err}");
    }

    #[test]
    fn organisation_ids_are_unique_and_kebab_case() {
        let err = error_of(&embedded_src().replace("id = \"scale-up\"", "id = \"startup\""));
        assert!(err.contains("`startup` appears twice"), "{err}");
        let err = error_of(&embedded_src().replace("id = \"scale-up\"", "id = \"Scale Up\""));
        assert!(err.contains("not kebab-case"), "{err}");
    }

    #[test]
    fn unknown_keys_and_bad_band_ids_are_refused() {
        let err = error_of(
            &embedded_src().replace("max_months = 600", "max_months = 600\nmin_months = 1"),
        );
        assert!(err.contains("min_months"), "{err}");
        let err = error_of(&embedded_src().replace("id = \"intact\"", "id = \"fine\""));
        assert!(err.contains("fine"), "{err}");
    }
}
