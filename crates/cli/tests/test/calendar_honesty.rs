//! `dualtrack calendar` where the evidence is thin, old, huge or read in the wrong zone: the
//! defects a user walkthrough found, each with its test.

use super::calendar::{analyze_args, close};
use super::common::*;

// ---- walkthrough defects -----------------------------------------------------------------

/// More arguments at once.
trait With {
    fn with(self, args: &[&str]) -> Self;
}

impl With for Run {
    fn with(self, args: &[&str]) -> Self {
        args.iter().fold(self, |run, a| run.arg(a))
    }
}

/// A calendar file holding `body` between BEGIN:VCALENDAR and END:VCALENDAR.
fn calendar_file(
    dir: &tempfile::TempDir,
    name: &str,
    head: &str,
    body: &str,
) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{head}{body}END:VCALENDAR\r\n"
        ),
    )
    .unwrap();
    path
}

/// A daily meeting, 10:00-11:00 on the wall clock of `tzid`, from `start` (YYYYMMDD) on.
fn daily(uid: &str, tzid: &str, start: &str, until: Option<&str>, summary: &str) -> String {
    let until = until.map_or(String::new(), |u| format!(";UNTIL={u}T235959Z"));
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n\
         DTSTART;TZID={tzid}:{start}T100000\r\nDTEND;TZID={tzid}:{start}T110000\r\n\
         RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR{until}\r\nSUMMARY:{summary}\r\n\
         ORGANIZER:mailto:kim@example.com\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:kim@example.com\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@example.com\r\nEND:VEVENT\r\n"
    )
}

/// Defect 1: a 35 MB line of `A`s was copied whole into the skipped-line message, twice.
#[test]
fn a_huge_malformed_line_is_quoted_as_a_short_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "A".repeat(3 * 1024 * 1024);
    let file = calendar_file(&dir, "big.ics", "", &format!("{huge}\r\n"));
    for format in ["text", "markdown", "json"] {
        let out = dualtrack(["calendar", "analyze", "--format", format])
            .arg(&file)
            .with(&["--from", "2026-01-05", "--to", "2026-02-02"])
            .ok();
        assert!(
            out.len() < 20_000,
            "{format}: {} bytes of output",
            out.len()
        );
        assert!(
            out.contains(&format!("{}…", "A".repeat(60))),
            "{format}: {out}"
        );
    }
}

/// Defect 2: `--work-hours 9-5` was read as 09:00-05:00, a 20-hour day.
#[test]
fn working_hours_that_end_before_they_start_are_refused_with_how_to_write_them() {
    let err = analyze_args(&["--work-hours", "9-5"]).fails();
    assert!(
        err.contains("end at 05:00, before they start at 09:00"),
        "{err}"
    );
    assert!(err.contains("09:00-17:00"), "{err}");
    // A night shift says so explicitly, and reads as eight hours a day.
    let j = analyze_args(&["--work-hours", "22:00-06:00+1", "--format", "json"]).json();
    assert_eq!(j["settings"]["work_hours"], "22:00-06:00+1");
    assert!(close(&j["hours"]["working"], 32.0), "{}", j["hours"]);
}

/// Defect 3: a Los Angeles calendar analysed in Berlin showed "Meetings 0.0" and advice about
/// the window and the owner, not the zone.
#[test]
fn a_calendar_read_in_another_zone_than_its_own_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let body = daily("a", "America/Los_Angeles", "20260105", None, "Design sync")
        + &daily("b", "America/Los_Angeles", "20260105", None, "1:1 Sam")
            .replace("T100000", "T140000")
            .replace("T110000", "T150000");
    let file = calendar_file(
        &dir,
        "la.ics",
        "X-WR-CALNAME:kim@example.com\r\nX-WR-TIMEZONE:America/Los_Angeles\r\n",
        &body,
    );
    let run = |format: &str| {
        dualtrack(["calendar", "analyze", "--format", format])
            .arg(&file)
            .with(&[
                "--from",
                "2026-01-05",
                "--to",
                "2026-02-02",
                "--tz",
                "Europe/Berlin",
            ])
    };
    let j = run("json").json();
    assert_eq!(j["window"]["tz"], "Europe/Berlin");
    assert_eq!(j["zone_mismatch"]["calendar_tz"], "America/Los_Angeles");
    assert_eq!(j["zone_mismatch"]["used_tz"], "Europe/Berlin");
    let warnings = j["warnings"].to_string();
    assert!(
        warnings.contains("America/Los_Angeles") && warnings.contains("Europe/Berlin"),
        "{warnings}"
    );
    // The thin-evidence advice names the zone before the window and the owner.
    let reason = j["evidence"]["reason"].as_str().unwrap();
    let zone_at = reason.find("Check the zone first").expect(reason);
    assert!(
        zone_at < reason.find("try a window").expect(reason),
        "{reason}"
    );
    let text = run("text").ok();
    assert!(text.contains("set --tz America/Los_Angeles"), "{text}");
    assert!(text.contains("(--from/--to)"), "{text}");
    // Without --tz the calendar's own zone is used and nothing is said.
    let own = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(&file)
        .with(&["--from", "2026-01-05", "--to", "2026-02-02"])
        .json();
    assert_eq!(own["zone_mismatch"], serde_json::Value::Null);
    assert!(close(&own["hours"]["meetings"], 40.0), "{}", own["hours"]);
}

/// Defect 4: the default window reached past today and counted meetings that had not
/// happened; a window years old got no caveat.
#[test]
fn the_default_window_ends_by_today_and_an_old_one_is_called_stale() {
    let dir = tempfile::tempdir().unwrap();
    let file = calendar_file(
        &dir,
        "now.ics",
        "X-WR-CALNAME:kim@example.com\r\nX-WR-TIMEZONE:Europe/Berlin\r\n",
        &daily(
            "a",
            "Europe/Berlin",
            "20261005",
            Some("20261218"),
            "Standup",
        ),
    );
    // Today is Wednesday 9 December 2026; meetings run to the 18th.
    let j = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(&file)
        .env("DUALTRACK_TODAY", "2026-12-09")
        .json();
    assert_eq!(j["window"]["source"], "last_busy_weeks");
    assert_eq!(j["window"]["to"], "2026-12-09");
    assert_eq!(j["window"]["from"], "2026-11-11");
    assert_eq!(j["evidence"]["stale"], false);
    // 20 working days (11 November to 8 December), one standup each.
    assert_eq!(j["counts"]["busy_instances"], 20);

    let old = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(fixture("calendar/google-old.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-11-29")
        .json();
    assert_eq!(old["evidence"]["enough"], true);
    assert_eq!(old["evidence"]["stale"], true);
    assert_eq!(old["evidence"]["finding"], false);
    assert!(
        old["warnings"].to_string().contains("stale evidence"),
        "{}",
        old["warnings"]
    );
    let text = dualtrack(["calendar", "analyze"])
        .arg(fixture("calendar/google-old.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-11-29")
        .ok();
    assert!(text.contains("Caveat: stale evidence"), "{text}");
}

/// Defect 5: an empty window still showed "Focus 160.0 100%" and level distances.
#[test]
fn an_empty_window_shows_no_figures_as_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let file = calendar_file(&dir, "empty.ics", "", "");
    let args = ["--from", "2026-01-05", "--to", "2026-02-02"];
    for format in ["text", "markdown"] {
        let out = dualtrack(["calendar", "analyze", "--format", format])
            .arg(&file)
            .with(&args)
            .ok();
        assert!(out.contains("No figures are shown"), "{format}: {out}");
        assert!(!out.contains("100%"), "{format}: {out}");
        assert!(!out.contains("160.0"), "{format}: {out}");
        assert!(!out.contains("Leadership levels"), "{format}: {out}");
        assert!(out.contains("Closest track: none"), "{format}: {out}");
    }
    let j = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(&file)
        .with(&args)
        .json();
    // The shape stays: every documented field is there, and `finding` says not to read them.
    for key in [
        "window",
        "counts",
        "hours",
        "shares",
        "categories",
        "distance",
        "weeks",
        "evidence",
    ] {
        assert!(!j[key].is_null(), "{key} missing: {j}");
    }
    assert_eq!(j["evidence"]["enough"], false);
    assert_eq!(j["evidence"]["finding"], false);
    assert_eq!(j["closest_track"], serde_json::Value::Null);
}

/// Defect 6: the report said "Management track by your answers, but your calendar looks like
/// an IC's week" from a guessed window seven years old, and hid the guesses and caveats.
#[test]
fn the_report_prints_caveats_and_guesses_and_draws_nothing_from_a_stale_calendar() {
    let report = |format: &str| {
        dualtrack(["report", "--format", format, "--answers"])
            .arg(fixture("report/management-answers.toml"))
            .arg("--calendar")
            .arg(fixture("calendar/google-old.ics"))
            .env("TZ", "UTC")
            .env("DUALTRACK_TODAY", "2026-11-29")
    };
    let j = report("json").json();
    assert_eq!(j["agreement"], "thin_calendar");
    assert_eq!(j["comparison"]["calendar_track"], serde_json::Value::Null);
    assert_eq!(j["calendar_evidence"]["stale"], true);
    assert!(
        !j["headline"].as_str().unwrap().contains("looks like"),
        "{}",
        j["headline"]
    );
    for format in ["markdown", "html"] {
        let out = report(format).ok();
        assert!(
            !out.contains("see the calendar section of the JSON report"),
            "{format}"
        );
        assert!(out.contains("Stale evidence"), "{format}: {out}");
        assert!(out.contains("Guessed, not given"), "{format}: {out}");
        assert!(
            out.contains("To change it, choose the first and last day"),
            "{format}: {out}"
        );
        assert!(
            out.contains("Stale evidence: the window ends on 2014-03-16"),
            "{format}: {out}"
        );
        assert!(
            !out.contains("your calendar looks like an IC"),
            "{format}: {out}"
        );
        assert!(
            !out.contains("--from"),
            "{format}: the report names no flag"
        );
    }
}

/// Defect 7: `--sources` cited only the evidence threshold, not the track profiles or the
/// leadership levels' time allocation.
#[test]
fn sources_name_where_the_track_profiles_and_level_ranges_come_from() {
    let j = analyze_args(&["--format", "json"]).json();
    assert_eq!(j["track_profiles"][0]["basis"]["source"][0]["doc"], "000");
    assert_eq!(
        j["track_profiles"][0]["basis"]["source"][0]["section"],
        "What actually differs between the tracks"
    );
    assert_eq!(
        j["levels"]["fits"][0]["basis"]["source"][0]["section"],
        "Day-to-Day Time Allocation"
    );
    let text = analyze_args(&["--sources"]).ok();
    assert!(text.contains("Typical IC week: 30% meetings"), "{text}");
    assert!(
        text.contains("What actually differs between the tracks"),
        "{text}"
    );
    assert!(text.contains("Day-to-Day Time Allocation"), "{text}");
}
