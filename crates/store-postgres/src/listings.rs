//! Listing search (tsvector + keyset pagination + facets) and listing pages on PostgreSQL.

use chrono::{DateTime, Utc};
use dualtrack_board::{
    CompanyBrief, Cursor, Listing, ListingPage, ListingQuery, ListingSummary, SalaryRange,
    StoreError, Track, ValidListingQuery, Workplace,
};
use sqlx::{PgPool, Postgres, QueryBuilder};

use crate::companies::{tag_ids, tags_for};
use crate::error::db;
use crate::facets;

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
