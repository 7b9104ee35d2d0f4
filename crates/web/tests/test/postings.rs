//! Employers' listings: posting in the browser and through the API (session or API token),
//! authorisation on every write, closing and renewing, an administrator hiding a listing, and
//! preferences that rank.

use axum::body::Body;
use axum::http::{Method, Request, header};
use dualtrack_board::Role;

use crate::test::common::{TestApp, TestResponse};

async fn signed_up(app: &mut TestApp, email: &str) {
    let done = app
        .submit(
            "/signup",
            "/signup",
            &[("email", email), ("password", "a long enough password")],
        )
        .await;
    done.assert_status(303);
}

/// A browser signed in as an employer of `company` (made one through the store).
pub(super) async fn employer(app: &TestApp, email: &str, company: &str) -> TestApp {
    let mut browser = TestApp::new_sharing(app);
    signed_up(&mut browser, email).await;
    let store = app.state().store();
    let account = store.account_by_email(email).await.unwrap().unwrap();
    let company = store.company_by_slug(company).await.unwrap().unwrap();
    store.verify_account(account.id, company.id).await.unwrap();
    store
        .set_account_role(account.id, Role::Employer)
        .await
        .unwrap();
    browser
}

async fn api(
    app: &mut TestApp,
    method: Method,
    path: &str,
    auth: Option<&str>,
    csrf: Option<&str>,
    body: &serde_json::Value,
) -> TestResponse {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = auth {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(csrf) = csrf {
        request = request.header("x-csrf-token", csrf);
    }
    app.request(request.body(Body::from(body.to_string())).unwrap())
        .await
}

fn draft(title: &str) -> serde_json::Value {
    serde_json::json!({
        "title": title,
        "track": "ic",
        "rung": "staff_engineer",
        "location": "Remote (Europe)",
        "workplace": "remote",
        "salary": {"min": 120000, "max": 150000, "currency": "EUR"},
        "description": "Own the storage layer.\n\nWrite the design documents.",
        "apply_url": "https://lumenfold.example/jobs/1",
    })
}

/// A new API token made on the token page, read from where the page shows it once.
async fn token(browser: &mut TestApp) -> String {
    let page = browser
        .submit(
            "/account/api-tokens",
            "/account/api-tokens",
            &[("label", "ATS export")],
        )
        .await;
    page.assert_status(200);
    let text = page.text();
    let start = text.find("id=\"new-token\">").expect("the token is shown") + 15;
    text[start..].split('<').next().unwrap().to_owned()
}

async fn ids(app: &mut TestApp, query: &str) -> Vec<i64> {
    app.get(&format!("/api/v1/listings?limit=100&{query}"))
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn api_writes_need_an_employer_of_the_listings_company() {
    let mut app = TestApp::new().await;
    let body = draft("Staff Engineer, Vellum Storage");
    // No credentials: 401 on every write.
    for (method, path) in [
        (Method::POST, "/api/v1/listings"),
        (Method::PUT, "/api/v1/listings/1"),
        (Method::DELETE, "/api/v1/listings/1"),
    ] {
        let refused = api(&mut app, method.clone(), path, None, None, &body).await;
        refused.assert_status(401);
        let refused = api(&mut app, method, path, Some("not-a-token"), None, &body).await;
        refused.assert_status(401);
    }

    // A member's session, with its anti-forgery token: 403.
    let mut member = TestApp::new_sharing(&app);
    signed_up(&mut member, "reader@example.org").await;
    let csrf = member.get("/jobs").await.csrf();
    let refused = api(
        &mut member,
        Method::POST,
        "/api/v1/listings",
        None,
        Some(&csrf),
        &body,
    )
    .await;
    refused.assert_status(403);
    // Members have no tokens to make.
    member.get("/account/api-tokens").await.assert_status(403);

    // The employer's session needs the anti-forgery header; then it may post.
    let mut lumen = employer(&app, "hiring@lumenfold.example", "lumenfold").await;
    let refused = api(
        &mut lumen,
        Method::POST,
        "/api/v1/listings",
        None,
        None,
        &body,
    )
    .await;
    refused.assert_status(403);
    let csrf = lumen.get("/jobs").await.csrf();
    let posted = api(
        &mut lumen,
        Method::POST,
        "/api/v1/listings",
        None,
        Some(&csrf),
        &body,
    )
    .await;
    posted.assert_status(201);
    let first = posted.json()["id"].as_i64().unwrap();

    // An API token works without a session.
    let secret = token(&mut lumen).await;
    let mut program = TestApp::new_sharing(&app);
    let posted = api(
        &mut program,
        Method::POST,
        "/api/v1/listings",
        Some(&secret),
        None,
        &draft("Principal Engineer, Vellum Queues"),
    )
    .await;
    posted.assert_status(201);
    let json = posted.json();
    let id = json["id"].as_i64().unwrap();
    assert_eq!(json["company"]["slug"], "lumenfold");
    assert!(json["expires_at"].as_str().is_some());
    assert_eq!(ids(&mut app, "q=vellum").await, [id, first]);

    // Field errors name the fields.
    let mut bad = draft("x");
    bad["apply_url"] = "javascript:alert(1)".into();
    bad["rung"] = "astronaut".into();
    let refused = api(
        &mut program,
        Method::POST,
        "/api/v1/listings",
        Some(&secret),
        None,
        &bad,
    )
    .await;
    refused.assert_status(422);
    let text = refused.text();
    assert!(
        text.contains("apply_url") && text.contains("rung"),
        "{text}"
    );

    // An employer of another company may not touch it.
    let mut kestrel = employer(&app, "jobs@kestrelmaps.example", "kestrel-maps").await;
    let other = token(&mut kestrel).await;
    let path = format!("/api/v1/listings/{id}");
    for method in [Method::PUT, Method::DELETE] {
        let refused = api(&mut program, method, &path, Some(&other), None, &body).await;
        refused.assert_status(403);
    }

    // Edit, then close: it leaves search, its page says so.
    let edited = api(
        &mut program,
        Method::PUT,
        &path,
        Some(&secret),
        None,
        &draft("Principal Engineer, Vellum Streams"),
    )
    .await;
    edited.assert_status(200);
    assert_eq!(edited.json()["title"], "Principal Engineer, Vellum Streams");
    let closed = api(
        &mut program,
        Method::DELETE,
        &path,
        Some(&secret),
        None,
        &body,
    )
    .await;
    closed.assert_status(200);
    assert!(closed.json()["closed_at"].as_str().is_some());
    assert_eq!(ids(&mut app, "q=vellum").await, [first]);
    let page = app.get(&format!("/jobs/{id}")).await;
    page.assert_status(200);
    assert!(page.text().contains("no longer open"));
    assert!(!page.text().contains("application/ld+json"));

    // A revoked token stops working.
    let tokens = lumen.get("/account/api-tokens").await.text();
    let start = tokens.find("/account/api-tokens/").unwrap() + 20;
    let token_id = tokens[start..].split('/').next().unwrap().to_owned();
    lumen
        .submit(
            "/account/api-tokens",
            &format!("/account/api-tokens/{token_id}/revoke"),
            &[],
        )
        .await
        .assert_status(303);
    let refused = api(
        &mut program,
        Method::POST,
        "/api/v1/listings",
        Some(&secret),
        None,
        &body,
    )
    .await;
    refused.assert_status(401);
}

#[tokio::test]
async fn employers_post_in_the_browser_and_administrators_hide() {
    let app = TestApp::new().await;
    let mut lumen = employer(&app, "hiring@lumenfold.example", "lumenfold").await;
    lumen.get("/jobs/new").await.assert_status(200);

    // A form with mistakes comes back with each one beside its field and a summary.
    let refused = lumen
        .submit(
            "/jobs/new",
            "/jobs/new",
            &[
                ("title", "Staff Engineer, Ferrule Search"),
                ("track", "ic"),
                ("rung", "staff_engineer"),
                ("location", "Lisbon"),
                ("workplace", "hybrid"),
                ("salary_min", "lots"),
                ("description", "Search for everyone."),
            ],
        )
        .await;
    refused.assert_status(422);
    let text = refused.text();
    assert!(text.contains("error-summary"), "{text}");
    assert!(text.contains("id=\"err-apply_url\""), "{text}");
    assert!(text.contains("id=\"err-salary\""), "{text}");
    assert!(text.contains("value=\"Staff Engineer, Ferrule Search\""));

    let fields = [
        ("title", "Staff Engineer, Ferrule Search"),
        ("track", "ic"),
        ("rung", "staff_engineer"),
        ("location", "Lisbon"),
        ("workplace", "hybrid"),
        ("salary_min", "90,000"),
        ("salary_max", "120000"),
        ("salary_currency", "eur"),
        ("description", "Search for everyone."),
        ("apply_email", "jobs@lumenfold.example"),
    ];
    let posted = lumen.submit("/jobs/new", "/jobs/new", &fields).await;
    posted.assert_status(303);
    let path = posted.location().to_owned();
    let id: i64 = path.trim_start_matches("/jobs/").parse().unwrap();
    let page = lumen.get(&path).await;
    let text = page.text();
    assert!(text.contains("How to apply") && text.contains("mailto:jobs@lumenfold.example"));
    assert!(text.contains("EUR 90,000–120,000"));
    assert!(text.contains(&format!("/jobs/{id}/edit")));

    // Others may not edit, close or post.
    let mut member = TestApp::new_sharing(&app);
    signed_up(&mut member, "reader@example.org").await;
    member.get("/jobs/new").await.assert_status(403);
    member
        .get(&format!("/jobs/{id}/edit"))
        .await
        .assert_status(403);
    member
        .submit("/jobs", &format!("/jobs/{id}/close"), &[])
        .await
        .assert_status(403);
    let mut anonymous = TestApp::new_sharing(&app);
    anonymous.get("/jobs/new").await.assert_status(401);

    // Edit keeps what is not changed; close and renew.
    let edit = format!("/jobs/{id}/edit");
    let mut changed = fields.to_vec();
    changed[0] = ("title", "Principal Engineer, Ferrule Search");
    changed[2] = ("rung", "principal_engineer");
    lumen
        .submit(&edit, &edit, &changed)
        .await
        .assert_status(303);
    assert!(
        lumen
            .get(&path)
            .await
            .text()
            .contains("Principal Engineer, Ferrule Search")
    );
    lumen
        .submit(&edit, &format!("/jobs/{id}/close"), &[])
        .await
        .assert_status(303);
    assert!(anonymous.get(&path).await.text().contains("no longer open"));
    assert!(ids(&mut anonymous, "q=ferrule").await.is_empty());
    // The employer still finds it, closed, among the company's listings.
    let own = lumen.get("/account/listings").await;
    own.assert_status(200);
    assert!(
        own.text().contains("Principal Engineer, Ferrule Search") && own.text().contains("Closed")
    );
    member.get("/account/listings").await.assert_status(403);
    lumen
        .submit(&edit, &format!("/jobs/{id}/renew"), &[])
        .await
        .assert_status(303);
    assert_eq!(ids(&mut anonymous, "q=ferrule").await, [id]);

    // An administrator hides it, with a reason, into the audit log.
    let mut admin = TestApp::new_sharing(&app);
    signed_up(&mut admin, "moderator@example.org").await;
    let store = app.state().store();
    let account = store
        .account_by_email("moderator@example.org")
        .await
        .unwrap()
        .unwrap();
    store
        .set_account_role(account.id, Role::Admin)
        .await
        .unwrap();
    assert!(!member.get(&path).await.text().contains("Hide this listing"));
    assert!(admin.get(&path).await.text().contains("Hide this listing"));
    member
        .submit(&path, &format!("/jobs/{id}/hide"), &[("reason", "spam")])
        .await
        .assert_status(403);
    admin
        .submit(&path, &format!("/jobs/{id}/hide"), &[("reason", " ")])
        .await
        .assert_status(422);
    admin
        .submit(
            &path,
            &format!("/jobs/{id}/hide"),
            &[("reason", "Pay is misstated")],
        )
        .await
        .assert_status(303);
    anonymous.get(&path).await.assert_status(404);
    anonymous
        .get(&format!("/api/v1/listings/{id}"))
        .await
        .assert_status(404);
    assert!(ids(&mut anonymous, "q=ferrule").await.is_empty());
    let log = store.audit_log(10).await.unwrap();
    assert!(log.iter().any(|e| e.action == "hide_listing"
        && e.target == format!("listing {id}")
        && e.reason == "Pay is misstated"
        && e.actor == Some(account.id)));
}

#[tokio::test]
async fn preferences_filter_rank_and_explain() {
    let mut app = TestApp::new().await;
    // A dealbreaker is the tag filter, facets included; each item says how it matches.
    let by_pref = app
        .get("/api/v1/listings?limit=100&prefer=deep-work:dealbreaker")
        .await
        .json();
    let by_tag = app
        .get("/api/v1/listings?limit=100&tag=deep-work")
        .await
        .json();
    assert_eq!(by_pref["facets"], by_tag["facets"]);
    let ids = |v: &serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&by_pref), ids(&by_tag));
    for item in by_pref["items"].as_array().unwrap() {
        assert_eq!(item["match"]["met"], serde_json::json!(["deep-work"]));
        assert_eq!(item["match"]["missed"], serde_json::json!([]));
        assert!(item["match"]["score"].is_number());
    }
    assert!(by_tag["items"][0].get("match").is_none());

    // Ranking preferences order by score and do not filter.
    let ranked = app
        .get("/api/v1/listings?limit=100&prefer=remote-first:important&prefer=on-call-sane:nice")
        .await
        .json();
    let all = app.get("/api/v1/listings?limit=100").await.json();
    assert_eq!(ranked["facets"], all["facets"]);
    let scores: Vec<f64> = ranked["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["match"]["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores[0] > scores[scores.len() - 1]);
    app.get("/api/v1/listings?prefer=remote-first:maybe")
        .await
        .assert_status(400);

    // The web page keeps the choice in its controls and explains each result.
    let page = app.get("/jobs?prefer=remote-first:important").await;
    page.assert_status(200);
    let text = page.text();
    assert!(
        text.contains("<option value=\"remote-first:important\" selected>"),
        "{text}"
    );
    assert!(text.contains("of your 1 important tag"), "{text}");

    // Signed in, preferences can be saved and brought back.
    signed_up(&mut app, "seeker@example.org").await;
    let saved = app
        .submit(
            "/jobs?prefer=remote-first:important",
            "/jobs/preferences",
            &[
                ("prefer", "remote-first:important"),
                ("prefer", "deep-work:dealbreaker"),
            ],
        )
        .await;
    saved.assert_status(303);
    let page = app.get("/jobs").await.text();
    assert!(page.contains("Use my saved preferences"), "{page}");
    // The saving controls sit in the results column: as a third child of the board's
    // two-column grid they pushed the results under the sticky filters, where no one could
    // click them (found by the browser story test).
    let page = app.get("/jobs?prefer=remote-first:important").await.text();
    let results = page
        .find("<section aria-labelledby=\"results-title\">")
        .expect("the results section");
    let saving = page
        .find("class=\"saved-preferences\"")
        .expect("the saving form");
    assert!(saving > results, "{page}");
}
