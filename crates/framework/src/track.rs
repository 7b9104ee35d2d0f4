//! The two tracks of a dual ladder.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rung::Rung;

/// Which of the two tracks something belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// The individual-contributor track (Staff, Principal, Distinguished).
    Ic,
    /// The management track (Manager, Director, VP).
    Management,
}

impl TrackKind {
    pub const ALL: [Self; 2] = [Self::Ic, Self::Management];

    /// The id as written in files and JSON: `ic` or `management`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ic => "ic",
            Self::Management => "management",
        }
    }

    /// A label for people: `IC` or `Management`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ic => "IC",
            Self::Management => "Management",
        }
    }

    /// The track's name inside a sentence: `IC` or `management`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Ic => "IC",
            Self::Management => "management",
        }
    }

    /// The other track.
    pub fn other(self) -> Self {
        match self {
            Self::Ic => Self::Management,
            Self::Management => Self::Ic,
        }
    }
}

impl fmt::Display for TrackKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// Callers holding JSON or form input compare with plain strings; spare them a parse.
impl PartialEq<str> for TrackKind {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for TrackKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One track of a ladder: its rungs from the first to the top.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
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
    /// `ic` or `management`; each may appear once per ladder.
    pub id: TrackKind,
    /// What the organisation calls this track, e.g. "Individual contributor".
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The rungs in ascending order: the first is the entry rung, the last the top.
    #[serde(default)]
    pub rungs: Vec<Rung>,
}

impl Track {
    /// The rung with this id, if it is on this track.
    pub fn rung(&self, id: &str) -> Option<&Rung> {
        self.rungs.iter().find(|r| r.id == id)
    }

    /// The 0-based position of a rung on this track (its height).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.rungs.iter().position(|r| r.id == id)
    }

    /// The top rung, if the track has any.
    pub fn top(&self) -> Option<&Rung> {
        self.rungs.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_kind_compares_with_strings_and_round_trips() {
        assert!(TrackKind::Ic == "ic");
        assert!(TrackKind::Management != "ic");
        assert_eq!(TrackKind::Ic.other(), TrackKind::Management);
        let json = serde_json::to_string(&TrackKind::Management).unwrap();
        assert_eq!(json, "\"management\"");
    }
}
