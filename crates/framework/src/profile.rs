//! The typical shape of a week on each track, as the calendar analysis consumes it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::comparison::Shares;
use crate::track::Track;

/// Percent of a week (0-100) spent in meetings, async work and focus on one track.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TrackProfile {
    pub track: Track,
    pub meetings: f64,
    #[serde(rename = "async")]
    pub async_: f64,
    pub focus: f64,
}

impl TrackProfile {
    pub fn new(track: Track, shares: Shares) -> Self {
        Self {
            track,
            meetings: shares.meetings,
            async_: shares.async_,
            focus: shares.focus,
        }
    }

    /// The same shares as fractions of 1.
    pub fn fractions(&self) -> [f64; 3] {
        [
            self.meetings / 100.0,
            self.async_ / 100.0,
            self.focus / 100.0,
        ]
    }
}
