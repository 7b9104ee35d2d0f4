//! The switch-back model's parameters (`data/switchback.toml`), loaded and validated.

use dualtrack_framework::Provenance;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::DecideError;
use crate::source::{self, Checker};

/// The embedded switch-back parameters.
pub const EMBEDDED_SWITCHBACK: &str = include_str!("../../../../data/switchback.toml");

/// Upper bounds that keep the integer arithmetic far from overflow and the data sensible.
const MAX_MONTHS_LIMIT: u32 = 1200;
const MAX_ORG_WEIGHT: u32 = 1000;
const MAX_RAMP_MONTHS: u32 = 120;

/// How hard a return to IC is, from easiest to hardest. The ids are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Skills intact: return at the level you left.
    Intact,
    /// A quarter or two to rebuild pace and credibility.
    Rebuild,
    /// Possible, with real investment.
    Reinvest,
}

impl Band {
    /// All bands in order.
    pub const ALL: [Band; 3] = [Band::Intact, Band::Rebuild, Band::Reinvest];

    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Band::Intact => "intact",
            Band::Rebuild => "rebuild",
            Band::Reinvest => "reinvest",
        }
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// An inclusive range of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    pub low: u32,
    pub high: u32,
}

/// One band of effective months.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRule {
    /// Where the rule comes from: seed sections, our assumption, or both.
    pub basis: Provenance,
    pub band: Band,
    /// Last effective month in the band (inclusive); `None` for the open-ended last band.
    pub up_to: Option<u32>,
    pub ramp_months: MonthRange,
    /// True when the ramp-up range is our assumption rather than a seed fact.
    pub ramp_assumption: bool,
    pub name: String,
    pub summary: String,
    pub detail: String,
}

/// How fast one kind of organisation's technical ground moves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgRule {
    /// Where the rule comes from: seed sections, our assumption, or both.
    pub basis: Provenance,
    pub id: String,
    pub name: String,
    /// Each month in management counts `weight_percent / 100` effective months.
    pub weight_percent: u32,
    pub assumption: bool,
    pub why: String,
}

/// The effect of keeping a side technical practice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SidePracticeRule {
    /// Where the rule comes from: seed sections, our assumption, or both.
    pub basis: Provenance,
    /// Effective months are multiplied by `weight_percent / 100` (at most 100: it never adds).
    pub weight_percent: u32,
    pub assumption: bool,
    pub why: String,
}

/// The effect of having been strong technically before management.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrongTechnicalRule {
    /// Where the rule comes from: seed sections, our assumption, or both.
    pub basis: Provenance,
    /// Both ends of the ramp-up range are multiplied by `ramp_weight_percent / 100`.
    pub ramp_weight_percent: u32,
    pub assumption: bool,
    pub why: String,
}

/// How much organisational capital (001: the context, relationships and standing tied to a
/// manager's seat) a return to IC leaves behind, by months in the seat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalRule {
    /// Where the rule comes from: seed sections, our assumption, or both.
    pub basis: Provenance,
    /// In order; each `up_to` is the last calendar month in the level, the last is open.
    pub levels: Vec<CapitalLevel>,
    /// Organisation kinds where the stake is one level deeper (001 speaks of a large company).
    pub large_orgs: Vec<String>,
    /// True when the thresholds are our assumption rather than a seed fact.
    pub assumption: bool,
}

/// One level of organisational capital at stake.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalLevel {
    pub id: String,
    pub up_to: Option<u32>,
    pub name: String,
    pub summary: String,
}

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

fn validate_capital(
    raw: &RawCapital,
    orgs: &[OrgRule],
    check: &Checker<'_>,
) -> Result<Option<CapitalRule>, DecideError> {
    if raw.level.is_empty() {
        return Ok(None);
    }
    let mut levels = Vec::with_capacity(raw.level.len());
    let mut previous: Option<u32> = None;
    for (i, level) in raw.level.iter().enumerate() {
        let last = i + 1 == raw.level.len();
        match (&level.up_to, last) {
            (None, false) => {
                return Err(check.fail(
                    level.id.span().start,
                    format!(
                        "organisational capital level `{}` has no `up_to`",
                        level.id.get_ref()
                    ),
                    "give every level but the last an `up_to`",
                ));
            }
            (Some(up_to), true) => {
                return Err(check.fail(
                    up_to.span().start,
                    "the last organisational capital level has an `up_to`",
                    "remove it: the last level is open-ended",
                ));
            }
            (Some(up_to), false) => {
                if previous.is_some_and(|p| *up_to.get_ref() <= p) {
                    return Err(check.fail(
                        up_to.span().start,
                        "`up_to` does not rise from the previous level",
                        "make each level's `up_to` larger than the one before",
                    ));
                }
                previous = Some(*up_to.get_ref());
            }
            (None, true) => {}
        }
        check.non_blank(&level.id, "organisational_capital.level.id")?;
        check.non_blank(&level.name, "organisational_capital.level.name")?;
        check.non_blank(&level.summary, "organisational_capital.level.summary")?;
        levels.push(CapitalLevel {
            id: level.id.get_ref().clone(),
            up_to: level.up_to.as_ref().map(|u| *u.get_ref()),
            name: level.name.get_ref().clone(),
            summary: level.summary.get_ref().clone(),
        });
    }
    for org in &raw.large_orgs {
        if !orgs.iter().any(|o| &o.id == org.get_ref()) {
            return Err(check.fail(
                org.span().start,
                format!(
                    "unknown organisation kind `{}` in large_orgs",
                    org.get_ref()
                ),
                format!(
                    "use one of: {}",
                    orgs.iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(Some(CapitalRule {
        basis: Provenance {
            source: raw.source.clone(),
            assumption: raw.assumption.clone(),
        },
        levels,
        large_orgs: raw.large_orgs.iter().map(|o| o.get_ref().clone()).collect(),
        assumption: raw.assumption.is_some(),
    }))
}

fn percent(
    check: &Checker<'_>,
    value: &Spanned<u32>,
    min: u32,
    max: u32,
    what: &str,
) -> Result<(), DecideError> {
    if (min..=max).contains(value.get_ref()) {
        Ok(())
    } else {
        Err(check.fail(
            value.span().start,
            format!("`{what}` is {}", value.get_ref()),
            format!("use a whole percent from {min} to {max}"),
        ))
    }
}

fn validate_bands(raw: Vec<RawBand>, check: &Checker<'_>) -> Result<Vec<BandRule>, DecideError> {
    let mut bands: Vec<BandRule> = Vec::with_capacity(3);
    let mut previous_up_to: Option<u32> = None;
    let count = raw.len();
    for (index, band) in raw.into_iter().enumerate() {
        let at = band.id.span().start;
        let expected = Band::ALL.get(index).copied();
        if expected != Some(*band.id.get_ref()) {
            return Err(check.fail(
                at,
                format!("band `{}` is out of place", band.id.get_ref()),
                "list exactly three [[band]] tables in the order intact, rebuild, reinvest",
            ));
        }
        let is_last = index + 1 == Band::ALL.len();
        match (&band.up_to, is_last) {
            (None, false) => {
                return Err(check.fail(
                    at,
                    format!("band `{}` has no `up_to`", band.id.get_ref()),
                    "give every band but the last an `up_to`",
                ));
            }
            (Some(up_to), true) => {
                return Err(check.fail(
                    up_to.span().start,
                    "the last band has an `up_to`",
                    "remove it: the last band is open-ended",
                ));
            }
            (Some(up_to), false) => {
                if previous_up_to.is_some_and(|p| *up_to.get_ref() <= p) {
                    return Err(check.fail(
                        up_to.span().start,
                        "`up_to` does not rise from the previous band",
                        "make each band's `up_to` larger than the one before",
                    ));
                }
                previous_up_to = Some(*up_to.get_ref());
            }
            (None, true) => {}
        }
        let ramp = band.ramp_months.get_ref();
        if ramp.low > ramp.high || ramp.high > MAX_RAMP_MONTHS {
            return Err(check.fail(
                band.ramp_months.span().start,
                format!(
                    "ramp_months {}-{} is not a valid range",
                    ramp.low, ramp.high
                ),
                format!("use low <= high <= {MAX_RAMP_MONTHS}"),
            ));
        }
        check.non_blank(&band.name, "name")?;
        check.non_blank(&band.summary, "summary")?;
        check.non_blank(&band.detail, "detail")?;
        bands.push(BandRule {
            basis: Provenance {
                source: band.source,
                assumption: band.assumption,
            },
            band: band.id.into_inner(),
            up_to: band.up_to.map(Spanned::into_inner),
            ramp_months: band.ramp_months.into_inner(),
            ramp_assumption: band.ramp_assumption,
            name: band.name.into_inner(),
            summary: band.summary.into_inner(),
            detail: band.detail.into_inner(),
        });
    }
    if count != Band::ALL.len() {
        return Err(check.fail(
            check.src.len(),
            format!("{count} bands listed"),
            "list exactly three [[band]] tables: intact, rebuild, reinvest",
        ));
    }
    Ok(bands)
}

fn validate_orgs(raw: Vec<RawOrg>, check: &Checker<'_>) -> Result<Vec<OrgRule>, DecideError> {
    if raw.is_empty() {
        return Err(check.fail(
            check.src.len(),
            "no organisation kinds",
            "add at least one [[org]] table",
        ));
    }
    let mut orgs: Vec<OrgRule> = Vec::with_capacity(raw.len());
    for org in raw {
        let id = org.id.get_ref();
        let at = org.id.span().start;
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(check.fail(
                at,
                format!("organisation id `{id}` is not kebab-case"),
                "use lower-case letters, digits and hyphens",
            ));
        }
        if orgs.iter().any(|o| &o.id == id) {
            return Err(check.fail(
                at,
                format!("organisation `{id}` appears twice"),
                "keep one [[org]] table per id",
            ));
        }
        percent(
            check,
            &org.weight_percent,
            1,
            MAX_ORG_WEIGHT,
            "weight_percent",
        )?;
        check.non_blank(&org.name, "name")?;
        check.non_blank(&org.why, "why")?;
        orgs.push(OrgRule {
            basis: Provenance {
                source: org.source.clone(),
                assumption: org.assumption.clone(),
            },
            id: org.id.into_inner(),
            name: org.name.into_inner(),
            weight_percent: org.weight_percent.into_inner(),
            assumption: org.assumption.is_some(),
            why: org.why.into_inner(),
        });
    }
    Ok(orgs)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    schema_version: Spanned<u32>,
    max_months: Spanned<u32>,
    band: Vec<RawBand>,
    org: Vec<RawOrg>,
    side_practice: RawSidePractice,
    strong_technical: RawStrongTechnical,
    organisational_capital: RawCapital,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    id: Spanned<Band>,
    up_to: Option<Spanned<u32>>,
    ramp_months: Spanned<MonthRange>,
    ramp_assumption: bool,
    #[serde(default)]
    assumption: Option<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    detail: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    id: Spanned<String>,
    name: Spanned<String>,
    weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    assumption: Option<String>,
    why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSidePractice {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    assumption: Option<String>,
    why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrongTechnical {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    ramp_weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    assumption: Option<String>,
    why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapital {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    source: Vec<dualtrack_framework::SourceRef>,
    /// Whether the capital levels are (partly) ours.
    #[serde(default)]
    assumption: Option<String>,
    explanation: Spanned<String>,
    #[serde(default)]
    large_orgs: Vec<Spanned<String>>,
    #[serde(default)]
    level: Vec<RawCapitalLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCapitalLevel {
    id: Spanned<String>,
    up_to: Option<Spanned<u32>>,
    name: Spanned<String>,
    summary: Spanned<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!model.org("enterprise").unwrap().assumption);
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
