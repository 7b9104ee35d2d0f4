//! Hours, shares, counts and categories on small, hand-checked weeks (UTC, 09:00-17:00).

use chrono_tz::Tz;
use dualtrack_calendar::analysis::{OwnerSource, Rules};
use dualtrack_calendar::{EventStatus, PartStat};

use super::build::*;
use super::h;

/// Monday 5 to Friday 9 January 2026.
fn week() -> dualtrack_calendar::AnalyzeOptions {
    options(date(2026, 1, 5), date(2026, 1, 10), Tz::UTC)
}

/// Regression (issue 11): an empty week used to be "closest to IC"; it is no evidence at all.
#[test]
fn an_empty_week_is_all_focus_and_names_no_track() {
    let a = run(&[], &week());
    assert_eq!(a.hours.working, 40.0);
    assert_eq!(a.hours.focus, 40.0);
    assert_eq!(a.hours.meetings, 0.0);
    assert_eq!(a.shares.focus, 1.0);
    assert_eq!(a.closest_track, None);
    assert!(!a.evidence.enough);
    assert_eq!(a.evidence.busy_events, 0);
    assert_eq!(a.levels.best, None);
    assert_eq!(h(a.distance["ic"]), 1.2);
    assert_eq!(h(a.distance["management"]), 1.8);
    assert_eq!(a.counts.working_days, 5);
}

#[test]
fn overlapping_meetings_never_count_twice() {
    let a = run(
        &[
            Occ::floating("Team sync", local(2026, 1, 5, 10, 0), 60).people(&[
                ME,
                "ana@acme.com",
                "ben@acme.com",
            ]),
            Occ::floating("Ana 1:1", local(2026, 1, 5, 10, 30), 60),
            // Fully inside the first one: adds nothing.
            Occ::floating("Team sync (dup)", local(2026, 1, 5, 10, 15), 15),
        ],
        &week(),
    );
    assert_eq!(a.hours.meetings, 1.5);
    // 09:00-10:00 is too short to be focus; 11:30-17:00 is long enough.
    assert_eq!(a.hours.async_, 1.0);
    assert_eq!(a.hours.focus, 37.5);
    // The 1:1 outranks team time where they overlap.
    assert_eq!(a.categories.one_on_one, 1.0);
    assert_eq!(a.categories.team, 0.5);
    assert_eq!(a.counts.busy_instances, 3);
}

#[test]
fn a_meeting_inside_a_focus_block_is_meeting_time() {
    let a = run(
        &[
            Occ::floating("Focus time", local(2026, 1, 6, 9, 0), 240).alone(),
            Occ::floating("Interview: backend", local(2026, 1, 6, 11, 0), 60),
        ],
        &week(),
    );
    assert_eq!(a.hours.meetings, 1.0);
    assert_eq!(a.categories.hiring, 1.0);
    assert_eq!(a.hours.focus_blocks, 3.0);
    assert_eq!(a.hours.busy, 4.0);
    assert_eq!(a.hours.focus, 39.0);
    assert_eq!(a.counts.focus_blocks, 1);
    assert_eq!(a.counts.meetings, 1);
}

#[test]
fn google_focus_time_is_recognised_by_its_kind() {
    let a = run(
        &[Occ::floating("Heads up", local(2026, 1, 6, 9, 0), 120)
            .alone()
            .kind("focustime")],
        &week(),
    );
    assert_eq!(a.hours.focus_blocks, 2.0);
    assert_eq!(a.hours.meetings, 0.0);
}

#[test]
fn declined_cancelled_free_and_all_day_are_not_busy_but_tentative_is() {
    let a = run(
        &[
            Occ::floating("Standup", local(2026, 1, 7, 10, 0), 60).my_answer(PartStat::Declined),
            Occ::floating("Review", local(2026, 1, 7, 11, 0), 60).status(EventStatus::Cancelled),
            Occ::floating("Gym", local(2026, 1, 7, 12, 0), 60).free(),
            Occ::floating("Planning", local(2026, 1, 7, 14, 0), 60).my_answer(PartStat::Tentative),
            Occ::all_day("Team offsite prep", date(2026, 1, 7), 1),
        ],
        &week(),
    );
    let c = a.counts;
    assert_eq!(
        (
            c.total,
            c.busy_instances,
            c.declined,
            c.cancelled,
            c.free,
            c.all_day,
            c.tentative
        ),
        (5, 1, 1, 1, 1, 1, 1)
    );
    assert_eq!(a.hours.meetings, 1.0);
    assert_eq!(a.categories.planning, 1.0);
    // 15:00-17:00 is exactly the focus minimum, so it is focus; 09:00-14:00 too.
    assert_eq!(a.hours.focus, 39.0);
    assert_eq!(a.hours.async_, 0.0);
    // An all-day event that is not an absence keeps the day.
    assert_eq!(a.counts.working_days, 5);
}

#[test]
fn out_of_office_days_leave_working_time() {
    let a = run(
        &[
            Occ::all_day("Vacation", date(2026, 1, 8), 4),
            // On a day off: busy, but outside working time.
            Occ::floating("Vendor call", local(2026, 1, 8, 10, 0), 60),
            // Someone else's absence that the owner declined does not take the day.
            Occ::all_day("Ana OOO", date(2026, 1, 5), 1)
                .people(&[ME, "ana@acme.com"])
                .my_answer(PartStat::Declined),
            Occ::floating("Ana 1:1", local(2026, 1, 5, 10, 0), 60),
        ],
        &week(),
    );
    assert_eq!(a.counts.out_of_office_days, 2);
    assert_eq!(a.counts.out_of_office_events, 1);
    assert_eq!(a.counts.working_days, 3);
    assert_eq!(a.hours.working, 24.0);
    assert_eq!(a.hours.meetings, 1.0);
    assert_eq!(a.counts.busy_instances, 2);
}

#[test]
fn timed_time_off_is_busy_and_warned_about() {
    let a = run(
        &[Occ::floating("PTO", local(2026, 1, 5, 9, 0), 480).alone()],
        &week(),
    );
    assert_eq!(a.hours.meetings, 8.0);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.message.contains("look like time off")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn floating_times_are_read_in_the_analysis_zone() {
    let ny: Tz = "America/New_York".parse().unwrap();
    let opts = options(date(2026, 1, 5), date(2026, 1, 10), ny);
    let a = run(
        &[
            // 10:00 on New York's wall clock: inside working hours.
            Occ::floating("Design review", local(2026, 1, 5, 10, 0), 60),
            // 10:00 UTC is 05:00 in New York: before the working day starts.
            Occ::new(
                "Early sync",
                zoned(local(2026, 1, 6, 10, 0), 0),
                zoned(local(2026, 1, 6, 11, 0), 0),
            ),
        ],
        &opts,
    );
    assert_eq!(a.hours.meetings, 1.0);
    assert_eq!(a.categories.cross_functional, 1.0);
    assert_eq!(a.window.tz, "America/New_York");
    assert_eq!(a.counts.busy_instances, 2);
}

#[test]
fn external_guests_outrank_everything_when_meetings_overlap() {
    let a = run(
        &[
            Occ::floating("Customer call", local(2026, 1, 5, 10, 0), 60)
                .people(&[ME, "buyer@client.example"]),
            Occ::floating("Interview", local(2026, 1, 5, 10, 0), 90),
            Occ::floating("Roadmap", local(2026, 1, 5, 13, 0), 60),
            Occ::floating("Daily standup", local(2026, 1, 5, 13, 30), 60)
                .people(&[ME, "ana@acme.com", "ben@acme.com"])
                .recurring(),
        ],
        &week(),
    );
    assert_eq!(a.categories.external, 1.0);
    assert_eq!(a.categories.hiring, 0.5);
    assert_eq!(a.categories.planning, 1.0);
    assert_eq!(a.categories.team, 0.5);
    assert_eq!(a.hours.meetings, 3.0);
}

#[test]
fn the_owner_is_inferred_from_the_attendees_when_not_given() {
    let mut opts = week();
    opts.owner = None;
    let a = run(
        &[
            Occ::floating("A", local(2026, 1, 5, 10, 0), 30),
            Occ::floating("B", local(2026, 1, 6, 10, 0), 30).people(&[ME, "zed@acme.com"]),
        ],
        &opts,
    );
    assert_eq!(a.owner.as_deref(), Some(ME));
    assert_eq!(a.owner_source, OwnerSource::MostFrequentAttendee);
}

#[test]
fn iso_weeks_cross_the_new_year() {
    // 29 December 2025 to 14 January 2026: ISO weeks 2026-W01, W02 and part of W03.
    let opts = options(date(2025, 12, 29), date(2026, 1, 15), Tz::UTC);
    let a = run(
        &[Occ::floating("Ana 1:1", local(2026, 1, 13, 10, 0), 60)],
        &opts,
    );
    let weeks: Vec<(&str, u32)> = a
        .weeks
        .iter()
        .map(|w| (w.week.as_str(), w.working_days))
        .collect();
    assert_eq!(weeks, [("2026-W01", 5), ("2026-W02", 5), ("2026-W03", 3)]);
    let w3 = a.weeks.last().unwrap();
    assert_eq!(w3.hours.meetings, 1.0);
    assert_eq!(h(w3.shares.meetings), h(1.0 / 24.0));
}

#[test]
fn work_hours_and_days_options_shape_working_time() {
    let mut opts = options(date(2026, 1, 4), date(2026, 1, 11), Tz::UTC);
    opts.work_days = "sun-thu".parse().unwrap();
    opts.work_hours = "10:00-14:30".parse().unwrap();
    opts.focus_min_minutes = 90;
    let a = run(
        &[Occ::floating("Ana 1:1", local(2026, 1, 4, 11, 0), 60)],
        &opts,
    );
    assert_eq!(a.counts.working_days, 5);
    assert_eq!(a.hours.working, 22.5);
    // Sunday: 10:00-11:00 is short (async), 12:00-14:30 is long enough at 90 minutes.
    assert_eq!(a.hours.async_, 1.0);
    assert_eq!(a.settings.work_days, "mon,tue,wed,thu,sun");
}

#[test]
fn a_managers_week_is_closest_to_management() {
    let mut occ = Vec::new();
    for d in 5..=9 {
        for (hour, title) in [
            (9, "Ben 1:1"),
            (10, "Cleo 1:1"),
            (11, "Hiring debrief"),
            (13, "Sprint planning"),
            (14, "Dan 1:1"),
        ] {
            occ.push(Occ::floating(title, local(2026, 1, d, hour, 0), 60));
        }
    }
    let a = run(&occ, &week());
    assert_eq!(a.hours.meetings, 25.0);
    assert_eq!(
        a.closest_track,
        Some(dualtrack_calendar::analysis::Track::Management)
    );
    assert!(a.evidence.enough, "{}", a.evidence.reason);
    assert_eq!(
        a.levels.best.as_deref(),
        Some("manager"),
        "{:#?}",
        a.levels.fits
    );
}

#[test]
fn a_rules_file_changes_the_kinds() {
    let mut opts = week();
    let text = "[[rule]]\nid = \"syncs-are-planning\"\nkind = \"planning\"\ntitle_any = [\"sync\"]\n\n\
                [[rule]]\nid = \"rest\"\nkind = \"other\"\n";
    opts.rules = Some(Rules::parse(text, "mine.toml").unwrap());
    let a = run(
        &[Occ::floating("Weekly sync", local(2026, 1, 5, 10, 0), 60)],
        &opts,
    );
    assert_eq!(a.categories.planning, 1.0);
    assert_eq!(a.settings.rules, "mine.toml");
}

#[test]
fn an_empty_window_is_refused() {
    use dualtrack_calendar::analysis::{Context, analyze_occurrences};
    let opts = options(date(2026, 1, 5), date(2026, 1, 5), Tz::UTC);
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let e = analyze_occurrences(&[], &Context::default(), &opts, &fw).unwrap_err();
    assert!(
        e.to_string()
            .contains("`to` 2026-01-05 must be after `from`"),
        "{e}"
    );
}

#[test]
fn events_outside_the_window_are_ignored() {
    let a = run(
        &[
            Occ::floating("Ana 1:1", local(2026, 1, 2, 10, 0), 60),
            Occ::floating("Ana 1:1", local(2026, 1, 12, 10, 0), 60),
            Occ::all_day("Vacation", date(2026, 1, 1), 2),
        ],
        &week(),
    );
    assert_eq!(a.counts.total, 0);
    assert_eq!(a.hours.meetings, 0.0);
}
