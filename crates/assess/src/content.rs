//! The prose around the verdict: verdict texts, next-step texts and guidance, all from data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::Verdict;

/// A headline and a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub headline: String,
    pub detail: String,
}

/// A readiness caution an option carries: with a management verdict, picking the option puts
/// this in the assessment's headline and makes its skill the first thing a trial works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CautionText {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Stable id, shown in JSON.
    pub id: String,
    /// One clause, appended to the verdict's headline.
    pub headline: String,
    pub detail: String,
    /// The skill a management trial should start with, as one sentence.
    pub trial_first: String,
}

/// One text per verdict; all four are required so no verdict can render blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictTexts {
    pub ic: TextBlock,
    pub management: TextBlock,
    pub either: TextBlock,
    pub unclear: TextBlock,
}

impl VerdictTexts {
    pub fn get(&self, verdict: Verdict) -> &TextBlock {
        match verdict {
            Verdict::Ic => &self.ic,
            Verdict::Management => &self.management,
            Verdict::Either => &self.either,
            Verdict::Unclear => &self.unclear,
        }
    }
}

/// What one next step says; the engine decides when it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextStepText {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub title: String,
    pub detail: String,
    /// A dualtrack command that helps with the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

/// Every next step the engine can recommend, by id (the ids appear in JSON output).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextStepTexts {
    pub staff_case: NextStepText,
    pub grow_ic_reach: NextStepText,
    pub practise_management: NextStepText,
    /// `{red_flags}` in its detail is replaced by the labels of the reasons picked.
    pub caution: NextStepText,
    pub trial: NextStepText,
    pub calendar: NextStepText,
    pub name_reason: NextStepText,
    pub retake: NextStepText,
}

/// Guidance printed around every verdict: the real and false signals for moving into
/// management, and the problems that energise each role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub real_signals_title: String,
    pub real_signals: Vec<String>,
    pub false_signals_title: String,
    pub false_signals: Vec<String>,
    pub staff_energisers_title: String,
    pub staff_energisers: Vec<String>,
    pub manager_energisers_title: String,
    pub manager_energisers: Vec<String>,
}

impl Guidance {
    /// The four lists with their titles, in reading order (renderers iterate this).
    pub fn sections(&self) -> [(&str, &[String]); 4] {
        [
            (&self.real_signals_title, &self.real_signals),
            (&self.false_signals_title, &self.false_signals),
            (&self.staff_energisers_title, &self.staff_energisers),
            (&self.manager_energisers_title, &self.manager_energisers),
        ]
    }
}
