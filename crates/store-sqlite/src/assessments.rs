//! Saved assessments on SQLite.

use chrono::{DateTime, Utc};
use dualtrack_board::{NewSavedAssessment, SavedAssessment, StoreError, check_assessment_limit};
use sqlx::SqlitePool;

use crate::error::db;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    taken_at: DateTime<Utc>,
    answers: String,
    verdict: String,
    leaning: Option<String>,
}

impl TryFrom<Row> for SavedAssessment {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<Self, StoreError> {
        let answers = serde_json::from_str(&row.answers).map_err(|err| {
            StoreError::InvalidData(format!(
                "saved assessment {} holds answers that are not JSON: {err}",
                row.id
            ))
        })?;
        Ok(Self {
            id: row.id,
            taken_at: row.taken_at,
            answers,
            verdict: row.verdict,
            leaning: row.leaning,
        })
    }
}

pub(crate) async fn save(
    pool: &SqlitePool,
    new: &NewSavedAssessment,
) -> Result<SavedAssessment, StoreError> {
    new.validate()?;
    let row: Row = sqlx::query_as(
        "INSERT INTO saved_assessments (taken_at, answers, verdict, leaning)
         VALUES (?, ?, ?, ?)
         RETURNING id, taken_at, answers, verdict, leaning",
    )
    .bind(new.taken_at)
    .bind(new.answers.to_string())
    .bind(&new.verdict)
    .bind(&new.leaning)
    .fetch_one(pool)
    .await
    .map_err(db("saving an assessment"))?;
    row.try_into()
}

pub(crate) async fn list(
    pool: &SqlitePool,
    limit: u32,
) -> Result<Vec<SavedAssessment>, StoreError> {
    check_assessment_limit(limit)?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, taken_at, answers, verdict, leaning FROM saved_assessments
         ORDER BY taken_at DESC, id DESC LIMIT ?",
    )
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db("listing saved assessments"))?;
    rows.into_iter().map(SavedAssessment::try_from).collect()
}
