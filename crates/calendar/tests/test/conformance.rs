//! Conformance against libical's own recurrence test data, read in place from
//! `../shared/conformance/` (not part of this repository; see that folder's README).
//!
//! - `libical-icalrecur_test.txt`: RRULE + DTSTART (+ START-AT) -> the exact instance list.
//! - `libical-recur.txt`: VEVENTs -> the number of occurrences (`X-EXPECT-NUMEVENTS`).

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use dualtrack_calendar::recur::{RecurIter, Rule};
use dualtrack_calendar::{ExpandWindow, Limits, expand, parse};

/// Cases deliberately not compared, by title, with the reason.
/// Cases deliberately not compared: (line of the RRULE in the file, reason).
const SKIPPED_RECUR_CASES: &[(usize, &str)] = &[
    (
        405,
        "libical refuses BYWEEKNO combined with BYMONTHDAY (its expected output is an \
         'UNIMPLEMENTED' error); we expand it per RFC 5545 instead",
    ),
    (
        681,
        "libical anchors INTERVAL on calendar year 2027 for DTSTART 2027-01-03, a Sunday in \
         ISO week 53 of 2026 (yet anchors 2010-01-02 on 2009 in the case at line 725); we \
         count INTERVAL in WKST week-numbering years from 2026, giving 2032-12-30, not 2093-12-31",
    ),
    (
        686,
        "same DTSTART as line 681: with INTERVAL=5 counted from week-numbering year 2026 the \
         next year with a week 53 is 2071 (2071-12-31), libical's 2027-based count gives 2032",
    ),
];

/// recur.txt events deliberately not compared: (line of BEGIN:VEVENT, reason).
const SKIPPED_RECUR_EVENTS: &[(usize, &str)] = &[(
    260,
    "DTSTART (Tuesday 2 September 1997) is not a Monday, Wednesday or Friday; RFC 5545 \
     (3.8.5.3, 'DTSTART always counts as the first occurrence') keeps it as an instance, \
     libical drops it, so we count 25 where libical counts 24",
)];

fn conformance_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance");
    dir.is_dir().then_some(dir)
}

fn read(name: &str) -> Option<String> {
    let Some(dir) = conformance_dir() else {
        println!(
            "skipped: libical conformance cases ({name}) because ../shared/conformance/ is \
             absent (it is third-party data kept outside the repository)"
        );
        return None;
    };
    match std::fs::read_to_string(dir.join(name)) {
        Ok(text) => Some(text),
        Err(e) => {
            println!("skipped: {name} because it could not be read: {e}");
            None
        }
    }
}

#[derive(Debug, Default)]
struct RecurCase {
    title: String,
    line: usize,
    rrule: String,
    dtstart: String,
    start_at: Option<String>,
    instances: String,
}

fn recur_cases(text: &str) -> Vec<RecurCase> {
    let mut cases = Vec::new();
    let mut cur = RecurCase::default();
    let mut title = String::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(t) = line.strip_prefix('#') {
            if cur.rrule.is_empty() {
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(t.trim());
            }
        } else if let Some(v) = line.strip_prefix("RRULE:") {
            cur = RecurCase {
                title: std::mem::take(&mut title),
                line: i + 1,
                ..Default::default()
            };
            cur.rrule = v.to_string();
        } else if let Some(v) = line.strip_prefix("DTSTART:") {
            cur.dtstart = v.to_string();
        } else if let Some(v) = line.strip_prefix("START-AT:") {
            cur.start_at = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("INSTANCES:") {
            cur.instances = v.trim().to_string();
            cases.push(std::mem::take(&mut cur));
        }
    }
    cases
}

/// A libical time (`19970902T090000`, `...Z` or `20241024`) -> (wall clock, is UTC, is date).
fn libical_time(s: &str) -> (NaiveDateTime, bool, bool) {
    if s.len() == 8 {
        let d = NaiveDate::parse_from_str(s, "%Y%m%d").unwrap();
        return (d.and_hms_opt(0, 0, 0).unwrap(), false, true);
    }
    let utc = s.ends_with('Z');
    let t = NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y%m%dT%H%M%S").unwrap();
    (t, utc, false)
}

fn instances_of(case: &RecurCase, start_at: Option<&str>) -> Result<Vec<String>, String> {
    let rule = Rule::parse(&case.rrule).map_err(|e| format!("rule refused: {e}"))?;
    let (dtstart, utc, date_only) = libical_time(&case.dtstart);
    let until = rule.until_local(date_only, &|t| t);
    let mut iter = RecurIter::new(&rule, dtstart, date_only, until).with_budget(50_000_000);
    if let Some(s) = start_at {
        iter = iter.starting_at(libical_time(s).0);
    }
    let suffix = if utc { "Z" } else { "" };
    Ok(iter
        .take(100_000)
        .map(|t| {
            if date_only {
                t.format("%Y%m%d").to_string()
            } else {
                format!("{}{suffix}", t.format("%Y%m%dT%H%M%S"))
            }
        })
        .collect())
}

fn compare(got: &[String], want: &[&str]) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    let first_diff = (0..got.len().max(want.len()))
        .find(|&i| got.get(i).map(String::as_str) != want.get(i).copied());
    Err(format!(
        "got {} instances, want {}; first difference at #{:?}: got {:?} want {:?}",
        got.len(),
        want.len(),
        first_diff,
        first_diff.and_then(|i| got.get(i)),
        first_diff.and_then(|i| want.get(i)),
    ))
}

/// The whole list from DTSTART must match; with START-AT, iterating from that point must
/// give exactly the listed instances at or after it.
fn run_recur_case(case: &RecurCase) -> Result<(), String> {
    let want: Vec<&str> = case.instances.split(',').map(str::trim).collect();
    compare(&instances_of(case, None)?, &want)?;
    if let Some(start) = &case.start_at {
        let from = libical_time(start).0;
        let tail: Vec<&str> = want
            .iter()
            .copied()
            .filter(|w| libical_time(w).0 >= from)
            .collect();
        compare(&instances_of(case, Some(start))?, &tail)
            .map_err(|e| format!("from START-AT: {e}"))?;
    }
    Ok(())
}

#[test]
fn libical_icalrecur_test_instances() {
    let Some(text) = read("libical-icalrecur_test.txt") else {
        return;
    };
    let cases = recur_cases(&text);
    assert!(
        cases.len() >= 140,
        "expected ~146 cases, found {}",
        cases.len()
    );
    let (mut passed, mut skipped, mut instances) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        if let Some((_, why)) = SKIPPED_RECUR_CASES.iter().find(|(l, _)| *l == case.line) {
            println!("skipped: line {} '{}' because {why}", case.line, case.title);
            skipped += 1;
            continue;
        }
        match run_recur_case(case) {
            Ok(()) => {
                passed += 1;
                instances += case.instances.split(',').count();
            }
            Err(e) => failures.push(format!(
                "line {} '{}' {} / {}: {e}",
                case.line, case.title, case.rrule, case.dtstart
            )),
        }
    }
    println!(
        "libical icalrecur_test: {passed} passed ({instances} instances), {skipped} skipped, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// VEVENT blocks of recur.txt: (line of BEGIN:VEVENT, X-EXPECT-NUMEVENTS, description).
fn recur_events(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut begin = None;
    let mut expect = None;
    let mut desc = String::new();
    let mut in_desc = false;
    for (i, line) in text.lines().enumerate() {
        if line == "BEGIN:VEVENT" {
            begin = Some(i + 1);
            expect = None;
            desc.clear();
        } else if let Some(v) = line.strip_prefix("X-EXPECT-NUMEVENTS:") {
            expect = v.trim().parse().ok();
        } else if line == "END:VEVENT"
            && let (Some(b), Some(e)) = (begin.take(), expect.take())
        {
            out.push((b, e, desc.trim().to_string()));
        }
        if line == "DESCRIPTION" {
            in_desc = true;
        } else if in_desc && line.starts_with(' ') {
            desc.push_str(line.trim_start_matches([' ', ':']));
        } else {
            in_desc = false;
        }
    }
    out
}

#[test]
fn libical_recur_txt_event_counts() {
    let Some(text) = read("libical-recur.txt") else {
        return;
    };
    let cal = parse(text.as_bytes(), "libical-recur.txt").expect("recur.txt parses");
    let window = ExpandWindow {
        from: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2200, 1, 1).unwrap(),
        tz: chrono_tz::UTC,
    };
    let limits = Limits {
        max_instances_per_series: 100_000,
        ..Limits::default()
    };
    let exp = expand(std::slice::from_ref(&cal), &window, &limits);
    let events = recur_events(&text);
    assert!(
        events.len() >= 55,
        "expected ~58 events, found {}",
        events.len()
    );
    let mut failures = Vec::new();
    let mut skipped = 0;
    for (line, want, desc) in &events {
        if let Some((_, why)) = SKIPPED_RECUR_EVENTS.iter().find(|(l, _)| l == line) {
            println!("skipped: line {line} '{desc}' because {why}");
            skipped += 1;
            continue;
        }
        let got = exp.occurrences.iter().filter(|o| o.line == *line).count();
        if got != *want {
            failures.push(format!(
                "line {line} '{desc}': got {got} occurrences, want {want}"
            ));
        }
    }
    println!(
        "libical recur.txt: {} passed, {skipped} skipped, {} failed",
        events.len() - failures.len() - skipped,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failing events:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The commented-out VEVENT at the end (lines starting with ';') is reported, not used.
    assert!(
        !cal.skipped.is_empty(),
        "the ';'-prefixed lines must be reported as skipped"
    );
}
