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
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let response = upload(&mut app, WINDOW, two_weeks_ics()).await;
    response.assert_status(200);
    let text = response.text();
    assert!(text.contains("data-closest=\"ic\""), "{text}");
    assert!(
        text.contains("<span class=\"value\" id=\"stat-working-hours\">80.0</span>"),
        "{text}"
    );
    assert!(text.contains("<span class=\"value\" id=\"stat-meeting-hours\">8.5</span>"));
    assert!(text.contains("<svg"), "the chart is drawn");
    // The typical weeks' shapes say where they come from (issue 12: a marker beside each
    // figure taken from the seeds).
    assert!(
        text.contains(
            "Where this comes from: </span>Source: IC or management: which track fits you"
        ),
        "{text}"
    );
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
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
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
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
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
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
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
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
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

/// The engine names the fields it refuses (`to`, `from`); the API passes that on, the page
/// words them as its form does, and neither shows a CLI flag.
#[tokio::test]
async fn a_backwards_window_names_the_fields_not_flags() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let api = app
        .send(
            axum::http::Method::POST,
            "/api/v1/calendar/analyze?from=2026-02-01&to=2026-01-01",
            "text/calendar",
            two_weeks_ics().to_vec(),
        )
        .await;
    api.assert_status(400);
    let message = api.json()["error"]["message"].as_str().unwrap().to_owned();
    assert_eq!(
        message,
        "the window is empty: `to` 2026-01-01 must be after `from` 2026-02-01 (`to` is exclusive)"
    );
    let page = upload(
        &mut app,
        &[("from", "2026-02-01"), ("to", "2026-01-01")],
        two_weeks_ics(),
    )
    .await;
    page.assert_status(400);
    let text = page.text();
    assert!(
        text.contains("the To date 2026-01-01 must be after the From date 2026-02-01"),
        "{text}"
    );
    assert!(!text.contains("--to") && !text.contains("`to`"), "{text}");
}

// ---- defaults that fit the file (issue 11) ------------------------------------------------

const OUTLOOK: &[u8] = include_bytes!("../../../cli/tests/fixtures/calendar/outlook-manager.ics");
const GOOGLE_OLD: &[u8] = include_bytes!("../../../cli/tests/fixtures/calendar/google-old.ics");
const THIN: &[u8] = include_bytes!("../../../cli/tests/fixtures/calendar/thin.ics");

async fn api(app: &mut TestApp, query: &str, ics: &[u8]) -> serde_json::Value {
    let response = app
        .send(
            axum::http::Method::POST,
            &format!("/api/v1/calendar/analyze{query}"),
            "text/calendar",
            ics.to_vec(),
        )
        .await;
    response.assert_status(200);
    response.json()
}

/// Regression (issue 11): the Outlook manager export was read in the server's zone (UTC).
#[tokio::test]
async fn an_outlook_export_is_read_in_its_events_zone_not_the_servers() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let json = api(&mut app, "?browser_tz=Europe/Berlin", OUTLOOK).await;
    assert_eq!(json["window"]["tz"], "America/Los_Angeles");
    assert_eq!(json["window"]["tz_source"], "events");
    assert_eq!(json["window"]["from"], "2026-02-02");
    assert_eq!(json["closest_track"], "management");
    let page = upload(&mut app, &[("browser_tz", "Europe/Berlin")], OUTLOOK).await;
    page.assert_status(200);
    let text = page.text();
    assert!(text.contains("data-closest=\"management\""), "{text}");
    assert!(
        text.contains("Change it with &#34;Time zone&#34; below")
            || text.contains("Change it with &quot;Time zone&quot; below"),
        "{text}"
    );
}

#[tokio::test]
async fn the_browser_zone_is_the_fallback_when_the_file_names_none() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let bare = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260105T100000Z\r\nDTEND:20260105T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let json = api(
        &mut app,
        "?from=2026-01-05&to=2026-01-10&browser_tz=Asia/Tokyo",
        bare,
    )
    .await;
    assert_eq!(json["window"]["tz"], "Asia/Tokyo");
    assert_eq!(json["window"]["tz_source"], "default");
    let json = api(&mut app, "?from=2026-01-05&to=2026-01-10", bare).await;
    assert_eq!(json["window"]["tz"], "UTC", "never the server's local zone");
}

/// Regression (issue 11): an old export was analysed over the weeks before today.
#[tokio::test]
async fn an_old_export_is_analysed_over_its_last_busy_weeks() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let json = api(&mut app, "", GOOGLE_OLD).await;
    assert_eq!(json["window"]["from"], "2014-02-17");
    assert_eq!(json["window"]["to"], "2014-03-17");
    assert_eq!(json["window"]["source"], "last_busy_weeks");
    assert_eq!(json["evidence"]["span"]["last"], "2014-03-12");
    let page = upload(&mut app, &[], GOOGLE_OLD).await;
    page.assert_status(200);
    assert!(
        page.text()
            .contains("the four weeks up to your last meeting on 12 March 2014"),
        "{}",
        page.text()
    );
}

/// Regression (issue 11): almost nothing in the window still named a track, and the report
/// said the answers and calendar agree.
#[tokio::test]
async fn a_thin_window_names_no_track_and_the_report_says_thin_calendar() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let json = api(&mut app, "?from=2026-01-05&to=2026-02-02", THIN).await;
    assert_eq!(json["closest_track"], serde_json::Value::Null);
    assert_eq!(json["evidence"]["enough"], false);
    assert_eq!(json["evidence"]["busy_events"], 1);
    let body = serde_json::json!({
        "answers": crate::test::common::ic_answers(),
        "calendar": {"ics": String::from_utf8(THIN.to_vec()).unwrap(), "from": "2026-01-05", "to": "2026-02-02"},
    });
    let report = app.post_json("/api/v1/report", &body).await;
    report.assert_status(200);
    assert_eq!(report.json()["agreement"], "thin_calendar");
    let page = upload(
        &mut app,
        &[("from", "2026-01-05"), ("to", "2026-02-02")],
        THIN,
    )
    .await;
    page.assert_status(200);
    let text = page.text();
    assert!(text.contains("data-evidence=\"thin\""), "{text}");
    assert!(text.contains("Not enough here to say"), "{text}");
}

#[tokio::test]
async fn the_result_page_re_runs_on_the_kept_upload_without_a_second_upload() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let first = upload(&mut app, WINDOW, two_weeks_ics()).await;
    first.assert_status(200);
    let text = first.text();
    let id = text
        .split("name=\"upload\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the result page holds the kept upload's id")
        .to_owned();
    assert_eq!(id.len(), 64);
    let token = first.csrf();
    let again = app
        .post_multipart(
            "/calendar",
            &[
                ("csrf", None, token.as_bytes()),
                ("upload", None, id.as_bytes()),
                ("from", None, b"2026-01-12"),
                ("to", None, b"2026-01-19"),
            ],
        )
        .await;
    again.assert_status(200);
    assert!(
        again.text().contains("12 January 2026 to 18 January 2026"),
        "{}",
        again.text()
    );
    let token = app.get("/calendar").await.csrf();
    let gone = app
        .post_multipart(
            "/calendar",
            &[("csrf", None, token.as_bytes()), ("upload", None, b"0000")],
        )
        .await;
    gone.assert_status(400);
    assert!(gone.text().contains("no longer kept"), "{}", gone.text());
}

#[tokio::test]
async fn the_zone_script_is_served_and_the_form_has_a_zone_picker() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let js = app.get("/static/calendar.js").await;
    js.assert_status(200);
    assert!(js.text().contains("resolvedOptions().timeZone"));
    let form = app.get("/calendar").await.text();
    assert!(form.contains("name=\"browser_tz\""), "{form}");
    assert!(
        form.contains("<option value=\"America/Los_Angeles\">"),
        "{form}"
    );
    assert!(form.contains("src=\"/static/calendar.js\""), "{form}");
}

/// Guards the calendar page's `<title>`, which held its script tag as text (the browser tab
/// read "Check your calendar<script src=…").
#[tokio::test]
async fn the_calendar_page_title_is_only_words() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let text = app.get("/calendar").await.text();
    let title = text
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title.to_owned())
        .unwrap();
    assert_eq!(title, "Check your calendar · dualtrack");
    assert!(text.contains("<script src=\"/static/calendar.js\" defer></script>"));
}

/// Guards "It looks like an IC's week" said of a window years old: an old window's figures are
/// how the owner worked then, so the page says it is too old and draws no match or level.
#[tokio::test]
async fn an_old_window_is_not_read_as_how_you_work_now() {
    let mut app = TestApp::on(crate::test::common::CALENDAR_TODAY).await;
    let old = String::from_utf8(two_weeks_ics().to_vec())
        .unwrap()
        .replace("2026", "2023");
    let window: Vec<(&str, &str)> = WINDOW
        .iter()
        .map(|&(k, v)| match k {
            "from" => (k, "2023-01-05"),
            "to" => (k, "2023-01-19"),
            _ => (k, v),
        })
        .collect();
    let response = upload(&mut app, &window, old.as_bytes()).await;
    response.assert_status(200);
    let text = response.text();
    assert!(text.contains("This window is too old to say"), "{text}");
    assert!(!text.contains("It looks like"), "{text}");
    assert!(text.contains("data-evidence=\"thin\""), "{text}");
    assert!(
        text.contains("No level comparison from this window"),
        "{text}"
    );
    // Guards "enough to compare with each track" under "too old to say".
    assert!(
        text.contains("shows how you worked then, not now"),
        "{text}"
    );
    assert!(!text.contains("enough to compare"), "{text}");
    assert!(
        text.contains("no finding from this window"),
        "the chart says so too: {text}"
    );
}
