//! Tag vocabulary, companies and their tags on PostgreSQL.

use std::collections::HashMap;

use dualtrack_board::{Company, CultureTag, StoreError, TagStatus};
use dualtrack_store_sql::companies::{
    COMPANY_COLUMNS, COMPANY_TAGS_PREFIX, CompanyRow, CompanyTagRow, TAG_IDS_QUERY, TAGS_QUERY,
    TagRow, companies_with_tags, group_company_tags, tags_from_rows,
};
use sqlx::{PgPool, Postgres, QueryBuilder};

use crate::error::db;

pub(crate) async fn tags(pool: &PgPool) -> Result<Vec<CultureTag>, StoreError> {
    let rows: Vec<TagRow> = sqlx::query_as(TAGS_QUERY)
        .fetch_all(pool)
        .await
        .map_err(db("reading the tag vocabulary"))?;
    Ok(tags_from_rows(rows))
}

pub(crate) async fn tag_ids(pool: &PgPool) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar(TAG_IDS_QUERY)
        .fetch_all(pool)
        .await
        .map_err(db("reading the tag vocabulary"))
}

async fn with_tags(pool: &PgPool, rows: Vec<CompanyRow>) -> Result<Vec<Company>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    companies_with_tags(rows, tags_for(pool, &ids).await?)
}

pub(crate) async fn companies(pool: &PgPool) -> Result<Vec<Company>, StoreError> {
    // Byte order, as SQLite sorts, whatever the database's locale.
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!(
        "{COMPANY_COLUMNS} ORDER BY c.name COLLATE \"C\", c.id"
    ))
    .fetch_all(pool)
    .await
    .map_err(db("listing companies"))?;
    with_tags(pool, rows).await
}

pub(crate) async fn company(pool: &PgPool, id: i64) -> Result<Option<Company>, StoreError> {
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(db("reading a company"))?;
    Ok(with_tags(pool, rows).await?.pop())
}

pub(crate) async fn company_by_slug(
    pool: &PgPool,
    slug: &str,
) -> Result<Option<Company>, StoreError> {
    let rows: Vec<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.slug = $1"))
        .bind(slug.trim().to_ascii_lowercase())
        .fetch_all(pool)
        .await
        .map_err(db("reading a company"))?;
    Ok(with_tags(pool, rows).await?.pop())
}

/// Tag standings of the given companies, each list sorted for display.
pub(crate) async fn tags_for(
    pool: &PgPool,
    company_ids: &[i64],
) -> Result<HashMap<i64, Vec<TagStatus>>, StoreError> {
    if company_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut query = QueryBuilder::<Postgres>::new(COMPANY_TAGS_PREFIX);
    let mut list = query.separated(", ");
    for id in company_ids {
        list.push_bind(*id);
    }
    query.push(")");
    let rows: Vec<CompanyTagRow> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(db("reading company tags"))?;
    Ok(group_company_tags(rows))
}
