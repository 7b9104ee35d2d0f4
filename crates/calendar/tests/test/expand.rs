//! Expansion of real-world shaped calendars (Google, Outlook, Apple), end to end: every
//! occurrence's start and end as the JSON output writes them.

use std::path::Path;

use chrono::NaiveDate;
use dualtrack_calendar::{
    Calendar, CalendarError, EventStatus, EventTime, ExpandWindow, Expansion, Limits, Occurrence,
    PartStat, WarningKind, expand, parse, parse_with_limits,
};
use proptest::prelude::*;

fn fixture(name: &str) -> Calendar {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse(&bytes, name).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(from: &str, to: &str, tz: chrono_tz::Tz) -> ExpandWindow {
    ExpandWindow {
        from: date(from),
        to: date(to),
        tz,
    }
}

fn run(cals: &[Calendar], from: &str, to: &str, tz: chrono_tz::Tz) -> Expansion {
    expand(cals, &window(from, to, tz), &Limits::default())
}

fn text(t: &EventTime) -> String {
    serde_json::to_value(t)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// `start end` of each occurrence of `uid`, in order.
fn spans(exp: &Expansion, uid: &str) -> Vec<String> {
    exp.occurrences
        .iter()
        .filter(|o| &*o.uid == uid)
        .map(|o| format!("{} {}", text(&o.start), text(&o.end)))
        .collect()
}

fn only<'a>(exp: &'a Expansion, uid: &str, start: &str) -> &'a Occurrence {
    let found: Vec<_> = exp
        .occurrences
        .iter()
        .filter(|o| &*o.uid == uid && text(&o.start) == start)
        .collect();
    assert_eq!(found.len(), 1, "{uid} at {start}: {found:?}");
    found[0]
}

#[test]
fn google_series_across_dst_with_exdate_moved_and_cancelled_instances() {
    let cal = fixture("expand-google.ics");
    assert_eq!(cal.x_wr_timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(cal.default_tz(), Some(chrono_tz::Europe::Berlin));
    assert!(cal.skipped.is_empty(), "{:?}", cal.skipped);
    let exp = run(
        &[cal],
        "2024-03-25",
        "2024-04-08",
        chrono_tz::Europe::Berlin,
    );
    // 27 March is an EXDATE, 1 April moved to 2 April, 3 April cancelled, 8 April is --to.
    assert_eq!(
        spans(&exp, "standup-7f3a@google.com"),
        [
            "2024-03-25T09:30:00+01:00 2024-03-25T09:45:00+01:00",
            "2024-04-02T11:00:00+02:00 2024-04-02T11:15:00+02:00",
            "2024-04-03T09:30:00+02:00 2024-04-03T09:45:00+02:00",
        ]
    );
    let moved = only(&exp, "standup-7f3a@google.com", "2024-04-02T11:00:00+02:00");
    assert_eq!(
        moved.recurrence_id.as_ref().map(text).as_deref(),
        Some("2024-04-01T09:30:00+02:00")
    );
    assert_eq!(
        moved.summary.as_deref(),
        Some("Team standup (moved: Easter Monday)")
    );
    assert_eq!(moved.attendees[0].partstat, PartStat::Tentative);
    let cancelled = only(&exp, "standup-7f3a@google.com", "2024-04-03T09:30:00+02:00");
    assert_eq!(cancelled.status, EventStatus::Cancelled);
    let first = only(&exp, "standup-7f3a@google.com", "2024-03-25T09:30:00+01:00");
    assert!(first.recurring);
    assert_eq!(first.organizer.as_deref(), Some("boss@example.com"));
    let people: Vec<_> = first
        .attendees
        .iter()
        .map(|a| (a.email.as_str(), a.partstat, a.is_resource))
        .collect();
    assert_eq!(
        people,
        [
            ("jane.doe@example.com", PartStat::Accepted, false),
            (
                "c_room4@resource.calendar.google.com",
                PartStat::Accepted,
                true
            ),
            ("bob@example.com", PartStat::Declined, false),
        ]
    );
}

#[test]
fn google_all_day_utc_escapes_categories_and_event_kind() {
    let exp = run(
        &[fixture("expand-google.ics")],
        "2024-03-25",
        "2024-04-08",
        chrono_tz::Europe::Berlin,
    );
    let offsite = only(&exp, "offsite-prep@google.com", "2024-03-28");
    assert!(offsite.all_day && offsite.transparent);
    assert_eq!(text(&offsite.end), "2024-03-29");
    assert_eq!(
        spans(&exp, "birthday-ana@google.com"),
        ["2024-04-04 2024-04-05"]
    );
    let planning = only(&exp, "planning-q2@google.com", "2024-04-05T13:00:00+00:00");
    assert_eq!(planning.summary.as_deref(), Some("Planning, Q2 ; budget"));
    assert_eq!(*planning.categories, ["Planning", "Budget"]);
    let focus = only(&exp, "focus-1@google.com", "2024-04-04T14:00:00+02:00");
    assert_eq!(focus.event_kind.as_deref(), Some("focustime"));
    // Sorted by start instant.
    let starts: Vec<_> = exp
        .occurrences
        .iter()
        .map(|o| o.start_in(chrono_tz::UTC))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn outlook_windows_names_custom_zone_and_shortened_instance() {
    let cal = fixture("expand-outlook.ics");
    let custom: Vec<_> = cal
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::CustomZoneRules)
        .collect();
    assert_eq!(custom.len(), 1, "{:?}", cal.warnings);
    assert!(custom[0].message.contains("Customized Time Zone"));
    let exp = run(
        &[cal],
        "2024-10-14",
        "2024-11-12",
        chrono_tz::Europe::Berlin,
    );
    let one_on_one =
        "040000008200E00074C5B7101A82E00800000000D0F1C6A6C9A3DA01000000000000000010000000B2A1";
    // COUNT=4 weekly, DST ends in Europe on 27 October; the 24th is shortened to 30 minutes.
    assert_eq!(
        spans(&exp, one_on_one),
        [
            "2024-10-17T14:00:00+02:00 2024-10-17T15:00:00+02:00",
            "2024-10-24T14:00:00+02:00 2024-10-24T14:30:00+02:00",
            "2024-10-31T14:00:00+01:00 2024-10-31T15:00:00+01:00",
            "2024-11-07T14:00:00+01:00 2024-11-07T15:00:00+01:00",
        ]
    );
    assert_eq!(
        exp.occurrences
            .iter()
            .find(|o| *o.uid == *one_on_one)
            .unwrap()
            .event_kind
            .as_deref(),
        Some("busy")
    );
    // The custom zone's own rules: DST ends on the first Sunday of November (3 Nov 2024);
    // UNTIL 13:00Z is exactly 08:00 EST on the 5th, so that day is included.
    let early =
        "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5DA01000000000000000010000000C3D4";
    assert_eq!(
        spans(&exp, early),
        [
            "2024-11-01T08:00:00-04:00 2024-11-01T08:30:00-04:00",
            "2024-11-02T08:00:00-04:00 2024-11-02T08:30:00-04:00",
            "2024-11-03T08:00:00-05:00 2024-11-03T08:30:00-05:00",
            "2024-11-04T08:00:00-05:00 2024-11-04T08:30:00-05:00",
            "2024-11-05T08:00:00-05:00 2024-11-05T08:30:00-05:00",
        ]
    );
    let travel =
        "040000008200E00074C5B7101A82E00800000000FFEEDDCCBBAADA01000000000000000010000000D5E6";
    assert_eq!(
        spans(&exp, travel),
        ["2024-11-04T09:00:00-08:00 2024-11-04T10:00:00-08:00"]
    );
    let conference =
        "040000008200E00074C5B7101A82E008000000001122334455667788000000000000000010000000E7F8";
    assert_eq!(spans(&exp, conference), ["2024-11-06 2024-11-09"]);
}

#[test]
fn apple_floating_duration_defaults_rdate_periods_and_this_and_future() {
    let exp = run(
        &[fixture("expand-apple.ics")],
        "2024-06-01",
        "2024-07-01",
        chrono_tz::America::New_York,
    );
    let uid = |n: u32| format!("A1B2C3D4-000{n}-4F00-9000-00000000000{n}");
    assert_eq!(
        spans(&exp, &uid(1)),
        ["2024-06-10T09:00:00 2024-06-10T10:00:00"]
    );
    assert_eq!(
        spans(&exp, &uid(2)),
        ["2024-06-11T15:00:00-04:00 2024-06-11T16:30:00-04:00"]
    );
    // No DTEND: a date-time lasts zero time, a date one day (RFC 5545 3.6.1).
    assert_eq!(
        spans(&exp, &uid(3)),
        ["2024-06-12T12:00:00-04:00 2024-06-12T12:00:00-04:00"]
    );
    assert_eq!(spans(&exp, &uid(4)), ["2024-06-12 2024-06-13"]);
    assert_eq!(
        spans(&exp, &uid(5)),
        [
            "2024-06-13T10:00:00-04:00 2024-06-13T11:00:00-04:00",
            "2024-06-14T16:00:00-04:00 2024-06-14T18:00:00-04:00",
            "2024-06-15T08:00:00-04:00 2024-06-15T08:30:00-04:00",
            "2024-06-16T10:00:00-04:00 2024-06-16T11:00:00-04:00",
        ]
    );
    assert_eq!(
        spans(&exp, &uid(6)),
        [
            "2024-06-03T16:00:00-04:00 2024-06-03T17:00:00-04:00",
            "2024-06-10T16:00:00-04:00 2024-06-10T17:00:00-04:00",
            "2024-06-17T17:00:00-04:00 2024-06-17T18:00:00-04:00",
            "2024-06-24T17:00:00-04:00 2024-06-24T18:00:00-04:00",
        ]
    );
    let later = only(&exp, &uid(6), "2024-06-24T17:00:00-04:00");
    assert_eq!(later.summary.as_deref(), Some("Reading group (new time)"));
    assert_eq!(
        later.recurrence_id.as_ref().map(text).as_deref(),
        Some("2024-06-24T16:00:00-04:00")
    );
    // EXDATE written as a DATE removes that day's instance of a timed series.
    let runs: Vec<_> = spans(&exp, &uid(7))
        .iter()
        .map(|s| s[..10].to_string())
        .collect();
    assert_eq!(
        runs,
        ["2024-06-20", "2024-06-21", "2024-06-23", "2024-06-24"]
    );
}

#[test]
fn floating_times_are_read_in_the_window_zone() {
    let cal = fixture("expand-apple.ics");
    // 09:00 floating on 10 June is inside a window that ends on the 11th in any zone...
    let exp = run(
        std::slice::from_ref(&cal),
        "2024-06-10",
        "2024-06-11",
        chrono_tz::Asia::Tokyo,
    );
    let breakfast = only(
        &exp,
        "A1B2C3D4-0001-4F00-9000-000000000001",
        "2024-06-10T09:00:00",
    );
    assert_eq!(
        breakfast.start_in(chrono_tz::Asia::Tokyo).to_rfc3339(),
        "2024-06-10T09:00:00+09:00"
    );
    // ...while a zoned 10:00-11:00 New York event on the 13th is 23:00-00:00 in Tokyo: inside
    // Tokyo's 13th, and not inside its 14th (the end touching midnight is no overlap).
    let workshop = "A1B2C3D4-0005-4F00-9000-000000000005";
    let day = |d: &str, to: &str| {
        spans(
            &run(std::slice::from_ref(&cal), d, to, chrono_tz::Asia::Tokyo),
            workshop,
        )
    };
    assert_eq!(
        day("2024-06-13", "2024-06-14"),
        ["2024-06-13T10:00:00-04:00 2024-06-13T11:00:00-04:00"]
    );
    assert!(day("2024-06-14", "2024-06-15").is_empty());
}

#[test]
fn malformed_lines_are_skipped_with_their_line_numbers() {
    let cal = fixture("expand-malformed.ics");
    let lines: Vec<usize> = cal.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 8, 12, 19, 25], "{:#?}", cal.skipped);
    assert!(cal.skipped[0].reason.contains("not a property line"));
    assert!(cal.skipped[2].reason.contains("DTSTART `2024-01-03 09:00`"));
    assert!(cal.skipped[3].reason.contains("END:VTODO"));
    assert!(cal.skipped[4].reason.contains("never ended"));
    assert_eq!(
        cal.skipped[0].to_string(),
        format!("expand-malformed.ics:3: skipped: {}", cal.skipped[0].reason)
    );
    let bad_rule: Vec<_> = cal
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::BadRecurrence)
        .collect();
    assert_eq!(bad_rule.len(), 1);
    assert_eq!(bad_rule[0].line, 17);
    let exp = run(&[cal], "2024-01-01", "2024-02-01", chrono_tz::UTC);
    let uids: Vec<_> = exp.occurrences.iter().map(|o| &*o.uid).collect();
    assert_eq!(uids, ["good-1", "bad-rrule", "good-2"]);
    assert_eq!(exp.skipped.len(), 5);
}

#[test]
fn several_files_merge_by_uid_keeping_the_newest_copy() {
    let a = fixture("expand-google.ics");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/expand-google.ics"),
    )
    .unwrap()
    .replace(
        "SUMMARY:Planning\\, Q2 \\; budget",
        "SUMMARY:Planning (rescheduled)",
    )
    .replace(
        "DTSTART:20240405T130000Z\r\nDTEND:20240405T140000Z",
        "DTSTART:20240405T150000Z\r\nDTEND:20240405T160000Z",
    )
    .replace(
        "UID:planning-q2@google.com\r\n",
        "UID:planning-q2@google.com\r\nLAST-MODIFIED:20240402T000000Z\r\n",
    );
    let b = parse(text.as_bytes(), "copy.ics").unwrap();
    let exp = run(
        &[a, b],
        "2024-03-25",
        "2024-04-08",
        chrono_tz::Europe::Berlin,
    );
    assert_eq!(
        spans(&exp, "planning-q2@google.com"),
        ["2024-04-05T15:00:00+00:00 2024-04-05T16:00:00+00:00"]
    );
    assert_eq!(
        spans(&exp, "standup-7f3a@google.com").len(),
        3,
        "overrides are not doubled"
    );
    assert!(
        exp.warnings
            .iter()
            .any(|w| w.kind == WarningKind::Duplicate && w.source == "expand-google.ics")
    );
}

#[test]
fn runaway_rules_stop_at_the_caps_with_a_warning() {
    let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:s\nDTSTART:20240101T000000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\n\
               BEGIN:VEVENT\nUID:c\nDTSTART:19000101T000000Z\nRRULE:FREQ=MINUTELY;COUNT=4000000000;BYSECOND=0,30\nEND:VEVENT\n\
               BEGIN:VEVENT\nUID:n\nDTSTART:20240101T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=-400\nEND:VEVENT\nEND:VCALENDAR\n";
    let cal = parse(ics.as_bytes(), "hostile.ics").unwrap();
    let limits = Limits {
        max_instances_per_series: 500,
        max_candidates_per_series: 100_000,
        ..Limits::default()
    };
    let exp = expand(
        &[cal],
        &window("2024-01-01", "2025-01-01", chrono_tz::UTC),
        &limits,
    );
    assert_eq!(
        exp.occurrences.iter().filter(|o| &*o.uid == "s").count(),
        500
    );
    assert!(
        exp.warnings
            .iter()
            .any(|w| w.kind == WarningKind::SeriesCapped && w.uid.as_deref() == Some("s"))
    );
    assert!(
        exp.warnings
            .iter()
            .any(|w| w.kind == WarningKind::IteratorGaveUp && w.uid.as_deref() == Some("c"))
    );
    // An impossible rule yields only DTSTART.
    assert_eq!(exp.occurrences.iter().filter(|o| &*o.uid == "n").count(), 1);
}

#[test]
fn many_slow_series_share_one_candidate_budget() {
    let mut ics = String::from("BEGIN:VCALENDAR\n");
    for i in 0..200 {
        // Never matches (day 366 is never in January), and COUNT forbids skipping ahead.
        ics.push_str(&format!(
            "BEGIN:VEVENT\nUID:slow-{i}\nDTSTART:19000101T000000Z\n\
             RRULE:FREQ=SECONDLY;COUNT=5;BYYEARDAY=366;BYMONTH=1\nEND:VEVENT\n"
        ));
    }
    ics.push_str("END:VCALENDAR\n");
    let cal = parse(ics.as_bytes(), "slow.ics").unwrap();
    let limits = Limits {
        max_candidates_total: 1_000_000,
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let exp = expand(
        &[cal],
        &window("2024-01-01", "2025-01-01", chrono_tz::UTC),
        &limits,
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let total: Vec<_> = exp
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::TotalCapped)
        .collect();
    assert_eq!(total.len(), 1, "warned once: {:?}", exp.warnings.len());
}

#[test]
fn a_huge_guest_list_repeated_hourly_stops_at_the_copy_budget() {
    let mut ics = String::from(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:crowd\nDTSTART:20240101T000000Z\nRRULE:FREQ=HOURLY\n",
    );
    for i in 0..20_000 {
        ics.push_str(&format!("ATTENDEE:mailto:guest{i}@example.com\n"));
    }
    ics.push_str("END:VEVENT\nEND:VCALENDAR\n");
    let cal = parse(ics.as_bytes(), "crowd.ics").unwrap();
    assert_eq!(cal.events[0].attendees.len(), 20_000);
    let limits = Limits {
        max_copied_entries: 100_000,
        ..Limits::default()
    };
    let exp = expand(
        &[cal],
        &window("2024-01-01", "2025-01-01", chrono_tz::UTC),
        &limits,
    );
    assert_eq!(
        exp.occurrences.len(),
        4,
        "100 000 entries buy four copies of 20 001"
    );
    assert!(
        exp.warnings
            .iter()
            .any(|w| w.kind == WarningKind::TotalCapped)
    );
}

#[test]
fn oversized_and_non_calendar_input_is_refused_with_a_reason() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let err =
        parse_with_limits(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "big.ics", &limits).unwrap_err();
    assert!(matches!(
        err,
        CalendarError::TooLarge {
            bytes: 32,
            limit: 10,
            ..
        }
    ));
    assert!(err.to_string().starts_with("big.ics: 32 bytes"));
    let err = parse(b"%PDF-1.7 not a calendar", "doc.pdf").unwrap_err();
    assert_eq!(
        err,
        CalendarError::NotICalendar {
            file: "doc.pdf".into()
        }
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, "fuzz.ics");
    }

    #[test]
    fn parse_never_panics_on_calendar_shaped_noise(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("BEGIN:VEVENT".to_string()),
                Just("END:VEVENT".to_string()),
                Just("BEGIN:VALARM".to_string()),
                Just("END:VCALENDAR".to_string()),
                "[A-Z-]{1,12}(;[A-Z]{1,6}=[^\r\n:]{0,10})?:[ -~]{0,30}",
                " [ -~]{0,20}",
            ],
            0..40,
        )
    ) {
        let text = format!("BEGIN:VCALENDAR\r\n{}\r\n", lines.join("\r\n"));
        if let Ok(cal) = parse(text.as_bytes(), "noise.ics") {
            let _ = run(&[cal], "2024-01-01", "2024-02-01", chrono_tz::Europe::Berlin);
        }
    }

    #[test]
    fn expanding_arbitrary_rules_terminates_within_the_caps(
        freq in prop_oneof![Just("YEARLY"), Just("MONTHLY"), Just("WEEKLY"), Just("DAILY"),
                            Just("HOURLY"), Just("MINUTELY"), Just("SECONDLY")],
        parts in proptest::collection::vec(
            prop_oneof![
                (1u32..1000).prop_map(|n| format!("INTERVAL={n}")),
                (1u32..u32::MAX).prop_map(|n| format!("COUNT={n}")),
                (-400i32..400).prop_map(|n| format!("BYSETPOS={n}")),
                (-40i32..40).prop_map(|n| format!("BYMONTHDAY={n}")),
                (-370i32..370).prop_map(|n| format!("BYYEARDAY={n}")),
                (-55i32..55).prop_map(|n| format!("BYWEEKNO={n}")),
                (0u32..14).prop_map(|n| format!("BYMONTH={n}")),
                (0u32..25).prop_map(|n| format!("BYHOUR={n}")),
                (0u32..61).prop_map(|n| format!("BYMINUTE={n},{}", (n * 7) % 60)),
                (0u32..62).prop_map(|n| format!("BYSECOND={n}")),
                (-6i32..6).prop_map(|n| format!("BYDAY={n}MO,TU,-1FR")),
                Just("WKST=SU".to_string()),
                Just("UNTIL=20240301T000000Z".to_string()),
            ],
            0..5,
        ),
        all_day in any::<bool>(),
    ) {
        let start = if all_day { "DTSTART;VALUE=DATE:20231230" } else { "DTSTART:20231230T101500Z" };
        let rule = std::iter::once(format!("FREQ={freq}")).chain(parts).collect::<Vec<_>>().join(";");
        let ics = format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:p\r\n{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        let cal = parse(ics.as_bytes(), "rule.ics").unwrap();
        let limits = Limits { max_instances_per_series: 2_000, max_candidates_per_series: 200_000, ..Limits::default() };
        let started = std::time::Instant::now();
        let exp = expand(&[cal], &window("2024-01-01", "2024-03-01", chrono_tz::UTC), &limits);
        prop_assert!(exp.occurrences.len() <= 2_001, "{} occurrences for {rule}", exp.occurrences.len());
        prop_assert!(started.elapsed() < std::time::Duration::from_secs(5), "{rule} took {:?}", started.elapsed());
    }
}
