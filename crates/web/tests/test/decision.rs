//! The decision page, its downloads, and the report API.

use crate::test::common::{IC_FORM, TestApp, ic_answers, two_weeks_ics};

async fn with_assessment_and_calendar() -> TestApp {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    app.submit("/assess", "/assess", IC_FORM)
        .await
        .assert_status(303);
    let token = app.get("/calendar").await.csrf();
    app.post_multipart(
        "/calendar",
        &[
            ("csrf", None, token.as_bytes()),
            ("from", None, b"2026-01-05"),
            ("to", None, b"2026-01-19"),
            ("calendar", Some("work.ics"), two_weeks_ics()),
        ],
    )
    .await
    .assert_status(200);
    app
}

#[tokio::test]
async fn without_an_assessment_the_page_says_what_to_do() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let page = app.get("/decision").await;
    page.assert_status(200);
    assert!(
        page.text()
            .contains("Take the <a href=\"/assess\">assessment</a> first")
    );
    let download = app.get("/decision/report.html").await;
    download.assert_status(404);
}

#[tokio::test]
async fn answers_and_calendar_are_joined() {
    let mut app = with_assessment_and_calendar().await;
    let page = app.get("/decision").await;
    page.assert_status(200);
    let text = page.text();
    assert!(text.contains("data-agreement=\"agree\""), "{text}");
    assert!(text.contains("class=\"dt-report\""));
    assert!(text.contains("href=\"/decision/report.html\""));
    let with_situation = app
        .get("/decision?months=30&org=scale-up&side_practice=on")
        .await;
    with_situation.assert_status(200);
    let text = crate::test::common::unescape(&with_situation.text());
    assert!(
        text.contains("href=\"/decision/report.html?months=30&org=scale-up&side_practice=on\""),
        "{text}"
    );
    app.get("/decision?months=30&org=moon-base")
        .await
        .assert_status(400);
}

#[tokio::test]
async fn the_report_downloads_in_three_formats() {
    let mut app = with_assessment_and_calendar().await;
    let html = app.get("/decision/report.html").await;
    html.assert_status(200);
    assert!(html.header("content-disposition").starts_with("attachment"));
    assert!(
        html.text().starts_with("<!DOCTYPE html>") || html.text().starts_with("<!doctype html>")
    );
    let md = app.get("/decision/report.md").await;
    md.assert_status(200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    let json = app.get("/decision/report.json").await;
    json.assert_status(200);
    let report = json.json();
    assert_eq!(report["agreement"], "agree");
    assert_eq!(report["assessment"]["verdict"], "ic");
    assert_eq!(
        report["calendar"]["owner"],
        serde_json::Value::Null,
        "the owner is not kept"
    );
    app.get("/decision/report.pdf").await.assert_status(404);
}

#[tokio::test]
async fn api_report_with_and_without_a_calendar() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let alone = app
        .post_json(
            "/api/v1/report",
            &serde_json::json!({"answers": ic_answers()}),
        )
        .await;
    alone.assert_status(200);
    assert_eq!(alone.json()["agreement"], "no_calendar");
    assert_eq!(alone.json()["calendar"], serde_json::Value::Null);
    let ics = String::from_utf8(two_weeks_ics().to_vec()).unwrap();
    let body = serde_json::json!({
        "answers": ic_answers(),
        "calendar": {"ics": ics, "from": "2026-01-05", "to": "2026-01-19"},
        "months_in_management": 12,
        "org": "startup"
    });
    let joined = app.post_json("/api/v1/report", &body).await;
    joined.assert_status(200);
    assert_eq!(joined.json()["agreement"], "agree");
    assert!(joined.json()["switchback"].is_object());
    let md = app
        .post_json(
            "/api/v1/report?format=markdown",
            &serde_json::json!({"answers": ic_answers()}),
        )
        .await;
    md.assert_status(200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    let bad_org = app.post_json("/api/v1/report", &serde_json::json!({"answers": ic_answers(), "months_in_management": 3, "org": "moon-base"})).await;
    bad_org.assert_status(400);
    let bad_answers = app
        .post_json(
            "/api/v1/report",
            &serde_json::json!({"answers": {"absorbed": "naps"}}),
        )
        .await;
    bad_answers.assert_status(422);
    let unknown_field = app
        .post_json(
            "/api/v1/report",
            &serde_json::json!({"answers": ic_answers(), "mood": "sunny"}),
        )
        .await;
    unknown_field.assert_status(422);
}

/// Regression (issue 13): the decision page opened from a result link said the assessment was
/// "missing" in a browser that had not kept the answers; the link's answers now restore it.
#[tokio::test]
async fn a_result_link_restores_the_assessment_on_the_decision_page() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let answers = "absorbed=hard_problem_alone&drift=refactoring&amplify=own_keyboard&next_project=hands_on_system&hard_feedback=avoid_for_weeks";
    let result = app.get(&format!("/assess/result?{answers}")).await;
    let result_text = crate::test::common::unescape(&result.text());
    assert!(
        result_text.contains(&format!("href=\"/decision?{answers}\"")),
        "the result page links to the decision page with its answers"
    );
    let page = app.get(&format!("/decision?{answers}&months=12")).await;
    page.assert_status(200);
    let text = crate::test::common::unescape(&page.text());
    assert!(text.contains("class=\"dt-report\""), "{text}");
    // The conclusion comes before the optional inputs, and the inputs keep the answers.
    let report_at = text.find("class=\"dt-report\"").unwrap();
    let form_at = text.find("id=\"situation-title\"").unwrap();
    assert!(report_at < form_at, "report first, then the inputs");
    assert!(
        text.contains("<input type=\"hidden\" name=\"absorbed\" value=\"hard_problem_alone\">")
    );
    assert!(
        text.contains(&format!(
            "href=\"/decision/report.html?{answers}&months=12\""
        )),
        "{text}"
    );
    app.get(&format!("/decision/report.md?{answers}"))
        .await
        .assert_status(200);
}
