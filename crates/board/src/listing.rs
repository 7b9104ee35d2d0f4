//! Job listings, in full and as search results.

use chrono::{DateTime, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{ListingDraft, ListingMatch, SalaryRange, TagStatus, Track, Workplace};

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
