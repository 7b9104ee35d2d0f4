//! Accounts, sessions, employee verification and endorsements, with authorisation checked on
//! every write.

use crate::test::common::{TestApp, TestResponse};

async fn sign_up(app: &mut TestApp, email: &str) -> TestResponse {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", "a long enough password")],
    )
    .await
}

/// The verification code shown on screen in demo mode.
fn code_in(page: &TestResponse) -> String {
    let text = page.text();
    let start = text
        .find("id=\"verification-code\">")
        .expect("a code on the page")
        + 23;
    text[start..start + 6].to_owned()
}

async fn verified_employee(email: &str) -> TestApp {
    let mut app = TestApp::new().await;
    sign_up(&mut app, email).await.assert_status(303);
    let issued = app
        .submit("/account", "/account/verify", &[("company", "lumenfold")])
        .await;
    issued.assert_status(200);
    assert!(issued.text().contains("Demo mode"));
    let code = code_in(&issued);
    let confirmed = app
        .submit("/account", "/account/verify/confirm", &[("code", &code)])
        .await;
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
async fn verification_needs_an_address_at_the_company_and_the_right_code() {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@gmail.example").await;
    let page = app.get("/account").await;
    assert!(page.text().contains("cannot be verified"));
    let refused = app
        .submit("/account", "/account/verify", &[("company", "lumenfold")])
        .await;
    refused.assert_status(403);
    let mut app = TestApp::new().await;
    sign_up(&mut app, "ada@lumenfold.example").await;
    app.submit("/account", "/account/verify", &[("company", "lumenfold")])
        .await
        .assert_status(200);
    let wrong = app
        .submit(
            "/account",
            "/account/verify/confirm",
            &[("code", "000000x")],
        )
        .await;
    wrong.assert_status(422);
    assert!(wrong.text().contains("not the one we issued"));
}

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
