//! The job board API: listing search with facets and cursor pagination, one listing, one
//! company.

use axum::Json;
use axum::extract::{Path, State};
use dualtrack_board::{Company, CultureTag, Listing, ListingPage, ListingQuery};

use crate::error::{AppError, ErrorBody};
use crate::form::Query;
use crate::pages::jobs::listing_query;
use crate::state::AppState;

/// Search listings. Filters combine with AND; `tag` may repeat (all must match).
#[utoipa::path(
    get,
    path = "/api/v1/listings",
    tag = "board",
    params(ListingQuery),
    responses(
        (status = 200, description = "One page of listings, the cursor of the next page, and facet counts over every match", body = ListingPage),
        (status = 400, description = "A bad filter, cursor or limit; a control character in any parameter", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    Query(pairs): Query,
) -> Result<Json<ListingPage>, AppError> {
    let query = listing_query(&pairs)?;
    Ok(Json(state.store().search_listings(&query, chrono::Utc::now()).await?))
}

/// The culture tag vocabulary: every id the `tag` filter and endorsements accept.
#[utoipa::path(
    get,
    path = "/api/v1/tags",
    tag = "board",
    responses(
        (status = 200, description = "Every culture tag, with its label and what it promises", body = Vec<CultureTag>),
    )
)]
pub async fn tags(State(state): State<AppState>) -> Result<Json<Vec<CultureTag>>, AppError> {
    Ok(Json(state.store().tags().await?))
}

/// One listing with its description.
#[utoipa::path(
    get,
    path = "/api/v1/listings/{id}",
    tag = "board",
    params(("id" = i64, Path, description = "Listing id")),
    responses(
        (status = 200, description = "The listing", body = Listing),
        (status = 404, description = "No such listing", body = ErrorBody),
    )
)]
pub async fn listing(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Listing>, AppError> {
    let not_found = || AppError::NotFound(format!("listing `{id}` not found"));
    let number: i64 = id.parse().map_err(|_| not_found())?;
    let listing = state.store().listing(number).await?.ok_or_else(not_found)?;
    // A listing hidden by the moderators is gone for everyone reading the API.
    if listing.hidden_at.is_some() {
        return Err(not_found());
    }
    Ok(Json(listing))
}

/// One company with its culture tags (confirmed first).
#[utoipa::path(
    get,
    path = "/api/v1/companies/{slug}",
    tag = "board",
    params(("slug" = String, Path, description = "Company slug, e.g. `lumenfold`")),
    responses(
        (status = 200, description = "The company", body = Company),
        (status = 404, description = "No such company", body = ErrorBody),
    )
)]
pub async fn company(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Company>, AppError> {
    let company = state.store().company_by_slug(&slug).await?;
    Ok(Json(company.ok_or_else(|| {
        AppError::NotFound(format!("company `{slug}` not found"))
    })?))
}
