//! Moving up the leadership ladder: what changes at each step and what speeds it up.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One thing that changes in a transition: what you did before, what you do after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub from: String,
    pub to: String,
}

/// A step up the leadership ladder, e.g. `ic_to_manager`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
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
    /// `ic_to_manager`, `manager_to_director` or `director_to_vp` in the built-in data.
    pub id: String,
    /// The level id the step starts from.
    pub from: String,
    /// The level id the step leads to.
    pub to: String,
    pub label: String,
    /// The key shifts in focus.
    #[serde(default)]
    pub shifts: Vec<Shift>,
    /// Advice that applies to this step only.
    #[serde(default)]
    pub accelerators: Vec<String>,
}

/// Advice that applies to every step, phrased differently for each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accelerator {
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
    pub id: String,
    pub name: String,
    /// What the advice looks like at each transition, keyed by transition id.
    pub by_transition: BTreeMap<String, String>,
}
