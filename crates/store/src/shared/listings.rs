//! Listing rows, their SQL fragments, and turning a fetched page into summaries.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use dualtrack_board::{
    CompanyBrief, Cursor, Listing, ListingSummary, SalaryRange, StoreError, TagStatus, Track,
    Workplace,
};

/// One listing joined with its company, as [`LISTING_COLUMNS`] plus a `description` column
/// select it.
#[derive(Debug, sqlx::FromRow)]
pub struct ListingRow {
    pub id: i64,
    pub title: String,
    pub track: String,
    pub rung: String,
    pub location: String,
    pub workplace: String,
    pub description: String,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub salary_currency: Option<String>,
    pub posted_at: DateTime<Utc>,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub ic_top_rung: String,
    pub ic_past_staff: bool,
    pub has_dual_ladder: bool,
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
}

/// Every [`ListingRow`] column but `description`, which the caller adds (the text for a
/// single listing, an empty string for a search page).
pub const LISTING_COLUMNS: &str = "SELECT l.id, l.title, l.track, l.rung, l.location, l.workplace, \
     l.salary_min, l.salary_max, l.salary_currency, l.posted_at, c.id AS company_id, \
     c.slug AS company_slug, c.name AS company_name, c.ic_top_rung, c.ic_past_staff, \
     c.has_dual_ladder, l.apply_url, l.apply_email, l.expires_at, l.closed_at, l.hidden_at";

/// Only the listings open at the bound time: not closed, not hidden, expiry ahead. Written the
/// way the partial search indexes are defined, so both databases use them.
pub const OPEN_AT: &str = " AND l.closed_at IS NULL AND l.hidden_at IS NULL AND l.expires_at > ";

/// The join every listing query reads from, open for `AND` conditions.
pub const FROM_LISTINGS: &str =
    " FROM listings l JOIN companies c ON c.id = l.company_id WHERE 1 = 1";

/// Reads a stored track, refusing one the board does not know.
pub fn parse_track(text: &str) -> Result<Track, StoreError> {
    text.parse()
        .map_err(|_| StoreError::InvalidData(format!("unknown track `{text}` in the database")))
}

impl ListingRow {
    /// The listing with its company's tag standings.
    pub fn into_listing(self, tags: Vec<TagStatus>) -> Result<Listing, StoreError> {
        let workplace = Workplace::parse(&self.workplace)?;
        Ok(Listing {
            id: self.id,
            title: self.title,
            track: parse_track(&self.track)?,
            rung: self.rung,
            location: self.location,
            workplace,
            remote: workplace.is_remote(),
            salary: SalaryRange::from_columns(
                self.salary_min,
                self.salary_max,
                self.salary_currency,
            )?,
            posted_at: self.posted_at,
            description: self.description,
            company: CompanyBrief {
                id: self.company_id,
                slug: self.company_slug,
                name: self.company_name,
                ic_top_rung: self.ic_top_rung,
                ic_past_staff: self.ic_past_staff,
                has_dual_ladder: self.has_dual_ladder,
                tags,
            },
            apply_url: self.apply_url,
            apply_email: self.apply_email,
            expires_at: self.expires_at,
            closed_at: self.closed_at,
            hidden_at: self.hidden_at,
        })
    }
}

fn summary(listing: Listing) -> ListingSummary {
    ListingSummary {
        id: listing.id,
        title: listing.title,
        track: listing.track,
        rung: listing.rung,
        location: listing.location,
        workplace: listing.workplace,
        remote: listing.remote,
        salary: listing.salary,
        posted_at: listing.posted_at,
        expires_at: listing.expires_at,
        company: listing.company,
        fit: None,
    }
}

/// Cuts a page fetched with one extra row (`limit + 1`) down to `limit` rows, and gives the
/// cursor of the next page when that extra row showed one follows.
pub fn finish_page(mut rows: Vec<ListingRow>, limit: u32) -> (Vec<ListingRow>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = rows.last().filter(|_| more).map(|last| {
        Cursor {
            posted_at: last.posted_at,
            id: last.id,
            score: None,
        }
        .encode()
    });
    (rows, next)
}

/// The distinct companies of a page, sorted, for one tag lookup.
pub fn company_ids(rows: &[ListingRow]) -> Vec<i64> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.company_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The page's summaries, each with its company's tags from `tags`.
pub fn summaries(
    rows: Vec<ListingRow>,
    tags: &HashMap<i64, Vec<TagStatus>>,
) -> Result<Vec<ListingSummary>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let own = tags.get(&row.company_id).cloned().unwrap_or_default();
            row.into_listing(own).map(summary)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn row(id: i64, company_id: i64) -> ListingRow {
        ListingRow {
            id,
            title: "Staff Engineer".into(),
            track: "ic".into(),
            rung: "staff".into(),
            location: "Berlin".into(),
            workplace: "remote".into(),
            description: String::new(),
            salary_min: None,
            salary_max: None,
            salary_currency: None,
            posted_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            company_id,
            company_slug: "acme".into(),
            company_name: "Acme".into(),
            ic_top_rung: "principal".into(),
            ic_past_staff: true,
            has_dual_ladder: true,
            apply_url: None,
            apply_email: Some("jobs@acme.example".into()),
            expires_at: Utc.with_ymd_and_hms(2026, 3, 2, 3, 4, 5).unwrap(),
            closed_at: None,
            hidden_at: None,
        }
    }

    #[test]
    fn finish_page_gives_a_cursor_only_when_the_extra_row_came_back() {
        let (rows, next) = finish_page(vec![row(3, 1), row(2, 1), row(1, 1)], 2);
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [3, 2]);
        let cursor = Cursor::decode(&next.unwrap()).unwrap();
        assert_eq!(cursor.id, 2);

        let (rows, next) = finish_page(vec![row(3, 1), row(2, 1)], 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(next, None);
    }

    #[test]
    fn company_ids_are_sorted_and_distinct() {
        assert_eq!(company_ids(&[row(1, 7), row(2, 3), row(3, 7)]), [3, 7]);
    }

    #[test]
    fn unknown_track_is_invalid_data() {
        assert!(matches!(
            parse_track("astronaut"),
            Err(StoreError::InvalidData(msg)) if msg.contains("astronaut")
        ));
    }
}
