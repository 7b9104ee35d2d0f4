//! Which plan the user asked for.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DecideError;

/// A plan: one of the three leadership transitions, or the management trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    IcToManager,
    ManagerToDirector,
    DirectorToVp,
    Trial,
}

impl PlanKind {
    pub const ALL: [PlanKind; 4] = [
        PlanKind::IcToManager,
        PlanKind::ManagerToDirector,
        PlanKind::DirectorToVp,
        PlanKind::Trial,
    ];

    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            PlanKind::IcToManager => "ic-to-manager",
            PlanKind::ManagerToDirector => "manager-to-director",
            PlanKind::DirectorToVp => "director-to-vp",
            PlanKind::Trial => "trial",
        }
    }

    /// All ids, comma-separated, for error messages.
    #[must_use]
    pub fn ids() -> String {
        PlanKind::ALL
            .iter()
            .map(|k| k.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for PlanKind {
    type Err = DecideError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlanKind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .ok_or_else(|| DecideError::UnknownPlan {
                given: s.to_owned(),
                valid: PlanKind::ids(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_unknown_ones_list_the_valid_values() {
        for kind in PlanKind::ALL {
            assert_eq!(kind.id().parse::<PlanKind>().unwrap(), kind);
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.id());
        }
        let err = "vp-to-ceo".parse::<PlanKind>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown plan `vp-to-ceo`; valid values: ic-to-manager, manager-to-director, director-to-vp, trial"
        );
    }
}
