//! Calendar upload page and the analyze API. The file is never stored; only sealed totals go
//! back to the browser.

use crate::test::common::{TestApp, two_weeks_ics};

async fn upload(
    app: &mut TestApp,
    extra: &[(&str, &str)],
    file: &[u8],
) -> crate::test::common::TestResponse {
    let token = app.get("/calendar").await.csrf();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("csrf", None, token.as_bytes())];
    for (k, v) in extra {
        parts.push((k, None, v.as_bytes()));
    }
    parts.push(("calendar", Some("work.ics"), file));
    app.post_multipart("/calendar", &parts).await
}

const WINDOW: &[(&str, &str)] = &[
    ("from", "2026-01-05"),
    ("to", "2026-01-19"),
    ("work_day", "mon"),
    ("work_day", "tue"),
    ("work_day", "wed"),
    ("work_day", "thu"),
    ("work_day", "fri"),
];

#[tokio::test]
async fn upload_shows_figures_and_a_chart_and_keeps_only_totals() {
    let mut app = TestApp::new().await;
    let response = upload(&mut app, WINDOW, two_weeks_ics()).await;
    response.assert_status(200);
    let text = response.text();
    assert!(text.contains("data-closest=\"ic\""), "{text}");
    assert!(
        text.contains("<span class=\"value\" id=\"stat-working-hours\">80</span>"),
        "{text}"
    );
    assert!(text.contains("<span class=\"value\" id=\"stat-meeting-hours\">8.5</span>"));
    assert!(text.contains("<svg"), "the chart is drawn");
    assert!(
        !text.contains("Team standup"),
        "event titles are never shown"
    );
    let kept = app
        .cookie("dt_calendar_0")
        .expect("totals are kept for the decision page");
    assert!(!kept.contains("standup"));
    let again = app.get("/calendar").await;
    assert!(
        again
            .text()
            .contains("Your last analysis (2026-01-05 to 2026-01-19)")
    );
}

#[tokio::test]
async fn oversized_uploads_are_refused_with_413() {
    let mut app = TestApp::new().await;
    let mut big = two_weeks_ics().to_vec();
    big.resize(dualtrack_web::limits::CALENDAR_FILES + 1024, b'\n');
    let response = upload(&mut app, WINDOW, &big).await;
    response.assert_status(413);
    assert!(response.header("content-type").starts_with("text/html"));
    assert!(
        response.text().contains("limited to 20 MB"),
        "{}",
        response.text()
    );
}

#[tokio::test]
async fn bad_files_and_options_are_explained_on_the_form() {
    let mut app = TestApp::new().await;
    let not_ics = upload(&mut app, WINDOW, b"name,start\nstandup,09:00\n").await;
    not_ics.assert_status(422);
    assert!(not_ics.text().contains("not an iCalendar file"));
    assert!(not_ics.text().contains("id=\"calendar-error\""));
    let bad_option = upload(&mut app, &[("tz", "Mars/Olympus")], two_weeks_ics()).await;
    bad_option.assert_status(400);
    assert!(bad_option.text().contains("Mars/Olympus"));
    let token = app.get("/calendar").await.csrf();
    let no_file = app
        .post_multipart("/calendar", &[("csrf", None, token.as_bytes())])
        .await;
    no_file.assert_status(400);
}

#[tokio::test]
async fn api_analyze_matches_the_stable_interface() {
    let mut app = TestApp::new().await;
    let response = app
        .send(axum::http::Method::POST, "/api/v1/calendar/analyze?from=2026-01-05&to=2026-01-19&work_hours=09:00-17:00&work_days=mon-fri", "text/calendar", two_weeks_ics().to_vec())
        .await;
    response.assert_status(200);
    let json = response.json();
    assert_eq!(json["window"]["from"], "2026-01-05");
    assert_eq!(json["window"]["tz"], "Europe/Berlin");
    assert_eq!(json["closest_track"], "ic");
    for key in [
        "counts",
        "hours",
        "shares",
        "categories",
        "distance",
        "weeks",
    ] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
    insta::assert_json_snapshot!("api_calendar_two_weeks", json);
}

#[tokio::test]
async fn api_analyze_errors() {
    let mut app = TestApp::new().await;
    let bad = app
        .send(
            axum::http::Method::POST,
            "/api/v1/calendar/analyze?focus_min=0",
            "text/calendar",
            two_weeks_ics().to_vec(),
        )
        .await;
    bad.assert_status(400);
    let not_ics = app
        .send(
            axum::http::Method::POST,
            "/api/v1/calendar/analyze",
            "text/calendar",
            "hello",
        )
        .await;
    not_ics.assert_status(422);
    let big = vec![b' '; dualtrack_web::limits::CALENDAR_FILES + 1];
    let too_big = app
        .send(
            axum::http::Method::POST,
            "/api/v1/calendar/analyze",
            "text/calendar",
            big,
        )
        .await;
    too_big.assert_status(413);
    assert!(
        too_big.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("20 MB")
    );
}
