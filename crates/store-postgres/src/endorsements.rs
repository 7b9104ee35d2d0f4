//! Endorsements on PostgreSQL.

use dualtrack_board::{Endorsement, NewEndorsement, StoreError, TagStatus, check_may_endorse};
use dualtrack_store_sql::endorsements::EndorsementRow;
use sqlx::PgPool;

use crate::error::{db, db_unique};
use crate::{accounts, companies};

pub(crate) async fn company_tags(
    pool: &PgPool,
    company_id: i64,
) -> Result<Vec<TagStatus>, StoreError> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_optional(pool)
        .await
        .map_err(db("reading a company"))?;
    if exists.is_none() {
        return Err(StoreError::not_found("company", company_id));
    }
    Ok(companies::tags_for(pool, &[company_id])
        .await?
        .remove(&company_id)
        .unwrap_or_default())
}

pub(crate) async fn endorse(
    pool: &PgPool,
    new: &NewEndorsement,
) -> Result<Endorsement, StoreError> {
    let account = accounts::by_id(pool, new.account_id)
        .await?
        .ok_or_else(|| StoreError::not_found("account", new.account_id))?;
    let company = companies::company(pool, new.company_id)
        .await?
        .ok_or_else(|| StoreError::not_found("company", new.company_id))?;
    let known = companies::tag_ids(pool).await?;
    if !known.contains(&new.tag) {
        return Err(StoreError::invalid(format!(
            "unknown tag `{}`; known tags: {}",
            new.tag,
            known.join(", ")
        )));
    }
    check_may_endorse(&account, &company)?;
    let row: EndorsementRow = sqlx::query_as(
        "INSERT INTO endorsements (account_id, company_id, tag_id, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING account_id, company_id, tag_id, created_at",
    )
    .bind(new.account_id)
    .bind(new.company_id)
    .bind(&new.tag)
    .bind(new.created_at)
    .fetch_one(pool)
    .await
    .map_err(db_unique("recording an endorsement", || {
        format!("{} already endorses `{}` at {}", account.email, new.tag, company.name)
    }))?;
    Ok(row.into())
}

pub(crate) async fn withdraw(
    pool: &PgPool,
    account_id: i64,
    company_id: i64,
    tag: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM endorsements WHERE account_id = $1 AND company_id = $2 AND tag_id = $3",
    )
    .bind(account_id)
    .bind(company_id)
    .bind(tag)
    .execute(pool)
    .await
    .map_err(db("withdrawing an endorsement"))?;
    Ok(done.rows_affected() > 0)
}

pub(crate) async fn by_account(
    pool: &PgPool,
    account_id: i64,
) -> Result<Vec<Endorsement>, StoreError> {
    let rows: Vec<EndorsementRow> = sqlx::query_as(
        "SELECT account_id, company_id, tag_id, created_at FROM endorsements \
         WHERE account_id = $1 ORDER BY tag_id COLLATE \"C\"",
    )
    .bind(account_id)
    .fetch_all(pool)
    .await
    .map_err(db("listing endorsements"))?;
    Ok(rows.into_iter().map(Endorsement::from).collect())
}
