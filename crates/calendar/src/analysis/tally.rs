//! Seconds of each sort of time, for one working day or summed over many.
//!
//! All arithmetic is in whole seconds; hours appear only when the report is built.

use std::ops::AddAssign;

use super::classify::Role;
use super::intervals::{IntervalSet, Span};
use super::rules::MeetingKind;

/// Seconds per figure. `meetings + focus_blocks + focus_gaps + async_gaps == working` always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub working_days: u32,
    pub working: i64,
    pub meetings: i64,
    /// Focus blocks minus any meeting time inside them.
    pub focus_blocks: i64,
    /// Unscheduled stretches at least `focus_min` long.
    pub focus_gaps: i64,
    /// Unscheduled stretches shorter than `focus_min`.
    pub async_gaps: i64,
    /// Meeting seconds by kind, indexed like `MeetingKind::ALL`; sums to `meetings`.
    pub kinds: [i64; 7],
}

impl Tally {
    pub fn busy(&self) -> i64 {
        self.meetings + self.focus_blocks
    }

    pub fn focus(&self) -> i64 {
        self.focus_blocks + self.focus_gaps
    }

    pub fn kind(&self, kind: MeetingKind) -> i64 {
        let i = MeetingKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        self.kinds.get(i).copied().unwrap_or(0)
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.working_days += o.working_days;
        self.working += o.working;
        self.meetings += o.meetings;
        self.focus_blocks += o.focus_blocks;
        self.focus_gaps += o.focus_gaps;
        self.async_gaps += o.async_gaps;
        for (a, b) in self.kinds.iter_mut().zip(o.kinds) {
            *a += b;
        }
    }
}

/// Measure one working day.
///
/// `busy` holds every busy occurrence that may touch `day` (already classified); anything
/// outside `day` is clipped away. Meetings are a union; each meeting instant goes to the
/// earliest kind in `precedence` among the meetings covering it; focus blocks only count where
/// no meeting is; the free rest is split into gaps, long ones focus and short ones async.
pub fn measure_day(
    day: Span,
    busy: &[(Span, Role)],
    precedence: &[MeetingKind],
    focus_min_seconds: i64,
) -> Tally {
    let mut t = Tally {
        working_days: 1,
        working: day.len(),
        ..Tally::default()
    };
    let clipped = |want: &dyn Fn(Role) -> bool| {
        IntervalSet::from_spans(
            busy.iter()
                .filter(|(_, r)| want(*r))
                .filter_map(|(s, _)| s.clip(day))
                .collect(),
        )
    };

    let mut claimed = IntervalSet::new();
    for &kind in precedence {
        let mine = clipped(&|r| r == Role::Meeting(kind));
        if mine.is_empty() {
            continue;
        }
        let fresh = mine.subtract(&claimed);
        if let Some(i) = MeetingKind::ALL.iter().position(|k| *k == kind)
            && let Some(slot) = t.kinds.get_mut(i)
        {
            *slot += fresh.total();
        }
        claimed = claimed.union(&fresh);
    }
    // Kinds missing from `precedence` (validation prevents it) still count, as "other".
    let meetings = clipped(&|r| matches!(r, Role::Meeting(_)));
    let unranked = meetings.subtract(&claimed).total();
    if unranked > 0
        && let Some(slot) = t.kinds.last_mut()
    {
        *slot += unranked;
    }
    t.meetings = meetings.total();

    let focus_blocks = clipped(&|r| r == Role::FocusBlock).subtract(&meetings);
    t.focus_blocks = focus_blocks.total();

    for gap in meetings.union(&focus_blocks).gaps_within(day) {
        if gap.len() >= focus_min_seconds {
            t.focus_gaps += gap.len();
        } else {
            t.async_gaps += gap.len();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3600;
    const M: i64 = 60;

    fn day() -> Span {
        Span::new(9 * H, 17 * H)
    }

    fn meeting(a: i64, b: i64, k: MeetingKind) -> (Span, Role) {
        (Span::new(a, b), Role::Meeting(k))
    }

    #[test]
    fn overlapping_meetings_count_once_and_go_to_the_higher_kind() {
        let busy = [
            meeting(10 * H, 11 * H, MeetingKind::Team),
            meeting(10 * H + 30 * M, 11 * H + 30 * M, MeetingKind::OneOnOne),
        ];
        let t = measure_day(day(), &busy, &precedence(), 120 * M);
        assert_eq!(t.meetings, 90 * M);
        assert_eq!(t.kind(MeetingKind::OneOnOne), 60 * M);
        assert_eq!(t.kind(MeetingKind::Team), 30 * M);
        // 09:00-10:00 is a short gap; 11:30-17:00 is a long one.
        assert_eq!(t.async_gaps, 60 * M);
        assert_eq!(t.focus_gaps, 5 * H + 30 * M);
    }

    #[test]
    fn a_meeting_inside_a_focus_block_wins() {
        let busy = [
            (Span::new(9 * H, 13 * H), Role::FocusBlock),
            meeting(11 * H, 12 * H, MeetingKind::Hiring),
        ];
        let t = measure_day(day(), &busy, &precedence(), 120 * M);
        assert_eq!(t.meetings, H);
        assert_eq!(t.focus_blocks, 3 * H);
        assert_eq!(t.focus_gaps, 4 * H);
        assert_eq!(t.async_gaps, 0);
        assert_eq!(t.focus(), 7 * H);
    }

    #[test]
    fn time_outside_working_hours_is_ignored() {
        let busy = [
            meeting(7 * H, 10 * H, MeetingKind::External),
            meeting(16 * H, 20 * H, MeetingKind::Other),
        ];
        let t = measure_day(day(), &busy, &precedence(), 120 * M);
        assert_eq!(t.meetings, 2 * H);
        assert_eq!(
            t.kind(MeetingKind::External) + t.kind(MeetingKind::Other),
            2 * H
        );
        assert_eq!(
            t.working,
            t.meetings + t.focus_gaps + t.async_gaps + t.focus_blocks
        );
    }

    fn precedence() -> Vec<MeetingKind> {
        crate::analysis::rules::Rules::embedded()
            .unwrap()
            .precedence
            .clone()
    }
}
