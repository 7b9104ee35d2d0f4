//! Endorsement rows.

use chrono::{DateTime, Utc};
use dualtrack_board::Endorsement;

/// The columns of an [`EndorsementRow`].
pub const ENDORSEMENT_COLUMNS: &str = "account_id, company_id, tag_id, created_at";

/// One `endorsements` row.
#[derive(Debug, sqlx::FromRow)]
pub struct EndorsementRow {
    pub account_id: i64,
    pub company_id: i64,
    pub tag_id: String,
    pub created_at: DateTime<Utc>,
}

impl From<EndorsementRow> for Endorsement {
    fn from(row: EndorsementRow) -> Self {
        Self {
            account_id: row.account_id,
            company_id: row.company_id,
            tag: row.tag_id,
            created_at: row.created_at,
        }
    }
}
