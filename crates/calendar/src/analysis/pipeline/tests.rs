use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Regression (walkthrough defect 4): with today 2026-12-07 the default window ran to
/// 2026-12-14 and counted meetings that had not happened.
#[test]
fn the_default_window_ends_at_today_at_the_latest() {
    let span = |last| EventSpan {
        first: Some(d(2026, 1, 5)),
        last: Some(last),
    };
    // Today is a Monday with a meeting: four weeks up to today, today left out.
    let (from, to, source) = default_window(span(d(2026, 12, 7)), d(2026, 12, 7));
    assert_eq!((from, to), (d(2026, 11, 9), d(2026, 12, 7)));
    assert_eq!(source, WindowSource::LastBusyWeeks);
    // Last busy day a month ago: the four full weeks up to its week, as before.
    let (from, to, _) = default_window(span(d(2026, 11, 4)), d(2026, 12, 7));
    assert_eq!((from, to), (d(2026, 10, 12), d(2026, 11, 9)));
    for today in d(2026, 11, 1).iter_days().take(60) {
        let (_, to, _) = default_window(span(today), today);
        assert!(to <= today, "{today}: window to {to}");
    }
}
