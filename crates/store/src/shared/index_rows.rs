//! Rows the in-memory search index is built from (`dualtrack_board::index`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dualtrack_board::{IndexCompany, IndexListing, StoreError, Workplace};

use super::listings::parse_track;

/// Listings neither closed nor hidden, newest first; the caller appends the optional
/// `AND (l.posted_at, l.id) < (...)` and [`INDEX_LISTINGS_ORDER`]. Written like the partial
/// index `listings_open_newest`, so both databases walk it.
pub const INDEX_LISTINGS: &str = "SELECT l.id, l.company_id, l.track, l.workplace, l.posted_at, \
     l.expires_at, l.title, l.location, l.description FROM listings l \
     WHERE l.closed_at IS NULL AND l.hidden_at IS NULL";

/// Order and size of one batch of [`INDEX_LISTINGS`].
pub const INDEX_LISTINGS_ORDER: &str = " ORDER BY l.posted_at DESC, l.id DESC LIMIT ";

/// One row of [`INDEX_LISTINGS`].
#[derive(Debug, sqlx::FromRow)]
pub struct IndexListingRow {
    pub id: i64,
    pub company_id: i64,
    pub track: String,
    pub workplace: String,
    pub posted_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub title: String,
    pub location: String,
    pub description: String,
}

impl IndexListingRow {
    /// The row as the index takes it: the three texts joined by spaces.
    pub fn into_listing(self) -> Result<IndexListing, StoreError> {
        let mut text = self.title;
        text.push(' ');
        text.push_str(&self.location);
        text.push(' ');
        text.push_str(&self.description);
        Ok(IndexListing {
            id: self.id,
            company_id: self.company_id,
            track: parse_track(&self.track)?,
            workplace: Workplace::parse(&self.workplace)?,
            posted_at: self.posted_at,
            expires_at: self.expires_at,
            text,
        })
    }
}

/// Companies with their claims and endorsements, from three plain reads.
pub fn index_companies(
    companies: Vec<(i64, String, bool)>,
    claims: Vec<(i64, String)>,
    endorsements: Vec<(i64, String, DateTime<Utc>)>,
) -> Vec<IndexCompany> {
    let mut out: Vec<IndexCompany> = companies
        .into_iter()
        .map(|(id, name, ic_past_staff)| IndexCompany {
            id,
            name,
            ic_past_staff,
            claimed: Vec::new(),
            endorsements: Vec::new(),
        })
        .collect();
    let slot: HashMap<i64, usize> = out.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    for (company, tag) in claims {
        if let Some(i) = slot.get(&company) {
            out[*i].claimed.push(tag);
        }
    }
    for (company, tag, at) in endorsements {
        if let Some(i) = slot.get(&company) {
            out[*i].endorsements.push((tag, at));
        }
    }
    out
}
