//! The two tracks, as every part of the decide engine names them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A career track. Serialised as `ic` / `management`, like the assessment and calendar output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    Ic,
    Management,
}

impl Track {
    /// Both tracks, IC first.
    pub const ALL: [Track; 2] = [Track::Ic, Track::Management];

    /// The id used in data files, JSON and the command line.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Management => "management",
        }
    }

    /// A short human label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Track::Ic => "IC",
            Track::Management => "management",
        }
    }

    /// The noun for someone on the track: "IC" / "manager" (as in "a typical manager week").
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            Track::Ic => "IC",
            Track::Management => "manager",
        }
    }

    /// The other track.
    #[must_use]
    pub const fn other(self) -> Track {
        match self {
            Track::Ic => Track::Management,
            Track::Management => Track::Ic,
        }
    }

    /// Parse a track id (`ic`, `management`); `None` for anything else.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Track> {
        Track::ALL.into_iter().find(|t| t.id() == id)
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_serde_and_from_id() {
        for track in Track::ALL {
            let json = serde_json::to_string(&track).unwrap();
            assert_eq!(json, format!("\"{}\"", track.id()));
            assert_eq!(Track::from_id(track.id()), Some(track));
            assert_eq!(track.other().other(), track);
        }
        assert_eq!(Track::from_id("IC"), None);
    }
}
