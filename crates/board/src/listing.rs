//! Job listings, in full and as search results.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{StoreError, TagStatus, Track};

/// Where the job is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Workplace {
    Remote,
    Hybrid,
    Onsite,
}

impl Workplace {
    /// Database spelling (same as the serde one).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::Hybrid => "hybrid",
            Self::Onsite => "onsite",
        }
    }

    /// Fully remote; the `remote` search filter and facet count only these.
    #[must_use]
    pub fn is_remote(self) -> bool {
        self == Self::Remote
    }

    /// Parses the database spelling.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] for an unknown workplace.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        [Self::Remote, Self::Hybrid, Self::Onsite]
            .into_iter()
            .find(|w| w.as_str() == text)
            .ok_or_else(|| StoreError::InvalidData(format!("unknown workplace `{text}`")))
    }
}

/// Yearly base salary range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryRange {
    pub min: u32,
    pub max: u32,
    /// ISO 4217 code (`EUR`, `USD`).
    pub currency: String,
}

impl SalaryRange {
    /// Rebuilds a range from its three nullable columns; all three or none must be set.
    ///
    /// # Errors
    /// [`StoreError::InvalidData`] when only some columns are set or values are negative.
    pub fn from_columns(
        min: Option<i64>,
        max: Option<i64>,
        currency: Option<String>,
    ) -> Result<Option<Self>, StoreError> {
        match (min, max, currency) {
            (None, None, None) => Ok(None),
            (Some(min), Some(max), Some(currency)) => {
                let convert = |v: i64| {
                    u32::try_from(v).map_err(|_| {
                        StoreError::InvalidData(format!("salary value {v} is out of range"))
                    })
                };
                Ok(Some(Self {
                    min: convert(min)?,
                    max: convert(max)?,
                    currency,
                }))
            }
            _ => Err(StoreError::InvalidData(
                "a listing has a partial salary range; set min, max and currency together".into(),
            )),
        }
    }

    /// Checks min <= max and the currency spelling.
    ///
    /// # Errors
    /// A message for the caller to place.
    pub fn check(&self) -> Result<(), String> {
        if self.min > self.max {
            return Err(format!(
                "salary min {} is above max {}; swap them",
                self.min, self.max
            ));
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "salary currency `{}` must be a three-letter ISO 4217 code such as EUR or USD",
                self.currency
            ));
        }
        Ok(())
    }
}

/// What a listing shows about its company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CompanyBrief {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub ic_top_rung: String,
    pub ic_past_staff: bool,
    pub has_dual_ladder: bool,
    /// Claimed and endorsed culture tags, confirmed first.
    pub tags: Vec<TagStatus>,
}

/// A listing as a search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ListingSummary {
    pub id: i64,
    pub title: String,
    pub track: Track,
    /// Canonical rung id on `track`.
    pub rung: String,
    pub location: String,
    pub workplace: Workplace,
    /// Fully remote.
    pub remote: bool,
    pub salary: Option<SalaryRange>,
    pub posted_at: DateTime<Utc>,
    pub company: CompanyBrief,
}

/// A listing with everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Listing {
    pub id: i64,
    pub title: String,
    pub track: Track,
    pub rung: String,
    pub location: String,
    pub workplace: Workplace,
    pub remote: bool,
    pub salary: Option<SalaryRange>,
    pub posted_at: DateTime<Utc>,
    /// Plain text; paragraphs separated by blank lines.
    pub description: String,
    pub company: CompanyBrief,
}

/// A listing to add to the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NewListing {
    /// Slug of the company that posts it.
    pub company: String,
    pub title: String,
    pub track: Track,
    pub rung: String,
    pub location: String,
    pub workplace: Workplace,
    pub salary: Option<SalaryRange>,
    /// Whole seconds: the search cursor orders by it.
    pub posted_at: DateTime<Utc>,
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salary_columns_are_all_or_nothing() {
        assert_eq!(SalaryRange::from_columns(None, None, None).unwrap(), None);
        let range = SalaryRange::from_columns(Some(1), Some(2), Some("EUR".into()))
            .unwrap()
            .unwrap();
        assert_eq!(range.max, 2);
        assert!(SalaryRange::from_columns(Some(1), None, None).is_err());
        assert!(SalaryRange::from_columns(Some(-1), Some(2), Some("EUR".into())).is_err());
    }

    #[test]
    fn salary_check_explains_the_fix() {
        let mut range = SalaryRange {
            min: 10,
            max: 5,
            currency: "EUR".into(),
        };
        assert!(range.check().unwrap_err().contains("swap"));
        range.max = 20;
        range.currency = "euro".into();
        assert!(range.check().unwrap_err().contains("ISO 4217"));
        range.currency = "EUR".into();
        range.check().unwrap();
    }

    #[test]
    fn only_remote_counts_as_remote() {
        assert!(Workplace::Remote.is_remote());
        assert!(!Workplace::Hybrid.is_remote());
        assert_eq!(Workplace::parse("onsite").unwrap(), Workplace::Onsite);
    }
}
