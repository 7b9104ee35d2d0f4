//! The IC-versus-management comparison: nine dimensions of the two jobs, one of which (the
//! shape of the calendar) carries numbers the calendar analysis compares against.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::track::Track;

/// Percent of a working week in meetings, asynchronous work and focus time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shares {
    pub meetings: f64,
    #[serde(rename = "async")]
    pub async_: f64,
    pub focus: f64,
}

impl Shares {
    pub fn total(&self) -> f64 {
        self.meetings + self.async_ + self.focus
    }
}

/// The calendar shares of both tracks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackShares {
    pub ic: Shares,
    pub management: Shares,
}

/// One dimension along which the two tracks differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
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
    /// e.g. `day_to_day`, `calendar_shape`, `recovery_if_wrong`.
    pub id: String,
    pub label: String,
    /// How the dimension looks on the IC track.
    pub ic: String,
    /// How it looks on the management track.
    pub management: String,
    /// Numbers behind the text; required on `calendar_shape`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<TrackShares>,
}

impl Dimension {
    /// The text for one track.
    pub fn on(&self, track: Track) -> &str {
        match track {
            Track::Ic => &self.ic,
            Track::Management => &self.management,
        }
    }
}

/// The whole comparison document (`data/comparison.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub dimensions: Vec<Dimension>,
}

/// The id of the dimension whose shares define the track profiles.
pub const CALENDAR_SHAPE: &str = "calendar_shape";

impl Comparison {
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The calendar shares of both tracks (validation guarantees they exist).
    pub fn calendar_shape(&self) -> Option<&TrackShares> {
        self.dimension(CALENDAR_SHAPE)
            .and_then(|d| d.shares.as_ref())
    }
}
