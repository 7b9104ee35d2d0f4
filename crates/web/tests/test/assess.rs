//! The assessment: form, permalink result, kept answers, and the JSON API.

use crate::test::common::{IC_FORM, TestApp, ic_answers};

#[tokio::test]
async fn form_lists_six_questions() {
    let mut app = TestApp::new().await;
    let page = app.get("/assess").await;
    page.assert_status(200);
    let text = page.text();
    for id in [
        "absorbed",
        "drift",
        "amplify",
        "next_project",
        "hard_feedback",
        "reason",
    ] {
        assert!(
            text.contains(&format!("id=\"q-{id}\"")),
            "question {id} missing"
        );
    }
    assert!(
        text.contains("type=\"checkbox\" id=\"reason-"),
        "the reasons are pick-any-number"
    );
}

#[tokio::test]
async fn submitting_goes_to_the_permalink_and_keeps_the_answers() {
    let mut app = TestApp::new().await;
    let response = app.submit("/assess", "/assess", IC_FORM).await;
    response.assert_status(303);
    let location = response.location().to_owned();
    assert_eq!(
        location,
        "/assess/result?absorbed=hard_problem_alone&drift=refactoring&amplify=own_keyboard&next_project=hands_on_system&hard_feedback=avoid_for_weeks&reason=protect_deep_work"
    );
    assert!(app.cookie("dt_assessment").is_some());
    let result = app.get(&location).await;
    result.assert_status(200);
    let text = result.text();
    assert!(text.contains("data-verdict=\"ic\""), "{text}");
    assert!(text.contains("The IC track"));
    assert!(
        text.contains("kept in this browser for the"),
        "already-kept answers need no keep button"
    );
}

#[tokio::test]
async fn unanswered_questions_come_back_marked_with_choices_kept() {
    let mut app = TestApp::new().await;
    let response = app
        .submit("/assess", "/assess", &[("absorbed", "team_conflict")])
        .await;
    response.assert_status(422);
    let text = response.text();
    assert!(text.contains("Question 2 needs an answer."), "{text}");
    assert!(
        text.contains("value=\"team_conflict\" checked"),
        "earlier choices stay ticked"
    );
    assert!(
        !text.contains("Question 6 needs"),
        "the pick-any question may stay empty"
    );
}

#[tokio::test]
async fn a_shared_link_shows_the_result_and_offers_to_keep_it() {
    let mut app = TestApp::new().await;
    let link = "/assess/result?absorbed=team_conflict&drift=people_conversations&amplify=amplify_with_headcount&next_project=coordinate_many&hard_feedback=part_of_caring";
    let page = app.get(link).await;
    page.assert_status(200);
    assert!(page.text().contains("data-verdict=\"management\""));
    assert!(page.text().contains("action=\"/assess/keep\""));
    let token = page.csrf();
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend([
        ("absorbed", "team_conflict"),
        ("drift", "people_conversations"),
        ("amplify", "amplify_with_headcount"),
        ("next_project", "coordinate_many"),
        ("hard_feedback", "part_of_caring"),
    ]);
    let kept = app.post_form("/assess/keep", &fields).await;
    kept.assert_status(303);
    assert_eq!(kept.location(), "/decision");
    assert!(app.cookie("dt_assessment").is_some());
}

#[tokio::test]
async fn a_broken_link_is_explained() {
    let mut app = TestApp::new().await;
    let page = app.get("/assess/result?absorbed=naps").await;
    page.assert_status(422);
    let text = crate::test::common::unescape(&page.text());
    assert!(text.contains("Question 1 ("), "{text}");
    assert!(text.contains("has no choice called \"naps\""), "{text}");
    // Guards answers-file syntax on a page: "add a line such as next_project = ...".
    let missing = app
        .get("/assess/result?absorbed=hard_problem_alone&drift=refactoring&amplify=own_keyboard")
        .await;
    missing.assert_status(422);
    let text = crate::test::common::unescape(&missing.text());
    assert!(
        text.contains("has no answer here. Answer it on the assessment page."),
        "{text}"
    );
    assert!(
        !text.contains("add a line such as") && !text.contains(" = "),
        "{text}"
    );
    let twice = app
        .get("/assess/result?absorbed=hard_problem_alone&absorbed=team_conflict")
        .await;
    twice.assert_status(400);
    assert!(
        twice.text().contains("takes one answer"),
        "{}",
        twice.text()
    );
    let empty = app.get("/assess/result").await;
    empty.assert_status(303);
    assert_eq!(empty.location(), "/assess");
}

#[tokio::test]
async fn api_scores_answers_like_the_cli() {
    let mut app = TestApp::new().await;
    let response = app.post_json("/api/v1/assess", &ic_answers()).await;
    response.assert_status(200);
    let json = response.json();
    assert_eq!(json["verdict"], "ic");
    assert_eq!(json["leaning"], "ic");
    assert_eq!(json["strong"]["ic"], 6);
    assert_eq!(json["red_flags"], serde_json::json!([]));
    insta::assert_json_snapshot!("api_assess_ic", json);
}

#[tokio::test]
async fn api_explains_bad_answers() {
    let mut app = TestApp::new().await;
    let bad_json = app
        .send(
            axum::http::Method::POST,
            "/api/v1/assess",
            "application/json",
            "{not json",
        )
        .await;
    bad_json.assert_status(400);
    assert_eq!(bad_json.error_code(), "bad_request");
    let mut answers = ic_answers();
    answers["drift"] = "naps".into();
    let unknown = app.post_json("/api/v1/assess", &answers).await;
    unknown.assert_status(422);
    assert!(
        unknown.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("naps")
    );
    let missing = app
        .post_json(
            "/api/v1/assess",
            &serde_json::json!({"absorbed": "org_design"}),
        )
        .await;
    missing.assert_status(422);
    let huge = "x".repeat(dualtrack_web::limits::SMALL_BODY + 1);
    let too_big = app
        .send(
            axum::http::Method::POST,
            "/api/v1/assess",
            "application/json",
            huge,
        )
        .await;
    too_big.assert_status(413);
    assert_eq!(too_big.error_code(), "payload_too_large");
}
