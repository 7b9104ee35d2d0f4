//! The trial's JSON API: the same story as the pages, with snapshots of the review and of the
//! refusals.

use axum::body::Body;
use axum::http::{Method, Request, header};

use super::common::{TestApp, TestResponse};
use super::trial::{CALENDARS, DATES, EARLY, LATER, sign_up};

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
    // Nothing marked yet: the API's review says the evidence is too thin, and what is missing.
    assert_eq!(review["recommendation"]["outcome"], "not-enough-evidence");
    assert_eq!(
        review["recommendation"]["missing"],
        serde_json::json!([{
            "what": "exit_criteria",
            "text": "None of the exit criteria you wrote at the start is marked met or not met.",
            "fix": "Mark each criterion met or not met at this review."
        }])
    );
    review["trial_id"] = "TRIAL".into();
    insta::assert_json_snapshot!("api_month_six_review", review);

    let export = app.get(&format!("/api/v1/trials/{id}/export")).await;
    export.assert_status(200);
    assert_eq!(
        export.json()["trial"]["checkins"].as_array().unwrap().len(),
        18
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
