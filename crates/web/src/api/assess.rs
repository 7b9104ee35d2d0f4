//! `POST /api/v1/assess`: answers in, the assessment out (same JSON as `dualtrack assess`).

use axum::Json;
use axum::body::Bytes;
use dualtrack_assess::{Answers, Assessment, Questionnaire, score};

use crate::api::schemas::{AnswersDoc, AssessmentDoc};
use crate::error::{AppError, ErrorBody};

/// Score a set of answers.
///
/// The body is a JSON object with one key per question id, the same keys as the answers file
/// of `dualtrack assess --answers`: a string for one-answer questions, a list of option ids for
/// `reason`.
#[utoipa::path(
    post,
    path = "/api/v1/assess",
    tag = "assess",
    request_body(content = AnswersDoc, content_type = "application/json"),
    responses(
        (status = 200, description = "The scored assessment", body = AssessmentDoc),
        (status = 400, description = "Not a JSON object of answers", body = ErrorBody),
        (status = 413, description = "Body over 64 KB", body = ErrorBody),
        (status = 422, description = "Unknown question or option, or a missing answer", body = ErrorBody),
    )
)]
pub async fn assess(body: Bytes) -> Result<Json<Assessment>, AppError> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::BadRequest("request body: the answers must be UTF-8 JSON".into()))?;
    let answers = Answers::from_json_str(text, "request body")?;
    Ok(Json(score(Questionnaire::embedded(), &answers)?))
}
