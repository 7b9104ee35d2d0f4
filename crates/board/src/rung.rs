//! Tracks and the canonical rung ids the board speaks in.
//!
//! The full ladder (titles, scopes, equivalences) belongs to `dualtrack-framework`; the board
//! only needs the ids and their order to check listings and to say whether a company's IC
//! ladder reaches past Staff.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// IC rung ids, bottom to top.
pub const IC_RUNGS: [&str; 6] = [
    "engineer",
    "senior_engineer",
    "staff_engineer",
    "senior_staff_engineer",
    "principal_engineer",
    "distinguished_engineer",
];

/// Management rung ids, bottom to top.
pub const MANAGEMENT_RUNGS: [&str; 6] = [
    "tech_lead",
    "manager",
    "senior_manager",
    "director",
    "senior_director",
    "vp_engineering",
];

/// The rung a ladder must pass for the board to call it mature.
const STAFF: &str = "staff_engineer";

/// The two career tracks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    Ic,
    Management,
}

impl Track {
    /// Both tracks, IC first.
    pub const ALL: [Track; 2] = [Track::Ic, Track::Management];

    /// The wire and database spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Management => "management",
        }
    }

    /// Rung ids of this track, bottom to top.
    #[must_use]
    pub fn rungs(self) -> &'static [&'static str] {
        match self {
            Track::Ic => &IC_RUNGS,
            Track::Management => &MANAGEMENT_RUNGS,
        }
    }

    /// Whether `rung` is a canonical rung of this track.
    #[must_use]
    pub fn has_rung(self, rung: &str) -> bool {
        self.rungs().contains(&rung)
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Track {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<Self, StoreError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ic" => Ok(Track::Ic),
            "management" => Ok(Track::Management),
            other => Err(StoreError::invalid(format!(
                "unknown track `{other}`; use `ic` or `management`"
            ))),
        }
    }
}

/// True when `rung` is an IC rung above Staff (Senior Staff, Principal, Distinguished):
/// the sign of an IC ladder that does not quietly end where management begins.
#[must_use]
pub fn is_past_staff(rung: &str) -> bool {
    let position = |id: &str| IC_RUNGS.iter().position(|r| *r == id);
    matches!((position(rung), position(STAFF)), (Some(r), Some(s)) if r > s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_staff_means_above_staff_on_the_ic_ladder() {
        assert!(!is_past_staff("senior_engineer"));
        assert!(!is_past_staff("staff_engineer"));
        assert!(is_past_staff("senior_staff_engineer"));
        assert!(is_past_staff("principal_engineer"));
        assert!(is_past_staff("distinguished_engineer"));
        assert!(
            !is_past_staff("director"),
            "management rungs are not IC rungs"
        );
        assert!(!is_past_staff("wizard"));
    }

    #[test]
    fn track_parses_leniently_and_explains_failures() {
        assert_eq!("IC".parse::<Track>().unwrap(), Track::Ic);
        assert_eq!(" management ".parse::<Track>().unwrap(), Track::Management);
        let err = "manager".parse::<Track>().unwrap_err().to_string();
        assert!(err.contains("use `ic` or `management`"), "{err}");
    }

    #[test]
    fn rungs_belong_to_one_track() {
        assert!(Track::Ic.has_rung("staff_engineer"));
        assert!(!Track::Management.has_rung("staff_engineer"));
        assert!(Track::Management.has_rung("vp_engineering"));
    }
}
