//! `dualtrack admin create`: the first administrator, in the database `serve` uses.

use dualtrack_board::Role;

use super::common::dualtrack;

fn admin(dir: &tempfile::TempDir, args: &[&str]) -> super::common::Run {
    let mut run = dualtrack(["admin", "create"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .env("DUALTRACK_DATABASE_URL", "");
    for arg in args {
        run = run.arg(arg);
    }
    run
}

async fn store(dir: &tempfile::TempDir) -> std::sync::Arc<dyn dualtrack_board::Store> {
    dualtrack_store::connect(&dualtrack_store::database_url_in(dir.path()))
        .await
        .unwrap()
}

#[tokio::test]
async fn creates_the_first_administrator_and_logs_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = admin(&dir, &["Root@Board.example", "--password-stdin"])
        .stdin("a long enough password\n")
        .ok();
    assert!(
        out.contains("Created root@board.example as an administrator"),
        "{out}"
    );
    let again = admin(&dir, &["root@board.example"]).ok();
    assert!(again.contains("already an administrator"), "{again}");
    let store = store(&dir).await;
    let account = store
        .account_by_email("root@board.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.role, Role::Admin);
    assert!(account.password_hash.starts_with("$argon2id$"));
    let log = store.audit_log(10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "grant_admin");
    assert_eq!(log[0].actor, None);
    assert_eq!(log[0].target, format!("account {}", account.id));
    // The reason is shown on /admin: a sentence, not a command line.
    assert!(
        log[0]
            .reason
            .ends_with("made an administrator from the command line on the server")
            && !log[0].reason.contains("dualtrack"),
        "{}",
        log[0].reason
    );
}

#[tokio::test]
async fn promotes_an_existing_account_without_a_password() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = store(&dir).await;
        store
            .create_account(&dualtrack_board::NewAccount {
                email: "mod@board.example".into(),
                password_hash: dualtrack_web::hash_password_now("existing password").unwrap(),
                created_at: chrono::Utc::now(),
            })
            .await
            .unwrap();
    }
    let out = admin(&dir, &["mod@board.example"]).ok();
    assert!(out.contains("is now an administrator"), "{out}");
    let account = store(&dir)
        .await
        .account_by_email("mod@board.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.role, Role::Admin);
}

#[test]
fn weak_or_missing_passwords_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let short = admin(&dir, &["root@board.example", "--password-stdin"])
        .stdin("short\n")
        .fails();
    assert!(short.contains("at least 10 characters"), "{short}");
    let empty = admin(&dir, &["root@board.example", "--password-stdin"])
        .stdin("")
        .fails();
    assert!(empty.contains("password was refused"), "{empty}");
    // No terminal and no --password-stdin: say how to give one.
    let none = admin(&dir, &["root@board.example"]).stdin("").fails();
    assert!(none.contains("--password-stdin"), "{none}");
    let bad = admin(&dir, &["not-an-address", "--password-stdin"])
        .stdin("a long enough password\n")
        .fails();
    assert!(bad.contains("name@company.example"), "{bad}");
}
