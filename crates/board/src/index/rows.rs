//! The compact rows the store hands over to build a [`super::BoardIndex`].

use chrono::{DateTime, Utc};

use crate::{Track, Workplace};

/// One listing that is neither closed nor hidden, with only what search reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexListing {
    pub id: i64,
    pub company_id: i64,
    pub track: Track,
    pub workplace: Workplace,
    pub posted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Title, location and description, separated by spaces (the company name comes from
    /// [`IndexCompany::name`]).
    pub text: String,
}

/// One company with what search filters, counts and ranks by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexCompany {
    pub id: i64,
    pub name: String,
    pub ic_past_staff: bool,
    /// Tags the company claims.
    pub claimed: Vec<String>,
    /// Every endorsement: its tag and when it was made (old ones included: they still make a
    /// tag match the `tag` filter, but stop confirming it).
    pub endorsements: Vec<(String, DateTime<Utc>)>,
}
