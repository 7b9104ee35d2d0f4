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
) -> Result<impl axum::response::IntoResponse, AppError> {
    let query = listing_query(&pairs, state.confirmation_max_age_days())?;
    let started = std::time::Instant::now();
    let (page, answered) = state
        .search_index()
        .search(&query, chrono::Utc::now())
        .await?;
    // Standard `Server-Timing`: which way the search went and how long it took (the bench
    // waits for the index with it).
    let timing = format!(
        "{};dur={:.2}",
        answered.as_str(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(([("server-timing", timing)], Json(page)))
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
    let listing = super::postings::listing_by_id(&state, &id).await?;
    // A listing hidden by the moderators is gone for everyone reading the API.
    if listing.hidden_at.is_some() {
        return Err(AppError::NotFound(format!("listing `{id}` not found")));
    }
    Ok(Json(listing))
}

/// One company with its culture tags (confirmed first), as they stand now: only confirmations
/// younger than the board's maximum age count, and each tag carries its latest confirmation,
/// the teams its confirmers gave and how many verified employees dispute it.
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
    let mut company = state
        .store()
        .company_by_slug(&slug)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("company `{slug}` not found")))?;
    company.tags = state
        .store()
        .company_tags_at(company.id, chrono::Utc::now(), state.confirmation_max_age())
        .await?;
    Ok(Json(company))
}

/// Most rows one CSV export holds.
pub const MAX_CSV_ROWS: usize = 5_000;

/// One CSV field, quoted when it needs to be; a leading `=`, `+`, `-` or `@` gets an
/// apostrophe so a spreadsheet does not run it as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Search listings as CSV: the same filters as `GET /api/v1/listings` (preferences included),
/// every page up to 5,000 rows, one row per listing.
#[utoipa::path(
    get,
    path = "/api/v1/listings.csv",
    tag = "board",
    params(ListingQuery),
    responses(
        (status = 200, description = "Matching listings as CSV with a header row: id, title, company, track, rung, location, workplace, salary_min, salary_max, salary_currency, posted_at, expires_at, score", content_type = "text/csv"),
        (status = 400, description = "A bad filter, cursor or limit", body = ErrorBody),
    )
)]
pub async fn search_csv(
    State(state): State<AppState>,
    Query(pairs): Query,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse as _;
    let mut query = listing_query(&pairs, state.confirmation_max_age_days())?;
    query.limit = dualtrack_board::MAX_LIMIT;
    let now = chrono::Utc::now();
    let mut out = String::from(
        "id,title,company,track,rung,location,workplace,salary_min,salary_max,salary_currency,\
         posted_at,expires_at,score\r\n",
    );
    let mut rows = 0;
    loop {
        let page = state.search_listings(&query, now).await?;
        for l in &page.items {
            let salary = l.salary.as_ref();
            let fields = [
                l.id.to_string(),
                l.title.clone(),
                l.company.name.clone(),
                l.track.as_str().to_owned(),
                l.rung.clone(),
                l.location.clone(),
                l.workplace.as_str().to_owned(),
                salary.map(|s| s.min.to_string()).unwrap_or_default(),
                salary.map(|s| s.max.to_string()).unwrap_or_default(),
                salary.map(|s| s.currency.clone()).unwrap_or_default(),
                l.posted_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                l.expires_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                l.fit
                    .as_ref()
                    .map(|f| f.score.to_string())
                    .unwrap_or_default(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
            rows += 1;
        }
        match page.next {
            Some(next) if rows < MAX_CSV_ROWS => query.cursor = Some(next),
            _ => break,
        }
    }
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"listings.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
