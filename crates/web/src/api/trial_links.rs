//! The trial's private links and reminder setting through the API: the same operations as the
//! buttons on the trial page. A new link replaces the old one, which stops working.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use dualtrack_board::TrialLink;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::trials::{TrialWrite, owner};
use crate::error::AppError;
use crate::state::AppState;
use crate::trials;

/// A private address made for a trial.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkView {
    /// The full address; anyone who has it can open what it shows, so share it with care.
    pub url: String,
}

/// Whether the weekly reminder mail is sent for a trial.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminders {
    pub on: bool,
}

async fn make(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    link: TrialLink,
) -> Result<Json<LinkView>, AppError> {
    let owner = owner(state, headers, true).await?;
    let secret = trials::new_link(state, &owner, id, link).await?;
    Ok(Json(LinkView {
        url: crate::pages::trial::link_url(state, link, &secret),
    }))
}

async fn revoke(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    link: TrialLink,
) -> Result<StatusCode, AppError> {
    let owner = owner(state, headers, true).await?;
    crate::pages::trial::revoke_link(state, &owner, id, link).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a new calendar-feed address for the trial's check-in and review dates.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/feed",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialWrite,
        (status = 200, description = "The new feed address (`.ics`); an earlier one stops working", body = LinkView),
    )
)]
pub async fn new_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<LinkView>, AppError> {
    make(&state, &headers, &id, TrialLink::Feed).await
}

/// Turn the calendar feed off: its address stops working.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}/feed",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialWrite,
        (status = 204, description = "The feed address no longer works"),
    )
)]
pub async fn delete_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    revoke(&state, &headers, &id, TrialLink::Feed).await
}

/// Make a new private link for the sponsor (no account needed to answer at each gate).
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/sponsor",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialWrite,
        (status = 200, description = "The new sponsor link; an earlier one stops working", body = LinkView),
    )
)]
pub async fn new_sponsor(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<LinkView>, AppError> {
    make(&state, &headers, &id, TrialLink::Sponsor).await
}

/// Revoke the sponsor's link; answers already given stay in the trial.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}/sponsor",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    responses(
        TrialWrite,
        (status = 204, description = "The sponsor link no longer works"),
    )
)]
pub async fn delete_sponsor(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    revoke(&state, &headers, &id, TrialLink::Sponsor).await
}

/// Turn the weekly reminder mail on or off.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/reminders",
    tag = "trial",
    params(("id" = String, Path, description = "Trial id")),
    request_body = Reminders,
    responses(
        TrialWrite,
        (status = 200, description = "The setting now in force", body = Reminders),
    )
)]
pub async fn reminders(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<Reminders>,
) -> Result<Json<Reminders>, AppError> {
    let owner = owner(&state, &headers, true).await?;
    if !state
        .store()
        .set_trial_reminders(&owner, &id, body.on)
        .await?
    {
        return Err(trials::not_found());
    }
    let on = state.store().trial_reminders_on(&owner, &id).await?;
    Ok(Json(Reminders { on }))
}
