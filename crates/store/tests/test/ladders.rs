//! An employer's ladder upload: stored, replacing the earlier one, and the company's flags
//! (and with them search's "IC ladder past Staff" filter) following it in one transaction.

use dualtrack_board::{CompanyLadderUpload, LadderFacts, ListingQuery, Store, StoreError};

use super::story::now;

pub async fn uploads_replace_the_flags(store: &dyn Store) {
    let company = store.company_by_slug("lumenfold").await.unwrap().unwrap();
    let account = store
        .account_by_email("hiring@lumenfold.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.company_ladder(company.id).await.unwrap(), None);
    let past_staff = |flag: bool| ListingQuery {
        ic_past_staff: Some(flag),
        ..ListingQuery::default()
    };
    let upload = |rung: &str, past: bool, dual: bool, text: &str| CompanyLadderUpload {
        company_id: company.id,
        ladder_toml: text.to_owned(),
        facts: LadderFacts {
            ic_top_rung: rung.to_owned(),
            ic_past_staff: past,
            has_dual_ladder: dual,
        },
        uploaded_by: account.id,
        uploaded_at: now(),
    };

    store
        .set_company_ladder(&upload("staff_engineer", false, false, "first"))
        .await
        .unwrap();
    let stored = store.company_ladder(company.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.ladder_toml.as_str(), stored.uploaded_by),
        ("first", Some(account.id))
    );
    let after = store.company(company.id).await.unwrap().unwrap();
    assert_eq!(after.ic_top_rung, "staff_engineer");
    assert!(!after.ic_past_staff && !after.has_dual_ladder);
    let shown = store
        .search_listings(&past_staff(true), now())
        .await
        .unwrap();
    assert!(
        shown.items.iter().all(|l| l.company.slug != "lumenfold"),
        "search follows the uploaded ladder at once"
    );

    // A second upload replaces the first, file and flags together.
    store
        .set_company_ladder(&upload("principal_engineer", true, true, "second"))
        .await
        .unwrap();
    let stored = store.company_ladder(company.id).await.unwrap().unwrap();
    assert_eq!(stored.ladder_toml, "second");
    let after = store.company(company.id).await.unwrap().unwrap();
    assert!(after.ic_past_staff && after.has_dual_ladder);

    // Unknown companies and oversized files are refused and change nothing.
    let mut unknown = upload("staff_engineer", false, false, "x");
    unknown.company_id = 999_999;
    assert!(matches!(
        store.set_company_ladder(&unknown).await,
        Err(StoreError::NotFound { .. })
    ));
    let big = "#".repeat(dualtrack_board::MAX_LADDER_BYTES + 1);
    assert!(
        store
            .set_company_ladder(&upload("engineer", false, false, &big))
            .await
            .is_err()
    );
    assert_eq!(
        store
            .company_ladder(company.id)
            .await
            .unwrap()
            .unwrap()
            .ladder_toml,
        "second"
    );
}
