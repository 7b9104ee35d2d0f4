//! Search: every filter, pagination through all pages, facets, refusals, JSON shape.

use std::collections::HashSet;

use dualtrack_board::{DemoData, ListingQuery, Store, StoreError, Track};

use super::model::Model;

/// The queries the story checks; each is compared with the model page by page.
fn queries() -> Vec<(&'static str, ListingQuery)> {
    let base = ListingQuery::default;
    vec![
        ("everything", base()),
        (
            "ic track",
            ListingQuery {
                track: Some(Track::Ic),
                ..base()
            },
        ),
        (
            "management track",
            ListingQuery {
                track: Some(Track::Management),
                ..base()
            },
        ),
        (
            "past staff",
            ListingQuery {
                ic_past_staff: Some(true),
                ..base()
            },
        ),
        (
            "not past staff",
            ListingQuery {
                ic_past_staff: Some(false),
                ..base()
            },
        ),
        (
            "remote",
            ListingQuery {
                remote: Some(true),
                ..base()
            },
        ),
        (
            "not remote",
            ListingQuery {
                remote: Some(false),
                ..base()
            },
        ),
        (
            "one tag",
            ListingQuery {
                tag: vec!["deep-work".into()],
                ..base()
            },
        ),
        (
            "a tag only endorsed at one company",
            ListingQuery {
                tag: vec!["mentoring-expected".into()],
                ..base()
            },
        ),
        (
            "two tags",
            ListingQuery {
                tag: vec!["remote-first".into(), "async-by-default".into()],
                ..base()
            },
        ),
        (
            "word",
            ListingQuery {
                q: Some("storage".into()),
                ..base()
            },
        ),
        (
            "prefix",
            ListingQuery {
                q: Some("migrat".into()),
                ..base()
            },
        ),
        (
            "company name",
            ListingQuery {
                q: Some("Kestrel".into()),
                ..base()
            },
        ),
        (
            "two words",
            ListingQuery {
                q: Some("staff, Engineer!".into()),
                ..base()
            },
        ),
        (
            "location",
            ListingQuery {
                q: Some("london".into()),
                ..base()
            },
        ),
        (
            "hyphenated text",
            ListingQuery {
                q: Some("call".into()),
                ..base()
            },
        ),
        (
            "no match",
            ListingQuery {
                q: Some("zeppelin".into()),
                ..base()
            },
        ),
        (
            "everything at once",
            ListingQuery {
                q: Some("engineer".into()),
                tag: vec!["staff-plus-in-strategy".into()],
                track: Some(Track::Ic),
                ic_past_staff: Some(true),
                remote: Some(false),
                ..base()
            },
        ),
    ]
}

pub async fn every_filter_and_page(store: &dyn Store, demo: &DemoData, added: &[(&str, &str)]) {
    let model = Model::new(demo, added);
    let total = demo.listings.len();
    for (name, query) in queries() {
        let expected = model.ids(&query);
        if name == "everything" {
            assert_eq!(expected.len(), total);
        } else if name == "no match" {
            assert!(expected.is_empty());
        } else {
            // A filter that keeps everything or nothing would prove little.
            assert!(
                !expected.is_empty() && expected.len() < total,
                "{name}: {expected:?}"
            );
        }
        for limit in [1, 3, 7, 100] {
            let got = all_pages(store, &query, limit).await;
            assert_eq!(got, expected, "{name}, limit {limit}");
        }
        let first = store
            .search_listings(&query, super::story::now())
            .await
            .unwrap();
        assert_eq!(first.facets, model.facets(&query), "{name}: facets");
    }
}

/// Follows `next` to the end, checking page sizes and that no listing appears twice.
async fn all_pages(store: &dyn Store, query: &ListingQuery, limit: u32) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    let mut cursor = None;
    for _ in 0..1000 {
        let page = store
            .search_listings(
                &ListingQuery {
                    cursor: cursor.clone(),
                    limit,
                    ..query.clone()
                },
                super::story::now(),
            )
            .await
            .unwrap();
        assert!(page.items.len() <= limit as usize);
        for item in &page.items {
            assert!(seen.insert(item.id), "listing {} repeated", item.id);
            ids.push(item.id);
        }
        match page.next {
            Some(next) => {
                assert_eq!(
                    page.items.len(),
                    limit as usize,
                    "only full pages have a next"
                );
                cursor = Some(next);
            }
            None => return ids,
        }
    }
    panic!("pagination did not end");
}

pub async fn refusals(store: &dyn Store) {
    let bad_cursor = ListingQuery {
        cursor: Some("bm90LWEtY3Vyc29y".into()),
        ..ListingQuery::default()
    };
    let err = store
        .search_listings(&bad_cursor, super::story::now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidInput(_)), "{err}");
    assert!(err.to_string().contains("cursor"), "{err}");

    let unknown_tag = ListingQuery {
        tag: vec!["free-lunch".into()],
        ..ListingQuery::default()
    };
    let err = store
        .search_listings(&unknown_tag, super::story::now())
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown tag `free-lunch`; known tags: deep-work"),
        "{err}"
    );

    let too_big = ListingQuery {
        limit: 101,
        ..ListingQuery::default()
    };
    assert!(matches!(
        store.search_listings(&too_big, super::story::now()).await,
        Err(StoreError::InvalidInput(_))
    ));

    // Text that holds no searchable word matches everything, like no text at all.
    let punctuation = ListingQuery {
        q: Some("\"*:&|!()".into()),
        ..ListingQuery::default()
    };
    let page = store
        .search_listings(&punctuation, super::story::now())
        .await
        .unwrap();
    assert_eq!(
        page.facets.total(),
        store
            .search_listings(&ListingQuery::default(), super::story::now())
            .await
            .unwrap()
            .facets
            .total()
    );
}

pub async fn json_shape_and_listing_page(store: &dyn Store) {
    let page = store
        .search_listings(
            &ListingQuery {
                limit: 2,
                ..ListingQuery::default()
            },
            super::story::now(),
        )
        .await
        .unwrap();
    let json = serde_json::to_value(&page).unwrap();
    let item = &json["items"][0];
    for key in ["id", "title", "track", "rung"] {
        assert!(!item[key].is_null(), "items[0].{key} missing: {item}");
    }
    for key in ["id", "name", "ic_past_staff", "tags"] {
        assert!(
            !item["company"][key].is_null(),
            "items[0].company.{key} missing: {item}"
        );
    }
    assert!(json["next"].is_string());
    assert!(json["facets"]["track"]["ic"].is_u64());
    assert!(json["facets"]["remote"]["true"].is_u64());
    // Driftwood's reliability role is the newest listing.
    assert_eq!(
        item["title"],
        "Distinguished Engineer, Checkout Reliability"
    );
    assert_eq!(item["company"]["name"], "Driftwood Commerce");

    let id = page.items[0].id;
    let listing = store.listing(id).await.unwrap().unwrap();
    assert_eq!(listing.title, page.items[0].title);
    assert_eq!(listing.company, page.items[0].company);
    assert!(
        listing.description.starts_with("Be the technical owner"),
        "{}",
        listing.description
    );
    assert_eq!(
        listing.salary.as_ref().map(|s| s.currency.as_str()),
        Some("CAD")
    );
    assert_eq!(store.listing(100_000).await.unwrap(), None);
}
