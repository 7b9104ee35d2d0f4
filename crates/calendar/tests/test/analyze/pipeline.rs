//! The whole engine call, `.ics` bytes to `Analysis`.

use chrono_tz::Tz;
use dualtrack_calendar::analysis::{OwnerSource, Rules};
use dualtrack_calendar::{AnalyzeOptions, CalendarError, analyze};
use dualtrack_framework::Framework;

use super::build::date;

fn ics(events: &str) -> Vec<u8> {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:me@acme.com\r\n\
         X-WR-TIMEZONE:Europe/Berlin\r\n{events}END:VCALENDAR\r\n"
    )
    .into_bytes()
}

/// A weekly 09:00 Berlin meeting across the spring clock change, one instance excluded.
const WEEKLY: &str = "BEGIN:VEVENT\r\nUID:weekly@acme.com\r\nDTSTAMP:20260101T000000Z\r\n\
    DTSTART;TZID=Europe/Berlin:20260316T090000\r\nDTEND;TZID=Europe/Berlin:20260316T100000\r\n\
    RRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE;TZID=Europe/Berlin:20260406T090000\r\n\
    SUMMARY:Staff sync\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@acme.com\r\n\
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@acme.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ben@acme.com\r\n\
    END:VEVENT\r\n";

#[test]
fn a_recurring_meeting_keeps_its_wall_clock_hour_across_the_clock_change() {
    let fw = Framework::embedded().unwrap();
    let options = AnalyzeOptions::new(date(2026, 3, 16), date(2026, 4, 20));
    let a = analyze(&[("work.ics", &ics(WEEKLY))], &options, &fw).unwrap();
    super::assert_consistent(&a);
    assert_eq!(a.window.tz, "Europe/Berlin");
    assert_eq!(a.window.tz_source, "calendar");
    assert_eq!(a.owner_source, OwnerSource::CalendarName);
    // Five weekly instances, one excluded: four hours, one per week except the week of 6 April.
    assert_eq!(a.counts.busy_instances, 4);
    assert_eq!(a.hours.meetings, 4.0);
    assert_eq!(a.categories.team, 4.0);
    let per_week: Vec<f64> = a.weeks.iter().map(|w| w.hours.meetings).collect();
    assert_eq!(per_week, [1.0, 1.0, 1.0, 0.0, 1.0]);
}

#[test]
fn an_explicit_zone_beats_the_calendars_zone() {
    let fw = Framework::embedded().unwrap();
    let mut options = AnalyzeOptions::new(date(2026, 3, 16), date(2026, 4, 20));
    options.tz = Some(Tz::UTC);
    let a = analyze(&[("work.ics", &ics(WEEKLY))], &options, &fw).unwrap();
    assert_eq!(a.window.tz, "UTC");
    // 09:00 Berlin is 08:00 or 07:00 UTC: before a 09:00-17:00 UTC working day.
    assert_eq!(a.hours.meetings, 0.0);
    assert_eq!(a.counts.busy_instances, 4);
}

#[test]
fn several_files_are_merged() {
    let fw = Framework::embedded().unwrap();
    let other = "BEGIN:VEVENT\r\nUID:review@acme.com\r\nDTSTAMP:20260101T000000Z\r\n\
        DTSTART:20260317T130000Z\r\nDTEND:20260317T140000Z\r\nSUMMARY:Design review\r\nEND:VEVENT\r\n";
    let options = AnalyzeOptions::new(date(2026, 3, 16), date(2026, 3, 21));
    let (a, b) = (ics(WEEKLY), ics(other));
    let result = analyze(&[("a.ics", &a), ("b.ics", &b)], &options, &fw).unwrap();
    assert_eq!(result.hours.meetings, 2.0);
    assert_eq!(result.categories.cross_functional, 1.0);
}

#[test]
fn a_bad_rules_file_is_reported_with_its_position() {
    let e = Rules::parse("precedence = [\"team\", 7]\n", "rules.toml").unwrap_err();
    let e = CalendarError::from(dualtrack_calendar::analysis::AnalysisError::from(e));
    assert!(e.to_string().starts_with("rules.toml:1:"), "{e}");
}

#[test]
fn input_that_is_not_a_calendar_is_refused() {
    let fw = Framework::embedded().unwrap();
    let options = AnalyzeOptions::new(date(2026, 3, 16), date(2026, 3, 21));
    let e = analyze(&[("notes.txt", b"hello")], &options, &fw).unwrap_err();
    assert!(e.to_string().contains("notes.txt"), "{e}");
}
