//! Endorsements: verified employees confirm and withdraw culture tags, everyone else is
//! refused, confirmations are dated by team and can be disputed.

use crate::test::accounts::{sign_up, verified_employee};
use crate::test::common::TestApp;

#[tokio::test]
async fn verified_employees_endorse_and_withdraw() {
    let mut app = verified_employee("ada@lumenfold.example").await;
    let page = app.get("/companies/lumenfold").await;
    assert!(page.text().contains("You are a verified employee"));
    let endorsed = app
        .submit(
            "/companies/lumenfold",
            "/companies/lumenfold/endorse",
            &[("tag", "on-call-sane")],
        )
        .await;
    endorsed.assert_status(303);
    let account = app.get("/account").await.text();
    assert!(account.contains("Sane on-call"), "{account}");
    assert!(
        !account.contains(">on-call-sane<"),
        "the account page shows the tag label"
    );
    let withdrawn = app
        .submit(
            "/companies/lumenfold",
            "/companies/lumenfold/withdraw",
            &[("tag", "on-call-sane")],
        )
        .await;
    withdrawn.assert_status(303);
    assert!(
        !app.get("/account")
            .await
            .text()
            .contains("on-call-sane</span>")
    );
    let unknown = app
        .submit(
            "/companies/lumenfold",
            "/companies/lumenfold/endorse",
            &[("tag", "free-lunch")],
        )
        .await;
    unknown.assert_status(422);
}

#[tokio::test]
async fn endorsing_is_refused_to_everyone_else() {
    let mut visitor = TestApp::new().await;
    // A visitor's form token comes from any page with a form.
    let anonymous = visitor
        .submit(
            "/assess",
            "/companies/lumenfold/endorse",
            &[("tag", "deep-work")],
        )
        .await;
    anonymous.assert_status(401);
    let mut outsider = TestApp::new().await;
    sign_up(&mut outsider, "ada@gmail.example").await;
    let refused = outsider
        .submit(
            "/companies/lumenfold",
            "/companies/lumenfold/endorse",
            &[("tag", "deep-work")],
        )
        .await;
    refused.assert_status(403);
    let mut employee = verified_employee("bo@lumenfold.example").await;
    let other_company = employee
        .submit(
            "/companies/kestrel-maps",
            "/companies/kestrel-maps/endorse",
            &[("tag", "deep-work")],
        )
        .await;
    other_company.assert_status(403);
    let forged = employee
        .post_form(
            "/companies/lumenfold/endorse",
            &[("csrf", "forged"), ("tag", "deep-work")],
        )
        .await;
    forged.assert_status(403);
}

/// Culture claims that stay true: a confirmation carries its date and team, verified employees
/// can dispute a claimed tag (the count is shown), and old confirmations stop counting.
#[tokio::test]
async fn confirmations_are_dated_by_team_and_disputable() {
    let mut app = verified_employee("ada@lumenfold.example").await;
    let company = app.get("/api/v1/companies/lumenfold").await.json();
    let claimed: Vec<String> = company["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["claimed"] == true)
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    let (first, second) = (&claimed[0], &claimed[1]);
    app.submit(
        "/companies/lumenfold",
        "/companies/lumenfold/endorse",
        &[("tag", first), ("team", " Platform ")],
    )
    .await
    .assert_status(303);
    app.submit(
        "/companies/lumenfold",
        "/companies/lumenfold/dispute",
        &[("tag", second)],
    )
    .await
    .assert_status(303);
    let api = app.get("/api/v1/companies/lumenfold").await.json();
    let tag = |id: &str| {
        api["tags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    assert!(
        tag(first)["teams"]
            .as_array()
            .unwrap()
            .contains(&"Platform".into())
    );
    assert!(tag(first)["latest_confirmation"].is_string());
    assert_eq!(tag(second)["disputes"], 1);
    let page = app.get("/companies/lumenfold").await.text();
    assert!(page.contains("teams: Platform"), "{page}");
    assert!(page.contains("latest on"), "{page}");
    assert!(page.contains("Withdraw dispute"), "{page}");
    assert!(page.contains("Confirm again"), "{page}");

    // An unclaimed tag cannot be disputed.
    let vocabulary = app.get("/api/v1/tags").await.json();
    let unclaimed = vocabulary
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .find(|id| {
            !api["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == id.as_str())
        })
        .unwrap();
    app.submit(
        "/companies/lumenfold",
        "/companies/lumenfold/dispute",
        &[("tag", &unclaimed)],
    )
    .await
    .assert_status(400);

    // A confirmation older than the maximum age stops counting.
    let state = app.state().clone();
    let store = state.store();
    let ada = store
        .account_by_email("ada@lumenfold.example")
        .await
        .unwrap()
        .unwrap();
    store
        .withdraw_endorsement(ada.id, ada.verified_company.unwrap(), first)
        .await
        .unwrap();
    let before = tag(first)["endorsements"].as_u64().unwrap();
    store
        .endorse(&dualtrack_board::NewEndorsement {
            account_id: ada.id,
            company_id: ada.verified_company.unwrap(),
            tag: first.clone(),
            created_at: chrono::Utc::now() - chrono::Duration::days(400),
            team: None,
        })
        .await
        .unwrap();
    let aged = app.get("/api/v1/companies/lumenfold").await.json();
    let aged_tag = aged["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == first.as_str())
        .unwrap()
        .clone();
    assert_eq!(aged_tag["endorsements"].as_u64().unwrap(), before - 1);
    assert_eq!(aged_tag["stale_endorsements"], 1);
    assert!(
        app.get("/companies/lumenfold")
            .await
            .text()
            .contains("older confirmation no longer counts")
    );
}
