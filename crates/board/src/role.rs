//! What an account may do on the board.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Account, StoreError};

/// Whether `account` may write listings of `company_id`: an employer verified for exactly
/// that company. (Administrators hide listings; they do not write them.)
///
/// # Errors
/// [`StoreError::NotAllowed`] saying what is missing.
pub fn check_may_post(account: &Account, company_id: i64) -> Result<(), StoreError> {
    if account.role != Role::Employer {
        return Err(StoreError::NotAllowed(
            "only an employer account may post or change listings; confirm your work address \
             at the company with the \"I hire\" choice to become one"
                .into(),
        ));
    }
    if account.verified_company != Some(company_id) {
        return Err(StoreError::NotAllowed(
            "this listing belongs to another company; an employer may change only its own \
             verified company's listings"
                .into(),
        ));
    }
    Ok(())
}

/// What an account may do. Every account starts as a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads, saves preferences and, once verified, confirms or disputes culture tags.
    #[default]
    Member,
    /// Manages its verified company's profile, claimed tags and listings.
    Employer,
    /// Moderates: hides listings, removes endorsements, bans accounts; every act is logged.
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Self; 3] = [Self::Member, Self::Employer, Self::Admin];

    /// Database and API spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Employer => "employer",
            Self::Admin => "admin",
        }
    }

    /// Words for a page.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Member => "Member",
            Self::Employer => "Employer",
            Self::Admin => "Administrator",
        }
    }

    /// Parses the database spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] for an unknown role.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| {
                StoreError::InvalidData(format!(
                    "unknown account role `{text}`; expected member, employer or admin"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_back_from_its_database_spelling() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        let err = Role::parse("owner").unwrap_err().to_string();
        assert!(err.contains("member, employer or admin"), "{err}");
    }
}
