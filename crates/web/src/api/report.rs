//! `POST /api/v1/report`: the decision report from answers, an optional calendar and an
//! optional switch-back situation; JSON by default (as `dualtrack report --format json`),
//! or Markdown or standalone HTML.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use dualtrack_assess::{Answers, Questionnaire, score};
use dualtrack_decide::report::{render_html, render_markdown};
use serde::Deserialize;

use crate::error::{AppError, ErrorBody};
use crate::form::{Pairs, Query};
use crate::pages::calendar::analyze_options;
use crate::pages::decision::{Situation, build_report};
use crate::state::AppState;

/// What the report is built from.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// The answers, as for `POST /api/v1/assess`.
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
    /// A calendar export to use as evidence.
    pub calendar: Option<CalendarInput>,
    /// Months already spent in management (needs `org`).
    pub months_in_management: Option<u32>,
    /// Organisation kind: startup, scale-up, enterprise, frontier-lab, infrastructure-heavy.
    pub org: Option<String>,
    #[serde(default)]
    pub side_practice: bool,
    #[serde(default)]
    pub strong_technical: bool,
}

/// A calendar and the options of `POST /api/v1/calendar/analyze`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarInput {
    /// The .ics text.
    pub ics: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tz: Option<String>,
    /// The caller's own zone, used only when neither `tz` nor the file names one.
    pub browser_tz: Option<String>,
    pub owner: Option<String>,
    pub work_hours: Option<String>,
    pub work_days: Option<String>,
    pub focus_min: Option<u32>,
}

impl CalendarInput {
    fn pairs(&self) -> Pairs {
        let mut pairs = Vec::new();
        let mut push = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                pairs.push((k.to_owned(), v.clone()));
            }
        };
        push("from", &self.from);
        push("to", &self.to);
        push("tz", &self.tz);
        push("browser_tz", &self.browser_tz);
        push("owner", &self.owner);
        push("work_hours", &self.work_hours);
        push("work_days", &self.work_days);
        push("focus_min", &self.focus_min.map(|m| m.to_string()));
        Pairs(pairs)
    }
}

/// Build the decision report.
#[utoipa::path(
    post,
    path = "/api/v1/report",
    tag = "decide",
    params(("format" = Option<String>, Query, description = "`json` (default), `markdown` or `html`")),
    request_body(content = ReportRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The report: JSON as `dualtrack report --format json` (`assessment`, `calendar`, `agreement`, ...), or Markdown, or standalone HTML", body = Object),
        (status = 400, description = "Bad JSON, a bad option or an unknown organisation kind", body = ErrorBody),
        (status = 413, description = "Over 20 MB", body = ErrorBody),
        (status = 415, description = "The body is not sent as `application/json`", body = ErrorBody),
        (status = 422, description = "Invalid answers, or a calendar that is not iCalendar", body = ErrorBody),
        (status = 503, description = "Too many analyses running; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    Query(query): Query,
    Json(request): Json<ReportRequest>,
) -> Result<Response, AppError> {
    let answers = Answers::from_json(&request.answers, "answers")?;
    let assessment = score(Questionnaire::embedded(), &answers)?;
    let calendar = match &request.calendar {
        Some(input) => {
            let options = analyze_options(&input.pairs(), Utc::now().date_naive())?;
            let inputs = [("calendar", input.ics.as_bytes())];
            let job = || dualtrack_calendar::analyze(&inputs, &options, state.framework());
            Some(state.analyses().run_here(job).await??)
        }
        None => None,
    };
    let situation = Situation {
        months: request.months_in_management,
        org: request.org.clone(),
        side_practice: request.side_practice,
        strong_technical: request.strong_technical,
    };
    if situation.months.is_some() && situation.org.is_none() {
        return Err(AppError::BadRequest(
            "`months_in_management` needs `org` (the kind of organisation)".into(),
        ));
    }
    let report = build_report(&state, &assessment, calendar.as_ref(), &situation)?;
    let typed = |body: String, content_type: &'static str| {
        let mut response = body.into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    };
    match query.get("format").unwrap_or("json") {
        "json" => Ok(Json(report).into_response()),
        "markdown" | "md" => Ok(typed(
            render_markdown(&report),
            "text/markdown; charset=utf-8",
        )),
        "html" => {
            let mut response = typed(render_html(&report), "text/html; charset=utf-8");
            response.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
                ),
            );
            Ok(response)
        }
        other => Err(AppError::BadRequest(format!(
            "`format` must be json, markdown or html, not `{other}`"
        ))),
    }
}
