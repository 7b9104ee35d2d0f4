//! Folding the facet query's rows into [`Facets`].

use dualtrack_board::{Facets, StoreError, Workplace};

use crate::listings::parse_track;

/// One output row: a (track, past Staff, workplace) group when `tag` is null, else a tag.
pub type FacetRow = (
    Option<String>,
    Option<String>,
    Option<bool>,
    Option<String>,
    i64,
);

/// Builds the facets from the rows of a backend's facet query.
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
