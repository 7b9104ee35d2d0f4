//! The moderation audit log: one entry per act an administrator (or the CLI) takes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Longest reason kept with an entry.
pub const MAX_AUDIT_REASON_LEN: usize = 1_000;

/// One recorded act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The account that acted; `None` for the command line or a since-deleted account.
    pub actor: Option<i64>,
    /// What was done, as a stable word (`hide_listing`, `ban_account`, `grant_admin`, ...).
    pub action: String,
    /// What it was done to (`listing 42`, `account 7`).
    pub target: String,
    pub reason: String,
}

/// An act to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<i64>,
    pub action: String,
    pub target: String,
    pub reason: String,
}

impl NewAuditEntry {
    /// Checks the entry before it is written.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] for an empty action or target, or an over-long reason.
    pub fn validate(&self) -> Result<(), StoreError> {
        if self.action.trim().is_empty() || self.target.trim().is_empty() {
            return Err(StoreError::invalid(
                "an audit entry needs an action and a target",
            ));
        }
        if self.reason.chars().count() > MAX_AUDIT_REASON_LEN {
            return Err(StoreError::invalid(format!(
                "the reason is longer than {MAX_AUDIT_REASON_LEN} characters; shorten it"
            )));
        }
        Ok(())
    }
}
