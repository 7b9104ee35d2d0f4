//! Tag vocabulary, companies and their tags on SQLite.

use std::collections::HashMap;

use dualtrack_board::{
    Company, CompanySize, CultureTag, RemotePolicy, StoreError, TagStatus, sort_tags,
};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::error::db;

pub(crate) async fn tags(pool: &SqlitePool) -> Result<Vec<CultureTag>, StoreError> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, label, description FROM tags ORDER BY position, id")
            .fetch_all(pool)
            .await
            .map_err(db("reading the tag vocabulary"))?;
    Ok(rows
        .into_iter()
        .map(|(id, label, description)| CultureTag {
            id,
            label,
            description,
        })
        .collect())
}

pub(crate) async fn tag_ids(pool: &SqlitePool) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar("SELECT id FROM tags ORDER BY position, id")
        .fetch_all(pool)
        .await
        .map_err(db("reading the tag vocabulary"))
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    id: i64,
    slug: String,
    name: String,
    domain: String,
    summary: String,
    size: String,
    remote_policy: String,
    ic_top_rung: String,
    ic_past_staff: bool,
    has_dual_ladder: bool,
    fictional: bool,
    open_listings: i64,
}

const COMPANY_COLUMNS: &str = "SELECT c.id, c.slug, c.name, c.domain, c.summary, c.size, \
     c.remote_policy, c.ic_top_rung, c.ic_past_staff, c.has_dual_ladder, c.fictional, \
     (SELECT COUNT(*) FROM listings l WHERE l.company_id = c.id) AS open_listings \
     FROM companies c";

impl CompanyRow {
    fn into_company(self, tags: Vec<TagStatus>) -> Result<Company, StoreError> {
        Ok(Company {
            id: self.id,
            slug: self.slug,
            name: self.name,
            domain: self.domain,
            summary: self.summary,
            size: CompanySize::parse(&self.size)?,
            remote_policy: RemotePolicy::parse(&self.remote_policy)?,
            ic_top_rung: self.ic_top_rung,
            ic_past_staff: self.ic_past_staff,
            has_dual_ladder: self.has_dual_ladder,
            fictional: self.fictional,
            open_listings: u32::try_from(self.open_listings).unwrap_or(u32::MAX),
            tags,
        })
    }
}

async fn with_tags(pool: &SqlitePool, rows: Vec<CompanyRow>) -> Result<Vec<Company>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut tags = tags_for(pool, &ids).await?;
    rows.into_iter()
        .map(|row| {
            let own = tags.remove(&row.id).unwrap_or_default();
            row.into_company(own)
        })
        .collect()
}

pub(crate) async fn companies(pool: &SqlitePool) -> Result<Vec<Company>, StoreError> {
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} ORDER BY c.name, c.id"))
        .fetch_all(pool)
        .await
        .map_err(db("listing companies"))?;
    with_tags(pool, rows).await
}

pub(crate) async fn company(pool: &SqlitePool, id: i64) -> Result<Option<Company>, StoreError> {
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.id = ?"))
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(db("reading a company"))?;
    Ok(with_tags(pool, rows).await?.pop())
}

pub(crate) async fn company_by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> Result<Option<Company>, StoreError> {
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.slug = ?"))
        .bind(slug.trim().to_ascii_lowercase())
        .fetch_all(pool)
        .await
        .map_err(db("reading a company"))?;
    Ok(with_tags(pool, rows).await?.pop())
}

/// Tag standings of the given companies, each list sorted for display.
pub(crate) async fn tags_for(
    pool: &SqlitePool,
    company_ids: &[i64],
) -> Result<HashMap<i64, Vec<TagStatus>>, StoreError> {
    let mut out: HashMap<i64, Vec<TagStatus>> = HashMap::new();
    if company_ids.is_empty() {
        return Ok(out);
    }
    let mut query = QueryBuilder::<Sqlite>::new(
        "SELECT ct.company_id, ct.tag_id, t.label, ct.claimed, ct.endorsements \
         FROM company_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id IN (",
    );
    let mut list = query.separated(", ");
    for id in company_ids {
        list.push_bind(*id);
    }
    query.push(")");
    let rows: Vec<(i64, String, String, bool, i64)> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(db("reading company tags"))?;
    for (company_id, tag, label, claimed, endorsements) in rows {
        let endorsements = u32::try_from(endorsements).unwrap_or(u32::MAX);
        out.entry(company_id)
            .or_default()
            .push(TagStatus::new(tag, label, claimed, endorsements));
    }
    for tags in out.values_mut() {
        sort_tags(tags);
    }
    Ok(out)
}
