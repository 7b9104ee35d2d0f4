//! The job board: search pages, listing and company pages, and the listings API.

use crate::test::common::TestApp;

#[tokio::test]
async fn board_lists_and_filters_listings() {
    let mut app = TestApp::new().await;
    let all = app.get("/jobs").await;
    all.assert_status(200);
    assert!(all.text().contains("listings match"));
    let ic = app.get("/jobs?track=ic&ic_past_staff=true").await;
    ic.assert_status(200);
    let text = ic.text();
    assert!(text.contains("<option value=\"ic\" selected>"));
    assert!(
        !text.contains("class=\"badge management\">Management</span>"),
        "only IC listings"
    );
    let bad = app.get("/jobs?track=astronaut").await;
    bad.assert_status(400);
    let unknown_tag = app.get("/jobs?tag=free-lunch").await;
    unknown_tag.assert_status(200);
    assert!(
        unknown_tag.text().contains("nknown tag"),
        "a bad tag is explained on the page"
    );
}

/// The listing page says salary and rung in the board's one wording, as the CLI does.
#[tokio::test]
async fn listing_page_words_salary_and_rung_as_the_board_does() {
    let mut app = TestApp::new().await;
    let page = app.get("/api/v1/listings?limit=50").await.json();
    let item = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["salary"].is_object())
        .expect("a demo listing with a salary")
        .clone();
    let salary: dualtrack_board::SalaryRange =
        serde_json::from_value(item["salary"].clone()).unwrap();
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let rung = dualtrack_board::rung_title(&fw, item["rung"].as_str().unwrap());
    let text = app.get(&format!("/jobs/{}", item["id"])).await.text();
    assert!(
        text.contains(&dualtrack_board::salary_text(&salary)),
        "{text}"
    );
    assert!(text.contains(&rung), "{text}");
}

#[tokio::test]
async fn pagination_carries_the_filters() {
    let mut app = TestApp::new().await;
    let page = app.get("/jobs?limit=5&track=ic").await;
    page.assert_status(200);
    let text = page.text();
    let start = text
        .find("rel=\"next\"")
        .map(|i| text[..i].rfind("href=\"").unwrap() + 6)
        .expect("a next link");
    let href = crate::test::common::unescape(text[start..].split('"').next().unwrap());
    assert!(
        href.contains("track=ic") && href.contains("cursor="),
        "{href}"
    );
    let next = app.get(&href).await;
    next.assert_status(200);
    assert!(next.text().contains("First page"));
}

#[tokio::test]
async fn listing_page_carries_safe_json_ld() {
    let mut app = TestApp::new().await;
    let first = app.get("/api/v1/listings?limit=1").await.json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let page = app.get(&format!("/jobs/{first}")).await;
    page.assert_status(200);
    let text = page.text();
    let start = text
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD block")
        + 35;
    let end = start + text[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&text[start..end]).unwrap();
    assert_eq!(data["@type"], "JobPosting");
    assert_eq!(data["@context"], "https://schema.org");
    assert!(data["hiringOrganization"]["name"].is_string());
    assert!(data["datePosted"].is_string());
    app.get("/jobs/999999").await.assert_status(404);
    app.get("/jobs/not-a-number").await.assert_status(404);
}

#[tokio::test]
async fn company_page_shows_confirmed_and_claimed_tags() {
    let mut app = TestApp::new().await;
    let page = app.get("/companies/lumenfold").await;
    page.assert_status(200);
    let text = page.text();
    assert!(
        text.contains("✓ confirmed"),
        "demo employees confirm some tags"
    );
    assert!(text.contains("Open roles"));
    assert!(
        !text.contains("action=\"/companies/lumenfold/endorse\""),
        "no endorse buttons for visitors"
    );
    app.get("/companies/nowhere").await.assert_status(404);
}

#[tokio::test]
async fn api_listings_shape_and_errors() {
    let mut app = TestApp::new().await;
    let response = app.get("/api/v1/listings?limit=3&track=ic").await;
    response.assert_status(200);
    let json = response.json();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        for key in ["id", "title", "track", "rung"] {
            assert!(item.get(key).is_some(), "{key}");
        }
        assert_eq!(item["track"], "ic");
        for key in ["id", "name", "ic_past_staff", "tags"] {
            assert!(item["company"].get(key).is_some(), "company.{key}");
        }
    }
    assert!(json["next"].is_string());
    assert!(json["facets"]["track"]["ic"].as_u64().unwrap() >= 3);
    let next = app
        .get(&format!(
            "/api/v1/listings?limit=3&track=ic&cursor={}",
            json["next"].as_str().unwrap()
        ))
        .await;
    next.assert_status(200);
    assert_ne!(next.json()["items"][0]["id"], items[0]["id"]);
    let bad_cursor = app.get("/api/v1/listings?cursor=nonsense").await;
    bad_cursor.assert_status(400);
    assert_eq!(bad_cursor.error_code(), "bad_request");
    app.get("/api/v1/listings?limit=0").await.assert_status(400);
    app.get("/api/v1/listings?remote=perhaps")
        .await
        .assert_status(400);
    let id = items[0]["id"].as_i64().unwrap();
    let one = app.get(&format!("/api/v1/listings/{id}")).await;
    one.assert_status(200);
    assert!(one.json()["description"].is_string());
    app.get("/api/v1/listings/0").await.assert_status(404);
    let company = app.get("/api/v1/companies/lumenfold").await;
    company.assert_status(200);
    assert_eq!(company.json()["slug"], "lumenfold");
    app.get("/api/v1/companies/nowhere")
        .await
        .assert_status(404);
}

/// The in-memory search index answers once built (the `Server-Timing` header says which way a
/// search went), gives the database's page, and follows a write made behind the server's back.
#[tokio::test]
async fn search_index_answers_like_the_database_and_follows_writes() {
    use std::time::Duration;

    async fn from_index(app: &mut TestApp, path: &str) -> serde_json::Value {
        for _ in 0..200 {
            let response = app.get(path).await;
            response.assert_status(200);
            if response.header("server-timing").starts_with("search-index") {
                return response.json();
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the search index never answered {path}");
    }

    let mut app = TestApp::new().await;
    let path = "/api/v1/listings?limit=4&track=ic&prefer=deep-work:important";
    let by_index = from_index(&mut app, path).await;
    let query = dualtrack_board::ListingQuery {
        limit: 4,
        track: Some(dualtrack_board::Track::Ic),
        prefer: vec!["deep-work:important".into()],
        ..dualtrack_board::ListingQuery::default()
    };
    let store = app.state().store();
    let by_database = store
        .search_listings(&query, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(by_index, serde_json::to_value(&by_database).unwrap());

    // Another process closes the first listing: the index is rebuilt and leaves it out.
    let first = by_database.items[0].id;
    store
        .close_listing(first, chrono::Utc::now())
        .await
        .unwrap();
    let mut gone = false;
    for _ in 0..200 {
        let page = from_index(&mut app, path).await;
        if page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != first)
        {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(gone, "the closed listing stayed in the index");
}

/// A tag no open listing carries cannot be required (the list could only come back empty),
/// though a preference for it can still be said.
#[tokio::test]
async fn a_tag_no_listing_has_cannot_be_required() {
    let mut app = TestApp::new().await;
    let api = app.get("/api/v1/listings").await.json();
    let tags = api["facets"]["tags"].as_object().unwrap().clone();
    let page = app.get("/jobs").await.text();
    let box_of = |id: &str| {
        let start = page.find(&format!("id=\"tag-{id}\"")).unwrap();
        page[start..start + page[start..].find('>').unwrap()].to_owned()
    };
    // Facets leave out the tags no listing matches; the page lists the whole vocabulary.
    let offered: Vec<String> = page
        .split("id=\"tag-")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    let (full, empty): (Vec<&String>, Vec<&String>) = offered
        .iter()
        .partition(|t| tags.get(t.as_str()).is_some_and(|n| n != 0));
    assert!(
        !full.is_empty() && !empty.is_empty(),
        "{offered:?} {tags:?}"
    );
    for id in &full {
        assert!(!box_of(id).contains("disabled"), "{id}");
    }
    for id in &empty {
        assert!(box_of(id).contains("disabled"), "{id}");
        assert!(
            page.contains(&format!("id=\"prefer-{id}\"")),
            "{id} keeps its preference"
        );
    }
}
