//! Awkward files real exports contain, checked against the Python peer
//! `recurring_ical_events` 3.8 (asked for 2025-12-01 to 2026-02-01; its answers are in each
//! test's doc comment). Where we differ, docs/calendar.md says why.

use std::path::Path;

use chrono::NaiveDate;
use dualtrack_calendar::{
    AnalyzeOptions, Calendar, EventStatus, ExpandWindow, Expansion, Limits, analyze, expand, parse,
};

fn read(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/awkward")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cal(name: &str) -> Calendar {
    parse(&read(name), name).unwrap()
}

fn run(name: &str) -> Expansion {
    let window = ExpandWindow {
        from: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        tz: chrono_tz::Tz::UTC,
    };
    expand(&[cal(name)], &window, &Limits::default())
}

/// `start end` of every occurrence, as the JSON output writes them.
fn spans(exp: &Expansion) -> Vec<String> {
    exp.occurrences
        .iter()
        .map(|o| {
            let j = serde_json::to_value(o).unwrap();
            format!(
                "{} {}",
                j["start"].as_str().unwrap(),
                j["end"].as_str().unwrap()
            )
        })
        .collect()
}

fn all_warnings(exp: &Expansion) -> String {
    exp.warnings
        .iter()
        .map(|w| w.message.clone())
        .chain(exp.skipped.iter().map(|s| s.reason.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Peer: refuses the whole file ("UNTIL parameter has a bad format"). RFC 5545 forbids COUNT
/// and UNTIL together, so one part is wrong; we keep the part that reads (UNTIL) and warn.
#[test]
fn an_invalid_count_next_to_until_keeps_the_until() {
    let exp = run("count-and-until.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-06T10:00:00+00:00 2026-01-06T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
            "2026-01-08T10:00:00+00:00 2026-01-08T11:00:00+00:00",
        ],
        "{}",
        all_warnings(&exp)
    );
    assert!(
        all_warnings(&exp).contains("COUNT was dropped"),
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: no occurrence at all.
#[test]
fn until_before_dtstart_gives_no_occurrence() {
    let exp = run("until-before-start.ics");
    assert_eq!(spans(&exp), Vec::<String>::new(), "{}", all_warnings(&exp));
    assert!(
        all_warnings(&exp).contains("UNTIL"),
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: only Wednesday 7 January: it drops DTSTART once it lies after the latest UNTIL of
/// any rule, even though the second rule has no UNTIL. We keep DTSTART (5 January) as the
/// first instance (RFC 5545 3.8.5.3): only a rule that has ended can take it away, and the
/// second rule has not. See docs/calendar.md.
#[test]
fn until_before_dtstart_in_one_of_two_rules_keeps_dtstart() {
    let exp = run("until-before-start-second-rule.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
        ],
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: the union of both rules (Mondays 5 and 12, Wednesdays 7 and 14 January).
#[test]
fn several_rrules_give_the_union_of_their_instances() {
    let exp = run("two-rrules.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
            "2026-01-12T10:00:00+00:00 2026-01-12T11:00:00+00:00",
            "2026-01-14T10:00:00+00:00 2026-01-14T11:00:00+00:00",
        ]
    );
}

/// Peer: DTSTART (Monday 5 January) plus two of each rule: Wednesdays 7 and 14, Thursdays
/// 8 and 15 January.
#[test]
fn several_rrules_off_dtstart_each_keep_their_own_count() {
    let exp = run("two-rrules-off-start.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
            "2026-01-08T10:00:00+00:00 2026-01-08T11:00:00+00:00",
            "2026-01-14T10:00:00+00:00 2026-01-14T11:00:00+00:00",
            "2026-01-15T10:00:00+00:00 2026-01-15T11:00:00+00:00",
        ]
    );
}

/// Peer: DTSTART (Monday 5 January) plus two Wednesdays (7 and 14 January): three instances
/// for COUNT=2. RFC 5545 3.3.10 says DTSTART "always counts as the first occurrence", so we
/// keep our reading (libical's too): 5 and 7 January. See docs/calendar.md.
#[test]
fn a_single_rrule_off_dtstart_counts_dtstart_as_its_first_occurrence() {
    let exp = run("count-off-rule-start.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
        ]
    );
}

/// Peer: 5 and 6 January at 10:00, then 7-9 January moved to 14:00 with the new title.
#[test]
fn this_and_future_moves_the_instance_and_every_later_one() {
    let exp = run("this-and-future.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-06T10:00:00+00:00 2026-01-06T11:00:00+00:00",
            "2026-01-07T14:00:00+00:00 2026-01-07T15:00:00+00:00",
            "2026-01-08T14:00:00+00:00 2026-01-08T15:00:00+00:00",
            "2026-01-09T14:00:00+00:00 2026-01-09T15:00:00+00:00",
        ]
    );
    let titles: Vec<_> = exp
        .occurrences
        .iter()
        .map(|o| o.summary.as_deref().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        titles[2..],
        ["Sync (moved)", "Sync (moved)", "Sync (moved)"]
    );
}

/// Peer: 5 January; 7 January kept with STATUS:CANCELLED; 8 January. The 6th is in EXDATE,
/// which wins over its modified instance (deleted after it was moved).
#[test]
fn a_cancelled_or_deleted_modified_instance_does_not_count() {
    let exp = run("cancelled-instance.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
            "2026-01-08T10:00:00+00:00 2026-01-08T11:00:00+00:00",
        ]
    );
    assert_eq!(exp.occurrences[1].status, EventStatus::Cancelled);
    // The analysis counts the cancelled one as cancelled, not busy.
    let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let a = analyze(
        &[(
            "cancelled-instance.ics",
            &read("cancelled-instance.ics")[..],
        )],
        &AnalyzeOptions::new(day(5), day(10)),
        &fw,
    )
    .unwrap();
    assert_eq!(a.counts.busy_instances, 2);
    assert_eq!(a.counts.cancelled, 1);
}

/// Peer: 5 and 7 January at 10:00 Berlin time. The EXDATE is written in UTC against a series
/// in Europe/Berlin and still removes the 6th, which had been moved to 15:00.
#[test]
fn an_exdate_in_another_zone_removes_the_modified_instance_it_names() {
    let exp = run("exdate-other-zone-on-moved.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+01:00 2026-01-05T11:00:00+01:00",
            "2026-01-07T10:00:00+01:00 2026-01-07T11:00:00+01:00",
        ]
    );
}

/// Peer: the ends are swapped (09:00-10:00).
#[test]
fn dtend_before_dtstart() {
    let exp = run("end-before-start.ics");
    assert_eq!(
        spans(&exp),
        ["2026-01-05T09:00:00+00:00 2026-01-05T10:00:00+00:00"],
        "{}",
        all_warnings(&exp)
    );
    assert!(
        all_warnings(&exp).contains("swapped"),
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: a negative DURATION is read like a DTEND before DTSTART: 08:30-10:00.
#[test]
fn a_negative_duration_ends_at_dtstart() {
    let exp = run("negative-duration.ics");
    assert_eq!(
        spans(&exp),
        ["2026-01-05T08:30:00+00:00 2026-01-05T10:00:00+00:00"],
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: a DATE EXDATE removes that day's 10:00 instance; a DATE RDATE adds one at midnight
/// lasting the event's hour; a DATE-TIME RDATE adds one at its time.
#[test]
fn dates_and_date_times_mixed_in_dtstart_exdate_and_rdate() {
    let exp = run("mixed-date-kinds.ics");
    assert_eq!(
        spans(&exp),
        [
            "2026-01-05T10:00:00+00:00 2026-01-05T11:00:00+00:00",
            "2026-01-07T10:00:00+00:00 2026-01-07T11:00:00+00:00",
            "2026-01-08T10:00:00+00:00 2026-01-08T11:00:00+00:00",
            "2026-01-09T10:00:00+00:00 2026-01-09T11:00:00+00:00",
            "2026-01-10T00:00:00+00:00 2026-01-10T01:00:00+00:00",
            "2026-01-11T15:00:00+00:00 2026-01-11T16:00:00+00:00",
        ],
        "{}",
        all_warnings(&exp)
    );
}

/// Peer: 10:00 in New York (15:00 UTC). `expand` keeps the time floating; the analysis reads
/// it in the calendar's X-WR-TIMEZONE, so it lands inside New York working hours.
#[test]
fn floating_times_are_read_in_the_calendars_x_wr_timezone() {
    let exp = run("floating-with-wr-timezone.ics");
    assert_eq!(spans(&exp), ["2026-01-05T10:00:00 2026-01-05T11:00:00"]);
    let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let mut options = AnalyzeOptions::new(day(5), day(6));
    options.work_hours = "09:00-10:30".parse().unwrap();
    let a = analyze(
        &[(
            "floating-with-wr-timezone.ics",
            &read("floating-with-wr-timezone.ics")[..],
        )],
        &options,
        &fw,
    )
    .unwrap();
    assert_eq!(a.window.tz, "America/New_York");
    // 10:00-10:30 of the meeting falls inside 09:00-10:30 New York time.
    assert!(
        (a.hours.meetings - 0.5).abs() < 1e-9,
        "{}",
        a.hours.meetings
    );
}

/// Regression (walkthrough defect 1): a 35 MB line of `A`s was copied whole into its
/// skipped-line message, twice. Every message quoting input quotes a short excerpt, cut on a
/// character boundary.
#[test]
fn a_huge_malformed_line_is_quoted_as_a_short_excerpt() {
    let huge = "A".repeat(2 * 1024 * 1024);
    let wide = "é".repeat(100_000);
    let ics = format!(
        "BEGIN:VCALENDAR\r\n{huge}\r\n{wide}\r\nBEGIN:{huge}\r\nEND:{huge}\r\nEND:{huge}\r\n\
         BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID={huge}:20260105T100000\r\n\
         DTEND;TZID={huge}:20260105T110000\r\nRRULE:FREQ=WEEKLY;INTERVAL={huge}\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let cal = parse(ics.as_bytes(), "big.ics").unwrap();
    assert!(!cal.skipped.is_empty());
    let window = ExpandWindow {
        from: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
        tz: chrono_tz::Tz::UTC,
    };
    let exp = expand(std::slice::from_ref(&cal), &window, &Limits::default());
    let messages: Vec<&str> = cal
        .skipped
        .iter()
        .map(|s| s.reason.as_str())
        .chain(cal.warnings.iter().map(|w| w.message.as_str()))
        .chain(exp.skipped.iter().map(|s| s.reason.as_str()))
        .chain(exp.warnings.iter().map(|w| w.message.as_str()))
        .collect();
    assert!(messages.len() >= 3, "{messages:?}");
    for m in &messages {
        assert!(
            m.chars().count() < 400,
            "a message quotes too much: {} chars",
            m.len()
        );
    }
    let joined = messages.join("\n");
    assert!(joined.contains(&format!("{}…", "A".repeat(60))), "{joined}");
    assert!(joined.contains(&format!("{}…", "é".repeat(60))), "{joined}");
    // The analysis carries the same short messages.
    let options = AnalyzeOptions::new(window.from, window.to);
    let framework = dualtrack_framework::Framework::embedded().unwrap();
    let a = analyze(&[("big.ics", ics.as_bytes())], &options, &framework).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert!(
        json.len() < 64 * 1024,
        "the analysis is {} bytes",
        json.len()
    );
}
