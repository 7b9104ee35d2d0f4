//! Accounts, sessions, employee verification and endorsements, with authorisation checked on
//! every write.

use crate::test::common::{TestApp, TestResponse};

pub(super) async fn sign_up(app: &mut TestApp, email: &str) -> TestResponse {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", "a long enough password")],
    )
    .await
}

/// Ask for a verification link for `company` at `address`; returns the page.
pub async fn ask_for_link(app: &mut TestApp, company: &str, address: &str) -> TestResponse {
    app.submit(
        "/account",
        "/account/verify",
        &[("company", company), ("address", address)],
    )
    .await
}

pub(super) async fn verified_employee(email: &str) -> TestApp {
    let mut app = TestApp::new().await;
    sign_up(&mut app, email).await.assert_status(303);
    let sent = ask_for_link(&mut app, "lumenfold", email).await;
    sent.assert_status(200);
    assert!(sent.text().contains("We sent a link to"), "{}", sent.text());
    let link = app.link_mailed_to(email).await;
    let confirmed = app.get(&link).await;
    confirmed.assert_status(303);
    assert_eq!(confirmed.location(), "/account?done=verified");
    app
}

#[tokio::test]
async fn sign_up_logs_in_with_a_safe_session_cookie() {
    let mut app = TestApp::new().await;
    let response = sign_up(&mut app, "Ada@Example.com").await;
    response.assert_status(303);
    assert_eq!(response.location(), "/account?done=welcome");
    let cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("dt_session="))
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let account = app.get("/account").await;
    account.assert_status(200);
    assert!(account.text().contains("Signed in as ada@example.com"));
    assert!(account.text().contains("action=\"/logout\""));
}

#[tokio::test]
async fn sign_up_refuses_bad_input() {
    let mut app = TestApp::new().await;
    let short = app
        .submit(
            "/signup",
            "/signup",
            &[("email", "ada@example.com"), ("password", "short")],
        )
        .await;
    short.assert_status(422);
    assert!(short.text().contains("at least 10 characters"));
    let bad_email = app
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "not an address"),
                ("password", "long enough pass"),
            ],
        )
        .await;
    bad_email.assert_status(422);
    sign_up(&mut app, "ada@example.com")
        .await
        .assert_status(303);
}

/// Regression (issue 9, item 7): signing up with an address that has an account answered 409
/// "already exists", telling anyone which addresses have accounts. It now answers with the
/// neutral log-in notice, creates nothing and changes nothing.
#[tokio::test]
async fn sign_up_with_a_taken_address_does_not_reveal_it() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@example.com")
        .await
        .assert_status(303);
    let mut other = TestApp::new_sharing(&app);
    let taken = other
        .submit(
            "/signup",
            "/signup",
            &[
                ("email", "ada@example.com"),
                ("password", "another password here"),
            ],
        )
        .await;
    taken.assert_status(303);
    assert_eq!(taken.location(), "/login?notice=signup");
    assert!(
        other.cookie("dt_session").is_none(),
        "no log-in for the second sign-up"
    );
    let notice = other.get(taken.location()).await;
    assert!(notice.text().contains("no second account was made"));
    assert!(!notice.text().contains("already exists"));
    let new_password = other
        .submit(
            "/login",
            "/login",
            &[
                ("email", "ada@example.com"),
                ("password", "another password here"),
            ],
        )
        .await;
    new_password.assert_status(401);
    let old_password = other
        .submit(
            "/login",
            "/login",
            &[
                ("email", "ada@example.com"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    old_password.assert_status(303);
}

#[tokio::test]
async fn log_in_and_out() {
    let mut first = TestApp::new().await;
    sign_up(&mut first, "ada@example.com").await;
    let mut app = TestApp::new_sharing(&first);
    let wrong = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "ada@example.com"),
                ("password", "not the password"),
            ],
        )
        .await;
    wrong.assert_status(401);
    assert!(wrong.text().contains("do not match"));
    let unknown = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "nobody@example.com"),
                ("password", "whatever it is"),
            ],
        )
        .await;
    unknown.assert_status(401);
    let ok = app
        .submit(
            "/login?next=/jobs",
            "/login",
            &[
                ("email", "ada@example.com"),
                ("password", "a long enough password"),
                ("next", "/jobs"),
            ],
        )
        .await;
    ok.assert_status(303);
    assert_eq!(ok.location(), "/jobs");
    assert!(app.get("/account").await.text().contains("Signed in as"));
    let out = app.submit("/account", "/logout", &[]).await;
    out.assert_status(303);
    assert!(app.cookie("dt_session").is_none());
    let after = app.get("/account").await;
    after.assert_status(303);
    assert_eq!(after.location(), "/login?next=/account");
}

#[tokio::test]
async fn a_demo_account_can_log_in() {
    let mut app = TestApp::new().await;
    let ok = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "ana.reyes@lumenfold.example"),
                ("password", "dualtrack-demo"),
            ],
        )
        .await;
    ok.assert_status(303);
}

#[tokio::test]
async fn verification_needs_a_work_address_at_the_company() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@gmail.example").await;
    let page = app.get("/account").await;
    assert!(page.text().contains("Your work address"));
    let refused = ask_for_link(&mut app, "lumenfold", "ada@gmail.example").await;
    refused.assert_status(403);
    assert!(
        refused.text().contains("lumenfold.example"),
        "{}",
        refused.text()
    );
    let lookalike = ask_for_link(&mut app, "lumenfold", "ada@notlumenfold.example").await;
    lookalike.assert_status(403);
    let malformed = ask_for_link(&mut app, "lumenfold", "not an address").await;
    malformed.assert_status(422);
    assert!(app.outbox().await.is_empty(), "nothing is mailed");
    // The sign-in address need not be at the company: the work address is what counts.
    let sent = ask_for_link(&mut app, "lumenfold", "Ada@Lumenfold.example").await;
    sent.assert_status(200);
    assert!(sent.text().contains("ada@lumenfold.example"));
    assert!(
        sent.text().contains("local outbox"),
        "says the mail was not sent"
    );
    let link = app.link_mailed_to("ada@lumenfold.example").await;
    let mail = &app.outbox().await[0];
    assert!(mail.subject.contains("Lumenfold"), "{}", mail.subject);
    assert!(mail.body.contains("http://dualtrack.test/account/verify/"));
    let token = link.rsplit('/').next().unwrap();
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    app.get(&link).await.assert_status(303);
    let account = app.get("/account?done=verified").await.text();
    assert!(
        account.contains("You are a verified employee of"),
        "{account}"
    );
    assert!(account.contains("Role: Member"), "{account}");
}

#[tokio::test]
async fn a_link_works_once_and_only_for_its_account() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@gmail.example").await;
    ask_for_link(&mut app, "lumenfold", "ada@lumenfold.example")
        .await
        .assert_status(200);
    let link = app.link_mailed_to("ada@lumenfold.example").await;

    // Someone else who gets hold of the link cannot use it for their own account.
    let mut other = TestApp::new_sharing(&app);
    sign_up(&mut other, "eve@gmail.example").await;
    let stolen = other.get(&link).await;
    stolen.assert_status(403);
    assert!(stolen.text().contains("asked for by another account"));
    assert!(
        !other
            .get("/account")
            .await
            .text()
            .contains("You are a verified employee")
    );

    // Not signed in: sign in first, then come back to the link.
    let mut fresh = TestApp::new_sharing(&app);
    let redirect = fresh.get(&link).await;
    redirect.assert_status(303);
    assert!(
        redirect.location().starts_with("/login?next="),
        "{}",
        redirect.location()
    );
    let next = crate::test::common::unescape(
        &url::form_urlencoded::parse(redirect.location().split_once('?').unwrap().1.as_bytes())
            .find(|(k, _)| k == "next")
            .unwrap()
            .1,
    );
    assert_eq!(next, link);
    let logged_in = fresh
        .submit(
            redirect.location(),
            "/login",
            &[
                ("email", "ada@gmail.example"),
                ("password", "a long enough password"),
                ("next", &next),
            ],
        )
        .await;
    logged_in.assert_status(303);
    assert_eq!(logged_in.location(), link);
    let used = fresh.get(&link).await;
    used.assert_status(303);
    assert_eq!(used.location(), "/account?done=verified");

    // The second use fails, with a page that says what to do.
    let again = app.get(&link).await;
    again.assert_status(410);
    assert!(
        again.text().contains("already been used"),
        "{}",
        again.text()
    );
    assert!(again.text().contains("Send me a link"));
    let unknown = app.get("/account/verify/not-a-real-token").await;
    unknown.assert_status(404);
    assert!(
        unknown
            .text()
            .contains("We do not know this verification link")
    );
}

#[tokio::test]
async fn a_person_who_hires_becomes_an_employer_once_verified() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "hr@gmail.example").await;
    app.submit(
        "/account",
        "/account/verify",
        &[
            ("company", "lumenfold"),
            ("address", "hr@lumenfold.example"),
            ("hires", "yes"),
        ],
    )
    .await
    .assert_status(200);
    let link = app.link_mailed_to("hr@lumenfold.example").await;
    assert!(app.outbox().await[0].body.contains("hires for it"));
    let done = app.get(&link).await;
    assert_eq!(done.location(), "/account?done=employer");
    let page = app.get(done.location()).await.text();
    assert!(page.contains("Role: Employer"), "{page}");
}

#[tokio::test]
async fn the_outbox_page_is_for_this_machine_only() {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use axum::http::Request;
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@gmail.example").await;
    ask_for_link(&mut app, "lumenfold", "ada@lumenfold.example")
        .await
        .assert_status(200);
    let from = |ip: [u8; 4], forwarded: bool| {
        let mut request = Request::get("/dev/outbox");
        if forwarded {
            request = request.header("x-forwarded-for", "192.0.2.9");
        }
        let mut request = request.body(Body::empty()).unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((ip, 50_000))));
        request
    };
    let local = app.request(from([127, 0, 0, 1], false)).await;
    local.assert_status(200);
    let text = local.text();
    assert!(
        text.contains("Nothing on this page was sent by email"),
        "{text}"
    );
    assert!(
        text.contains("Confirm that you work at Lumenfold"),
        "{text}"
    );
    assert!(
        text.contains("<a href=\"http://dualtrack.test/account/verify/"),
        "{text}"
    );
    app.request(from([192, 0, 2, 9], false))
        .await
        .assert_status(404);
    app.request(from([127, 0, 0, 1], true))
        .await
        .assert_status(404);
    // No peer address known (no socket): not shown either.
    app.get("/dev/outbox").await.assert_status(404);
}

/// Log-in rotates the session: a session cookie planted before log-in is replaced, and a form
/// token from before log-in no longer works after it.
#[tokio::test]
async fn log_in_rotates_the_session_and_the_form_token() {
    let mut first = TestApp::new().await;
    sign_up(&mut first, "ada@example.com").await;
    let planted = first.cookie("dt_session").unwrap().to_owned();
    let mut app = TestApp::new_sharing(&first);
    let login_page = app.get("/login").await;
    let before = login_page.csrf();
    app.submit(
        "/login",
        "/login",
        &[
            ("email", "ada@example.com"),
            ("password", "a long enough password"),
        ],
    )
    .await
    .assert_status(303);
    let mine = app.cookie("dt_session").unwrap().to_owned();
    assert_ne!(mine, planted, "each log-in gets its own session");
    // Logging in again from the same browser replaces its session.
    app.submit(
        "/account",
        "/login",
        &[
            ("email", "ada@example.com"),
            ("password", "a long enough password"),
        ],
    )
    .await
    .assert_status(303);
    let rotated = app.cookie("dt_session").unwrap().to_owned();
    assert_ne!(rotated, mine);
    let mut old = TestApp::new_sharing(&app);
    old.request(
        axum::http::Request::get("/account")
            .header("cookie", format!("dt_session={mine}"))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .assert_status(303);
    let stale = app.post_form("/logout", &[("csrf", &before)]).await;
    stale.assert_status(403);
    assert!(app.get("/account").await.text().contains("Signed in as"));
}

#[tokio::test]
async fn log_out_everywhere_ends_every_session_of_the_account() {
    let mut laptop = TestApp::new().await;
    sign_up(&mut laptop, "ada@example.com").await;
    let mut phone = TestApp::new_sharing(&laptop);
    phone
        .submit(
            "/login",
            "/login",
            &[
                ("email", "ada@example.com"),
                ("password", "a long enough password"),
            ],
        )
        .await
        .assert_status(303);
    let mut someone_else = TestApp::new_sharing(&laptop);
    sign_up(&mut someone_else, "bo@example.com").await;
    assert!(
        phone
            .get("/account")
            .await
            .text()
            .contains("Sign out everywhere")
    );
    let out = phone
        .submit("/account", "/account/logout-everywhere", &[])
        .await;
    out.assert_status(303);
    assert_eq!(out.location(), "/login?notice=everywhere");
    assert!(phone.cookie("dt_session").is_none());
    assert!(
        phone
            .get(out.location())
            .await
            .text()
            .contains("signed out on every device")
    );
    for app in [&mut laptop, &mut phone] {
        let after = app.get("/account").await;
        after.assert_status(303);
        assert_eq!(after.location(), "/login?next=/account");
    }
    assert!(
        someone_else
            .get("/account")
            .await
            .text()
            .contains("Signed in as bo@example.com"),
        "other accounts keep their sessions"
    );
    let anonymous = TestApp::new_sharing(&laptop)
        .submit("/login", "/account/logout-everywhere", &[])
        .await;
    anonymous.assert_status(401);
}
