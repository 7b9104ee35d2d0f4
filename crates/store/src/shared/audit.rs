//! Audit log rows.

use chrono::{DateTime, Utc};
use dualtrack_board::AuditEntry;

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
