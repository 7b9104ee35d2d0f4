//! Shared fixtures: the shipped content, a trial file, check-ins and calendars made to measure.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use dualtrack_assess::{Answer, Answers};
use dualtrack_calendar::{AnalyzeOptions, analyze};
use dualtrack_trial::{Checkin, Trial, TrialContent, TrialSpec, WeekPoint};

pub fn content() -> TrialContent {
    TrialContent::embedded().unwrap()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub const START: (i32, u32, u32) = (2026, 1, 5);

pub fn start() -> NaiveDate {
    day(START.0, START.1, START.2)
}

pub const TRIAL_TOML: &str = r#"
kind = "ic-to-manager"
format = "tech-lead-with-reports"
start = 2026-01-05
months = 6
org = "enterprise"

[exit_criteria]
continue_if = [
  "My two reports say our one-on-ones help them",
  "I held at least one hard feedback conversation without putting it off",
]
return_if = ["I catch myself taking the critical-path tickets to feel useful"]

[sponsor]
name = "Ana"
role = "my manager"
"#;

/// A six-month IC -> manager trial with a sponsor and the six questions answered at the start.
pub fn trial(content: &TrialContent) -> Trial {
    let mut spec = TrialSpec::from_toml("trial.toml", TRIAL_TOML, content).unwrap();
    spec.start_answers = Some(start_answers());
    Trial::start("t-1", spec, content).unwrap()
}

pub fn answers(pairs: &[(&str, &str)]) -> Answers {
    let mut a = Answers::new();
    for (q, o) in pairs {
        if *q == "reason" {
            a.set(q, Answer::Many(vec![(*o).to_owned()]));
        } else {
            a.set(q, Answer::One((*o).to_owned()));
        }
    }
    a
}

/// Leaning IC at the start: absorbed by hard problems, drifting to code.
pub fn start_answers() -> Answers {
    answers(&[
        ("absorbed", "hard_problem_alone"),
        ("drift", "refactoring"),
        ("amplify", "both_equally"),
        ("next_project", "unsure"),
        ("hard_feedback", "uncomfortable_but_doable"),
        ("reason", "drawn_to_people_work"),
    ])
}

/// Six months in: absorbed by the team, drifting to process.
pub fn month_six_answers() -> Answers {
    answers(&[
        ("absorbed", "team_conflict"),
        ("drift", "team_process"),
        ("amplify", "amplify_with_headcount"),
        ("next_project", "coordinate_many"),
        ("hard_feedback", "uncomfortable_but_doable"),
        ("reason", "drawn_to_people_work"),
    ])
}

pub fn checkin(date: NaiveDate, pairs: &[(&str, &str)]) -> Checkin {
    Checkin {
        date,
        answers: pairs
            .iter()
            .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        note: None,
    }
}

/// An early week: still pulled back to the code, feedback put off, and once "the pay".
pub const EARLY: &[(&str, &str)] = &[
    ("energy", "hard_technical_problem"),
    ("drained", "back_to_back_meetings"),
    ("hard_feedback", "put_it_off"),
    ("missed_building", "retreated_into_code"),
    ("helped_grow", "guided_through_technical_work"),
    ("drift", "code"),
    ("keeps_you_going", "the_pay"),
];

/// A later week: the people work gives energy, feedback given and done.
pub const LATER: &[(&str, &str)] = &[
    ("energy", "people_work"),
    ("drained", "nothing"),
    ("hard_feedback", "gave_it_and_moved_on"),
    ("missed_building", "not_really"),
    ("helped_grow", "a_report_stepped_up"),
    ("drift", "team_process"),
    ("keeps_you_going", "the_work_itself"),
];

/// A week pointing back to IC throughout.
pub const AWAY: &[(&str, &str)] = &[
    ("energy", "hard_technical_problem"),
    ("drained", "people_problems"),
    ("hard_feedback", "gave_it_dread_stayed"),
    ("missed_building", "missed_it_badly"),
    ("helped_grow", "nobody"),
    ("drift", "code"),
    ("keeps_you_going", "waiting_to_go_back"),
];

/// A week that says something both ways.
pub const MIXED: &[(&str, &str)] = &[
    ("energy", "people_work"),
    ("drained", "back_to_back_meetings"),
    ("hard_feedback", "gave_it_and_moved_on"),
    ("missed_building", "missed_it_badly"),
];

/// `n` check-ins every `every_days` days from the first Monday after the start.
pub fn dates(n: u64, every_days: u64) -> Vec<NaiveDate> {
    (0..n)
        .map(|i| {
            start()
                .checked_add_days(Days::new(7 + every_days * i))
                .unwrap()
        })
        .collect()
}

/// An `.ics` of weekday meetings from `from` (inclusive) to `until` (exclusive): each
/// `(start, end)` pair of `HHMM` times is a daily recurring 1:1.
pub fn calendar_ics(from: NaiveDate, until: NaiveDate, meetings: &[(&str, &str)]) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (i, (a, b)) in meetings.iter().enumerate() {
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:m{i}-{from}\r\nDTSTART:{}T{a}00Z\r\nDTEND:{}T{b}00Z\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL={}T000000Z\r\nSUMMARY:Sam / me 1:1\r\nEND:VEVENT\r\n",
            from.format("%Y%m%d"),
            from.format("%Y%m%d"),
            until.format("%Y%m%d"),
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// Analyse a calendar the way the shell would and keep only the weekly points.
pub fn upload(
    content: &TrialContent,
    from: NaiveDate,
    until: NaiveDate,
    meetings: &[(&str, &str)],
) -> Vec<WeekPoint> {
    let ics = calendar_ics(from, until, meetings);
    let options = AnalyzeOptions::new(from, until);
    let analysis = analyze(
        &[("export.ics", ics.as_bytes())],
        &options,
        &content.framework,
    )
    .unwrap();
    WeekPoint::from_analysis(&analysis)
}

/// An IC-shaped day: 1.5 hours of meetings, a long focus stretch.
pub const IC_DAY: &[(&str, &str)] = &[("0900", "1000"), ("1030", "1100")];

/// A manager-shaped day: five one-hour meetings with half-hour gaps.
pub const MANAGER_DAY: &[(&str, &str)] = &[
    ("0900", "1000"),
    ("1030", "1130"),
    ("1200", "1300"),
    ("1330", "1430"),
    ("1500", "1600"),
];
