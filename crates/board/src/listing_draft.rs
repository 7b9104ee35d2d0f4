//! What an employer sends to post or edit a listing, its checks field by field, and the
//! checked listing ready to store.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::listing::{
    MAX_DESCRIPTION, MAX_LISTING_DAYS, MAX_LISTING_FIELD, default_expiry, whole_seconds,
};
use crate::{SalaryRange, StoreError, Track, Workplace, normalize_email};

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
