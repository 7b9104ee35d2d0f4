//! Trials: the engine's export stored whole and read back unchanged, visible only to the
//! owner (not to another account, not to an admin, not to another local profile), and deleted
//! with everything they hold. Run on every backend.

use chrono::NaiveDate;
use dualtrack_board::{NewAccount, NewTrialRecord, Role, Store, StoreError, TrialLink, TrialOwner};
use dualtrack_trial::{
    Checkin, Trial, TrialContent, TrialSpec, WeekPoint, export_json, import_json,
};

use super::story::at;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

const TRIAL_TOML: &str = r#"
kind = "ic-to-manager"
start = 2026-01-05
months = 6
[exit_criteria]
continue_if = ["My reports say our one-on-ones help them"]
return_if = ["I keep taking the critical-path tickets myself"]
[sponsor]
name = "Ana"
role = "my manager"
"#;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A trial with a check-in and a calendar week, as the shells build it.
fn engine_trial(content: &TrialContent, id: &str) -> Trial {
    let spec = TrialSpec::from_toml("trial.toml", TRIAL_TOML, content).unwrap();
    let mut trial = Trial::start(id, spec, content).unwrap();
    trial
        .add_checkin(
            Checkin {
                date: day(2026, 1, 12),
                answers: [
                    ("energy".to_owned(), "people_work".to_owned()),
                    ("hard_feedback".to_owned(), "put_it_off".to_owned()),
                ]
                .into(),
                note: Some("First week; \"quotes\" and ünïcode kept".into()),
            },
            content,
        )
        .unwrap();
    let kept = trial
        .add_calendar(vec![WeekPoint {
            week: "2026-W03".into(),
            monday: day(2026, 1, 12),
            working_days: 5,
            working_hours: 40.0,
            busy_hours: 22.5,
            meetings: 0.5,
            async_: 0.125,
            focus: 0.375,
        }])
        .unwrap();
    assert_eq!(kept, 1);
    trial
}

fn record(trial: &Trial, owner: TrialOwner, now: &str) -> NewTrialRecord {
    NewTrialRecord {
        id: trial.id.clone(),
        owner,
        kind: trial.spec.kind.id().to_owned(),
        start: trial.spec.start,
        months: trial.spec.months,
        document: serde_json::from_str(&export_json(trial)).unwrap(),
        now: at(now),
    }
}

async fn account(store: &dyn Store, email: &str) -> i64 {
    store
        .create_account(&NewAccount {
            email: email.into(),
            password_hash: HASH.into(),
            created_at: at("2026-01-01T09:00:00Z"),
        })
        .await
        .unwrap()
        .id
}

pub async fn owned_stored_and_deleted(store: &dyn Store) {
    let content = TrialContent::embedded().unwrap();
    let person = TrialOwner::Account(account(store, "tess@trial.example").await);
    let other = TrialOwner::Account(account(store, "otto@trial.example").await);
    let admin_id = account(store, "root@trial.example").await;
    store.set_account_role(admin_id, Role::Admin).await.unwrap();
    let admin = TrialOwner::Account(admin_id);
    let local = TrialOwner::Local("default".into());

    // --- create, and read back through the engine's import unchanged ---
    let mut trial = engine_trial(&content, "trial-web-1");
    let stored = store
        .create_trial(&record(&trial, person.clone(), "2026-01-05T08:00:00Z"))
        .await
        .unwrap();
    assert_eq!(stored.owner, person);
    assert_eq!(
        (stored.kind.as_str(), stored.start, stored.months),
        ("ic-to-manager", day(2026, 1, 5), 6)
    );
    let read = store.trial(&person, "trial-web-1").await.unwrap().unwrap();
    assert_eq!(read, stored);
    let back = import_json("stored", &read.document.to_string(), &content).unwrap();
    assert_eq!(back, trial, "the export round-trips through the store");

    // The same id cannot be taken twice, even by another owner.
    let err = store
        .create_trial(&record(&trial, other.clone(), "2026-01-05T08:00:00Z"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");

    // --- nobody else sees it: another account, an admin, the local profile ---
    for stranger in [&other, &admin, &local] {
        assert_eq!(store.trial(stranger, "trial-web-1").await.unwrap(), None);
        assert!(store.list_trials(stranger).await.unwrap().is_empty());
        let err = store
            .update_trial(&record(&trial, stranger.clone(), "2026-01-06T08:00:00Z"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        assert!(!store.delete_trial(stranger, "trial-web-1").await.unwrap());
    }

    // --- update: a second check-in ---
    trial
        .add_checkin(
            Checkin {
                date: day(2026, 1, 19),
                answers: [("energy".to_owned(), "hard_technical_problem".to_owned())].into(),
                note: None,
            },
            &content,
        )
        .unwrap();
    let updated = store
        .update_trial(&record(&trial, person.clone(), "2026-01-19T18:00:00Z"))
        .await
        .unwrap();
    assert_eq!(updated.created_at, stored.created_at);
    assert_eq!(updated.updated_at, at("2026-01-19T18:00:00Z"));
    let back = import_json("stored", &updated.document.to_string(), &content).unwrap();
    assert_eq!(back.checkins.len(), 2);

    // --- a local profile keeps its own, listed newest first ---
    for (id, now) in [
        ("local-a", "2026-02-01T08:00:00Z"),
        ("local-b", "2026-02-02T08:00:00Z"),
    ] {
        let t = engine_trial(&content, id);
        store
            .create_trial(&record(&t, local.clone(), now))
            .await
            .unwrap();
    }
    let listed: Vec<String> = store
        .list_trials(&local)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, ["local-b", "local-a"]);
    assert!(
        store
            .trial(&TrialOwner::Local("work".into()), "local-a")
            .await
            .unwrap()
            .is_none()
    );

    // --- refusals before any write ---
    let mut bad = record(&trial, person.clone(), "2026-01-05T08:00:00Z");
    bad.id = "has space".into();
    assert!(matches!(
        store.create_trial(&bad).await,
        Err(StoreError::InvalidInput(_))
    ));

    // --- delete removes everything of the trial ---
    assert!(store.delete_trial(&person, "trial-web-1").await.unwrap());
    assert_eq!(store.trial(&person, "trial-web-1").await.unwrap(), None);
    assert!(store.list_trials(&person).await.unwrap().is_empty());
    assert!(!store.delete_trial(&person, "trial-web-1").await.unwrap());
    // The id is free again once deleted.
    store
        .create_trial(&record(&trial, other.clone(), "2026-03-01T08:00:00Z"))
        .await
        .unwrap();
    assert!(store.delete_trial(&other, "trial-web-1").await.unwrap());
    for id in ["local-a", "local-b"] {
        assert!(store.delete_trial(&local, id).await.unwrap());
    }
}

/// Private links (feed, sponsor) only their owner can make, read or revoke; a new link replaces
/// the old one; reminders are recorded once; the links and reminders go with the trial.
pub async fn links_and_reminders(store: &dyn Store) {
    let content = TrialContent::embedded().unwrap();
    let person = TrialOwner::Account(account(store, "lina@trial.example").await);
    let other = TrialOwner::Account(account(store, "olaf@trial.example").await);
    let local = TrialOwner::Local("links".into());
    let trial = engine_trial(&content, "trial-links-1");
    store
        .create_trial(&record(&trial, person.clone(), "2026-01-05T08:00:00Z"))
        .await
        .unwrap();
    let now = at("2026-01-05T09:00:00Z");
    let first = "feed-nonce-aaaaaaaaaaaaaaaaaaaaaa";
    let second = "feed-nonce-bbbbbbbbbbbbbbbbbbbbbb";

    // Only the owner makes one.
    for stranger in [&other, &local] {
        assert!(
            !store
                .set_trial_link(stranger, "trial-links-1", TrialLink::Feed, first, now)
                .await
                .unwrap()
        );
        assert_eq!(
            store
                .trial_link(stranger, "trial-links-1", TrialLink::Feed)
                .await
                .unwrap(),
            None
        );
    }
    assert!(matches!(
        store
            .set_trial_link(&person, "trial-links-1", TrialLink::Feed, "short", now)
            .await,
        Err(StoreError::InvalidInput(_))
    ));
    assert!(
        store
            .set_trial_link(&person, "trial-links-1", TrialLink::Feed, first, now)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .trial_link(&person, "trial-links-1", TrialLink::Feed)
            .await
            .unwrap()
            .as_deref(),
        Some(first)
    );
    let opened = store
        .trial_by_link(TrialLink::Feed, first)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (opened.id.as_str(), &opened.owner),
        ("trial-links-1", &person)
    );
    // A feed nonce does not open the sponsor page.
    assert_eq!(
        store
            .trial_by_link(TrialLink::Sponsor, first)
            .await
            .unwrap(),
        None
    );

    // Rotating replaces it: the old address stops working.
    assert!(
        store
            .set_trial_link(&person, "trial-links-1", TrialLink::Feed, second, now)
            .await
            .unwrap()
    );
    assert_eq!(
        store.trial_by_link(TrialLink::Feed, first).await.unwrap(),
        None
    );
    assert!(
        store
            .trial_by_link(TrialLink::Feed, second)
            .await
            .unwrap()
            .is_some()
    );
    // Another owner cannot revoke it; the owner can.
    assert!(
        !store
            .delete_trial_link(&other, "trial-links-1", TrialLink::Feed)
            .await
            .unwrap()
    );
    assert!(
        store
            .delete_trial_link(&person, "trial-links-1", TrialLink::Feed)
            .await
            .unwrap()
    );
    assert_eq!(
        store.trial_by_link(TrialLink::Feed, second).await.unwrap(),
        None
    );

    // Reminders: recorded once, whoever asks twice.
    let due = day(2026, 1, 12);
    assert!(
        store
            .record_trial_reminder("trial-links-1", due, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_trial_reminder("trial-links-1", due, now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_trial_reminder("no-such-trial", due, now)
            .await
            .unwrap()
    );
    // Released after a failed send, it can be recorded (and sent) again.
    store
        .release_trial_reminder("trial-links-1", due)
        .await
        .unwrap();
    assert!(
        store
            .record_trial_reminder("trial-links-1", due, now)
            .await
            .unwrap()
    );
    // The reminder walk sees account trials only, in id order.
    let local_trial = engine_trial(&content, "trial-links-0-local");
    store
        .create_trial(&record(&local_trial, local.clone(), "2026-01-05T08:00:00Z"))
        .await
        .unwrap();
    let walked: Vec<String> = store
        .reminder_trials_after(None, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert!(walked.contains(&"trial-links-1".to_owned()), "{walked:?}");
    assert!(!walked.contains(&"trial-links-0-local".to_owned()));
    assert!(
        store
            .reminder_trials_after(Some("trial-links-1"), 10)
            .await
            .unwrap()
            .iter()
            .all(|t| t.id.as_str() > "trial-links-1")
    );
    assert!(store.reminder_trials_after(None, 0).await.is_err());
    // Turned off, a trial leaves the walk; only its owner can turn it off or on.
    assert!(
        store
            .trial_reminders_on(&person, "trial-links-1")
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_trial_reminders(&other, "trial-links-1", false)
            .await
            .unwrap()
    );
    assert!(
        store
            .set_trial_reminders(&person, "trial-links-1", false)
            .await
            .unwrap()
    );
    assert!(
        store
            .set_trial_reminders(&person, "trial-links-1", false)
            .await
            .unwrap(),
        "turning it off twice is fine"
    );
    assert!(
        !store
            .trial_reminders_on(&person, "trial-links-1")
            .await
            .unwrap()
    );
    let walked: Vec<String> = store
        .reminder_trials_after(None, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert!(!walked.contains(&"trial-links-1".to_owned()), "{walked:?}");
    assert!(
        store
            .set_trial_reminders(&person, "trial-links-1", true)
            .await
            .unwrap()
    );
    assert!(
        store
            .trial_reminders_on(&person, "trial-links-1")
            .await
            .unwrap()
    );

    // Deleting the trial takes its links and reminders with it.
    store
        .set_trial_link(&person, "trial-links-1", TrialLink::Sponsor, first, now)
        .await
        .unwrap();
    assert!(store.delete_trial(&person, "trial-links-1").await.unwrap());
    assert_eq!(
        store
            .trial_by_link(TrialLink::Sponsor, first)
            .await
            .unwrap(),
        None
    );
    store
        .create_trial(&record(&trial, person.clone(), "2026-01-06T08:00:00Z"))
        .await
        .unwrap();
    assert!(
        store
            .record_trial_reminder("trial-links-1", due, now)
            .await
            .unwrap(),
        "a new trial under the same id starts without the old reminders"
    );
    assert!(store.delete_trial(&person, "trial-links-1").await.unwrap());
    assert!(
        store
            .delete_trial(&local, "trial-links-0-local")
            .await
            .unwrap()
    );
}
