//! Which move the trial tests.

use std::fmt;
use std::str::FromStr;

use dualtrack_assess::Track;
use serde::{Deserialize, Serialize};

/// The move being tried. The first three are the ones the seeds discuss; the last two are the
/// other leadership transitions that `dualtrack-decide` has plans for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrialKind {
    IcToManager,
    ManagerToIc,
    IcToStaffScope,
    ManagerToDirector,
    DirectorToVp,
}

impl TrialKind {
    pub const ALL: [TrialKind; 5] = [
        TrialKind::IcToManager,
        TrialKind::ManagerToIc,
        TrialKind::IcToStaffScope,
        TrialKind::ManagerToDirector,
        TrialKind::DirectorToVp,
    ];

    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            TrialKind::IcToManager => "ic-to-manager",
            TrialKind::ManagerToIc => "manager-to-ic",
            TrialKind::IcToStaffScope => "ic-to-staff-scope",
            TrialKind::ManagerToDirector => "manager-to-director",
            TrialKind::DirectorToVp => "director-to-vp",
        }
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            TrialKind::IcToManager => "IC to manager",
            TrialKind::ManagerToIc => "Manager back to IC",
            TrialKind::IcToStaffScope => "IC to Staff-scope work",
            TrialKind::ManagerToDirector => "Manager to director",
            TrialKind::DirectorToVp => "Director to VP",
        }
    }

    /// The track whose work the trial tries out: signals leaning this way count as "towards".
    #[must_use]
    pub const fn trialled_track(self) -> Track {
        match self {
            TrialKind::ManagerToIc | TrialKind::IcToStaffScope => Track::Ic,
            TrialKind::IcToManager | TrialKind::ManagerToDirector | TrialKind::DirectorToVp => {
                Track::Management
            }
        }
    }

    /// The leadership level (framework `leadership.toml` id) whose time allocation the calendar
    /// is compared with during the trial.
    #[must_use]
    pub const fn target_level(self) -> &'static str {
        match self {
            TrialKind::IcToManager => "manager",
            TrialKind::ManagerToIc | TrialKind::IcToStaffScope => "ic",
            TrialKind::ManagerToDirector => "director",
            TrialKind::DirectorToVp => "vp",
        }
    }

    /// Whether time in this trial counts as time away from hands-on IC work, so the switch-back
    /// estimate applies.
    #[must_use]
    pub const fn away_from_ic(self) -> bool {
        matches!(self.trialled_track(), Track::Management)
    }

    /// All ids, comma-separated, for error messages.
    #[must_use]
    pub fn ids() -> String {
        TrialKind::ALL.map(TrialKind::id).join(", ")
    }
}

impl fmt::Display for TrialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for TrialKind {
    type Err = String;

    /// The error is the sentence to show after the location.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TrialKind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .ok_or_else(|| {
                format!(
                    "unknown trial kind `{s}`, expected one of {}",
                    TrialKind::ids()
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_ones_list_the_valid_values() {
        for kind in TrialKind::ALL {
            assert_eq!(kind.id().parse::<TrialKind>().unwrap(), kind);
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.id());
        }
        let err = "ic-to-ceo".parse::<TrialKind>().unwrap_err();
        assert!(err.contains("ic-to-manager, manager-to-ic, ic-to-staff-scope"));
    }

    #[test]
    fn only_moves_away_from_hands_on_work_have_a_switch_back_cost() {
        assert!(TrialKind::IcToManager.away_from_ic());
        assert!(!TrialKind::ManagerToIc.away_from_ic());
        assert!(!TrialKind::IcToStaffScope.away_from_ic());
    }
}
