//! The calendar figures the report discusses, next to the typical week of each track.

use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::{Guess, GuessField};
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
    /// Whether the window holds enough to compare with a track (`calendar.evidence.enough`).
    pub enough: bool,
    /// The window ended long ago: the figures show how the owner worked then, not now.
    pub stale: bool,
    /// Why the evidence is or is not enough, in words.
    pub evidence_reason: String,
    /// Each caveat, in words, for the report to print itself (at most [`MAX_CAVEATS`], then
    /// one line counting the rest).
    pub caveats: Vec<String>,
    /// Each default the analysis guessed, with what it rests on and how to change it.
    pub guesses: Vec<GuessedDefault>,
}

/// A default the calendar analysis guessed, worded for a reader of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuessedDefault {
    /// `tz`, `owner` or `window`: the analysis option that changes it.
    pub field: String,
    /// What was guessed, in words (`the time zone Europe/Berlin`).
    pub what: String,
    /// What the guess rests on.
    pub basis: String,
    /// How to change it, without naming a command-line flag or a form field's id.
    pub change: String,
}

/// Most caveats the report prints; the JSON report's `calendar.warnings` has them all.
pub const MAX_CAVEATS: usize = 20;

fn guessed(g: &Guess) -> GuessedDefault {
    let value = if g.value.is_empty() {
        "unknown".to_owned()
    } else {
        g.value.clone()
    };
    let (field, what, change) = match g.field {
        GuessField::Tz => (
            "tz",
            format!("the time zone {value}"),
            "choose the time zone yourself",
        ),
        GuessField::Owner => (
            "owner",
            format!("the calendar's owner ({value})"),
            "give the owner's email address",
        ),
        GuessField::Window => (
            "window",
            format!("the window {value}"),
            "choose the first and last day of the window yourself",
        ),
    };
    GuessedDefault {
        field: field.to_owned(),
        what,
        basis: g.basis.clone(),
        change: change.to_owned(),
    }
}

/// The analysis' caveats as sentences: each warning, then one line for unreadable lines.
fn caveats(analysis: &Analysis) -> Vec<String> {
    let mut out: Vec<String> = analysis
        .warnings
        .iter()
        .take(MAX_CAVEATS)
        .map(|w| super::sentence(&super::capitalise(&w.message)))
        .collect();
    if analysis.warnings.len() > MAX_CAVEATS {
        out.push(format!(
            "... and {} more caveat(s), listed in the JSON report.",
            analysis.warnings.len() - MAX_CAVEATS
        ));
    }
    match analysis.skipped_lines.len() {
        0 => {}
        n => out.push(format!(
            "{n} part(s) of the calendar file could not be read and were left out (the JSON \
             report lists each with its line)."
        )),
    }
    out
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
        // A stale window shows how the owner worked then; no level is claimed from it.
        let best = analysis
            .levels
            .best
            .as_ref()
            .filter(|_| !analysis.evidence.stale);
        let closest_level = best.map(|best| {
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
            enough: analysis.evidence.enough,
            stale: analysis.evidence.stale,
            evidence_reason: analysis.evidence.reason.clone(),
            caveats: caveats(analysis),
            guesses: analysis.guesses.iter().map(guessed).collect(),
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
