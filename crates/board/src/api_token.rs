//! Per-employer API tokens: what a program sends as `Authorization: Bearer ...` to write
//! listings. Only a hash of the token is stored; the token itself is shown once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::StoreError;

/// Longest label of a token.
pub const MAX_TOKEN_LABEL: usize = 100;
/// Most live tokens one account may hold.
pub const MAX_API_TOKENS: usize = 20;

/// A token as its owner sees it (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApiToken {
    pub id: i64,
    pub account_id: i64,
    /// What the owner called it ("ATS export").
    pub label: String,
    pub created_at: DateTime<Utc>,
}

/// A token to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub account_id: i64,
    pub label: String,
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
}

impl NewApiToken {
    /// Checks the label and hash.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] saying what to change.
    pub fn validate(&self) -> Result<(), StoreError> {
        let label = self.label.trim();
        if label.is_empty() {
            return Err(StoreError::invalid(
                "give the token a name, such as the program that will use it",
            ));
        }
        if label.chars().count() > MAX_TOKEN_LABEL {
            return Err(StoreError::invalid(format!(
                "shorten the token's name to at most {MAX_TOKEN_LABEL} characters"
            )));
        }
        if self.token_hash.len() != 64 || !self.token_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::invalid("a token hash is 64 hex digits"));
        }
        Ok(())
    }
}
