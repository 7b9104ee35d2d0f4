//! `dualtrack trial` when the evidence is thin or the dates do not fit: the defects a user
//! walkthrough found, each with its test.

use super::trial::*;
use chrono::{Days, NaiveDate};

/// The walkthrough's trial: six months from 2026-06-01, started without `--org`.
fn walkthrough_start(t: &Trial) -> String {
    t.run(
        "2026-06-01",
        &[
            "start",
            "--kind",
            "ic-to-manager",
            "--start",
            "2026-06-01",
            "--months",
            "6",
            "--continue-if",
            "My reports say our one-on-ones help them",
            "--return-if",
            "I keep taking the critical-path tickets myself",
        ],
    )
    .ok()
}

/// Defect 1 and 8: seven weekly check-ins in June and July, then one in December, no calendar
/// and no criteria marked. The review at the end used to say "the evidence supports making the
/// management move permanent"; now it says the evidence is too thin, names each missing piece
/// with what to do, and decides nothing.
#[test]
fn a_thin_trial_at_its_end_is_too_thin_to_decide() {
    let t = Trial::new();
    walkthrough_start(&t);
    let mut dates: Vec<NaiveDate> = (0..7u64)
        .map(|i| {
            day("2026-06-08")
                .checked_add_days(Days::new(7 * i))
                .unwrap()
        })
        .collect();
    dates.push(day("2026-12-04"));
    for date in &dates {
        t.run(&date.to_string(), &["checkin", "--answers", "-"])
            .stdin(checkin_file(*date, LATER))
            .ok();
    }
    let review = t.run("2026-12-07", &["review", "--format", "json"]).json();
    assert_eq!(review["signals"]["checkins"], 8);
    assert_eq!(review["signals"]["expected"], 26);
    let rec = &review["recommendation"];
    assert_eq!(rec["outcome"], "not-enough-evidence", "{rec:#}");
    assert_eq!(rec["decision_due"], true);
    let missing: Vec<&str> = rec["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["checkins", "checkin_gap", "calendar", "exit_criteria"]
    );
    let gap = &rec["missing"][1]["text"];
    assert!(
        gap.as_str()
            .unwrap()
            .contains("No check-in from 2026-07-20 to 2026-12-04"),
        "{gap}"
    );

    let text = t.run("2026-12-07", &["review"]).ok();
    assert_fits(&text);
    assert!(
        text.contains("Recommendation: Too thin to decide"),
        "{text}"
    );
    assert!(!text.contains("supports making"), "{text}");
    assert!(!text.contains("Recommendation: continue"), "{text}");
    for want in [
        "Only 8 of the 26 weekly check-ins due so far were made",
        "extend the trial once, to month 12",
        "0 week(s) of calendar inside the trial",
        "None of the exit criteria you wrote at the start is marked",
        "Next steps:",
        "dualtrack trial calendar FILE.ics --from 2026-06-01",
        "dualtrack trial review --met continue-if:N",
        "Check-ins: 8 of the 26 weekly check-ins due so far. Enough to read a pattern",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // The calendar's storage note sits with the calendar, not under the check-ins.
    let checkins_line = text.lines().find(|l| l.starts_with("Check-ins:")).unwrap();
    assert!(!checkins_line.contains("calendar"), "{checkins_line}");
    assert!(text.contains("Calendar: no weeks uploaded yet."), "{text}");

    // Defect 7: the assumed organisation kind is said, in words.
    assert!(text.contains("at an enterprise (assumed"), "{text}");
    assert!(!text.contains('`'), "no code quotes in the review: {text}");
    assert!(text.contains("--org KIND"), "{text}");
}

/// Defects 2, 3 and 4: a check-in after today, one far past the end, and one on a date that
/// already has one are refused, each with a fix that can be followed.
#[test]
fn check_in_dates_are_refused_with_one_range_and_a_possible_fix() {
    let t = Trial::new();
    let started = walkthrough_start(&t);
    assert_fits(&started);
    assert!(
        started.contains("Assumed an enterprise for the switch-back estimate"),
        "{started}"
    );
    assert!(
        started.contains("--org KIND") && started.contains("(startup, scale-up"),
        "{started}"
    );

    let err = t
        .run("2026-12-07", &["checkin", "--answers", "-"])
        .stdin(checkin_file(day("2026-12-15"), LATER))
        .fails();
    assert!(
        err.contains("check-in date 2026-12-15 is after today (2026-12-07)"),
        "{err}"
    );
    assert!(err.contains("date it 2026-12-07 or earlier"), "{err}");

    let err = t
        .run("2026-12-07", &["checkin", "--answers", "-"])
        .stdin(checkin_file(day("2027-05-01"), LATER))
        .fails();
    // Defect 2 comes first: that date is after today too. With today later, the range.
    assert!(err.contains("after today"), "{err}");
    let err = t
        .run("2027-06-01", &["checkin", "--answers", "-"])
        .stdin(checkin_file(day("2027-05-01"), LATER))
        .fails();
    assert!(
        err.contains("outside the trial: it accepts dates from 2026-06-01 to 2027-01-01"),
        "{err}"
    );
    assert!(
        err.contains("fix: date it between 2026-06-01 and 2027-01-01"),
        "{err}"
    );

    t.run("2026-06-08", &["checkin", "--answers", "-"])
        .stdin(checkin_file(day("2026-06-08"), LATER))
        .ok();
    let err = t
        .run("2026-06-09", &["checkin", "--answers", "-"])
        .stdin(checkin_file(day("2026-06-08"), EARLY))
        .fails();
    assert!(!err.contains("edit that one"), "no command edits: {err}");
    assert!(err.contains("cannot be changed"), "{err}");
    assert!(err.contains("date them in that week"), "{err}");
}

/// Defect 5: an export whose weeks all fall outside the trial keeps nothing, and says so with
/// both ranges and a non-zero exit.
#[test]
fn a_calendar_outside_the_trial_is_an_error_naming_both_ranges() {
    let t = Trial::new();
    walkthrough_start(&t);
    let err = t
        .run(
            "2026-12-07",
            &[
                "calendar",
                &fixture("analyze-week.ics"),
                "--from",
                "2026-01-05",
                "--to",
                "2026-01-12",
                "--tz",
                "UTC",
            ],
        )
        .fails();
    assert!(err.contains("kept nothing"), "{err}");
    assert!(
        err.contains("2026-01-05 to 2026-01-11"),
        "the export's weeks: {err}"
    );
    assert!(
        err.contains("the weeks this trial keeps, 2026-03-09 to 2026-12-01"),
        "the trial's: {err}"
    );
    assert!(err.contains("--from 2026-03-09 --to 2026-12-01"), "{err}");
    let export = t.run("2026-12-07", &["export"]).json();
    assert_eq!(export["trial"]["calendar"], serde_json::json!([]));
}

/// Defect 6: the clock's text is plain terminal text, not Markdown; Markdown on request.
#[test]
fn the_clock_prints_plain_text_by_default() {
    let t = Trial::new();
    walkthrough_start(&t);
    let text = t.run("2026-12-07", &["clock"]).ok();
    assert_fits(&text);
    assert!(
        text.starts_with("Switch-back clock\n================="),
        "{text}"
    );
    assert!(!text.contains('#'), "{text}");
    assert!(!text.contains("| When |"), "{text}");
    assert!(!text.contains('`'), "{text}");
    assert!(text.contains("at an enterprise"), "{text}");
    assert!(text.contains("in 1 year(s)"), "{text}");
    let md = t.run("2026-12-07", &["clock", "--format", "markdown"]).ok();
    assert!(md.starts_with("# Switch-back clock"), "{md}");
}
