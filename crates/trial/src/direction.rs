//! Which way a piece of evidence points, relative to the track being trialled.

use serde::{Deserialize, Serialize};

/// How far one side must outweigh the other, as a share of the leaning answers, before the
/// evidence is said to point anywhere. Our assumption: a fifth of the weight either way keeps a
/// single odd week from deciding, and is easy to change here.
pub const LEAN_THRESHOLD: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Towards the track being trialled.
    Towards,
    /// Away from it, back towards where the person came from.
    Away,
    /// Both ways, or no clear change.
    Mixed,
    /// Not enough evidence to say.
    Unknown,
}

impl Direction {
    /// From a balance in -1..=1 (positive = towards).
    #[must_use]
    pub fn of_balance(balance: f64) -> Self {
        if balance >= LEAN_THRESHOLD {
            Direction::Towards
        } else if balance <= -LEAN_THRESHOLD {
            Direction::Away
        } else {
            Direction::Mixed
        }
    }

    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Direction::Towards => "towards the trialled track",
            Direction::Away => "away from the trialled track",
            Direction::Mixed => "mixed",
            Direction::Unknown => "not enough evidence",
        }
    }
}

/// (towards - away) / (towards + away), or `None` when nothing leaned.
#[must_use]
pub fn balance(towards: usize, away: usize) -> Option<f64> {
    let total = towards + away;
    #[allow(clippy::cast_precision_loss)] // counts are tiny
    (total > 0).then(|| (towards as f64 - away as f64) / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_balance_needs_a_fifth_of_the_weight_to_point_anywhere() {
        assert_eq!(
            Direction::of_balance(balance(5, 4).unwrap()),
            Direction::Mixed
        );
        assert_eq!(
            Direction::of_balance(balance(6, 4).unwrap()),
            Direction::Towards
        );
        assert_eq!(
            Direction::of_balance(balance(1, 4).unwrap()),
            Direction::Away
        );
        assert_eq!(balance(0, 0), None);
    }
}
