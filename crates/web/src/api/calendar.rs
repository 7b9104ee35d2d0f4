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
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (inclusive); default four weeks before `to`. With neither `from` nor `to`, the window is the four full weeks up to the file's last week with busy time on or before today (`window.source` says which)"),
        ("to" = Option<String>, Query, description = "Day after the last, YYYY-MM-DD (exclusive); default four weeks after `from`"),
        ("tz" = Option<String>, Query, description = "IANA or Windows zone name. Default: the calendar's X-WR-TIMEZONE, else the zone most of its timed events are written in (TZID), else `browser_tz`, else UTC. `window.tz` is the zone used and `window.tz_source` why"),
        ("browser_tz" = Option<String>, Query, description = "The caller's own zone (e.g. from Intl.DateTimeFormat), used only when neither `tz` nor the file names one; unreadable values are ignored"),
        ("owner" = Option<String>, Query, description = "Whose calendar it is (email); inferred when absent"),
        ("work_hours" = Option<String>, Query, description = "HH:MM-HH:MM, default 09:00-17:00"),
        ("work_days" = Option<String>, Query, description = "Days or ranges, default mon-fri"),
        ("focus_min" = Option<u32>, Query, description = "Minutes a gap needs to count as focus, default 120"),
    ),
    request_body(content = String, content_type = "text/calendar", description = "The .ics file, at most 20 MB"),
    responses(
        (status = 200, description = "The analysis. `evidence.enough` false means the window holds too little to compare: `closest_track` and `levels.best` are then null and `evidence.reason` says why; `guesses` lists every guessed default with the parameter that changes it", body = AnalysisDoc),
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
