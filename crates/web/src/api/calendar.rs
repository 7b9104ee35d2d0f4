//! `POST /api/v1/calendar/analyze`: an `.ics` body in, the analysis out (same JSON as
//! `dualtrack calendar analyze --format json`). The body is analysed in memory and dropped.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use chrono::Utc;
use dualtrack_calendar::{Analysis, analyze};

use crate::api::schemas::AnalysisDoc;
use crate::error::{AppError, ErrorBody};
use crate::form::Query;
use crate::pages::calendar::analyze_options;
use crate::state::AppState;

/// Analyse a calendar export.
#[utoipa::path(
    post,
    path = "/api/v1/calendar/analyze",
    tag = "calendar",
    params(
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (inclusive); default four weeks before `to`"),
        ("to" = Option<String>, Query, description = "Day after the last, YYYY-MM-DD (exclusive); default the Monday of this week"),
        ("tz" = Option<String>, Query, description = "IANA zone; default the calendar's X-WR-TIMEZONE, else UTC"),
        ("owner" = Option<String>, Query, description = "Whose calendar it is (email); inferred when absent"),
        ("work_hours" = Option<String>, Query, description = "HH:MM-HH:MM, default 09:00-17:00"),
        ("work_days" = Option<String>, Query, description = "Days or ranges, default mon-fri"),
        ("focus_min" = Option<u32>, Query, description = "Minutes a gap needs to count as focus, default 120"),
    ),
    request_body(content = String, content_type = "text/calendar", description = "The .ics file, at most 20 MB"),
    responses(
        (status = 200, description = "The analysis", body = AnalysisDoc),
        (status = 400, description = "A bad option", body = ErrorBody),
        (status = 413, description = "Over 20 MB", body = ErrorBody),
        (status = 422, description = "Not an iCalendar file", body = ErrorBody),
        (status = 503, description = "Too many analyses running; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn analyze_calendar(
    State(state): State<AppState>,
    Query(pairs): Query,
    body: Bytes,
) -> Result<Json<Analysis>, AppError> {
    let options = analyze_options(&pairs, Utc::now().date_naive())?;
    let inputs = [("request body", body.as_ref())];
    let job = || analyze(&inputs, &options, state.framework());
    Ok(Json(state.analyses().run_here(job).await??))
}
