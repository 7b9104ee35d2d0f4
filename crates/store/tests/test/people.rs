//! Accounts, verification, endorsements (allowed and refused) and sessions.

use chrono::Duration;
use dualtrack_board::{
    NewAccount, NewAuditEntry, NewEndorsement, NewSession, Role, Store, StoreError,
};

use super::harness::{Backend, raw_endorse};
use super::story::at;
use dualtrack_board::DemoData;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

/// Returns the (company slug, tag) endorsements it added, for the search model.
pub async fn accounts_endorsements_sessions(
    backend: &Backend,
    demo: &DemoData,
) -> Vec<(&'static str, &'static str)> {
    let store = &*backend.store;
    let now = at("2025-06-10T12:00:00Z");
    let saltmarsh = store.company_by_slug("saltmarsh").await.unwrap().unwrap();
    let lumenfold = store.company_by_slug("lumenfold").await.unwrap().unwrap();

    // --- accounts ---
    let new_hire = store
        .create_account(&NewAccount {
            email: "  Rosa.Vidal@Saltmarsh.example ".into(),
            password_hash: HASH.into(),
            created_at: now,
        })
        .await
        .unwrap();
    assert_eq!(new_hire.email, "rosa.vidal@saltmarsh.example");
    assert_eq!(new_hire.verified_company, None);
    assert_eq!(new_hire.password_hash, HASH);
    assert_eq!(
        new_hire.role,
        Role::Member,
        "every account starts as a member"
    );
    let promoted = store
        .set_account_role(new_hire.id, Role::Employer)
        .await
        .unwrap();
    assert_eq!(promoted.role, Role::Employer);
    let read_back = store.account(new_hire.id).await.unwrap().unwrap();
    assert_eq!(read_back.role, Role::Employer);
    store
        .set_account_role(new_hire.id, Role::Member)
        .await
        .unwrap();
    assert!(matches!(
        store.set_account_role(999_999, Role::Admin).await,
        Err(StoreError::NotFound { .. })
    ));

    // --- the audit log keeps every act, newest first ---
    for (minutes, action) in [(1, "grant_employer"), (2, "revoke_employer")] {
        store
            .record_audit(&NewAuditEntry {
                at: now + Duration::minutes(minutes),
                actor: None,
                action: action.into(),
                target: format!("account {}", new_hire.id),
                reason: "story test".into(),
            })
            .await
            .unwrap();
    }
    let log = store.audit_log(10).await.unwrap();
    let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["revoke_employer", "grant_employer"]);
    assert_eq!(log[0].actor, None);
    assert!(store.audit_log(0).await.is_err());
    assert!(
        store
            .record_audit(&NewAuditEntry {
                at: now,
                actor: None,
                action: " ".into(),
                target: "account 1".into(),
                reason: String::new(),
            })
            .await
            .is_err(),
        "an entry without an action is refused"
    );
    let again = store
        .create_account(&NewAccount {
            email: "ROSA.VIDAL@saltmarsh.example".into(),
            password_hash: HASH.into(),
            created_at: now,
        })
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    assert!(again.to_string().contains("sign in instead"), "{again}");
    let bad = NewAccount {
        email: "not-an-email".into(),
        password_hash: HASH.into(),
        created_at: now,
    };
    assert!(matches!(
        store.create_account(&bad).await,
        Err(StoreError::InvalidInput(_))
    ));
    assert_eq!(
        store
            .account_by_email("rosa.vidal@SALTMARSH.example")
            .await
            .unwrap(),
        Some(new_hire.clone())
    );
    assert_eq!(
        store.account(new_hire.id).await.unwrap(),
        Some(new_hire.clone())
    );
    assert_eq!(
        store
            .account_by_email("nobody@saltmarsh.example")
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.account_by_email("garbage").await.unwrap(), None);

    // --- an unverified account cannot endorse, and neither can raw SQL on its behalf ---
    let endorsement = |account_id, company_id, tag: &str| NewEndorsement {
        account_id,
        company_id,
        tag: tag.into(),
        created_at: now,
        team: None,
    };
    let refused = store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "remote-first"))
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::NotAllowed(_)), "{refused}");
    assert!(
        refused
            .to_string()
            .contains("verify an address at saltmarsh.example"),
        "{refused}"
    );
    let raw = raw_endorse(&backend.url, new_hire.id, saltmarsh.id, "remote-first").await;
    assert!(
        raw.unwrap_err().to_lowercase().contains("foreign key"),
        "schema must refuse too"
    );

    let seeker = store
        .account_by_email("lee.seeker@mailbox.example")
        .await
        .unwrap()
        .unwrap();
    let refused = store
        .endorse(&endorsement(seeker.id, lumenfold.id, "deep-work"))
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::NotAllowed(_)), "{refused}");

    // --- verification is tied to the email domain ---
    let wrong = store
        .verify_account(new_hire.id, lumenfold.id)
        .await
        .unwrap_err();
    assert!(matches!(wrong, StoreError::NotAllowed(_)), "{wrong}");
    assert!(wrong.to_string().contains("lumenfold.example"), "{wrong}");
    assert!(matches!(
        store.verify_account(new_hire.id, 100_000).await,
        Err(StoreError::NotFound { .. })
    ));
    let verified = store
        .verify_account(new_hire.id, saltmarsh.id)
        .await
        .unwrap();
    assert_eq!(verified.verified_company, Some(saltmarsh.id));
    assert_eq!(
        store
            .verify_account(new_hire.id, saltmarsh.id)
            .await
            .unwrap(),
        verified
    );

    // A verified employee still cannot endorse another company, in the service or in SQL.
    let elsewhere = store
        .endorse(&endorsement(new_hire.id, lumenfold.id, "deep-work"))
        .await
        .unwrap_err();
    assert!(
        elsewhere.to_string().contains("another company"),
        "{elsewhere}"
    );
    assert!(
        raw_endorse(&backend.url, new_hire.id, lumenfold.id, "deep-work")
            .await
            .is_err()
    );

    // --- a second endorsement confirms a claimed tag ---
    let before = tag_at(store, saltmarsh.id, "remote-first").await.unwrap();
    assert_eq!((before.0, before.1, before.2), (true, 1, false));
    let made = store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "remote-first"))
        .await
        .unwrap();
    assert_eq!(
        (made.account_id, made.company_id, made.tag.as_str()),
        (new_hire.id, saltmarsh.id, "remote-first")
    );
    assert_eq!(
        tag_at(store, saltmarsh.id, "remote-first").await,
        Some((true, 2, true))
    );
    let twice = store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "remote-first"))
        .await
        .unwrap_err();
    assert!(matches!(twice, StoreError::Conflict(_)), "{twice}");
    let unknown = store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "free-lunch"))
        .await
        .unwrap_err();
    assert!(matches!(unknown, StoreError::InvalidInput(_)), "{unknown}");

    // The confirmed flag reaches listing search results too.
    let page = store
        .search_listings(
            &dualtrack_board::ListingQuery {
                q: Some("saltmarsh".into()),
                ..Default::default()
            },
            super::story::now(),
        )
        .await
        .unwrap();
    assert!(!page.items.is_empty());
    for item in &page.items {
        let tag = item
            .company
            .tags
            .iter()
            .find(|t| t.id == "remote-first")
            .unwrap();
        assert!(tag.confirmed && tag.endorsements == 2);
    }

    // --- withdrawing and endorsing a tag the company never claimed ---
    assert!(
        store
            .withdraw_endorsement(new_hire.id, saltmarsh.id, "remote-first")
            .await
            .unwrap()
    );
    assert!(
        !store
            .withdraw_endorsement(new_hire.id, saltmarsh.id, "remote-first")
            .await
            .unwrap()
    );
    assert_eq!(
        tag_at(store, saltmarsh.id, "remote-first").await,
        Some((true, 1, false))
    );
    store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "remote-first"))
        .await
        .unwrap();
    assert_eq!(tag_at(store, saltmarsh.id, "sustainable-pace").await, None);
    store
        .endorse(&endorsement(new_hire.id, saltmarsh.id, "sustainable-pace"))
        .await
        .unwrap();
    assert_eq!(
        tag_at(store, saltmarsh.id, "sustainable-pace").await,
        Some((false, 1, false))
    );
    let mine: Vec<String> = store
        .account_endorsements(new_hire.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.tag)
        .collect();
    assert_eq!(mine, ["remote-first", "sustainable-pace"]);
    assert!(matches!(
        store.company_tags(100_000).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(demo.accounts.len() + 1, count_accounts(store, demo).await);

    sessions(store, new_hire.id, now).await;
    vec![
        ("saltmarsh", "remote-first"),
        ("saltmarsh", "sustainable-pace"),
    ]
}

/// (claimed, endorsements, confirmed) of a tag at a company, or None when absent.
async fn tag_at(store: &dyn Store, company_id: i64, tag: &str) -> Option<(bool, u32, bool)> {
    let tags = store.company_tags(company_id).await.unwrap();
    tags.iter()
        .find(|t| t.id == tag)
        .map(|t| (t.claimed, t.endorsements, t.confirmed))
}

async fn count_accounts(store: &dyn Store, demo: &DemoData) -> usize {
    let mut found = 0;
    for account in &demo.accounts {
        found += usize::from(
            store
                .account_by_email(&account.email)
                .await
                .unwrap()
                .is_some(),
        );
    }
    found
        + usize::from(
            store
                .account_by_email("rosa.vidal@saltmarsh.example")
                .await
                .unwrap()
                .is_some(),
        )
}

async fn sessions(store: &dyn Store, account_id: i64, now: chrono::DateTime<chrono::Utc>) {
    let new = |token: &str, hours: i64| NewSession {
        token_hash: token.repeat(32),
        account_id,
        csrf_secret: "c".repeat(32),
        created_at: now,
        expires_at: now + Duration::hours(hours),
    };
    let short = store.create_session(&new("a", 1)).await.unwrap();
    let long = store.create_session(&new("b", 24)).await.unwrap();
    assert_eq!(short.account.id, account_id);
    assert_eq!(short.account.email, "rosa.vidal@saltmarsh.example");
    assert_eq!(short.expires_at, now + Duration::hours(1));
    assert!(matches!(
        store.create_session(&new("a", 1)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.create_session(&new("c", 0)).await,
        Err(StoreError::InvalidInput(_))
    ));

    let found = store
        .session(&short.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, short);
    assert_eq!(
        found.account.verified_company,
        short.account.verified_company
    );
    // Valid up to, not including, its expiry instant.
    let almost = now + Duration::hours(1) - Duration::milliseconds(1);
    assert!(
        store
            .session(&short.token_hash, almost)
            .await
            .unwrap()
            .is_some()
    );
    let later = now + Duration::hours(2);
    assert_eq!(store.session(&short.token_hash, later).await.unwrap(), None);
    assert!(
        store
            .session(&long.token_hash, later)
            .await
            .unwrap()
            .is_some()
    );

    assert_eq!(store.purge_expired_sessions(later).await.unwrap(), 1);
    assert_eq!(store.purge_expired_sessions(later).await.unwrap(), 0);
    assert!(store.delete_session(&long.token_hash).await.unwrap());
    assert!(!store.delete_session(&long.token_hash).await.unwrap());
    assert_eq!(store.session(&long.token_hash, now).await.unwrap(), None);
}
