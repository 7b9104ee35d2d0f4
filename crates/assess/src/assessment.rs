//! The result of scoring: the verdict and everything a report needs to explain it.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::content::{Guidance, TextBlock};

pub use dualtrack_framework::Track;

/// How firmly an answer leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    Strong,
    Mild,
}

impl Strength {
    /// The weight used for `leaning`: a strong lean counts double.
    pub fn weight(self) -> u32 {
        match self {
            Strength::Strong => 2,
            Strength::Mild => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Mild => "mild",
        }
    }
}

/// The overall outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Three or more strong IC leans, fewer than three strong management leans.
    Ic,
    /// The mirror image.
    Management,
    /// Three or more strong leans each way.
    Either,
    /// Fewer than three strong leans either way.
    Unclear,
}

impl Verdict {
    /// Strong leans needed before a track counts as chosen.
    pub const THRESHOLD: u32 = 3;

    /// The verdict rule, on its own so that tests and other engines can check it.
    pub fn from_strong(strong: Tally) -> Self {
        match (
            strong.ic >= Self::THRESHOLD,
            strong.management >= Self::THRESHOLD,
        ) {
            (true, false) => Verdict::Ic,
            (false, true) => Verdict::Management,
            (true, true) => Verdict::Either,
            (false, false) => Verdict::Unclear,
        }
    }

    /// How the verdict is named in headings.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ic => "IC track",
            Verdict::Management => "management track",
            Verdict::Either => "either track",
            Verdict::Unclear => "unclear",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ic => "ic",
            Verdict::Management => "management",
            Verdict::Either => "either",
            Verdict::Unclear => "unclear",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A count per track.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Tally {
    pub ic: u32,
    pub management: u32,
}

impl Tally {
    pub fn add(&mut self, track: Track, amount: u32) {
        match track {
            Track::Ic => self.ic += amount,
            Track::Management => self.management += amount,
        }
    }

    /// The track with the larger count; `None` on a tie.
    pub fn larger(self) -> Option<Track> {
        match self.ic.cmp(&self.management) {
            std::cmp::Ordering::Greater => Some(Track::Ic),
            std::cmp::Ordering::Less => Some(Track::Management),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// What one chosen answer suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reading {
    /// Question id.
    pub question: String,
    /// The question's short theme.
    pub theme: String,
    /// Option id.
    pub option: String,
    /// The option as the user saw it.
    pub answer: String,
    /// `null` for an answer that says nothing about the track.
    pub lean: Option<Track>,
    /// `null` exactly when `lean` is.
    pub strength: Option<Strength>,
    /// True for a reason that does not survive scrutiny.
    pub red_flag: bool,
    pub reading: String,
    /// Seed sections the option's reading rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe the reading, where it is our inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A false reason the user picked, why it misleads and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RedFlagNote {
    pub id: String,
    pub answer: String,
    pub why: String,
    pub instead: String,
}

/// A readiness caution raised by an answer under a management verdict (the seed's rule that
/// someone who would put off hard feedback for weeks is not ready to manage yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Caution {
    /// Stable id, e.g. `hard_feedback`.
    pub id: String,
    /// The question and option that raised it.
    pub question: String,
    pub option: String,
    /// The clause the verdict's headline carries.
    pub headline: String,
    pub detail: String,
    /// The skill a management trial should start with.
    pub trial_first: String,
    /// Seed sections this rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// Something to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NextStep {
    /// Stable id: staff_case, grow_ic_reach, practise_management, caution, trial, calendar,
    /// name_reason or retake.
    pub id: String,
    pub title: String,
    pub detail: String,
    /// A dualtrack command that helps, when there is one.
    pub command: Option<String>,
}

/// The scored assessment: one serde type for CLI JSON, the web API, HTML and the decision
/// report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    pub verdict: Verdict,
    /// The side with the higher weighted score (strong = 2, mild = 1); `null` on a tie.
    pub leaning: Option<Track>,
    /// Strong leans per track; each chosen option of a pick-any-number question counts.
    pub strong: Tally,
    /// Mild leans per track.
    pub mild: Tally,
    /// Weighted score per track, the basis of `leaning`.
    pub weighted: Tally,
    /// Ids of the false reasons picked, in questionnaire order.
    pub red_flags: Vec<String>,
    /// IC verdict, reached by leading through technical authority rather than headcount.
    pub staff_path: bool,
    /// Questionnaire title, for report headings.
    pub title: String,
    /// What the verdict means. With a readiness caution, its headline carries the caution too.
    pub summary: TextBlock,
    /// Readiness cautions: only with a management verdict, one per answer that raises one
    /// (today: putting off hard feedback for weeks). Empty otherwise.
    #[serde(default)]
    pub cautions: Vec<Caution>,
    /// What the Staff+ path means; present exactly when `staff_path` is true.
    pub staff_path_note: Option<TextBlock>,
    /// One reading per chosen option, in questionnaire order.
    pub readings: Vec<Reading>,
    /// One note per red flag, in the order of `red_flags`.
    pub red_flag_notes: Vec<RedFlagNote>,
    pub next_steps: Vec<NextStep>,
    pub guidance: Guidance,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_rule_at_the_threshold() {
        let v = |ic, management| Verdict::from_strong(Tally { ic, management });
        assert_eq!(v(3, 0), Verdict::Ic);
        assert_eq!(v(3, 2), Verdict::Ic);
        assert_eq!(v(0, 3), Verdict::Management);
        assert_eq!(v(2, 4), Verdict::Management);
        assert_eq!(v(3, 3), Verdict::Either);
        assert_eq!(v(2, 2), Verdict::Unclear);
        assert_eq!(v(0, 0), Verdict::Unclear);
    }

    #[test]
    fn larger_side_or_tie() {
        assert_eq!(
            Tally {
                ic: 2,
                management: 1
            }
            .larger(),
            Some(Track::Ic)
        );
        assert_eq!(
            Tally {
                ic: 0,
                management: 1
            }
            .larger(),
            Some(Track::Management)
        );
        assert_eq!(
            Tally {
                ic: 4,
                management: 4
            }
            .larger(),
            None
        );
    }

    #[test]
    fn enums_serialise_as_lowercase_ids() {
        assert_eq!(serde_json::to_value(Verdict::Unclear).unwrap(), "unclear");
        assert_eq!(
            serde_json::to_value(Track::Management).unwrap(),
            "management"
        );
        assert_eq!(serde_json::to_value(Strength::Mild).unwrap(), "mild");
        assert_eq!(Verdict::Either.to_string(), "either");
        assert_eq!(Track::Ic.to_string(), "ic");
    }
}
