//! The switch-back estimate: months in management -> band, effective months, ramp-up range.

use dualtrack_framework::Provenance;
use serde::Serialize;

use super::model::SwitchbackModel;
use super::rules::{Band, BandRule, MonthRange};
use crate::error::DecideError;

/// What the estimate is asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchbackInput {
    /// Calendar months spent on the management track.
    pub months: u32,
    /// An organisation kind id from the model (`startup`, `frontier-lab`, ...).
    pub org: String,
    /// A side technical practice was kept throughout.
    pub side_practice: bool,
    /// The person was strong technically before moving into management.
    pub strong_technical: bool,
}

/// One thing that moved the estimate, or that the number leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Factor {
    /// `org_pace`, `side_practice`, `strong_technical` or `organisational_capital`.
    pub id: String,
    /// The factor in words, for people ("The organisation's pace").
    pub label: String,
    /// What it did to the numbers, in a few words (`each month counts x4.00`).
    pub effect: String,
    /// Why, in a sentence or two.
    pub explanation: String,
    /// True when the rule is our own assumption rather than a seed fact.
    pub assumption: bool,
    /// Where the rule comes from: seed sections, our assumption with its reason, or both.
    pub basis: Provenance,
}

/// The result. Field order follows the JSON contract: band, effective_months, ramp_months, factors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Estimate {
    pub band: Band,
    pub effective_months: u32,
    pub ramp_months: MonthRange,
    pub factors: Vec<Factor>,
    /// The input, echoed so a saved result explains itself.
    pub months: u32,
    pub org: String,
    /// The organisation kind in words, with its article: "an enterprise", "a frontier AI lab".
    pub org_phrase: String,
    pub side_practice: bool,
    pub strong_technical: bool,
    /// The band's name, summary and detail from the model.
    pub band_name: String,
    pub summary: String,
    pub detail: String,
    /// Computed alternatives worth knowing (e.g. what a side practice would change).
    pub hints: Vec<String>,
    /// Where the estimate goes beyond what its sources measured, said plainly.
    pub caveats: Vec<String>,
    /// Where the band's threshold and ramp-up range come from.
    pub band_basis: Provenance,
    /// What a return leaves behind that skills do not measure (001: organisational position);
    /// `null` when the model file gives no capital levels.
    pub organisational_capital: Option<CapitalStake>,
}

/// The organisational capital at stake in a return to IC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapitalStake {
    /// Level id from the model: `light`, `substantial` or `deep` in the embedded model.
    pub level: String,
    pub name: String,
    /// The organisation kind is one where the stake runs a level deeper.
    pub large_org: bool,
    pub summary: String,
    /// True when the levels are our assumption rather than a seed fact.
    pub assumption: bool,
    /// Where the levels come from.
    pub basis: Provenance,
}

impl SwitchbackModel {
    /// Effective months: months x org weight x side-practice weight, rounded halves up.
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`] when `org` is not in the model.
    pub fn effective_months(
        &self,
        months: u32,
        org: &str,
        side_practice: bool,
    ) -> Result<u32, DecideError> {
        let org_weight = u64::from(self.org(org)?.weight_percent);
        let side_weight = if side_practice {
            u64::from(self.side_practice.weight_percent)
        } else {
            100
        };
        // Percent x percent: divide by 10 000, adding half the divisor first to round halves up.
        let scaled = u64::from(months) * org_weight * side_weight;
        let rounded = (scaled + 5_000) / 10_000;
        Ok(u32::try_from(rounded).unwrap_or(u32::MAX))
    }

    /// The band a number of effective months falls in.
    #[must_use]
    pub fn band_for(&self, effective_months: u32) -> Option<&BandRule> {
        self.bands
            .iter()
            .find(|b| b.up_to.is_none_or(|up_to| effective_months <= up_to))
    }

    /// The longest stint (in calendar months, up to `max_months`) that stays within `band` or an
    /// easier one at this organisation. `None` when even zero months would not.
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`].
    pub fn longest_stint_within(
        &self,
        band: Band,
        org: &str,
        side_practice: bool,
    ) -> Result<Option<u32>, DecideError> {
        let mut longest = None;
        // Effective months never fall as months rise, so stop at the first month past the band.
        for months in 0..=self.max_months {
            let effective = self.effective_months(months, org, side_practice)?;
            match self.band_for(effective) {
                Some(rule) if rule.band <= band => longest = Some(months),
                _ => break,
            }
        }
        Ok(longest)
    }

    /// Estimate the return to IC.
    ///
    /// # Errors
    /// [`DecideError::UnknownOrg`], or [`DecideError::MonthsOutOfRange`] past `max_months`.
    pub fn estimate(&self, input: &SwitchbackInput) -> Result<Estimate, DecideError> {
        let months = self.check_months(i64::from(input.months))?;
        let org = self.org(&input.org)?;
        let effective = self.effective_months(months, &org.id, input.side_practice)?;
        let rule = self.rule_for(effective)?;
        let mut ramp = rule.ramp_months;

        let mut factors = vec![Factor {
            id: "org_pace".into(),
            label: "The organisation's pace".into(),
            effect: format!("each month counts x{}", weight(org.weight_percent)),
            explanation: format!("{}. {}", org.name, org.why),
            assumption: org.assumption,
            basis: org.basis.clone(),
        }];
        if input.side_practice {
            let side = &self.side_practice;
            factors.push(Factor {
                id: "side_practice".into(),
                label: "A technical side practice".into(),
                effect: format!("effective months x{}", weight(side.weight_percent)),
                explanation: side.why.clone(),
                assumption: side.assumption,
                basis: side.basis.clone(),
            });
        }
        if input.strong_technical {
            let strong = &self.strong_technical;
            let before = ramp;
            ramp = scale_range(ramp, strong.ramp_weight_percent);
            factors.push(Factor {
                id: "strong_technical".into(),
                label: "A strong technical record".into(),
                effect: format!(
                    "ramp-up x{}: {}-{} months becomes {}-{}",
                    weight(strong.ramp_weight_percent),
                    before.low,
                    before.high,
                    ramp.low,
                    ramp.high
                ),
                explanation: strong.why.clone(),
                assumption: strong.assumption,
                basis: strong.basis.clone(),
            });
        }
        // 001's mechanism of reversibility: skills come back, position does not. It is weighed
        // by calendar months in the seat (position builds with time, not with the pace of the
        // technology) and kept last among the factors, as the JSON contract promises.
        let capital = self.capital_stake(months, &org.id);
        factors.push(match &capital {
            Some(stake) => Factor {
                id: "organisational_capital".into(),
                label: "Organisational capital".into(),
                effect: format!(
                    "{} stake: {} months in the seat{}",
                    stake.name,
                    months,
                    if stake.large_org {
                        ", at a large organisation"
                    } else {
                        ""
                    }
                ),
                explanation: format!("{} {}", stake.summary, self.organisational_capital),
                assumption: stake.assumption,
                basis: stake.basis.clone(),
            },
            None => Factor {
                id: "organisational_capital".into(),
                label: "Organisational capital".into(),
                effect: "not in the numbers".into(),
                explanation: self.organisational_capital.clone(),
                assumption: false,
                basis: Provenance::default(),
            },
        });

        let hints = self.hints(months, &org.id, input.side_practice, rule.band)?;
        let caveats = self.beyond_the_sources(effective).into_iter().collect();
        Ok(Estimate {
            band: rule.band,
            effective_months: effective,
            ramp_months: ramp,
            factors,
            months,
            org: org.id.clone(),
            org_phrase: self.org_phrase(&org.id),
            side_practice: input.side_practice,
            strong_technical: input.strong_technical,
            band_name: rule.name.clone(),
            summary: rule.summary.clone(),
            detail: rule.detail.clone(),
            hints,
            caveats,
            band_basis: rule.basis.clone(),
            organisational_capital: capital,
        })
    }

    /// A caveat when the effective months run far past the last threshold the seeds give: they
    /// say a return after it is possible with real investment, and measure nothing longer.
    /// "Far past" is twice that threshold, our own line.
    fn beyond_the_sources(&self, effective: u32) -> Option<String> {
        let last_threshold = self.bands.iter().filter_map(|b| b.up_to).max()? + 1;
        (effective > 2 * last_threshold).then(|| {
            format!(
                "This is far past what the sources measured: they describe returns after about \
                 {} years only as possible with real investment, and nothing longer. At {} \
                 effective months, read the ramp-up as a lower bound, not an estimate.",
                last_threshold / 12,
                effective
            )
        })
    }

    /// The organisation kind in words, with its article ("an enterprise", "a frontier AI
    /// lab"), for sentences; an id the model does not know is given as it is.
    #[must_use]
    pub fn org_phrase(&self, org: &str) -> String {
        let name = self
            .org(org)
            .map_or_else(|_| org.to_owned(), |o| lower_first(&o.name));
        with_article(&name)
    }

    /// The organisational capital a return leaves behind, when the model weighs it.
    #[must_use]
    pub fn capital_stake(&self, months: u32, org: &str) -> Option<CapitalStake> {
        let rule = self.capital.as_ref()?;
        let by_months = rule
            .levels
            .iter()
            .position(|l| l.up_to.is_none_or(|up_to| months <= up_to))?;
        let large_org = rule.large_orgs.iter().any(|o| o == org);
        let index = if large_org {
            (by_months + 1).min(rule.levels.len() - 1)
        } else {
            by_months
        };
        let level = &rule.levels[index];
        Some(CapitalStake {
            level: level.id.clone(),
            name: level.name.clone(),
            large_org,
            summary: level.summary.clone(),
            assumption: rule.assumption,
            basis: rule.basis.clone(),
        })
    }

    fn rule_for(&self, effective: u32) -> Result<&BandRule, DecideError> {
        // Validation guarantees an open-ended last band, so this always finds one.
        self.band_for(effective)
            .ok_or_else(|| DecideError::BrokenModel {
                message: "its last band has an `up_to`, so some months fall in no band".into(),
            })
    }

    /// Computed "what would change it" notes, each traceable to the same rules.
    fn hints(
        &self,
        months: u32,
        org: &str,
        side_practice: bool,
        band: Band,
    ) -> Result<Vec<String>, DecideError> {
        let mut hints = Vec::new();
        if !side_practice {
            let with = self.effective_months(months, org, true)?;
            if let Some(rule) = self.band_for(with).filter(|r| r.band < band) {
                hints.push(format!(
                    "A side technical practice kept throughout would bring this to {with} effective months: {}.",
                    rule.name
                ));
            }
        }
        if band == Band::Intact
            && let Some(longest) = self.longest_stint_within(Band::Intact, org, side_practice)?
            && longest > months
            && longest < self.max_months
        {
            hints.push(format!(
                "At this organisation, skills stay intact up to {longest} months in management{}.",
                if side_practice {
                    " with the side practice"
                } else {
                    ""
                }
            ));
        }
        Ok(hints)
    }
}

/// "Frontier AI lab" -> "frontier AI lab": a name inside a sentence.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// "an enterprise", "a startup": the article English puts before a kind of organisation.
fn with_article(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

/// A percent weight as a multiplier (`400` -> `4.00`).
fn weight(percent: u32) -> String {
    format!("{}.{:02}", percent / 100, percent % 100)
}

/// Scale both ends of a range by a percent, rounding halves up, keeping low <= high.
fn scale_range(range: MonthRange, percent: u32) -> MonthRange {
    let scale = |m: u32| (u64::from(m) * u64::from(percent) + 50) / 100;
    let low = u32::try_from(scale(range.low)).unwrap_or(u32::MAX);
    let high = u32::try_from(scale(range.high)).unwrap_or(u32::MAX);
    MonthRange {
        low,
        high: high.max(low),
    }
}

#[cfg(test)]
mod tests;
