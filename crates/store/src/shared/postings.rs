//! What employers write: API token rows, and the preference score search orders by.

use chrono::{DateTime, Utc};
use dualtrack_board::{ApiToken, CONFIRMATION_THRESHOLD, Preference};
use sqlx::{Database, QueryBuilder};

use super::Value;

/// The columns of an [`ApiTokenRow`].
pub const API_TOKEN_COLUMNS: &str = "id, account_id, label, created_at";

/// One `api_tokens` row (never the hash).
#[derive(Debug, sqlx::FromRow)]
pub struct ApiTokenRow {
    pub id: i64,
    pub account_id: i64,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        Self {
            id: row.id,
            account_id: row.account_id,
            label: row.label,
            created_at: row.created_at,
        }
    }
}

/// Appends the preference score of `l` as an SQL expression: per ranking preference, twice
/// its weight when verified employees confirm the tag at the listing's company, its weight
/// when the company only claims it (or too few endorse it), else 0. The same half-points as
/// `dualtrack_board::half_points`, so pages and cursors agree with the `match` of each item.
pub fn push_score<'a, DB: Database>(
    query: &mut QueryBuilder<'a, DB>,
    ranking: &'a [Preference],
    confirmed_since: DateTime<Utc>,
) where
    String: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    query.push("(0");
    for pref in ranking {
        let weight = pref.level.weight();
        query.push(
            " + CASE WHEN l.company_id IN (SELECT company_id FROM endorsements WHERE tag_id = ",
        );
        query.push_bind(pref.tag.clone());
        // Only confirmations that still count, as on the company page.
        query.push(" AND created_at > ");
        query.push_bind(confirmed_since);
        query.push(" GROUP BY company_id HAVING COUNT(*) >= ");
        query.push_bind(i64::from(CONFIRMATION_THRESHOLD));
        query.push(format!(
            ") THEN {} WHEN l.company_id IN (SELECT company_id FROM company_tag_claims \
             WHERE tag_id = ",
            2 * weight
        ));
        query.push_bind(pref.tag.clone());
        query.push(" UNION SELECT company_id FROM endorsements WHERE tag_id = ");
        query.push_bind(pref.tag.clone());
        query.push(" AND created_at > ");
        query.push_bind(confirmed_since);
        query.push(format!(") THEN {weight} ELSE 0 END"));
    }
    query.push(")");
}
