//! What a person keeps: saved assessments and trials (the engine's export document plus the
//! columns listing and authorisation need, their private links and reminders).

use chrono::{DateTime, NaiveDate, Utc};
use dualtrack_board::{
    MAX_TRIALS_PER_OWNER, NewSavedAssessment, NewTrialRecord, SavedAssessment, StoreError,
    StoredTrial, TrialLink, TrialOwner, TrialStore, check_assessment_limit, check_link_nonce,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::error::{db, db_unique};
use super::{Backend, Conn, Row, SqlStore, Value, check_limit};

/// The columns of a [`TrialRow`].
pub const TRIAL_COLUMNS: &str =
    "id, owner, kind, start_date, months, document, created_at, updated_at";

#[derive(Debug, sqlx::FromRow)]
pub struct TrialRow {
    pub id: String,
    pub owner: String,
    pub kind: String,
    pub start_date: String,
    pub months: i64,
    pub document: Json<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<TrialRow> for StoredTrial {
    type Error = StoreError;

    fn try_from(row: TrialRow) -> Result<Self, StoreError> {
        let bad = |what: &str| {
            StoreError::InvalidData(format!("trial `{}` has an unreadable {what}", row.id))
        };
        let owner = TrialOwner::from_key(&row.owner).ok_or_else(|| bad("owner"))?;
        let start = NaiveDate::parse_from_str(&row.start_date, "%Y-%m-%d")
            .map_err(|_| bad("start date"))?;
        let months = u32::try_from(row.months).map_err(|_| bad("length"))?;
        Ok(Self {
            id: row.id,
            owner,
            kind: row.kind,
            start,
            months,
            document: row.document.0,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// The columns of an [`AssessmentRow`].
pub const ASSESSMENT_COLUMNS: &str = "id, taken_at, answers, verdict, leaning";

/// One `saved_assessments` row. The answers are JSONB on PostgreSQL and JSON text on SQLite;
/// sqlx's `Json` reads and writes both.
#[derive(Debug, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    pub answers: Json<serde_json::Value>,
    pub verdict: String,
    pub leaning: Option<String>,
}

impl From<AssessmentRow> for SavedAssessment {
    fn from(row: AssessmentRow) -> Self {
        Self {
            id: row.id,
            taken_at: row.taken_at,
            answers: row.answers.0,
            verdict: row.verdict,
            leaning: row.leaning,
        }
    }
}

#[async_trait::async_trait]
impl<B> TrialStore for SqlStore<B>
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
        .fetch_one(self.pool())
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
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("listing saved assessments"))?;
        Ok(rows.into_iter().map(SavedAssessment::from).collect())
    }

    // --- trials: every statement filters on the owner ----------------------------------
    async fn create_trial(&self, new: &NewTrialRecord) -> Result<StoredTrial, StoreError> {
        const ACTION: &str = "saving a trial";
        new.validate()?;
        let owner = new.owner.key();
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
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
        .fetch_optional(self.pool())
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
        .fetch_all(self.pool())
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
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("updating a trial"))?;
        row.ok_or_else(|| StoreError::not_found("trial", &update.id))?
            .try_into()
    }

    async fn delete_trial(&self, owner: &TrialOwner, id: &str) -> Result<bool, StoreError> {
        let query = sqlx::query("DELETE FROM trials WHERE id = $1 AND owner = $2")
            .bind(id.to_owned())
            .bind(owner.key());
        let done = Self::changed(self.pool(), query, "deleting a trial").await?;
        Ok(done > 0)
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
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        if !Self::owns_trial(&mut tx, owner, trial_id, ACTION).await? {
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
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("reading a trial link"))
    }

    async fn delete_trial_link(
        &self,
        owner: &TrialOwner,
        trial_id: &str,
        link: TrialLink,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "DELETE FROM trial_links WHERE trial_id = $1 AND purpose = $2 \
             AND trial_id IN (SELECT id FROM trials WHERE owner = $3)",
        )
        .bind(trial_id.to_owned())
        .bind(link.as_str().to_owned())
        .bind(owner.key());
        let done = Self::changed(self.pool(), query, "removing a trial link").await?;
        Ok(done > 0)
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
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>("opening a trial link"))?;
        row.map(StoredTrial::try_from).transpose()
    }

    async fn reminder_trials_after(
        &self,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredTrial>, StoreError> {
        check_limit("trial page limit", limit, 1000)?;
        let rows: Vec<TrialRow> = sqlx::query_as(&format!(
            "SELECT {TRIAL_COLUMNS} FROM trials WHERE account_id IS NOT NULL AND id > $1 \
             AND id NOT IN (SELECT trial_id FROM trial_reminders_off) ORDER BY id LIMIT $2"
        ))
        .bind(after.unwrap_or_default().to_owned())
        .bind(i64::from(limit))
        .fetch_all(self.pool())
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
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        if !Self::owns_trial(&mut tx, owner, trial_id, ACTION).await? {
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
        .fetch_one(self.pool())
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
        let query = sqlx::query(
            "INSERT INTO trial_reminders (trial_id, due_date, sent_at) \
             SELECT id, $2, $3 FROM trials WHERE id = $1 \
             ON CONFLICT (trial_id, due_date) DO NOTHING",
        )
        .bind(trial_id.to_owned())
        .bind(due.format("%Y-%m-%d").to_string())
        .bind(now);
        let done = Self::changed(self.pool(), query, "recording a trial reminder").await?;
        Ok(done > 0)
    }

    async fn release_trial_reminder(
        &self,
        trial_id: &str,
        due: NaiveDate,
    ) -> Result<(), StoreError> {
        let query =
            sqlx::query("DELETE FROM trial_reminders WHERE trial_id = $1 AND due_date = $2")
                .bind(trial_id.to_owned())
                .bind(due.format("%Y-%m-%d").to_string());
        Self::changed(self.pool(), query, "releasing a trial reminder").await?;
        Ok(())
    }
}

impl<B> SqlStore<B>
where
    B: Backend,
    for<'c> &'c mut Conn<B>: Executor<'c, Database = B::Db>,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    usize: ColumnIndex<Row<B>>,
    i64: Value<B::Db>,
    String: Value<B::Db>,
{
    /// Whether `owner` keeps trial `trial_id`, read inside the transaction about to change it.
    async fn owns_trial(
        tx: &mut sqlx::Transaction<'_, B::Db>,
        owner: &TrialOwner,
        trial_id: &str,
        action: &'static str,
    ) -> Result<bool, StoreError> {
        let owned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM trials WHERE id = $1 AND owner = $2")
                .bind(trial_id.to_owned())
                .bind(owner.key())
                .fetch_one(&mut **tx)
                .await
                .map_err(db::<B>(action))?;
        Ok(owned > 0)
    }
}
