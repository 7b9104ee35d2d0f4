//! The WHERE clause of listing search on PostgreSQL (`tsvector`).

use dualtrack_board::ValidListingQuery;
use sqlx::{Postgres, QueryBuilder};

use crate::shared::{Access, Drive};

/// `tsquery` text for the validated terms: every term, each as a word prefix. Terms are
/// letters and digits only, so they cannot inject `tsquery` operators.
fn tsquery(terms: &[String]) -> Option<String> {
    (!terms.is_empty()).then(|| {
        terms
            .iter()
            .map(|t| format!("{t}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    })
}

/// Appends the WHERE conditions every search query shares (everything except the cursor).
///
/// The planner keeps statistics, so only company-level filters are written per use: probed
/// (a page walking the newest-first index that stops after `limit` hits) they are tests on
/// each row, `EXISTS`, which the planner turns into hashed lookups; driving (the facet count
/// reads every match) they are semi-joins, `l.company_id IN (...)`, that select whole runs of
/// the covering index. The text match is always looked up through the GIN index.
pub(super) fn push_filters(
    query: &mut QueryBuilder<'_, Postgres>,
    filter: &ValidListingQuery,
    access: Access,
) {
    if let Some(text) = tsquery(&filter.terms) {
        query.push(" AND l.search @@ to_tsquery('simple', ");
        query.push_bind(text);
        query.push(")");
    }
    for tag in &filter.tags {
        match access.company {
            Drive::Probe => {
                query.push(
                    " AND (EXISTS (SELECT 1 FROM company_tag_claims x \
                     WHERE x.company_id = l.company_id AND x.tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push(
                    ") OR EXISTS (SELECT 1 FROM endorsements e \
                     WHERE e.company_id = l.company_id AND e.tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push("))");
            }
            Drive::Index => {
                query.push(
                    " AND l.company_id IN (SELECT company_id FROM company_tag_claims \
                     WHERE tag_id = ",
                );
                query.push_bind(tag.clone());
                query.push(" UNION SELECT company_id FROM endorsements WHERE tag_id = ");
                query.push_bind(tag.clone());
                query.push(")");
            }
        }
    }
    if let Some(track) = filter.track {
        query.push(" AND l.track = ");
        query.push_bind(track.as_str());
    }
    if let Some(past_staff) = filter.ic_past_staff {
        query.push(match access.company {
            Drive::Probe => {
                " AND EXISTS (SELECT 1 FROM companies x WHERE x.id = l.company_id \
                 AND x.ic_past_staff = "
            }
            Drive::Index => " AND l.company_id IN (SELECT id FROM companies WHERE ic_past_staff = ",
        });
        query.push_bind(past_staff);
        query.push(")");
    }
    match filter.remote {
        Some(true) => {
            query.push(" AND l.workplace = 'remote'");
        }
        Some(false) => {
            query.push(" AND l.workplace <> 'remote'");
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::tsquery;

    #[test]
    fn tsquery_requires_every_term_as_a_prefix() {
        assert_eq!(tsquery(&[]), None);
        assert_eq!(
            tsquery(&["rust".into(), "dist".into()]).unwrap(),
            "rust:* & dist:*"
        );
    }
}
