//! The decision report: agreement rules, flags, outlook choice, and snapshots of every format.

use dualtrack_decide::report::{
    Agreement, AnswersBasis, render_html, render_html_body, render_markdown,
};
use dualtrack_decide::{Band, Track};

use super::common::{analysis, assessment, build, months_at};

#[test]
fn ic_answers_and_ic_calendar_agree() {
    let report = build("ic-answers.toml", Some("ic-week"), None);
    assert_eq!(report.agreement, Agreement::Agree);
    assert_eq!(report.recommended_track, Some(Track::Ic));
    assert_eq!(report.comparison.answers_basis, AnswersBasis::Verdict);
    assert_eq!(report.comparison.calendar_track, Some(Track::Ic));
    assert_eq!(report.headline, "IC track: answers and calendar agree");
    // One outlook when the evidence points one way.
    assert_eq!(
        report.outlook.iter().map(|t| t.track).collect::<Vec<_>>(),
        [Track::Ic]
    );
    assert!(report.red_flags.is_empty(), "{:?}", report.red_flags);
    assert!(
        report.trial_note.contains("do not need a management trial"),
        "{}",
        report.trial_note
    );
    assert!(report.switchback.is_none());
}

#[test]
fn ic_answers_with_a_managers_calendar_say_so_plainly() {
    let report = build(
        "ic-answers.toml",
        Some("manager-week"),
        Some(months_at(30, "scale-up")),
    );
    assert_eq!(report.agreement, Agreement::Disagree);
    assert_eq!(report.comparison.calendar_track, Some(Track::Management));
    assert!(
        report
            .comparison
            .summary
            .contains("your calendar already looks like a manager's week")
    );
    assert_eq!(
        report.headline,
        "IC track by your answers, but your calendar looks like a manager's week"
    );
    let ids: Vec<&str> = report.red_flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["calendar_disagrees"]);
    let flag = &report.red_flags[0];
    let e = report.calendar_evidence.as_ref().unwrap();
    let week = format!(
        "Your week is {}% meetings, {}% async and {}% focus",
        e.shares.meetings, e.shares.async_, e.shares.focus
    );
    assert!(flag.detail.starts_with(&week), "{}", flag.detail);
    assert!(
        flag.detail.contains("a typical manager week is 60/30/10"),
        "{}",
        flag.detail
    );
    // Split evidence: both outlooks.
    assert_eq!(report.outlook.len(), 2);
    // 30 months x 1.5 = 45 effective months: rebuild, 3-6 months.
    let estimate = report.switchback.as_ref().unwrap();
    assert_eq!(
        (estimate.effective_months, estimate.band),
        (45, Band::Rebuild)
    );
    // The switch-back org also checks the trial: 12 x 1.5 = 18, still intact.
    let check = report.trial.switchback_check.as_ref().unwrap();
    assert_eq!(
        (check.at_max.effective_months, check.at_max.band),
        (18, Band::Intact)
    );
}

#[test]
fn management_answers_with_a_managers_calendar_agree_but_keep_the_red_flags() {
    let report = build("management-answers.toml", Some("manager-week"), None);
    assert_eq!(report.agreement, Agreement::Agree);
    assert_eq!(report.recommended_track, Some(Track::Management));
    let ids: Vec<&str> = report.red_flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["more_money", "skip_level_wants_it"]);
    assert!(report.red_flags.iter().all(|f| !f.detail.is_empty()));
    assert!(
        report
            .trial_note
            .starts_with("Before committing to management"),
        "{}",
        report.trial_note
    );
}

#[test]
fn management_answers_with_an_ic_calendar_disagree() {
    let report = build("management-answers.toml", Some("ic-week"), None);
    assert_eq!(report.agreement, Agreement::Disagree);
    assert!(
        report
            .comparison
            .summary
            .contains("still looks like an IC's week"),
        "{}",
        report.comparison.summary
    );
}

#[test]
fn without_a_calendar_the_agreement_is_no_calendar() {
    let report = build("ic-answers.toml", None, None);
    assert_eq!(report.agreement, Agreement::NoCalendar);
    assert!(report.calendar.is_none() && report.calendar_evidence.is_none());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["agreement"], "no_calendar");
    assert_eq!(json["calendar"], serde_json::Value::Null);
    assert_eq!(report.outlook.len(), 1);
}

#[test]
fn answers_with_no_verdict_are_no_verdict_and_say_why() {
    let report = build("unclear-answers.toml", Some("manager-week"), None);
    assert_eq!(report.assessment.leaning, None);
    assert_eq!(report.comparison.answers_basis, AnswersBasis::None);
    assert_eq!(report.agreement, Agreement::NoVerdict);
    assert!(
        report
            .comparison
            .summary
            .contains("nothing for the calendar to confirm")
    );
    assert!(
        report
            .headline
            .starts_with("No clear track yet (unclear verdict): your answers do not decide"),
        "{}",
        report.headline
    );
    assert_eq!(report.recommended_track, None);
    assert_eq!(report.outlook.len(), 2);
    // No answer side, so no calendar_disagrees flag: there is no side to contradict.
    assert!(
        report
            .red_flags
            .iter()
            .all(|f| f.id != "calendar_disagrees")
    );
}

#[test]
fn a_long_stint_and_a_costly_trial_are_flagged() {
    // 20 months at a frontier lab = 80 effective months: reinvest.
    let report = build(
        "management-answers.toml",
        None,
        Some(months_at(20, "frontier-lab")),
    );
    let ids: Vec<&str> = report.red_flags.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"long_way_back"), "{ids:?}");
    assert!(ids.contains(&"costly_trial"), "{ids:?}");
    let flag = report
        .red_flags
        .iter()
        .find(|f| f.id == "long_way_back")
        .unwrap();
    assert!(
        flag.title.starts_with("80 effective months"),
        "{}",
        flag.title
    );
    assert!(flag.detail.contains("6-12 months"), "{}", flag.detail);
}

#[test]
fn json_embeds_the_assessment_and_calendar_exactly() {
    let report = build("ic-answers.toml", Some("manager-week"), None);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["assessment"],
        serde_json::to_value(assessment("ic-answers.toml")).unwrap()
    );
    assert_eq!(
        json["calendar"],
        serde_json::to_value(analysis("manager-week")).unwrap()
    );
    assert_eq!(json["agreement"], "disagree");
    assert_eq!(json["recommended_track"], "ic");
}

#[test]
fn calendar_evidence_matches_the_analysis() {
    let report = build("ic-answers.toml", Some("manager-week"), None);
    let a = report.calendar.as_ref().unwrap();
    let e = report.calendar_evidence.as_ref().unwrap();
    let pct = |f: f64| (f * 100.0).round();
    assert_eq!(f64::from(e.shares.meetings), pct(a.shares.meetings));
    assert_eq!(f64::from(e.shares.focus), pct(a.shares.focus));
    assert_eq!(e.working_days, a.counts.working_days);
    // Typical weeks come from the framework: 30/30/40 and 60/30/10.
    let typical: Vec<(Track, u32, u32, u32)> = e
        .typical
        .iter()
        .map(|t| (t.track, t.shares.meetings, t.shares.async_, t.shares.focus))
        .collect();
    assert_eq!(
        typical,
        [(Track::Ic, 30, 30, 40), (Track::Management, 60, 30, 10)]
    );
}

#[test]
fn html_is_standalone_escaped_and_printable() {
    let mut report = build("ic-answers.toml", Some("manager-week"), None);
    report.headline = "<script>alert('x')</script> & \"more\"".into();
    report.red_flags.push(dualtrack_decide::report::Flag {
        id: "x".into(),
        source: dualtrack_decide::report::FlagSource::Answers,
        title: "<img src=x onerror=alert(1)>".into(),
        detail: "</td></tr>".into(),
    });
    let html = render_html(&report);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "unescaped markup"
    );
    assert!(
        html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
        "headline not escaped"
    );
    assert!(html.contains("@media print"));
    for external in ["<link", "src=\"", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "external asset: {external}");
    }
    let body = render_html_body(&report);
    assert!(body.starts_with("<article class=\"dt-report\">"));
    assert!(!body.contains("<html"));
}

#[test]
fn markdown_escapes_text_from_the_inputs() {
    let mut report = build("ic-answers.toml", None, None);
    report.headline = "a | b *c* <d>".into();
    let md = render_markdown(&report);
    assert!(md.contains("**a \\| b \\*c\\* \\<d\\>**"), "{}", &md[..200]);
}

#[test]
fn every_switchback_number_in_the_markdown_comes_from_the_estimate() {
    let report = build("ic-answers.toml", None, Some(months_at(5, "frontier-lab")));
    let e = report.switchback.as_ref().unwrap();
    assert_eq!((e.effective_months, e.band), (20, Band::Rebuild));
    let md = render_markdown(&report);
    assert!(
        md.contains("**Rebuild**: 20 effective months, ramp-up 3-6 months."),
        "{md}"
    );
    assert!(md.contains("Input: 5 months in management at a frontier AI lab, no side practice."));
    assert!(md.contains("each month counts x4.00"));
}

mod snapshots {
    use super::*;

    fn agreeing() -> dualtrack_decide::Report {
        build("ic-answers.toml", Some("ic-week"), None)
    }

    fn disagreeing() -> dualtrack_decide::Report {
        build(
            "ic-answers.toml",
            Some("manager-week"),
            Some(months_at(30, "scale-up")),
        )
    }

    #[test]
    fn agreeing_markdown() {
        insta::assert_snapshot!(render_markdown(&agreeing()));
    }

    #[test]
    fn agreeing_html() {
        insta::assert_snapshot!(render_html(&agreeing()));
    }

    #[test]
    fn agreeing_json() {
        insta::assert_json_snapshot!(agreeing());
    }

    #[test]
    fn disagreeing_markdown() {
        insta::assert_snapshot!(render_markdown(&disagreeing()));
    }

    #[test]
    fn disagreeing_html() {
        insta::assert_snapshot!(render_html(&disagreeing()));
    }

    #[test]
    fn disagreeing_json() {
        insta::assert_json_snapshot!(disagreeing());
    }
}

/// Regression (issue 12, misreading 3, weak answers turned into a recommendation): an
/// "either" verdict leaning to management showed only management's outlook and wrote "Before
/// committing to management…". With no clear verdict the report shows both tracks, says the
/// answers do not decide it and picks no side, in Markdown, HTML and JSON.
#[test]
fn no_clear_verdict_shows_both_tracks_and_never_picks_management() {
    for calendar in [None, Some("ic-week"), Some("manager-week")] {
        let report = build("either-leaning-management-answers.toml", calendar, None);
        assert_eq!(report.assessment.verdict, dualtrack_assess::Verdict::Either);
        assert_eq!(
            report.assessment.leaning,
            Some(dualtrack_assess::Track::Management)
        );
        assert_eq!(report.agreement, Agreement::NoVerdict);
        assert_eq!(report.recommended_track, None);
        assert_eq!(report.outlook.len(), 2, "both tracks' outlooks");
        assert!(
            report.headline.contains("do not decide"),
            "{}",
            report.headline
        );
        assert!(
            report
                .red_flags
                .iter()
                .all(|f| f.id != "calendar_disagrees"),
            "a leaning is not a side a calendar can contradict"
        );
        let md = render_markdown(&report);
        let html = render_html(&report);
        let json = serde_json::to_string(&report).unwrap();
        for (name, text) in [("markdown", &md), ("html", &html), ("json", &json)] {
            assert!(
                !text.contains("Before committing to management"),
                "{name} picks a side: {text}"
            );
            assert!(text.contains("do not decide"), "{name}");
        }
        assert!(md.contains("both outlooks are shown"), "{md}");
        assert!(html.contains("both outlooks are shown"), "{html}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["agreement"], "no_verdict");
        assert_eq!(value["recommended_track"], serde_json::Value::Null);
    }
}

/// Regression (issue 12, misreading 4): a meeting-heavy calendar with IC answers said the
/// person's job "has drifted into management work". Staff weeks are full of meetings and
/// writing too (001), so the report says what the calendar shows and what it does not imply.
#[test]
fn a_meeting_heavy_week_with_ic_answers_is_not_called_drift_into_management() {
    let report = build("ic-answers.toml", Some("manager-week"), None);
    assert_eq!(report.agreement, Agreement::Disagree);
    let md = render_markdown(&report);
    assert!(!md.contains("drifted"), "{md}");
    let summary = &report.comparison.summary;
    assert!(
        summary.contains("Staff and Principal weeks are full of meetings"),
        "{summary}"
    );
    assert!(
        summary.contains("does not by itself mean management work"),
        "{summary}"
    );
    assert!(
        summary.contains("1:1s with reports, hiring, performance"),
        "{summary}"
    );
}

/// Regression (issue 12, misreading 2, the hard-feedback rule): a management verdict with
/// "I would put it off for weeks" carries the readiness caution in the assessment's headline,
/// and the report's trial plan starts with that skill.
#[test]
fn hard_feedback_caution_leads_the_headline_and_the_trial_plan() {
    let report = build("management-avoids-feedback-answers.toml", None, None);
    assert_eq!(
        report.assessment.verdict,
        dualtrack_assess::Verdict::Management
    );
    assert_eq!(report.assessment.cautions.len(), 1);
    assert!(
        report
            .assessment
            .summary
            .headline
            .contains("Readiness caution"),
        "{}",
        report.assessment.summary.headline
    );
    assert!(
        report
            .trial_note
            .starts_with("Start with the skill your answers flag: hard feedback."),
        "{}",
        report.trial_note
    );
    let md = render_markdown(&report);
    assert!(md.contains("Readiness caution"), "{md}");
    let html = render_html(&report);
    assert!(
        html.contains("<strong>Readiness caution.</strong>"),
        "{html}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["assessment"]["cautions"][0]["id"], "hard_feedback");
}
