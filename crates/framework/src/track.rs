//! The two tracks of a dual ladder.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rung::Rung;

/// Which of the two tracks something belongs to: the one vocabulary every crate uses.
///
/// `ic` / `management` in files, JSON, URLs and the database. The wording for people comes from
/// the methods below, so that every shell names a track the same way.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// The individual-contributor track (Staff, Principal, Distinguished).
    Ic,
    /// The management track (Manager, Director, VP).
    Management,
}

impl Track {
    /// Both tracks, IC first.
    pub const ALL: [Self; 2] = [Self::Ic, Self::Management];

    /// The id as written in files, JSON and URLs: `ic` or `management`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ic => "ic",
            Self::Management => "management",
        }
    }

    /// A label for a heading or a column: `IC` or `Management`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Ic => "IC",
            Self::Management => "Management",
        }
    }

    /// The track's name inside a sentence: `IC` or `management` ("the management track").
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            Self::Ic => "IC",
            Self::Management => "management",
        }
    }

    /// Someone on the track: `IC` or `manager` ("a typical manager week").
    #[must_use]
    pub const fn person(self) -> &'static str {
        match self {
            Self::Ic => "IC",
            Self::Management => "manager",
        }
    }

    /// Whose week a measured week looks like: "an IC's" or "a manager's".
    #[must_use]
    pub const fn week_of(self) -> &'static str {
        match self {
            Self::Ic => "an IC's",
            Self::Management => "a manager's",
        }
    }

    /// The other track.
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Ic => Self::Management,
            Self::Management => Self::Ic,
        }
    }

    /// The track with this exact id (`ic`, `management`); `None` for anything else.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == id)
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A track id that is neither `ic` nor `management`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a track: use `ic` or `management`")]
pub struct UnknownTrack(pub String);

impl FromStr for Track {
    type Err = UnknownTrack;

    /// Accepts the id in any case and with surrounding spaces, as people type it.
    fn from_str(text: &str) -> Result<Self, UnknownTrack> {
        Self::from_id(&text.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownTrack(text.to_owned()))
    }
}

// Callers holding JSON or form input compare with plain strings; spare them a parse.
impl PartialEq<str> for Track {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Track {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One track of a ladder: its rungs from the first to the top.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LadderTrack {
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
    pub id: Track,
    /// What the organisation calls this track, e.g. "Individual contributor".
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The rungs in ascending order: the first is the entry rung, the last the top.
    #[serde(default)]
    pub rungs: Vec<Rung>,
}

impl LadderTrack {
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
        assert!(Track::Ic == "ic");
        assert!(Track::Management != "ic");
        assert_eq!(Track::Ic.other(), Track::Management);
        let json = serde_json::to_string(&Track::Management).unwrap();
        assert_eq!(json, "\"management\"");
        for track in Track::ALL {
            assert_eq!(Track::from_id(track.as_str()), Some(track));
            assert_eq!(track.as_str().parse::<Track>(), Ok(track));
            assert_eq!(track.other().other(), track);
        }
        assert_eq!(" IC ".parse::<Track>(), Ok(Track::Ic));
        assert_eq!(Track::from_id("IC"), None);
        assert!(
            "manager"
                .parse::<Track>()
                .unwrap_err()
                .to_string()
                .contains("`ic` or `management`")
        );
    }
}
