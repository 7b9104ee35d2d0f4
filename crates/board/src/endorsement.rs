//! Endorsements: a verified employee vouching that a culture tag is true of their company.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Account, Company, StoreError};

/// One employee's endorsement of one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Endorsement {
    pub account_id: i64,
    pub company_id: i64,
    pub tag: String,
    pub created_at: DateTime<Utc>,
    /// The team or org the endorser gave, if any.
    #[serde(default)]
    pub team: Option<String>,
}

/// An endorsement to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewEndorsement {
    pub account_id: i64,
    pub company_id: i64,
    pub tag: String,
    pub created_at: DateTime<Utc>,
    /// The team or org the endorser gives (trimmed; at most 80 characters).
    #[serde(default)]
    pub team: Option<String>,
}

/// The board's rule: only an account verified as an employee of `company` may endorse its
/// tags. Backends call this before writing, and their schema refuses the row as well, so
/// neither a service bug nor a hand-written query can forge an endorsement.
///
/// # Errors
/// [`StoreError::NotAllowed`] saying how to become eligible.
pub fn check_may_endorse(account: &Account, company: &Company) -> Result<(), StoreError> {
    match account.verified_company {
        Some(id) if id == company.id => Ok(()),
        Some(_) => Err(StoreError::NotAllowed(format!(
            "{} is verified for another company, so it cannot endorse {}; only its own \
             employer's tags can be endorsed",
            account.email, company.name
        ))),
        None => Err(StoreError::NotAllowed(format!(
            "{} is not a verified employee of {}; verify an address at {} first",
            account.email, company.name, company.domain
        ))),
    }
}

/// The board's rule for verification: the work address that receives the link must be at the
/// company's domain. It need not be the address the account signs in with.
///
/// # Errors
/// [`StoreError::NotAllowed`] naming the domain the address must use.
pub fn check_may_verify(address: &str, company: &Company) -> Result<(), StoreError> {
    if crate::company::email_at_domain(address, &company.domain) {
        Ok(())
    } else {
        Err(StoreError::NotAllowed(format!(
            "{address} cannot verify an employee of {}: use your work address at {}",
            company.name, company.domain
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CompanySize, RemotePolicy};

    fn company(id: i64) -> Company {
        Company {
            id,
            slug: "lumenfold".into(),
            name: "Lumenfold".into(),
            domain: "lumenfold.example".into(),
            summary: String::new(),
            size: CompanySize::Midsize,
            remote_policy: RemotePolicy::RemoteFirst,
            ic_top_rung: "distinguished_engineer".into(),
            ic_past_staff: true,
            has_dual_ladder: true,
            fictional: true,
            open_listings: 0,
            tags: vec![],
        }
    }

    fn account(email: &str, verified_company: Option<i64>) -> Account {
        Account {
            id: 1,
            email: email.into(),
            password_hash: "x".into(),
            verified_company,
            role: crate::Role::Member,
            banned_at: None,
            created_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn only_verified_employees_may_endorse() {
        check_may_endorse(&account("a@lumenfold.example", Some(7)), &company(7)).unwrap();
        let err =
            check_may_endorse(&account("a@lumenfold.example", None), &company(7)).unwrap_err();
        assert!(
            err.to_string()
                .contains("verify an address at lumenfold.example"),
            "{err}"
        );
        let err = check_may_endorse(&account("a@other.example", Some(8)), &company(7)).unwrap_err();
        assert!(err.to_string().contains("another company"), "{err}");
    }

    #[test]
    fn verification_needs_an_address_at_the_company_domain() {
        check_may_verify("a@lumenfold.example", &company(7)).unwrap();
        check_may_verify("A@Lumenfold.Example", &company(7)).unwrap();
        let err = check_may_verify("a@gmail.example", &company(7)).unwrap_err();
        assert!(matches!(err, StoreError::NotAllowed(_)));
        assert!(err.to_string().contains("lumenfold.example"), "{err}");
        assert!(check_may_verify("a@evil-lumenfold.example", &company(7)).is_err());
    }
}
