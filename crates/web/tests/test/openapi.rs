//! The OpenAPI document describes exactly the routes the API serves.

use std::collections::BTreeSet;

use axum::http::Method;

use crate::test::common::TestApp;

fn documented(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_exists() {
    let mut app = TestApp::new().await;
    let response = app.get("/api/v1/openapi.json").await;
    response.assert_status(200);
    let doc = response.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let served: BTreeSet<(String, String)> = dualtrack_web::api::served().into_iter().collect();
    assert_eq!(documented(&doc), served);
    // The registry is the real router: every documented route answers something other than
    // "no such route" or "wrong method".
    for (method, path) in &served {
        let concrete = path.replace("{id}", "1").replace("{slug}", "lumenfold");
        let method: Method = method.parse().unwrap();
        let body = if method == Method::POST { "{}" } else { "" };
        let response = app
            .send(method.clone(), &concrete, "application/json", body)
            .await;
        let status = response.status.as_u16();
        assert!(status != 405, "{method} {path}: {status}");
        assert!(
            !(status == 404
                && response.error_code() == "not_found"
                && response.text().contains("nothing at this address")),
            "{method} {path} is not routed"
        );
    }
}

#[tokio::test]
async fn engine_types_are_described_in_components() {
    let mut app = TestApp::new().await;
    let doc = app.get("/api/v1/openapi.json").await.json();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "Assessment",
        "Analysis",
        "LadderView",
        "ListingPage",
        "ErrorBody",
        "Company",
    ] {
        assert!(schemas.contains_key(name), "{name} missing from components");
    }
    let text = doc.to_string();
    assert!(!text.contains("#/$defs/"), "references point at components");
}
