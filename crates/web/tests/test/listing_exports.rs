//! What leaves the board about listings: schema.org JobPosting data on each listing page, a
//! search as CSV, and a company ladder an employer uploads, which the board then follows.

use crate::test::common::TestApp;
use crate::test::postings::employer;

#[tokio::test]
async fn listing_json_ld_uses_job_posting_properties() {
    // The schema.org JobPosting properties (and those of the nested types) we may emit.
    const KNOWN: &[&str] = &[
        "@context",
        "@type",
        "title",
        "description",
        "datePosted",
        "validThrough",
        "employmentType",
        "occupationalCategory",
        "identifier",
        "url",
        "hiringOrganization",
        "jobLocation",
        "jobLocationType",
        "baseSalary",
        "name",
        "value",
        "address",
        "addressLocality",
        "currency",
        "minValue",
        "maxValue",
        "unitText",
        "applicationContact",
        "email",
        "propertyID",
    ];
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.push(k.clone());
                    walk(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut app = TestApp::new().await;
    let remote = app.get("/api/v1/listings?remote=true&limit=1").await.json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let text = app.get(&format!("/jobs/{remote}")).await.text();
    let start = text.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + text[start..].find("</script>").unwrap();
    let posting: serde_json::Value = serde_json::from_str(&text[start..end]).unwrap();
    let mut names = Vec::new();
    walk(&posting, &mut names);
    for name in &names {
        assert!(
            KNOWN.contains(&name.as_str()),
            "`{name}` is not a schema.org property"
        );
    }
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert!(posting["validThrough"].as_str().is_some());
    assert_eq!(posting["hiringOrganization"]["@type"], "Organization");
}

#[tokio::test]
async fn a_search_exports_as_csv() {
    let mut app = TestApp::new().await;
    let csv = app.get("/api/v1/listings.csv?remote=true").await;
    csv.assert_status(200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let text = csv.text();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("id,title,company,track"));
    let rows = lines.count() as u64;
    let api = app.get("/api/v1/listings?remote=true").await.json();
    assert_eq!(rows, api["facets"]["remote"]["true"].as_u64().unwrap());
    assert!(rows > 0);
    app.get("/api/v1/listings.csv?track=astronaut")
        .await
        .assert_status(400);
}

/// #14 "the company's ladder": an employer uploads its ladder file; the board derives
/// "IC ladder past Staff" from it with the framework's audit and shows the findings.
#[tokio::test]
async fn an_employer_uploads_the_company_ladder_and_the_board_follows_it() {
    let app = TestApp::new().await;
    let mut hiring = employer(&app, "hiring@lumenfold.example", "lumenfold").await;
    let page = hiring.get("/companies/lumenfold").await;
    page.assert_status(200);
    assert!(page.text().contains("has uploaded a ladder yet"));
    let token = page.csrf();

    // A ladder whose IC track stops at Staff, with no management pairing.
    let short = "id = \"lumenfold\"\nname = \"Lumenfold\"\n\n[[tracks]]\nid = \"ic\"\nname = \"Engineering\"\n\n[[tracks.rungs]]\nid = \"e1\"\ntitle = \"Engineer\"\nscope = \"team\"\nmaps_to = \"engineer\"\n\n[[tracks.rungs]]\nid = \"e3\"\ntitle = \"Staff Engineer\"\nscope = \"multi-team\"\nmaps_to = \"staff_engineer\"\n";
    let done = hiring
        .post_multipart(
            "/companies/lumenfold/ladder",
            &[
                ("csrf", None, token.as_bytes()),
                ("ladder", Some("lumenfold.toml"), short.as_bytes()),
            ],
        )
        .await;
    done.assert_status(303);
    let store = app.state().store();
    let company = store.company_by_slug("lumenfold").await.unwrap().unwrap();
    assert_eq!(company.ic_top_rung, "staff_engineer");
    assert!(!company.ic_past_staff && !company.has_dual_ladder);
    let page = hiring.get("/companies/lumenfold").await;
    let text = page.text();
    assert!(text.contains("uploaded its ladder on"), "{text}");
    assert!(text.contains("stops at Staff"));
    assert!(text.contains("not a dual ladder here") || text.contains("weaker than it claims"));

    // A file that does not load is refused, and nothing changes.
    let token = page.csrf();
    let broken = hiring
        .post_multipart(
            "/companies/lumenfold/ladder",
            &[
                ("csrf", None, token.as_bytes()),
                ("text", None, b"id = \"x\"\n[[tracks]]\nid = \"sideways\"\n"),
            ],
        )
        .await;
    broken.assert_status(422);
    assert!(broken.text().contains("was not stored"));
    let stored = store.company_ladder(company.id).await.unwrap().unwrap();
    assert_eq!(stored.ladder_toml, short);

    // Another company's employer, a member and a missing token are all refused.
    let mut other = employer(&app, "hiring@kestrelmaps.example", "kestrel-maps").await;
    let token = other.get("/companies/lumenfold").await.csrf();
    let refused = other
        .post_multipart(
            "/companies/lumenfold/ladder",
            &[
                ("csrf", None, token.as_bytes()),
                ("text", None, short.as_bytes()),
            ],
        )
        .await;
    refused.assert_status(403);
    let no_token = hiring
        .post_multipart(
            "/companies/lumenfold/ladder",
            &[("text", None, short.as_bytes())],
        )
        .await;
    no_token.assert_status(403);
}
