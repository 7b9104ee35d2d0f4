//! The WHERE clause of listing search on SQLite (FTS5), and how it should drive the plan.
//!
//! SQLite keeps no statistics here (the store never runs ANALYZE), so it cannot tell a filter
//! matching ten listings from one matching ten thousand. The search therefore says, per
//! filter, whether SQLite should look rows up through it ([`Drive::Index`]) or test rows
//! against it while walking another index ([`Drive::Probe`]); a unary `+` on the column is
//! how SQL tells SQLite not to use an index for a term.

use dualtrack_board::{StoreError, ValidListingQuery};
use sqlx::{QueryBuilder, Sqlite};

use super::SqliteStore;
use crate::shared::error::db;
use crate::shared::search::{
    push_listing_conditions, push_past_staff_companies, push_tag_companies,
};
use crate::shared::{Access, Drive, Search};

/// Text matches above this count are probed rather than looked up one by one.
const LOOKUP_MAX_MATCHES: i64 = 1_000;

/// FTS5 query for the validated terms: every term, each as a word prefix. Terms are letters
/// and digits only, so quoting them cannot break out of the FTS5 syntax.
fn fts5_match(terms: &[String]) -> Option<String> {
    (!terms.is_empty()).then(|| {
        terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ")
    })
}

#[async_trait::async_trait]
impl Search for SqliteStore {
    /// How to use the text match, from the number of listings it matches (the full-text index
    /// counts them in milliseconds, even for common words). Looking matches up by id costs one
    /// read of a wide listing row each; probing costs one set lookup per entry of a narrow
    /// index.
    async fn text_drive(&self, filter: &ValidListingQuery) -> Result<Drive, StoreError> {
        let Some(fts) = fts5_match(&filter.terms) else {
            return Ok(Drive::Index);
        };
        if let Some(plan) = self.text_plan {
            return Ok(plan);
        }
        let matches: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM listings_fts WHERE listings_fts MATCH ?")
                .bind(fts)
                .fetch_one(&self.pool)
                .await
                .map_err(db::<Self>("searching listings"))?;
        Ok(if matches <= LOOKUP_MAX_MATCHES {
            Drive::Index
        } else {
            Drive::Probe
        })
    }

    /// Company-level filters are written as `l.company_id IN (...)`: a constant subquery
    /// SQLite evaluates once, so every filter reads only columns of `listings` and its covering
    /// indexes.
    fn push_filters(
        query: &mut QueryBuilder<'_, Sqlite>,
        filter: &ValidListingQuery,
        access: Access,
    ) {
        let company = match access.company {
            Drive::Index => " AND l.company_id IN",
            Drive::Probe => " AND +l.company_id IN",
        };
        if let Some(fts) = fts5_match(&filter.terms) {
            query.push(match access.text {
                Drive::Index => " AND l.id IN",
                Drive::Probe => " AND +l.id IN",
            });
            query.push(" (SELECT rowid FROM listings_fts WHERE listings_fts MATCH ");
            query.push_bind(fts);
            query.push(")");
        }
        for tag in &filter.tags {
            push_tag_companies(query, company, tag);
        }
        if let Some(past_staff) = filter.ic_past_staff {
            push_past_staff_companies(query, company, past_staff);
        }
        push_listing_conditions(query, filter);
    }
}

#[cfg(test)]
mod tests {
    use dualtrack_board::{CompanyStore, DemoData, ListingQuery, SearchStore, Track};

    use crate::shared::SqlStore;

    use super::*;

    #[test]
    fn fts5_query_requires_every_term_as_a_prefix() {
        assert_eq!(fts5_match(&[]), None);
        assert_eq!(
            fts5_match(&["rust".into(), "dist".into()]).unwrap(),
            "\"rust\"* AND \"dist\"*"
        );
    }

    fn sql(access: Access) -> String {
        let filter = ListingQuery {
            q: Some("rust".into()),
            tag: vec!["deep-work".into()],
            ic_past_staff: Some(true),
            ..ListingQuery::default()
        }
        .validate()
        .unwrap();
        let mut query = QueryBuilder::<Sqlite>::new("");
        SqliteStore::push_filters(&mut query, &filter, access);
        query.sql().to_owned()
    }

    #[test]
    fn probing_hides_the_filter_from_index_selection() {
        let probe = sql(Access {
            text: Drive::Probe,
            company: Drive::Probe,
        });
        assert!(probe.contains("+l.id IN"), "{probe}");
        assert_eq!(probe.matches("+l.company_id IN").count(), 2, "{probe}");
        let index = sql(Access {
            text: Drive::Index,
            company: Drive::Index,
        });
        assert!(!index.contains('+'), "{index}");
    }

    /// A moment when every demo listing is open.
    fn demo_now() -> chrono::DateTime<chrono::Utc> {
        "2025-06-10T00:00:00Z".parse().unwrap()
    }

    /// Every id `query` matches, page by page, and the facets of its first page, with the
    /// text match used as `text` says.
    async fn walk(
        store: &SqlStore<SqliteStore>,
        query: &ListingQuery,
    ) -> (Vec<i64>, dualtrack_board::Facets) {
        let mut ids = Vec::new();
        let mut cursor = None;
        let mut facets = None;
        loop {
            let request = ListingQuery {
                cursor: cursor.clone(),
                limit: 2,
                ..query.clone()
            };
            let page = store.search_listings(&request, demo_now()).await.unwrap();
            ids.extend(page.items.iter().map(|item| item.id));
            facets.get_or_insert(page.facets);
            match page.next {
                Some(next) => cursor = Some(next),
                None => return (ids, facets.unwrap()),
            }
        }
    }

    /// The plan is a speed choice only: both ways of using the text match must give the same
    /// pages and the same facets.
    #[tokio::test]
    async fn plans_agree() {
        let mut store = SqlStore::new(SqliteStore::in_memory().await.unwrap());
        store
            .seed_demo(&DemoData::embedded().unwrap())
            .await
            .unwrap();
        let text = |q: &str| ListingQuery {
            q: Some(q.into()),
            ..ListingQuery::default()
        };
        let queries = [
            text("engineer"),
            text("staff platform"),
            ListingQuery {
                tag: vec!["deep-work".into()],
                track: Some(Track::Ic),
                ..text("engineer")
            },
            ListingQuery {
                ic_past_staff: Some(false),
                remote: Some(true),
                ..text("e")
            },
        ];
        for query in queries {
            store.backend.text_plan = Some(Drive::Index);
            let by_index = walk(&store, &query).await;
            store.backend.text_plan = Some(Drive::Probe);
            let by_probe = walk(&store, &query).await;
            assert!(!by_index.0.is_empty(), "{query:?} should match something");
            assert_eq!(by_index, by_probe, "{query:?}");
        }
    }
}
