//! The one error type every `Store` backend returns.
//!
//! Backends translate their driver errors (sqlx) into these variants once, at the store
//! boundary, so callers (web handlers, CLI commands) match on meaning rather than on driver
//! details, and every message tells the reader what to do next.

use thiserror::Error;

/// Everything that can go wrong talking to the job-board store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database URL names a scheme no backend understands.
    #[error(
        "unsupported database URL scheme `{scheme}` in `{url}`; use sqlite://PATH (embedded, the default) \
         or postgres://USER@HOST/DB (also postgresql://)"
    )]
    UnsupportedScheme { scheme: String, url: String },

    /// The URL could not be parsed or lacks a required part.
    #[error("invalid database URL `{url}`: {reason}")]
    InvalidUrl { url: String, reason: String },

    /// The database could not be opened or reached.
    #[error("cannot open database at {target}: {reason} ({hint})")]
    Connect {
        target: String,
        reason: String,
        hint: &'static str,
    },

    /// Applying the bundled migrations failed.
    #[error(
        "cannot migrate database at {target}: {reason} (if this database was created by a newer \
         dualtrack, upgrade dualtrack or use a fresh database)"
    )]
    Migrate { target: String, reason: String },

    /// A query failed for a reason the caller cannot fix by changing its input.
    #[error("database error while {action}: {reason}")]
    Database {
        action: &'static str,
        reason: String,
    },

    /// The caller asked for something that does not exist.
    #[error("{what} `{key}` not found")]
    NotFound { what: &'static str, key: String },

    /// The request collides with existing data (e.g. an email already registered).
    #[error("{0}")]
    Conflict(String),

    /// The request is well formed but the rules of the board refuse it
    /// (e.g. endorsing a company you are not a verified employee of).
    #[error("{0}")]
    NotAllowed(String),

    /// The request itself is malformed (bad cursor, limit out of range, unknown tag...).
    #[error("{0}")]
    InvalidInput(String),

    /// Seed or stored data breaks an invariant; the message names the offending entry.
    #[error("invalid board data: {0}")]
    InvalidData(String),
}

impl StoreError {
    /// Shorthand for [`StoreError::InvalidInput`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidInput(message.into())
    }

    /// Shorthand for [`StoreError::NotFound`].
    pub fn not_found(what: &'static str, key: impl ToString) -> Self {
        Self::NotFound {
            what,
            key: key.to_string(),
        }
    }

    /// True when the caller's input, not the server, is at fault; the web tier maps these to 4xx.
    #[must_use]
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Self::NotFound { .. } | Self::Conflict(_) | Self::NotAllowed(_) | Self::InvalidInput(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_scheme_lists_the_supported_ones() {
        let err = StoreError::UnsupportedScheme {
            scheme: "mysql".into(),
            url: "mysql://x".into(),
        };
        let text = err.to_string();
        assert!(text.contains("sqlite://"), "{text}");
        assert!(text.contains("postgres://"), "{text}");
        assert!(text.contains("`mysql`"), "{text}");
    }

    #[test]
    fn client_errors_are_told_apart_from_server_errors() {
        assert!(StoreError::invalid("bad cursor").is_client_error());
        assert!(StoreError::not_found("listing", 7).is_client_error());
        let server = StoreError::Database {
            action: "listing companies",
            reason: "disk full".into(),
        };
        assert!(!server.is_client_error());
    }
}
