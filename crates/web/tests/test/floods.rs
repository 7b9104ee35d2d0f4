//! Floods of expensive requests (issue 9): the hashing and analysis caps answer 503 with a
//! retry time, health still answers, wrong passwords and verification links are slowed and
//! then refused, and HSTS is sent over TLS only.

use crate::test::common::{TestApp, two_weeks_ics};
use crate::test::hostile::{PASSWORD, session_cookie_set, signed_up};
use axum::body::Body;
use axum::http::{Method, Request};
use dualtrack_web::Config;

fn small_caps() -> Config {
    Config {
        hash_workers: 1,
        hash_queue: Some(0),
        analysis_workers: 1,
        analysis_queue: Some(0),
        ..Config::default()
    }
}

/// Regression (issue 9, item 2): argon2 hashing had no concurrency cap; 100 log-ins took
/// gigabytes. With every hashing slot and the waiting line taken, a log-in is refused at once
/// with 503 and `Retry-After`, and works again once a slot frees.
#[tokio::test]
async fn log_ins_beyond_the_hashing_cap_get_503_with_retry_after() {
    let mut app = TestApp::with_config(small_caps()).await;
    let token = app.get("/login").await.csrf();
    let held = app.state().hashing().try_enter().expect("a free slot");
    let fields = [
        ("csrf", token.as_str()),
        ("email", "ana.reyes@lumenfold.example"),
        ("password", "dualtrack-demo"),
    ];
    let busy = app.post_form("/login", &fields).await;
    busy.assert_status(503);
    assert!(busy.header("retry-after").parse::<u64>().unwrap() > 0);
    assert!(busy.text().contains("Try again in"));
    let signup = app
        .submit(
            "/signup",
            "/signup",
            &[("email", "new@example.com"), ("password", PASSWORD)],
        )
        .await;
    signup.assert_status(503);
    drop(held);
    app.post_form("/login", &fields).await.assert_status(303);
}

/// Regression (issue 9, item 6): calendar analysis ran on the async workers, so uploads
/// slowed `/healthz`. With every analysis slot taken, health checks still answer and further
/// analyses get 503 with `Retry-After` instead of queueing without bound. (Not a timing test:
/// the cap is held, not raced.)
#[tokio::test]
async fn health_answers_while_analyses_are_saturated() {
    let mut app = TestApp::with_config(small_caps()).await;
    let held = app.state().analyses().try_enter().expect("a free slot");
    app.get("/healthz").await.assert_status(200);
    let api = app
        .send(
            Method::POST,
            "/api/v1/calendar/analyze?from=2026-01-05&to=2026-01-19",
            "text/calendar",
            two_weeks_ics(),
        )
        .await;
    api.assert_status(503);
    assert_eq!(api.error_code(), "busy");
    assert!(!api.header("retry-after").is_empty());
    let token = app.get("/calendar").await.csrf();
    let page = app
        .post_multipart(
            "/calendar",
            &[
                ("csrf", None, token.as_bytes()),
                ("calendar", Some("work.ics"), two_weeks_ics()),
            ],
        )
        .await;
    page.assert_status(503);
    assert!(!page.header("retry-after").is_empty());
    assert!(page.header("content-type").starts_with("text/html"));
    let audit = app
        .send(
            Method::POST,
            "/api/v1/ladder/audit",
            "application/toml",
            "id = \"x\"",
        )
        .await;
    audit.assert_status(503);
    app.get("/healthz").await.assert_status(200);
    drop(held);
    app.send(
        Method::POST,
        "/api/v1/calendar/analyze?from=2026-01-05&to=2026-01-19",
        "text/calendar",
        two_weeks_ics(),
    )
    .await
    .assert_status(200);
}

/// Regression (issue 9, item 3): 40 wrong passwords in a row were all answered and then the
/// right one worked. After a few failures the account must wait, and the refusal says how long
/// (429 with `Retry-After`), before any password is checked.
#[tokio::test]
async fn repeated_wrong_passwords_are_slowed_then_refused() {
    let first = signed_up("ada@example.com").await;
    let mut app = TestApp::new_sharing(&first);
    let token = app.get("/login").await.csrf();
    let attempt = |password: &'static str| {
        [
            ("csrf", token.clone()),
            ("email", "ada@example.com".to_owned()),
            ("password", password.to_owned()),
        ]
    };
    let mut refused = None;
    for _ in 0..10 {
        let fields = attempt("not the password");
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.post_form("/login", &pairs).await;
        match response.status.as_u16() {
            401 => continue,
            429 => {
                refused = Some(response);
                break;
            }
            other => panic!("unexpected {other}"),
        }
    }
    let refused = refused.expect("wrong passwords are throttled within 10 attempts");
    assert!(refused.header("retry-after").parse::<u64>().unwrap() >= 1);
    assert!(
        refused.text().contains("try again in"),
        "{}",
        refused.text()
    );
    let fields = attempt(PASSWORD);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let right_one = app.post_form("/login", &pairs).await;
    right_one.assert_status(429);
    assert!(
        !session_cookie_set(&right_one),
        "the right password waits too"
    );
}

/// Regression (issue 9, item 3): 200 wrong verification codes were checked in 0.4 s. Codes
/// gave way to mailed links, and the same throttle now limits wrong links and links asked for.
#[tokio::test]
async fn repeated_wrong_verification_links_are_refused() {
    let mut app = signed_up("ada@lumenfold.example").await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let response = app.get("/account/verify/guessed-token-guessed-token").await;
        statuses.push(response.status.as_u16());
        if response.status.as_u16() == 429 {
            assert!(!response.header("retry-after").is_empty());
            assert!(response.text().contains("try again in"));
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    assert!(statuses.contains(&404), "{statuses:?}");
    let mut mailer = signed_up("bo@lumenfold.example").await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let response = mailer
            .submit(
                "/account",
                "/account/verify",
                &[
                    ("company", "lumenfold"),
                    ("address", "bo@lumenfold.example"),
                ],
            )
            .await;
        statuses.push(response.status.as_u16());
        if response.status.as_u16() == 429 {
            break;
        }
    }
    assert_eq!(
        statuses.last(),
        Some(&429),
        "a mailbox cannot be flooded: {statuses:?}"
    );
    assert!(mailer.outbox().await.len() <= 6);
}

/// Issue 9, item 7: HSTS only when served over TLS, and only a trusted proxy can say so;
/// `X-Forwarded-Proto: https, http` is https (the first value is the client's scheme).
#[tokio::test]
async fn hsts_is_sent_over_tls_only() {
    let forwarded = |proto: &'static str| {
        Request::get("/healthz")
            .header("x-forwarded-proto", proto)
            .body(Body::empty())
            .unwrap()
    };
    let mut trusted = TestApp::with_config(Config {
        trust_proxy: true,
        ..Config::default()
    })
    .await;
    let https = trusted.request(forwarded("https, http")).await;
    assert!(
        https
            .header("strict-transport-security")
            .contains("max-age=")
    );
    let http = trusted.request(forwarded("http")).await;
    assert!(http.header("strict-transport-security").is_empty());
    let mut untrusted = TestApp::new().await;
    let spoofed = untrusted.request(forwarded("https")).await;
    assert!(spoofed.header("strict-transport-security").is_empty());
    // A fresh visitor: the request above already got its CSRF cookie, and a visitor who has
    // one is sent no new cookie to look at.
    let mut fresh = TestApp::new().await;
    let page = fresh
        .request(
            Request::get("/login")
                .header("x-forwarded-proto", "https, http")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(
        page.header("set-cookie").contains("Secure"),
        "cookies follow the first value"
    );
}
