//! The calendar figures the report discusses, next to the typical week of each track.

use dualtrack_calendar::Analysis;
use dualtrack_framework::{Framework, Track};
use serde::Serialize;

/// Meetings / async / focus as whole percents of working time (each rounded on its own, so
/// they may add up to 99 or 101).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SharePercents {
    pub meetings: u32,
    #[serde(rename = "async")]
    pub async_: u32,
    pub focus: u32,
}

/// A track's typical week, from the framework's comparison data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TypicalWeek {
    pub track: Track,
    pub shares: SharePercents,
}

/// What the calendar showed, rounded for reading. The full figures are in `Report::calendar`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarEvidence {
    pub from: String,
    /// Exclusive.
    pub to: String,
    pub tz: String,
    pub working_days: u64,
    /// Hours of working time, one decimal.
    pub working_hours: f64,
    pub shares: SharePercents,
    /// Typical IC and manager weeks, IC first.
    pub typical: Vec<TypicalWeek>,
    /// `null` when the calendar had no working time.
    pub closest_track: Option<Track>,
    /// The best-fitting leadership level's name by time allocation, when there is one.
    pub closest_level: Option<String>,
    /// Hours of 1:1s and of hiring in the window, one decimal: the two meeting kinds that most
    /// distinguish a manager's week.
    pub one_on_one_hours: f64,
    pub hiring_hours: f64,
    /// How many caveats the analysis raised (listed in `Report::calendar.warnings`).
    pub warnings: usize,
}

/// Fraction (0-1) to whole percent, halves up; out-of-range input is clamped.
pub(crate) fn percent(fraction: f64) -> u32 {
    let p = (fraction * 100.0).round().clamp(0.0, 100.0);
    // Clamped to 0..=100 above, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // reason: clamped to 0..=100
    let p = p as u32;
    p
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

impl CalendarEvidence {
    /// Read the figures the report needs from an analysis.
    #[must_use]
    pub fn from_analysis(
        analysis: &Analysis,
        framework: &Framework,
        closest_track: Option<Track>,
    ) -> Self {
        let typical = framework
            .track_profiles()
            .iter()
            .map(|p| {
                let [m, a, f] = p.fractions();
                TypicalWeek {
                    track: p.track,
                    shares: SharePercents {
                        meetings: percent(m),
                        async_: percent(a),
                        focus: percent(f),
                    },
                }
            })
            .collect();
        let closest_level = analysis.levels.best.as_ref().map(|best| {
            analysis
                .levels
                .fits
                .iter()
                .find(|f| &f.id == best)
                .map_or_else(|| best.clone(), |f| f.name.clone())
        });
        Self {
            from: analysis.window.from.to_string(),
            to: analysis.window.to.to_string(),
            tz: analysis.window.tz.clone(),
            working_days: analysis.counts.working_days,
            working_hours: one_decimal(analysis.hours.working),
            shares: SharePercents {
                meetings: percent(analysis.shares.meetings),
                async_: percent(analysis.shares.async_),
                focus: percent(analysis.shares.focus),
            },
            typical,
            closest_track,
            closest_level,
            one_on_one_hours: one_decimal(analysis.categories.one_on_one),
            hiring_hours: one_decimal(analysis.categories.hiring),
            warnings: analysis.warnings.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_and_clamps() {
        assert_eq!(percent(0.625), 63);
        assert_eq!(percent(0.6249), 62);
        assert_eq!(percent(-0.2), 0);
        assert_eq!(percent(1.7), 100);
        assert_eq!(percent(f64::NAN), 0);
    }
}
