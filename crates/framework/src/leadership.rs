//! The leadership ladder (IC, Manager, Director, VP): what each level answers for, its
//! scope, skills and week, and how to move between levels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::activity::{Activity, ActivityInfo, ActivityRange};
use crate::transition::{Accelerator, Transition};

/// How big a level's world is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelScope {
    pub team_size: String,
    pub direct_reports: String,
    pub span: String,
    pub reports_to: String,
    pub planning_horizon: String,
}

/// How each family of skills looks at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skills {
    pub technical: String,
    pub people: String,
    pub communication: String,
    pub strategy: String,
    pub business: String,
}

impl Skills {
    /// The five families as `(name, text)` pairs in a fixed order, for tables.
    pub fn entries(&self) -> [(&'static str, &str); 5] {
        [
            ("Technical", &self.technical),
            ("People", &self.people),
            ("Communication", &self.communication),
            ("Strategy", &self.strategy),
            ("Business", &self.business),
        ]
    }
}

/// One level of the leadership ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
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
    /// `ic`, `manager`, `director` or `vp` in the built-in data.
    pub id: String,
    pub name: String,
    /// The question the level exists to answer.
    pub core_question: String,
    pub primary_focus: String,
    pub scope: LevelScope,
    pub skills: Skills,
    /// One range per activity; every activity appears exactly once.
    pub time_allocation: Vec<ActivityRange>,
}

impl Level {
    /// The range for one activity.
    pub fn allocation(&self, activity: Activity) -> Option<&ActivityRange> {
        self.time_allocation.iter().find(|r| r.activity == activity)
    }
}

/// One row of the IC-versus-management career-path table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareerConsideration {
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
    /// `ceiling`, `satisfaction`, `risk` or `reversibility` in the built-in data.
    pub id: String,
    pub label: String,
    pub ic: String,
    pub management: String,
}

/// The whole leadership ladder document (`data/leadership.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leadership {
    /// Names and descriptions of the six activities.
    pub activities: Vec<ActivityInfo>,
    /// Levels from the first (IC) to the top (VP).
    pub levels: Vec<Level>,
    pub transitions: Vec<Transition>,
    /// Advice that applies to every transition.
    #[serde(default)]
    pub accelerators: Vec<Accelerator>,
    #[serde(default)]
    pub career_paths: Vec<CareerConsideration>,
}

impl Leadership {
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    pub fn transition(&self, id: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.id == id)
    }

    /// The label the data gives an activity, falling back to its id.
    pub fn activity_label(&self, activity: Activity) -> &str {
        self.activities
            .iter()
            .find(|a| a.id == activity)
            .map_or(activity.as_str(), |a| a.label.as_str())
    }

    /// Transitions into or out of a level, in ladder order.
    pub fn transitions_touching(&self, level_id: &str) -> Vec<&Transition> {
        self.transitions
            .iter()
            .filter(|t| t.from == level_id || t.to == level_id)
            .collect()
    }
}
