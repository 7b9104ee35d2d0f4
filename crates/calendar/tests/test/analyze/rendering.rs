//! The SVG chart, as a reviewed snapshot.

use chrono_tz::Tz;
use dualtrack_calendar::render_svg;

use super::build::*;

#[test]
fn the_svg_shows_weekly_bars_and_the_track_comparison() {
    let opts = options(date(2026, 1, 5), date(2026, 1, 19), Tz::UTC);
    let mut occ = Vec::new();
    for d in [5, 6, 7, 8, 9, 12, 13, 14] {
        occ.push(Occ::floating("Ana 1:1", local(2026, 1, d, 10, 0), 60));
        occ.push(Occ::floating("Standup", local(2026, 1, d, 9, 30), 15));
    }
    occ.push(Occ::floating("Focus time", local(2026, 1, 15, 13, 0), 180).alone());
    let a = run(&occ, &opts);
    let svg = render_svg(&a);
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("2026-W02") && svg.contains("2026-W03"));
    for label in ["manager", "IC", "you"] {
        assert!(
            svg.contains(&format!("\n{label}\n</text>")),
            "no label {label}"
        );
    }
    // No titles in a picture of aggregates.
    assert!(!svg.contains("Ana"));
    insta::assert_snapshot!("two_weeks_svg", svg);
}
