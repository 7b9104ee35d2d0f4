//! The track a measured week is closest to, as the analysis names it.
//!
//! Kept here, small and closed, so `Analysis.closest_track` is a value with exactly two
//! spellings rather than a free string; the framework's ids map onto it.

use dualtrack_framework::TrackKind;
use serde::{Deserialize, Serialize};

/// `ic` or `management` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    Ic,
    Management,
}

impl Track {
    /// The JSON spelling.
    pub const fn id(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Management => "management",
        }
    }

    /// "an IC's" / "a manager's", for "looks like ... week".
    pub const fn week_of(self) -> &'static str {
        match self {
            Track::Ic => "an IC's",
            Track::Management => "a manager's",
        }
    }
}

impl From<TrackKind> for Track {
    fn from(kind: TrackKind) -> Self {
        match kind {
            TrackKind::Ic => Track::Ic,
            TrackKind::Management => Track::Management,
        }
    }
}

impl std::fmt::Display for Track {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_framework_ids() {
        assert_eq!(serde_json::to_string(&Track::Ic).unwrap(), "\"ic\"");
        assert_eq!(
            serde_json::to_string(&Some(Track::Management)).unwrap(),
            "\"management\""
        );
        assert_eq!(serde_json::to_string(&None::<Track>).unwrap(), "null");
        for kind in TrackKind::ALL {
            assert_eq!(Track::from(kind).id(), kind.as_str());
        }
    }
}
