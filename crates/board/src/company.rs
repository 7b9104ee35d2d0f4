//! Companies and the facts about their ladders that job seekers filter on.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{StoreError, TagStatus, rung};

/// Head-count band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompanySize {
    /// Up to 50 people.
    Startup,
    /// 51 to 250 people.
    Growth,
    /// 251 to 1,000 people.
    Midsize,
    /// 1,001 to 5,000 people.
    Large,
    /// More than 5,000 people.
    Enterprise,
}

impl CompanySize {
    /// Database spelling (same as the serde one).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Startup => "startup",
            Self::Growth => "growth",
            Self::Midsize => "midsize",
            Self::Large => "large",
            Self::Enterprise => "enterprise",
        }
    }

    /// Human range, e.g. `51-250 people`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Startup => "up to 50 people",
            Self::Growth => "51-250 people",
            Self::Midsize => "251-1,000 people",
            Self::Large => "1,001-5,000 people",
            Self::Enterprise => "over 5,000 people",
        }
    }

    /// Parses the database spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] for an unknown band.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        [
            Self::Startup,
            Self::Growth,
            Self::Midsize,
            Self::Large,
            Self::Enterprise,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| StoreError::InvalidData(format!("unknown company size `{text}`")))
    }
}

/// Where the company expects people to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemotePolicy {
    RemoteFirst,
    Hybrid,
    OfficeFirst,
}

impl RemotePolicy {
    /// How people say it: `remote first`, `hybrid`, `office first`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::RemoteFirst => "remote first",
            Self::Hybrid => "hybrid",
            Self::OfficeFirst => "office first",
        }
    }

    /// Database spelling (same as the serde one).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RemoteFirst => "remote_first",
            Self::Hybrid => "hybrid",
            Self::OfficeFirst => "office_first",
        }
    }

    /// Parses the database spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] for an unknown policy.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        [Self::RemoteFirst, Self::Hybrid, Self::OfficeFirst]
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| StoreError::InvalidData(format!("unknown remote policy `{text}`")))
    }
}

/// A company on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Company {
    pub id: i64,
    /// URL-safe unique name (`lumenfold`).
    pub slug: String,
    pub name: String,
    /// Email domain of its employees; an account whose address is at this domain (or a
    /// subdomain) can be verified for the company.
    pub domain: String,
    pub summary: String,
    pub size: CompanySize,
    pub remote_policy: RemotePolicy,
    /// Highest IC rung the company's ladder has (canonical rung id).
    pub ic_top_rung: String,
    /// The IC ladder goes above Staff (derived from `ic_top_rung`).
    pub ic_past_staff: bool,
    /// IC and management rungs are paired with equal pay and standing.
    pub has_dual_ladder: bool,
    /// A made-up company from the demo data, not a real employer.
    pub fictional: bool,
    /// Open listings on the board.
    pub open_listings: u32,
    /// Claimed and endorsed culture tags, confirmed first.
    pub tags: Vec<TagStatus>,
}

/// A company to add to the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewCompany {
    pub slug: String,
    pub name: String,
    pub domain: String,
    pub summary: String,
    pub size: CompanySize,
    pub remote_policy: RemotePolicy,
    pub ic_top_rung: String,
    pub has_dual_ladder: bool,
    pub fictional: bool,
    /// Culture tags the company claims for itself.
    pub tags: Vec<String>,
}

impl NewCompany {
    /// Derived: does the IC ladder reach past Staff?
    #[must_use]
    pub fn ic_past_staff(&self) -> bool {
        rung::is_past_staff(&self.ic_top_rung)
    }
}

/// Whether `email` belongs to someone at `domain` (the domain itself or a subdomain of it).
#[must_use]
pub fn email_at_domain(email: &str, domain: &str) -> bool {
    let Some((_, host)) = email.rsplit_once('@') else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    let domain = domain.to_ascii_lowercase();
    host == domain
        || host
            .strip_suffix(domain.as_str())
            .is_some_and(|prefix| prefix.ends_with('.'))
}

/// Whether `slug` is usable in URLs: 1-60 chars of `a-z`, `0-9` and inner hyphens.
#[must_use]
pub fn is_slug(slug: &str) -> bool {
    crate::tag::is_kebab(slug, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employees_are_recognised_by_domain_or_subdomain() {
        assert!(email_at_domain(
            "ana@lumenfold.example",
            "lumenfold.example"
        ));
        assert!(email_at_domain(
            "ana@EU.Lumenfold.example",
            "lumenfold.example"
        ));
        assert!(!email_at_domain(
            "ana@notlumenfold.example",
            "lumenfold.example"
        ));
        assert!(!email_at_domain(
            "ana@lumenfold.example.evil",
            "lumenfold.example"
        ));
        assert!(!email_at_domain("no-at-sign", "lumenfold.example"));
    }

    #[test]
    fn past_staff_is_derived_from_the_top_rung() {
        let mut company = NewCompany {
            slug: "x".into(),
            name: "X".into(),
            domain: "x.example".into(),
            summary: "s".into(),
            size: CompanySize::Startup,
            remote_policy: RemotePolicy::Hybrid,
            ic_top_rung: "principal_engineer".into(),
            has_dual_ladder: true,
            fictional: true,
            tags: vec![],
        };
        assert!(company.ic_past_staff());
        company.ic_top_rung = "staff_engineer".into();
        assert!(!company.ic_past_staff());
    }

    #[test]
    fn enums_round_trip_through_their_database_spelling() {
        for size in [CompanySize::Startup, CompanySize::Enterprise] {
            assert_eq!(CompanySize::parse(size.as_str()).unwrap(), size);
        }
        for policy in [RemotePolicy::RemoteFirst, RemotePolicy::OfficeFirst] {
            assert_eq!(RemotePolicy::parse(policy.as_str()).unwrap(), policy);
        }
        assert!(CompanySize::parse("huge").is_err());
    }
}
