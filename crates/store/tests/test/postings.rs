//! What employers write: posting, editing, closing, renewing and expiring listings, hiding by
//! an administrator (with its audit entry), API tokens, and preferences that rank.

use chrono::Duration;
use dualtrack_board::{
    Level, ListingDraft, ListingQuery, ListingState, NewAccount, NewApiToken, Preference, Role,
    Store, StoreError, Track, Workplace,
};

use super::story::now;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA";

fn draft() -> ListingDraft {
    ListingDraft {
        title: "  Staff Engineer, Zephyrine Storage ".into(),
        track: Track::Ic,
        rung: "staff_engineer".into(),
        location: "Remote (Europe)".into(),
        workplace: Workplace::Remote,
        salary: None,
        description: "Own the zephyrine storage layer.\n\nWrite the design documents.".into(),
        apply_url: Some("https://lumenfold.example/jobs/zephyrine".into()),
        apply_email: Some("".into()),
        expires_at: None,
    }
}

fn words(q: &str) -> ListingQuery {
    ListingQuery {
        q: Some(q.into()),
        ..ListingQuery::default()
    }
}

async fn found(store: &dyn Store, q: &str, at: chrono::DateTime<chrono::Utc>) -> Vec<i64> {
    let page = store.search_listings(&words(q), at).await.unwrap();
    assert_eq!(
        page.facets.total(),
        page.items.len() as u64,
        "facets count what search shows"
    );
    page.items.iter().map(|i| i.id).collect()
}

pub async fn employers_post_and_admins_hide(store: &dyn Store) {
    let now = now();
    let lumenfold = store.company_by_slug("lumenfold").await.unwrap().unwrap();
    let employer = store
        .create_account(&NewAccount {
            email: "hiring@lumenfold.example".into(),
            password_hash: HASH.into(),
            created_at: now,
        })
        .await
        .unwrap();
    store
        .verify_account(employer.id, lumenfold.id)
        .await
        .unwrap();
    store
        .set_account_role(employer.id, Role::Employer)
        .await
        .unwrap();

    // Posting: dated now, open for 60 days, the blank apply email dropped.
    let posted = store
        .create_listing(lumenfold.id, &draft(), now)
        .await
        .unwrap();
    assert_eq!(posted.title, "Staff Engineer, Zephyrine Storage");
    assert_eq!(posted.posted_at, now);
    assert_eq!(posted.expires_at, now + Duration::days(60));
    assert_eq!(posted.apply_email, None);
    assert_eq!(posted.state(now), ListingState::Open);
    assert_eq!(found(store, "zephyrine", now).await, [posted.id]);

    // Bad drafts are refused field by field.
    let mut bad = draft();
    bad.apply_url = None;
    bad.apply_email = None;
    bad.expires_at = Some(now + Duration::days(200));
    let err = store
        .create_listing(lumenfold.id, &bad, now)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{text}");
    assert!(
        text.contains("apply_url") && text.contains("180 days"),
        "{text}"
    );
    let mut bad = draft();
    bad.apply_url = Some("javascript:alert(1)".into());
    assert!(store.create_listing(lumenfold.id, &bad, now).await.is_err());

    // Editing keeps the posting date.
    let mut edit = draft();
    edit.title = "Principal Engineer, Quillwort Storage".into();
    edit.rung = "principal_engineer".into();
    edit.description = "Own the quillwort storage layer.".into();
    let later = now + Duration::days(1);
    let edited = store.update_listing(posted.id, &edit, later).await.unwrap();
    assert_eq!(edited.posted_at, now);
    assert_eq!(edited.expires_at, posted.expires_at);
    assert!(found(store, "zephyrine", later).await.is_empty());
    assert_eq!(found(store, "quillwort", later).await, [posted.id]);
    assert!(matches!(
        store.update_listing(999_999, &edit, later).await,
        Err(StoreError::NotFound { .. })
    ));

    // Expiry: gone from search by itself, back after a renewal.
    let expired = now + Duration::days(61);
    assert!(found(store, "quillwort", expired).await.is_empty());
    let listing = store.listing(posted.id).await.unwrap().unwrap();
    assert_eq!(listing.state(expired), ListingState::Expired);
    let renewed = store.renew_listing(posted.id, expired).await.unwrap();
    assert_eq!(renewed.expires_at, expired + Duration::days(60));
    assert_eq!(found(store, "quillwort", expired).await, [posted.id]);

    // Closing, and renewing reopens.
    let closed = store.close_listing(posted.id, later).await.unwrap();
    assert_eq!(closed.state(later), ListingState::Closed);
    assert!(found(store, "quillwort", later).await.is_empty());
    store.renew_listing(posted.id, later).await.unwrap();
    assert_eq!(found(store, "quillwort", later).await, [posted.id]);
    // Closing or renewing no listing is "not found", on both databases (one shared tail).
    for result in [
        store.close_listing(999_999, later).await,
        store.renew_listing(999_999, later).await,
    ] {
        assert!(
            matches!(result, Err(StoreError::NotFound { .. })),
            "{result:?}"
        );
    }

    // Every state shows in the company's own list.
    let own = store.company_listings(lumenfold.id, 1000).await.unwrap();
    assert!(own.iter().any(|l| l.id == posted.id));
    assert!(own.iter().all(|l| l.company.id == lumenfold.id));

    // Hiding needs a reason and leaves an audit entry.
    let admin = store
        .create_account(&NewAccount {
            email: "moderator@board.example".into(),
            password_hash: HASH.into(),
            created_at: now,
        })
        .await
        .unwrap();
    store.set_account_role(admin.id, Role::Admin).await.unwrap();
    let err = store
        .hide_listing(posted.id, admin.id, "  ", later)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("reason"), "{err}");
    let hidden = store
        .hide_listing(posted.id, admin.id, "Misleading salary", later)
        .await
        .unwrap();
    assert_eq!(hidden.state(later), ListingState::Hidden);
    assert!(found(store, "quillwort", later).await.is_empty());
    let log = store.audit_log(10).await.unwrap();
    let entry = log.iter().find(|e| e.action == "hide_listing").unwrap();
    assert_eq!(entry.target, format!("listing {}", posted.id));
    assert_eq!(entry.actor, Some(admin.id));
    assert_eq!(entry.reason, "Misleading salary");

    api_tokens(store, employer.id).await;
    preferences(store, employer.id).await;
}

async fn api_tokens(store: &dyn Store, account_id: i64) {
    let hash = "ab".repeat(32);
    let token = store
        .create_api_token(&NewApiToken {
            account_id,
            label: " ATS export ".into(),
            token_hash: hash.clone(),
            created_at: now(),
        })
        .await
        .unwrap();
    assert_eq!(token.label, "ATS export");
    let (found, owner) = store.api_token(&hash).await.unwrap().unwrap();
    assert_eq!(found, token);
    assert_eq!(owner.id, account_id);
    assert_eq!(
        store.api_tokens(account_id).await.unwrap(),
        std::slice::from_ref(&token)
    );
    assert!(store.api_token(&"cd".repeat(32)).await.unwrap().is_none());
    // Another account cannot revoke it.
    assert!(
        !store
            .revoke_api_token(account_id + 1, token.id)
            .await
            .unwrap()
    );
    assert!(store.revoke_api_token(account_id, token.id).await.unwrap());
    assert!(store.api_token(&hash).await.unwrap().is_none());
    let bad = NewApiToken {
        account_id,
        label: String::new(),
        token_hash: hash,
        created_at: now(),
    };
    assert!(store.create_api_token(&bad).await.is_err());
}

async fn preferences(store: &dyn Store, account_id: i64) {
    let at = now();
    // A dealbreaker filters exactly as the tag filter does, facets included.
    let dealbreaker = ListingQuery {
        prefer: vec!["deep-work:dealbreaker".into()],
        limit: 100,
        ..ListingQuery::default()
    };
    let tagged = ListingQuery {
        tag: vec!["deep-work".into()],
        limit: 100,
        ..ListingQuery::default()
    };
    let a = store.search_listings(&dealbreaker, at).await.unwrap();
    let b = store.search_listings(&tagged, at).await.unwrap();
    assert_eq!(a.facets, b.facets);
    let ids = |p: &dualtrack_board::ListingPage| p.items.iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert!(a.items.iter().all(|i| {
        let fit = i.fit.as_ref().unwrap();
        fit.met == ["deep-work"] && fit.missed.is_empty()
    }));
    assert!(b.items.iter().all(|i| i.fit.is_none()));

    // Ranking: every listing still comes back once, best score first, page after page.
    let ranked = ListingQuery {
        prefer: vec![
            "remote-first:important".into(),
            "on-call-sane:important".into(),
            "learning-budget:nice".into(),
        ],
        limit: 3,
        ..ListingQuery::default()
    };
    let all = store
        .search_listings(
            &ListingQuery {
                limit: 100,
                ..ListingQuery::default()
            },
            at,
        )
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut scores = Vec::new();
    let mut query = ranked.clone();
    loop {
        let page = store.search_listings(&query, at).await.unwrap();
        assert_eq!(page.facets, all.facets, "ranking preferences do not filter");
        for item in &page.items {
            seen.push(item.id);
            scores.push(item.fit.as_ref().unwrap().score);
        }
        match page.next {
            Some(next) => query.cursor = Some(next),
            None => break,
        }
    }
    let mut expected = ids(&all);
    expected.sort_unstable();
    let mut got = seen.clone();
    got.sort_unstable();
    assert_eq!(got, expected);
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    assert!(scores[0] > *scores.last().unwrap(), "{scores:?}");

    // A cursor of an unranked search does not continue a ranked one.
    let plain = store
        .search_listings(
            &ListingQuery {
                limit: 1,
                ..ListingQuery::default()
            },
            at,
        )
        .await
        .unwrap();
    let mixed = ListingQuery {
        cursor: plain.next,
        ..ranked.clone()
    };
    assert!(matches!(
        store.search_listings(&mixed, at).await,
        Err(StoreError::InvalidInput(_))
    ));
    let unknown = ListingQuery {
        prefer: vec!["deep-wrk:nice".into()],
        ..ListingQuery::default()
    };
    assert!(matches!(
        store.search_listings(&unknown, at).await,
        Err(StoreError::InvalidInput(_))
    ));

    // Saved preferences.
    assert!(store.preferences(account_id).await.unwrap().is_empty());
    let prefs = vec![
        Preference {
            tag: "deep-work".into(),
            level: Level::Dealbreaker,
        },
        Preference {
            tag: "remote-first".into(),
            level: Level::Nice,
        },
    ];
    store.save_preferences(account_id, &prefs).await.unwrap();
    let mut back = store.preferences(account_id).await.unwrap();
    back.sort_by(|a, b| a.tag.cmp(&b.tag));
    assert_eq!(back, prefs);
    store
        .save_preferences(account_id, &prefs[1..])
        .await
        .unwrap();
    assert_eq!(store.preferences(account_id).await.unwrap(), &prefs[1..]);
    let bad = [Preference {
        tag: "nope".into(),
        level: Level::Nice,
    }];
    assert!(store.save_preferences(account_id, &bad).await.is_err());
}
