//! Endorsement rows.

use chrono::{DateTime, Utc};
use dualtrack_board::Endorsement;

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
