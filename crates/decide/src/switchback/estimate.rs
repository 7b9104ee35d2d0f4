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
mod tests {
    use super::*;

    fn model() -> SwitchbackModel {
        SwitchbackModel::embedded().unwrap()
    }

    fn run(months: u32, org: &str, side: bool, strong: bool) -> Estimate {
        model()
            .estimate(&SwitchbackInput {
                months,
                org: org.into(),
                side_practice: side,
                strong_technical: strong,
            })
            .unwrap()
    }

    #[test]
    fn enterprise_band_boundaries_18_19_59_60() {
        for (months, band) in [
            (0, Band::Intact),
            (18, Band::Intact),
            (19, Band::Rebuild),
            (59, Band::Rebuild),
            (60, Band::Reinvest),
            (600, Band::Reinvest),
        ] {
            let e = run(months, "enterprise", false, false);
            assert_eq!(
                (e.effective_months, e.band),
                (months, band),
                "{months} months"
            );
        }
    }

    #[test]
    fn ramp_ranges_follow_the_band() {
        assert_eq!(
            run(18, "enterprise", false, false).ramp_months,
            MonthRange { low: 1, high: 2 }
        );
        assert_eq!(
            run(19, "enterprise", false, false).ramp_months,
            MonthRange { low: 3, high: 6 }
        );
        assert_eq!(
            run(60, "enterprise", false, false).ramp_months,
            MonthRange { low: 6, high: 12 }
        );
    }

    #[test]
    fn fast_orgs_count_each_month_four_times() {
        let e = run(5, "frontier-lab", false, false);
        assert_eq!((e.effective_months, e.band), (20, Band::Rebuild));
        let e = run(4, "infrastructure-heavy", false, false);
        assert_eq!((e.effective_months, e.band), (16, Band::Intact));
        // Six months there feel like two years.
        assert_eq!(run(6, "frontier-lab", false, false).effective_months, 24);
        let e = run(15, "frontier-lab", false, false);
        assert_eq!((e.effective_months, e.band), (60, Band::Reinvest));
        assert_eq!(run(14, "frontier-lab", false, false).band, Band::Rebuild);
        let factor = &e.factors[0];
        assert_eq!(
            (
                factor.id.as_str(),
                factor.effect.as_str(),
                factor.assumption
            ),
            // Regression (issue 12, misreading 5): only the six-month point is stated; the
            // rate beyond it is our extrapolation and is flagged as such.
            ("org_pace", "each month counts x4.00", true)
        );
    }

    #[test]
    fn scale_up_weight_rounds_halves_up() {
        // 12 x 1.5 = 18 (intact); 13 x 1.5 = 19.5 -> 20 (rebuild).
        assert_eq!(run(12, "scale-up", false, false).band, Band::Intact);
        let e = run(13, "scale-up", false, false);
        assert_eq!((e.effective_months, e.band), (20, Band::Rebuild));
        assert!(e.factors[0].assumption);
    }

    #[test]
    fn side_practice_counts_months_at_three_quarters() {
        // 24 x 0.75 = 18: intact, where 24 alone would be rebuild.
        assert_eq!(run(24, "enterprise", false, false).band, Band::Rebuild);
        let e = run(24, "enterprise", true, false);
        assert_eq!((e.effective_months, e.band), (18, Band::Intact));
        assert!(e.factors.iter().any(|f| f.id == "side_practice"
            && f.effect == "effective months x0.75"
            && f.assumption));
        // 25 x 0.75 = 18.75 -> 19: rebuild.
        assert_eq!(run(25, "enterprise", true, false).effective_months, 19);
        // 80 x 0.75 = 60 (reinvest), 79 x 0.75 = 59.25 -> 59 (rebuild).
        assert_eq!(run(80, "enterprise", true, false).band, Band::Reinvest);
        assert_eq!(run(79, "enterprise", true, false).band, Band::Rebuild);
        // Frontier lab: 6 x 4 x 0.75 = 18, intact; 7 -> 21, rebuild.
        assert_eq!(run(6, "frontier-lab", true, false).band, Band::Intact);
        assert_eq!(run(7, "frontier-lab", true, false).effective_months, 21);
    }

    #[test]
    fn strong_technical_shortens_the_ramp_not_the_band() {
        let plain = run(30, "enterprise", false, false);
        let strong = run(30, "enterprise", false, true);
        assert_eq!(plain.band, strong.band);
        assert_eq!(plain.effective_months, strong.effective_months);
        // 3 x 0.75 = 2.25 -> 2; 6 x 0.75 = 4.5 -> 5.
        assert_eq!(strong.ramp_months, MonthRange { low: 2, high: 5 });
        let factor = strong
            .factors
            .iter()
            .find(|f| f.id == "strong_technical")
            .unwrap();
        assert_eq!(factor.effect, "ramp-up x0.75: 3-6 months becomes 2-5");
        assert_eq!(
            run(60, "enterprise", false, true).ramp_months,
            MonthRange { low: 5, high: 9 }
        );
    }

    #[test]
    fn factors_list_what_applied_and_always_the_organisational_capital() {
        let ids = |e: &Estimate| e.factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&run(30, "startup", false, false)),
            ["org_pace", "organisational_capital"]
        );
        assert_eq!(
            ids(&run(30, "startup", true, true)),
            [
                "org_pace",
                "side_practice",
                "strong_technical",
                "organisational_capital"
            ]
        );
    }

    /// Regression (issue 12, misreading 5): organisational capital, 001's mechanism of
    /// reversibility, was only a side note ("not in the numbers"). The estimate now weighs it
    /// by months in the seat, a level deeper at a large organisation, and says it is ours.
    #[test]
    fn organisational_capital_is_weighed_in_the_estimate() {
        let stake = |months, org| {
            let e = run(months, org, false, false);
            let factor = e.factors.last().unwrap().clone();
            assert_eq!(factor.id, "organisational_capital");
            assert!(factor.assumption, "the thresholds are ours");
            let level = e.organisational_capital.unwrap().level;
            assert!(
                factor
                    .effect
                    .contains(&format!("{months} months in the seat"))
            );
            level
        };
        assert_eq!(stake(12, "startup"), "light");
        assert_eq!(stake(13, "startup"), "substantial");
        assert_eq!(stake(36, "scale-up"), "substantial");
        assert_eq!(stake(37, "frontier-lab"), "deep");
        // 001 describes a large company: one level deeper there.
        assert_eq!(stake(12, "enterprise"), "substantial");
        assert_eq!(stake(37, "enterprise"), "deep");
        // Capital does not change the skills estimate.
        let e = run(12, "enterprise", false, false);
        assert_eq!((e.effective_months, e.band), (12, Band::Intact));
    }

    /// Regression (issue 12, misreading 5): the seeds' own points must come out exactly,
    /// whatever we extrapolate between them: 18 months out is intact; three years needs a
    /// 3-6 month rebuild; past five years needs real investment; six months at a frontier lab
    /// is like two years; a strong engineer recovers in months, not years.
    #[test]
    fn the_seeds_stated_points_are_exact() {
        let e = run(18, "enterprise", false, false);
        assert_eq!(e.band, Band::Intact);
        let e = run(36, "enterprise", false, false);
        assert_eq!(
            (e.band, e.ramp_months),
            (Band::Rebuild, MonthRange { low: 3, high: 6 })
        );
        assert_eq!(run(61, "enterprise", false, false).band, Band::Reinvest);
        assert_eq!(run(6, "frontier-lab", false, false).effective_months, 24);
        assert_eq!(
            run(6, "infrastructure-heavy", false, false).effective_months,
            24
        );
        let e = run(600, "frontier-lab", false, true);
        assert!(
            e.ramp_months.high < 12,
            "months, not years: {:?}",
            e.ramp_months
        );
    }

    #[test]
    fn hints_are_computed_from_the_same_rules() {
        let e = run(24, "enterprise", false, false);
        assert_eq!(
            e.hints,
            [
                "A side technical practice kept throughout would bring this to 18 effective months: Skills intact."
            ]
        );
        let e = run(3, "frontier-lab", false, false);
        assert_eq!(
            e.hints,
            ["At this organisation, skills stay intact up to 4 months in management."]
        );
        assert!(run(200, "enterprise", false, false).hints.is_empty());
    }

    #[test]
    fn longest_stint_within_intact() {
        let m = model();
        assert_eq!(
            m.longest_stint_within(Band::Intact, "enterprise", false)
                .unwrap(),
            Some(18)
        );
        assert_eq!(
            m.longest_stint_within(Band::Intact, "frontier-lab", false)
                .unwrap(),
            Some(4)
        );
        assert_eq!(
            m.longest_stint_within(Band::Intact, "frontier-lab", true)
                .unwrap(),
            Some(6)
        );
        assert_eq!(
            m.longest_stint_within(Band::Reinvest, "enterprise", false)
                .unwrap(),
            Some(600)
        );
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let m = model();
        let input = SwitchbackInput {
            months: 601,
            org: "enterprise".into(),
            side_practice: false,
            strong_technical: false,
        };
        assert!(matches!(
            m.estimate(&input),
            Err(DecideError::MonthsOutOfRange { .. })
        ));
        let input = SwitchbackInput {
            months: 1,
            org: "agency".into(),
            ..input
        };
        assert!(matches!(
            m.estimate(&input),
            Err(DecideError::UnknownOrg { .. })
        ));
    }

    #[test]
    fn json_starts_with_the_contract_fields() {
        let json = serde_json::to_value(run(30, "frontier-lab", false, false)).unwrap();
        assert_eq!(json["band"], "reinvest");
        assert_eq!(json["effective_months"], 120);
        assert_eq!(
            json["ramp_months"],
            serde_json::json!({"low": 6, "high": 12})
        );
        assert_eq!(json["factors"][0]["id"], "org_pace");
        assert!(
            json["factors"][0]["explanation"]
                .as_str()
                .unwrap()
                .contains("two years")
        );
    }
}
