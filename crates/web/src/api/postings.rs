//! Employers' listing writes: `POST /api/v1/listings`, `PUT` and `DELETE
//! /api/v1/listings/{id}`.
//!
//! Who is writing comes from an API token (`Authorization: Bearer TOKEN`, created on the
//! account's API token page) or from the browser's session cookie; a session must also send
//! the page's anti-forgery token in `X-CSRF-Token`, since a cookie alone would let another
//! site write in the visitor's name. Every write then checks the rule of the board: only an
//! employer verified for the listing's company may write it (401 without credentials, 403
//! for anyone else).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use chrono::Utc;
use dualtrack_board::{Account, Listing, ListingDraft, check_may_post};

use crate::error::{AppError, ErrorBody};
use crate::security::{CSRF_HEADER, token_matches};
use crate::state::AppState;
use crate::{auth, cookies};

/// The account behind an API write, from its bearer token or its session (with the CSRF
/// header).
///
/// # Errors
/// [`AppError::Unauthorized`] without valid credentials, [`AppError::Csrf`] for a session
/// request without the matching anti-forgery token.
pub async fn writer(state: &AppState, headers: &HeaderMap) -> Result<Account, AppError> {
    caller(
        state,
        headers,
        true,
        "Log in, or send an employer's API token as `Authorization: Bearer TOKEN`.",
    )
    .await
}

/// The account behind an API request: its bearer token, or its session cookie (with the
/// anti-forgery header when `write`). `unauthorized` is the refusal without either.
///
/// # Errors
/// [`AppError::Unauthorized`] without valid credentials, [`AppError::Csrf`] for a session
/// write without the matching anti-forgery token.
pub async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    write: bool,
    unauthorized: &str,
) -> Result<Account, AppError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let text = value.to_str().unwrap_or_default().trim();
        let token = text
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized(
                    "Send the API token as `Authorization: Bearer TOKEN`.".into(),
                )
            })?;
        return match state.store().api_token(&auth::token_hash(token)).await? {
            Some((_, account)) => Ok(account),
            None => Err(AppError::Unauthorized(
                "This API token is not known: it may have been revoked. Create a new one on \
                 the account page."
                    .into(),
            )),
        };
    }
    let unauthorized = || AppError::Unauthorized(unauthorized.to_owned());
    let cookie = cookies::get(headers, cookies::SESSION).ok_or_else(unauthorized)?;
    let session = state
        .store()
        .session(&auth::token_hash(cookie), Utc::now())
        .await?
        .ok_or_else(unauthorized)?;
    let nonce = cookies::get(headers, cookies::CSRF).unwrap_or_default();
    let given = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if write
        && (nonce.is_empty() || !token_matches(state, nonce, Some(&session.csrf_secret), given))
    {
        return Err(AppError::Csrf);
    }
    Ok(session.account)
}

/// A listing by its id in the address, or 404.
pub async fn listing_by_id(state: &AppState, id: &str) -> Result<Listing, AppError> {
    let not_found = || AppError::NotFound(format!("listing `{id}` not found"));
    let number: i64 = id.parse().map_err(|_| not_found())?;
    state.store().listing(number).await?.ok_or_else(not_found)
}

fn draft_from(body: &[u8]) -> Result<ListingDraft, AppError> {
    let draft: ListingDraft = serde_json::from_slice(body).map_err(|err| {
        AppError::BadRequest(format!(
            "The body must be a JSON listing (title, track, rung, location, workplace, \
             description, apply_url or apply_email; optional salary and expires_at): {err}"
        ))
    })?;
    let draft = draft.tidy();
    let problems = draft.problems(Utc::now());
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(AppError::Unprocessable(
            problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join(" "),
        ))
    }
}

async fn owned_listing(state: &AppState, account: &Account, id: &str) -> Result<Listing, AppError> {
    let listing = listing_by_id(state, id).await?;
    check_may_post(account, listing.company.id)?;
    Ok(listing)
}

/// Post a listing for the employer's verified company. Authenticate with
/// `Authorization: Bearer TOKEN` or a session cookie plus `X-CSRF-Token`.
#[utoipa::path(
    post,
    path = "/api/v1/listings",
    tag = "board",
    request_body = ListingDraft,
    responses(
        (status = 201, description = "The posted listing", body = Listing),
        (status = 400, description = "The body is not a JSON listing", body = ErrorBody),
        (status = 401, description = "No valid API token or session", body = ErrorBody),
        (status = 403, description = "Not an employer, or a session request without its anti-forgery token", body = ErrorBody),
        (status = 422, description = "A field is wrong; the message names each one", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Listing>), AppError> {
    let account = writer(&state, &headers).await?;
    let company = account.verified_company.unwrap_or(-1);
    check_may_post(&account, company)?;
    let draft = draft_from(&body)?;
    let listing = state
        .store()
        .create_listing(company, &draft, Utc::now())
        .await?;
    Ok((StatusCode::CREATED, Json(listing)))
}

/// Replace a listing's text (its posting date stays). Only an employer of its company.
#[utoipa::path(
    put,
    path = "/api/v1/listings/{id}",
    tag = "board",
    params(("id" = i64, Path, description = "Listing id")),
    request_body = ListingDraft,
    responses(
        (status = 200, description = "The listing as it now reads", body = Listing),
        (status = 400, description = "The body is not a JSON listing", body = ErrorBody),
        (status = 401, description = "No valid API token or session", body = ErrorBody),
        (status = 403, description = "Not an employer of this listing's company", body = ErrorBody),
        (status = 404, description = "No such listing", body = ErrorBody),
        (status = 422, description = "A field is wrong; the message names each one", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Listing>, AppError> {
    let account = writer(&state, &headers).await?;
    let listing = owned_listing(&state, &account, &id).await?;
    let draft = draft_from(&body)?;
    Ok(Json(
        state
            .store()
            .update_listing(listing.id, &draft, Utc::now())
            .await?,
    ))
}

/// Close a listing: it leaves search at once (renewing reopens it). Only an employer of its
/// company.
#[utoipa::path(
    delete,
    path = "/api/v1/listings/{id}",
    tag = "board",
    params(("id" = i64, Path, description = "Listing id")),
    responses(
        (status = 200, description = "The closed listing", body = Listing),
        (status = 401, description = "No valid API token or session", body = ErrorBody),
        (status = 403, description = "Not an employer of this listing's company", body = ErrorBody),
        (status = 404, description = "No such listing", body = ErrorBody),
    )
)]
pub async fn close(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Listing>, AppError> {
    let account = writer(&state, &headers).await?;
    let listing = owned_listing(&state, &account, &id).await?;
    Ok(Json(
        state.store().close_listing(listing.id, Utc::now()).await?,
    ))
}
