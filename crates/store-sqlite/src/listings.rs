//! Listing search (FTS5 + keyset pagination + facets) and listing pages on SQLite.

use dualtrack_board::{Listing, ListingPage, ListingQuery, StoreError, ValidListingQuery};
use dualtrack_store_sql::listings::{
    FROM_LISTINGS, LISTING_COLUMNS, ListingRow, company_ids, finish_page, summaries,
};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::companies::{tag_ids, tags_for};
use crate::error::db;
use crate::facets;
use crate::filters::{self, Access, Drive, push_filters};

pub(crate) async fn search(
    pool: &SqlitePool,
    request: &ListingQuery,
) -> Result<ListingPage, StoreError> {
    let filter = request.validate()?;
    if !filter.tags.is_empty() {
        filter.check_tags_known(&tag_ids(pool).await?)?;
    }
    let text = filters::text_drive(pool, &filter).await?;
    let (rows, next) = page_rows(pool, &filter, text).await?;

    let tags = tags_for(pool, &company_ids(&rows)).await?;
    let items = summaries(rows, &tags)?;

    Ok(ListingPage {
        items,
        next,
        facets: facets::count(pool, &filter, text).await?,
    })
}

/// One page of rows and the cursor of the next, using the text match as `text` says.
async fn page_rows(
    pool: &SqlitePool,
    filter: &ValidListingQuery,
    text: Drive,
) -> Result<(Vec<ListingRow>, Option<String>), StoreError> {
    let mut page = QueryBuilder::<Sqlite>::new(LISTING_COLUMNS);
    page.push(", '' AS description");
    page.push(FROM_LISTINGS);
    // Walk the newest-first index, testing company filters on its entries: a page stops
    // after `limit` hits instead of fetching and sorting every listing of the companies.
    push_filters(
        &mut page,
        filter,
        Access {
            text,
            company: Drive::Probe,
        },
    );
    if let Some(after) = filter.after {
        // A row value, so SQLite seeks the newest-first index to the cursor.
        page.push(" AND (l.posted_at, l.id) < (");
        page.push_bind(after.posted_at);
        page.push(", ");
        page.push_bind(after.id);
        page.push(")");
    }
    page.push(" ORDER BY l.posted_at DESC, l.id DESC LIMIT ");
    // One extra row tells whether another page follows.
    page.push_bind(i64::from(filter.limit) + 1);
    let rows: Vec<ListingRow> = page
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(db("searching listings"))?;

    let (rows, next) = finish_page(rows, filter.limit);
    Ok((rows, next))
}

pub(crate) async fn listing(pool: &SqlitePool, id: i64) -> Result<Option<Listing>, StoreError> {
    let mut query = QueryBuilder::<Sqlite>::new(LISTING_COLUMNS);
    query.push(", l.description");
    query.push(FROM_LISTINGS);
    query.push(" AND l.id = ");
    query.push_bind(id);
    let row: Option<ListingRow> = query
        .build_query_as()
        .fetch_optional(pool)
        .await
        .map_err(db("reading a listing"))?;
    let Some(row) = row else {
        return Ok(None);
    };
    let tags = tags_for(pool, &[row.company_id])
        .await?
        .remove(&row.company_id)
        .unwrap_or_default();
    row.into_listing(tags).map(Some)
}

#[cfg(test)]
mod tests {
    use dualtrack_board::{DemoData, ListingQuery, Store, Track};

    use super::*;
    use crate::SqliteStore;

    /// Every id `query` matches, page by page, with the text match used as `text` says.
    async fn walk(pool: &SqlitePool, query: &ListingQuery, text: Drive) -> Vec<i64> {
        let mut ids = Vec::new();
        let mut cursor = None;
        loop {
            let filter = ListingQuery {
                cursor: cursor.clone(),
                limit: 2,
                ..query.clone()
            }
            .validate()
            .unwrap();
            let (rows, next) = page_rows(pool, &filter, text).await.unwrap();
            ids.extend(rows.iter().map(|r| r.id));
            match next {
                Some(next) => cursor = Some(next),
                None => return ids,
            }
        }
    }

    /// The plan is a speed choice only: both ways of using the text match, and both ways of
    /// counting facets, must give the same answers.
    #[tokio::test]
    async fn plans_agree() {
        let store = SqliteStore::in_memory().await.unwrap();
        store
            .seed_demo(&DemoData::embedded().unwrap())
            .await
            .unwrap();
        let text = |q: &str| ListingQuery {
            q: Some(q.into()),
            ..ListingQuery::default()
        };
        let queries = [
            text("engineer"),
            text("staff platform"),
            ListingQuery {
                tag: vec!["deep-work".into()],
                track: Some(Track::Ic),
                ..text("engineer")
            },
            ListingQuery {
                ic_past_staff: Some(false),
                remote: Some(true),
                ..text("e")
            },
        ];
        for query in queries {
            let by_index = walk(&store.pool, &query, Drive::Index).await;
            let by_probe = walk(&store.pool, &query, Drive::Probe).await;
            assert!(!by_index.is_empty(), "{query:?} should match something");
            assert_eq!(by_index, by_probe, "{query:?}");
            let filter = query.validate().unwrap();
            assert_eq!(
                facets::count(&store.pool, &filter, Drive::Index)
                    .await
                    .unwrap(),
                facets::count(&store.pool, &filter, Drive::Probe)
                    .await
                    .unwrap(),
                "{query:?}"
            );
        }
    }
}
