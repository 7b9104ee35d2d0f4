//! `dualtrack calendar` end to end.

use super::common::*;

// ---- calendar analyze --------------------------------------------------------------------

/// A week in Berlin (Mon 5 - Fri 9 January 2026; Friday is a vacation day) whose figures are
/// worked out by hand in the comments of each assertion.
fn analyze_week() -> std::path::PathBuf {
    fixture("calendar/analyze-week.ics")
}

pub(super) fn analyze_args(extra: &[&str]) -> Run {
    let week = analyze_week();
    let mut run = dualtrack(["calendar", "analyze"]).arg(week);
    for a in ["--from", "2026-01-05", "--to", "2026-01-10"]
        .iter()
        .chain(extra)
    {
        run = run.arg(a);
    }
    run.env("TZ", "UTC")
}

pub(super) fn close(v: &serde_json::Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 0.005)
}

#[test]
fn analyze_json_has_the_documented_figures() {
    let j = analyze_args(&["--format", "json"]).json();
    assert_eq!(j["window"]["from"], "2026-01-05");
    assert_eq!(j["window"]["to"], "2026-01-10");
    // The zone and the owner come from X-WR-TIMEZONE and X-WR-CALNAME.
    assert_eq!(j["window"]["tz"], "Europe/Berlin");
    assert_eq!(j["owner"], "me@acme.com");
    assert_eq!(j["owner_source"], "calendar_name");
    // Monday-Thursday at 8 h; Friday is the vacation day.
    let hours = &j["hours"];
    for (key, want) in [
        ("working", 32.0),
        ("meetings", 4.5), // standups 4 x 0.25, 1:1 0.5, interview, client call, planning 1 each
        ("focus_blocks", 2.0), // Tuesday 13-16 focus time minus the 14-15 interview
        ("busy", 6.5),
        ("async", 4.5), // short gaps: Mon 0.75, Tue 1.5, Wed 1.75, Thu 0.5
        ("focus", 23.0),
    ] {
        assert!(
            close(&hours[key], want),
            "hours.{key} = {} (want {want})",
            hours[key]
        );
    }
    let c = &j["counts"];
    assert_eq!(c["total"], 15);
    assert_eq!(c["busy_instances"], 11); // five standups, including the one on the day off
    assert_eq!(c["declined"], 1);
    assert_eq!(c["cancelled"], 1);
    assert_eq!(c["free"], 1);
    assert_eq!(c["all_day"], 1);
    let k = &j["categories"];
    for (key, want) in [
        ("team", 1.0),
        ("one_on_one", 0.5),
        ("hiring", 1.0),
        ("external", 1.0),
        ("planning", 1.0),
        ("cross_functional", 0.0),
        ("other", 0.0),
    ] {
        assert!(close(&k[key], want), "categories.{key} = {}", k[key]);
    }
    assert!(close(&j["shares"]["meetings"], 0.1406));
    assert!(close(&j["shares"]["focus"], 0.7188));
    assert_eq!(j["closest_track"], "ic");
    assert!(close(&j["distance"]["ic"], 0.6375));
    assert!(close(&j["distance"]["management"], 1.2375));
    assert_eq!(j["weeks"][0]["week"], "2026-W02");
    assert!(close(&j["weeks"][0]["hours"]["working"], 32.0));
    assert!(j["levels"]["best"].is_string());
    assert!(j["warnings"].is_array() && j["skipped_lines"].is_array());
    // Titles stay private unless --explain is given.
    assert!(j.get("explain").is_none());
    assert!(!j.to_string().contains("Vacation"));
}

#[test]
fn analyze_options_override_zone_owner_and_working_time() {
    let j = analyze_args(&[
        "--format",
        "json",
        "--tz",
        "UTC",
        "--owner",
        "Ana@acme.com",
        "--work-hours",
        "08:00-18:00",
        "--work-days",
        "mon,tue",
        "--focus-min",
        "60",
    ])
    .json();
    assert_eq!(j["window"]["tz"], "UTC");
    assert_eq!(j["owner"], "ana@acme.com");
    assert_eq!(j["owner_source"], "option");
    assert!(close(&j["hours"]["working"], 20.0));
    // Declines are the owner's: Ana accepted the all-hands that me@acme.com declined.
    assert_eq!(j["counts"]["declined"], 0);
}

#[test]
fn analyze_reads_stdin() {
    let bytes = std::fs::read(analyze_week()).unwrap();
    let j = dualtrack([
        "calendar",
        "analyze",
        "-",
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-10",
        "--format",
        "json",
    ])
    .stdin(bytes)
    .json();
    assert!(close(&j["hours"]["meetings"], 4.5));
}

#[test]
fn analyze_text_report() {
    let out = analyze_args(&[]).ok();
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns"
    );
    assert!(
        !out.contains("Interview"),
        "titles must not appear without --explain"
    );
    insta::assert_snapshot!("calendar_analyze_text", out);
}

#[test]
fn analyze_markdown_report() {
    let out = analyze_args(&["--format", "markdown"]).ok();
    assert!(out.starts_with("# Calendar analysis"));
    insta::assert_snapshot!("calendar_analyze_markdown", out);
}

#[test]
fn analyze_explain_lists_each_occurrence_with_its_rule() {
    let out = analyze_args(&["--explain"]).ok();
    assert!(out.contains("Interview: backend"));
    assert!(out.contains("hiring-by-title"));
    assert!(out.contains("the owner declined"));
    let j = analyze_args(&["--explain", "--format", "json"]).json();
    let explained = j["explain"].as_array().unwrap();
    assert_eq!(explained.len(), 15);
    let vacation = explained
        .iter()
        .find(|e| e["summary"] == "Vacation")
        .unwrap();
    assert_eq!(vacation["outcome"], "out_of_office");
    let interview = explained
        .iter()
        .find(|e| e["category"] == "hiring")
        .unwrap();
    assert_eq!(interview["rule"], "hiring-by-title: keyword \"interview\"");
    assert_eq!(interview["start"], "2026-01-06T14:00:00+01:00");
}

#[test]
fn analyze_writes_an_svg_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("week.svg");
    analyze_args(&["--format", "json", "--svg", svg.to_str().unwrap()]).json();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("2026-W02"));
}

#[test]
fn analyze_rejects_a_bad_rules_file_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[[rule]]\nid = \"x\"\nkind = \"standup\"\n").unwrap();
    let err = analyze_args(&["--rules", rules.to_str().unwrap()]).fails();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&format!("{}:3:8:", rules.display())), "{err}");
}

#[test]
fn analyze_rejects_bad_options_and_missing_files() {
    let err = analyze_args(&["--work-days", "mon-funday"]).fails();
    assert!(err.contains("mon-funday"), "{err}");
    let err = analyze_args(&["--work-hours", "9-5pm"]).fails();
    assert!(err.contains("9-5pm"), "{err}");
    let err = analyze_args(&["--owner", "ana"]).fails();
    assert!(err.contains("not an email address"), "{err}");
    let err = dualtrack([
        "calendar",
        "analyze",
        "nope.ics",
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-10",
    ])
    .fails();
    assert!(err.contains("nope.ics"), "{err}");
    let week = analyze_week();
    let err = dualtrack(["calendar", "analyze"])
        .arg(&week)
        .arg("--from")
        .arg("2026-01-05")
        .arg("--to")
        .arg("2026-01-05")
        .fails();
    assert!(err.contains("must be after --from"), "{err}");
}

/// The engine names fields (`owner`); the CLI words them as its flags.
#[test]
fn refused_options_are_named_by_their_flags() {
    let week = analyze_week();
    let err = dualtrack(["calendar", "analyze"])
        .arg(&week)
        .arg("--owner")
        .arg("nobody")
        .fails();
    assert!(
        err.contains("--owner \"nobody\" is not an email address"),
        "{err}"
    );
    assert!(!err.contains('`'), "{err}");
}

// ---- `calendar expand` (owned by the parsing/expansion work; append, don't rewrite) ----

fn expand_fixture(name: &str) -> String {
    workspace_root()
        .join("crates/calendar/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// `dualtrack calendar expand FILE ARGS...`
fn expand_run(file: &str, args: &[&str]) -> Run {
    let mut all = vec![
        "calendar".to_string(),
        "expand".to_string(),
        file.to_string(),
    ];
    all.extend(args.iter().map(|a| a.to_string()));
    dualtrack(all)
}

#[test]
fn expand_json_writes_dates_offsets_and_floating_times_as_documented() {
    let out = expand_run(
        &expand_fixture("expand-google.ics"),
        &[
            "--from",
            "2024-03-25",
            "--to",
            "2024-04-08",
            "--format",
            "json",
        ],
    )
    .json();
    let list = out.as_array().expect("a JSON array");
    assert_eq!(list.len(), 7, "{out:#}");
    let first = &list[0];
    assert_eq!(first["uid"], "standup-7f3a@google.com");
    assert_eq!(first["start"], "2024-03-25T09:30:00+01:00");
    assert_eq!(first["end"], "2024-03-25T09:45:00+01:00");
    assert_eq!(first["all_day"], false);
    assert_eq!(
        first["summary"],
        serde_json::Value::Null,
        "titles only with --explain"
    );
    let all_day = list
        .iter()
        .find(|o| o["uid"] == "offsite-prep@google.com")
        .unwrap();
    assert_eq!(
        (all_day["start"].as_str(), all_day["end"].as_str()),
        (Some("2024-03-28"), Some("2024-03-29"))
    );
    assert_eq!(all_day["all_day"], true);
    // After the DST change on 31 March the same 09:30 is +02:00; the 3 April instance is cancelled.
    let cancelled = list.iter().find(|o| o["status"] == "cancelled").unwrap();
    assert_eq!(cancelled["start"], "2024-04-03T09:30:00+02:00");

    let apple = expand_run(
        &expand_fixture("expand-apple.ics"),
        &[
            "--from",
            "2024-06-10",
            "--to",
            "2024-06-11",
            "--tz",
            "America/New_York",
            "--format",
            "json",
            "--explain",
        ],
    )
    .json();
    let floating = apple
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["summary"] == "Floating breakfast")
        .unwrap();
    assert_eq!(floating["start"], "2024-06-10T09:00:00");
}

#[test]
fn expand_reads_stdin_and_writes_csv() {
    let ics = std::fs::read(expand_fixture("expand-outlook.ics")).unwrap();
    let out = expand_run(
        "-",
        &[
            "--from",
            "2024-11-01",
            "--to",
            "2024-11-02",
            "--tz",
            "America/New_York",
            "--format",
            "csv",
        ],
    )
    .stdin(ics)
    .ok();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("uid,start,end,all_day,status"),
        "{out}"
    );
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[1].contains(",2024-11-01T08:00:00-04:00,2024-11-01T08:30:00-04:00,false,"),
        "{out}"
    );
}

#[test]
fn expand_reports_skipped_lines_on_stderr_only() {
    let out = expand_run(
        &expand_fixture("expand-malformed.ics"),
        &[
            "--from",
            "2024-01-01",
            "--to",
            "2024-02-01",
            "--tz",
            "UTC",
            "--format",
            "json",
        ],
    )
    .output();
    assert!(out.status.success());
    let stdout: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is only JSON");
    assert_eq!(stdout.as_array().unwrap().len(), 3);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("expand-malformed.ics:3: skipped: `this line is garbage`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expand-malformed.ics:17: warning: RRULE ignored"),
        "{stderr}"
    );
    assert!(stderr.contains("5 lines were skipped"), "{stderr}");
}

#[test]
fn expand_text_table_shows_local_times_and_titles_on_request() {
    let out = expand_run(
        &expand_fixture("expand-google.ics"),
        &["--from", "2024-04-04", "--to", "2024-04-05", "--explain"],
    )
    .ok();
    assert!(out.contains("2024-04-04 Thu 14:00"), "{out}");
    assert!(out.contains("Focus time"), "{out}");
    assert!(
        out.contains("end (Europe/Berlin)"),
        "X-WR-TIMEZONE is the default zone:\n{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn expand_rejects_a_backwards_window_an_unknown_zone_and_non_calendars() {
    let ics = expand_fixture("expand-google.ics");
    let err = expand_run(&ics, &["--from", "2024-04-08", "--to", "2024-04-01"]).fails();
    assert!(
        err.contains("--to (2024-04-01) must be after --from"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let err = expand_run(
        &ics,
        &[
            "--from",
            "2024-04-01",
            "--to",
            "2024-04-08",
            "--tz",
            "Mars/Olympus",
        ],
    )
    .fails();
    assert!(err.contains("unknown time zone"), "{err}");
    let err = expand_run("-", &["--from", "2024-04-01", "--to", "2024-04-08"])
        .stdin("just some text\n")
        .fails();
    assert!(err.contains("<stdin>: not an iCalendar file"), "{err}");
}

// ---- defaults that fit the file (issue 11) ------------------------------------------------

/// Regression (issue 11): an Outlook export names `Pacific Standard Time` on every event and
/// carries no X-WR-TIMEZONE; it used to be read in the machine's zone, where the 10:00
/// meetings land at 18:00 and the manager's month looked like an IC's.
#[test]
fn an_outlook_export_is_read_in_its_events_zone_and_called_manager_shaped() {
    let j = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(fixture("calendar/outlook-manager.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-03-15")
        .json();
    assert_eq!(j["window"]["tz"], "America/Los_Angeles");
    assert_eq!(j["window"]["tz_source"], "events");
    assert_eq!(j["window"]["from"], "2026-02-02");
    assert_eq!(j["window"]["to"], "2026-03-02");
    assert_eq!(j["closest_track"], "management");
    assert_eq!(j["evidence"]["enough"], true);
    assert!(
        j["shares"]["meetings"].as_f64().unwrap() > 0.5,
        "{}",
        j["shares"]
    );
    assert!(
        j["guesses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["field"] == "tz" && g["value"] == "America/Los_Angeles"),
        "{}",
        j["guesses"]
    );
    let text = dualtrack(["calendar", "analyze"])
        .arg(fixture("calendar/outlook-manager.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-03-15")
        .ok();
    // The text is wrapped to the terminal width; compare it with the wrapping undone.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("America/Los_Angeles (the zone its events are written in; --tz changes it)"),
        "{text}"
    );
    assert!(text.contains("Closest track: management"), "{text}");
}

/// Regression (issue 11): a Google export whose events are years old was analysed over the
/// four weeks before today, found nothing, and called the empty weeks an IC's.
#[test]
fn an_old_export_without_a_window_is_analysed_over_its_last_busy_weeks() {
    let j = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(fixture("calendar/google-old.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-11-29")
        .json();
    assert_eq!(j["window"]["from"], "2014-02-17");
    assert_eq!(j["window"]["to"], "2014-03-17");
    assert_eq!(j["window"]["source"], "last_busy_weeks");
    assert_eq!(j["window"]["tz"], "Europe/Berlin");
    assert_eq!(j["evidence"]["span"]["first"], "2013-09-02");
    assert_eq!(j["evidence"]["span"]["last"], "2014-03-12");
    assert_eq!(j["evidence"]["enough"], true);
    let text = dualtrack(["calendar", "analyze"])
        .arg(fixture("calendar/google-old.ics"))
        .env("TZ", "UTC")
        .env("DUALTRACK_TODAY", "2026-11-29")
        .ok();
    assert!(
        text.contains("the four weeks up to your last meeting on 12 March 2014"),
        "{text}"
    );
    assert!(text.contains("2 September 2013 to 12 March 2014"), "{text}");
    assert!(text.contains("set --from and --to"), "{text}");
}

/// Regression (issue 11): one meeting in four weeks must not name a track.
#[test]
fn a_thin_window_names_no_track_and_says_why() {
    let j = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(fixture("calendar/thin.ics"))
        .arg("--from")
        .arg("2026-01-05")
        .arg("--to")
        .arg("2026-02-02")
        .json();
    assert_eq!(j["closest_track"], serde_json::Value::Null);
    assert_eq!(j["levels"]["best"], serde_json::Value::Null);
    assert_eq!(j["evidence"]["enough"], false);
    assert_eq!(j["evidence"]["busy_events"], 1);
    assert!(
        j["evidence"]["reason"]
            .as_str()
            .unwrap()
            .contains("Too little evidence"),
        "{}",
        j["evidence"]
    );
    let text = dualtrack(["calendar", "analyze"])
        .arg(fixture("calendar/thin.ics"))
        .arg("--from")
        .arg("2026-01-05")
        .arg("--to")
        .arg("2026-02-02")
        .ok();
    assert!(text.contains("Closest track: none"), "{text}");
    assert!(text.contains("(--from/--to)"), "{text}");
    // And the report does not call it agreement.
    let r = dualtrack(["report", "--format", "json", "--answers"])
        .arg(fixture("report/ic-answers.toml"))
        .arg("--calendar")
        .arg(fixture("calendar/thin.ics"))
        .arg("--from")
        .arg("2026-01-05")
        .arg("--to")
        .arg("2026-02-02")
        .json();
    assert_eq!(r["agreement"], "thin_calendar");
    assert_eq!(r["calendar"]["closest_track"], serde_json::Value::Null);
}

#[test]
fn numbers_for_reading_are_rounded_and_json_keeps_precision() {
    let text = analyze_args(&[]).ok();
    // 4.5 of 32 hours is 14.0625%: text says 14%, JSON keeps four decimals.
    assert!(text.contains("14%"), "{text}");
    assert!(!text.contains("14.1%") && !text.contains("4.50"), "{text}");
    let j = analyze_args(&["--format", "json"]).json();
    assert_eq!(j["shares"]["meetings"], 0.1406);
}

/// Regression (issue 9.7): each file was limited, but not several together.
#[test]
fn several_files_over_the_total_limit_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..3 {
        let path = dir.path().join(format!("part{i}.ics"));
        let f = std::fs::File::create(&path).unwrap();
        // Sparse files: 50 MiB each on paper, nothing on disk; refused before being read.
        f.set_len(50 * 1024 * 1024).unwrap();
        paths.push(path);
    }
    let mut run = dualtrack(["calendar", "analyze"]);
    for p in &paths {
        run = run.arg(p);
    }
    let err = run.fails();
    assert!(err.contains("150 MiB together"), "{err}");
    assert!(err.contains("analyse fewer files"), "{err}");
}

/// Regression (issue 9.7): `--rules FILE` was read whole, whatever its size.
#[test]
fn an_oversized_rules_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(2 * 1024 * 1024)
        .unwrap();
    let err = analyze_args(&["--rules", path.to_str().unwrap()]).fails();
    // One line naming the file, the limit and what a rules file should look like.
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{}: over 1 MiB", path.display())),
        "{err}"
    );
    assert!(err.contains("more than any rules file needs"), "{err}");
    assert!(err.contains("data/calendar-rules.toml"), "{err}");
}
