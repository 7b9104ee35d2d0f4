//! When the database does not answer: health reports 503, pages and the API say so without
//! internals, and the parts that need no database keep working. The store is a real one,
//! closed as `serve` closes it on the way down.

use super::common::TestApp;

async fn closed_app() -> TestApp {
    let app = TestApp::new().await;
    app.state().store().close().await;
    app
}

#[tokio::test]
async fn health_is_503_when_the_database_does_not_answer() {
    let mut app = closed_app().await;
    let health = app.get("/healthz").await;
    health.assert_status(503);
    assert_eq!(health.json()["status"], "unavailable");
    assert_eq!(health.json()["database"], "sqlite");
}

#[tokio::test]
async fn board_errors_do_not_leak_internals() {
    let mut app = closed_app().await;
    let api = app.get("/api/v1/listings").await;
    api.assert_status(503);
    assert_eq!(api.error_code(), "unavailable");
    let page = app.get("/jobs").await;
    page.assert_status(503);
    assert!(
        page.text().contains("temporarily unavailable"),
        "{}",
        page.text()
    );
    for body in [api.text(), page.text()] {
        for internal in ["closed store", "sqlite", "test.sqlite", "shutting down"] {
            assert!(!body.contains(internal), "{internal:?} in {body}");
        }
    }
}

#[tokio::test]
async fn the_engines_work_without_the_database() {
    let mut app = closed_app().await;
    app.get("/api/v1/ladder").await.assert_status(200);
    app.get("/ladder").await.assert_status(200);
}
