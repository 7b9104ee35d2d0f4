//! Clock changes: working hours stay on the wall clock, meetings stay at their instants.

use chrono::Duration;
use chrono_tz::Tz;

use super::build::*;

fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

#[test]
fn days_are_23_and_25_hours_long_when_the_clock_changes() {
    let mut opts = options(date(2026, 3, 28), date(2026, 3, 31), berlin());
    opts.work_hours = "00:00-24:00".parse().unwrap();
    opts.work_days = "mon-sun".parse().unwrap();
    let spring = run(&[], &opts);
    // Saturday 24 h, Sunday (clocks go forward) 23 h, Monday 24 h.
    assert_eq!(spring.hours.working, 71.0);

    let mut opts = options(date(2026, 10, 24), date(2026, 10, 27), berlin());
    opts.work_hours = "00:00-24:00".parse().unwrap();
    opts.work_days = "mon-sun".parse().unwrap();
    let autumn = run(&[], &opts);
    assert_eq!(autumn.hours.working, 73.0);
}

#[test]
fn nine_to_five_is_eight_hours_on_both_change_days() {
    for (from, to) in [
        (date(2026, 3, 29), date(2026, 3, 30)),
        (date(2026, 10, 25), date(2026, 10, 26)),
    ] {
        let mut opts = options(from, to, berlin());
        opts.work_days = "sun".parse().unwrap();
        // 09:00-10:00 Berlin time, stated in UTC with the offset of the day.
        let a = run(
            &[Occ::new(
                "Ana 1:1",
                in_zone(berlin(), from.and_hms_opt(9, 0, 0).unwrap()),
                in_zone(berlin(), from.and_hms_opt(10, 0, 0).unwrap()),
            )],
            &opts,
        );
        assert_eq!(a.hours.working, 8.0, "{from}");
        assert_eq!(a.hours.meetings, 1.0, "{from}");
    }
}

#[test]
fn a_new_york_meeting_moves_on_a_berlin_clock_between_the_two_changes() {
    // The US changes clocks on 8 March 2026 and Europe on 29 March. A daily 11:00 New York
    // meeting is 17:00 in Berlin before and after that stretch (outside 09:00-17:00) and
    // 16:00 during it (inside) -- three weeks of one hour a day.
    let ny: Tz = "America/New_York".parse().unwrap();
    let mut occ = Vec::new();
    for day in date(2026, 3, 2)
        .iter_days()
        .take_while(|d| *d < date(2026, 4, 4))
    {
        let start = day.and_hms_opt(11, 0, 0).unwrap();
        occ.push(Occ::new(
            "Cross-team sync",
            in_zone(ny, start),
            in_zone(ny, start + Duration::hours(1)),
        ));
    }
    let opts = options(date(2026, 3, 2), date(2026, 4, 4), berlin());
    let a = run(&occ, &opts);
    assert_eq!(a.hours.meetings, 15.0);
    let per_week: Vec<f64> = a.weeks.iter().map(|w| w.hours.meetings).collect();
    assert_eq!(per_week, [0.0, 5.0, 5.0, 5.0, 0.0]);
}

#[test]
fn floating_times_in_a_skipped_or_repeated_hour_are_resolved() {
    let mut opts = options(date(2026, 3, 29), date(2026, 3, 30), berlin());
    opts.work_hours = "00:00-24:00".parse().unwrap();
    opts.work_days = "sun".parse().unwrap();
    // 02:00-03:30 on the spring day: 02:00 never happens, so the meeting starts when the
    // clock jumps to 03:00 and lasts half an hour.
    let a = run(
        &[Occ::floating("Ana 1:1", local(2026, 3, 29, 2, 0), 90)],
        &opts,
    );
    assert_eq!(a.hours.meetings, 0.5);

    let mut opts = options(date(2026, 10, 25), date(2026, 10, 26), berlin());
    opts.work_hours = "00:00-24:00".parse().unwrap();
    opts.work_days = "sun".parse().unwrap();
    // 02:00-03:00 on the autumn day: 02:00 happens twice; the first one counts, so two real
    // hours pass before 03:00.
    let a = run(
        &[Occ::floating("Ana 1:1", local(2026, 10, 25, 2, 0), 60)],
        &opts,
    );
    assert_eq!(a.hours.meetings, 2.0);
}
