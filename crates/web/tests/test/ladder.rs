//! The ladder explorer pages and the ladder API.

use crate::test::common::TestApp;

const BAD_LADDER: &str = "id = \"acme\"\nname = \"Acme\"\n\n[[tracks]]\nid = \"ic\"\nname = \"Engineering\"\n\n[[tracks.rungs]]\nid = \"engineer\"\ntitle = \"Engineer\"\nscope = \"galaxy\"\n";

const SMALL_LADDER: &str = "id = \"acme\"\nname = \"Acme\"\n\n[[tracks]]\nid = \"ic\"\nname = \"Engineering\"\n\n[[tracks.rungs]]\nid = \"engineer\"\ntitle = \"Engineer\"\nscope = \"team\"\n\n[[tracks.rungs]]\nid = \"senior_engineer\"\ntitle = \"Senior Engineer\"\nscope = \"team\"\n";

#[tokio::test]
async fn explorer_draws_both_tracks_and_their_equivalences() {
    let mut app = TestApp::new().await;
    let page = app.get("/ladder").await;
    page.assert_status(200);
    let text = page.text();
    assert!(text.contains("href=\"/ladder/roles/staff_engineer\""));
    assert!(text.contains("href=\"/ladder/roles/vp_engineering\""));
    assert!(
        text.contains("<line x1=\"0\""),
        "equivalence connectors are drawn"
    );
    let company = app.get("/ladder?company=sprocket").await;
    company.assert_status(200);
    assert!(company.text().contains("Sprocket"));
    app.get("/ladder?company=nowhere").await.assert_status(404);
}

#[tokio::test]
async fn each_role_has_a_page() {
    let mut app = TestApp::new().await;
    let page = app.get("/ladder/roles/staff_engineer").await;
    page.assert_status(200);
    let text = page.text();
    assert!(text.contains("<h1>Staff Engineer</h1>"));
    assert!(text.contains("Responsibilities") && text.contains("Where the week goes"));
    assert!(
        text.contains("href=\"/ladder/roles/manager\""),
        "links to its equivalent"
    );
    app.get("/ladder/roles/astronaut").await.assert_status(404);
}

#[tokio::test]
async fn comparison_and_mapping_pages() {
    let mut app = TestApp::new().await;
    let compare = app.get("/ladder/compare").await;
    compare.assert_status(200);
    assert_eq!(
        compare.text().matches("<tr id=\"").count(),
        9,
        "nine dimensions"
    );
    let equiv = app
        .get("/ladder/map?rung=Staff+Engineer&company=reference")
        .await;
    equiv.assert_status(200);
    assert!(equiv.text().contains("Engineering Manager"));
    let unknown = app.get("/ladder/map?rung=astronaut").await;
    unknown.assert_status(404);
    assert!(unknown.text().contains("astronaut"));
    let mapped = app
        .get("/ladder/map?title=Senior+Software+Engineer&from=sprocket&to=reference")
        .await;
    mapped.assert_status(200);
    assert!(mapped.text().contains("id=\"result\""));
}

#[tokio::test]
async fn auditing_an_uploaded_ladder_points_at_the_bad_line() {
    let mut app = TestApp::new().await;
    let token = app.get("/ladder/audit").await.csrf();
    let response = app
        .post_multipart(
            "/ladder/audit",
            &[
                ("csrf", None, token.as_bytes()),
                ("ladder", Some("acme.toml"), BAD_LADDER.as_bytes()),
            ],
        )
        .await;
    response.assert_status(422);
    let text = response.text();
    assert!(text.contains("acme.toml could not be loaded"), "{text}");
    assert!(text.contains("line 11"), "the scope is on line 11: {text}");
    assert!(text.contains("class=\"marked\""));
}

#[tokio::test]
async fn auditing_a_loadable_ladder_lists_findings() {
    let mut app = TestApp::new().await;
    let token = app.get("/ladder/audit").await.csrf();
    let response = app
        .post_multipart(
            "/ladder/audit",
            &[
                ("csrf", None, token.as_bytes()),
                ("ladder", Some(""), b""),
                ("text", None, SMALL_LADDER.as_bytes()),
            ],
        )
        .await;
    response.assert_status(200);
    let text = response.text();
    assert!(text.contains("Audit of Acme"), "{text}");
    assert!(
        text.contains("missing-track"),
        "a ladder without management is flagged: {text}"
    );
    let known = app.get("/ladder/audit?company=sprocket").await;
    known.assert_status(200);
    assert!(known.text().contains("ic-ends-at-senior"));
}

#[tokio::test]
async fn uploads_without_the_token_are_refused_before_reading() {
    let mut app = TestApp::new().await;
    app.get("/ladder/audit").await;
    let response = app
        .post_multipart(
            "/ladder/audit",
            &[("ladder", Some("acme.toml"), SMALL_LADDER.as_bytes())],
        )
        .await;
    response.assert_status(403);
    let forged = app
        .post_multipart(
            "/ladder/audit",
            &[
                ("csrf", None, b"forged"),
                ("text", None, SMALL_LADDER.as_bytes()),
            ],
        )
        .await;
    forged.assert_status(403);
}

#[tokio::test]
async fn api_ladder_matches_the_stable_interface() {
    let mut app = TestApp::new().await;
    let response = app.get("/api/v1/ladder").await;
    response.assert_status(200);
    let json = response.json();
    let ids = |track: usize| -> Vec<String> {
        json["tracks"][track]["rungs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(json["tracks"][0]["id"], "ic");
    assert_eq!(
        ids(0),
        [
            "engineer",
            "senior_engineer",
            "staff_engineer",
            "senior_staff_engineer",
            "principal_engineer",
            "distinguished_engineer"
        ]
    );
    assert_eq!(json["tracks"][1]["id"], "management");
    assert_eq!(
        ids(1),
        [
            "tech_lead",
            "manager",
            "senior_manager",
            "director",
            "senior_director",
            "vp_engineering"
        ]
    );
    assert!(
        json["equivalences"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["staff_engineer", "manager"]))
    );
    insta::assert_json_snapshot!("api_ladder_equivalences", json["equivalences"]);
}

#[tokio::test]
async fn api_equiv_and_map() {
    let mut app = TestApp::new().await;
    let equiv = app.get("/api/v1/ladder/equiv?rung=staff_engineer").await;
    equiv.assert_status(200);
    assert_eq!(equiv.json()["equivalents"][0]["rung"]["id"], "manager");
    app.get("/api/v1/ladder/equiv").await.assert_status(400);
    let unknown = app.get("/api/v1/ladder/equiv?rung=astronaut").await;
    unknown.assert_status(404);
    assert_eq!(unknown.error_code(), "not_found");
    let map = app
        .get("/api/v1/ladder/map?title=Senior+Software+Engineer&from=sprocket&to=reference")
        .await;
    map.assert_status(200);
    assert_eq!(map.json()["from"]["id"], "sprocket");
    app.get("/api/v1/ladder/map?title=x")
        .await
        .assert_status(400);
}

#[tokio::test]
async fn api_audit_returns_findings_or_located_problems() {
    let mut app = TestApp::new().await;
    let ok = app
        .send(
            axum::http::Method::POST,
            "/api/v1/ladder/audit",
            "application/toml",
            SMALL_LADDER,
        )
        .await;
    ok.assert_status(200);
    assert_eq!(ok.json()["ladder"], "acme");
    assert!(
        ok.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "missing-track")
    );
    let bad = app
        .send(
            axum::http::Method::POST,
            "/api/v1/ladder/audit?source=acme.toml",
            "application/toml",
            BAD_LADDER,
        )
        .await;
    bad.assert_status(422);
    let json = bad.json();
    assert_eq!(json["error"]["code"], "unprocessable");
    assert_eq!(json["diagnostics"][0]["line"], 11);
    assert_eq!(json["diagnostics"][0]["source"], "acme.toml");
    let huge = "#".repeat(dualtrack_web::limits::LADDER_BODY + 1);
    app.send(
        axum::http::Method::POST,
        "/api/v1/ladder/audit",
        "application/toml",
        huge,
    )
    .await
    .assert_status(413);
}
