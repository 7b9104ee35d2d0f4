//! Job listings, in full and as search results.

use chrono::{DateTime, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ListingMatch, StoreError, TagStatus, Track, normalize_email};

/// Days a listing stays open when its employer gives no expiry.
pub const DEFAULT_LISTING_DAYS: i64 = 60;
/// Most days a listing may stay open from its posting or last renewal.
pub const MAX_LISTING_DAYS: i64 = 180;
/// Longest title, location or apply address, in characters.
pub const MAX_LISTING_FIELD: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest reason an administrator gives for hiding a listing.
pub const MAX_HIDE_REASON: usize = 1_000;

/// Where the job is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Workplace {
    Remote,
    Hybrid,
    Onsite,
}

impl Workplace {
    /// How people say it, inside a sentence: `remote`, `hybrid`, `on site`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::Hybrid => "hybrid",
            Self::Onsite => "on site",
        }
    }

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
    /// After this the listing leaves search by itself.
    pub expires_at: DateTime<Utc>,
    pub company: CompanyBrief,
    /// How the company's culture tags meet the searcher's preferences; only when the search
    /// gave `prefer` parameters.
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<ListingMatch>,
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
    /// Where to apply: a web address, an email address, or both.
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
    /// After this the listing leaves search by itself (its employer may renew it).
    pub expires_at: DateTime<Utc>,
    /// When its employer closed it.
    pub closed_at: Option<DateTime<Utc>>,
    /// When an administrator hid it.
    pub hidden_at: Option<DateTime<Utc>>,
}

/// Where a listing stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListingState {
    Open,
    /// Past its expiry date.
    Expired,
    /// Closed by its employer.
    Closed,
    /// Hidden by an administrator.
    Hidden,
}

impl ListingState {
    /// API spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Expired => "expired",
            Self::Closed => "closed",
            Self::Hidden => "hidden",
        }
    }

    /// Words for a page.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Expired => "Expired",
            Self::Closed => "Closed",
            Self::Hidden => "Hidden by the moderators",
        }
    }
}

impl Listing {
    /// Hidden beats closed beats expired: the strongest reason a listing is not open.
    #[must_use]
    pub fn state(&self, now: DateTime<Utc>) -> ListingState {
        if self.hidden_at.is_some() {
            ListingState::Hidden
        } else if self.closed_at.is_some() {
            ListingState::Closed
        } else if self.expires_at <= now {
            ListingState::Expired
        } else {
            ListingState::Open
        }
    }

    /// The listing as a draft, to edit it.
    #[must_use]
    pub fn draft(&self) -> ListingDraft {
        ListingDraft {
            title: self.title.clone(),
            track: self.track,
            rung: self.rung.clone(),
            location: self.location.clone(),
            workplace: self.workplace,
            salary: self.salary.clone(),
            description: self.description.clone(),
            apply_url: self.apply_url.clone(),
            apply_email: self.apply_email.clone(),
            expires_at: Some(self.expires_at),
        }
    }
}

/// Cuts a time to whole seconds (how listing times are stored and compared).
#[must_use]
pub fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_nanosecond(0).unwrap_or(at)
}

/// The default expiry of a listing posted or renewed at `from`.
#[must_use]
pub fn default_expiry(from: DateTime<Utc>) -> DateTime<Utc> {
    whole_seconds(from) + Duration::days(DEFAULT_LISTING_DAYS)
}

/// What an employer writes: a new listing, or the new text of one (`POST` / `PUT
/// /api/v1/listings`, the `/jobs/new` form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListingDraft {
    pub title: String,
    pub track: Track,
    /// Canonical rung id on `track` (`staff_engineer`, `manager`, ...).
    pub rung: String,
    pub location: String,
    pub workplace: Workplace,
    #[serde(default)]
    pub salary: Option<SalaryRange>,
    /// Plain text; paragraphs separated by blank lines.
    pub description: String,
    /// An `https://` or `http://` address to apply at. Give this, `apply_email`, or both.
    #[serde(default)]
    pub apply_url: Option<String>,
    #[serde(default)]
    pub apply_email: Option<String>,
    /// When the listing leaves search; at most 180 days ahead, 60 days when left out.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// One problem with one field of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The draft field (`title`, `apply_url`, ...).
    pub field: String,
    pub message: String,
}

/// Whether `url` is an absolute `http(s)://host...` address without spaces.
#[must_use]
pub fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host.contains('.')
        && url.chars().all(|c| c.is_ascii_graphic())
        && !host.starts_with('.')
        && !host.ends_with('.')
}

impl ListingDraft {
    /// Trims text fields and drops empty optional ones, so a form's blank inputs mean "none".
    #[must_use]
    pub fn tidy(mut self) -> Self {
        self.title = self.title.trim().to_owned();
        self.rung = self.rung.trim().to_owned();
        self.location = self.location.trim().to_owned();
        self.description = self.description.trim().replace("\r\n", "\n");
        let blank = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        self.apply_url = blank(self.apply_url);
        self.apply_email = blank(self.apply_email).map(|e| e.to_lowercase());
        self.expires_at = self.expires_at.map(whole_seconds);
        self
    }

    /// Every problem with the draft, each beside its field; `now` bounds the expiry.
    #[must_use]
    pub fn problems(&self, now: DateTime<Utc>) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut fail = |field: &str, message: String| {
            out.push(FieldError {
                field: field.to_owned(),
                message,
            });
        };
        for (field, value, name) in [
            ("title", &self.title, "a title"),
            ("location", &self.location, "a location (a city, or Remote)"),
        ] {
            if value.trim().is_empty() {
                fail(field, format!("Give {name}."));
            } else if value.chars().count() > MAX_LISTING_FIELD {
                fail(
                    field,
                    format!("Shorten this to at most {MAX_LISTING_FIELD} characters."),
                );
            }
        }
        if !crate::rung::rungs(self.track).contains(&self.rung.as_str()) {
            fail(
                "rung",
                format!(
                    "Choose a rung of the {} track: {}.",
                    self.track.as_str(),
                    crate::rung::rungs(self.track).join(", ")
                ),
            );
        }
        if self.description.trim().is_empty() {
            fail("description", "Describe the job.".into());
        } else if self.description.chars().count() > MAX_DESCRIPTION {
            fail(
                "description",
                format!("Shorten the description to at most {MAX_DESCRIPTION} characters."),
            );
        }
        if let Some(salary) = &self.salary
            && let Err(message) = salary.check()
        {
            fail("salary", message);
        }
        match (&self.apply_url, &self.apply_email) {
            (None, None) => fail(
                "apply_url",
                "Say where to apply: a web address, an email address, or both.".into(),
            ),
            (url, email) => {
                if let Some(url) = url
                    && (!is_web_address(url) || url.chars().count() > MAX_LISTING_FIELD)
                {
                    fail(
                        "apply_url",
                        "Give a full web address starting with https:// (for example \
                         https://jobs.example.com/123)."
                            .into(),
                    );
                }
                if let Some(email) = email
                    && normalize_email(email).is_err()
                {
                    fail(
                        "apply_email",
                        "Give an email address such as jobs@company.example.".into(),
                    );
                }
            }
        }
        if let Some(expires) = self.expires_at {
            if expires <= now {
                fail("expires_at", "Choose an expiry date in the future.".into());
            } else if expires > now + Duration::days(MAX_LISTING_DAYS) {
                fail(
                    "expires_at",
                    format!(
                        "A listing may stay open at most {MAX_LISTING_DAYS} days; choose an earlier date."
                    ),
                );
            }
        }
        out
    }

    /// Checks the draft.
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] naming every problem with its field.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let problems = self.problems(now);
        if problems.is_empty() {
            return Ok(());
        }
        Err(StoreError::invalid(
            problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("; "),
        ))
    }
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
    #[serde(default)]
    pub apply_url: Option<String>,
    #[serde(default)]
    pub apply_email: Option<String>,
    /// Defaults to 60 days after `posted_at`.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

impl NewListing {
    /// When it leaves search: as given, or 60 days after posting.
    #[must_use]
    pub fn expiry(&self) -> DateTime<Utc> {
        self.expires_at
            .map_or_else(|| default_expiry(self.posted_at), whole_seconds)
    }
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
