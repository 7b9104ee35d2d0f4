//! The calendar month by month: weekly shares averaged per calendar month, each compared with
//! both tracks' typical weeks and with the trialled level's time allocation.

use chrono::{Datelike, NaiveDate};
use dualtrack_assess::Track;
use dualtrack_framework::{Activity, Framework};
use serde::{Deserialize, Serialize};

use crate::direction::Direction;
use crate::kind::TrialKind;
use crate::week_point::WeekPoint;

/// Weeks of calendar inside the trial before its shape is read. Our assumption: one week is an
/// accident of scheduling, three start to be a habit.
pub const MIN_CALENDAR_WEEKS: usize = 3;

/// A track's typical week as fractions (the framework's track profiles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackShape {
    pub track: String,
    pub meetings: f64,
    #[serde(rename = "async")]
    pub async_: f64,
    pub focus: f64,
}

/// The trialled level's range for unscheduled and focus time ("coding" in the leadership data),
/// in percent of the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelAllocation {
    pub level: String,
    pub name: String,
    pub coding_low: f64,
    pub coding_high: f64,
}

/// One calendar month's weeks, averaged by working hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarMonth {
    /// `2026-02`.
    pub month: String,
    /// False for weeks before the trial started (the "before" picture).
    pub in_trial: bool,
    pub weeks: usize,
    pub meetings: f64,
    #[serde(rename = "async")]
    pub async_: f64,
    pub focus: f64,
    pub busy_hours_per_week: f64,
    pub distance_ic: f64,
    pub distance_management: f64,
    pub closest_track: String,
    /// Focus plus async time in percent, compared with the level's coding range.
    pub coding_percent: f64,
    pub within_level: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarTrend {
    /// Weeks recorded inside the trial up to the review date.
    pub weeks_in_trial: usize,
    pub enough: bool,
    pub reason: String,
    pub months: Vec<CalendarMonth>,
    pub profiles: Vec<TrackShape>,
    pub level: Option<LevelAllocation>,
    /// Where the latest month in the trial sits: nearer the trialled track's typical week, or
    /// the other.
    pub direction: Direction,
    /// Always shown with the chart: what is and is not kept.
    pub privacy: String,
}

fn distance(p: &TrackShape, m: f64, a: f64, f: f64) -> f64 {
    (p.meetings - m).abs() + (p.async_ - a).abs() + (p.focus - f).abs()
}

impl CalendarTrend {
    #[must_use]
    pub fn build(
        points: &[WeekPoint],
        framework: &Framework,
        kind: TrialKind,
        start: NaiveDate,
        as_of: NaiveDate,
    ) -> Self {
        let profiles: Vec<TrackShape> = framework
            .track_profiles()
            .iter()
            .map(|p| {
                let [meetings, async_, focus] = p.fractions();
                TrackShape {
                    track: p.track.as_str().to_owned(),
                    meetings,
                    async_,
                    focus,
                }
            })
            .collect();
        let level = framework
            .leadership()
            .level(kind.target_level())
            .and_then(|l| {
                l.allocation(Activity::Coding).map(|r| LevelAllocation {
                    level: l.id.clone(),
                    name: l.name.clone(),
                    coding_low: r.low,
                    coding_high: r.high,
                })
            });
        let profile = |track: &str| profiles.iter().find(|p| p.track == track);
        let upto: Vec<&WeekPoint> = points.iter().filter(|p| p.monday <= as_of).collect();
        let mut months: Vec<CalendarMonth> = Vec::new();
        let mut keys: Vec<(String, bool)> = Vec::new();
        for p in &upto {
            let key = (
                format!("{:04}-{:02}", p.monday.year(), p.monday.month()),
                p.monday >= start,
            );
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for (month, in_trial) in keys {
            let weeks: Vec<&&WeekPoint> = upto
                .iter()
                .filter(|p| {
                    format!("{:04}-{:02}", p.monday.year(), p.monday.month()) == month
                        && (p.monday >= start) == in_trial
                })
                .collect();
            let hours: f64 = weeks.iter().map(|p| p.working_hours).sum();
            if hours <= 0.0 {
                continue;
            }
            let avg = |f: &dyn Fn(&WeekPoint) -> f64| {
                weeks.iter().map(|p| f(p) * p.working_hours).sum::<f64>() / hours
            };
            let (m, a, f) = (
                avg(&|p: &WeekPoint| p.meetings),
                avg(&|p: &WeekPoint| p.async_),
                avg(&|p: &WeekPoint| p.focus),
            );
            #[allow(clippy::cast_precision_loss)] // a handful of weeks
            let busy = weeks.iter().map(|p| p.busy_hours).sum::<f64>() / weeks.len() as f64;
            let d_ic = profile("ic").map_or(f64::NAN, |p| distance(p, m, a, f));
            let d_mgmt = profile("management").map_or(f64::NAN, |p| distance(p, m, a, f));
            let coding = (a + f) * 100.0;
            months.push(CalendarMonth {
                month,
                in_trial,
                weeks: weeks.len(),
                meetings: m,
                async_: a,
                focus: f,
                busy_hours_per_week: busy,
                distance_ic: d_ic,
                distance_management: d_mgmt,
                // Ties go to IC, the shape most weeks start from, as in the calendar engine.
                closest_track: if d_mgmt < d_ic { "management" } else { "ic" }.to_owned(),
                coding_percent: coding,
                within_level: level
                    .as_ref()
                    .map(|l| l.coding_low <= coding + 0.5 && coding - 0.5 <= l.coding_high),
            });
        }
        let weeks_in_trial = upto.iter().filter(|p| p.monday >= start).count();
        let enough = weeks_in_trial >= MIN_CALENDAR_WEEKS;
        let trialled = match kind.trialled_track() {
            Track::Ic => "ic",
            Track::Management => "management",
        };
        let direction = match months.iter().rev().find(|m| m.in_trial) {
            Some(last) if enough => {
                if last.closest_track == trialled {
                    Direction::Towards
                } else {
                    Direction::Away
                }
            }
            _ => Direction::Unknown,
        };
        let reason = if enough {
            format!("{weeks_in_trial} week(s) of calendar inside the trial")
        } else {
            format!(
                "{weeks_in_trial} week(s) of calendar inside the trial; at least {MIN_CALENDAR_WEEKS} are needed before its shape says anything"
            )
        };
        CalendarTrend {
            weeks_in_trial,
            enough,
            reason,
            months,
            profiles,
            level,
            direction,
            privacy: "Only each week's shares and hours are kept; the calendar files themselves are never stored.".into(),
        }
    }
}
