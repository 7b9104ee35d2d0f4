//! Saved assessment rows.

use chrono::{DateTime, Utc};
use dualtrack_board::SavedAssessment;
use sqlx::types::Json;

/// The columns of an [`AssessmentRow`].
pub const ASSESSMENT_COLUMNS: &str = "id, taken_at, answers, verdict, leaning";

/// One `saved_assessments` row. The answers are JSONB on PostgreSQL and JSON text on SQLite;
/// sqlx's `Json` reads and writes both.
#[derive(Debug, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub taken_at: DateTime<Utc>,
    pub answers: Json<serde_json::Value>,
    pub verdict: String,
    pub leaning: Option<String>,
}

impl From<AssessmentRow> for SavedAssessment {
    fn from(row: AssessmentRow) -> Self {
        Self {
            id: row.id,
            taken_at: row.taken_at,
            answers: row.answers.0,
            verdict: row.verdict,
            leaning: row.leaning,
        }
    }
}
