//! The analysis half of the engine, on hand-made occurrences and small `.ics` inputs.

mod build;
mod dst;
mod figures;
mod pipeline;
mod properties;
mod rendering;

use dualtrack_calendar::Analysis;

/// Hours as the JSON shows them (rounded to two decimals), for exact comparisons.
pub fn h(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The analysis' own invariants, checked after every scenario.
pub fn assert_consistent(a: &Analysis) {
    let hs = &a.hours;
    let eps = 1e-6;
    assert!(
        (hs.working - (hs.meetings + hs.async_ + hs.focus)).abs() < eps,
        "{hs:?}"
    );
    assert!(
        (hs.busy - (hs.meetings + hs.focus_blocks)).abs() < eps,
        "{hs:?}"
    );
    let c = &a.categories;
    let kinds =
        c.one_on_one + c.team + c.cross_functional + c.hiring + c.planning + c.external + c.other;
    assert!(
        (kinds - hs.meetings).abs() < eps,
        "categories {kinds} vs meetings {}",
        hs.meetings
    );
    if hs.working > 0.0 {
        let s = &a.shares;
        assert!((s.meetings + s.async_ + s.focus - 1.0).abs() < eps, "{s:?}");
    }
    let n = &a.counts;
    assert_eq!(
        n.total,
        n.busy_instances + n.declined + n.cancelled + n.free + n.all_day
    );
    let weekly: f64 = a.weeks.iter().map(|w| w.hours.working).sum();
    assert!((weekly - hs.working).abs() < eps);
}
