//! Properties of the interval arithmetic and of whole analyses on random calendars.

use chrono::Duration;
use chrono_tz::Tz;
use dualtrack_calendar::analysis::{IntervalSet, Span};
use proptest::prelude::*;

use super::build::*;

fn spans() -> impl Strategy<Value = Vec<Span>> {
    prop::collection::vec((0i64..1000, 0i64..300), 0..30)
        .prop_map(|v| v.into_iter().map(|(s, l)| Span::new(s, s + l)).collect())
}

/// Seconds covered by at least one span, counted by brute force.
fn covered(spans: &[Span], lo: i64, hi: i64) -> i64 {
    (lo..hi)
        .filter(|t| spans.iter().any(|s| s.start <= *t && *t < s.end))
        .count() as i64
}

proptest! {
    #[test]
    fn a_union_covers_exactly_what_its_parts_cover(v in spans()) {
        let set = IntervalSet::from_spans(v.clone());
        prop_assert_eq!(set.total(), covered(&v, 0, 1300));
        prop_assert!(set.total() <= v.iter().map(Span::len).sum::<i64>());
        for pair in set.spans().windows(2) {
            prop_assert!(pair[0].end < pair[1].start, "sorted, apart: {:?}", pair);
        }
    }

    #[test]
    fn subtraction_and_gaps_partition_the_window(a in spans(), b in spans(), lo in 0i64..400, len in 0i64..900) {
        let (sa, sb) = (IntervalSet::from_spans(a), IntervalSet::from_spans(b));
        let diff = sa.subtract(&sb);
        prop_assert_eq!(diff.total() + sa.subtract(&diff).total(), sa.total());
        prop_assert!(diff.subtract(&sa).is_empty());
        prop_assert_eq!(diff.union(&sb).total(), sa.union(&sb).total());
        let window = Span::new(lo, lo + len);
        let gaps: i64 = sb.gaps_within(window).iter().map(Span::len).sum();
        let inside = covered(sb.spans(), window.start, window.end);
        prop_assert_eq!(gaps + inside, window.len());
    }
}

/// A random busy occurrence in the week of 23 March 2026 (Berlin changes clocks on the 29th).
fn occurrence() -> impl Strategy<Value = Occ> {
    let titles = prop::sample::select(vec![
        "Ana 1:1",
        "Standup",
        "Roadmap",
        "Interview",
        "Design review",
        "Focus time",
        "Lunch",
        "Customer call",
        "Catch up",
    ]);
    (
        0u32..7,
        0u32..24,
        0u32..4,
        1i64..300,
        titles,
        any::<bool>(),
        0u8..4,
    )
        .prop_map(|(day, hour, quarter, minutes, title, floating, who)| {
            let start = local(2026, 3, 23 + day, hour, quarter * 15);
            let guests: &[&str] = match who {
                0 => &[],
                1 => &[ME, "ana@acme.com"],
                2 => &[ME, "ana@acme.com", "ben@acme.com"],
                _ => &[ME, "guest@elsewhere.example"],
            };
            let o = if floating {
                Occ::floating(title, start, minutes)
            } else {
                let tz: Tz = "America/New_York".parse().unwrap();
                Occ::new(
                    title,
                    in_zone(tz, start),
                    in_zone(tz, start + Duration::minutes(minutes)),
                )
            };
            o.people(guests)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn figures_always_add_up(
        occ in prop::collection::vec(occurrence(), 0..40),
        focus_min in 15u32..240,
        hours in prop::sample::select(vec!["09:00-17:00", "00:00-24:00", "22:00-06:00+1", "08:30-12:00"]),
    ) {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let mut opts = options(date(2026, 3, 23), date(2026, 3, 30), tz);
        opts.work_days = "mon-sun".parse().unwrap();
        opts.work_hours = hours.parse().unwrap();
        opts.focus_min_minutes = focus_min;
        // `run` checks: working = meetings + async + focus, busy = meetings + focus blocks,
        // categories sum to meetings, shares sum to 1, weeks sum to the window.
        let a = run(&occ, &opts);
        prop_assert!(a.hours.meetings <= a.hours.working + 1e-9);
        prop_assert!(a.hours.busy <= a.hours.working + 1e-9);
        // A union never exceeds the sum of its parts (a floating time in the skipped hour
        // only ever shortens a meeting).
        let listed: f64 = occ.iter().map(|o| nominal_hours(&o.0)).sum();
        prop_assert!(a.hours.busy <= listed + 1e-9);
        for s in [a.shares.meetings, a.shares.async_, a.shares.focus] {
            prop_assert!((0.0..=1.0 + 1e-9).contains(&s));
        }
    }
}

fn nominal_hours(o: &dualtrack_calendar::Occurrence) -> f64 {
    use dualtrack_calendar::EventTime::{Floating, Zoned};
    let seconds = match (o.start, o.end) {
        (Floating(a), Floating(b)) => (b - a).num_seconds(),
        (Zoned(a), Zoned(b)) => (b - a).num_seconds(),
        _ => 0,
    };
    seconds as f64 / 3600.0
}
