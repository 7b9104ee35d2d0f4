//! The trial on the web: the story through the pages (an IC -> manager trial, eighteen
//! check-ins on simulated dates, three calendar uploads, the month-6 review citing its
//! signals, the feed, the sponsor, export, delete), the JSON API with snapshots of the review
//! and of the refusals, and authorisation: only the owner, never another account or an admin.

use dualtrack_board::Role;

use super::common::{TestApp, unescape};

/// An early week: pulled back to the code, feedback put off, once "the pay".
pub(super) const EARLY: &[(&str, &str)] = &[
    ("energy", "hard_technical_problem"),
    ("drained", "back_to_back_meetings"),
    ("hard_feedback", "put_it_off"),
    ("missed_building", "retreated_into_code"),
    ("helped_grow", "guided_through_technical_work"),
    ("drift", "code"),
    ("keeps_you_going", "the_pay"),
];

/// A later week: the people work gives energy, feedback given and done.
pub(super) const LATER: &[(&str, &str)] = &[
    ("energy", "people_work"),
    ("drained", "nothing"),
    ("hard_feedback", "gave_it_and_moved_on"),
    ("missed_building", "not_really"),
    ("helped_grow", "a_report_stepped_up"),
    ("drift", "team_process"),
    ("keeps_you_going", "the_work_itself"),
];

/// An upload: file name, bytes, from, to (exclusive), time zone.
pub(super) type Upload = (
    &'static str,
    &'static [u8],
    &'static str,
    &'static str,
    Option<&'static str>,
);

pub(super) const CALENDARS: [Upload; 3] = [
    (
        "analyze-week.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/analyze-week.ics"),
        "2026-01-05",
        "2026-01-12",
        Some("UTC"),
    ),
    (
        "trial-second-week.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/trial-second-week.ics"),
        "2026-01-12",
        "2026-01-19",
        Some("UTC"),
    ),
    (
        "outlook-manager.ics",
        include_bytes!("../../../cli/tests/fixtures/calendar/outlook-manager.ics"),
        "2026-02-02",
        "2026-02-09",
        None,
    ),
];

pub(super) async fn sign_up(app: &mut TestApp, email: &str) {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", "a long enough password")],
    )
    .await
    .assert_status(303);
}

/// Start the story's trial through the page; returns its id.
pub(super) async fn start_trial(app: &mut TestApp) -> String {
    let page = app.get("/trial").await;
    page.assert_status(200);
    assert!(
        page.text().contains("I will continue if"),
        "{}",
        page.text()
    );
    let started = app
        .submit(
            "/trial",
            "/trial",
            &[
                ("kind", "ic-to-manager"),
                ("start", "2026-01-05"),
                ("months", "6"),
                (
                    "continue_if",
                    "My reports say our one-on-ones help them\r\nI held a hard feedback conversation without putting it off",
                ),
                ("return_if", "I keep taking the critical-path tickets myself"),
                ("sponsor_name", "Ana"),
                ("sponsor_role", "my manager"),
                ("format", "tech-lead-with-reports"),
                ("org", "enterprise"),
            ],
        )
        .await;
    started.assert_status(303);
    let location = started.location().to_owned();
    let id = location
        .strip_prefix("/trial/")
        .and_then(|r| r.split('?').next())
        .unwrap()
        .to_owned();
    assert!(location.ends_with("?done=started"), "{location}");
    id
}

pub(super) fn answers(
    list: &[(&'static str, &'static str)],
    date: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![("date", date)];
    fields.extend_from_slice(list);
    fields
}

/// Twelve weekly check-ins, then one every other week to the end: a decision needs answers
/// across the trial, not just its first quarter.
pub(super) const DATES: [&str; 18] = [
    "2026-01-12",
    "2026-01-19",
    "2026-01-26",
    "2026-02-02",
    "2026-02-09",
    "2026-02-16",
    "2026-02-23",
    "2026-03-02",
    "2026-03-09",
    "2026-03-16",
    "2026-03-23",
    "2026-03-30",
    "2026-04-13",
    "2026-04-27",
    "2026-05-11",
    "2026-05-25",
    "2026-06-08",
    "2026-06-22",
];

/// Eighteen check-ins and three calendar uploads through the pages.
pub(super) async fn record_the_story(app: &mut TestApp, id: &str) {
    let page_path = format!("/trial/{id}");
    for (i, date) in DATES.iter().enumerate() {
        let list = if i < 4 { EARLY } else { LATER };
        let saved = app
            .submit(
                &page_path,
                &format!("/trial/{id}/checkins"),
                &answers(list, date),
            )
            .await;
        saved.assert_status(303);
        assert!(saved.location().contains(&format!("date={date}")));
    }
    for (name, bytes, from, to, tz) in CALENDARS {
        let csrf = app.get(&page_path).await.csrf();
        let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
            ("csrf", None, csrf.as_bytes()),
            ("from", None, from.as_bytes()),
            ("to", None, to.as_bytes()),
        ];
        if let Some(tz) = tz {
            parts.push(("tz", None, tz.as_bytes()));
        }
        parts.push(("calendar", Some(name), bytes));
        let kept = app
            .post_multipart(&format!("/trial/{id}/calendar"), &parts)
            .await;
        kept.assert_status(303);
        assert!(kept.location().contains("kept=1"), "{}", kept.location());
        let shown = app.get(&unescape(kept.location())).await.text();
        assert!(
            shown.contains("shares of 1 week; the calendar file itself was not stored"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn the_story_through_the_pages() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "tess@example.com").await;
    let id = start_trial(&mut app).await;

    let page = app.get(&format!("/trial/{id}")).await;
    page.assert_status(200);
    let html = page.text();
    // The engine's questions, each option with its source marker; the upload says plainly
    // that the file is not kept.
    assert!(
        html.contains("Was there hard feedback to give this week"),
        "{html}"
    );
    assert!(html.contains("class=\"source small\""), "{html}");
    assert!(html.contains("Your calendar file is not kept."), "{html}");
    for internal in ["ic-to-manager", "put_it_off", "continue_if", "first-gate\""] {
        assert!(!html.contains(&format!(">{internal}<")), "{internal} shown");
    }

    record_the_story(&mut app, &id).await;
    // The same date twice is refused, and says what to do.
    let twice = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/checkins"),
            &answers(LATER, "2026-01-12"),
        )
        .await;
    twice.assert_status(422);
    assert!(twice.text().contains("already a check-in dated 2026-01-12"));
    // A thin window keeps nothing.
    let csrf = app.get(&format!("/trial/{id}")).await.csrf();
    let thin = app
        .post_multipart(
            &format!("/trial/{id}/calendar"),
            &[
                ("csrf", None, csrf.as_bytes()),
                ("from", None, b"2026-01-12"),
                ("to", None, b"2026-01-19"),
                ("tz", None, b"UTC"),
                (
                    "calendar",
                    Some("thin.ics"),
                    include_bytes!("../../../cli/tests/fixtures/calendar/thin.ics"),
                ),
            ],
        )
        .await;
    thin.assert_status(422);
    assert!(thin.text().contains("Nothing was kept"), "{}", thin.text());

    // The trend: three weeks in the chart and the table, beside the typical weeks.
    let html = app.get(&format!("/trial/{id}")).await.text();
    assert!(
        html.contains("Check-ins so far: 18. Calendar weeks: 3."),
        "{html}"
    );
    assert!(html.contains("Week of 2026-02-02"), "{html}");
    assert!(html.contains("Manager typical"), "{html}");
    assert!(html.contains("<svg"), "{html}");

    // The month-6 review before the criteria are marked: too thin to decide, and it says what
    // is missing and what to do.
    let review = app.get(&format!("/trial/{id}/review?at=2026-07-05")).await;
    review.assert_status(200);
    let html = unescape(&review.text());
    assert!(
        html.contains("data-outcome=\"not-enough-evidence\""),
        "{html}"
    );
    assert!(html.contains("Month 6: end of the trial"), "{html}");
    assert!(
        html.contains("None of the exit criteria you wrote at the start is marked"),
        "{html}"
    );
    assert!(
        html.contains("Mark each criterion met or not met at this review."),
        "{html}"
    );
    assert!(html.contains("Your sponsor's view"), "{html}");
    assert!(
        html.contains("months away from hands-on work")
            || html.contains("Months away from hands-on work"),
        "{html}"
    );

    let md = app
        .get(&format!("/trial/{id}/review.md?gate=month-6&at=2026-07-05"))
        .await;
    md.assert_status(200);
    assert!(md.header("content-type").starts_with("text/markdown"));
    assert!(
        md.text().starts_with("# Trial review: Month 6"),
        "{}",
        md.text()
    );

    // Marking the criteria one by one is kept.
    let marked = app
        .submit(
            &format!("/trial/{id}/review?at=2026-07-05"),
            &format!("/trial/{id}/review"),
            &[
                ("gate", "month-6"),
                ("at", "2026-07-05"),
                ("c0", "met"),
                ("c1", "met"),
                ("r0", "not_met"),
            ],
        )
        .await;
    marked.assert_status(303);
    let html = app.get(&unescape(marked.location())).await.text();
    assert!(html.contains("Kept your marks"), "{html}");
    assert_eq!(html.matches("data-met=\"met\"").count(), 2, "{html}");
    assert_eq!(html.matches("data-met=\"not-met\"").count(), 1, "{html}");
    assert!(html.contains("you will continue if"), "{html}");
    // Marked, the evidence carries a decision, citing its signals in words.
    let html = unescape(&html);
    assert!(html.contains("data-outcome=\"continue\""), "{html}");
    assert!(
        html.contains("I gave it; it was uncomfortable, then it was done"),
        "the reason names the signal by its label: {html}"
    );
    assert!(
        !html.contains("hard_feedback.gave_it_and_moved_on"),
        "{html}"
    );

    // The sponsor answers through a private link, without an account.
    let made = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/sponsor"),
            &[("action", "new")],
        )
        .await;
    made.assert_status(303);
    let page = app.get(&format!("/trial/{id}")).await.text();
    let link = link_on(&page, "/trial/sponsor/");
    let mut sponsor = TestApp::new_sharing(&app);
    let form = sponsor.get(&link).await;
    form.assert_status(200);
    assert!(form.text().contains("How is the trial going, Ana?"));
    let question = first_radio(&form.text());
    let sent = sponsor
        .submit(
            &link,
            &link,
            &[
                ("gate", "month-6"),
                (question.0.as_str(), question.1.as_str()),
            ],
        )
        .await;
    sent.assert_status(303);
    let html = app
        .get(&format!("/trial/{id}/review?at=2026-07-05"))
        .await
        .text();
    assert!(html.contains("Their answers point"), "{html}");
    // A revoked link stops working.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/sponsor"),
        &[("action", "off")],
    )
    .await
    .assert_status(303);
    sponsor.get(&link).await.assert_status(404);

    // The feed: a private address, readable by our own calendar parser, rotatable.
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/feed"),
        &[("action", "new")],
    )
    .await
    .assert_status(303);
    let feed = link_on(
        &app.get(&format!("/trial/{id}")).await.text(),
        "/trial/feed/",
    );
    let mut stranger = TestApp::new_sharing(&app);
    let ics = stranger.get(&feed).await;
    ics.assert_status(200);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let calendar = dualtrack_calendar::parse(&ics.body, "feed.ics").unwrap();
    assert!(calendar.skipped.is_empty(), "{:?}", calendar.skipped);
    let text = ics.text();
    assert!(text.contains("RRULE:FREQ=WEEKLY;COUNT=25"), "{text}");
    assert!(text.contains("Trial review: Month 6"), "{text}");
    app.submit(
        &format!("/trial/{id}"),
        &format!("/trial/{id}/feed"),
        &[("action", "new")],
    )
    .await
    .assert_status(303);
    stranger.get(&feed).await.assert_status(404);
    let mut forged = feed.clone();
    forged.insert(forged.len() - 5, 'x');
    stranger.get(&forged).await.assert_status(404);

    // Export everything, then delete in one confirmed click.
    let export = app.get(&format!("/trial/{id}/export")).await;
    export.assert_status(200);
    assert!(
        export
            .header("content-disposition")
            .starts_with("attachment")
    );
    let doc = export.json();
    assert_eq!(doc["format"], "dualtrack-trial");
    assert_eq!(doc["trial"]["spec"]["format"], "tech-lead-with-reports");
    assert_eq!(doc["trial"]["spec"]["org"], "enterprise");
    assert_eq!(doc["trial"]["checkins"].as_array().unwrap().len(), 18);
    assert_eq!(doc["trial"]["calendar"].as_array().unwrap().len(), 3);
    assert!(!export.text().contains("SUMMARY"), "no event text kept");
    let unconfirmed = app
        .submit(&format!("/trial/{id}"), &format!("/trial/{id}/delete"), &[])
        .await;
    unconfirmed.assert_status(400);
    let deleted = app
        .submit(
            &format!("/trial/{id}"),
            &format!("/trial/{id}/delete"),
            &[("confirm", "yes")],
        )
        .await;
    deleted.assert_status(303);
    assert_eq!(deleted.location(), "/trial?done=deleted");
    app.get(&format!("/trial/{id}")).await.assert_status(404);
    stranger.get(&feed).await.assert_status(404);
}

/// The first link on a page starting with `prefix` (after the site's address), as a path.
pub(super) fn link_on(html: &str, prefix: &str) -> String {
    let start = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {html}"));
    let rest = &html[start..];
    let end = rest.find(['"', '<']).unwrap();
    rest[..end].to_owned()
}

/// The name and value of the first radio button on a page.
pub(super) fn first_radio(html: &str) -> (String, String) {
    let start = html.find("type=\"radio\"").unwrap();
    let rest = &html[start..];
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        let s = rest.find(&key).unwrap() + key.len();
        rest[s..s + rest[s..].find('"').unwrap()].to_owned()
    };
    (attr("name"), attr("value"))
}

#[tokio::test]
async fn only_the_owner_reaches_a_trial_never_another_account_or_an_admin() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "owner@example.com").await;
    let id = start_trial(&mut app).await;

    let mut other = TestApp::new_sharing(&app);
    sign_up(&mut other, "other@example.com").await;
    let mut admin = TestApp::new_sharing(&app);
    sign_up(&mut admin, "admin@example.com").await;
    let admin_account = app
        .state()
        .store()
        .account_by_email("admin@example.com")
        .await
        .unwrap()
        .unwrap();
    app.state()
        .store()
        .set_account_role(admin_account.id, Role::Admin)
        .await
        .unwrap();
    for visitor in [&mut other, &mut admin] {
        for path in [
            format!("/trial/{id}"),
            format!("/trial/{id}/review"),
            format!("/trial/{id}/review.md"),
            format!("/trial/{id}/export"),
        ] {
            visitor.get(&path).await.assert_status(404);
        }
        for (path, fields) in [
            (
                format!("/trial/{id}/checkins"),
                answers(LATER, "2026-01-12"),
            ),
            (format!("/trial/{id}/delete"), vec![("confirm", "yes")]),
            (format!("/trial/{id}/feed"), vec![("action", "new")]),
            (format!("/trial/{id}/sponsor"), vec![("action", "new")]),
            (format!("/trial/{id}/reminders"), vec![("action", "off")]),
            (format!("/trial/{id}/extend"), vec![]),
        ] {
            visitor
                .submit("/trial", &path, &fields)
                .await
                .assert_status(404);
        }
        let api = visitor.get(&format!("/api/v1/trials/{id}")).await;
        api.assert_status(404);
        assert!(visitor.get("/trial").await.text().contains("Start a trial"));
        assert!(!visitor.get("/trial").await.text().contains(&id));
        assert_eq!(
            visitor.get("/api/v1/trials").await.json()["items"],
            serde_json::json!([])
        );
    }
    // Signed out: the pages ask to log in; nothing is shown.
    let mut anonymous = TestApp::new_sharing(&app);
    anonymous
        .get(&format!("/trial/{id}"))
        .await
        .assert_status(401);
    // The owner still has it, untouched.
    let doc = app.get(&format!("/api/v1/trials/{id}")).await.json();
    assert!(doc["trial"]["checkins"].as_array().unwrap().is_empty());
}
