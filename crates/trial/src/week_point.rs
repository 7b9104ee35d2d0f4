//! One week of calendar evidence as the trial keeps it: shares and hours, nothing else. Raw
//! calendars are analysed in memory by the shell and dropped; only these points are stored.

use chrono::{NaiveDate, Weekday};
use dualtrack_calendar::Analysis;
use serde::{Deserialize, Serialize};

/// Shares are fractions of the week's working time (0 to 1); hours are wall-clock hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekPoint {
    /// ISO week, `2026-W03`.
    pub week: String,
    /// The Monday of that week.
    pub monday: NaiveDate,
    pub working_days: u32,
    pub working_hours: f64,
    pub busy_hours: f64,
    pub meetings: f64,
    #[serde(rename = "async")]
    pub async_: f64,
    pub focus: f64,
}

impl WeekPoint {
    /// The points of an analysis, one per ISO week that had working time. Weeks that cannot
    /// be read (never produced by the calendar engine) are skipped rather than guessed.
    #[must_use]
    pub fn from_analysis(analysis: &Analysis) -> Vec<WeekPoint> {
        analysis
            .weeks
            .iter()
            .filter(|w| w.working_days > 0 && w.hours.working > 0.0)
            .filter_map(|w| {
                let monday = iso_monday(&w.week)?;
                Some(WeekPoint {
                    week: w.week.clone(),
                    monday,
                    working_days: w.working_days,
                    working_hours: w.hours.working,
                    busy_hours: w.hours.busy,
                    meetings: w.shares.meetings,
                    async_: w.shares.async_,
                    focus: w.shares.focus,
                })
            })
            .collect()
    }

    /// Whether the numbers are possible: shares within 0..1 summing to about 1, hours finite.
    #[must_use]
    pub fn is_plausible(&self) -> bool {
        let shares = [self.meetings, self.async_, self.focus];
        let finite = shares
            .iter()
            .chain([self.working_hours, self.busy_hours].iter())
            .all(|v| v.is_finite() && *v >= 0.0);
        finite
            && shares.iter().all(|s| *s <= 1.0 + 1e-6)
            && (shares.iter().sum::<f64>() - 1.0).abs() < 0.01
            && self.working_hours <= 24.0 * 7.0
            && iso_monday(&self.week) == Some(self.monday)
    }
}

/// `2026-W03` -> the Monday of ISO week 3 of 2026.
#[must_use]
pub fn iso_monday(week: &str) -> Option<NaiveDate> {
    let (year, w) = week.split_once("-W")?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, w.parse().ok()?, Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_map_to_their_monday() {
        assert_eq!(
            iso_monday("2026-W01"),
            NaiveDate::from_ymd_opt(2025, 12, 29)
        );
        assert_eq!(iso_monday("2026-W54"), None);
        assert_eq!(iso_monday("garbage"), None);
    }
}
