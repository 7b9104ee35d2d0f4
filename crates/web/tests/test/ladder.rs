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
    assert!(text.contains("≈ stated") && text.contains("≈ our extrapolation"));
    assert!(
        text.contains("Parity has limits"),
        "the counterweight sits beside the pairs"
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
    assert!(text.contains("Responsibilities") && text.contains("Where a Staff+ week goes"));
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
    // Guards ids and "give a rung id" on a page: a level label two rungs share is answered
    // with their titles and what to type.
    let shared = app
        .get("/ladder/map?title=L6&from=quanta&to=meridian")
        .await;
    shared.assert_status(422);
    let text = crate::test::common::unescape(&shared.text());
    assert!(
        text.contains("Type the whole title of the one you mean"),
        "{text}"
    );
    assert!(text.contains("(IC track) and "), "{text}");
    assert!(
        !text.contains("rung id") && !text.contains("swe_l6"),
        "{text}"
    );
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
    assert!(text.contains("Could not load acme.toml"), "{text}");
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
    // Findings name rungs by their titles, not their ids.
    assert!(
        known.text().contains("(Senior Software Engineer)"),
        "{}",
        known.text()
    );
    assert!(!known.text().contains("(senior)"), "{}", known.text());
}

/// Guards the bare "400 Bad Request" page an empty audit form got: the form comes back with
/// what to give, and the format's example to start from.
#[tokio::test]
async fn an_empty_audit_form_comes_back_saying_what_to_give() {
    let mut app = TestApp::new().await;
    let token = app.get("/ladder/audit").await.csrf();
    let response = app
        .post_multipart(
            "/ladder/audit",
            &[
                ("csrf", None, token.as_bytes()),
                ("ladder", Some(""), b""),
                ("text", None, b"  \n "),
            ],
        )
        .await;
    response.assert_status(400);
    let text = response.text();
    assert!(text.contains("No ladder to audit"), "{text}");
    assert!(
        text.contains("paste the ladder into the text box"),
        "{text}"
    );
    assert!(
        text.contains("<textarea id=\"text\""),
        "the form is there again: {text}"
    );
    assert!(text.contains("What a ladder file looks like"), "{text}");
    assert!(text.contains("[[tracks.rungs]]"), "{text}");
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

#[path = "../../../framework/tests/support/role_facts.rs"]
mod role_facts;
use role_facts::profile_facts;

fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Regression (issue 10): `/ladder/roles/…?company=…` left out the leadership level and
/// transitions that `dualtrack guide` prints. The page and the API now render one profile;
/// this checks every rung of every shipped ladder.
#[tokio::test]
async fn role_pages_show_every_fact_of_the_role_profile_api() {
    let mut app = TestApp::new().await;
    let framework = dualtrack_framework::Framework::embedded().unwrap();
    let mut ladders = vec![(None, framework.ladder())];
    ladders.extend(
        framework
            .companies()
            .iter()
            .map(|c| (Some(c.id.as_str()), c)),
    );
    let mut checked = 0;
    for (company, ladder) in ladders {
        let query = company.map(|c| format!("?company={c}")).unwrap_or_default();
        for (_, rung) in ladder.rungs() {
            let api = app
                .get(&format!("/api/v1/ladder/roles/{}{query}", rung.id))
                .await;
            api.assert_status(200);
            let profile = api.json();
            let page = app.get(&format!("/ladder/roles/{}{query}", rung.id)).await;
            page.assert_status(200);
            let html = unescape(&page.text());
            for fact in profile_facts(&profile) {
                assert!(
                    html.contains(&fact),
                    "{}/{}: the page misses {fact:?}",
                    ladder.id,
                    rung.id
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

#[tokio::test]
async fn api_role_profile_json_and_errors() {
    let mut app = TestApp::new().await;
    let staff = app.get("/api/v1/ladder/roles/staff_engineer").await;
    staff.assert_status(200);
    let json = staff.json();
    assert_eq!(json["rung"]["id"], "staff_engineer");
    assert!(json.get("leadership_level").is_none());
    assert_eq!(json["next"]["rung"]["id"], "senior_staff_engineer");
    assert_eq!(json["switch"]["to_track"], "management");
    assert_eq!(json["counterweight"]["source"][0]["doc"], "002");
    let em = app.get("/api/v1/ladder/roles/em_l6?company=quanta").await;
    em.assert_status(200);
    assert_eq!(em.json()["leadership_level"]["basis"], "reference");
    let missing = app.get("/api/v1/ladder/roles/astronaut").await;
    missing.assert_status(404);
    assert_eq!(missing.error_code(), "not_found");
    app.get("/api/v1/ladder/roles/staff?company=nowhere")
        .await
        .assert_status(404);
}

/// Regression (issue 13, item 5): link names dropped their visible "… scope" text
/// (label-content-name-mismatch) and the comparison had an empty header cell.
#[tokio::test]
async fn ladder_links_name_their_visible_text_and_headers_are_not_empty() {
    let mut app = TestApp::new().await;
    let text = app.get("/ladder").await.text();
    assert!(!text.contains("aria-label=\"Staff Engineer"), "{text}");
    let compare = app.get("/ladder/compare").await.text();
    assert!(!compare.contains("<th scope=\"col\"></th>"), "{compare}");
}
