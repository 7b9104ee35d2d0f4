//! The frame around every feature: health, errors, headers, static files, CSRF.

use crate::test::common::TestApp;

#[tokio::test]
async fn healthz_reports_the_database() {
    let mut app = TestApp::new().await;
    let response = app.get("/healthz").await;
    response.assert_status(200);
    assert_eq!(response.json()["status"], "ok");
    assert_eq!(response.json()["database"], "sqlite");
}

#[tokio::test]
async fn home_page_renders_with_security_headers() {
    let mut app = TestApp::new().await;
    let response = app.get("/").await;
    response.assert_status(200);
    assert!(response.header("content-type").starts_with("text/html"));
    let csp = response.header("content-security-policy");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(response.header("x-content-type-options"), "nosniff");
    assert_eq!(response.header("referrer-policy"), "same-origin");
    let text = response.text();
    assert!(text.contains("<main id=\"main\""));
    assert!(!text.contains("style=\""), "inline styles break the CSP");
    assert!(
        app.cookie("dt_csrf").is_some(),
        "a CSRF nonce cookie is set on first visit"
    );
}

#[tokio::test]
async fn csrf_cookie_is_http_only_and_lax() {
    let mut app = TestApp::new().await;
    let response = app.get("/").await;
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("dt_csrf="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http gets no Secure flag: {cookie}"
    );
}

#[tokio::test]
async fn unknown_page_is_an_html_404() {
    let mut app = TestApp::new().await;
    let response = app.get("/no/such/page").await;
    response.assert_status(404);
    assert!(response.header("content-type").starts_with("text/html"));
    assert!(response.text().contains("There is nothing at this address"));
}

#[tokio::test]
async fn unknown_api_route_is_a_json_404() {
    let mut app = TestApp::new().await;
    let response = app.get("/api/v1/nothing-here").await;
    response.assert_status(404);
    assert_eq!(response.error_code(), "not_found");
}

#[tokio::test]
async fn wrong_method_is_a_405_in_the_callers_format() {
    let mut app = TestApp::new().await;
    let api = app
        .post_json("/api/v1/openapi.json", &serde_json::json!({}))
        .await;
    api.assert_status(405);
    assert_eq!(api.error_code(), "method_not_allowed");
    let token = app.get("/assess").await.csrf();
    let page = app.post_form("/", &[("csrf", &token)]).await;
    page.assert_status(405);
    assert!(page.header("content-type").starts_with("text/html"));
}

#[tokio::test]
async fn form_posts_without_a_valid_token_are_refused() {
    let mut app = TestApp::new().await;
    app.get("/").await;
    let missing = app.post_form("/", &[]).await;
    missing.assert_status(403);
    assert!(missing.text().contains("This form has expired"));
    let forged = app.post_form("/", &[("csrf", "forged")]).await;
    forged.assert_status(403);
}

#[tokio::test]
async fn a_token_from_another_browser_is_refused() {
    let mut alice = TestApp::new().await;
    let token = alice.get("/assess").await.csrf();
    let mut mallory = TestApp::new().await;
    mallory.get("/").await;
    mallory
        .post_form("/", &[("csrf", &token)])
        .await
        .assert_status(403);
}

#[tokio::test]
async fn pages_refuse_non_form_bodies() {
    let mut app = TestApp::new().await;
    app.get("/").await;
    let response = app
        .send(axum::http::Method::POST, "/", "application/json", "{}")
        .await;
    response.assert_status(415);
}

#[tokio::test]
async fn static_assets_are_served_with_types() {
    let mut app = TestApp::new().await;
    let css = app.get("/static/style.css").await;
    css.assert_status(200);
    assert!(css.header("content-type").starts_with("text/css"));
    let js = app.get("/static/app.js").await;
    assert!(js.header("content-type").starts_with("text/javascript"));
    app.get("/static/nope.css").await.assert_status(404);
}

#[tokio::test]
async fn oversized_form_posts_are_413() {
    let mut app = TestApp::new().await;
    let token = app.get("/assess").await.csrf();
    let big = "x".repeat(dualtrack_web::limits::SMALL_BODY + 10);
    let response = app
        .post_form("/", &[("csrf", &token), ("filler", &big)])
        .await;
    response.assert_status(413);
    assert!(response.header("content-type").starts_with("text/html"));
}

#[tokio::test]
async fn home_page_snapshot() {
    let mut app = TestApp::new().await;
    let text = app.get("/").await.text();
    assert!(
        !text.contains("name=\"csrf\""),
        "anonymous home page has no form"
    );
    insta::assert_snapshot!("home_page", text);
}

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let mut app = TestApp::new().await;
    let request = axum::http::Request::get("/")
        .header("x-forwarded-proto", "https")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.request(request).await;
    assert!(
        response.header("set-cookie").contains("; Secure"),
        "{}",
        response.header("set-cookie")
    );
}
