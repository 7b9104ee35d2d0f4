//! Listing rows and their SQL fragments, and the statements that read, post, edit, close,
//! renew and hide a listing, and the moderation audit log that hiding one writes to.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dualtrack_board::{
    AuditEntry, CompanyBrief, CompanyStore, Cursor, Listing, ListingDraft, ListingStore,
    ListingSummary, NewAuditEntry, NewListing, SalaryRange, StoreError, TagStatus, Track,
    Workplace, default_expiry,
};
use sqlx::query::Query;
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments, Row as _};

use super::error::db;
use super::{Backend, Conn, Row, SqlStore, Value, check_limit};

/// One listing joined with its company, as [`LISTING_COLUMNS`] plus a `description` column
/// select it.
#[derive(Debug, sqlx::FromRow)]
pub struct ListingRow {
    pub id: i64,
    pub title: String,
    pub track: String,
    pub rung: String,
    pub location: String,
    pub workplace: String,
    pub description: String,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub salary_currency: Option<String>,
    pub posted_at: DateTime<Utc>,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub ic_top_rung: String,
    pub ic_past_staff: bool,
    pub has_dual_ladder: bool,
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
}

/// Every [`ListingRow`] column but `description`, which the caller adds (the text for a
/// single listing, an empty string for a search page).
pub const LISTING_COLUMNS: &str = "SELECT l.id, l.title, l.track, l.rung, l.location, l.workplace, \
     l.salary_min, l.salary_max, l.salary_currency, l.posted_at, c.id AS company_id, \
     c.slug AS company_slug, c.name AS company_name, c.ic_top_rung, c.ic_past_staff, \
     c.has_dual_ladder, l.apply_url, l.apply_email, l.expires_at, l.closed_at, l.hidden_at";

/// Only the listings open at the bound time: not closed, not hidden, expiry ahead. Written the
/// way the partial search indexes are defined, so both databases use them.
pub const OPEN_AT: &str = " AND l.closed_at IS NULL AND l.hidden_at IS NULL AND l.expires_at > ";

/// The join every listing query reads from, open for `AND` conditions.
pub const FROM_LISTINGS: &str =
    " FROM listings l JOIN companies c ON c.id = l.company_id WHERE 1 = 1";

/// Reads a stored track, refusing one the board does not know.
pub fn parse_track(text: &str) -> Result<Track, StoreError> {
    text.parse()
        .map_err(|_| StoreError::InvalidData(format!("unknown track `{text}` in the database")))
}

impl ListingRow {
    /// The listing with its company's tag standings.
    pub fn into_listing(self, tags: Vec<TagStatus>) -> Result<Listing, StoreError> {
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
            apply_url: self.apply_url,
            apply_email: self.apply_email,
            expires_at: self.expires_at,
            closed_at: self.closed_at,
            hidden_at: self.hidden_at,
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
        expires_at: listing.expires_at,
        company: listing.company,
        fit: None,
    }
}

/// Cuts a page fetched with one extra row (`limit + 1`) down to `limit` rows, and gives the
/// cursor of the next page when that extra row showed one follows.
pub fn finish_page(mut rows: Vec<ListingRow>, limit: u32) -> (Vec<ListingRow>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = rows.last().filter(|_| more).map(|last| {
        Cursor {
            posted_at: last.posted_at,
            id: last.id,
            score: None,
        }
        .encode()
    });
    (rows, next)
}

/// The distinct companies of a page, sorted, for one tag lookup.
pub fn company_ids(rows: &[ListingRow]) -> Vec<i64> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.company_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The page's summaries, each with its company's tags from `tags`.
pub fn summaries(
    rows: Vec<ListingRow>,
    tags: &HashMap<i64, Vec<TagStatus>>,
) -> Result<Vec<ListingSummary>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let own = tags.get(&row.company_id).cloned().unwrap_or_default();
            row.into_listing(own).map(summary)
        })
        .collect()
}

/// The columns of an [`AuditRow`].
pub const AUDIT_COLUMNS: &str = "id, at, actor_id, action, target, reason";

/// One `audit_log` row.
#[derive(Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub action: String,
    pub target: String,
    pub reason: String,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        Self {
            id: row.id,
            at: row.at,
            actor: row.actor_id,
            action: row.action,
            target: row.target,
            reason: row.reason,
        }
    }
}

/// The content of a listing to import, as a draft: the fields the listing statements bind.
pub fn draft_of(listing: &NewListing) -> ListingDraft {
    ListingDraft {
        title: listing.title.clone(),
        track: listing.track,
        rung: listing.rung.clone(),
        location: listing.location.clone(),
        workplace: listing.workplace,
        salary: listing.salary.clone(),
        description: listing.description.clone(),
        apply_url: listing.apply_url.clone(),
        apply_email: listing.apply_email.clone(),
        expires_at: listing.expires_at,
    }
}

#[async_trait::async_trait]
impl<B> ListingStore for SqlStore<B>
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
    async fn listing(&self, id: i64) -> Result<Option<Listing>, StoreError> {
        let row: Option<ListingRow> = sqlx::query_as(&format!(
            "{LISTING_COLUMNS}, l.description{FROM_LISTINGS} AND l.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("reading a listing"))?;
        let Some(row) = row else { return Ok(None) };
        let tags = self.company_tags(row.company_id).await?;
        row.into_listing(tags).map(Some)
    }

    async fn create_listing(
        &self,
        company_id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        let now = dualtrack_board::whole_seconds(now);
        let draft = draft.clone().tidy();
        draft.check(now)?;
        self.check_company_exists(company_id).await?;
        let expires_at = draft.expires_at.unwrap_or_else(|| default_expiry(now));
        let id = Self::insert_listing(self.pool(), company_id, now, expires_at, &draft)
            .await
            .map_err(db::<B>("posting a listing"))?;
        reread_listing(self, id).await
    }

    async fn update_listing(
        &self,
        id: i64,
        draft: &ListingDraft,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        let draft = draft.clone().tidy();
        draft.check(dualtrack_board::whole_seconds(now))?;
        let query = sqlx::query(
            "UPDATE listings SET title = $1, track = $2, rung = $3, location = $4, \
             workplace = $5, description = $6, salary_min = $7, salary_max = $8, \
             salary_currency = $9, apply_url = $10, apply_email = $11, \
             expires_at = COALESCE($12, expires_at) WHERE id = $13",
        );
        let query = Self::bind_content(query, &draft)
            .bind(draft.expires_at)
            .bind(id);
        let done = Self::changed(self.pool(), query, "editing a listing").await?;
        written_listing(self, id, done).await
    }

    async fn import_listing(&self, listing: &NewListing) -> Result<Listing, StoreError> {
        let company = self
            .company_by_slug(&listing.company)
            .await?
            .ok_or_else(|| StoreError::not_found("company", &listing.company))?;
        if let Some(salary) = &listing.salary {
            salary.check().map_err(StoreError::InvalidInput)?;
        }
        let posted_at = dualtrack_board::whole_seconds(listing.posted_at);
        let draft = draft_of(listing);
        let id = Self::insert_listing(self.pool(), company.id, posted_at, listing.expiry(), &draft)
            .await
            .map_err(db::<B>("importing a listing"))?;
        reread_listing(self, id).await
    }

    async fn close_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        let query =
            sqlx::query("UPDATE listings SET closed_at = COALESCE(closed_at, $1) WHERE id = $2")
                .bind(dualtrack_board::whole_seconds(now))
                .bind(id);
        let done = Self::changed(self.pool(), query, "closing a listing").await?;
        written_listing(self, id, done).await
    }

    async fn renew_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        let query =
            sqlx::query("UPDATE listings SET closed_at = NULL, expires_at = $1 WHERE id = $2")
                .bind(default_expiry(now))
                .bind(id);
        let done = Self::changed(self.pool(), query, "renewing a listing").await?;
        written_listing(self, id, done).await
    }

    async fn hide_listing(
        &self,
        id: i64,
        actor: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Listing, StoreError> {
        const ACTION: &str = "hiding a listing";
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::invalid(
                "say why the listing is hidden; the reason goes into the audit log",
            ));
        }
        if reason.chars().count() > dualtrack_board::MAX_HIDE_REASON {
            return Err(StoreError::invalid(format!(
                "shorten the reason to at most {} characters",
                dualtrack_board::MAX_HIDE_REASON
            )));
        }
        let now = dualtrack_board::whole_seconds(now);
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        let query = sqlx::query(
            "UPDATE listings SET hidden_at = COALESCE(hidden_at, $1), hidden_reason = $2 \
             WHERE id = $3",
        )
        .bind(now)
        .bind(reason.to_owned())
        .bind(id);
        let done = Self::changed(&mut *tx, query, ACTION).await?;
        if done == 0 {
            return Err(StoreError::not_found("listing", id));
        }
        let entry = NewAuditEntry {
            at: now,
            actor: Some(actor),
            action: "hide_listing".into(),
            target: format!("listing {id}"),
            reason: reason.to_owned(),
        };
        Self::insert_audit(&mut *tx, &entry, ACTION).await?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        reread_listing(self, id).await
    }

    async fn company_listings(
        &self,
        company_id: i64,
        limit: u32,
    ) -> Result<Vec<Listing>, StoreError> {
        check_limit("listing limit", limit, 1000)?;
        let tags = self.company_tags(company_id).await?;
        let rows: Vec<ListingRow> = sqlx::query_as(&format!(
            "{LISTING_COLUMNS}, l.description{FROM_LISTINGS} AND l.company_id = $1 \
             ORDER BY l.posted_at DESC, l.id DESC LIMIT $2"
        ))
        .bind(company_id)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("listing a company's listings"))?;
        rows.into_iter()
            .map(|row| row.into_listing(tags.clone()))
            .collect()
    }

    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError> {
        entry.validate()?;
        let action = "recording an audit entry";
        Ok(Self::insert_audit(self.pool(), entry, action).await?.into())
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        check_limit("audit log limit", limit, 1000)?;
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY at DESC, id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("reading the audit log"))?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }
}

impl<B> SqlStore<B>
where
    B: Backend,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    for<'r> &'r str: ColumnIndex<Row<B>>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    String: Value<B::Db>,
    DateTime<Utc>: Value<B::Db>,
    Option<i64>: Value<B::Db>,
    Option<String>: Value<B::Db>,
{
    /// Writes one audit log entry through `exec` (the pool, or the transaction of the change
    /// it records).
    async fn insert_audit<'e, E>(
        exec: E,
        entry: &NewAuditEntry,
        action: &'static str,
    ) -> Result<AuditRow, StoreError>
    where
        E: Executor<'e, Database = B::Db>,
    {
        sqlx::query_as(&format!(
            "INSERT INTO audit_log (at, actor_id, action, target, reason) \
             VALUES ($1, $2, $3, $4, $5) RETURNING {AUDIT_COLUMNS}"
        ))
        .bind(entry.at)
        .bind(entry.actor)
        .bind(entry.action.clone())
        .bind(entry.target.clone())
        .bind(entry.reason.clone())
        .fetch_one(exec)
        .await
        .map_err(db::<B>(action))
    }

    /// Writes a new listing through `exec` (the pool, or a transaction) and gives its id: the
    /// one statement behind posting, importing and seeding a listing.
    pub(super) async fn insert_listing<'e, E>(
        exec: E,
        company_id: i64,
        posted_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        content: &ListingDraft,
    ) -> Result<i64, sqlx::Error>
    where
        E: Executor<'e, Database = B::Db>,
    {
        let row = Self::bind_content(
            sqlx::query(
                "INSERT INTO listings (title, track, rung, location, workplace, description, \
                 salary_min, salary_max, salary_currency, apply_url, apply_email, company_id, \
                 posted_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
            ),
            content,
        )
        .bind(company_id)
        .bind(posted_at)
        .bind(expires_at)
        .fetch_one(exec)
        .await?;
        row.try_get(0)
    }

    /// Binds what an employer writes (`$1` to `$11` of the insert and the update).
    fn bind_content<'q>(
        query: Query<'q, B::Db, <B::Db as Database>::Arguments<'q>>,
        content: &'q ListingDraft,
    ) -> Query<'q, B::Db, <B::Db as Database>::Arguments<'q>> {
        let salary = content.salary.as_ref();
        query
            .bind(&content.title)
            .bind(content.track.as_str().to_owned())
            .bind(&content.rung)
            .bind(&content.location)
            .bind(content.workplace.as_str().to_owned())
            .bind(&content.description)
            .bind(salary.map(|s| i64::from(s.min)))
            .bind(salary.map(|s| i64::from(s.max)))
            .bind(salary.map(|s| s.currency.clone()))
            .bind(&content.apply_url)
            .bind(&content.apply_email)
    }
}

/// The tail of a listing write: a statement that touched no row means there is no such
/// listing; otherwise the listing as it is now stored.
async fn written_listing(
    store: &(impl ListingStore + Sync),
    id: i64,
    rows_affected: u64,
) -> Result<Listing, StoreError> {
    if rows_affected == 0 {
        return Err(StoreError::not_found("listing", id));
    }
    reread_listing(store, id).await
}

/// Listing `id` as it is now stored, after a write that made or changed it.
async fn reread_listing(
    store: &(impl ListingStore + Sync),
    id: i64,
) -> Result<Listing, StoreError> {
    let listing = store.listing(id).await?;
    listing.ok_or_else(|| StoreError::not_found("listing", id))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn row(id: i64, company_id: i64) -> ListingRow {
        ListingRow {
            id,
            title: "Staff Engineer".into(),
            track: "ic".into(),
            rung: "staff".into(),
            location: "Berlin".into(),
            workplace: "remote".into(),
            description: String::new(),
            salary_min: None,
            salary_max: None,
            salary_currency: None,
            posted_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            company_id,
            company_slug: "acme".into(),
            company_name: "Acme".into(),
            ic_top_rung: "principal".into(),
            ic_past_staff: true,
            has_dual_ladder: true,
            apply_url: None,
            apply_email: Some("jobs@acme.example".into()),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 2, 3, 4, 5).unwrap(),
            closed_at: None,
            hidden_at: None,
        }
    }

    #[test]
    fn finish_page_gives_a_cursor_only_when_the_extra_row_came_back() {
        let (rows, next) = finish_page(vec![row(3, 1), row(2, 1), row(1, 1)], 2);
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [3, 2]);
        let cursor = Cursor::decode(&next.unwrap()).unwrap();
        assert_eq!(cursor.id, 2);

        let (rows, next) = finish_page(vec![row(3, 1), row(2, 1)], 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(next, None);
    }

    #[test]
    fn company_ids_are_sorted_and_distinct() {
        assert_eq!(company_ids(&[row(1, 7), row(2, 3), row(3, 7)]), [3, 7]);
    }

    #[test]
    fn unknown_track_is_invalid_data() {
        assert!(matches!(
            parse_track("astronaut"),
            Err(StoreError::InvalidData(msg)) if msg.contains("astronaut")
        ));
    }
}
