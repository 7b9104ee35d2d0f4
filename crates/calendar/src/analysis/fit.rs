//! How the measured week compares with each track's typical week and with each leadership
//! level's time allocation.
//!
//! Calendar figures map onto the leadership ladder's six activities like this (shares of
//! working time): unscheduled and focus time (`focus` + `async`) is **coding**, 1:1s are
//! **people**, team, cross-functional and other meetings are **cross_functional**, planning
//! meetings are **strategy**, hiring meetings are **hiring**, and external meetings are
//! **external**. The six shares add up to 1.

use std::collections::BTreeMap;

use dualtrack_framework::{Activity, Framework, Provenance};
use serde::{Deserialize, Serialize};

use super::result::{Shares, round4};
use super::rules::MeetingKind;
use super::tally::Tally;
use dualtrack_framework::Track;

/// Distance from one track's typical week.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackFit {
    pub track: String,
    pub kind: Track,
    /// The track's typical week as fractions.
    pub profile: Shares,
    /// L1 distance of (meetings, async, focus) shares, from 0 (identical) to 2.
    pub distance: f64,
}

/// L1 distance of `shares` from every track profile of the framework, in framework order.
pub fn track_fits(shares: &Shares, framework: &Framework) -> Vec<TrackFit> {
    framework
        .track_profiles()
        .iter()
        .map(|p| {
            let [m, a, f] = p.fractions();
            TrackFit {
                track: p.track.as_str().to_owned(),
                kind: p.track,
                profile: Shares {
                    meetings: m,
                    async_: a,
                    focus: f,
                },
                distance: (shares.meetings - m).abs()
                    + (shares.async_ - a).abs()
                    + (shares.focus - f).abs(),
            }
        })
        .collect()
}

/// The track with the smallest distance; ties go to the one listed first.
pub fn closest(fits: &[TrackFit]) -> Option<&TrackFit> {
    fits.iter()
        .reduce(|best, f| if f.distance < best.distance { f } else { best })
}

/// Which leadership level's time allocation the calendar fits best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Levels {
    /// The id of the best-fitting level (`ic`, `manager`, `director`, `vp` in the built-in
    /// data); `null` when there is no working time to compare.
    pub best: Option<String>,
    /// Share of working time per activity (see the mapping in the docs), summing to 1.
    #[serde(serialize_with = "round4_map")]
    pub activities: BTreeMap<Activity, f64>,
    /// Every level, in ladder order.
    pub fits: Vec<LevelFit>,
}

/// How far the calendar is from one level's ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LevelFit {
    pub id: String,
    pub name: String,
    /// Sum over activities of how far the share lies outside the level's range (0 = all in).
    #[serde(serialize_with = "round4")]
    pub distance: f64,
    /// The activities whose share falls outside the level's range.
    pub outside: Vec<OutsideRange>,
    /// Where the level's time-allocation ranges come from.
    #[serde(default)]
    pub basis: Provenance,
}

/// The section of the level's sources that gives its time allocation, else all of them.
fn allocation_basis(level: &dualtrack_framework::Level) -> Provenance {
    let allocation: Vec<_> = level
        .source
        .iter()
        .filter(|s| s.section.contains("Time Allocation"))
        .cloned()
        .collect();
    Provenance {
        source: if allocation.is_empty() {
            level.source.clone()
        } else {
            allocation
        },
        assumption: level.assumption.clone(),
    }
}

/// Where the tracks' typical weeks come from: the framework's `calendar_shape` dimension.
pub fn profile_basis(framework: &Framework) -> Provenance {
    framework
        .comparison()
        .dimension(dualtrack_framework::CALENDAR_SHAPE)
        .map(|d| Provenance {
            source: d.source.clone(),
            assumption: d.assumption.clone(),
        })
        .unwrap_or_default()
}

/// One activity outside a level's range (all values are shares of working time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OutsideRange {
    pub activity: Activity,
    #[serde(serialize_with = "round4")]
    pub share: f64,
    #[serde(serialize_with = "round4")]
    pub low: f64,
    #[serde(serialize_with = "round4")]
    pub high: f64,
}

/// Activity shares of working time, by the mapping in the module docs.
pub fn activity_shares(t: &Tally) -> BTreeMap<Activity, f64> {
    let share = |s: i64| {
        if t.working > 0 {
            s as f64 / t.working as f64
        } else {
            0.0
        }
    };
    let k = |kind| t.kind(kind);
    BTreeMap::from([
        (Activity::Coding, share(t.focus() + t.async_gaps)),
        (Activity::People, share(k(MeetingKind::OneOnOne))),
        (
            Activity::CrossFunctional,
            share(k(MeetingKind::Team) + k(MeetingKind::CrossFunctional) + k(MeetingKind::Other)),
        ),
        (Activity::Strategy, share(k(MeetingKind::Planning))),
        (Activity::Hiring, share(k(MeetingKind::Hiring))),
        (Activity::External, share(k(MeetingKind::External))),
    ])
}

/// Compare the activity shares with every level of the framework's leadership ladder.
pub fn level_fits(t: &Tally, framework: &Framework) -> Levels {
    let activities = activity_shares(t);
    let fits: Vec<LevelFit> = framework
        .leadership()
        .levels
        .iter()
        .map(|level| {
            let mut distance = 0.0;
            let mut outside = Vec::new();
            for range in &level.time_allocation {
                let share = activities.get(&range.activity).copied().unwrap_or(0.0);
                let (low, high) = (range.low / 100.0, range.high / 100.0);
                let off = (low - share).max(0.0) + (share - high).max(0.0);
                if off > 1e-9 {
                    distance += off;
                    outside.push(OutsideRange {
                        activity: range.activity,
                        share,
                        low,
                        high,
                    });
                }
            }
            LevelFit {
                id: level.id.clone(),
                name: level.name.clone(),
                distance,
                outside,
                basis: allocation_basis(level),
            }
        })
        .collect();
    // Fewest points outside first, then fewest activities outside, then ladder order.
    let best = (t.working > 0)
        .then(|| {
            fits.iter()
                .enumerate()
                .min_by(|(i, a), (j, b)| {
                    a.distance
                        .total_cmp(&b.distance)
                        .then(a.outside.len().cmp(&b.outside.len()))
                        .then(i.cmp(j))
                })
                .map(|(_, f)| f.id.clone())
        })
        .flatten();
    Levels {
        best,
        activities,
        fits,
    }
}

fn round4_map<S: serde::Serializer>(
    map: &BTreeMap<Activity, f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(
        map.iter()
            .map(|(k, v)| (k, (v * 10_000.0).round() / 10_000.0)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3600;

    fn fw() -> Framework {
        Framework::embedded().unwrap()
    }

    #[test]
    fn an_empty_calendar_looks_like_an_ic() {
        let t = Tally {
            working_days: 5,
            working: 40 * H,
            focus_gaps: 40 * H,
            ..Tally::default()
        };
        let levels = level_fits(&t, &fw());
        assert_eq!(levels.best.as_deref(), Some("ic"));
        let total: f64 = levels.activities.values().sum();
        assert!((total - 1.0).abs() < 1e-9);
        let ic = levels.fits.iter().find(|f| f.id == "ic").unwrap();
        // All coding is above the IC range's top, and the IC week still has some
        // cross-functional and hiring time at the bottom of those ranges.
        let outside: Vec<Activity> = ic.outside.iter().map(|o| o.activity).collect();
        assert_eq!(
            outside,
            [
                Activity::Coding,
                Activity::CrossFunctional,
                Activity::Hiring
            ]
        );
        assert!(ic.distance < levels.fits.iter().find(|f| f.id == "vp").unwrap().distance);
    }

    #[test]
    fn a_week_of_one_on_ones_and_planning_is_not_an_ic() {
        let mut t = Tally {
            working_days: 5,
            working: 40 * H,
            ..Tally::default()
        };
        t.focus_gaps = 8 * H;
        t.meetings = 32 * H;
        t.kinds = [12 * H, 0, 10 * H, 4 * H, 4 * H, 0, 2 * H];
        let levels = level_fits(&t, &fw());
        assert_ne!(levels.best.as_deref(), Some("ic"));
    }

    #[test]
    fn distances_are_l1_over_the_three_shares() {
        let s = Shares {
            meetings: 0.6,
            async_: 0.3,
            focus: 0.1,
        };
        let fits = track_fits(&s, &fw());
        let ic = fits.iter().find(|f| f.track == "ic").unwrap();
        let mg = fits.iter().find(|f| f.track == "management").unwrap();
        assert!((ic.distance - 0.6).abs() < 1e-9, "{}", ic.distance);
        assert!(mg.distance.abs() < 1e-9);
        assert_eq!(closest(&fits).unwrap().track, "management");
    }
}
