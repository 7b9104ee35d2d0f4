//! Listing search (tsvector + keyset pagination + facets) and listing pages on PostgreSQL.

use dualtrack_board::{Listing, ListingPage, ListingQuery, StoreError, ValidListingQuery};
use dualtrack_store_sql::listings::{
    FROM_LISTINGS, LISTING_COLUMNS, ListingRow, company_ids, finish_page, summaries,
};
use sqlx::{PgPool, Postgres, QueryBuilder};

use crate::companies::{tag_ids, tags_for};
use crate::error::db;
use crate::facets;

/// `tsquery` text for the validated terms: every term, each as a word prefix. Terms are
/// letters and digits only, so they cannot inject `tsquery` operators.
fn tsquery(terms: &[String]) -> Option<String> {
    (!terms.is_empty()).then(|| {
        terms
            .iter()
            .map(|t| format!("{t}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    })
}

/// Which statement the filters go into: the same filter is best written differently for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// The page walks the newest-first index and stops after `limit` hits, so company-level
    /// filters are tests on each row (`EXISTS`, which the planner turns into hashed lookups,
    /// and the joined company's own column).
    Page,
    /// The facet count reads every match, so company-level filters are semi-joins
    /// (`l.company_id IN (...)`) that select whole runs of the covering index.
    Count,
}

/// Appends the WHERE conditions every search query shares (everything except the cursor).
pub(crate) fn push_filters(
    query: &mut QueryBuilder<'_, Postgres>,
    filter: &ValidListingQuery,
    used: Use,
) {
    if let Some(text) = tsquery(&filter.terms) {
        query.push(" AND l.search @@ to_tsquery('simple', ");
        query.push_bind(text);
        query.push(")");
    }
    for tag in &filter.tags {
        match used {
            Use::Page => {
                query.push(
                    " AND (EXISTS (SELECT 1 FROM company_tag_claims x \
                     WHERE x.company_id = l.company_id AND x.tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push(
                    ") OR EXISTS (SELECT 1 FROM endorsements e \
                     WHERE e.company_id = l.company_id AND e.tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push("))");
            }
            Use::Count => {
                query.push(
                    " AND l.company_id IN (SELECT company_id FROM company_tag_claims \
                     WHERE tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push(" UNION SELECT company_id FROM endorsements WHERE tag_id = ");
                query.push_bind(tag.clone());
                query.push(")");
            }
        }
    }
    if let Some(track) = filter.track {
        query.push(" AND l.track = ");
        query.push_bind(track.as_str());
    }
    if let Some(past_staff) = filter.ic_past_staff {
        query.push(match used {
            Use::Page => " AND c.ic_past_staff = ",
            Use::Count => " AND l.company_id IN (SELECT id FROM companies WHERE ic_past_staff = ",
        });
        query.push_bind(past_staff);
        if used == Use::Count {
            query.push(")");
        }
    }
    match filter.remote {
        Some(true) => {
            query.push(" AND l.workplace = 'remote'");
        }
        Some(false) => {
            query.push(" AND l.workplace <> 'remote'");
        }
        None => {}
    }
}

pub(crate) async fn search(
    pool: &PgPool,
    request: &ListingQuery,
) -> Result<ListingPage, StoreError> {
    let filter = request.validate()?;
    if !filter.tags.is_empty() {
        filter.check_tags_known(&tag_ids(pool).await?)?;
    }

    let mut page = QueryBuilder::<Postgres>::new(LISTING_COLUMNS);
    page.push(", '' AS description");
    page.push(FROM_LISTINGS);
    push_filters(&mut page, &filter, Use::Page);
    if let Some(after) = filter.after {
        // A row comparison, so the planner seeks the newest-first index to the cursor.
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

    let tags = tags_for(pool, &company_ids(&rows)).await?;
    let items = summaries(rows, &tags)?;

    Ok(ListingPage {
        items,
        next,
        facets: facets::count(pool, &filter).await?,
    })
}

pub(crate) async fn listing(pool: &PgPool, id: i64) -> Result<Option<Listing>, StoreError> {
    let mut query = QueryBuilder::<Postgres>::new(LISTING_COLUMNS);
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
    use super::tsquery;

    #[test]
    fn tsquery_requires_every_term_as_a_prefix() {
        assert_eq!(tsquery(&[]), None);
        assert_eq!(
            tsquery(&["rust".into(), "dist".into()]).unwrap(),
            "rust:* & dist:*"
        );
    }
}
