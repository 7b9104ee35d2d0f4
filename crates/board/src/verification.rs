//! Employee verification by work email: a single-use link mailed to an address at the
//! company's domain, bound to the account that asked for it.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Account, Company, StoreError};

/// How long a verification link stays usable.
pub const VERIFICATION_HOURS: i64 = 24;

/// A verification link to store. Only the SHA-256 hash of the token is kept: the token itself
/// exists only in the mail, so a leaked database does not verify anyone.
#[derive(Clone, PartialEq, Eq)]
pub struct NewEmailVerification {
    /// Hex SHA-256 of the token in the link.
    pub token_hash: String,
    /// The account that asked; only it can use the link.
    pub account_id: i64,
    pub company_id: i64,
    /// The work address the link was mailed to (normalised).
    pub address: String,
    /// Whether the person says they hire for the company (they become an employer).
    pub hires: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for NewEmailVerification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEmailVerification")
            .field("account_id", &self.account_id)
            .field("company_id", &self.company_id)
            .field("address", &self.address)
            .field("hires", &self.hires)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl NewEmailVerification {
    /// A link for `account` at `company` through `address`, valid for
    /// [`VERIFICATION_HOURS`] from `now`.
    #[must_use]
    pub fn new(
        token_hash: String,
        account: &Account,
        company: &Company,
        address: String,
        hires: bool,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            token_hash,
            account_id: account.id,
            company_id: company.id,
            address,
            hires,
            created_at: now,
            expires_at: now + Duration::hours(VERIFICATION_HOURS),
        }
    }

    /// Checks the link before it is stored.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] for a short token hash or an expiry not after creation.
    pub fn validate(&self) -> Result<(), StoreError> {
        if self.token_hash.len() < 32 {
            return Err(StoreError::invalid(
                "a verification token hash must be at least 32 characters",
            ));
        }
        if self.expires_at <= self.created_at {
            return Err(StoreError::invalid(
                "a verification link must expire after it is made",
            ));
        }
        Ok(())
    }
}

/// What opening a verification link did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Redemption {
    /// The account is now verified for the company (and an employer if it said it hires).
    Verified { account: Account, company_id: i64 },
    /// No such link (mistyped, or from another server).
    Unknown,
    /// The link was already used once.
    Used,
    /// The link is older than [`VERIFICATION_HOURS`].
    Expired,
    /// The link was asked for by another account.
    OtherAccount,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn links_expire_a_day_after_they_are_made() {
        let account = Account {
            id: 3,
            email: "a@mailbox.example".into(),
            password_hash: "x".into(),
            verified_company: None,
            role: Role::Member,
            banned_at: None,
            created_at: DateTime::UNIX_EPOCH,
        };
        let company = crate::Company {
            id: 7,
            slug: "lumenfold".into(),
            name: "Lumenfold".into(),
            domain: "lumenfold.example".into(),
            summary: String::new(),
            size: crate::CompanySize::Midsize,
            remote_policy: crate::RemotePolicy::RemoteFirst,
            ic_top_rung: "staff_engineer".into(),
            ic_past_staff: false,
            has_dual_ladder: true,
            fictional: true,
            open_listings: 0,
            tags: vec![],
        };
        let link = NewEmailVerification::new(
            "h".repeat(64),
            &account,
            &company,
            "a@lumenfold.example".into(),
            true,
            DateTime::UNIX_EPOCH,
        );
        assert_eq!(link.expires_at - link.created_at, Duration::hours(24));
        link.validate().unwrap();
        assert!(!format!("{link:?}").contains("hhhh"), "no token in Debug");
        let short = NewEmailVerification {
            token_hash: "h".into(),
            ..link
        };
        assert!(short.validate().is_err());
    }
}
