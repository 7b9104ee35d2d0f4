//! A person's own trials as JSON: `GET/POST /api/v1/trials`, `GET/DELETE
//! /api/v1/trials/{id}`, `POST .../checkins`, `POST .../calendar` (multipart `.ics`, the calendar
//! page's limits), `GET .../review?at=DATE`, `GET .../export`.
//!
//! Who is asking comes from the session cookie (writes also need the page's anti-forgery token
//! in `X-CSRF-Token`, as the listings API does) or an API token (`Authorization: Bearer`).
//! Only the owner reaches a trial: anyone else, an administrator included, gets 404.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use dualtrack_board::TrialOwner;
use dualtrack_trial::{Checkin, Schedule, Trial, export_json};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{self, RefOr};
use utoipa::{IntoResponses, ToSchema};

use crate::error::{AppError, ErrorBody};
use crate::form::{Pairs, Query};
use crate::security::CsrfChecked;
use crate::state::AppState;
use crate::trials::{self, CalendarKept};

/// The owner key of the caller's trials: an API token, or the session cookie (with the
/// anti-forgery header when `write`).
///
/// # Errors
/// [`AppError::Unauthorized`] without credentials, [`AppError::Csrf`] for a session write
/// without the token.
pub(super) async fn owner(
    state: &AppState,
    headers: &HeaderMap,
    write: bool,
) -> Result<TrialOwner, AppError> {
    let account = crate::api::postings::caller(
        state,
        headers,
        write,
        "Log in first (your trials belong to your account), or send an API token as \
         `Authorization: Bearer TOKEN`.",
    )
    .await?;
    Ok(trials::owner(&account))
}

/// The refusals documented for a read of one of the caller's trials (401, 404) or, with
/// `WRITE`, a write (403 too).
pub(super) struct Refusals<const WRITE: bool>;
pub(super) type TrialRead = Refusals<false>;
pub(super) type TrialWrite = Refusals<true>;

impl<const WRITE: bool> IntoResponses for Refusals<WRITE> {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        let body = openapi::Content::new(Some(openapi::Ref::from_schema_name("ErrorBody")));
        [
            (401, "Not logged in"),
            (403, "A session write without `X-CSRF-Token`"),
            (404, "No such trial among the caller's"),
        ]
        .into_iter()
        .filter(|(status, _)| WRITE || *status != 403)
        .map(|(status, text)| {
            let response = openapi::ResponseBuilder::new()
                .description(text)
                .content("application/json", body.clone());
            (status.to_string(), response.build().into())
        })
        .collect()
    }
}

/// One trial in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrialSummary {
    pub id: String,
    /// `ic-to-manager`, `manager-to-ic`, `ic-to-staff-scope`, `manager-to-director` or
    /// `director-to-vp`.
    pub kind: String,
    pub kind_label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub months: u32,
    pub checkins: usize,
    pub calendar_weeks: usize,
}

impl TrialSummary {
    fn of(trial: &Trial) -> Self {
        Self {
            id: trial.id.clone(),
            kind: trial.spec.kind.id().to_owned(),
            kind_label: trial.spec.kind.label().to_owned(),
            start: trial.spec.start,
            end: trial.end_date(),
            months: trial.end_months(),
            checkins: trial.checkins.len(),
            calendar_weeks: trial.calendar.len(),
        }
    }
}

/// The caller's trials.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrialList {
    pub items: Vec<TrialSummary>,
}

/// A trial with its dates.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrialView {
    /// Everything the trial holds: spec (kind, start, months, exit criteria, sponsor),
    /// check-ins, calendar weeks (shares only) and review marks.
    #[schema(value_type = Object)]
    pub trial: Trial,
    /// The weekly check-in dates and the reviews (`gates`: id, kind, month, date, title).
    #[schema(value_type = Object)]
    pub schedule: Schedule,
}

fn view(trial: Trial) -> Result<TrialView, AppError> {
    let schedule = trial.schedule(trials::content()?);
    Ok(TrialView { trial, schedule })
}

/// A sponsor named at the start.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SponsorStart {
    pub name: String,
    pub role: String,
}

/// What starts a trial.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrialStart {
    /// `ic-to-manager` (default), `manager-to-ic`, `ic-to-staff-scope`, `manager-to-director`,
    /// `director-to-vp`.
    pub kind: Option<String>,
    /// YYYY-MM-DD; today when left out.
    pub start: Option<NaiveDate>,
    /// 6 to 12; 6 when left out.
    pub months: Option<u32>,
    /// What would make you continue: 1 to 8 sentences.
    pub continue_if: Vec<String>,
    /// What would send you back: 1 to 8 sentences.
    pub return_if: Vec<String>,
    pub sponsor: Option<SponsorStart>,
    /// Switch-back organisation kind (`enterprise` when left out).
    pub org: Option<String>,
    #[serde(default)]
    pub side_practice: bool,
}

fn json<T: for<'de> Deserialize<'de>>(body: &[u8], what: &str) -> Result<T, AppError> {
    serde_json::from_slice(body)
        .map_err(|err| AppError::BadRequest(format!("The body must be {what}: {err}")))
}

/// The caller's trials, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/trials",
    tag = "trial",
    responses(
        (status = 200, description = "The caller's trials", body = TrialList),
        (status = 401, description = "Not logged in", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<TrialList>, AppError> {
    let owner = owner(&state, &headers, false).await?;
    let mut items = Vec::new();
    for stored in state.store().list_trials(&owner).await? {
        items.push(TrialSummary::of(&trials::import(&stored)?));
    }
    Ok(Json(TrialList { items }))
}

/// Start a trial, with its exit criteria written now.
#[utoipa::path(
    post,
    path = "/api/v1/trials",
    tag = "trial",
    request_body = TrialStart,
    responses(
        (status = 201, description = "The new trial and its dates", body = TrialView),
        (status = 400, description = "The body is not a trial start", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A session write without `X-CSRF-Token`, or too many trials kept", body = ErrorBody),
        (status = 422, description = "A value the trial refuses (length outside 6-12 months, empty criteria); the message says which", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<TrialView>), AppError> {
    let owner = owner(&state, &headers, true).await?;
    let start: TrialStart = json(&body, "a JSON trial start (continue_if, return_if, ...)")?;
    let mut pairs = vec![
        ("kind".to_owned(), start.kind.unwrap_or_default()),
        (
            "start".to_owned(),
            start.start.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "months".to_owned(),
            start.months.map(|m| m.to_string()).unwrap_or_default(),
        ),
        ("continue_if".to_owned(), start.continue_if.join("\n")),
        ("return_if".to_owned(), start.return_if.join("\n")),
        ("org".to_owned(), start.org.unwrap_or_default()),
    ];
    if start.side_practice {
        pairs.push(("side_practice".to_owned(), "on".to_owned()));
    }
    if let Some(sponsor) = start.sponsor {
        pairs.push(("sponsor_name".to_owned(), sponsor.name));
        pairs.push(("sponsor_role".to_owned(), sponsor.role));
    }
    let spec = trials::spec_from_pairs(&Pairs(pairs), state.today())?;
    let trial = trials::create(&state, &owner, trials::start(spec, state.today())?).await?;
    Ok((StatusCode::CREATED, Json(view(trial)?)))
}

/// One of the caller's trials.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialRead,
        (status = 200, description = "The trial and its dates", body = TrialView),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<TrialView>, AppError> {
    let owner = owner(&state, &headers, false).await?;
    let (_, trial) = trials::load(&state, &owner, &id).await?;
    Ok(Json(view(trial)?))
}

/// Delete a trial and everything it holds.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialWrite,
        (status = 204, description = "Deleted, with its check-ins, calendar weeks, reviews and links"),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let owner = owner(&state, &headers, true).await?;
    if state.store().delete_trial(&owner, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(trials::not_found())
    }
}

/// A week's check-in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinBody {
    /// The date it is for, YYYY-MM-DD; today when left out.
    pub date: Option<NaiveDate>,
    /// Question id -> option id, from the check-in questionnaire.
    pub answers: BTreeMap<String, String>,
    pub note: Option<String>,
}

/// Record a week's check-in.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/checkins",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    request_body = CheckinBody,
    responses(
        TrialWrite,
        (status = 201, description = "The trial with the check-in", body = TrialView),
        (status = 400, description = "The body is not a check-in", body = ErrorBody),
        (status = 422, description = "An unknown question or option, a date outside the trial or after today, or a second check-in on the same date", body = ErrorBody),
    )
)]
pub async fn checkin(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<TrialView>), AppError> {
    let owner = owner(&state, &headers, true).await?;
    let body: CheckinBody = json(&body, "a JSON check-in (date, answers, note)")?;
    let (_, mut trial) = trials::load(&state, &owner, &id).await?;
    let today = state.today();
    trial.add_checkin_on(
        Checkin {
            date: body.date.unwrap_or(today),
            answers: body.answers,
            note: body.note,
        },
        trials::content()?,
        today,
    )?;
    trials::save(&state, &owner, &trial).await?;
    Ok((StatusCode::CREATED, Json(view(trial)?)))
}

/// Add calendar weeks: the `.ics` files (field `calendar`) are analysed in memory and only
/// each week's shares are kept.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/calendar",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    request_body(content = String, content_type = "multipart/form-data", description = "Files in `calendar` (at most 20 MB together), and optional fields `from`, `to` (exclusive), `tz`, `work_hours`, `work_days`, `focus_min` as for the calendar analysis"),
    responses(
        TrialWrite,
        (status = 200, description = "How many weeks were kept", body = CalendarKept),
        (status = 400, description = "No file, or a bad option", body = ErrorBody),
        (status = 413, description = "Over 20 MB", body = ErrorBody),
        (status = 422, description = "Not an iCalendar file, or too little in the window to keep", body = ErrorBody),
        (status = 503, description = "Too many analyses running; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn calendar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Result<Json<CalendarKept>, AppError> {
    let owner = owner(&state, request.headers(), true).await?;
    let (_, mut trial) = trials::load(&state, &owner, &id).await?;
    let mut request = request;
    // The caller was checked above (token header, or an API token, which no other site has).
    request.extensions_mut().insert(CsrfChecked);
    let kept = crate::pages::trial::add_uploaded_calendar(
        &state,
        &owner,
        &mut trial,
        request,
        "Send at least one .ics file in the multipart field `calendar`.",
    )
    .await?;
    Ok(Json(kept))
}

/// The review due by a date: signals, calendar by month, drift, sponsor's view, criteria,
/// switch-back estimate, and the recommendation with what carried it.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/review",
    tag = "trial",
    params(
        ("id" = String, Path, description = "Trial id"),
        ("at" = Option<String>, Query, description = "As of this date, YYYY-MM-DD; today when left out"),
        ("gate" = Option<String>, Query, description = "Which review (`first-gate`, `month-6`, ...); the latest due by `at` when left out"),
    ),
    responses(
        TrialRead,
        (status = 200, description = "The review; `recommendation.reasons[].carried_by` names the signals (`question.option`), `calendar`, `drift` or criteria (`continue_if[0]`) behind each reason", content_type = "application/json"),
        (status = 400, description = "A bad date", body = ErrorBody),
        (status = 422, description = "An unknown gate", body = ErrorBody),
    )
)]
pub async fn review(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let owner = owner(&state, &headers, false).await?;
    let (_, trial) = trials::load(&state, &owner, &id).await?;
    let at = trials::date_field(&query, "at", "`at`", state.today())?;
    let review = crate::pages::trial::review_of(&trial, trials::content()?, at, query.get("gate"))?;
    Ok(Json(review).into_response())
}

/// Everything the trial holds, as the versioned document `dualtrack trial import` reads.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/export",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialRead,
        (status = 200, description = "`{\"format\":\"dualtrack-trial\",\"version\":1,\"trial\":{...}}`", content_type = "application/json"),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let owner = owner(&state, &headers, false).await?;
    let (_, trial) = trials::load(&state, &owner, &id).await?;
    Ok(crate::pages::trial::download(
        export_json(&trial),
        "application/json",
        &format!("{}.json", trial.id),
    ))
}
