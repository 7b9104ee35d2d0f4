//! One rung of a ladder and the small value types that describe it.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::company::{Authority, Confidence, MapsTo, PayBand};

/// How far a rung's responsibility reaches. Ordered from narrowest to widest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// One team.
    Team,
    /// Several teams.
    MultiTeam,
    /// An organisation or domain made of many teams.
    Org,
    /// The whole company.
    Company,
    /// A whole function (all of engineering).
    Function,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Team => "team",
            Self::MultiTeam => "multi-team",
            Self::Org => "org",
            Self::Company => "company",
            Self::Function => "function",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An inclusive range of whole numbers, e.g. direct reports `{ low = 4, high = 8 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountRange {
    pub low: u32,
    pub high: u32,
}

impl CountRange {
    pub fn contains(&self, n: u32) -> bool {
        self.low <= n && n <= self.high
    }
}

impl fmt::Display for CountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low == self.high {
            write!(f, "{}", self.low)
        } else {
            write!(f, "{}-{}", self.low, self.high)
        }
    }
}

/// One rung. The reference ladder fills the descriptive fields; a company ladder adds how
/// its rung maps onto the reference ladder, and optionally pay and authority for the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see [`crate::Provenance`]).
    #[serde(
        default,
        deserialize_with = "crate::provenance::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<crate::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Unique within the ladder (both tracks), lowercase with underscores by convention.
    pub id: String,
    /// The title people hold, e.g. "Staff Engineer".
    pub title: String,
    pub scope: Scope,
    /// One or two sentences on what the role is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The organisation's level label, e.g. "L6" or "MTS 3".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Direct reports the role usually has (management rungs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<CountRange>,
    /// The leadership-ladder level (`ic`, `manager`, `director`, `vp`) whose skills and time
    /// allocation describe this rung in generated guides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leadership_level: Option<String>,
    /// What the role is accountable for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<String>,
    /// What someone needs to be good at to hold the role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// The reference rung (or `[low, high]` range of reference rungs) this rung matches.
    /// Only needed when `id` is not itself a reference rung id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maps_to: Option<MapsTo>,
    /// How sure the mapping is; `high` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Where the mapping comes from (a published ladder, a recruiter, an estimate). Called
    /// `source` before provenance took that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<PayBand>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
}

impl Rung {
    /// A minimal rung, for building ladders in code and tests.
    pub fn new(id: &str, title: &str, scope: Scope) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            scope,
            summary: String::new(),
            level: None,
            reports: None,
            leadership_level: None,
            responsibilities: Vec::new(),
            skills: Vec::new(),
            maps_to: None,
            confidence: None,
            mapping_note: None,
            source: Vec::new(),
            assumption: None,
            pay: None,
            authority: None,
        }
    }

    /// The confidence of the mapping, defaulting to high when none is stated.
    pub fn mapping_confidence(&self) -> Confidence {
        self.confidence.unwrap_or(Confidence::High)
    }

    /// Whether the rung's title or id reads as an id, title or level label `query`
    /// (case-insensitive, surrounding space ignored).
    pub fn answers_to(&self, query: &str) -> bool {
        let q = query.trim();
        self.id.eq_ignore_ascii_case(q)
            || self.title.eq_ignore_ascii_case(q)
            || self
                .level
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_order_from_team_to_function() {
        assert!(Scope::Team < Scope::MultiTeam);
        assert!(Scope::Org < Scope::Company);
        assert!(Scope::Company < Scope::Function);
        assert_eq!(
            serde_json::to_string(&Scope::MultiTeam).unwrap(),
            "\"multi-team\""
        );
    }

    #[test]
    fn a_rung_answers_to_its_id_title_and_level() {
        let mut r = Rung::new("swe_l6", "Staff Software Engineer", Scope::MultiTeam);
        r.level = Some("L6".into());
        assert!(r.answers_to("swe_l6"));
        assert!(r.answers_to(" staff software engineer "));
        assert!(r.answers_to("l6"));
        assert!(!r.answers_to("L7"));
    }

    #[test]
    fn count_range_displays_compactly() {
        assert_eq!(CountRange { low: 4, high: 8 }.to_string(), "4-8");
        assert_eq!(CountRange { low: 0, high: 0 }.to_string(), "0");
        assert!(CountRange { low: 4, high: 8 }.contains(8));
        assert!(!CountRange { low: 4, high: 8 }.contains(9));
    }
}
