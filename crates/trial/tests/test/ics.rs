//! The `.ics` feed: RFC 5545 shape, read back by the project's own parser and by the Python peer
//! (`icalendar` + `recurring_ical_events`; skipped with a reason when either is missing).

use std::process::Command;

use chrono::{TimeZone, Utc};
use dualtrack_calendar::expand::ExpandWindow;
use dualtrack_calendar::parse_limits::Limits;
use dualtrack_trial::{Trial, TrialContent, render_ics};

use super::common::*;

fn feed(content: &TrialContent) -> (Trial, String) {
    let t = trial(content);
    let stamp = Utc.with_ymd_and_hms(2026, 1, 5, 8, 30, 0).unwrap();
    let ics = render_ics(&t, content, stamp);
    (t, ics)
}

#[test]
fn the_feed_is_crlf_folded_and_stamped() {
    let content = content();
    let (t, ics) = feed(&content);
    let weekly = t.schedule(&content).checkins.len();
    assert_eq!(weekly, 25, "Jan 12 to Jun 29, inside the six months");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert_eq!(
        ics.matches("DTSTAMP:20260105T083000Z").count(),
        ics.matches("BEGIN:VEVENT").count()
    );
    assert!(ics.contains("UID:t-1-checkin@dualtrack\r\n"));
    assert!(ics.contains(&format!("RRULE:FREQ=WEEKLY;COUNT={weekly}\r\n")));
    assert!(ics.replace("\r\n ", "").contains(
        "DESCRIPTION:A minute's check-in on this week of the trial: what gave you energy\\, "
    ));
}

#[test]
fn the_projects_own_parser_reads_every_date() {
    let content = content();
    let (t, ics) = feed(&content);
    let schedule = t.schedule(&content);
    let calendar = dualtrack_calendar::parse(ics.as_bytes(), "trial.ics").unwrap();
    assert!(calendar.skipped.is_empty(), "{:?}", calendar.skipped);
    let window = ExpandWindow {
        from: t.spec.start,
        to: day(2026, 8, 1),
        tz: chrono_tz::Tz::UTC,
    };
    let expansion = dualtrack_calendar::expand(&[calendar], &window, &Limits::default());
    assert!(expansion.warnings.is_empty(), "{:?}", expansion.warnings);
    assert_eq!(
        expansion.occurrences.len(),
        schedule.checkins.len() + schedule.gates.len()
    );
    assert!(
        expansion
            .occurrences
            .iter()
            .all(|o| o.all_day && o.transparent)
    );
}

#[test]
fn the_python_peer_reads_every_date() {
    let content = content();
    let (t, ics) = feed(&content);
    let schedule = t.schedule(&content);
    let script = r#"
import sys
try:
    import icalendar, recurring_ical_events
except ImportError as e:
    print("MISSING", e)
    sys.exit(0)
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = recurring_ical_events.of(cal).between((2026, 1, 1), (2026, 8, 1))
print("COUNT", len(events))
for e in sorted(events, key=lambda e: str(e["DTSTART"].dt)):
    print(e["DTSTART"].dt.isoformat(), str(e["SUMMARY"]))
"#;
    let child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    // CI installs the peer and sets this, so there the check cannot quietly skip.
    let required = std::env::var_os("DUALTRACK_REQUIRE_ICAL_PEER").is_some();
    let Ok(mut child) = child else {
        assert!(
            !required,
            "DUALTRACK_REQUIRE_ICAL_PEER is set but python3 is not on PATH"
        );
        println!("skipped: the Python peer check needs python3, which is not on PATH");
        return;
    };
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(ics.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if stdout.starts_with("MISSING") {
        assert!(
            !required,
            "DUALTRACK_REQUIRE_ICAL_PEER is set but the peer is missing: {stdout}"
        );
        println!(
            "skipped: the Python peer check needs icalendar and recurring_ical_events ({})",
            stdout.trim()
        );
        return;
    }
    let count = schedule.checkins.len() + schedule.gates.len();
    assert!(stdout.starts_with(&format!("COUNT {count}\n")), "{stdout}");
    assert!(stdout.contains("2026-01-12 Trial check-in"), "{stdout}");
    assert!(
        stdout.contains("2026-03-30 Trial review: First gate (12 weeks)"),
        "{stdout}"
    );
}
