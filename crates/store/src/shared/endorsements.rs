//! What people say about a company and want from one: endorsements, disputes and saved
//! preferences.

use chrono::{DateTime, Utc};
use dualtrack_board::{
    Endorsement, EndorsementStore, NewEndorsement, Preference, StoreError, check_may_endorse,
    clean_team,
};
use sqlx::types::Json;
use sqlx::{ColumnIndex, Database, Executor, IntoArguments};

use super::accounts::account_and_company;
use super::companies::tag_ids;
use super::error::{db, db_unique};
use super::{Backend, Conn, Row, SqlStore, Value};

/// The columns of an [`EndorsementRow`].
pub const ENDORSEMENT_COLUMNS: &str = "account_id, company_id, tag_id, created_at, team";

/// One `endorsements` row.
#[derive(Debug, sqlx::FromRow)]
pub struct EndorsementRow {
    pub account_id: i64,
    pub company_id: i64,
    pub tag_id: String,
    pub created_at: DateTime<Utc>,
    pub team: Option<String>,
}

impl From<EndorsementRow> for Endorsement {
    fn from(row: EndorsementRow) -> Self {
        Self {
            account_id: row.account_id,
            company_id: row.company_id,
            tag: row.tag_id,
            created_at: row.created_at,
            team: row.team,
        }
    }
}

/// One dated confirmation at a company, for tag standings: tag id, when, team.
pub type ConfirmationRow = (String, DateTime<Utc>, Option<String>);

/// Disputes per tag at a company: tag id, count.
pub type DisputeCountRow = (String, i64);

/// Why `tag` is refused: it is not in the vocabulary `known`.
fn unknown_tag(tag: &str, known: &[String]) -> StoreError {
    StoreError::invalid(format!(
        "unknown tag `{tag}`; known tags: {}",
        known.join(", ")
    ))
}

#[async_trait::async_trait]
impl<B> EndorsementStore for SqlStore<B>
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
    async fn preferences(&self, account_id: i64) -> Result<Vec<Preference>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.tag_id, p.level FROM account_preferences p JOIN tags t ON t.id = p.tag_id \
             WHERE p.account_id = $1 ORDER BY t.position",
        )
        .bind(account_id)
        .fetch_all(self.pool())
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
        let known = tag_ids(self).await?;
        if let Some(unknown) = prefs.iter().find(|p| !known.contains(&p.tag)) {
            return Err(unknown_tag(&unknown.tag, &known));
        }
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
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

    async fn dispute_tag(
        &self,
        account_id: i64,
        company_id: i64,
        tag: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const ACTION: &str = "recording a dispute";
        let (account, company) = account_and_company(self, account_id, company_id).await?;
        check_may_endorse(&account, &company)?;
        let claimed: Option<String> = sqlx::query_scalar(
            "SELECT tag_id FROM company_tag_claims WHERE company_id = $1 AND tag_id = $2",
        )
        .bind(company_id)
        .bind(tag.to_owned())
        .fetch_optional(self.pool())
        .await
        .map_err(db::<B>(ACTION))?;
        if claimed.is_none() {
            return Err(StoreError::invalid(format!(
                "{} does not claim `{tag}`; only a tag the company claims can be disputed",
                company.name
            )));
        }
        let mut tx = self.pool().begin().await.map_err(db::<B>(ACTION))?;
        Self::take_back(
            &mut *tx,
            "endorsements",
            (account_id, company_id, tag),
            ACTION,
        )
        .await?;
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
        let said = (account_id, company_id, tag);
        Self::take_back(self.pool(), "tag_disputes", said, "withdrawing a dispute").await
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
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("reading disputes"))?;
        tags.sort();
        Ok(tags)
    }

    async fn endorse(&self, new: &NewEndorsement) -> Result<Endorsement, StoreError> {
        let (account, company) = account_and_company(self, new.account_id, new.company_id).await?;
        let known = tag_ids(self).await?;
        if !known.contains(&new.tag) {
            return Err(unknown_tag(&new.tag, &known));
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
        .fetch_one(self.pool())
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
        let said = (account_id, company_id, tag);
        Self::take_back(
            self.pool(),
            "endorsements",
            said,
            "withdrawing an endorsement",
        )
        .await
    }

    async fn account_endorsements(&self, account_id: i64) -> Result<Vec<Endorsement>, StoreError> {
        let mut rows: Vec<EndorsementRow> = sqlx::query_as(&format!(
            "SELECT {ENDORSEMENT_COLUMNS} FROM endorsements WHERE account_id = $1"
        ))
        .bind(account_id)
        .fetch_all(self.pool())
        .await
        .map_err(db::<B>("listing endorsements"))?;
        // Sorted here: the databases' default collations order text differently.
        rows.sort_by(|a, b| a.tag_id.cmp(&b.tag_id));
        Ok(rows.into_iter().map(Endorsement::from).collect())
    }
}

impl<B> SqlStore<B>
where
    B: Backend,
    for<'q> <B::Db as Database>::Arguments<'q>: IntoArguments<'q, B::Db>,
    i64: Value<B::Db>,
    String: Value<B::Db>,
{
    /// Takes back what an account said of a tag at a company (`account, company, tag`): its
    /// confirmation (`table` is `endorsements`) or its dispute (`tag_disputes`). Whether there
    /// was one.
    async fn take_back<'e, E>(
        exec: E,
        table: &'static str,
        (account_id, company_id, tag): (i64, i64, &str),
        action: &'static str,
    ) -> Result<bool, StoreError>
    where
        E: Executor<'e, Database = B::Db>,
    {
        let done = sqlx::query(&format!(
            "DELETE FROM {table} WHERE account_id = $1 AND company_id = $2 AND tag_id = $3"
        ))
        .bind(account_id)
        .bind(company_id)
        .bind(tag.to_owned())
        .execute(exec)
        .await
        .map_err(db::<B>(action))?;
        Ok(B::rows_affected(&done) > 0)
    }
}
