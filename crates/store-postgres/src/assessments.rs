//! Saved assessments on PostgreSQL.

use chrono::{DateTime, Utc};
use dualtrack_board::{NewSavedAssessment, SavedAssessment, StoreError, check_assessment_limit};
use sqlx::PgPool;
use sqlx::types::Json;

use crate::error::db;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    taken_at: DateTime<Utc>,
    answers: Json<serde_json::Value>,
    verdict: String,
    leaning: Option<String>,
}

impl From<Row> for SavedAssessment {
    fn from(row: Row) -> Self {
        Self {
            id: row.id,
            taken_at: row.taken_at,
            answers: row.answers.0,
            verdict: row.verdict,
            leaning: row.leaning,
        }
    }
}

pub(crate) async fn save(
    pool: &PgPool,
    new: &NewSavedAssessment,
) -> Result<SavedAssessment, StoreError> {
    new.validate()?;
    let row: Row = sqlx::query_as(
        "INSERT INTO saved_assessments (taken_at, answers, verdict, leaning)
         VALUES ($1, $2, $3, $4)
         RETURNING id, taken_at, answers, verdict, leaning",
    )
    .bind(new.taken_at)
    .bind(Json(&new.answers))
    .bind(&new.verdict)
    .bind(&new.leaning)
    .fetch_one(pool)
    .await
    .map_err(db("saving an assessment"))?;
    Ok(row.into())
}

pub(crate) async fn list(pool: &PgPool, limit: u32) -> Result<Vec<SavedAssessment>, StoreError> {
    check_assessment_limit(limit)?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, taken_at, answers, verdict, leaning FROM saved_assessments
         ORDER BY taken_at DESC, id DESC LIMIT $1",
    )
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db("listing saved assessments"))?;
    Ok(rows.into_iter().map(SavedAssessment::from).collect())
}
