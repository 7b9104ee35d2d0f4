//! Facet counts of a listing search, in one statement, and folding its rows into [`Facets`].
//!
//! Every match has to be counted, so on a large board this is the expensive half of a search.
//! It is done per company first: the matches are grouped by (company, track, workplace) off
//! the covering index `listings_facets`, which never touches the wide listing rows unless a
//! text filter asks for them, giving at most a few rows per company. Both facet families are
//! then folded from that small set: ladder maturity through `companies`, tags through the
//! distinct (company, tag) pairs that are claimed or endorsed.

use dualtrack_board::{Facets, StoreError, Workplace};

use super::listings::parse_track;

/// Start of the facet statement; the backend's search conditions follow, then
/// [`FACETS_OF_MATCHES`].
pub const MATCHES: &str = "WITH matches AS (SELECT l.company_id, l.track, l.workplace, \
     COUNT(*) AS n FROM listings l WHERE 1 = 1";

/// The rest of the facet statement: one [`FacetRow`] per (track, past Staff, workplace) group
/// and per tag. The casts give both databases the same column types.
pub const FACETS_OF_MATCHES: &str = " GROUP BY l.company_id, l.track, l.workplace) \
     SELECT CAST(NULL AS TEXT), m.track, c.ic_past_staff, m.workplace, CAST(SUM(m.n) AS BIGINT) \
     FROM matches m JOIN companies c ON c.id = m.company_id \
     GROUP BY m.track, c.ic_past_staff, m.workplace \
     UNION ALL \
     SELECT t.tag_id, CAST(NULL AS TEXT), CAST(NULL AS BOOLEAN), CAST(NULL AS TEXT), \
     CAST(SUM(pc.n) AS BIGINT) \
     FROM (SELECT company_id, SUM(n) AS n FROM matches GROUP BY company_id) pc \
     JOIN (SELECT company_id, tag_id FROM company_tag_claims \
           UNION SELECT company_id, tag_id FROM endorsements) t \
       ON t.company_id = pc.company_id \
     GROUP BY t.tag_id";

/// One output row: a (track, past Staff, workplace) group when `tag` is null, else a tag.
pub type FacetRow = (
    Option<String>,
    Option<String>,
    Option<bool>,
    Option<String>,
    i64,
);

/// Builds the facets from the rows of the facet statement.
pub fn facets_from_rows(rows: Vec<FacetRow>) -> Result<Facets, StoreError> {
    let mut groups = Vec::new();
    let mut tags = Vec::new();
    for (tag, track, past_staff, workplace, n) in rows {
        let n = u64::try_from(n).unwrap_or_default();
        match (tag, track, past_staff, workplace) {
            (Some(tag), ..) => tags.push((tag, n)),
            (None, Some(track), Some(past_staff), Some(workplace)) => groups.push((
                parse_track(&track)?,
                past_staff,
                Workplace::parse(&workplace)?,
                n,
            )),
            _ => {
                return Err(StoreError::InvalidData(
                    "a facet group came back with an empty column".into(),
                ));
            }
        }
    }
    Ok(Facets::from_groups(groups, tags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_row_with_an_empty_column_is_invalid_data() {
        let rows = vec![(None, Some("ic".to_string()), None, Some("remote".into()), 3)];
        assert!(matches!(
            facets_from_rows(rows),
            Err(StoreError::InvalidData(msg)) if msg.contains("empty column")
        ));
    }

    #[test]
    fn no_rows_give_the_facets_of_no_matches() {
        assert_eq!(
            facets_from_rows(Vec::new()).unwrap(),
            Facets::from_groups(Vec::new(), Vec::new())
        );
    }
}
