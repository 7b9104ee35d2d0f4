//! The rules of the switch-back model, as validated from `data/switchback.toml`.

use dualtrack_framework::Provenance;
use serde::{Deserialize, Serialize};

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
