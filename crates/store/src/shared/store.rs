//! The one `Store` impl: every statement both databases share, for any [`Backend`].
//!
//! (`Store` is the board's trait, so Rust's orphan rule wants a local type in the impl: the
//! [`SqlStore`] wrapper.)

use chrono::{DateTime, Utc};
use dualtrack_board::{
    Account, ApiToken, AuditEntry, Company, CultureTag, DemoData, Endorsement, Listing,
    ListingDraft, ListingPage, ListingQuery, NewAccount, NewApiToken, NewAuditEntry,
    NewEmailVerification, NewEndorsement, NewListing, NewSavedAssessment, NewSession, Preference,
    Redemption, Role, SavedAssessment, SeedSummary, Session, Store, StoreError, TagStatus,
    check_assessment_limit, check_may_endorse, check_may_verify, clean_team, normalize_email,
    sort_tags, tag_status_at,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments, QueryBuilder};

use super::accounts::{
    ACCOUNT_COLUMNS, ACCOUNT_RETURNING, AccountRow, SESSION_COLUMNS, SessionRow,
    VERIFICATION_COLUMNS, VerificationRow,
};
use super::assessments::{ASSESSMENT_COLUMNS, AssessmentRow};
use super::audit::{AUDIT_COLUMNS, AuditRow};
use super::companies::{
    COMPANY_COLUMNS, COMPANY_TAGS, COMPANY_TAGS_SINCE, CompanyLadderRow, CompanyRow, CompanyTagRow,
    TAGS_QUERY, TagRow, companies_with_tags, group_company_tags, tags_from_rows,
};
use super::endorsements::{ConfirmationRow, DisputeCountRow, ENDORSEMENT_COLUMNS, EndorsementRow};
use super::error::{db, db_unique};
use super::facets::{FACETS_OF_MATCHES, FacetRow, MATCHES, facets_from_rows};
use super::listings::{
    FROM_LISTINGS, LISTING_COLUMNS, ListingRow, OPEN_AT, company_ids, finish_page, summaries,
};
use super::postings::{self, API_TOKEN_COLUMNS, ApiTokenRow};
use super::{Access, Backend, Drive, SqlStore, Value, facet_cache, seed};
// Trials: separate lines so other additions to the lists above merge cleanly.
use super::trials::{TRIAL_COLUMNS, TrialRow};
use dualtrack_board::{MAX_TRIALS_PER_OWNER, NewTrialRecord, StoredTrial, TrialOwner};
// Trials' private links and reminders.
use chrono::NaiveDate;
use dualtrack_board::{TrialLink, check_link_nonce};
// The search index: separate lines too.
use super::companies::COMPANY_TAGS_OF_ONE;
use super::index_rows::{INDEX_LISTINGS, INDEX_LISTINGS_ORDER, IndexListingRow, index_companies};
use dualtrack_board::{IndexCompany, IndexListing, ListingSummary};

type Conn<B> = <<B as Backend>::Db as Database>::Connection;
type Row<B> = <<B as Backend>::Db as Database>::Row;

// Rust does not carry a trait's where-clauses over to its users, so sqlx's bounds on the
// database are stated here, once, where the shared statements run.
#[async_trait::async_trait]
impl<B> Store for SqlStore<B>
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
    fn backend(&self) -> &'static str {
        B::NAME
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("checking the database answers"))?;
        Ok(())
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(self.0.pool())
            .await
            .map_err(db::<B>("checking whether the board is empty"))?;
        Ok(companies == 0)
    }

    async fn seed_demo(&self, demo: &DemoData) -> Result<SeedSummary, StoreError> {
        const ACTION: &str = "seeding the demo board";
        let now = Utc::now();
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let companies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
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
                .ok_or_else(|| seed::unknown_company(slug))
        };
        for listing in &demo.listings {
            let salary = listing.salary.as_ref();
            sqlx::query(
                "INSERT INTO listings (company_id, title, track, rung, location, workplace, \
                 description, salary_min, salary_max, salary_currency, posted_at, apply_url, \
                 apply_email, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(company_id(&listing.company)?)
            .bind(&listing.title)
            .bind(listing.track.as_str().to_owned())
            .bind(&listing.rung)
            .bind(&listing.location)
            .bind(listing.workplace.as_str().to_owned())
            .bind(&listing.description)
            .bind(salary.map(|s| i64::from(s.min)))
            .bind(salary.map(|s| i64::from(s.max)))
            .bind(salary.map(|s| s.currency.as_str().to_owned()))
            .bind(listing.posted_at)
            .bind(listing.apply_url.clone())
            .bind(listing.apply_email.clone())
            .bind(listing.expiry())
            .execute(&mut *tx)
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
        Ok(seed::summary(demo, endorsements))
    }

    async fn tags(&self) -> Result<Vec<CultureTag>, StoreError> {
        let rows: Vec<TagRow> = sqlx::query_as(TAGS_QUERY)
            .fetch_all(self.0.pool())
            .await
            .map_err(db::<B>("reading the tag vocabulary"))?;
        Ok(tags_from_rows(rows))
    }

    async fn companies(&self) -> Result<Vec<Company>, StoreError> {
        let rows: Vec<CompanyRow> =
            sqlx::query_as(&format!("{COMPANY_COLUMNS} ORDER BY c.name, c.id"))
                .fetch_all(self.0.pool())
                .await
                .map_err(db::<B>("listing companies"))?;
        let tags: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS)
            .fetch_all(self.0.pool())
            .await
            .map_err(db::<B>("reading company tags"))?;
        companies_with_tags(rows, group_company_tags(tags))
    }

    async fn company(&self, id: i64) -> Result<Option<Company>, StoreError> {
        let row: Option<CompanyRow> = sqlx::query_as(&format!("{COMPANY_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(self.0.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        let Some(row) = row else { return Ok(None) };
        let tags: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS_OF_ONE)
            .bind(id)
            .fetch_all(self.0.pool())
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
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let updated = sqlx::query(
            "UPDATE companies SET ic_top_rung = $1, ic_past_staff = $2, has_dual_ladder = $3 \
             WHERE id = $4",
        )
        .bind(&upload.facts.ic_top_rung)
        .bind(upload.facts.ic_past_staff)
        .bind(upload.facts.has_dual_ladder)
        .bind(upload.company_id)
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        if B::rows_affected(&updated) == 0 {
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
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("reading a company's ladder"))?;
        Ok(row.map(Into::into))
    }

    async fn company_by_slug(&self, slug: &str) -> Result<Option<Company>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE slug = $1")
            .bind(slug.trim().to_ascii_lowercase())
            .fetch_optional(self.0.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        match id {
            Some(id) => self.company(id).await,
            None => Ok(None),
        }
    }

    async fn search_listings(
        &self,
        request: &ListingQuery,
        now: DateTime<Utc>,
    ) -> Result<ListingPage, StoreError> {
        let filter = request.validate()?;
        if !filter.tags.is_empty() || !filter.prefs.is_empty() {
            let known: Vec<String> = self.tags().await?.into_iter().map(|t| t.id).collect();
            filter.check_tags_known(&known)?;
        }
        let now = dualtrack_board::whole_seconds(now);
        let confirmed_since = now - filter.confirmation_max_age;
        let ranking = filter.ranking();
        let ranked = !ranking.is_empty();
        let text = self.0.text_drive(&filter).await?;

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
                postings::push_score(&mut page, &ranking, confirmed_since);
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
            postings::push_score(&mut page, &ranking, confirmed_since);
            page.push(" DESC, ");
        }
        page.push("l.posted_at DESC, l.id DESC LIMIT ");
        // One extra row tells whether another page follows.
        page.push_bind(i64::from(filter.limit) + 1);
        let rows: Vec<ListingRow> =
            (self.0.fetch_built(&mut page).await).map_err(db::<B>("searching listings"))?;
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
            (self.0.fetch_built(&mut of_page).await).map_err(db::<B>("reading company tags"))?
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
        let cache = self.0.facet_cache();
        let key = facet_cache::key(&filter);
        let changes: Option<i64> = if cache.enabled() {
            sqlx::query_scalar("SELECT n FROM board_changes WHERE id = 1")
                .fetch_one(self.0.pool())
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
        let facets: Vec<FacetRow> =
            (self.0.fetch_built(&mut count).await).map_err(db::<B>("counting search facets"))?;
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

    async fn listing(&self, id: i64) -> Result<Option<Listing>, StoreError> {
        let row: Option<ListingRow> = sqlx::query_as(&format!(
            "{LISTING_COLUMNS}, l.description{FROM_LISTINGS} AND l.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.0.pool())
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
        if self.company(company_id).await?.is_none() {
            return Err(StoreError::not_found("company", company_id));
        }
        let salary = draft.salary.as_ref();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO listings (company_id, title, track, rung, location, workplace, \
             description, salary_min, salary_max, salary_currency, posted_at, apply_url, \
             apply_email, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(company_id)
        .bind(&draft.title)
        .bind(draft.track.as_str().to_owned())
        .bind(&draft.rung)
        .bind(&draft.location)
        .bind(draft.workplace.as_str().to_owned())
        .bind(&draft.description)
        .bind(salary.map(|s| i64::from(s.min)))
        .bind(salary.map(|s| i64::from(s.max)))
        .bind(salary.map(|s| s.currency.clone()))
        .bind(now)
        .bind(draft.apply_url.clone())
        .bind(draft.apply_email.clone())
        .bind(
            draft
                .expires_at
                .unwrap_or_else(|| dualtrack_board::default_expiry(now)),
        )
        .fetch_one(self.0.pool())
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
        let salary = draft.salary.as_ref();
        let done = sqlx::query(
            "UPDATE listings SET title = $1, track = $2, rung = $3, location = $4, \
             workplace = $5, description = $6, salary_min = $7, salary_max = $8, \
             salary_currency = $9, apply_url = $10, apply_email = $11, \
             expires_at = COALESCE($12, expires_at) WHERE id = $13",
        )
        .bind(&draft.title)
        .bind(draft.track.as_str().to_owned())
        .bind(&draft.rung)
        .bind(&draft.location)
        .bind(draft.workplace.as_str().to_owned())
        .bind(&draft.description)
        .bind(salary.map(|s| i64::from(s.min)))
        .bind(salary.map(|s| i64::from(s.max)))
        .bind(salary.map(|s| s.currency.clone()))
        .bind(draft.apply_url.clone())
        .bind(draft.apply_email.clone())
        .bind(draft.expires_at)
        .bind(id)
        .execute(self.0.pool())
        .await
        .map_err(db::<B>("editing a listing"))?;
        written_listing(self, id, B::rows_affected(&done)).await
    }

    async fn import_listing(&self, listing: &NewListing) -> Result<Listing, StoreError> {
        let company = self
            .company_by_slug(&listing.company)
            .await?
            .ok_or_else(|| StoreError::not_found("company", &listing.company))?;
        let salary = listing.salary.as_ref();
        if let Some(salary) = salary {
            salary.check().map_err(StoreError::InvalidInput)?;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO listings (company_id, title, track, rung, location, workplace, \
             description, salary_min, salary_max, salary_currency, posted_at, apply_url, \
             apply_email, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(company.id)
        .bind(&listing.title)
        .bind(listing.track.as_str().to_owned())
        .bind(&listing.rung)
        .bind(&listing.location)
        .bind(listing.workplace.as_str().to_owned())
        .bind(&listing.description)
        .bind(salary.map(|s| i64::from(s.min)))
        .bind(salary.map(|s| i64::from(s.max)))
        .bind(salary.map(|s| s.currency.clone()))
        .bind(dualtrack_board::whole_seconds(listing.posted_at))
        .bind(listing.apply_url.clone())
        .bind(listing.apply_email.clone())
        .bind(listing.expiry())
        .fetch_one(self.0.pool())
        .await
        .map_err(db::<B>("importing a listing"))?;
        reread_listing(self, id).await
    }

    async fn close_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        let done =
            sqlx::query("UPDATE listings SET closed_at = COALESCE(closed_at, $1) WHERE id = $2")
                .bind(dualtrack_board::whole_seconds(now))
                .bind(id)
                .execute(self.0.pool())
                .await
                .map_err(db::<B>("closing a listing"))?;
        written_listing(self, id, B::rows_affected(&done)).await
    }

    async fn renew_listing(&self, id: i64, now: DateTime<Utc>) -> Result<Listing, StoreError> {
        let done =
            sqlx::query("UPDATE listings SET closed_at = NULL, expires_at = $1 WHERE id = $2")
                .bind(dualtrack_board::default_expiry(now))
                .bind(id)
                .execute(self.0.pool())
                .await
                .map_err(db::<B>("renewing a listing"))?;
        written_listing(self, id, B::rows_affected(&done)).await
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
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let done = sqlx::query(
            "UPDATE listings SET hidden_at = COALESCE(hidden_at, $1), hidden_reason = $2 \
             WHERE id = $3",
        )
        .bind(now)
        .bind(reason.to_owned())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        if B::rows_affected(&done) == 0 {
            return Err(StoreError::not_found("listing", id));
        }
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, target, reason) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(now)
        .bind(Some(actor))
        .bind("hide_listing".to_owned())
        .bind(format!("listing {id}"))
        .bind(reason.to_owned())
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        reread_listing(self, id).await
    }

    async fn company_listings(
        &self,
        company_id: i64,
        limit: u32,
    ) -> Result<Vec<Listing>, StoreError> {
        if !(1..=1000).contains(&limit) {
            return Err(StoreError::invalid(format!(
                "listing limit {limit} is out of range; use 1 to 1000"
            )));
        }
        let tags = self.company_tags(company_id).await?;
        let rows: Vec<ListingRow> = sqlx::query_as(&format!(
            "{LISTING_COLUMNS}, l.description{FROM_LISTINGS} AND l.company_id = $1 \
             ORDER BY l.posted_at DESC, l.id DESC LIMIT $2"
        ))
        .bind(company_id)
        .bind(i64::from(limit))
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing a company's listings"))?;
        rows.into_iter()
            .map(|row| row.into_listing(tags.clone()))
            .collect()
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError> {
        token.validate()?;
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE account_id = $1")
            .bind(token.account_id)
            .fetch_one(self.0.pool())
            .await
            .map_err(db::<B>("counting API tokens"))?;
        if usize::try_from(held).unwrap_or(usize::MAX) >= dualtrack_board::MAX_API_TOKENS {
            return Err(StoreError::Conflict(format!(
                "this account already holds {} API tokens; revoke one first",
                dualtrack_board::MAX_API_TOKENS
            )));
        }
        let row: ApiTokenRow = sqlx::query_as(&format!(
            "INSERT INTO api_tokens (account_id, token_hash, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING {API_TOKEN_COLUMNS}"
        ))
        .bind(token.account_id)
        .bind(token.token_hash.clone())
        .bind(token.label.trim().to_owned())
        .bind(dualtrack_board::whole_seconds(token.created_at))
        .fetch_one(self.0.pool())
        .await
        .map_err(db_unique::<B>("storing an API token", || {
            "a token with this hash exists; generate a fresh token".into()
        }))?;
        Ok(row.into())
    }

    async fn api_token(&self, token_hash: &str) -> Result<Option<(ApiToken, Account)>, StoreError> {
        let row: Option<ApiTokenRow> = sqlx::query_as(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"
        ))
        .bind(token_hash.to_owned())
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("reading an API token"))?;
        let Some(row) = row else { return Ok(None) };
        let token: ApiToken = row.into();
        Ok(self.account(token.account_id).await?.map(|a| (token, a)))
    }

    async fn api_tokens(&self, account_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        let rows: Vec<ApiTokenRow> = sqlx::query_as(&format!(
            "SELECT {API_TOKEN_COLUMNS} FROM api_tokens WHERE account_id = $1 \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(account_id)
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing API tokens"))?;
        Ok(rows.into_iter().map(ApiToken::from).collect())
    }

    async fn revoke_api_token(&self, account_id: i64, token_id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND account_id = $2")
            .bind(token_id)
            .bind(account_id)
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("revoking an API token"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn preferences(&self, account_id: i64) -> Result<Vec<Preference>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.tag_id, p.level FROM account_preferences p JOIN tags t ON t.id = p.tag_id \
             WHERE p.account_id = $1 ORDER BY t.position",
        )
        .bind(account_id)
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("reading saved preferences"))?;
        rows.into_iter()
            .map(|(tag, level)| {
                Ok(Preference {
                    tag,
                    level: dualtrack_board::Level::parse(&level)
                        .map_err(|e| StoreError::InvalidData(e.to_string()))?,
                })
            })
            .collect()
    }

    async fn save_preferences(
        &self,
        account_id: i64,
        prefs: &[Preference],
    ) -> Result<(), StoreError> {
        const ACTION: &str = "saving preferences";
        let known: Vec<String> = self.tags().await?.into_iter().map(|t| t.id).collect();
        if let Some(unknown) = prefs.iter().find(|p| !known.contains(&p.tag)) {
            return Err(StoreError::invalid(format!(
                "unknown tag `{}`; known tags: {}",
                unknown.tag,
                known.join(", ")
            )));
        }
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        sqlx::query("DELETE FROM account_preferences WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        for pref in prefs {
            sqlx::query(
                "INSERT INTO account_preferences (account_id, tag_id, level) VALUES ($1, $2, $3) \
                 ON CONFLICT (account_id, tag_id) DO UPDATE SET level = excluded.level",
            )
            .bind(account_id)
            .bind(pref.tag.clone())
            .bind(pref.level.as_str().to_owned())
            .execute(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        }
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(())
    }

    async fn company_tags(&self, company_id: i64) -> Result<Vec<TagStatus>, StoreError> {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_optional(self.0.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        if exists.is_none() {
            return Err(StoreError::not_found("company", company_id));
        }
        let rows: Vec<CompanyTagRow> = sqlx::query_as(COMPANY_TAGS_OF_ONE)
            .bind(company_id)
            .fetch_all(self.0.pool())
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
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM companies WHERE id = $1")
            .bind(company_id)
            .fetch_optional(self.0.pool())
            .await
            .map_err(db::<B>("reading a company"))?;
        if exists.is_none() {
            return Err(StoreError::not_found("company", company_id));
        }
        let claimed: Vec<String> =
            sqlx::query_scalar("SELECT tag_id FROM company_tag_claims WHERE company_id = $1")
                .bind(company_id)
                .fetch_all(self.0.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let confirmations: Vec<ConfirmationRow> = sqlx::query_as(
            "SELECT tag_id, created_at, team FROM endorsements WHERE company_id = $1",
        )
        .bind(company_id)
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>(ACTION))?;
        let disputes: Vec<DisputeCountRow> = sqlx::query_as(
            "SELECT tag_id, COUNT(*) FROM tag_disputes WHERE company_id = $1 GROUP BY tag_id",
        )
        .bind(company_id)
        .fetch_all(self.0.pool())
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

    async fn dispute_tag(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const ACTION: &str = "recording a dispute";
        let account = self
            .account(account_id)
            .await?
            .ok_or_else(|| StoreError::not_found("account", account_id))?;
        let company = self
            .company(company_id)
            .await?
            .ok_or_else(|| StoreError::not_found("company", company_id))?;
        check_may_endorse(&account, &company)?;
        let claimed: Option<String> = sqlx::query_scalar(
            "SELECT tag_id FROM company_tag_claims WHERE company_id = $1 AND tag_id = $2",
        )
        .bind(company_id)
        .bind(tag.to_owned())
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>(ACTION))?;
        if claimed.is_none() {
            return Err(StoreError::invalid(format!(
                "{} does not claim `{tag}`; only a tag the company claims can be disputed",
                company.name
            )));
        }
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        sqlx::query(
            "DELETE FROM endorsements WHERE account_id = $1 AND company_id = $2 AND tag_id = $3",
        )
        .bind(account_id)
        .bind(company_id)
        .bind(tag.to_owned())
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        sqlx::query(
            "INSERT INTO tag_disputes (account_id, company_id, tag_id, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(account_id)
        .bind(company_id)
        .bind(tag.to_owned())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_unique::<B>(ACTION, || {
            format!(
                "{} already disputes `{tag}` at {}",
                account.email, company.name
            )
        }))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(())
    }

    async fn withdraw_dispute(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM tag_disputes WHERE account_id = $1 AND company_id = $2 AND tag_id = $3",
        )
        .bind(account_id)
        .bind(company_id)
        .bind(tag.to_owned())
        .execute(self.0.pool())
        .await
        .map_err(db::<B>("withdrawing a dispute"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn account_disputes(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Vec<String>, StoreError> {
        let mut tags: Vec<String> = sqlx::query_scalar(
            "SELECT tag_id FROM tag_disputes WHERE account_id = $1 AND company_id = $2",
        )
        .bind(account_id)
        .bind(company_id)
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("reading disputes"))?;
        tags.sort();
        Ok(tags)
    }

    async fn endorse(&self, new: &NewEndorsement) -> Result<Endorsement, StoreError> {
        let account = self
            .account(new.account_id)
            .await?
            .ok_or_else(|| StoreError::not_found("account", new.account_id))?;
        let company = self
            .company(new.company_id)
            .await?
            .ok_or_else(|| StoreError::not_found("company", new.company_id))?;
        let known: Vec<String> = self.tags().await?.into_iter().map(|t| t.id).collect();
        if !known.contains(&new.tag) {
            return Err(StoreError::invalid(format!(
                "unknown tag `{}`; known tags: {}",
                new.tag,
                known.join(", ")
            )));
        }
        check_may_endorse(&account, &company)?;
        let team = clean_team(new.team.as_deref())?;
        // Confirming a tag takes back one's own dispute of it.
        self.withdraw_dispute(new.account_id, new.company_id, &new.tag)
            .await?;
        let row: EndorsementRow = sqlx::query_as(&format!(
            "INSERT INTO endorsements (account_id, company_id, tag_id, created_at, team) \
             VALUES ($1, $2, $3, $4, $5) RETURNING {ENDORSEMENT_COLUMNS}"
        ))
        .bind(new.account_id)
        .bind(new.company_id)
        .bind(&new.tag)
        .bind(new.created_at)
        .bind(team)
        .fetch_one(self.0.pool())
        .await
        .map_err(db_unique::<B>("recording an endorsement", || {
            format!(
                "{} already endorses `{}` at {}",
                account.email, new.tag, company.name
            )
        }))?;
        Ok(row.into())
    }

    async fn withdraw_endorsement(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM endorsements WHERE account_id = $1 AND company_id = $2 AND tag_id = $3",
        )
        .bind(account_id)
        .bind(company_id)
        .bind(tag.to_owned())
        .execute(self.0.pool())
        .await
        .map_err(db::<B>("withdrawing an endorsement"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn account_endorsements(&self, account_id: i64) -> Result<Vec<Endorsement>, StoreError> {
        let mut rows: Vec<EndorsementRow> = sqlx::query_as(&format!(
            "SELECT {ENDORSEMENT_COLUMNS} FROM endorsements WHERE account_id = $1"
        ))
        .bind(account_id)
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing endorsements"))?;
        // Sorted here: the databases' default collations order text differently.
        rows.sort_by(|a, b| a.tag_id.cmp(&b.tag_id));
        Ok(rows.into_iter().map(Endorsement::from).collect())
    }

    async fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError> {
        let new = account.validated()?;
        let row: AccountRow = sqlx::query_as(&format!(
            "INSERT INTO accounts (email, password_hash, created_at) VALUES ($1, $2, $3) \
             {ACCOUNT_RETURNING}"
        ))
        .bind(&new.email)
        .bind(&new.password_hash)
        .bind(new.created_at)
        .fetch_one(self.0.pool())
        .await
        .map_err(db_unique::<B>("creating an account", || {
            format!(
                "an account for {} already exists; sign in instead",
                new.email
            )
        }))?;
        Ok(row.into())
    }

    async fn account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.0.pool())
            .await
            .map_err(db::<B>("reading an account"))?;
        Ok(row.map(Account::from))
    }

    async fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        let Ok(email) = normalize_email(email) else {
            // A malformed address cannot belong to any account.
            return Ok(None);
        };
        let row: Option<AccountRow> =
            sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE email = $1"))
                .bind(email)
                .fetch_optional(self.0.pool())
                .await
                .map_err(db::<B>("reading an account"))?;
        Ok(row.map(Account::from))
    }

    async fn verify_account(
        &self,
        account_id: i64,
        company_id: i64,
    ) -> Result<Account, StoreError> {
        const ACTION: &str = "verifying an account";
        let account = self
            .account(account_id)
            .await?
            .ok_or_else(|| StoreError::not_found("account", account_id))?;
        let company = self
            .company(company_id)
            .await?
            .ok_or_else(|| StoreError::not_found("company", company_id))?;
        check_may_verify(&account.email, &company)?;
        if account.verified_company == Some(company.id) {
            return Ok(account);
        }
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        // Endorsements and disputes speak for the employer at the time; they do not follow a
        // person to a new one.
        for statement in [
            "DELETE FROM endorsements WHERE account_id = $1",
            "DELETE FROM tag_disputes WHERE account_id = $1",
        ] {
            sqlx::query(statement)
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        }
        let row: AccountRow = sqlx::query_as(&format!(
            "UPDATE accounts SET verified_company_id = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(company_id)
        .bind(account_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(row.into())
    }

    async fn set_account_role(&self, account_id: i64, role: Role) -> Result<Account, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "UPDATE accounts SET role = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(role.as_str().to_owned())
        .bind(account_id)
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("setting an account's role"))?;
        row.map(Account::from)
            .ok_or_else(|| StoreError::not_found("account", account_id))
    }

    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError> {
        entry.validate()?;
        let row: AuditRow = sqlx::query_as(&format!(
            "INSERT INTO audit_log (at, actor_id, action, target, reason) \
             VALUES ($1, $2, $3, $4, $5) RETURNING {AUDIT_COLUMNS}"
        ))
        .bind(entry.at)
        .bind(entry.actor)
        .bind(entry.action.clone())
        .bind(entry.target.clone())
        .bind(entry.reason.clone())
        .fetch_one(self.0.pool())
        .await
        .map_err(db::<B>("recording an audit entry"))?;
        Ok(row.into())
    }

    async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        if !(1..=1000).contains(&limit) {
            return Err(StoreError::invalid(format!(
                "audit log limit {limit} is out of range; use 1 to 1000"
            )));
        }
        let rows: Vec<AuditRow> = sqlx::query_as(&format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY at DESC, id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("reading the audit log"))?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError> {
        session.validate()?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf_secret, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.token_hash)
        .bind(session.account_id)
        .bind(&session.csrf_secret)
        .bind(session.created_at)
        .bind(session.expires_at)
        .execute(self.0.pool())
        .await
        .map_err(db_unique::<B>("creating a session", || {
            "a session with this token already exists; generate a fresh token".into()
        }))?;
        let row: SessionRow = sqlx::query_as(&format!("{SESSION_COLUMNS} WHERE s.token_hash = $1"))
            .bind(&session.token_hash)
            .fetch_one(self.0.pool())
            .await
            .map_err(db::<B>("reading a session"))?;
        Ok(row.into())
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "{SESSION_COLUMNS} WHERE s.token_hash = $1 AND s.expires_at > $2 \
             AND a.banned_at IS NULL"
        ))
        .bind(token_hash.to_owned())
        .bind(now)
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("reading a session"))?;
        Ok(row.map(Session::from))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_owned())
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("deleting a session"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("purging expired sessions"))?;
        Ok(B::rows_affected(&done))
    }

    async fn delete_account_sessions(&self, account_id: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("ending an account's sessions"))?;
        Ok(B::rows_affected(&done))
    }

    async fn set_account_banned(
        &self,
        account_id: i64,
        banned_at: Option<DateTime<Utc>>,
    ) -> Result<Account, StoreError> {
        const ACTION: &str = "banning or unbanning an account";
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "UPDATE accounts SET banned_at = $1 WHERE id = $2 {ACCOUNT_RETURNING}"
        ))
        .bind(banned_at)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        let Some(row) = row else {
            return Err(StoreError::not_found("account", account_id));
        };
        if banned_at.is_some() {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        }
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(row.into())
    }

    async fn create_email_verification(
        &self,
        new: &NewEmailVerification,
    ) -> Result<(), StoreError> {
        new.validate()?;
        let address = normalize_email(&new.address)?;
        self.account(new.account_id)
            .await?
            .ok_or_else(|| StoreError::not_found("account", new.account_id))?;
        let company = self
            .company(new.company_id)
            .await?
            .ok_or_else(|| StoreError::not_found("company", new.company_id))?;
        check_may_verify(&address, &company)?;
        sqlx::query(
            "INSERT INTO email_verifications \
             (token_hash, account_id, company_id, address, hires, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.token_hash.clone())
        .bind(new.account_id)
        .bind(new.company_id)
        .bind(address)
        .bind(new.hires)
        .bind(new.created_at)
        .bind(new.expires_at)
        .execute(self.0.pool())
        .await
        .map_err(db_unique::<B>("storing a verification link", || {
            "a verification link with this token exists; generate a fresh token".into()
        }))?;
        Ok(())
    }

    async fn redeem_email_verification(
        &self,
        token_hash: &str,
        account_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Redemption, StoreError> {
        const ACTION: &str = "using a verification link";
        let row: Option<VerificationRow> =
            sqlx::query_as(&format!("{VERIFICATION_COLUMNS} WHERE token_hash = $1"))
                .bind(token_hash.to_owned())
                .fetch_optional(self.0.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let Some(link) = row else {
            return Ok(Redemption::Unknown);
        };
        if link.account_id != account_id {
            return Ok(Redemption::OtherAccount);
        }
        if link.used_at.is_some() {
            return Ok(Redemption::Used);
        }
        if link.expires_at <= now {
            return Ok(Redemption::Expired);
        }
        let account = self
            .account(account_id)
            .await?
            .ok_or_else(|| StoreError::not_found("account", account_id))?;
        let company = self
            .company(link.company_id)
            .await?
            .ok_or_else(|| StoreError::not_found("company", link.company_id))?;
        // The company's domain may have changed since the link was mailed.
        check_may_verify(&link.address, &company)?;
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        // Single use even when two requests race: only one of them changes the row.
        let claimed = sqlx::query(
            "UPDATE email_verifications SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(now)
        .bind(token_hash.to_owned())
        .execute(&mut *tx)
        .await
        .map_err(db::<B>(ACTION))?;
        if B::rows_affected(&claimed) == 0 {
            return Ok(Redemption::Used);
        }
        if account.verified_company != Some(company.id) {
            // Endorsements speak for the employer at the time; they do not follow a person
            // to a new one.
            for statement in [
                "DELETE FROM endorsements WHERE account_id = $1",
                "DELETE FROM tag_disputes WHERE account_id = $1",
            ] {
                sqlx::query(statement)
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db::<B>(ACTION))?;
            }
            sqlx::query("UPDATE accounts SET verified_company_id = $1 WHERE id = $2")
                .bind(company.id)
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        }
        if link.hires && account.role == Role::Member {
            sqlx::query("UPDATE accounts SET role = $1 WHERE id = $2")
                .bind(Role::Employer.as_str().to_owned())
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        }
        let row: AccountRow = sqlx::query_as(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(Redemption::Verified {
            account: row.into(),
            company_id: company.id,
        })
    }

    async fn save_assessment(
        &self,
        new: &NewSavedAssessment,
    ) -> Result<SavedAssessment, StoreError> {
        new.validate()?;
        let row: AssessmentRow = sqlx::query_as(&format!(
            "INSERT INTO saved_assessments (taken_at, answers, verdict, leaning) \
             VALUES ($1, $2, $3, $4) RETURNING {ASSESSMENT_COLUMNS}"
        ))
        .bind(new.taken_at)
        .bind(Json(new.answers.clone()))
        .bind(&new.verdict)
        .bind(&new.leaning)
        .fetch_one(self.0.pool())
        .await
        .map_err(db::<B>("saving an assessment"))?;
        Ok(row.into())
    }

    async fn list_assessments(&self, limit: u32) -> Result<Vec<SavedAssessment>, StoreError> {
        check_assessment_limit(limit)?;
        let rows: Vec<AssessmentRow> = sqlx::query_as(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM saved_assessments \
             ORDER BY taken_at DESC, id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing saved assessments"))?;
        Ok(rows.into_iter().map(SavedAssessment::from).collect())
    }

    // --- trials: every statement filters on the owner ----------------------------------

    async fn create_trial(&self, new: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        const ACTION: &str = "saving a trial";
        new.validate()?;
        let owner = new.owner.key();
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM trials WHERE owner = $1")
            .bind(&owner)
            .fetch_one(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        if usize::try_from(held).unwrap_or(usize::MAX) >= MAX_TRIALS_PER_OWNER {
            return Err(StoreError::NotAllowed(format!(
                "you already keep {MAX_TRIALS_PER_OWNER} trials; export and delete old ones first"
            )));
        }
        let row: TrialRow = sqlx::query_as(&format!(
            "INSERT INTO trials (id, owner, account_id, kind, start_date, months, document, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             RETURNING {TRIAL_COLUMNS}"
        ))
        .bind(&new.id)
        .bind(&owner)
        .bind(new.owner.account_id())
        .bind(&new.kind)
        .bind(new.start.format("%Y-%m-%d").to_string())
        .bind(i64::from(new.months))
        .bind(Json(new.document.clone()))
        .bind(new.now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_unique::<B>(ACTION, || {
            format!(
                "a trial with id `{}` already exists; pick another id",
                new.id
            )
        }))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        row.try_into()
    }

    async fn trial(&self, owner: &TrialOwner, id: &str) -> Result<Option<StoredTrial>, StoreError> {
        let row: Option<TrialRow> = sqlx::query_as(&format!(
            "SELECT {TRIAL_COLUMNS} FROM trials WHERE id = $1 AND owner = $2"
        ))
        .bind(id.to_owned())
        .bind(owner.key())
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("reading a trial"))?;
        row.map(StoredTrial::try_from).transpose()
    }

    async fn list_trials(&self, owner: &TrialOwner) -> Result<Vec<StoredTrial>, StoreError> {
        let rows: Vec<TrialRow> = sqlx::query_as(&format!(
            "SELECT {TRIAL_COLUMNS} FROM trials WHERE owner = $1 \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(owner.key())
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing trials"))?;
        rows.into_iter().map(StoredTrial::try_from).collect()
    }

    async fn update_trial(&self, update: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        update.validate()?;
        let row: Option<TrialRow> = sqlx::query_as(&format!(
            "UPDATE trials SET kind = $3, start_date = $4, months = $5, document = $6, \
             updated_at = $7 WHERE id = $1 AND owner = $2 RETURNING {TRIAL_COLUMNS}"
        ))
        .bind(&update.id)
        .bind(update.owner.key())
        .bind(&update.kind)
        .bind(update.start.format("%Y-%m-%d").to_string())
        .bind(i64::from(update.months))
        .bind(Json(update.document.clone()))
        .bind(update.now)
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("updating a trial"))?;
        row.ok_or_else(|| StoreError::not_found("trial", &update.id))?
            .try_into()
    }

    async fn delete_trial(&self, owner: &TrialOwner, id: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM trials WHERE id = $1 AND owner = $2")
            .bind(id.to_owned())
            .bind(owner.key())
            .execute(self.0.pool())
            .await
            .map_err(db::<B>("deleting a trial"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn set_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const ACTION: &str = "making a trial link";
        check_link_nonce(nonce)?;
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let owned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM trials WHERE id = $1 AND owner = $2")
                .bind(trial_id.to_owned())
                .bind(owner.key())
                .fetch_one(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        if owned == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM trial_links WHERE trial_id = $1 AND purpose = $2")
            .bind(trial_id.to_owned())
            .bind(link.as_str().to_owned())
            .execute(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        sqlx::query(
            "INSERT INTO trial_links (trial_id, purpose, nonce, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(trial_id.to_owned())
        .bind(link.as_str().to_owned())
        .bind(nonce.to_owned())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_unique::<B>(ACTION, || {
            "that link is already in use; make another".to_owned()
        }))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(true)
    }

    async fn trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT l.nonce FROM trial_links l JOIN trials t ON t.id = l.trial_id \
             WHERE l.trial_id = $1 AND l.purpose = $2 AND t.owner = $3",
        )
        .bind(trial_id.to_owned())
        .bind(link.as_str().to_owned())
        .bind(owner.key())
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("reading a trial link"))
    }

    async fn delete_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM trial_links WHERE trial_id = $1 AND purpose = $2 \
             AND trial_id IN (SELECT id FROM trials WHERE owner = $3)",
        )
        .bind(trial_id.to_owned())
        .bind(link.as_str().to_owned())
        .bind(owner.key())
        .execute(self.0.pool())
        .await
        .map_err(db::<B>("removing a trial link"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn trial_by_link(
        &self,
        link: TrialLink,
        nonce: &str,
    ) -> Result<Option<StoredTrial>, StoreError> {
        let row: Option<TrialRow> = sqlx::query_as(&format!(
            "SELECT {TRIAL_COLUMNS} FROM trials WHERE id = \
             (SELECT trial_id FROM trial_links WHERE purpose = $1 AND nonce = $2)"
        ))
        .bind(link.as_str().to_owned())
        .bind(nonce.to_owned())
        .fetch_optional(self.0.pool())
        .await
        .map_err(db::<B>("opening a trial link"))?;
        row.map(StoredTrial::try_from).transpose()
    }

    async fn reminder_trials_after(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredTrial>, StoreError> {
        if !(1..=1000).contains(&limit) {
            return Err(StoreError::invalid(format!(
                "a page of trials is 1 to 1000, not {limit}"
            )));
        }
        let rows: Vec<TrialRow> = sqlx::query_as(&format!(
            "SELECT {TRIAL_COLUMNS} FROM trials WHERE account_id IS NOT NULL AND id > $1 \
             AND id NOT IN (SELECT trial_id FROM trial_reminders_off) ORDER BY id LIMIT $2"
        ))
        .bind(after.unwrap_or_default().to_owned())
        .bind(i64::from(limit))
        .fetch_all(self.0.pool())
        .await
        .map_err(db::<B>("listing trials for reminders"))?;
        rows.into_iter().map(StoredTrial::try_from).collect()
    }

    async fn set_trial_reminders(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        on: bool,
    ) -> Result<bool, StoreError> {
        const ACTION: &str = "changing a trial's reminders";
        let mut tx = self.0.pool().begin().await.map_err(db::<B>(ACTION))?;
        let owned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM trials WHERE id = $1 AND owner = $2")
                .bind(trial_id.to_owned())
                .bind(owner.key())
                .fetch_one(&mut *tx)
                .await
                .map_err(db::<B>(ACTION))?;
        if owned == 0 {
            return Ok(false);
        }
        let statement = if on {
            "DELETE FROM trial_reminders_off WHERE trial_id = $1"
        } else {
            "INSERT INTO trial_reminders_off (trial_id) VALUES ($1) ON CONFLICT (trial_id) DO NOTHING"
        };
        sqlx::query(statement)
            .bind(trial_id.to_owned())
            .execute(&mut *tx)
            .await
            .map_err(db::<B>(ACTION))?;
        tx.commit().await.map_err(db::<B>(ACTION))?;
        Ok(true)
    }

    async fn trial_reminders_on(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
    ) -> Result<bool, StoreError> {
        let off: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM trial_reminders_off WHERE trial_id = $1 \
             AND trial_id IN (SELECT id FROM trials WHERE owner = $2)",
        )
        .bind(trial_id.to_owned())
        .bind(owner.key())
        .fetch_one(self.0.pool())
        .await
        .map_err(db::<B>("reading a trial's reminders"))?;
        Ok(off == 0)
    }

    async fn record_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO trial_reminders (trial_id, due_date, sent_at) \
             SELECT id, $2, $3 FROM trials WHERE id = $1 \
             ON CONFLICT (trial_id, due_date) DO NOTHING",
        )
        .bind(trial_id.to_owned())
        .bind(due.format("%Y-%m-%d").to_string())
        .bind(now)
        .execute(self.0.pool())
        .await
        .map_err(db::<B>("recording a trial reminder"))?;
        Ok(B::rows_affected(&done) > 0)
    }

    async fn board_generation(&self) -> Result<i64, StoreError> {
        sqlx::query_scalar("SELECT n FROM board_changes WHERE id = 1")
            .fetch_one(self.0.pool())
            .await
            .map_err(db::<B>("reading the board's change number"))
    }

    async fn index_listings(
        &self,
        after: Option<(DateTime<Utc>, i64)>,
        limit: u32,
    ) -> Result<Vec<IndexListing>, StoreError> {
        if !(1..=10_000).contains(&limit) {
            return Err(StoreError::invalid(format!(
                "limit {limit} is out of range; use 1 to 10000"
            )));
        }
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
        let rows: Vec<IndexListingRow> = (self.0.fetch_built(&mut query).await)
            .map_err(db::<B>("reading listings for the search index"))?;
        rows.into_iter()
            .map(IndexListingRow::into_listing)
            .collect()
    }

    async fn index_companies(&self) -> Result<Vec<IndexCompany>, StoreError> {
        const ACTION: &str = "reading companies for the search index";
        let companies: Vec<(i64, String, bool)> =
            sqlx::query_as("SELECT id, name, ic_past_staff FROM companies")
                .fetch_all(self.0.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let claims: Vec<(i64, String)> =
            sqlx::query_as("SELECT company_id, tag_id FROM company_tag_claims")
                .fetch_all(self.0.pool())
                .await
                .map_err(db::<B>(ACTION))?;
        let endorsements: Vec<(i64, String, DateTime<Utc>)> =
            sqlx::query_as("SELECT company_id, tag_id, created_at FROM endorsements")
                .fetch_all(self.0.pool())
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
            (self.0.fetch_built(&mut page).await).map_err(db::<B>("reading listings"))?;
        let order: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|r| order.get(&r.id).copied().unwrap_or(usize::MAX));
        summaries(rows, &std::collections::HashMap::new())
    }
}

/// The tail of a listing write: a statement that touched no row means there is no such listing;
/// otherwise the listing as it is now stored.
async fn written_listing<S: Store + ?Sized>(
    store: &S,
    id: i64,
    rows_affected: u64,
) -> Result<Listing, StoreError> {
    if rows_affected == 0 {
        return Err(StoreError::not_found("listing", id));
    }
    reread_listing(store, id).await
}

/// Listing `id` as it is now stored, after a write that made or changed it.
async fn reread_listing<S: Store + ?Sized>(store: &S, id: i64) -> Result<Listing, StoreError> {
    store
        .listing(id)
        .await?
        .ok_or_else(|| StoreError::not_found("listing", id))
}
