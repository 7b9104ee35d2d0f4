//! `dualtrack trial`: the issue's story through the CLI. An IC -> manager trial, twelve weekly
//! check-ins on simulated dates, three calendar uploads, the month-6 review with a
//! recommendation that cites its signals, the `.ics` feed read back by our own calendar parser,
//! export, and delete. Runs against a SQLite file; the store's story covers PostgreSQL.

use chrono::{Days, NaiveDate};
use dualtrack_calendar::{ExpandWindow, Limits, expand, parse};

use super::common::{dualtrack, workspace_root};

/// An early week: still pulled back to the code, feedback put off, and once "the pay".
pub(super) const EARLY: &[(&str, &str)] = &[
    ("energy", "hard_technical_problem"),
    ("drained", "back_to_back_meetings"),
    ("hard_feedback", "put_it_off"),
    ("missed_building", "retreated_into_code"),
    ("helped_grow", "guided_through_technical_work"),
    ("drift", "code"),
    ("keeps_you_going", "the_pay"),
];

/// A later week: the people work gives energy, feedback given and done.
pub(super) const LATER: &[(&str, &str)] = &[
    ("energy", "people_work"),
    ("drained", "nothing"),
    ("hard_feedback", "gave_it_and_moved_on"),
    ("missed_building", "not_really"),
    ("helped_grow", "a_report_stepped_up"),
    ("drift", "team_process"),
    ("keeps_you_going", "the_work_itself"),
];

pub(super) struct Trial {
    _dir: tempfile::TempDir,
    pub(super) db: String,
    pub(super) dir: std::path::PathBuf,
}

impl Trial {
    pub(super) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("trial.sqlite").display());
        let path = dir.path().to_path_buf();
        Self {
            _dir: dir,
            db,
            dir: path,
        }
    }

    /// `dualtrack trial ARGS` on this database, with "today" pinned.
    pub(super) fn run(&self, today: &str, args: &[&str]) -> super::common::Run {
        let mut run = dualtrack(["trial"])
            .env("DUALTRACK_DATABASE_URL", &self.db)
            .env("DUALTRACK_TODAY", today);
        for a in args {
            run = run.arg(a);
        }
        run
    }
}

pub(super) fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(super) fn checkin_file(date: NaiveDate, answers: &[(&str, &str)]) -> String {
    let mut s = format!("date = {date}\n[answers]\n");
    for (q, o) in answers {
        s.push_str(&format!("{q} = \"{o}\"\n"));
    }
    s
}

pub(super) fn fixture(name: &str) -> String {
    workspace_root()
        .join("crates/cli/tests/fixtures/calendar")
        .join(name)
        .display()
        .to_string()
}

pub(super) fn start(t: &Trial) -> String {
    t.run(
        "2026-01-05",
        &[
            "start",
            "--kind",
            "ic-to-manager",
            "--start",
            "2026-01-05",
            "--months",
            "6",
            "--continue-if",
            "My reports say our one-on-ones help them",
            "--continue-if",
            "I held a hard feedback conversation without putting it off",
            "--return-if",
            "I keep taking the critical-path tickets myself",
            "--sponsor-name",
            "Ana",
            "--sponsor-role",
            "my manager",
        ],
    )
    .ok()
}

#[test]
fn an_ic_to_manager_trial_from_start_to_delete() {
    let t = Trial::new();
    let started = start(&t);
    assert!(
        started.contains("IC to manager, 2026-01-05 to 2026-07-05"),
        "{started}"
    );
    assert!(started.contains("First gate (12 weeks)"), "{started}");

    // --- twelve weekly check-ins on simulated dates, each filed on its own day, then one
    // every other week to the end (a decision needs answers across the trial) ---
    let first = day("2026-01-12");
    let mut dates: Vec<NaiveDate> = (0..12u64)
        .map(|i| first.checked_add_days(Days::new(7 * i)).unwrap())
        .collect();
    dates.extend((1..=6u64).map(|i| {
        day("2026-03-30")
            .checked_add_days(Days::new(14 * i))
            .unwrap()
    }));
    for (i, date) in dates.iter().copied().enumerate() {
        let answers = if i < 4 { EARLY } else { LATER };
        let out = t
            .run(&date.to_string(), &["checkin", "--answers", "-"])
            .stdin(checkin_file(date, answers))
            .ok();
        assert!(
            out.contains(&format!(
                "Saved the check-in for {date}: {} recorded",
                i + 1
            )),
            "{out}"
        );
    }
    // The same date twice is refused, with the fix.
    let err = t
        .run("2026-01-12", &["checkin", "--answers", "-"])
        .stdin(checkin_file(first, LATER))
        .fails();
    assert!(err.contains("already a check-in dated 2026-01-12"), "{err}");

    // --- three calendar uploads; only weekly shares are kept ---
    // Regression: a thin window used to enter the trend as a week of pure focus time.
    let thin = t
        .run(
            "2026-01-19",
            &[
                "calendar",
                &fixture("thin.ics"),
                "--from",
                "2026-01-12",
                "--to",
                "2026-01-19",
                "--tz",
                "UTC",
            ],
        )
        .fails();
    assert!(thin.contains("kept nothing: Too little evidence"), "{thin}");
    // The Outlook export names its own zone (Pacific); read in UTC its meetings would fall
    // outside working hours, which the evidence rule now refuses instead of keeping.
    for (file, from, to, zone) in [
        ("analyze-week.ics", "2026-01-05", "2026-01-12", Some("UTC")),
        (
            "trial-second-week.ics",
            "2026-01-12",
            "2026-01-19",
            Some("UTC"),
        ),
        ("outlook-manager.ics", "2026-02-02", "2026-02-09", None),
    ] {
        let mut args = vec!["calendar", file, "--from", from, "--to", to];
        let path = fixture(file);
        args[1] = &path;
        if let Some(zone) = zone {
            args.extend(["--tz", zone]);
        }
        let out = t.run(to, &args).ok();
        assert!(out.contains("the calendar itself was not stored"), "{out}");
        assert!(
            out.contains("Kept the meeting, async and focus shares of 1 week"),
            "{out}"
        );
    }
    let export = t.run("2026-02-09", &["export"]).json();
    let weeks = export["trial"]["calendar"].as_array().unwrap();
    assert_eq!(weeks.len(), 3);
    for w in weeks {
        let keys: Vec<&str> = w.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "async",
                "busy_hours",
                "focus",
                "meetings",
                "monday",
                "week",
                "working_days",
                "working_hours"
            ],
            "nothing of the events themselves is kept"
        );
    }
    let stored = export.to_string();
    assert!(
        !stored.contains("SUMMARY") && !stored.contains("@"),
        "no event text kept"
    );

    // --- the month-6 review, with the criteria marked and kept ---
    let review = t
        .run(
            "2026-07-05",
            &[
                "review",
                "--met",
                "continue-if:1",
                "--met",
                "continue-if:2",
                "--not-met",
                "return-if:1",
                "--save",
                "--format",
                "json",
            ],
        )
        .json();
    assert_eq!(review["gate"]["id"], "month-6");
    assert_eq!(review["months_elapsed"], 6);
    assert_eq!(review["signals"]["checkins"], 18);
    let rec = &review["recommendation"];
    assert_eq!(rec["outcome"], "continue", "{rec:#}");
    assert_eq!(rec["decision_due"], true);
    let carried: Vec<&str> = rec["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["carried_by"].as_array().unwrap())
        .filter_map(|v| v.as_str())
        .collect();
    for id in ["hard_feedback.gave_it_and_moved_on", "continue_if[0]"] {
        assert!(carried.contains(&id), "{id} missing from {carried:?}");
    }
    assert!(
        carried.contains(&"keeps_you_going.the_pay"),
        "false signals are named as not counted: {carried:?}"
    );
    // The marks were kept: the next review reads them without flags.
    let text = t.run("2026-07-05", &["review"]).ok();
    assert_fits(&text);
    // Said once, not "Recommendation: continue. Continue: ...".
    assert!(
        text.contains(
            "Recommendation: Continue: the evidence supports making the management move permanent."
        ),
        "{text}"
    );
    assert!(text.contains("[met] continue if: My reports say"), "{text}");
    assert!(text.contains("[not met] return if:"), "{text}");
    // What carried each reason, by the answers' labels and the criteria's words, not ids.
    assert!(text.contains("Carried by: \u{201c}"), "{text}");
    assert!(
        text.contains("you will continue if: \u{201c}My reports say"),
        "{text}"
    );
    for id in [
        "hard_feedback.",
        "keeps_you_going.",
        "continue_if[",
        "carried by:",
    ] {
        assert!(!text.contains(id), "{id} in {text}");
    }
    let md = t
        .run("2026-07-05", &["review", "--format", "markdown"])
        .ok();
    assert!(md.starts_with("# Trial review: Month 6"), "{md}");

    // --- the .ics feed parses with our own calendar parser ---
    let ics = t.run("2026-01-05", &["schedule", "--ics"]).ok();
    assert!(ics.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    let calendar = parse(ics.as_bytes(), "trial.ics").unwrap();
    assert!(calendar.skipped.is_empty(), "{:?}", calendar.skipped);
    assert_eq!(
        calendar.x_wr_calname.as_deref(),
        Some("Trial: IC to manager")
    );
    let expansion = expand(
        &[calendar],
        &ExpandWindow {
            from: day("2026-01-01"),
            to: day("2026-08-01"),
            tz: chrono_tz::UTC,
        },
        &Limits::default(),
    );
    let summaries: Vec<String> = expansion
        .occurrences
        .iter()
        .map(|o| o.summary.as_deref().unwrap_or_default().to_owned())
        .collect();
    let checkins = summaries.iter().filter(|s| *s == "Trial check-in").count();
    assert_eq!(checkins, 25, "weekly from 2026-01-12 to the end");
    assert!(
        summaries
            .iter()
            .any(|s| s == "Trial review: Month 6: end of the trial"),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s == "Trial review: First gate (12 weeks)"),
        "{summaries:?}"
    );

    // --- the switch-back clock: six months in management so far, a year at a time ---
    let clock = t
        .run("2026-07-05", &["clock", "--years", "3", "--format", "json"])
        .json();
    assert_eq!(clock["months_so_far"], 6);
    let months: Vec<u64> = clock["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["months_in_management"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [6, 18, 30, 42]);
    let text = t.run("2026-07-05", &["clock"]).ok();
    assert!(text.contains("Switch-back clock"), "{text}");

    // --- export to a file, then delete: nothing is left ---
    let out_file = t.dir.join("export.json");
    t.run(
        "2026-07-05",
        &["export", "--output", out_file.to_str().unwrap()],
    )
    .ok();
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(exported["format"], "dualtrack-trial");
    assert_eq!(exported["trial"]["checkins"].as_array().unwrap().len(), 18);
    assert_eq!(exported["trial"]["reviews"][0]["gate"], "month-6");

    let err = t.run("2026-07-05", &["delete"]).fails();
    assert!(err.contains("pass --yes"), "asks before deleting: {err}");
    let listed = t.run("2026-07-05", &["list", "--format", "json"]).json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let out = t.run("2026-07-05", &["delete", "--yes"]).ok();
    assert!(out.contains("and everything it held"), "{out}");
    let listed = t.run("2026-07-05", &["list"]).ok();
    assert!(listed.contains("No trials yet"), "{listed}");
    let err = t.run("2026-07-05", &["export"]).fails();
    assert!(err.contains("has no trial yet"), "{err}");
}

#[test]
fn profiles_keep_their_own_trials_and_bad_input_says_how_to_fix_it() {
    let t = Trial::new();
    start(&t);
    // Another local profile on the same database sees nothing.
    let other = t
        .run(
            "2026-01-05",
            &["list", "--profile", "work", "--format", "json"],
        )
        .json();
    assert_eq!(other, serde_json::json!([]));
    let err = t
        .run("2026-01-05", &["review", "--profile", "work"])
        .fails();
    assert!(err.contains("profile `work` has no trial yet"), "{err}");

    // A length outside the seeds' six to twelve months is refused.
    let err = t
        .run(
            "2026-01-05",
            &[
                "start",
                "--kind",
                "ic-to-manager",
                "--months",
                "3",
                "--continue-if",
                "a",
                "--return-if",
                "b",
            ],
        )
        .fails();
    assert!(err.contains("outside 6 to 12"), "{err}");
    let err = t
        .run(
            "2026-01-05",
            &[
                "start",
                "--kind",
                "astronaut",
                "--continue-if",
                "a",
                "--return-if",
                "b",
            ],
        )
        .fails();
    assert!(err.contains("ic-to-manager"), "lists the kinds: {err}");

    // An unknown option names the valid ones; no terminal and no file says to pass one.
    let err = t
        .run("2026-01-12", &["checkin", "--answers", "-"])
        .stdin("date = 2026-01-12\n[answers]\nenergy = \"money\"\n")
        .fails();
    assert!(err.contains("`people_work`"), "{err}");
    let err = t.run("2026-01-12", &["checkin"]).stdin("").fails();
    assert!(err.contains("--answers FILE"), "{err}");

    let err = t
        .run("2026-03-30", &["review", "--met", "continue-if:9"])
        .fails();
    assert!(err.contains("number them 1 to 2"), "{err}");

    // The review before any check-in: not enough evidence, said plainly.
    let review = t.run("2026-03-30", &["review", "--format", "json"]).json();
    assert_eq!(review["gate"]["id"], "first-gate");
    assert_eq!(review["recommendation"]["outcome"], "not-enough-evidence");
}

/// Send keys to the pseudo-terminal now (rexpect buffers writes until a flush).
#[cfg(unix)]
pub(super) fn press(p: &mut rexpect::session::PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// The weekly check-in asked in a real terminal: one answer per question (one skipped), a
/// note, saved; then delete asks before it deletes.
#[cfg(unix)]
#[test]
fn checkin_and_delete_in_a_terminal() {
    use rexpect::session::spawn_command;

    const DOWN: &str = "\x1b[B";
    const ENTER: &str = "\r";

    let t = Trial::new();
    start(&t);
    let pty = |args: &[&str]| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dualtrack"));
        cmd.arg("trial")
            .args(args)
            .env("DUALTRACK_DATABASE_URL", &t.db)
            .env("DUALTRACK_TODAY", "2026-01-12")
            .env("TERM", "xterm");
        spawn_command(cmd, Some(20_000)).unwrap()
    };

    let mut p = pty(&["checkin"]);
    p.exp_string("Check-in for the week of 2026-01-12").unwrap();
    p.exp_string("[1/7]").unwrap();
    press(&mut p, ENTER); // energy: the first option
    p.exp_string("[2/7]").unwrap();
    press(&mut p, DOWN);
    press(&mut p, ENTER); // drained: the second option
    for n in 3..=7 {
        p.exp_string(&format!("[{n}/7]")).unwrap();
        if n == 7 {
            // Past the six options of the last question to "skip".
            for _ in 0..6 {
                press(&mut p, DOWN);
            }
        }
        press(&mut p, ENTER);
    }
    p.exp_string("A note for yourself").unwrap();
    press(&mut p, "a good week\r");
    p.exp_string("Saved the check-in for 2026-01-12: 1 recorded")
        .unwrap();
    p.exp_eof().unwrap();

    let export = t.run("2026-01-12", &["export"]).json();
    let c = &export["trial"]["checkins"][0];
    assert_eq!(c["date"], "2026-01-12");
    assert_eq!(c["answers"]["energy"], "people_work");
    assert_eq!(c["answers"]["drained"], "long_solo_stretches");
    assert!(c["answers"].get("keeps_you_going").is_none(), "{c}");
    assert_eq!(c["note"], "a good week");

    let mut p = pty(&["delete"]);
    p.exp_string("This cannot be undone").unwrap();
    press(&mut p, "y\r");
    p.exp_string("and everything it held").unwrap();
    p.exp_eof().unwrap();
    let listed = t.run("2026-01-12", &["list"]).ok();
    assert!(listed.contains("No trials yet"), "{listed}");
}

/// Every line of text output fits the terminal layout's 100 columns.
pub(super) fn assert_fits(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "line over 100 columns: {line:?}\n{text}"
        );
    }
}
