//! The trial's reminders and its refusals: a reminder goes out once (and again after a failed
//! send), extending works once, and refused forms come back with what was written kept.

use super::common::TestApp;
use super::trial::{LATER, answers, sign_up, start_trial};

#[tokio::test]
async fn a_weekly_reminder_goes_out_once_and_names_the_review() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "remind@example.com").await;
    let id = start_trial(&mut app).await;
    let at = |day: &str| {
        day.parse::<chrono::NaiveDate>()
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_utc()
    };
    let state = app.state().clone();
    let send = |day| {
        let state = state.clone();
        async move { dualtrack_web::reminders::send_due(&state, at(day)).await }
    };
    // Before the first check-in date: nothing.
    assert_eq!(send("2026-01-08").await.unwrap(), 0);
    // Regression (issue 15's known gap): a send that failed was never tried again. With the
    // outbox unwritable the mail fails and is not counted; once it works, the next sweep that
    // week sends it.
    let outbox_dir = state.mailer().outbox_dir().unwrap().to_owned();
    let _ = std::fs::remove_dir_all(&outbox_dir);
    std::fs::write(&outbox_dir, b"not a folder").unwrap();
    assert_eq!(send("2026-01-12").await.unwrap(), 0);
    std::fs::remove_file(&outbox_dir).unwrap();
    // The first week: one mail, and only one however often the task runs.
    assert_eq!(send("2026-01-12").await.unwrap(), 1);
    assert_eq!(send("2026-01-12").await.unwrap(), 0);
    assert_eq!(send("2026-01-14").await.unwrap(), 0);
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, "remind@example.com");
    assert!(
        outbox[0]
            .body
            .contains(&format!("http://dualtrack.test/trial/{id}#checkin"))
    );
    // A week already answered gets none.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/checkins"),
        &answers(LATER, "2026-01-19"),
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-01-20").await.unwrap(), 0);
    // The week of the first gate names the review.
    assert_eq!(send("2026-03-30").await.unwrap(), 1);
    let newest = &app.outbox().await[0];
    assert!(
        newest.subject.contains("a review this week"),
        "{}",
        newest.subject
    );
    assert!(
        newest.body.contains("First gate (12 weeks)"),
        "{}",
        newest.body
    );
    // Turned off on the page, none; on again, the next week's comes.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/reminders"),
        &[("action", "off")],
    )
    .await
    .assert_status(303);
    assert!(
        app.get(&format!("/trial/{id}"))
            .await
            .text()
            .contains("Reminder emails are off")
    );
    assert_eq!(send("2026-04-06").await.unwrap(), 0);
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/reminders"),
        &[("action", "on")],
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-04-13").await.unwrap(), 1);
    assert!(
        app.outbox().await[0]
            .body
            .contains("Stop the reminder emails")
    );
    // A deleted trial gets no more.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/delete"),
        &[("confirm", "yes")],
    )
    .await
    .assert_status(303);
    assert_eq!(send("2026-04-20").await.unwrap(), 0);
}

#[tokio::test]
async fn extending_once_and_refusals_that_say_what_to_do() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "extend@example.com").await;
    let id = start_trial(&mut app).await;
    let page = format!("/trial/{id}");

    // Extend once, to twelve months; a second time is refused with the reason.
    app.submit(&page, &format!("/trial/{id}/extend"), &[])
        .await
        .assert_status(303);
    let html = app.get(&page).await.text();
    assert!(
        html.contains("From 2026-01-05 to 2027-01-05 (extended once)"),
        "{html}"
    );
    let again = app.submit(&page, &format!("/trial/{id}/extend"), &[]).await;
    again.assert_status(422);
    assert!(
        again.text().contains("already extended once"),
        "{}",
        again.text()
    );

    // A check-in outside the trial says which dates fit.
    let outside = app
        .submit(
            &page,
            &format!("/trial/{id}/checkins"),
            &answers(LATER, "2025-12-01"),
        )
        .await;
    outside.assert_status(422);
    assert!(
        outside.text().contains("outside the trial"),
        "{}",
        outside.text()
    );
    // The trial page comes back with the answers kept and the date marked, not an error page
    // (regression: issue 15's known gap).
    let html = outside.text();
    assert!(html.contains("The check-in is not saved yet"), "{html}");
    assert!(
        html.contains(
            r#"value="2025-12-01" required aria-invalid="true" aria-describedby="err-date""#
        ),
        "{html}"
    );
    for (question, option) in LATER {
        assert!(
            html.contains(&format!(r#"name="{question}" value="{option}" checked"#)),
            "{question}: {html}"
        );
    }

    // The calendar route takes multipart only with the token first; a form post elsewhere
    // cannot be multipart.
    let no_token = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[("calendar", Some("a.ics"), b"BEGIN:VCALENDAR")],
        )
        .await;
    no_token.assert_status(403);
    let csrf = app.get(&page).await.csrf();
    let wrong_route = app
        .post_multipart(
            &format!("/trial/{id}/checkins"),
            &[("csrf", None, csrf.as_bytes())],
        )
        .await;
    wrong_route.assert_status(415);
    let not_ics = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("calendar", Some("notes.txt"), b"just some notes"),
            ],
        )
        .await;
    not_ics.assert_status(422);
    // Over the upload limit: refused with the limit named.
    let big = vec![b'x'; dualtrack_web::limits::CALENDAR_FILES + 10];
    let too_big = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("calendar", Some("big.ics"), big.as_slice()),
            ],
        )
        .await;
    too_big.assert_status(413);
    assert!(too_big.text().contains("20 MB"), "{}", too_big.text());
    // Nothing of those was kept.
    let doc = app.get(&format!("/api/v1/trials/{id}")).await.json();
    assert_eq!(doc["trial"]["calendar"], serde_json::json!([]));
    assert_eq!(doc["trial"]["extended_to_months"], 12);
    // A review date that is not a date.
    let bad = app
        .get(&format!("/api/v1/trials/{id}/review?at=July"))
        .await;
    bad.assert_status(400);
    insta::assert_json_snapshot!("api_400_bad_date", bad.json());
}

/// Regression (issue 15's known gap): a refused start form showed the error page, and the exit
/// criteria the person had written were gone. Now the form comes back with everything kept, the
/// field at fault marked and described, and nothing is stored.
#[tokio::test]
async fn a_refused_start_keeps_what_was_written_and_marks_the_field() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "refused@example.com").await;
    let form = |months: &'static str, return_if: &'static str| {
        vec![
            ("kind", "ic-to-manager"),
            ("start", "2026-01-05"),
            ("months", months),
            ("continue_if", "My reports say our one-on-ones help them"),
            ("return_if", return_if),
            ("format", "tech-lead-with-reports"),
            ("org", "scale-up"),
            ("side_practice", "on"),
            ("sponsor_name", "Ana"),
        ]
    };

    // Too short a trial: the engine's rule, on the months field.
    let short = app
        .submit("/trial", "/trial", &form("3", "I miss the code"))
        .await;
    short.assert_status(422);
    let html = short.text();
    assert!(html.contains("The trial is not started yet"), "{html}");
    assert!(html.contains(r##"href="#months""##), "{html}");
    assert!(
        html.contains(r#"value="3" required aria-invalid="true" aria-describedby="err-months""#),
        "{html}"
    );
    assert!(html.contains(r#"id="err-months""#), "{html}");
    assert!(html.contains("6 to 12"), "{html}");
    assert!(
        html.contains(">My reports say our one-on-ones help them</textarea>"),
        "{html}"
    );
    assert!(html.contains(">I miss the code</textarea>"), "{html}");
    assert!(html.contains(r#"value="scale-up" selected"#), "{html}");
    assert!(
        html.contains(r#"value="tech-lead-with-reports" title="#),
        "{html}"
    );
    assert!(html.contains(r#"value="on" checked"#), "{html}");
    assert!(html.contains(r#"value="Ana""#), "{html}");
    assert!(!html.contains('`'), "no code quotes reach the page: {html}");

    // No way back written: the form's own check, on that field.
    let missing = app.submit("/trial", "/trial", &form("6", "")).await;
    missing.assert_status(422);
    assert!(
        missing
            .text()
            .contains(r#"aria-invalid="true" aria-describedby="err-return_if""#),
        "{}",
        missing.text()
    );

    // Nothing was stored.
    let list = app.get("/trial").await.text();
    assert!(!list.contains("Your trials"), "{list}");
}

/// Guards a trial started in 1900, whose every review then failed: the form says which dates a
/// trial in hand can start on, on the start field.
#[tokio::test]
async fn a_start_date_long_ago_is_refused_on_its_field() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "longago@example.com").await;
    let refused = app
        .submit(
            "/trial",
            "/trial",
            &[
                ("kind", "ic-to-manager"),
                ("start", "1900-01-01"),
                ("months", "6"),
                ("continue_if", "My reports say our one-on-ones help them"),
                ("return_if", "I miss the code"),
                ("org", "enterprise"),
            ],
        )
        .await;
    refused.assert_status(422);
    let html = refused.text();
    assert!(html.contains(r##"href="#start""##), "{html}");
    assert!(html.contains("years ago"), "{html}");
}
