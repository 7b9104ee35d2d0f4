//! The status each error maps to, and the bodies the API sends.

use super::*;

#[test]
fn internal_errors_never_show_their_cause() {
    let err = AppError::internal(anyhow::anyhow!("database password is hunter2"));
    assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!err.to_string().contains("hunter2"));
}

/// Regression: the ladder audit API's 413 named the 64 KB form limit, not its own 1 MB.
#[test]
fn too_large_messages_name_the_route_limit() {
    let ladder = message_for(StatusCode::PAYLOAD_TOO_LARGE, "/api/v1/ladder/audit");
    assert!(
        ladder.contains(&(crate::limits::LADDER_BODY / 1024).to_string()),
        "{ladder}"
    );
    let calendar = message_for(StatusCode::PAYLOAD_TOO_LARGE, "/api/v1/calendar/analyze");
    assert!(calendar.contains("20 MB"), "{calendar}");
}

fn assess_error(answers: &str) -> AssessError {
    let questionnaire = dualtrack_assess::Questionnaire::embedded();
    match dualtrack_assess::Answers::from_toml(answers, "answers.toml") {
        Ok(answers) => dualtrack_assess::score(questionnaire, &answers).unwrap_err(),
        Err(err) => err,
    }
}

fn window_error() -> CalendarError {
    let mut options = dualtrack_calendar::AnalyzeOptions::latest(day(2026, 3, 1));
    options.from = Some(day(2026, 2, 1));
    options.to = Some(day(2026, 1, 1));
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    dualtrack_calendar::analyze(&[], &options, &fw).unwrap_err()
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every `From<engine error>` above, and the status each kind of error gets.
#[test]
fn each_engine_error_maps_to_its_status() {
    let mapping = |query: &str| -> MappingError {
        let fw = dualtrack_framework::Framework::embedded().unwrap();
        fw.map_title(query, "reference", "sprocket").unwrap_err()
    };
    let cases: Vec<(&str, AppError, StatusCode)> = vec![
        (
            "assess syntax",
            assess_error("absorbed = [").into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "assess unknown question",
            assess_error("nope = \"x\"").into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "store not found",
            StoreError::NotFound {
                what: "listing",
                key: "7".into(),
            }
            .into(),
            StatusCode::NOT_FOUND,
        ),
        (
            "store conflict",
            StoreError::Conflict("taken".into()).into(),
            StatusCode::CONFLICT,
        ),
        (
            "store not allowed",
            StoreError::NotAllowed("no".into()).into(),
            StatusCode::FORBIDDEN,
        ),
        (
            "store invalid input",
            StoreError::InvalidInput("bad cursor".into()).into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "store connect",
            StoreError::Connect {
                target: "db".into(),
                reason: "down".into(),
                hint: "start it",
            }
            .into(),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
        (
            "store database",
            StoreError::Database {
                action: "reading",
                reason: "disk".into(),
            }
            .into(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        (
            "calendar too large",
            CalendarError::TooLarge {
                file: "a.ics".into(),
                bytes: 9,
                limit: 8,
            }
            .into(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "calendar not ics",
            CalendarError::NotICalendar {
                file: "a.ics".into(),
            }
            .into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "calendar option",
            window_error().into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "calendar framework",
            CalendarError::Analysis(AnalysisError::Framework("comparison")).into(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        (
            "decide unknown org",
            DecideError::UnknownOrg {
                given: "moon".into(),
                valid: "startup".into(),
            }
            .into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "decide months",
            DecideError::MonthsOutOfRange {
                given: 900,
                max: 600,
            }
            .into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "mapping unknown",
            mapping("Astronaut").into(),
            StatusCode::NOT_FOUND,
        ),
        (
            "trial too large",
            TrialError::TooLarge {
                origin: "t.toml".into(),
                what: "trial file",
                size: 9,
                limit: 8,
            }
            .into(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "trial content",
            TrialError::Content("plans".into()).into(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        (
            "trial decide",
            TrialError::Decide(DecideError::MonthsOutOfRange {
                given: 900,
                max: 600,
            })
            .into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (what, err, status) in cases {
        assert_eq!(err.status(), status, "{what}: {err}");
    }
}

async fn body(err: AppError) -> String {
    let response = err.into_response();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The API's 4xx bodies: the engine's own message, naming fields (`to`), never CLI flags.
#[tokio::test]
async fn client_error_bodies() {
    insta::assert_snapshot!(body(window_error().into()).await, @r#"{"error":{"code":"bad_request","message":"the window is empty: `to` 2026-01-01 must be after `from` 2026-02-01 (`to` is exclusive)"}}"#);
    insta::assert_snapshot!(body(assess_error("nope = \"x\"").into()).await, @r#"{"error":{"code":"unprocessable","message":"answers.toml:1:1: unknown question `nope`; valid questions: absorbed, drift, amplify, next_project, hard_feedback, reason"}}"#);
    insta::assert_snapshot!(
        body(StoreError::NotFound { what: "listing", key: "7".into() }.into()).await,
        @r#"{"error":{"code":"not_found","message":"listing `7` not found"}}"#
    );
    insta::assert_snapshot!(
        body(DecideError::MonthsOutOfRange { given: 900, max: 600 }.into()).await,
        @r#"{"error":{"code":"bad_request","message":"months in management must be a whole number from 0 to 600, got 900"}}"#
    );
    insta::assert_snapshot!(body(AppError::Csrf).await, @r#"{"error":{"code":"csrf","message":"This form has expired or did not come from this site. Reload the page and try again."}}"#);
    insta::assert_snapshot!(
        body(CalendarError::TooLarge { file: "a.ics".into(), bytes: 9, limit: 8 }.into()).await,
        @r#"{"error":{"code":"payload_too_large","message":"a.ics: 9 bytes is more than the 8-byte limit for one calendar file; export a shorter date range or split the file"}}"#
    );
}

#[test]
fn codes_follow_status() {
    assert_eq!(AppError::Csrf.code(), "csrf");
    assert_eq!(AppError::Csrf.status(), StatusCode::FORBIDDEN);
    assert_eq!(AppError::TooLarge("x".into()).code(), "payload_too_large");
    assert_eq!(AppError::Unprocessable("x".into()).code(), "unprocessable");
}
