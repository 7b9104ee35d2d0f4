//! Stored trial rows: the engine's export document plus the columns listing and authorisation
//! need.

use chrono::{DateTime, NaiveDate, Utc};
use dualtrack_board::{StoreError, StoredTrial, TrialOwner};
use sqlx::types::Json;

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
