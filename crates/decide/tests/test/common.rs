//! Real inputs for the report: assessments scored by the assess engine from answers files, and
//! analyses made by the calendar engine from `.ics` fixtures.

use chrono::NaiveDate;
use chrono::TimeZone as _;
use dualtrack_assess::{Answers, Assessment, Questionnaire, score};
use dualtrack_calendar::analysis::{Context, analyze_occurrences};
use dualtrack_calendar::{
    Analysis, AnalyzeOptions, Attendee, EventStatus, EventTime, Occurrence, PartStat,
};
use dualtrack_decide::report::{self, ReportInput};
use dualtrack_decide::{Content, Report, SwitchbackInput};
use dualtrack_framework::Framework;

pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn assessment(answers_file: &str) -> Assessment {
    let answers = Answers::from_toml(&fixture(answers_file), answers_file).unwrap();
    score(Questionnaire::embedded(), &answers).unwrap()
}

/// One meeting of the owner (alex@example.com) with colleagues, on 5-9 January 2026 (UTC).
fn meeting(
    uid: &str,
    day: u32,
    start: (u32, u32),
    end: (u32, u32),
    title: &str,
    others: &[&str],
) -> Occurrence {
    let at = |(h, m): (u32, u32)| {
        let t = NaiveDate::from_ymd_opt(2026, 1, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap();
        EventTime::Zoned(chrono::Utc.from_utc_datetime(&t).fixed_offset())
    };
    let person = |name: &str| Attendee {
        email: format!("{name}@example.com"),
        partstat: PartStat::Accepted,
        is_resource: false,
    };
    let mut attendees = vec![person("alex")];
    attendees.extend(others.iter().map(|o| person(o)));
    Occurrence {
        uid: format!("{uid}-{day}@example.com").into(),
        recurrence_id: None,
        start: at(start),
        end: at(end),
        all_day: false,
        summary: Some(title.into()),
        status: EventStatus::Confirmed,
        transparent: false,
        organizer: Some("alex@example.com".into()),
        attendees: attendees.into(),
        recurring: true,
        categories: Vec::new().into(),
        event_kind: None,
        line: 1,
    }
}

/// The same weeks as the CLI fixtures `report/manager-week.ics` and `report/ic-week.ics`.
fn week(name: &str) -> Vec<Occurrence> {
    const TEAM: &[&str] = &["sam", "kim", "lee", "ana"];
    let mut out = Vec::new();
    for day in 5..=9 {
        match name {
            "manager-week" => {
                out.push(meeting(
                    "standup",
                    day,
                    (9, 0),
                    (9, 30),
                    "Team standup",
                    TEAM,
                ));
                out.push(meeting(
                    "oo-sam",
                    day,
                    (9, 30),
                    (10, 0),
                    "1:1 Sam",
                    &["sam"],
                ));
                out.push(meeting(
                    "oo-kim",
                    day,
                    (10, 0),
                    (10, 30),
                    "1:1 Kim",
                    &["kim"],
                ));
                out.push(meeting(
                    "oo-lee",
                    day,
                    (10, 30),
                    (11, 0),
                    "1:1 Lee",
                    &["lee"],
                ));
                out.push(meeting(
                    "xfn",
                    day,
                    (11, 0),
                    (12, 0),
                    "Product and design sync",
                    &["pm", "designer", "sam"],
                ));
                if [5, 7, 9].contains(&day) {
                    out.push(meeting(
                        "interview",
                        day,
                        (13, 0),
                        (14, 0),
                        "Interview: backend candidate",
                        &["recruiter"],
                    ));
                } else {
                    out.push(meeting(
                        "planning",
                        day,
                        (14, 0),
                        (15, 30),
                        "Quarterly planning",
                        &["pm", "director"],
                    ));
                }
                out.push(meeting(
                    "escalations",
                    day,
                    (15, 30),
                    (16, 30),
                    "Escalation review",
                    TEAM,
                ));
            }
            "ic-week" => {
                out.push(meeting(
                    "standup",
                    day,
                    (9, 0),
                    (9, 15),
                    "Team standup",
                    TEAM,
                ));
                if [6, 8].contains(&day) {
                    out.push(meeting(
                        "design",
                        day,
                        (14, 0),
                        (15, 0),
                        "Design review",
                        TEAM,
                    ));
                }
                if day == 7 {
                    out.push(meeting(
                        "arch",
                        day,
                        (11, 0),
                        (12, 0),
                        "Architecture sync",
                        &["sam", "kim"],
                    ));
                }
                if day == 5 {
                    out.push(meeting(
                        "oo-mgr",
                        day,
                        (16, 0),
                        (16, 30),
                        "1:1 with Jordan",
                        &["jordan"],
                    ));
                }
            }
            other => panic!("no week called {other}"),
        }
    }
    out
}

/// Analyse one of the fixture weeks over 5-9 January 2026, 09:00-17:00 UTC.
pub fn analysis(name: &str) -> Analysis {
    let mut options = AnalyzeOptions::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
    );
    options.tz = Some(chrono_tz::Tz::UTC);
    options.owner = Some("alex@example.com".into());
    let context = Context {
        calendar_names: Vec::new(),
        calendar_tz: None,
        single_source: Some(format!("{name}.ics")),
        warnings: Vec::new(),
        skipped_lines: Vec::new(),
    };
    analyze_occurrences(
        &week(name),
        &context,
        &options,
        &Framework::embedded().unwrap(),
    )
    .unwrap()
}

pub fn build(answers: &str, calendar: Option<&str>, switchback: Option<SwitchbackInput>) -> Report {
    let assessment = assessment(answers);
    let analysis = calendar.map(analysis);
    let input = ReportInput {
        assessment: &assessment,
        calendar: analysis.as_ref(),
        switchback: switchback.as_ref(),
        trial_at: None,
    };
    report::build(
        &Content::embedded().unwrap(),
        &Framework::embedded().unwrap(),
        &input,
    )
    .unwrap()
}

pub fn months_at(months: u32, org: &str) -> SwitchbackInput {
    SwitchbackInput {
        months,
        org: org.into(),
        side_practice: false,
        strong_technical: false,
    }
}
