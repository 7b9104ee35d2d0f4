//! Facet counts of a listing search on SQLite, in one statement.
//!
//! Every match has to be counted, so on a large board this is the expensive half of a search.
//! It is done per company first: the matches are grouped by (company, track, workplace) off
//! the covering index `listings_facets`, which never touches the wide listing rows unless a
//! text filter asks for them, giving at most a few rows per company. Both facet families are
//! then folded from that small set: ladder maturity through `companies`, tags through the
//! distinct (company, tag) pairs that are claimed or endorsed.

use dualtrack_board::{Facets, StoreError, ValidListingQuery};
use dualtrack_store_sql::facets::{FacetRow, facets_from_rows};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::error::db;
use crate::filters::{Access, Drive, push_filters};

/// `text` is how the page used the text match; the same choice suits the count.
pub(crate) async fn count(
    pool: &SqlitePool,
    filter: &ValidListingQuery,
    text: Drive,
) -> Result<Facets, StoreError> {
    let mut query = QueryBuilder::<Sqlite>::new(
        "WITH matches AS (SELECT l.company_id, l.track, l.workplace, COUNT(*) AS n \
         FROM listings l WHERE 1 = 1",
    );
    // Company filters select whole runs of the covering index, so they drive the count.
    push_filters(
        &mut query,
        filter,
        Access {
            text,
            company: Drive::Index,
        },
    );
    query.push(
        " GROUP BY l.company_id, l.track, l.workplace) \
         SELECT NULL, m.track, c.ic_past_staff, m.workplace, SUM(m.n) \
         FROM matches m JOIN companies c ON c.id = m.company_id \
         GROUP BY m.track, c.ic_past_staff, m.workplace \
         UNION ALL \
         SELECT t.tag_id, NULL, NULL, NULL, SUM(pc.n) \
         FROM (SELECT company_id, SUM(n) AS n FROM matches GROUP BY company_id) pc \
         JOIN (SELECT company_id, tag_id FROM company_tag_claims \
               UNION SELECT company_id, tag_id FROM endorsements) t \
           ON t.company_id = pc.company_id \
         GROUP BY t.tag_id",
    );
    let rows: Vec<FacetRow> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(db("counting search facets"))?;
    facets_from_rows(rows)
}
