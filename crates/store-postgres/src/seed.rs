//! Writing the demo board into an empty PostgreSQL database.

use std::collections::HashMap;

use chrono::Utc;
use dualtrack_board::{DemoData, SeedSummary, StoreError};
use dualtrack_store_sql::seed;
use sqlx::PgPool;

use crate::error::db;

pub(crate) async fn is_empty(pool: &PgPool) -> Result<bool, StoreError> {
    let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
        .fetch_one(pool)
        .await
        .map_err(db("checking whether the board is empty"))?;
    Ok(companies == 0)
}

pub(crate) async fn seed(pool: &PgPool, demo: &DemoData) -> Result<SeedSummary, StoreError> {
    const ACTION: &str = "seeding the demo board";
    let now = Utc::now();
    let mut tx = pool.begin().await.map_err(db(ACTION))?;
    let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
        .fetch_one(&mut *tx)
        .await
        .map_err(db(ACTION))?;
    if companies > 0 {
        return Err(seed::not_empty());
    }

    for (position, tag) in demo.tags.iter().enumerate() {
        sqlx::query(
            "INSERT INTO tags (id, label, description, position) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET label = excluded.label, \
             description = excluded.description, position = excluded.position",
        )
        .bind(&tag.id)
        .bind(&tag.label)
        .bind(&tag.description)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .execute(&mut *tx)
        .await
        .map_err(db(ACTION))?;
    }

    let mut company_ids: HashMap<&str, i64> = HashMap::new();
    for company in &demo.companies {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO companies (slug, name, domain, summary, size, remote_policy, \
             ic_top_rung, ic_past_staff, has_dual_ladder, fictional) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&company.slug)
        .bind(&company.name)
        .bind(&company.domain)
        .bind(&company.summary)
        .bind(company.size.as_str())
        .bind(company.remote_policy.as_str())
        .bind(&company.ic_top_rung)
        .bind(company.ic_past_staff())
        .bind(company.has_dual_ladder)
        .bind(company.fictional)
        .fetch_one(&mut *tx)
        .await
        .map_err(db(ACTION))?;
        for tag in &company.tags {
            sqlx::query("INSERT INTO company_tag_claims (company_id, tag_id) VALUES ($1, $2)")
                .bind(id)
                .bind(tag)
                .execute(&mut *tx)
                .await
                .map_err(db(ACTION))?;
        }
        company_ids.insert(company.slug.as_str(), id);
    }
    let company_id = |slug: &str| {
        company_ids
            .get(slug)
            .copied()
            .ok_or_else(|| seed::unknown_company(slug))
    };

    for listing in &demo.listings {
        let salary = listing.salary.as_ref();
        sqlx::query(
            "INSERT INTO listings (company_id, title, track, rung, location, workplace, \
             description, salary_min, salary_max, salary_currency, posted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(company_id(&listing.company)?)
        .bind(&listing.title)
        .bind(listing.track.as_str())
        .bind(&listing.rung)
        .bind(&listing.location)
        .bind(listing.workplace.as_str())
        .bind(&listing.description)
        .bind(salary.map(|s| i64::from(s.min)))
        .bind(salary.map(|s| i64::from(s.max)))
        .bind(salary.map(|s| s.currency.as_str()))
        .bind(listing.posted_at)
        .execute(&mut *tx)
        .await
        .map_err(db(ACTION))?;
    }

    let mut endorsements = 0;
    for account in &demo.accounts {
        let verified = account
            .verified_company
            .as_deref()
            .map(company_id)
            .transpose()?;
        let account_id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, password_hash, verified_company_id, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&account.email)
        .bind(&account.password_hash)
        .bind(verified)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db(ACTION))?;
        if let Some(company) = verified {
            for tag in &account.endorses {
                sqlx::query(
                    "INSERT INTO endorsements (account_id, company_id, tag_id, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(account_id)
                .bind(company)
                .bind(tag)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db(ACTION))?;
                endorsements += 1;
            }
        }
    }

    tx.commit().await.map_err(db(ACTION))?;
    Ok(seed::summary(demo, endorsements))
}
