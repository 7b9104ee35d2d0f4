//! The trial on the web: the issue's story through the pages (an IC -> manager trial, twelve
//! weekly check-ins on simulated dates, three calendar uploads, the month-6 review citing its
//! signals, the feed, the sponsor, export, delete), the JSON API with snapshots of the review
//! and of the refusals, and authorisation: only the owner, never another account or an admin.

use axum::body::Body;
use axum::http::{Method, Request, header};
use dualtrack_board::Role;

use super::common::{TestApp, TestResponse, unescape};

/// An early week: pulled back to the code, feedback put off, once "the pay".
const EARLY: &[(&str, &str)] = &[
    ("energy", "hard_technical_problem"),
    ("drained", "back_to_back_meetings"),
    ("hard_feedback", "put_it_off"),
    ("missed_building", "retreated_into_code"),
    ("helped_grow", "guided_through_technical_work"),
    ("drift", "code"),
    ("keeps_you_going", "the_pay"),
];

/// A later week: the people work gives energy, feedback given and done.
const LATER: &[(&str, &str)] = &[
    ("energy", "people_work"),
    ("drained", "nothing"),
    ("hard_feedback", "gave_it_and_moved_on"),
    ("missed_building", "not_really"),
    ("helped_grow", "a_report_stepped_up"),
    ("drift", "team_process"),
    ("keeps_you_going", "the_work_itself"),
];

/// An upload: file name, bytes, from, to (exclusive), time zone.
type Upload = (
    &'static str,
    &'static [u8],
    &'static str,
    &'static str,
    Option<&'static str>,
);

const CALENDARS: [Upload; 3] = [
    (
        "analyze-week.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/analyze-week.ics"),
        "2026-01-05",
        "2026-01-12",
        Some("UTC"),
    ),
    (
        "trial-second-week.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/trial-second-week.ics"),
        "2026-01-12",
        "2026-01-19",
        Some("UTC"),
    ),
    (
        "outlook-manager.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/outlook-manager.ics"),
        "2026-02-02",
        "2026-02-09",
        None,
    ),
];

async fn sign_up(app: &mut TestApp, email: &str) {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", "a long enough password")],
    )
    .await
    .assert_status(303);
}

/// Start the story's trial through the page; returns its id.
async fn start_trial(app: &mut TestApp) -> String {
    let page = app.get("/trial").await;
    page.assert_status(200);
    assert!(
        page.text().contains("I will continue if"),
        "{}",
        page.text()
    );
    let started = app
        .submit(
            "/trial",
            "/trial",
            &[
                ("kind", "ic-to-manager"),
                ("start", "2026-01-05"),
                ("months", "6"),
                (
                    "continue_if",
                    "My reports say our one-on-ones help them\r\nI held a hard feedback conversation without putting it off",
                ),
                ("return_if", "I keep taking the critical-path tickets myself"),
                ("sponsor_name", "Ana"),
                ("sponsor_role", "my manager"),
                ("format", "tech-lead-with-reports"),
                ("org", "enterprise"),
            ],
        )
        .await;
    started.assert_status(303);
    let location = started.location().to_owned();
    let id = location
        .strip_prefix("/trial/")
        .and_then(|r| r.split('?').next())
        .unwrap()
        .to_owned();
    assert!(location.ends_with("?done=started"), "{location}");
    id
}

fn answers(
    list: &[(&'static str, &'static str)],
    date: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![("date", date)];
    fields.extend_from_slice(list);
    fields
}

const DATES: [&str; 12] = [
    "2026-01-12",
    "2026-01-19",
    "2026-01-26",
    "2026-02-02",
    "2026-02-09",
    "2026-02-16",
    "2026-02-23",
    "2026-03-02",
    "2026-03-09",
    "2026-03-16",
    "2026-03-23",
    "2026-03-30",
];

/// Twelve check-ins and three calendar uploads through the pages.
async fn record_the_story(app: &mut TestApp, id: &str) {
    let page_path = format!("/trial/{id}");
    for (i, date) in DATES.iter().enumerate() {
        let list = if i < 4 { EARLY } else { LATER };
        let saved = app
            .submit(
                &page_path,
                &format!("/trial/{id}/checkins"),
                &answers(list, date),
            )
            .await;
        saved.assert_status(303);
        assert!(saved.location().contains(&format!("date={date}")));
    }
    for (name, bytes, from, to, tz) in CALENDARS {
        let csrf = app.get(&page_path).await.csrf();
        let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
            ("csrf", None, csrf.as_bytes()),
            ("from", None, from.as_bytes()),
            ("to", None, to.as_bytes()),
        ];
        if let Some(tz) = tz {
            parts.push(("tz", None, tz.as_bytes()));
        }
        parts.push(("calendar", Some(name), bytes));
        let kept = app
            .post_multipart(&format!("/trial/{id}/calendar"), &parts)
            .await;
        kept.assert_status(303);
        assert!(kept.location().contains("kept=1"), "{}", kept.location());
        let shown = app.get(&unescape(kept.location())).await.text();
        assert!(
            shown.contains("shares of 1 week; the calendar file itself was not stored"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn the_story_through_the_pages() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "tess@example.com").await;
    let id = start_trial(&mut app).await;

    let page = app.get(&format!("/trial/{id}")).await;
    page.assert_status(200);
    let html = page.text();
    // The engine's questions, each option with its source marker; the upload says plainly
    // that the file is not kept.
    assert!(
        html.contains("Was there hard feedback to give this week"),
        "{html}"
    );
    assert!(html.contains("class=\"source small\""), "{html}");
    assert!(html.contains("Your calendar file is not kept."), "{html}");
    for internal in ["ic-to-manager", "put_it_off", "continue_if", "first-gate\""] {
        assert!(!html.contains(&format!(">{internal}<")), "{internal} shown");
    }

    record_the_story(&mut app, &id).await;
    // The same date twice is refused, and says what to do.
    let twice = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/checkins"),
            &answers(LATER, "2026-01-12"),
        )
        .await;
    twice.assert_status(422);
    assert!(twice.text().contains("already a check-in dated 2026-01-12"));
    // A thin window keeps nothing.
    let csrf = app.get(&format!("/trial/{id}")).await.csrf();
    let thin = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("from", None, b"2026-01-12"),
                ("to", None, b"2026-01-19"),
                ("tz", None, b"UTC"),
                (
                    "calendar",
                    Some("thin.ics"),
                    include_bytes!("../../../cli/tests/fixtures/calendar/thin.ics"),
                ),
            ],
        )
        .await;
    thin.assert_status(422);
    assert!(thin.text().contains("Nothing was kept"), "{}", thin.text());

    // The trend: three weeks in the chart and the table, beside the typical weeks.
    let html = app.get(&format!("/trial/{id}")).await.text();
    assert!(
        html.contains("Check-ins so far: 12. Calendar weeks: 3."),
        "{html}"
    );
    assert!(html.contains("Week of 2026-02-02"), "{html}");
    assert!(html.contains("Manager typical"), "{html}");
    assert!(html.contains("<svg"), "{html}");

    // The month-6 review: a recommendation citing its signals, in words.
    let review = app.get(&format!("/trial/{id}/review?at=2026-07-05")).await;
    review.assert_status(200);
    let html = unescape(&review.text());
    assert!(html.contains("data-outcome=\"continue\""), "{html}");
    assert!(html.contains("Month 6: end of the trial"), "{html}");
    assert!(
        html.contains("I gave it; it was uncomfortable, then it was done"),
        "the reason names the signal by its label: {html}"
    );
    assert!(
        !html.contains("hard_feedback.gave_it_and_moved_on"),
        "{html}"
    );
    assert!(html.contains("Your sponsor's view"), "{html}");
    assert!(
        html.contains("months away from hands-on work")
            || html.contains("Months away from hands-on work"),
        "{html}"
    );

    let md = app
        .get(&format!("/trial/{id}/review.md?gate=month-6&at=2026-07-05"))
        .await;
    md.assert_status(200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    assert!(
        md.text().starts_with("# Trial review: Month 6"),
        "{}",
        md.text()
    );

    // Marking the criteria one by one is kept.
    let marked = app
        .submit(
            &format!("/trial/{id}/review?at=2026-07-05"),
            &format!("/trial/{id}/review"),
            &[
                ("gate", "month-6"),
                ("at", "2026-07-05"),
                ("c0", "met"),
                ("c1", "met"),
                ("r0", "not_met"),
            ],
        )
        .await;
    marked.assert_status(303);
    let html = app.get(&unescape(marked.location())).await.text();
    assert!(html.contains("Kept your marks"), "{html}");
    assert_eq!(html.matches("data-met=\"met\"").count(), 2, "{html}");
    assert_eq!(html.matches("data-met=\"not-met\"").count(), 1, "{html}");
    assert!(html.contains("you will continue if"), "{html}");

    // The sponsor answers through a private link, without an account.
    let made = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/sponsor"),
            &[("action", "new")],
        )
        .await;
    made.assert_status(303);
    let page = app.get(&format!("/trial/{id}")).await.text();
    let link = link_on(&page, "/trial/sponsor/");
    let mut sponsor = TestApp::new_sharing(&app);
    let form = sponsor.get(&link).await;
    form.assert_status(200);
    assert!(form.text().contains("How is the trial going, Ana?"));
    let question = first_radio(&form.text());
    let sent = sponsor
        .submit(
            &link,
            &link,
            &[
                ("gate", "month-6"),
                (question.0.as_str(), question.1.as_str()),
            ],
        )
        .await;
    sent.assert_status(303);
    let html = app
        .get(&format!("/trial/{id}/review?at=2026-07-05"))
        .await
        .text();
    assert!(html.contains("Their answers point"), "{html}");
    // A revoked link stops working.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/sponsor"),
        &[("action", "off")],
    )
    .await
    .assert_status(303);
    sponsor.get(&link).await.assert_status(404);

    // The feed: a private address, readable by our own calendar parser, rotatable.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/feed"),
        &[("action", "new")],
    )
    .await
    .assert_status(303);
    let feed = link_on(
        &app.get(&format!("/trial/{id}")).await.text(),
        "/trial/feed/",
    );
    let mut stranger = TestApp::new_sharing(&app);
    let ics = stranger.get(&feed).await;
    ics.assert_status(200);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let calendar = dualtrack_calendar::parse(&ics.body, "feed.ics").unwrap();
    assert!(calendar.skipped.is_empty(), "{:?}", calendar.skipped);
    let text = ics.text();
    assert!(text.contains("RRULE:FREQ=WEEKLY;COUNT=25"), "{text}");
    assert!(text.contains("Trial review: Month 6"), "{text}");
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/feed"),
        &[("action", "new")],
    )
    .await
    .assert_status(303);
    stranger.get(&feed).await.assert_status(404);
    let mut forged = feed.clone();
    forged.insert(forged.len() - 5, 'x');
    stranger.get(&forged).await.assert_status(404);

    // Export everything, then delete in one confirmed click.
    let export = app.get(&format!("/trial/{id}/export")).await;
    export.assert_status(200);
    assert!(
        export
            .header("content-disposition")
            .starts_with("attachment")
    );
    let doc = export.json();
    assert_eq!(doc["format"], "dualtrack-trial");
    assert_eq!(doc["trial"]["spec"]["format"], "tech-lead-with-reports");
    assert_eq!(doc["trial"]["spec"]["org"], "enterprise");
    assert_eq!(doc["trial"]["checkins"].as_array().unwrap().len(), 12);
    assert_eq!(doc["trial"]["calendar"].as_array().unwrap().len(), 3);
    assert!(!export.text().contains("SUMMARY"), "no event text kept");
    let unconfirmed = app
        .submit(&format!("/trial/{id}"), &format!("/trial/{id}/delete"), &[])
        .await;
    unconfirmed.assert_status(400);
    let deleted = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    deleted.assert_status(303);
    assert_eq!(deleted.location(), "/trial?done=deleted");
    app.get(&format!("/trial/{id}")).await.assert_status(404);
    stranger.get(&feed).await.assert_status(404);
}

/// The first link on a page starting with `prefix` (after the site's address), as a path.
fn link_on(html: &str, prefix: &str) -> String {
    let start = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {html}"));
    let rest = &html[start..];
    let end = rest.find(['"', '<']).unwrap();
    rest[..end].to_owned()
}

/// The name and value of the first radio button on a page.
fn first_radio(html: &str) -> (String, String) {
    let start = html.find("type=\"radio\"").unwrap();
    let rest = &html[start..];
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        let s = rest.find(&key).unwrap() + key.len();
        rest[s..s + rest[s..].find('"').unwrap()].to_owned()
    };
    (attr("name"), attr("value"))
}

#[tokio::test]
async fn only_the_owner_reaches_a_trial_never_another_account_or_an_admin() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "owner@example.com").await;
    let id = start_trial(&mut app).await;

    let mut other = TestApp::new_sharing(&app);
    sign_up(&mut other, "other@example.com").await;
    let mut admin = TestApp::new_sharing(&app);
    sign_up(&mut admin, "admin@example.com").await;
    let admin_account = app
        .state()
        .store()
        .account_by_email("admin@example.com")
        .await
        .unwrap()
        .unwrap();
    app.state()
        .store()
        .set_account_role(admin_account.id, Role::Admin)
        .await
        .unwrap();
    for visitor in [&mut other, &mut admin] {
        for path in [
            format!("/trial/{id}"),
            format!("/trial/{id}/review"),
            format!("/trial/{id}/review.md"),
            format!("/trial/{id}/export"),
        ] {
            visitor.get(&path).await.assert_status(404);
        }
        for (path, fields) in [
            (
                format!("/trial/{id}/checkins"),
                answers(LATER, "2026-01-12"),
            ),
            (format!("/trial/{id}/delete"), vec![("confirm", "yes")]),
            (format!("/trial/{id}/feed"), vec![("action", "new")]),
            (format!("/trial/{id}/sponsor"), vec![("action", "new")]),
            (format!("/trial/{id}/reminders"), vec![("action", "off")]),
            (format!("/trial/{id}/extend"), vec![]),
        ] {
            visitor
                .submit("/trial", &path, &fields)
                .await
                .assert_status(404);
        }
        let api = visitor.get(&format!("/api/v1/trials/{id}")).await;
        api.assert_status(404);
        assert!(visitor.get("/trial").await.text().contains("Start a trial"));
        assert!(!visitor.get("/trial").await.text().contains(&id));
        assert_eq!(
            visitor.get("/api/v1/trials").await.json()["items"],
            serde_json::json!([])
        );
    }
    // Signed out: the pages ask to log in; nothing is shown.
    let mut anonymous = TestApp::new_sharing(&app);
    anonymous
        .get(&format!("/trial/{id}"))
        .await
        .assert_status(401);
    // The owner still has it, untouched.
    let doc = app.get(&format!("/api/v1/trials/{id}")).await.json();
    assert!(doc["trial"]["checkins"].as_array().unwrap().is_empty());
}

/// A session's API write, with the page's anti-forgery token in the header.
async fn api(
    app: &mut TestApp,
    method: Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> TestResponse {
    let csrf = app.get("/trial").await.csrf();
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("x-csrf-token", csrf);
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    app.request(request.body(body).unwrap()).await
}

#[tokio::test]
async fn the_json_api_runs_the_same_story() {
    let mut app = TestApp::new().await;
    // Signed out: 401 for reads and writes.
    let anonymous = app.get("/api/v1/trials").await;
    anonymous.assert_status(401);
    insta::assert_json_snapshot!("api_401", anonymous.json());

    sign_up(&mut app, "api@example.com").await;
    // A session write without the anti-forgery header: 403.
    let forged = app
        .post_json(
            "/api/v1/trials",
            &serde_json::json!({"continue_if": ["a"], "return_if": ["b"]}),
        )
        .await;
    forged.assert_status(403);
    insta::assert_json_snapshot!("api_403_csrf", forged.json());

    let bad = api(
        &mut app,
        Method::POST,
        "/api/v1/trials",
        Some(serde_json::json!({"months": 3, "continue_if": ["a"], "return_if": ["b"]})),
    )
    .await;
    bad.assert_status(422);
    assert!(
        bad.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("6 to 12")
    );

    let created = api(
        &mut app,
        Method::POST,
        "/api/v1/trials",
        Some(serde_json::json!({
            "kind": "ic-to-manager",
            "start": "2026-01-05",
            "months": 6,
            "continue_if": [
                "My reports say our one-on-ones help them",
                "I held a hard feedback conversation without putting it off"
            ],
            "return_if": ["I keep taking the critical-path tickets myself"],
            "sponsor": {"name": "Ana", "role": "my manager"}
        })),
    )
    .await;
    created.assert_status(201);
    let id = created.json()["trial"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created.json()["schedule"]["gates"][1]["id"], "first-gate");

    for (i, date) in DATES.iter().enumerate() {
        let list = if i < 4 { EARLY } else { LATER };
        let answers: serde_json::Map<String, serde_json::Value> = list
            .iter()
            .map(|(q, o)| ((*q).to_owned(), serde_json::Value::from(*o)))
            .collect();
        api(
            &mut app,
            Method::POST,
            &format!("/api/v1/trials/{id}/checkins"),
            Some(serde_json::json!({"date": date, "answers": answers})),
        )
        .await
        .assert_status(201);
    }
    let unknown = api(
        &mut app,
        Method::POST,
        &format!("/api/v1/trials/{id}/checkins"),
        Some(serde_json::json!({"date": "2026-04-06", "answers": {"energy": "money"}})),
    )
    .await;
    unknown.assert_status(422);

    // Calendar weeks through multipart, the token in the header.
    for (name, bytes, from, to, tz) in CALENDARS {
        let csrf = app.get("/trial").await.csrf();
        let boundary = "----trial-api";
        let mut body = Vec::new();
        let mut field = |name: &str, file: Option<&str>, content: &[u8]| {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        };
        field("from", None, from.as_bytes());
        field("to", None, to.as_bytes());
        if let Some(tz) = tz {
            field("tz", None, tz.as_bytes());
        }
        field("calendar", Some(name), bytes);
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post(format!("/api/v1/trials/{id}/calendar"))
            .header("x-csrf-token", csrf)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        let kept = app.request(request).await;
        kept.assert_status(200);
        assert_eq!(kept.json()["kept"], 1, "{}", kept.text());
    }

    let review = app
        .get(&format!("/api/v1/trials/{id}/review?at=2026-07-05"))
        .await;
    review.assert_status(200);
    let mut review = review.json();
    assert_eq!(review["recommendation"]["outcome"], "continue");
    review["trial_id"] = "TRIAL".into();
    insta::assert_json_snapshot!("api_month_six_review", review);

    let export = app.get(&format!("/api/v1/trials/{id}/export")).await;
    export.assert_status(200);
    assert_eq!(
        export.json()["trial"]["checkins"].as_array().unwrap().len(),
        12
    );

    // The private links and the reminder setting, as the page's buttons do them.
    let feed = api(
        &mut app,
        Method::PUT,
        &format!("/api/v1/trials/{id}/feed"),
        None,
    )
    .await;
    feed.assert_status(200);
    let feed_url = feed.json()["url"].as_str().unwrap().to_owned();
    let feed_path = &feed_url[feed_url.find("/trial/feed/").unwrap()..];
    let ics = app.get(feed_path).await;
    ics.assert_status(200);
    assert!(ics.text().contains("BEGIN:VCALENDAR"));
    let again = api(
        &mut app,
        Method::PUT,
        &format!("/api/v1/trials/{id}/feed"),
        None,
    )
    .await;
    assert_ne!(
        again.json()["url"],
        feed.json()["url"],
        "a new address each time"
    );
    app.get(feed_path).await.assert_status(404);
    api(
        &mut app,
        Method::DELETE,
        &format!("/api/v1/trials/{id}/feed"),
        None,
    )
    .await
    .assert_status(204);
    let again_url = again.json()["url"].as_str().unwrap().to_owned();
    app.get(&again_url[again_url.find("/trial/feed/").unwrap()..])
        .await
        .assert_status(404);
    let sponsor = api(
        &mut app,
        Method::PUT,
        &format!("/api/v1/trials/{id}/sponsor"),
        None,
    )
    .await;
    sponsor.assert_status(200);
    assert!(
        sponsor.json()["url"]
            .as_str()
            .unwrap()
            .contains("/trial/sponsor/")
    );
    api(
        &mut app,
        Method::DELETE,
        &format!("/api/v1/trials/{id}/sponsor"),
        None,
    )
    .await
    .assert_status(204);
    for on in [false, true] {
        let set = api(
            &mut app,
            Method::PUT,
            &format!("/api/v1/trials/{id}/reminders"),
            Some(serde_json::json!({ "on": on })),
        )
        .await;
        set.assert_status(200);
        assert_eq!(set.json()["on"], on);
    }

    // Another account: 404, the same words whether or not the trial exists.
    let mut other = TestApp::new_sharing(&app);
    sign_up(&mut other, "api-other@example.com").await;
    for path in ["feed", "sponsor"] {
        api(
            &mut other,
            Method::PUT,
            &format!("/api/v1/trials/{id}/{path}"),
            None,
        )
        .await
        .assert_status(404);
    }
    let theirs = other.get(&format!("/api/v1/trials/{id}")).await;
    theirs.assert_status(404);
    let missing = other.get("/api/v1/trials/t-nothing-here").await;
    assert_eq!(theirs.json(), missing.json());
    insta::assert_json_snapshot!("api_404", theirs.json());
    api(
        &mut other,
        Method::DELETE,
        &format!("/api/v1/trials/{id}"),
        None,
    )
    .await
    .assert_status(404);

    api(
        &mut app,
        Method::DELETE,
        &format!("/api/v1/trials/{id}"),
        None,
    )
    .await
    .assert_status(204);
    app.get(&format!("/api/v1/trials/{id}"))
        .await
        .assert_status(404);
}

#[tokio::test]
async fn a_weekly_reminder_goes_out_once_and_names_the_review() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "remind@example.com").await;
    let id = start_trial(&mut app).await;
    let at = |day: &str| {
        day.parse::<chrono::NaiveDate>()
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_utc()
    };
    let state = app.state().clone();
    let send = |day| {
        let state = state.clone();
        async move { dualtrack_web::reminders::send_due(&state, at(day)).await }
    };
    // Before the first check-in date: nothing.
    assert_eq!(send("2026-01-08").await.unwrap(), 0);
    // Regression (issue 15's known gap): a send that failed was never tried again. With the
    // outbox unwritable the mail fails and is not counted; once it works, the next sweep that
    // week sends it.
    let outbox_dir = state.mailer().outbox_dir().unwrap().to_owned();
    let _ = std::fs::remove_dir_all(&outbox_dir);
    std::fs::write(&outbox_dir, b"not a folder").unwrap();
    assert_eq!(send("2026-01-12").await.unwrap(), 0);
    std::fs::remove_file(&outbox_dir).unwrap();
    // The first week: one mail, and only one however often the task runs.
    assert_eq!(send("2026-01-12").await.unwrap(), 1);
    assert_eq!(send("2026-01-12").await.unwrap(), 0);
    assert_eq!(send("2026-01-14").await.unwrap(), 0);
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, "remind@example.com");
    assert!(
        outbox[0]
            .body
            .contains(&format!("http://dualtrack.test/trial/{id}#checkin"))
    );
    // A week already answered gets none.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/checkins"),
        &answers(LATER, "2026-01-19"),
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-01-20").await.unwrap(), 0);
    // The week of the first gate names the review.
    assert_eq!(send("2026-03-30").await.unwrap(), 1);
    let newest = &app.outbox().await[0];
    assert!(
        newest.subject.contains("a review this week"),
        "{}",
        newest.subject
    );
    assert!(
        newest.body.contains("First gate (12 weeks)"),
        "{}",
        newest.body
    );
    // Turned off on the page, none; on again, the next week's comes.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/reminders"),
        &[("action", "off")],
    )
    .await
    .assert_status(303);
    assert!(
        app.get(&format!("/trial/{id}"))
            .await
            .text()
            .contains("Reminder emails are off")
    );
    assert_eq!(send("2026-04-06").await.unwrap(), 0);
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/reminders"),
        &[("action", "on")],
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-04-13").await.unwrap(), 1);
    assert!(
        app.outbox().await[0]
            .body
            .contains("Stop the reminder emails")
    );
    // A deleted trial gets no more.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/delete"),
        &[("confirm", "yes")],
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-04-20").await.unwrap(), 0);
}

#[tokio::test]
async fn extending_once_and_refusals_that_say_what_to_do() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "extend@example.com").await;
    let id = start_trial(&mut app).await;
    let page = format!("/trial/{id}");

    // Extend once, to twelve months; a second time is refused with the reason.
    app.submit(&page, &format!("/trial/{id}/extend"), &[])
        .await
        .assert_status(303);
    let html = app.get(&page).await.text();
    assert!(
        html.contains("From 2026-01-05 to 2027-01-05 (extended once)"),
        "{html}"
    );
    let again = app.submit(&page, &format!("/trial/{id}/extend"), &[]).await;
    again.assert_status(422);
    assert!(
        again.text().contains("already extended once"),
        "{}",
        again.text()
    );

    // A check-in outside the trial says which dates fit.
    let outside = app
        .submit(
            &page,
            &format!("/trial/{id}/checkins"),
            &answers(LATER, "2025-12-01"),
        )
        .await;
    outside.assert_status(422);
    assert!(
        outside.text().contains("outside the trial"),
        "{}",
        outside.text()
    );
    // The trial page comes back with the answers kept and the date marked, not an error page
    // (regression: issue 15's known gap).
    let html = outside.text();
    assert!(html.contains("The check-in is not saved yet"), "{html}");
    assert!(
        html.contains(
            r#"value="2025-12-01" required aria-invalid="true" aria-describedby="err-date""#
        ),
        "{html}"
    );
    for (question, option) in LATER {
        assert!(
            html.contains(&format!(r#"name="{question}" value="{option}" checked"#)),
            "{question}: {html}"
        );
    }

    // The calendar route takes multipart only with the token first; a form post elsewhere
    // cannot be multipart.
    let no_token = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[("calendar", Some("a.ics"), b"BEGIN:VCALENDAR")],
        )
        .await;
    no_token.assert_status(403);
    let csrf = app.get(&page).await.csrf();
    let wrong_route = app
        .post_multipart(
            &format!("/trial/{id}/checkins"),
            &[("csrf", None, csrf.as_bytes())],
        )
        .await;
    wrong_route.assert_status(415);
    let not_ics = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("calendar", Some("notes.txt"), b"just some notes"),
            ],
        )
        .await;
    not_ics.assert_status(422);
    // Over the upload limit: refused with the limit named.
    let big = vec![b'x'; dualtrack_web::limits::CALENDAR_FILES + 10];
    let too_big = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("calendar", Some("big.ics"), big.as_slice()),
            ],
        )
        .await;
    too_big.assert_status(413);
    assert!(too_big.text().contains("20 MB"), "{}", too_big.text());
    // Nothing of those was kept.
    let doc = app.get(&format!("/api/v1/trials/{id}")).await.json();
    assert_eq!(doc["trial"]["calendar"], serde_json::json!([]));
    assert_eq!(doc["trial"]["extended_to_months"], 12);
    // A review date that is not a date.
    let bad = app
        .get(&format!("/api/v1/trials/{id}/review?at=July"))
        .await;
    bad.assert_status(400);
    insta::assert_json_snapshot!("api_400_bad_date", bad.json());
}

/// Regression (issue 15's known gap): a refused start form showed the error page, and the exit
/// criteria the person had written were gone. Now the form comes back with everything kept, the
/// field at fault marked and described, and nothing is stored.
#[tokio::test]
async fn a_refused_start_keeps_what_was_written_and_marks_the_field() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "refused@example.com").await;
    let form = |months: &'static str, return_if: &'static str| {
        vec![
            ("kind", "ic-to-manager"),
            ("start", "2026-01-05"),
            ("months", months),
            ("continue_if", "My reports say our one-on-ones help them"),
            ("return_if", return_if),
            ("format", "tech-lead-with-reports"),
            ("org", "scale-up"),
            ("side_practice", "on"),
            ("sponsor_name", "Ana"),
        ]
    };

    // Too short a trial: the engine's rule, on the months field.
    let short = app
        .submit("/trial", "/trial", &form("3", "I miss the code"))
        .await;
    short.assert_status(422);
    let html = short.text();
    assert!(html.contains("The trial is not started yet"), "{html}");
    assert!(html.contains(r##"href="#months""##), "{html}");
    assert!(
        html.contains(r#"value="3" required aria-invalid="true" aria-describedby="err-months""#),
        "{html}"
    );
    assert!(html.contains(r#"id="err-months""#), "{html}");
    assert!(html.contains("6 to 12"), "{html}");
    assert!(
        html.contains(">My reports say our one-on-ones help them</textarea>"),
        "{html}"
    );
    assert!(html.contains(">I miss the code</textarea>"), "{html}");
    assert!(html.contains(r#"value="scale-up" selected"#), "{html}");
    assert!(
        html.contains(r#"value="tech-lead-with-reports" title="#),
        "{html}"
    );
    assert!(html.contains(r#"value="on" checked"#), "{html}");
    assert!(html.contains(r#"value="Ana""#), "{html}");
    assert!(!html.contains('`'), "no code quotes reach the page: {html}");

    // No way back written: the form's own check, on that field.
    let missing = app.submit("/trial", "/trial", &form("6", "")).await;
    missing.assert_status(422);
    assert!(
        missing
            .text()
            .contains(r#"aria-invalid="true" aria-describedby="err-return_if""#),
        "{}",
        missing.text()
    );

    // Nothing was stored.
    let list = app.get("/trial").await.text();
    assert!(!list.contains("Your trials"), "{list}");
}
