//! The board's life in one story: migrate, seed, search, accounts, endorsements, sessions,
//! saved assessments. Run once per backend.

use chrono::{DateTime, Utc};
use dualtrack_board::{DemoData, ListingQuery, NewSavedAssessment, Store, StoreError};

use super::harness::{self, Backend};
use super::{ladders, people, postings, search, trials, verification};

#[tokio::test]
async fn story_on_sqlite() {
    let (backend, _dir) = harness::sqlite().await;
    assert_eq!(backend.store.backend(), "sqlite");
    // Reopening an existing file runs no migration twice.
    dualtrack_store::connect(&backend.url).await.unwrap();
    story(&backend).await;
}

#[tokio::test]
async fn story_on_postgres() {
    let Some(db) = harness::PgDatabase::create().await else {
        return;
    };
    let store = dualtrack_store::connect(&db.url).await.unwrap();
    assert_eq!(store.backend(), "postgres");
    // Migrating twice must be a no-op (replicas start concurrently against one database).
    dualtrack_store::connect(&db.url).await.unwrap();
    story(&Backend {
        store,
        url: db.url.clone(),
    })
    .await;
    db.drop_now().await;
}

async fn story(backend: &Backend) {
    let store = &*backend.store;
    store.ping().await.unwrap();
    let demo = DemoData::embedded().unwrap();

    empty_board(store).await;
    seeding(store, &demo).await;
    companies(store, &demo).await;
    search::every_filter_and_page(store, &demo, &[]).await;
    search::refusals(store).await;
    search::json_shape_and_listing_page(store).await;
    let added = people::accounts_endorsements_sessions(backend, &demo).await;
    // Endorsements made in the story change tag filters and facets; search agrees.
    search::every_filter_and_page(store, &demo, &added).await;
    verification::links(store).await;
    verification::sessions_and_bans(store).await;
    verification::claims_that_stay_true(store).await;
    saved_assessments(store).await;
    postings::employers_post_and_admins_hide(store).await;
    trials::owned_stored_and_deleted(store).await;
    trials::links_and_reminders(store).await;
    ladders::uploads_replace_the_flags(store).await;
    closing(store).await;
}

/// Closing ends the story, as it ends `serve`: a later call is refused as a database that
/// cannot be reached, saying why; closing again is harmless.
async fn closing(store: &dyn Store) {
    store.close().await;
    let err = store.companies().await.unwrap_err();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    assert!(err.to_string().contains("shutting down"), "{err}");
    store.close().await;
    assert!(store.ping().await.is_err());
}

/// The clock of the story: a week after the newest demo listing, while every demo listing is
/// still open (they expire 60 days after posting).
pub fn now() -> DateTime<Utc> {
    at("2025-06-10T00:00:00Z")
}

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

async fn empty_board(store: &dyn Store) {
    assert!(store.is_empty().await.unwrap());
    assert!(store.companies().await.unwrap().is_empty());
    let page = store
        .search_listings(&ListingQuery::default(), super::story::now())
        .await
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.next, None);
    assert_eq!(page.facets.total(), 0);
    assert_eq!(store.listing(1).await.unwrap(), None);
}

async fn seeding(store: &dyn Store, demo: &DemoData) {
    let summary = store.seed_demo(demo).await.unwrap();
    assert_eq!(summary.companies, demo.companies.len());
    assert_eq!(summary.listings, demo.listings.len());
    assert_eq!(summary.accounts, demo.accounts.len());
    assert_eq!(summary.endorsements, demo.endorsement_count());
    assert!(!store.is_empty().await.unwrap());

    let again = store.seed_demo(demo).await.unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    assert!(again.to_string().contains("empty database"), "{again}");
    assert_eq!(
        store.companies().await.unwrap().len(),
        demo.companies.len(),
        "nothing doubled"
    );

    let tags = store.tags().await.unwrap();
    assert_eq!(tags, demo.tags, "vocabulary kept in file order");
}

async fn companies(store: &dyn Store, demo: &DemoData) {
    let companies = store.companies().await.unwrap();
    let names: Vec<&str> = companies.iter().map(|c| c.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "companies come by name");
    let open: u32 = companies.iter().map(|c| c.open_listings).sum();
    assert_eq!(open as usize, demo.listings.len());

    let lumenfold = store.company_by_slug("lumenfold").await.unwrap().unwrap();
    assert!(lumenfold.ic_past_staff && lumenfold.has_dual_ladder && lumenfold.fictional);
    assert_eq!(lumenfold.ic_top_rung, "distinguished_engineer");
    assert_eq!(
        store.company(lumenfold.id).await.unwrap().unwrap(),
        lumenfold
    );
    let tag = |id: &str| lumenfold.tags.iter().find(|t| t.id == id).unwrap().clone();
    // Three demo employees endorse deep work; one endorses remote-first; none the promotions tag.
    assert_eq!(
        (tag("deep-work").endorsements, tag("deep-work").confirmed),
        (3, true)
    );
    assert_eq!(
        (
            tag("remote-first").endorsements,
            tag("remote-first").confirmed
        ),
        (1, false)
    );
    let promotions = tag("transparent-ic-promotions");
    assert!(promotions.claimed && promotions.endorsements == 0 && !promotions.confirmed);
    assert!(
        lumenfold.tags.first().unwrap().confirmed,
        "confirmed tags lead"
    );

    let pinecrest = store.company_by_slug("pinecrest").await.unwrap().unwrap();
    assert!(!pinecrest.ic_past_staff);
    assert_eq!(store.company_by_slug("nowhere").await.unwrap(), None);
    assert_eq!(store.company(-1).await.unwrap(), None);
}

async fn saved_assessments(store: &dyn Store) {
    assert!(store.list_assessments(10).await.unwrap().is_empty());
    let older = NewSavedAssessment {
        taken_at: at("2025-03-01T09:00:00Z"),
        answers: serde_json::json!({"q1": "alone_hard_problem", "q6": ["money"]}),
        verdict: "ic".into(),
        leaning: Some("ic".into()),
    };
    let newer = NewSavedAssessment {
        taken_at: at("2025-03-02T09:00:00.250Z"),
        answers: serde_json::json!({"q1": "team_conflict"}),
        verdict: "either".into(),
        leaning: None,
    };
    let saved_older = store.save_assessment(&older).await.unwrap();
    let saved_newer = store.save_assessment(&newer).await.unwrap();
    assert_ne!(saved_older.id, saved_newer.id);
    assert_eq!(
        saved_newer.taken_at, newer.taken_at,
        "sub-second precision survives"
    );
    assert_eq!(saved_older.answers, older.answers);

    let listed = store.list_assessments(10).await.unwrap();
    assert_eq!(
        listed,
        vec![saved_newer.clone(), saved_older],
        "newest first"
    );
    assert_eq!(store.list_assessments(1).await.unwrap(), vec![saved_newer]);

    let bad = NewSavedAssessment {
        verdict: "director".into(),
        ..older
    };
    let err = store.save_assessment(&bad).await.unwrap_err();
    assert!(err.is_client_error(), "{err}");
    assert!(store.list_assessments(0).await.is_err());
}
