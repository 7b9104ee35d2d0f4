//! Reading `data/switchback.toml`: its raw shape and the checks that turn it into rules.

use dualtrack_framework::Provenance;
use serde::Deserialize;
use toml::Spanned;

use super::rules::{Band, BandRule, CapitalLevel, CapitalRule, MonthRange, OrgRule};
use crate::error::DecideError;
use crate::source::Checker;

/// Upper bounds that keep the integer arithmetic far from overflow and the data sensible.
pub(super) const MAX_MONTHS_LIMIT: u32 = 1200;
const MAX_ORG_WEIGHT: u32 = 1000;
const MAX_RAMP_MONTHS: u32 = 120;

pub(super) fn validate_capital(
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

pub(super) fn percent(
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

pub(super) fn validate_bands(
    raw: Vec<RawBand>,
    check: &Checker<'_>,
) -> Result<Vec<BandRule>, DecideError> {
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

pub(super) fn validate_orgs(
    raw: Vec<RawOrg>,
    check: &Checker<'_>,
) -> Result<Vec<OrgRule>, DecideError> {
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
pub(super) struct RawModel {
    pub(super) schema_version: Spanned<u32>,
    pub(super) max_months: Spanned<u32>,
    pub(super) band: Vec<RawBand>,
    pub(super) org: Vec<RawOrg>,
    pub(super) side_practice: RawSidePractice,
    pub(super) strong_technical: RawStrongTechnical,
    pub(super) organisational_capital: RawCapital,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    pub(super) source: Vec<dualtrack_framework::SourceRef>,
    pub(super) id: Spanned<Band>,
    pub(super) up_to: Option<Spanned<u32>>,
    pub(super) ramp_months: Spanned<MonthRange>,
    pub(super) ramp_assumption: bool,
    #[serde(default)]
    pub(super) assumption: Option<String>,
    pub(super) name: Spanned<String>,
    pub(super) summary: Spanned<String>,
    pub(super) detail: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOrg {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    pub(super) source: Vec<dualtrack_framework::SourceRef>,
    pub(super) id: Spanned<String>,
    pub(super) name: Spanned<String>,
    pub(super) weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    pub(super) assumption: Option<String>,
    pub(super) why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSidePractice {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    pub(super) source: Vec<dualtrack_framework::SourceRef>,
    pub(super) weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    pub(super) assumption: Option<String>,
    pub(super) why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStrongTechnical {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    pub(super) source: Vec<dualtrack_framework::SourceRef>,
    pub(super) ramp_weight_percent: Spanned<u32>,
    /// Our reasoning, when the parameter is (partly) ours; the public rules keep the bool.
    #[serde(default)]
    pub(super) assumption: Option<String>,
    pub(super) why: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCapital {
    /// Seed sections this rests on; the loader checks it (with `assumption`) on the raw text.
    #[serde(default, deserialize_with = "dualtrack_framework::one_or_many")]
    pub(super) source: Vec<dualtrack_framework::SourceRef>,
    /// Whether the capital levels are (partly) ours.
    #[serde(default)]
    pub(super) assumption: Option<String>,
    pub(super) explanation: Spanned<String>,
    #[serde(default)]
    pub(super) large_orgs: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) level: Vec<RawCapitalLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCapitalLevel {
    pub(super) id: Spanned<String>,
    pub(super) up_to: Option<Spanned<u32>>,
    pub(super) name: Spanned<String>,
    pub(super) summary: Spanned<String>,
}
