//! The WHERE clause of listing search on PostgreSQL (`tsvector`).

use dualtrack_board::ValidListingQuery;
use sqlx::{Postgres, QueryBuilder};

use super::PgStore;
use crate::shared::search::{
    push_listing_conditions, push_past_staff_companies, push_tag_companies,
};
use crate::shared::{Access, Drive, Search};

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

/// The planner keeps statistics, so only company-level filters are written per use: probed
/// (a page walking the newest-first index that stops after `limit` hits) they are tests on
/// each row, `EXISTS`, which the planner turns into hashed lookups; driving (the facet count
/// reads every match) they are semi-joins, `l.company_id IN (...)`, that select whole runs of
/// the covering index. The text match is always looked up through the GIN index.
impl Search for PgStore {
    fn push_filters(
        query: &mut QueryBuilder<'_, Postgres>,
        filter: &ValidListingQuery,
        access: Access,
    ) {
        const DRIVE: &str = " AND l.company_id IN";
        if let Some(text) = tsquery(&filter.terms) {
            query.push(" AND l.search @@ to_tsquery('simple', ");
            query.push_bind(text);
            query.push(")");
        }
        for tag in &filter.tags {
            if access.company == Drive::Index {
                push_tag_companies(query, DRIVE, tag);
                continue;
            }
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
        match (filter.ic_past_staff, access.company) {
            (None, _) => {}
            (Some(past_staff), Drive::Index) => push_past_staff_companies(query, DRIVE, past_staff),
            (Some(past_staff), Drive::Probe) => {
                query.push(
                    " AND EXISTS (SELECT 1 FROM companies x WHERE x.id = l.company_id \
                     AND x.ic_past_staff = ",
                );
                query.push_bind(past_staff);
                query.push(")");
            }
        }
        push_listing_conditions(query, filter);
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
