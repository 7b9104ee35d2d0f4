//! The six activities a working week is split into, and a level's share range for each.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the six activities the leadership ladder allocates time to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Writing code and other hands-on technical work.
    Coding,
    /// 1:1s and people management.
    People,
    /// Meetings with other functions.
    CrossFunctional,
    /// Strategy and planning.
    Strategy,
    /// Hiring and interviewing.
    Hiring,
    /// Work outside the company: talks, writing, recruiting presence.
    External,
}

impl Activity {
    pub const ALL: [Self; 6] = [
        Self::Coding,
        Self::People,
        Self::CrossFunctional,
        Self::Strategy,
        Self::Hiring,
        Self::External,
    ];

    /// The id as written in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coding => "coding",
            Self::People => "people",
            Self::CrossFunctional => "cross_functional",
            Self::Strategy => "strategy",
            Self::Hiring => "hiring",
            Self::External => "external",
        }
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Activity {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Activity {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The share of a week, in percent (0-100), a level typically spends on one activity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityRange {
    pub activity: Activity,
    /// Lower end, percent of the week.
    pub low: f64,
    /// Upper end, percent of the week.
    pub high: f64,
}

impl ActivityRange {
    /// Whether a share (in percent) falls inside the range, ends included.
    pub fn contains(&self, percent: f64) -> bool {
        self.low <= percent && percent <= self.high
    }

    /// The middle of the range, in percent.
    pub fn midpoint(&self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

/// How the data names and explains an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityInfo {
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
    pub id: Activity,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_the_file_format() {
        for a in Activity::ALL {
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.as_str()));
        }
        assert!(Activity::CrossFunctional == "cross_functional");
    }

    #[test]
    fn ranges_include_their_ends() {
        let r = ActivityRange {
            activity: Activity::Coding,
            low: 10.0,
            high: 30.0,
        };
        assert!(r.contains(10.0) && r.contains(30.0) && !r.contains(30.5));
        assert!((r.midpoint() - 20.0).abs() < f64::EPSILON);
    }
}
