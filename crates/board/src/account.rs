//! Accounts, sessions and the email rules behind them.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Role, StoreError};

/// Longest email address accepted (the SMTP path limit).
pub const MAX_EMAIL_LEN: usize = 254;

/// A person who signed up. The password hash never leaves the server.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Account {
    pub id: i64,
    /// Lowercased.
    pub email: String,
    /// Argon2 PHC string, produced and checked by the web tier.
    #[serde(skip_serializing, default)]
    #[schema(ignore)]
    pub password_hash: String,
    /// The company this person is a verified employee of.
    pub verified_company: Option<i64>,
    /// What the account may do beyond reading and endorsing.
    pub role: Role,
    /// When an administrator banned the account; a banned account cannot sign in.
    #[serde(default)]
    pub banned_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("password_hash", &"<redacted>")
            .field("verified_company", &self.verified_company)
            .field("role", &self.role)
            .field("banned_at", &self.banned_at)
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// An account to create.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub email: String,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

impl fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewAccount")
            .field("email", &self.email)
            .field("password_hash", &"<redacted>")
            .field("created_at", &self.created_at)
            .finish()
    }
}

impl NewAccount {
    /// The account with its email normalised, or why it cannot be created.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] for a malformed email or an empty password hash.
    pub fn validated(&self) -> Result<Self, StoreError> {
        if self.password_hash.trim().is_empty() {
            return Err(StoreError::invalid(
                "an account needs a password hash (the web tier hashes the password)",
            ));
        }
        Ok(Self {
            email: normalize_email(&self.email)?,
            ..self.clone()
        })
    }
}

/// Trims and lowercases an address and checks its shape (`local@domain.tld`).
///
/// # Errors
/// [`StoreError::InvalidInput`] explaining what is wrong with the address.
pub fn normalize_email(email: &str) -> Result<String, StoreError> {
    let email = email.trim().to_lowercase();
    if email.len() > MAX_EMAIL_LEN {
        return Err(StoreError::invalid(format!(
            "email address is {} characters; at most {MAX_EMAIL_LEN} are allowed",
            email.len()
        )));
    }
    let bad = || {
        StoreError::invalid(format!(
            "`{email}` is not an email address; write it as name@company.example"
        ))
    };
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || domain.contains('@') || !domain_ok || email.contains(char::is_whitespace)
    {
        return Err(bad());
    }
    Ok(email)
}

/// A signed-in browser. Sessions live in the database so any web replica can serve any request.
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the cookie token; the token itself is never stored.
    pub token_hash: String,
    pub account: Account,
    /// Per-session secret the web tier derives CSRF tokens from.
    pub csrf_secret: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("token_hash", &"<redacted>")
            .field("account", &self.account)
            .field("csrf_secret", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A session to create.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub account_id: i64,
    pub csrf_secret: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl fmt::Debug for NewSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewSession")
            .field("account_id", &self.account_id)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl NewSession {
    /// Checks the session before it is written.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] for empty secrets or an expiry not after creation.
    pub fn validate(&self) -> Result<(), StoreError> {
        if self.token_hash.len() < 16 || self.csrf_secret.len() < 16 {
            return Err(StoreError::invalid(
                "session token hash and CSRF secret must each be at least 16 characters",
            ));
        }
        if self.expires_at <= self.created_at {
            return Err(StoreError::invalid(
                "session must expire after it is created; check the session lifetime setting",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            normalize_email("  Ana.Lopez@Lumenfold.Example ").unwrap(),
            "ana.lopez@lumenfold.example"
        );
    }

    #[test]
    fn malformed_emails_are_refused_with_an_example() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.example",
            "ana@localhost",
            "a b@x.example",
            "a@b@c.example",
            "a@x..example",
        ] {
            let err = normalize_email(bad).unwrap_err().to_string();
            assert!(err.contains("name@company.example"), "{bad}: {err}");
        }
        let long = format!("{}@x.example", "a".repeat(MAX_EMAIL_LEN));
        assert!(
            normalize_email(&long)
                .unwrap_err()
                .to_string()
                .contains("at most")
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_and_json() {
        let account = Account {
            id: 1,
            email: "a@x.example".into(),
            password_hash: "$argon2id$secret".into(),
            verified_company: None,
            role: Role::Member,
            banned_at: None,
            created_at: DateTime::UNIX_EPOCH,
        };
        assert!(!format!("{account:?}").contains("secret"));
        assert!(!serde_json::to_string(&account).unwrap().contains("argon2"));
        let session = Session {
            token_hash: "tokentokentokentoken".into(),
            account,
            csrf_secret: "csrfcsrfcsrfcsrfcsrf".into(),
            created_at: DateTime::UNIX_EPOCH,
            expires_at: DateTime::UNIX_EPOCH,
        };
        let debug = format!("{session:?}");
        assert!(
            !debug.contains("tokentoken") && !debug.contains("csrfcsrf"),
            "{debug}"
        );
    }

    #[test]
    fn sessions_must_expire_after_creation() {
        let mut session = NewSession {
            token_hash: "t".repeat(64),
            account_id: 1,
            csrf_secret: "c".repeat(32),
            created_at: DateTime::UNIX_EPOCH,
            expires_at: DateTime::UNIX_EPOCH,
        };
        assert!(session.validate().is_err());
        session.expires_at = DateTime::UNIX_EPOCH + chrono::Duration::hours(1);
        session.validate().unwrap();
        session.csrf_secret = String::new();
        assert!(session.validate().is_err());
    }
}
