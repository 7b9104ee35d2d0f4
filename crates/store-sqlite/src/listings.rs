//! Listing search (FTS5 + keyset pagination + facets) and listing pages on SQLite.

use chrono::{DateTime, Utc};
use dualtrack_board::{
    CompanyBrief, Cursor, Listing, ListingPage, ListingQuery, ListingSummary, SalaryRange,
    StoreError, Track, ValidListingQuery, Workplace,
};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::companies::{tag_ids, tags_for};
use crate::error::db;
use crate::facets;
use crate::filters::{self, Access, Drive, push_filters};

#[derive(sqlx::FromRow)]
struct ListingRow {
    id: i64,
    title: String,
    track: String,
    rung: String,
    location: String,
    workplace: String,
    description: String,
    salary_min: Option<i64>,
    salary_max: Option<i64>,
    salary_currency: Option<String>,
    posted_at: DateTime<Utc>,
    company_id: i64,
    company_slug: String,
    company_name: String,
    ic_top_rung: String,
    ic_past_staff: bool,
    has_dual_ladder: bool,
}

const LISTING_COLUMNS: &str = "SELECT l.id, l.title, l.track, l.rung, l.location, l.workplace, \
     l.salary_min, l.salary_max, l.salary_currency, l.posted_at, c.id AS company_id, \
     c.slug AS company_slug, c.name AS company_name, c.ic_top_rung, c.ic_past_staff, \
     c.has_dual_ladder";

const FROM_LISTINGS: &str = " FROM listings l JOIN companies c ON c.id = l.company_id WHERE 1 = 1";

pub(crate) fn parse_track(text: &str) -> Result<Track, StoreError> {
    text.parse()
        .map_err(|_| StoreError::InvalidData(format!("unknown track `{text}` in the database")))
}

impl ListingRow {
    fn into_listing(self, tags: Vec<dualtrack_board::TagStatus>) -> Result<Listing, StoreError> {
        let workplace = Workplace::parse(&self.workplace)?;
        Ok(Listing {
            id: self.id,
            title: self.title,
            track: parse_track(&self.track)?,
            rung: self.rung,
            location: self.location,
            workplace,
            remote: workplace.is_remote(),
            salary: SalaryRange::from_columns(
                self.salary_min,
                self.salary_max,
                self.salary_currency,
            )?,
            posted_at: self.posted_at,
            description: self.description,
            company: CompanyBrief {
                id: self.company_id,
                slug: self.company_slug,
                name: self.company_name,
                ic_top_rung: self.ic_top_rung,
                ic_past_staff: self.ic_past_staff,
                has_dual_ladder: self.has_dual_ladder,
                tags,
            },
        })
    }
}

fn summary(listing: Listing) -> ListingSummary {
    ListingSummary {
        id: listing.id,
        title: listing.title,
        track: listing.track,
        rung: listing.rung,
        location: listing.location,
        workplace: listing.workplace,
        remote: listing.remote,
        salary: listing.salary,
        posted_at: listing.posted_at,
        company: listing.company,
    }
}

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

    let mut company_ids: Vec<i64> = rows.iter().map(|r| r.company_id).collect();
    company_ids.sort_unstable();
    company_ids.dedup();
    let tags = tags_for(pool, &company_ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let own = tags.get(&row.company_id).cloned().unwrap_or_default();
            row.into_listing(own).map(summary)
        })
        .collect::<Result<Vec<_>, _>>()?;

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
    let mut rows: Vec<ListingRow> = page
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(db("searching listings"))?;

    let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = rows.last().filter(|_| more).map(|last| {
        Cursor {
            posted_at: last.posted_at,
            id: last.id,
        }
        .encode()
    });
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
