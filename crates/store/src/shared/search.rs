//! Listing search: the SQL search with its preference score and facet counts, and the rows
//! the in-memory search index (`dualtrack_board::index`) is built from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dualtrack_board::{
    CONFIRMATION_THRESHOLD, IndexCompany, IndexListing, ListingPage, ListingQuery, ListingSummary,
    Preference, SearchStore, StoreError, ValidListingQuery, Workplace,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments, QueryBuilder};

use super::companies::{COMPANY_TAGS_SINCE, CompanyTagRow, group_company_tags, tag_ids};
use super::error::db;
use super::facets::{FACETS_OF_MATCHES, FacetRow, MATCHES, facets_from_rows};
use super::listings::{
    FROM_LISTINGS, LISTING_COLUMNS, ListingRow, OPEN_AT, company_ids, finish_page, parse_track,
    summaries,
};
use super::{Access, Conn, Drive, Row, Search, SqlStore, Value, check_limit, facet_cache};

/// Listings neither closed nor hidden, newest first; the caller appends the optional
/// `AND (l.posted_at, l.id) < (...)` and [`INDEX_LISTINGS_ORDER`]. Written like the partial
/// index `listings_open_newest`, so both databases walk it.
pub const INDEX_LISTINGS: &str = "SELECT l.id, l.company_id, l.track, l.workplace, l.posted_at, \
     l.expires_at, l.title, l.location, l.description FROM listings l \
     WHERE l.closed_at IS NULL AND l.hidden_at IS NULL";

/// Order and size of one batch of [`INDEX_LISTINGS`].
pub const INDEX_LISTINGS_ORDER: &str = " ORDER BY l.posted_at DESC, l.id DESC LIMIT ";

/// One row of [`INDEX_LISTINGS`].
#[derive(Debug, sqlx::FromRow)]
pub struct IndexListingRow {
    pub id: i64,
    pub company_id: i64,
    pub track: String,
    pub workplace: String,
    pub posted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub title: String,
    pub location: String,
    pub description: String,
}

impl IndexListingRow {
    /// The row as the index takes it: the three texts joined by spaces.
    pub fn into_listing(self) -> Result<IndexListing, StoreError> {
        let mut text = self.title;
        text.push(' ');
        text.push_str(&self.location);
        text.push(' ');
        text.push_str(&self.description);
        Ok(IndexListing {
            id: self.id,
            company_id: self.company_id,
            track: parse_track(&self.track)?,
            workplace: Workplace::parse(&self.workplace)?,
            posted_at: self.posted_at,
            expires_at: self.expires_at,
            text,
        })
    }
}

/// Companies with their claims and endorsements, from three plain reads.
pub fn index_companies(
    companies: Vec<(i64, String, bool)>,
    claims: Vec<(i64, String)>,
    endorsements: Vec<(i64, String, DateTime<Utc>)>,
) -> Vec<IndexCompany> {
    let mut out: Vec<IndexCompany> = companies
        .into_iter()
        .map(|(id, name, ic_past_staff)| IndexCompany {
            id,
            name,
            ic_past_staff,
            claimed: Vec::new(),
            endorsements: Vec::new(),
        })
        .collect();
    let slot: HashMap<i64, usize> = out.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    for (company, tag) in claims {
        if let Some(i) = slot.get(&company) {
            out[*i].claimed.push(tag);
        }
    }
    for (company, tag, at) in endorsements {
        if let Some(i) = slot.get(&company) {
            out[*i].endorsements.push((tag, at));
        }
    }
    out
}

/// Appends `{test} (...)`, the companies that claim `tag` or whose employees confirm it, for
/// a company filter: `test` is ` AND l.company_id IN` or a backend's variant of it.
pub fn push_tag_companies<DB: Database>(query: &mut QueryBuilder<'_, DB>, test: &str, tag: &str)
where
    String: Value<DB>,
{
    query.push(test);
    query.push(" (SELECT company_id FROM company_tag_claims WHERE tag_id = ");
    query.push_bind(tag.to_owned());
    query.push(" UNION SELECT company_id FROM endorsements WHERE tag_id = ");
    query.push_bind(tag.to_owned());
    query.push(")");
}

/// Appends `{test} (...)`, the companies whose IC ladder goes past Staff or not, as
/// [`push_tag_companies`] does for a tag.
pub fn push_past_staff_companies<DB: Database>(
    query: &mut QueryBuilder<'_, DB>,
    test: &str,
    past_staff: bool,
) where
    bool: Value<DB>,
{
    query.push(test);
    query.push(" (SELECT id FROM companies WHERE ic_past_staff = ");
    query.push_bind(past_staff);
    query.push(")");
}

/// Appends the conditions on the listing's own columns, which both backends write alike: its
/// track, and whether it is remote.
pub fn push_listing_conditions<DB: Database>(
    query: &mut QueryBuilder<'_, DB>,
    filter: &ValidListingQuery,
) where
    String: Value<DB>,
{
    if let Some(track) = filter.track {
        query.push(" AND l.track = ");
        query.push_bind(track.as_str().to_owned());
    }
    match filter.remote {
        Some(true) => query.push(" AND l.workplace = 'remote'"),
        Some(false) => query.push(" AND l.workplace <> 'remote'"),
        None => query,
    };
}

/// Appends the preference score of `l` as an SQL expression: per ranking preference, twice
/// its weight when verified employees confirm the tag at the listing's company, its weight
/// when the company only claims it (or too few endorse it), else 0. The same half-points as
/// `dualtrack_board::half_points`, so pages and cursors agree with the `match` of each item.
pub fn push_score<'a, DB: Database>(
    query: &mut QueryBuilder<'a, DB>,
    ranking: &'a [Preference],
    confirmed_since: DateTime<Utc>,
) where
    String: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    query.push("(0");
    for pref in ranking {
        let weight = pref.level.weight();
        query.push(
            " + CASE WHEN l.company_id IN (SELECT company_id FROM endorsements WHERE tag_id = ",
        );
        query.push_bind(pref.tag.clone());
        // Only confirmations that still count, as on the company page.
        query.push(" AND created_at > ");
        query.push_bind(confirmed_since);
        query.push(" GROUP BY company_id HAVING COUNT(*) >= ");
        query.push_bind(i64::from(CONFIRMATION_THRESHOLD));
        query.push(format!(
            ") THEN {} WHEN l.company_id IN (SELECT company_id FROM company_tag_claims \
             WHERE tag_id = ",
            2 * weight
        ));
        query.push_bind(pref.tag.clone());
        query.push(" UNION SELECT company_id FROM endorsements WHERE tag_id = ");
        query.push_bind(pref.tag.clone());
        query.push(" AND created_at > ");
        query.push_bind(confirmed_since);
        query.push(format!(") THEN {weight} ELSE 0 END"));
    }
    query.push(")");
}

#[async_trait::async_trait]
impl<B> SearchStore for SqlStore<B>
where
    B: Search,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    for<'r> &'r str: ColumnIndex<Row<B>>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    bool: Value<B::Db>,
    String: Value<B::Db>,
    DateTime<Utc>: Value<B::Db>,
    Option<i64>: Value<B::Db>,
    Option<String>: Value<B::Db>,
    Option<DateTime<Utc>>: Value<B::Db>,
    Json<serde_json::Value>: Value<B::Db>,
{
    async fn search_listings(
        &self,
        request: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError> {
        let filter = request.validate()?;
        if !filter.tags.is_empty() || !filter.prefs.is_empty() {
            let known = tag_ids(self).await?;
            filter.check_tags_known(&known)?;
        }
        let now = dualtrack_board::whole_seconds(now);
        let confirmed_since = now - filter.confirmation_max_age;
        let ranking = filter.ranking();
        let ranked = !ranking.is_empty();
        let text = self.backend.text_drive(&filter).await?;

        let mut page = QueryBuilder::<B::Db>::new(LISTING_COLUMNS);
        page.push(", '' AS description");
        page.push(FROM_LISTINGS);
        page.push(OPEN_AT);
        page.push_bind(now);
        // Walk the newest-first index, testing company filters on its entries: a page stops
        // after `limit` hits instead of fetching and sorting every listing of the companies.
        let company = Drive::Probe;
        B::push_filters(&mut page, &filter, Access { text, company });
        match (filter.after, ranked) {
            (None, _) => {}
            (Some(after), false) if after.score.is_none() => {
                // A row value, so the planner seeks the newest-first index to the cursor.
                page.push(" AND (l.posted_at, l.id) < (");
                page.push_bind(after.posted_at);
                page.push(", ");
                page.push_bind(after.id);
                page.push(")");
            }
            (Some(after), true) if after.score.is_some() => {
                page.push(" AND (");
                push_score(&mut page, &ranking, confirmed_since);
                page.push(", l.posted_at, l.id) < (");
                page.push_bind(i64::from(after.score.unwrap_or_default()));
                page.push(", ");
                page.push_bind(after.posted_at);
                page.push(", ");
                page.push_bind(after.id);
                page.push(")");
            }
            _ => {
                return Err(StoreError::invalid(
                    "this cursor belongs to a search with other preferences; start again \
                     without `cursor`",
                ));
            }
        }
        page.push(" ORDER BY ");
        if ranked {
            push_score(&mut page, &ranking, confirmed_since);
            page.push(" DESC, ");
        }
        page.push("l.posted_at DESC, l.id DESC LIMIT ");
        // One extra row tells whether another page follows.
        page.push_bind(i64::from(filter.limit) + 1);
        let rows: Vec<ListingRow> =
            (self.backend.fetch_built(&mut page).await).map_err(db::<B>("searching listings"))?;
        let (rows, mut next) = finish_page(rows, filter.limit);

        let ids = company_ids(&rows);
        let mut of_page = QueryBuilder::<B::Db>::new("");
        let (head, tail) = COMPANY_TAGS_SINCE
            .split_once("$1")
            .unwrap_or((COMPANY_TAGS_SINCE, ""));
        of_page.push(head);
        of_page.push_bind(confirmed_since);
        of_page.push(tail);
        of_page.push(" AND ct.company_id IN (");
        let mut list = of_page.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        of_page.push(")");
        let tags: Vec<CompanyTagRow> = if ids.is_empty() {
            Vec::new()
        } else {
            (self.backend.fetch_built(&mut of_page).await)
                .map_err(db::<B>("reading company tags"))?
        };
        let mut items = summaries(rows, &group_company_tags(tags))?;
        if !filter.prefs.is_empty() {
            for item in &mut items {
                item.fit = Some(dualtrack_board::match_listing(
                    &filter.prefs,
                    &item.company.tags,
                ));
            }
        }
        if ranked && let (Some(_), Some(last)) = (&next, items.last()) {
            let (earned, _) = dualtrack_board::half_points(&ranking, &last.company.tags);
            next = Some(
                dualtrack_board::Cursor {
                    posted_at: last.posted_at,
                    id: last.id,
                    score: Some(earned),
                }
                .encode(),
            );
        }

        // The change number is read before counting: a write that lands meanwhile makes the
        // entry stale at once instead of keeping counts from before it.
        let cache = &self.facet_cache;
        let key = facet_cache::key(&filter);
        let changes: Option<i64> = if cache.enabled() {
            sqlx::query_scalar("SELECT n FROM board_changes WHERE id = 1")
                .fetch_one(self.pool())
                .await
                .map_err(db::<B>("counting search facets"))?
        } else {
            None
        };
        if let Some(facets) = changes.and_then(|changes| cache.get(&key, changes, now)) {
            return Ok(ListingPage {
                items,
                next,
                facets,
            });
        }
        let mut count = QueryBuilder::<B::Db>::new(MATCHES);
        count.push(OPEN_AT);
        count.push_bind(now);
        // Company filters select whole runs of the covering index, so they drive the count.
        let company = Drive::Index;
        B::push_filters(&mut count, &filter, Access { text, company });
        count.push(FACETS_OF_MATCHES);
        let facets: Vec<FacetRow> = (self.backend.fetch_built(&mut count).await)
            .map_err(db::<B>("counting search facets"))?;
        let facets = facets_from_rows(facets)?;
        if let Some(changes) = changes {
            cache.put(key, changes, now, &facets);
        }

        Ok(ListingPage {
            items,
            next,
            facets,
        })
    }

    async fn board_generation(&self) -> Result<i64, StoreError> {
        sqlx::query_scalar("SELECT n FROM board_changes WHERE id = 1")
            .fetch_one(self.pool())
            .await
            .map_err(db::<B>("reading the board's change number"))
    }

    async fn index_listings(
        &self,
        after: Option<(DateTime<Utc>, i64)>,
        limit: u32,
    ) -> Result<Vec<IndexListing>, StoreError> {
        check_limit("limit", limit, 10_000)?;
        let mut query = QueryBuilder::<B::Db>::new(INDEX_LISTINGS);
        if let Some((posted_at, id)) = after {
            query.push(" AND (l.posted_at, l.id) < (");
            query.push_bind(posted_at);
            query.push(", ");
            query.push_bind(id);
            query.push(")");
        }
        query.push(INDEX_LISTINGS_ORDER);
        query.push_bind(i64::from(limit));
        let rows: Vec<IndexListingRow> = (self.backend.fetch_built(&mut query).await)
            .map_err(db::<B>("reading listings for the search index"))?;
        rows.into_iter()
            .map(IndexListingRow::into_listing)
            .collect()
    }

    async fn index_companies(&self) -> Result<Vec<IndexCompany>, StoreError> {
        const ACTION: &str = "reading companies for the search index";
        let companies: Vec<(i64, String, bool)> =
            sqlx::query_as("SELECT id, name, ic_past_staff FROM companies")
                .fetch_all(self.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let claims: Vec<(i64, String)> =
            sqlx::query_as("SELECT company_id, tag_id FROM company_tag_claims")
                .fetch_all(self.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let endorsements: Vec<(i64, String, DateTime<Utc>)> =
            sqlx::query_as("SELECT company_id, tag_id, created_at FROM endorsements")
                .fetch_all(self.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        Ok(index_companies(companies, claims, endorsements))
    }

    async fn listing_summaries(&self, ids: &[i64]) -> Result<Vec<ListingSummary>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        if ids.len() > 1_000 {
            return Err(StoreError::invalid(format!(
                "{} listings asked for at once; ask for at most 1000",
                ids.len()
            )));
        }
        let mut page = QueryBuilder::<B::Db>::new(LISTING_COLUMNS);
        page.push(", '' AS description");
        page.push(FROM_LISTINGS);
        page.push(" AND l.id IN (");
        let mut list = page.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        page.push(")");
        let mut rows: Vec<ListingRow> =
            (self.backend.fetch_built(&mut page).await).map_err(db::<B>("reading listings"))?;
        let order: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|r| order.get(&r.id).copied().unwrap_or(usize::MAX));
        summaries(rows, &std::collections::HashMap::new())
    }
}
