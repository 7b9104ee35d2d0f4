//! Companies, the tag vocabulary, company ladders and tag standings, and loading the demo
//! board into an empty database.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dualtrack_board::{
    Company, CompanySize, CompanyStore, CultureTag, DemoData, RemotePolicy, SeedSummary,
    StoreError, TagStatus, sort_tags, tag_status_at,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::endorsements::{ConfirmationRow, DisputeCountRow};
use super::error::db;
use super::listings::draft_of;
use super::{Backend, Conn, Row, SqlStore, Value};

/// The tag vocabulary in display order.
pub const TAGS_QUERY: &str = "SELECT id, label, description FROM tags ORDER BY position, id";

/// One row of [`TAGS_QUERY`]: id, label, description.
pub type TagRow = (String, String, String);

/// Turns [`TAGS_QUERY`] rows into the vocabulary.
pub fn tags_from_rows(rows: Vec<TagRow>) -> Vec<CultureTag> {
    rows.into_iter()
        .map(|(id, label, description)| CultureTag {
            id,
            label,
            description,
        })
        .collect()
}

/// One company with its listing count, as [`COMPANY_COLUMNS`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub struct CompanyRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub domain: String,
    pub summary: String,
    pub size: String,
    pub remote_policy: String,
    pub ic_top_rung: String,
    pub ic_past_staff: bool,
    pub has_dual_ladder: bool,
    pub fictional: bool,
    pub open_listings: i64,
}

/// Reads [`CompanyRow`]s; the caller appends its `WHERE` / `ORDER BY`.
pub const COMPANY_COLUMNS: &str = "SELECT c.id, c.slug, c.name, c.domain, c.summary, c.size, \
     c.remote_policy, c.ic_top_rung, c.ic_past_staff, c.has_dual_ladder, c.fictional, \
     (SELECT COUNT(*) FROM listings l WHERE l.company_id = c.id) AS open_listings \
     FROM companies c";

impl CompanyRow {
    /// The company with its tag standings; fails on a size or remote policy the board does
    /// not know.
    pub fn into_company(self, tags: Vec<TagStatus>) -> Result<Company, StoreError> {
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

/// Joins each company row with its own tags from `tags` (taken out of the map).
pub fn companies_with_tags(
    rows: Vec<CompanyRow>,
    mut tags: HashMap<i64, Vec<TagStatus>>,
) -> Result<Vec<Company>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let own = tags.remove(&row.id).unwrap_or_default();
            row.into_company(own)
        })
        .collect()
}

/// Tag standings of every company; the caller appends a `WHERE` on `ct.company_id` for fewer.
pub const COMPANY_TAGS: &str = "SELECT ct.company_id, ct.tag_id, t.label, ct.claimed, \
     ct.endorsements FROM company_tags ct JOIN tags t ON t.id = ct.tag_id";

/// [`COMPANY_TAGS`] of the one company `$1`. Not the view with a `WHERE`: SQLite cannot push
/// the condition into the view's grouped `UNION ALL`, so it grouped every claim and
/// endorsement of the board for each call (about 10 ms at 20,000 companies, most of the time
/// of reading one listing); here both reads select through the `(company_id, tag_id)` keys.
pub const COMPANY_TAGS_OF_ONE: &str = "SELECT k.company_id, k.tag_id, t.label, \
     EXISTS (SELECT 1 FROM company_tag_claims c \
             WHERE c.company_id = k.company_id AND c.tag_id = k.tag_id) AS claimed, \
     (SELECT COUNT(*) FROM endorsements e \
      WHERE e.company_id = k.company_id AND e.tag_id = k.tag_id) AS endorsements \
     FROM (SELECT company_id, tag_id FROM company_tag_claims WHERE company_id = $1 \
           UNION SELECT company_id, tag_id FROM endorsements WHERE company_id = $1) k \
     JOIN tags t ON t.id = k.tag_id";

/// Like [`COMPANY_TAGS`], but counting only confirmations made after `$1`, as the company
/// page does: an unrefreshed tag falls back to claimed (or drops out when nobody claims it).
/// The caller appends `AND ct.company_id ...` conditions.
pub const COMPANY_TAGS_SINCE: &str = "SELECT ct.company_id, ct.tag_id, t.label, ct.claimed, \
     ct.endorsements FROM (SELECT k.company_id, k.tag_id, \
     EXISTS (SELECT 1 FROM company_tag_claims c \
             WHERE c.company_id = k.company_id AND c.tag_id = k.tag_id) AS claimed, \
     (SELECT COUNT(*) FROM endorsements e \
      WHERE e.company_id = k.company_id AND e.tag_id = k.tag_id AND e.created_at > $1) \
      AS endorsements \
     FROM (SELECT company_id, tag_id FROM company_tag_claims \
           UNION SELECT company_id, tag_id FROM endorsements) k) ct \
     JOIN tags t ON t.id = ct.tag_id WHERE (ct.claimed OR ct.endorsements > 0)";

/// One row of the company-tags query: company id, tag id, label, claimed, endorsements.
pub type CompanyTagRow = (i64, String, String, bool, i64);

/// Groups company-tag rows by company, each list sorted for display.
pub fn group_company_tags(rows: Vec<CompanyTagRow>) -> HashMap<i64, Vec<TagStatus>> {
    let mut out: HashMap<i64, Vec<TagStatus>> = HashMap::new();
    for (company_id, tag, label, claimed, endorsements) in rows {
        let endorsements = u32::try_from(endorsements).unwrap_or(u32::MAX);
        out.entry(company_id)
            .or_default()
            .push(TagStatus::new(tag, label, claimed, endorsements));
    }
    for tags in out.values_mut() {
        sort_tags(tags);
    }
    out
}

/// A row of `company_ladders`.
#[derive(Debug, sqlx::FromRow)]
pub struct CompanyLadderRow {
    pub company_id: i64,
    pub ladder_toml: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
}

impl From<CompanyLadderRow> for dualtrack_board::StoredCompanyLadder {
    fn from(row: CompanyLadderRow) -> Self {
        Self {
            company_id: row.company_id,
            ladder_toml: row.ladder_toml,
            uploaded_by: row.uploaded_by,
            uploaded_at: row.uploaded_at,
        }
    }
}

/// Why demo data is refused on a board that already has companies.
fn not_empty() -> StoreError {
    StoreError::Conflict(
        "the board already has companies; demo data is only loaded into an empty database \
         (use a fresh --database-url)"
            .into(),
    )
}

/// Why a demo record naming an unknown company slug is refused.
fn unknown_company(slug: &str) -> StoreError {
    StoreError::InvalidData(format!("demo data refers to unknown company `{slug}`"))
}

/// What was loaded: the demo's own counts plus the endorsements actually written.
fn seed_summary(demo: &DemoData, endorsements: usize) -> SeedSummary {
    SeedSummary {
        tags: demo.tags.len(),
        companies: demo.companies.len(),
        listings: demo.listings.len(),
        accounts: demo.accounts.len(),
        endorsements,
    }
}

#[async_trait::async_trait]
impl<B> CompanyStore for SqlStore<B>
where
    B: Backend,
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
    async fn is_empty(&self) -> Result<bool, StoreError> {
        let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(self.pool())
            .await
            .map_err(db::<B>("checking whether the board is empty"))?;
        Ok(companies == 0)
    }

    async fn seed_demo(&self, demo: &DemoData) -> Result<SeedSummary, StoreError> {
        const ACTION: &str = "seeding the demo board";
        let now = Utc::now();
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        if companies > 0 {
            return Err(not_empty());
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
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        }
        let mut company_ids = std::collections::HashMap::new();
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
            .bind(company.size.as_str().to_owned())
            .bind(company.remote_policy.as_str().to_owned())
            .bind(&company.ic_top_rung)
            .bind(company.ic_past_staff())
            .bind(company.has_dual_ladder)
            .bind(company.fictional)
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
            for tag in &company.tags {
                sqlx::query("INSERT INTO company_tag_claims (company_id, tag_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(tag)
                    .execute(&mut *tx)
                    .await
                    .map_err(db::<B>(ACTION))?;
            }
            company_ids.insert(company.slug.as_str(), id);
        }
        let company_id = |slug: &str| {
            company_ids
                .get(slug)
                .copied()
                .ok_or_else(|| unknown_company(slug))
        };
        for listing in &demo.listings {
            let company = company_id(&listing.company)?;
            let draft = draft_of(listing);
            Self::insert_listing(
                &mut *tx,
                company,
                listing.posted_at,
                listing.expiry(),
                &draft,
            )
            .await
            .map_err(db::<B>(ACTION))?;
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
            .map_err(db::<B>(ACTION))?;
            let Some(company) = verified else { continue };
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
                .map_err(db::<B>(ACTION))?;
                endorsements += 1;
            }
        }
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(seed_summary(demo, endorsements))
    }

    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError> {
        let rows: Vec<TagRow> = sqlx::query_as(TAGS_QUERY)
            .fetch_all(self.pool())
            .await
            .map_err(db::<B>("reading the tag vocabulary"))?;
        Ok(tags_from_rows(rows))
    }

    async fn companies(&self) -> Result<Vec<Company>, StoreError> {
        let rows: Vec<CompanyRow> =
            sqlx::query_as(&format!("{COMPANY_COLUMNS} ORDER BY c.name, c.id"))
                .fetch_all(self.pool())
                .await
                .map_err(db::<B>("listing companies"))?;
        let tags: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS)
            .fetch_all(self.pool())
            .await
            .map_err(db::<B>("reading company tags"))?;
        companies_with_tags(rows, group_company_tags(tags))
    }

    async fn company(&self, id: i64) -> Result<Option<Company>, StoreError> {
        let row: Option<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        let Some(row) = row else { return Ok(None) };
        let tags: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS_OF_ONE)
            .bind(id)
            .fetch_all(self.pool())
            .await
            .map_err(db::<B>("reading company tags"))?;
        companies_with_tags(vec![row], group_company_tags(tags)).map(|mut one| one.pop())
    }

    async fn set_company_ladder(
        &self,
        upload: &dualtrack_board::CompanyLadderUpload,
    ) -> Result<(), StoreError> {
        const ACTION: &str = "storing a company's ladder";
        if upload.ladder_toml.len() > dualtrack_board::MAX_LADDER_BYTES {
            return Err(StoreError::invalid(format!(
                "the ladder file is {} bytes; at most {} are stored",
                upload.ladder_toml.len(),
                dualtrack_board::MAX_LADDER_BYTES
            )));
        }
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        let query = sqlx::query(
            "UPDATE companies SET ic_top_rung = $1, ic_past_staff = $2, has_dual_ladder = $3 \
             WHERE id = $4",
        )
        .bind(&upload.facts.ic_top_rung)
        .bind(upload.facts.ic_past_staff)
        .bind(upload.facts.has_dual_ladder)
        .bind(upload.company_id);
        let updated = Self::changed(&mut *tx, query, ACTION).await?;
        if updated == 0 {
            return Err(StoreError::not_found("company", upload.company_id));
        }
        sqlx::query(
            "INSERT INTO company_ladders (company_id, ladder_toml, uploaded_by, uploaded_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (company_id) DO UPDATE SET \
             ladder_toml = excluded.ladder_toml, uploaded_by = excluded.uploaded_by, \
             uploaded_at = excluded.uploaded_at",
        )
        .bind(upload.company_id)
        .bind(&upload.ladder_toml)
        .bind(upload.uploaded_by)
        .bind(upload.uploaded_at)
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))
    }

    async fn company_ladder(
        &self,
        company_id: i64,
    ) -> Result<Option<dualtrack_board::StoredCompanyLadder>, StoreError> {
        let row: Option<CompanyLadderRow> = sqlx::query_as(
            "SELECT company_id, ladder_toml, uploaded_by, uploaded_at FROM company_ladders \
             WHERE company_id = $1",
        )
        .bind(company_id)
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("reading a company's ladder"))?;
        Ok(row.map(Into::into))
    }

    async fn company_by_slug(&self, slug: &str) -> Result<Option<Company>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE slug = $1")
            .bind(slug.trim().to_ascii_lowercase())
            .fetch_optional(self.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        match id {
            Some(id) => self.company(id).await,
            None => Ok(None),
        }
    }

    async fn company_tags(&self, company_id: i64) -> Result<Vec<TagStatus>, StoreError> {
        self.check_company_exists(company_id).await?;
        let rows: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS_OF_ONE)
            .bind(company_id)
            .fetch_all(self.pool())
            .await
            .map_err(db::<B>("reading company tags"))?;
        Ok(group_company_tags(rows)
            .remove(&company_id)
            .unwrap_or_default())
    }

    async fn company_tags_at(
        &self,
        company_id: i64,
        now: DateTime<Utc>,
        max_age: chrono::Duration,
    ) -> Result<Vec<TagStatus>, StoreError> {
        const ACTION: &str = "reading company tags";
        self.check_company_exists(company_id).await?;
        let claimed: Vec<String> =
            sqlx::query_scalar("SELECT tag_id FROM company_tag_claims WHERE company_id = $1")
                .bind(company_id)
                .fetch_all(self.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let confirmations: Vec<ConfirmationRow> = sqlx::query_as(
            "SELECT tag_id, created_at, team FROM endorsements WHERE company_id = $1",
        )
        .bind(company_id)
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>(ACTION))?;
        let disputes: Vec<DisputeCountRow> = sqlx::query_as(
            "SELECT tag_id, COUNT(*) FROM tag_disputes WHERE company_id = $1 GROUP BY tag_id",
        )
        .bind(company_id)
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>(ACTION))?;
        let mut statuses = Vec::new();
        for tag in self.tags().await? {
            let is_claimed = claimed.contains(&tag.id);
            let mine: Vec<dualtrack_board::Confirmation> = confirmations
                .iter()
                .filter(|(id, _, _)| *id == tag.id)
                .map(|(_, at, team)| dualtrack_board::Confirmation {
                    at: *at,
                    team: team.clone(),
                })
                .collect();
            let disputed = disputes
                .iter()
                .find(|(id, _)| *id == tag.id)
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX));
            if !is_claimed && mine.is_empty() && disputed == 0 {
                continue;
            }
            statuses.push(tag_status_at(
                tag.id, tag.label, is_claimed, &mine, disputed, now, max_age,
            ));
        }
        sort_tags(&mut statuses);
        Ok(statuses)
    }
}

impl<B> SqlStore<B>
where
    B: Backend,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
{
    /// Refuses a company id that names no company.
    pub(super) async fn check_company_exists(&self, company_id: i64) -> Result<(), StoreError> {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_optional(self.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        exists
            .map(|_| ())
            .ok_or_else(|| StoreError::not_found("company", company_id))
    }
}

/// The ids of the tag vocabulary, in display order.
pub(super) async fn tag_ids(store: &(impl CompanyStore + Sync)) -> Result<Vec<String>, StoreError> {
    Ok(store.tags().await?.into_iter().map(|t| t.id).collect())
}
