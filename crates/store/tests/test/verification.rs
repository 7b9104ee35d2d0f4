//! Employee verification by mailed link, "log out everywhere" and bans, on every backend.

use chrono::Duration;
use dualtrack_board::{
    NewAccount, NewEmailVerification, NewSession, Redemption, Role, Store, StoreError,
};

use super::story::at;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

async fn account(store: &dyn Store, email: &str) -> dualtrack_board::Account {
    store
        .create_account(&NewAccount {
            email: email.into(),
            password_hash: HASH.into(),
            created_at: at("2025-06-10T12:00:00Z"),
        })
        .await
        .unwrap()
}

/// Links: only at the company's domain, once, before expiry, for the account that asked.
pub async fn links(store: &dyn Store) {
    let now = at("2025-07-01T09:00:00Z");
    let lumenfold = store.company_by_slug("lumenfold").await.unwrap().unwrap();
    let member = account(store, "kai@mailbox.example").await;
    let stranger = account(store, "eve@mailbox.example").await;
    let link = |hash: char, address: &str, hires: bool| {
        NewEmailVerification::new(
            hash.to_string().repeat(64),
            &member,
            &lumenfold,
            address.into(),
            hires,
            now,
        )
    };

    // The address, not the sign-in email, must be at the company's domain.
    let outside = store
        .create_email_verification(&link('x', "kai@mailbox.example", false))
        .await
        .unwrap_err();
    assert!(matches!(outside, StoreError::NotAllowed(_)), "{outside}");
    assert!(
        outside.to_string().contains("lumenfold.example"),
        "{outside}"
    );
    store
        .create_email_verification(&link('a', "Kai@Lumenfold.example", true))
        .await
        .unwrap();
    let duplicate = store
        .create_email_verification(&link('a', "kai@lumenfold.example", true))
        .await
        .unwrap_err();
    assert!(matches!(duplicate, StoreError::Conflict(_)), "{duplicate}");
    let a = "a".repeat(64);

    // Unknown, another account's, expired: nothing changes.
    assert_eq!(
        store
            .redeem_email_verification(&"z".repeat(64), member.id, now)
            .await
            .unwrap(),
        Redemption::Unknown
    );
    assert_eq!(
        store
            .redeem_email_verification(&a, stranger.id, now)
            .await
            .unwrap(),
        Redemption::OtherAccount
    );
    assert_eq!(
        store
            .redeem_email_verification(&a, member.id, now + Duration::hours(24))
            .await
            .unwrap(),
        Redemption::Expired
    );
    let unchanged = store.account(member.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.verified_company, unchanged.role),
        (None, Role::Member)
    );

    // The right account, in time: verified, and an employer because it said it hires.
    let Redemption::Verified {
        account: verified,
        company_id,
    } = store
        .redeem_email_verification(&a, member.id, now + Duration::hours(23))
        .await
        .unwrap()
    else {
        panic!("the link should verify");
    };
    assert_eq!(company_id, lumenfold.id);
    assert_eq!(verified.verified_company, Some(lumenfold.id));
    assert_eq!(verified.role, Role::Employer);
    assert_eq!(
        store
            .redeem_email_verification(&a, member.id, now + Duration::hours(23))
            .await
            .unwrap(),
        Redemption::Used
    );

    // An administrator who hires stays an administrator.
    let admin = account(store, "root@mailbox.example").await;
    store.set_account_role(admin.id, Role::Admin).await.unwrap();
    store
        .create_email_verification(&NewEmailVerification::new(
            "b".repeat(64),
            &admin,
            &lumenfold,
            "root@lumenfold.example".into(),
            true,
            now,
        ))
        .await
        .unwrap();
    let Redemption::Verified { account, .. } = store
        .redeem_email_verification(&"b".repeat(64), admin.id, now)
        .await
        .unwrap()
    else {
        panic!("the admin's link should verify");
    };
    assert_eq!(account.role, Role::Admin);
}

/// Log out everywhere and bans end sessions; a banned account's session is not found.
pub async fn sessions_and_bans(store: &dyn Store) {
    let now = chrono::Utc::now();
    let one = account(store, "lin@mailbox.example").await;
    let other = account(store, "mo@mailbox.example").await;
    let session = |token: char, account_id: i64| NewSession {
        token_hash: token.to_string().repeat(64),
        account_id,
        csrf_secret: "c".repeat(32),
        created_at: now,
        expires_at: now + Duration::days(1),
    };
    for (token, id) in [('p', one.id), ('q', one.id), ('r', other.id)] {
        store.create_session(&session(token, id)).await.unwrap();
    }
    assert_eq!(store.delete_account_sessions(one.id).await.unwrap(), 2);
    assert_eq!(store.delete_account_sessions(one.id).await.unwrap(), 0);
    assert!(store.session(&"p".repeat(64), now).await.unwrap().is_none());
    assert!(store.session(&"r".repeat(64), now).await.unwrap().is_some());

    let banned = store.set_account_banned(other.id, Some(now)).await.unwrap();
    assert!(banned.banned_at.is_some());
    assert!(
        store.session(&"r".repeat(64), now).await.unwrap().is_none(),
        "a ban ends the account's sessions"
    );
    store.create_session(&session('s', other.id)).await.unwrap();
    assert!(
        store.session(&"s".repeat(64), now).await.unwrap().is_none(),
        "a banned account has no live session"
    );
    let read = store
        .account_by_email("mo@mailbox.example")
        .await
        .unwrap()
        .unwrap();
    assert!(read.banned_at.is_some());
    let lifted = store.set_account_banned(other.id, None).await.unwrap();
    assert_eq!(lifted.banned_at, None);
    assert!(store.session(&"s".repeat(64), now).await.unwrap().is_some());
    assert!(matches!(
        store.set_account_banned(999_999, Some(now)).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// Culture claims that stay true: dated confirmations with teams, a maximum age, disputes.
pub async fn claims_that_stay_true(store: &dyn Store) {
    // The demo's endorsements are dated when it was seeded: the wall clock.
    let now = chrono::Utc::now();
    let year = Duration::days(365);
    let kestrel = store
        .company_by_slug("kestrel-maps")
        .await
        .unwrap()
        .unwrap();
    let claimed: Vec<String> = kestrel
        .tags
        .iter()
        .filter(|t| t.claimed)
        .map(|t| t.id.clone())
        .collect();
    let tag = claimed.first().expect("kestrel-maps claims a tag").clone();
    let unclaimed = store
        .tags()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .find(|id| !claimed.contains(id) && !kestrel.tags.iter().any(|t| &t.id == id))
        .unwrap();
    let mut people = Vec::new();
    for name in ["una", "vik", "wen"] {
        let person = account(store, &format!("{name}@mailbox.example")).await;
        let hash = format!("{name}{}", "0".repeat(61));
        store
            .create_email_verification(&NewEmailVerification::new(
                hash.clone(),
                &person,
                &kestrel,
                format!("{name}@{}", kestrel.domain),
                false,
                now,
            ))
            .await
            .unwrap();
        store
            .redeem_email_verification(&hash, person.id, now)
            .await
            .unwrap();
        people.push(person);
    }
    let before = standing(store, kestrel.id, &tag, now, year).await;
    let endorse = |person: &dualtrack_board::Account, when, team: Option<&str>| {
        dualtrack_board::NewEndorsement {
            account_id: person.id,
            company_id: kestrel.id,
            tag: tag.clone(),
            created_at: when,
            team: team.map(str::to_owned),
        }
    };
    store
        .endorse(&endorse(
            &people[0],
            now - Duration::days(30),
            Some(" Routing "),
        ))
        .await
        .unwrap();
    store
        .endorse(&endorse(
            &people[1],
            now - Duration::days(400),
            Some("Billing"),
        ))
        .await
        .unwrap();
    let too_long = store
        .endorse(&dualtrack_board::NewEndorsement {
            team: Some("x".repeat(81)),
            ..endorse(&people[2], now, None)
        })
        .await
        .unwrap_err();
    assert!(
        matches!(too_long, StoreError::InvalidInput(_)),
        "{too_long}"
    );

    let status = standing(store, kestrel.id, &tag, now, year).await;
    assert_eq!(
        status.endorsements,
        before.endorsements + 1,
        "the old one stops counting"
    );
    assert_eq!(status.stale_endorsements, before.stale_endorsements + 1);
    assert!(
        status.teams.contains(&"Routing".to_owned()),
        "{:?}",
        status.teams
    );
    assert!(
        !status.teams.contains(&"Billing".to_owned()),
        "stale teams are not shown"
    );
    assert_eq!(
        status.latest_confirmation,
        before
            .latest_confirmation
            .max(Some(now - Duration::days(30)))
    );
    // A longer maximum age counts both.
    let longer = standing(store, kestrel.id, &tag, now, Duration::days(500)).await;
    assert_eq!(longer.endorsements, before.endorsements + 2);

    // Search results count confirmations by the same rule as the company page: the listing's
    // company tags and the preference score see the fresh confirmations only.
    // Regression: the search read every endorsement ever made, so a result could call a tag
    // confirmed that the company page had already let fall back to claimed.
    // The story's demo listings were posted at its own fixed date: renew one to today.
    let first = store.company_listings(kestrel.id, 1).await.unwrap();
    let renewed = store.renew_listing(first[0].id, now).await.unwrap();
    for (days, expected) in [(365, status.endorsements), (500, longer.endorsements)] {
        let query = dualtrack_board::ListingQuery {
            q: Some(renewed.title.clone()),
            limit: 100,
            prefer: vec![format!("{tag}:important")],
            confirmation_max_age_days: days,
            ..dualtrack_board::ListingQuery::default()
        };
        let page = store.search_listings(&query, now).await.unwrap();
        let ours: Vec<_> = page
            .items
            .iter()
            .filter(|item| item.company.id == kestrel.id)
            .collect();
        assert!(!ours.is_empty(), "kestrel-maps has open listings");
        for item in ours {
            let seen = item.company.tags.iter().find(|t| t.id == tag).unwrap();
            assert_eq!(seen.endorsements, expected, "max age {days} days");
            let fit = item
                .fit
                .as_ref()
                .expect("a ranked search carries the match");
            assert_eq!(
                fit.confirmed.contains(&tag),
                dualtrack_board::is_confirmed(expected),
                "max age {days} days: {fit:?}"
            );
        }
    }

    // Disputes: verified employees only, claimed tags only, shown as a count.
    store
        .dispute_tag(people[2].id, kestrel.id, &tag, now)
        .await
        .unwrap();
    let again = store
        .dispute_tag(people[2].id, kestrel.id, &tag, now)
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    let not_claimed = store
        .dispute_tag(people[2].id, kestrel.id, &unclaimed, now)
        .await
        .unwrap_err();
    assert!(
        matches!(not_claimed, StoreError::InvalidInput(_)),
        "{not_claimed}"
    );
    let outsider = account(store, "xan@mailbox.example").await;
    let refused = store
        .dispute_tag(outsider.id, kestrel.id, &tag, now)
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::NotAllowed(_)), "{refused}");
    // Disputing takes back one's endorsement, and endorsing takes back one's dispute.
    store
        .dispute_tag(people[0].id, kestrel.id, &tag, now)
        .await
        .unwrap();
    let disputed = standing(store, kestrel.id, &tag, now, year).await;
    assert_eq!(disputed.disputes, before.disputes + 2);
    assert_eq!(disputed.endorsements, before.endorsements);
    assert_eq!(
        store
            .account_disputes(people[0].id, kestrel.id)
            .await
            .unwrap(),
        std::slice::from_ref(&tag)
    );
    store
        .endorse(&endorse(&people[0], now, None))
        .await
        .unwrap();
    assert!(
        store
            .account_disputes(people[0].id, kestrel.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .withdraw_dispute(people[2].id, kestrel.id, &tag)
            .await
            .unwrap()
    );
    assert!(
        !store
            .withdraw_dispute(people[2].id, kestrel.id, &tag)
            .await
            .unwrap()
    );
    let settled = standing(store, kestrel.id, &tag, now, year).await;
    assert_eq!(settled.disputes, before.disputes);
    assert_eq!(settled.endorsements, before.endorsements + 1);
    assert!(matches!(
        store.company_tags_at(100_000, now, year).await,
        Err(StoreError::NotFound { .. })
    ));
    // Leave the board's endorsements as the search model expects.
    for person in &people {
        store
            .withdraw_endorsement(person.id, kestrel.id, &tag)
            .await
            .unwrap();
    }
}

async fn standing(
    store: &dyn Store,
    company_id: i64,
    tag: &str,
    now: chrono::DateTime<chrono::Utc>,
    max_age: Duration,
) -> dualtrack_board::TagStatus {
    store
        .company_tags_at(company_id, now, max_age)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.id == tag)
        .unwrap()
}
