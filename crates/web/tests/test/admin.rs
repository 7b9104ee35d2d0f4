//! `/admin`: administrators only; bans end sessions and block sign-in; every act is logged
//! with its reason, newest first.

use dualtrack_board::Role;

use crate::test::common::TestApp;

const PASSWORD: &str = "a long enough password";

async fn sign_up(app: &mut TestApp, email: &str) {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", PASSWORD)],
    )
    .await
    .assert_status(303);
}

async fn log_in(app: &mut TestApp, email: &str) -> u16 {
    app.submit(
        "/login",
        "/login",
        &[("email", email), ("password", PASSWORD)],
    )
    .await
    .status
    .as_u16()
}

async fn admin_app() -> TestApp {
    let mut app = TestApp::new().await;
    sign_up(&mut app, "root@board.example").await;
    let store = app.state().store();
    let account = store
        .account_by_email("root@board.example")
        .await
        .unwrap()
        .unwrap();
    store
        .set_account_role(account.id, Role::Admin)
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn only_administrators_may_moderate() {
    let admin = admin_app().await;
    let mut anonymous = TestApp::new_sharing(&admin);
    let redirect = anonymous.get("/admin").await;
    redirect.assert_status(303);
    assert_eq!(redirect.location(), "/login?next=/admin");
    let mut member = TestApp::new_sharing(&admin);
    sign_up(&mut member, "kai@mailbox.example").await;
    let refused = member.get("/admin").await;
    refused.assert_status(403);
    assert!(refused.text().contains("administrators only"));
    for (path, fields) in [
        (
            "/admin/ban",
            vec![("email", "root@board.example"), ("reason", "x")],
        ),
        (
            "/admin/unban",
            vec![("email", "root@board.example"), ("reason", "x")],
        ),
        (
            "/admin/endorsements/remove",
            vec![
                ("email", "ana.reyes@lumenfold.example"),
                ("company", "lumenfold"),
                ("tag", "deep-work"),
                ("reason", "x"),
            ],
        ),
    ] {
        member
            .submit("/account", path, &fields)
            .await
            .assert_status(403);
    }
    // An employer is not an administrator either.
    let store = admin.state().store();
    let kai = store
        .account_by_email("kai@mailbox.example")
        .await
        .unwrap()
        .unwrap();
    store
        .set_account_role(kai.id, Role::Employer)
        .await
        .unwrap();
    member.get("/admin").await.assert_status(403);
    assert!(
        store.audit_log(10).await.unwrap().is_empty(),
        "nothing was done"
    );
}

#[tokio::test]
async fn a_ban_signs_out_everywhere_and_blocks_sign_in_until_lifted() {
    let mut admin = admin_app().await;
    let mut member = TestApp::new_sharing(&admin);
    sign_up(&mut member, "spam@mailbox.example").await;
    let page = admin.get("/admin").await;
    page.assert_status(200);
    assert!(page.text().contains("Audit log, newest first"));
    let no_reason = admin
        .submit(
            "/admin",
            "/admin/ban",
            &[("email", "spam@mailbox.example"), ("reason", "  ")],
        )
        .await;
    no_reason.assert_status(422);
    assert!(no_reason.text().contains("Give a reason"));
    let myself = admin
        .submit(
            "/admin",
            "/admin/ban",
            &[("email", "root@board.example"), ("reason", "oops")],
        )
        .await;
    myself.assert_status(422);
    let banned = admin
        .submit(
            "/admin",
            "/admin/ban",
            &[
                ("email", "spam@mailbox.example"),
                ("reason", "posting spam"),
            ],
        )
        .await;
    banned.assert_status(303);
    assert_eq!(banned.location(), "/admin?done=banned");
    // Signed out, and cannot sign back in, even with the right password.
    member.get("/account").await.assert_status(303);
    assert_eq!(log_in(&mut member, "spam@mailbox.example").await, 403);
    let lifted = admin
        .submit(
            "/admin",
            "/admin/unban",
            &[
                ("email", "spam@mailbox.example"),
                ("reason", "appeal accepted"),
            ],
        )
        .await;
    lifted.assert_status(303);
    assert_eq!(log_in(&mut member, "spam@mailbox.example").await, 303);

    let log = admin.get("/admin").await.text();
    let newest = log.find("appeal accepted").unwrap();
    let older = log.find("posting spam").unwrap();
    assert!(newest < older, "newest first");
    assert!(
        log.contains("lifted the ban on spam@mailbox.example"),
        "{log}"
    );
    assert!(log.contains("banned spam@mailbox.example"), "{log}");
    assert!(log.contains("root@board.example"), "the actor is named");
    let entries = admin.state().store().audit_log(10).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["unban_account", "ban_account"]);
}

#[tokio::test]
async fn an_administrator_removes_an_endorsement_with_a_reason() {
    let mut admin = admin_app().await;
    let state = admin.state().clone();
    let store = state.store();
    let ana = store
        .account_by_email("ana.reyes@lumenfold.example")
        .await
        .unwrap()
        .unwrap();
    let tag = store.account_endorsements(ana.id).await.unwrap()[0]
        .tag
        .clone();
    let removed = admin
        .submit(
            "/admin",
            "/admin/endorsements/remove",
            &[
                ("email", "ana.reyes@lumenfold.example"),
                ("company", "lumenfold"),
                ("tag", &tag),
                ("reason", "a conflict of interest"),
            ],
        )
        .await;
    removed.assert_status(303);
    assert!(
        !store
            .account_endorsements(ana.id)
            .await
            .unwrap()
            .iter()
            .any(|e| e.tag == tag)
    );
    let again = admin
        .submit(
            "/admin",
            "/admin/endorsements/remove",
            &[
                ("email", "ana.reyes@lumenfold.example"),
                ("company", "lumenfold"),
                ("tag", &tag),
                ("reason", "again"),
            ],
        )
        .await;
    again.assert_status(404);
    assert!(again.text().contains("nothing to remove"));
    let log = admin.get("/admin?done=removed").await.text();
    assert!(log.contains("The endorsement is removed."));
    assert!(log.contains("a conflict of interest"));
    assert!(
        log.contains("removed an endorsement by ana.reyes@lumenfold.example"),
        "{log}"
    );
}
