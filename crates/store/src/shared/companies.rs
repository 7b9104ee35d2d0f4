//! Company rows, the tag vocabulary and company tag standings.

use std::collections::HashMap;

use dualtrack_board::{
    Company, CompanySize, CultureTag, RemotePolicy, StoreError, TagStatus, sort_tags,
};

/// The tag vocabulary in display order.
pub const TAGS_QUERY: &str = "SELECT id, label, description FROM tags ORDER BY position, id";

/// One row of [`TAGS_QUERY`]: id, label, description.
pub type TagRow = (String, String, String);

/// Turns [`TAGS_QUERY`] rows into the vocabulary.
pub fn tags_from_rows(rows: Vec<TagRow>) -> Vec<CultureTag> {
    rows.into_iter()
        .map(|(id, label, description)| CultureTag {
            id,
            label,
            description,
        })
        .collect()
}

/// One company with its listing count, as [`COMPANY_COLUMNS`] selects it.
#[derive(Debug, sqlx::FromRow)]
pub struct CompanyRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub domain: String,
    pub summary: String,
    pub size: String,
    pub remote_policy: String,
    pub ic_top_rung: String,
    pub ic_past_staff: bool,
    pub has_dual_ladder: bool,
    pub fictional: bool,
    pub open_listings: i64,
}

/// Reads [`CompanyRow`]s; the caller appends its `WHERE` / `ORDER BY`.
pub const COMPANY_COLUMNS: &str = "SELECT c.id, c.slug, c.name, c.domain, c.summary, c.size, \
     c.remote_policy, c.ic_top_rung, c.ic_past_staff, c.has_dual_ladder, c.fictional, \
     (SELECT COUNT(*) FROM listings l WHERE l.company_id = c.id) AS open_listings \
     FROM companies c";

impl CompanyRow {
    /// The company with its tag standings; fails on a size or remote policy the board does
    /// not know.
    pub fn into_company(self, tags: Vec<TagStatus>) -> Result<Company, StoreError> {
        Ok(Company {
            id: self.id,
            slug: self.slug,
            name: self.name,
            domain: self.domain,
            summary: self.summary,
            size: CompanySize::parse(&self.size)?,
            remote_policy: RemotePolicy::parse(&self.remote_policy)?,
            ic_top_rung: self.ic_top_rung,
            ic_past_staff: self.ic_past_staff,
            has_dual_ladder: self.has_dual_ladder,
            fictional: self.fictional,
            open_listings: u32::try_from(self.open_listings).unwrap_or(u32::MAX),
            tags,
        })
    }
}

/// Joins each company row with its own tags from `tags` (taken out of the map).
pub fn companies_with_tags(
    rows: Vec<CompanyRow>,
    mut tags: HashMap<i64, Vec<TagStatus>>,
) -> Result<Vec<Company>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let own = tags.remove(&row.id).unwrap_or_default();
            row.into_company(own)
        })
        .collect()
}

/// Tag standings of every company; the caller appends a `WHERE` on `ct.company_id` for fewer.
pub const COMPANY_TAGS: &str = "SELECT ct.company_id, ct.tag_id, t.label, ct.claimed, \
     ct.endorsements FROM company_tags ct JOIN tags t ON t.id = ct.tag_id";

/// [`COMPANY_TAGS`] of the one company `$1`. Not the view with a `WHERE`: SQLite cannot push
/// the condition into the view's grouped `UNION ALL`, so it grouped every claim and
/// endorsement of the board for each call (about 10 ms at 20,000 companies, most of the time
/// of reading one listing); here both reads select through the `(company_id, tag_id)` keys.
pub const COMPANY_TAGS_OF_ONE: &str = "SELECT k.company_id, k.tag_id, t.label, \
     EXISTS (SELECT 1 FROM company_tag_claims c \
             WHERE c.company_id = k.company_id AND c.tag_id = k.tag_id) AS claimed, \
     (SELECT COUNT(*) FROM endorsements e \
      WHERE e.company_id = k.company_id AND e.tag_id = k.tag_id) AS endorsements \
     FROM (SELECT company_id, tag_id FROM company_tag_claims WHERE company_id = $1 \
           UNION SELECT company_id, tag_id FROM endorsements WHERE company_id = $1) k \
     JOIN tags t ON t.id = k.tag_id";

/// Like [`COMPANY_TAGS`], but counting only confirmations made after `$1`, as the company
/// page does: an unrefreshed tag falls back to claimed (or drops out when nobody claims it).
/// The caller appends `AND ct.company_id ...` conditions.
pub const COMPANY_TAGS_SINCE: &str = "SELECT ct.company_id, ct.tag_id, t.label, ct.claimed, \
     ct.endorsements FROM (SELECT k.company_id, k.tag_id, \
     EXISTS (SELECT 1 FROM company_tag_claims c \
             WHERE c.company_id = k.company_id AND c.tag_id = k.tag_id) AS claimed, \
     (SELECT COUNT(*) FROM endorsements e \
      WHERE e.company_id = k.company_id AND e.tag_id = k.tag_id AND e.created_at > $1) \
      AS endorsements \
     FROM (SELECT company_id, tag_id FROM company_tag_claims \
           UNION SELECT company_id, tag_id FROM endorsements) k) ct \
     JOIN tags t ON t.id = ct.tag_id WHERE (ct.claimed OR ct.endorsements > 0)";

/// One row of the company-tags query: company id, tag id, label, claimed, endorsements.
pub type CompanyTagRow = (i64, String, String, bool, i64);

/// Groups company-tag rows by company, each list sorted for display.
pub fn group_company_tags(rows: Vec<CompanyTagRow>) -> HashMap<i64, Vec<TagStatus>> {
    let mut out: HashMap<i64, Vec<TagStatus>> = HashMap::new();
    for (company_id, tag, label, claimed, endorsements) in rows {
        let endorsements = u32::try_from(endorsements).unwrap_or(u32::MAX);
        out.entry(company_id)
            .or_default()
            .push(TagStatus::new(tag, label, claimed, endorsements));
    }
    for tags in out.values_mut() {
        sort_tags(tags);
    }
    out
}

/// A row of `company_ladders`.
#[derive(Debug, sqlx::FromRow)]
pub struct CompanyLadderRow {
    pub company_id: i64,
    pub ladder_toml: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
}

impl From<CompanyLadderRow> for dualtrack_board::StoredCompanyLadder {
    fn from(row: CompanyLadderRow) -> Self {
        Self {
            company_id: row.company_id,
            ladder_toml: row.ladder_toml,
            uploaded_by: row.uploaded_by,
            uploaded_at: row.uploaded_at,
        }
    }
}
