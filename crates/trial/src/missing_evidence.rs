//! What the evidence lacks before a review may decide, and what to do about each gap.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar_trend::MIN_CALENDAR_WEEKS;
use crate::recommendation::Evidence;
use crate::signals::MIN_CHECKINS;

/// A decision (from month six) needs check-ins from at least one in this many of the weeks
/// due (a fortnightly rhythm clears it with room to spare). Our assumption, with
/// [`rules::decision_evidence`]; change it here.
pub const DECISION_ONE_CHECKIN_IN: usize = 3;
/// ... and no stretch longer than this many weeks without a check-in in the later half of the
/// trial so far (the half whose answers decide the direction). Our assumption, as above.
pub const MAX_GAP_WEEKS: i64 = 6;

/// One thing the evidence lacks before a decision, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingEvidence {
    /// `checkins` (too few), `checkin_gap` (a long stretch without any), `calendar`, or
    /// `exit_criteria` (none marked).
    pub what: String,
    /// What is missing, in a sentence.
    pub text: String,
    /// What to do, in a sentence.
    pub fix: String,
}

/// The longest stretch without a check-in that touches the window `from`..`to`: between two
/// check-ins, from the trial's `start` to the first, or from the last to `to`. Its first and
/// last day and its length in days.
fn longest_gap(
    start: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    dates: &[NaiveDate],
) -> Option<(NaiveDate, NaiveDate, i64)> {
    if to <= from {
        return None;
    }
    let mut points: Vec<NaiveDate> = vec![start];
    points.extend(dates.iter().copied().filter(|d| *d > start));
    if !dates.iter().any(|d| *d >= to) {
        points.push(to);
    }
    points.sort_unstable();
    points
        .windows(2)
        .filter(|w| w[1] > from && w[0] < to)
        .map(|w| (w[0], w[1], (w[1] - w[0]).num_days()))
        .max_by_key(|(a, _, days)| (*days, std::cmp::Reverse(*a)))
}

/// What a decision still lacks (empty when the evidence can carry one).
pub(crate) fn missing_for_decision(e: &Evidence<'_>) -> Vec<MissingEvidence> {
    let mut missing = Vec::new();
    let done = e.signals.checkins;
    let due = e.signals.expected;
    let need = due.div_ceil(DECISION_ONE_CHECKIN_IN).max(MIN_CHECKINS);
    let can_extend = !e.extended && e.end_months < e.max_months;
    let extend_hint = if can_extend {
        format!(
            ", or extend the trial once, to month {}, so the weeks ahead can fill it",
            e.max_months
        )
    } else {
        String::new()
    };
    if done < need {
        missing.push(MissingEvidence {
            what: "checkins".into(),
            text: format!(
                "Only {done} of the {due} weekly check-ins due so far were made; a decision needs at least {need} (one in {DECISION_ONE_CHECKIN_IN} of those due, and never fewer than {MIN_CHECKINS})."
            ),
            fix: format!("Check in every week from now on{extend_hint}."),
        });
    }
    // The later half of the trial so far decides the direction; a long silence there leaves the
    // decision to a few weeks.
    let window_end = e.as_of.min(e.end);
    let half = (window_end - e.start).num_days() / 2;
    let window_start = e
        .start
        .checked_add_days(chrono::Days::new(u64::try_from(half).unwrap_or(0)))
        .unwrap_or(e.start);
    if let Some((from, to, days)) = longest_gap(e.start, window_start, window_end, &e.checkin_dates)
        && days > MAX_GAP_WEEKS * 7
    {
        missing.push(MissingEvidence {
            what: "checkin_gap".into(),
            text: format!(
                "No check-in from {from} to {to} ({} weeks), a stretch reaching into the later half of the trial, whose answers decide the direction; a decision needs no stretch longer than {MAX_GAP_WEEKS} weeks without one.",
                days / 7
            ),
            fix: format!(
                "Check in weekly{}; a check-in can be dated in a past week you remember well.",
                if can_extend {
                    format!(
                        ", and extend the trial once, to month {}, so the coming weeks count",
                        e.max_months
                    )
                } else {
                    String::new()
                }
            ),
        });
    }
    if !e.calendar.enough {
        missing.push(MissingEvidence {
            what: "calendar".into(),
            text: format!(
                "{} week(s) of calendar inside the trial; a decision needs at least {MIN_CALENDAR_WEEKS}, since the seeds put the honest answer in how your weeks are spent.",
                e.calendar.weeks_in_trial
            ),
            fix: format!(
                "Upload calendar exports covering at least {MIN_CALENDAR_WEEKS} busy weeks since {}; only each week's shares are kept.",
                e.start
            ),
        });
    }
    if !e.criteria.is_empty() && e.criteria.iter().all(|c| c.met.is_none()) {
        missing.push(MissingEvidence {
            what: "exit_criteria".into(),
            text: "None of the exit criteria you wrote at the start is marked met or not met."
                .into(),
            fix: "Mark each criterion met or not met at this review.".into(),
        });
    }
    missing
}
