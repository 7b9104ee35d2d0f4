//! Employers' pages: post a listing (`/jobs/new`), edit, close and renew it
//! (`/jobs/{id}/edit`), manage API tokens (`/account/api-tokens`); the administrators' hide
//! form (`/jobs/{id}/hide`); saving a job seeker's preferences (`/jobs/preferences`).
//!
//! Every write checks the board's rule again on the server: only an employer verified for the
//! listing's company may write it, only an administrator may hide.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use dualtrack_board::{
    Account, ApiToken, FieldError, Listing, ListingDraft, ListingState, NewApiToken, Role,
    SalaryRange, Track, Workplace, check_may_post, parse_preferences,
};

use crate::error::AppError;
use crate::form::{Form, Pairs};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};
use crate::{auth, cookies};

/// The form's values as typed, so a refused form comes back as the employer left it.
#[derive(Debug, Clone, Default)]
struct Values {
    title: String,
    track: String,
    rung: String,
    location: String,
    workplace: String,
    salary_min: String,
    salary_max: String,
    salary_currency: String,
    description: String,
    apply_url: String,
    apply_email: String,
    expires_at: String,
}

impl Values {
    fn from_listing(listing: &Listing) -> Self {
        let salary = listing.salary.as_ref();
        Self {
            title: listing.title.clone(),
            track: listing.track.as_str().to_owned(),
            rung: listing.rung.clone(),
            location: listing.location.clone(),
            workplace: listing.workplace.as_str().to_owned(),
            salary_min: salary.map(|s| s.min.to_string()).unwrap_or_default(),
            salary_max: salary.map(|s| s.max.to_string()).unwrap_or_default(),
            salary_currency: salary.map(|s| s.currency.clone()).unwrap_or_default(),
            description: listing.description.clone(),
            apply_url: listing.apply_url.clone().unwrap_or_default(),
            apply_email: listing.apply_email.clone().unwrap_or_default(),
            expires_at: listing.expires_at.format("%Y-%m-%d").to_string(),
        }
    }

    fn from_form(form: &Pairs) -> Self {
        let get = |name: &str| form.get(name).unwrap_or_default().to_owned();
        Self {
            title: get("title"),
            track: get("track"),
            rung: get("rung"),
            location: get("location"),
            workplace: get("workplace"),
            salary_min: get("salary_min"),
            salary_max: get("salary_max"),
            salary_currency: get("salary_currency").trim().to_ascii_uppercase(),
            description: get("description"),
            apply_url: get("apply_url"),
            apply_email: get("apply_email"),
            expires_at: get("expires_at"),
        }
    }

    /// The draft these values make, or the problems found reading them; the draft's own
    /// checks come after.
    fn draft(&self) -> (ListingDraft, Vec<FieldError>) {
        let mut problems = Vec::new();
        let mut fail = |field: &str, message: &str| {
            problems.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
        };
        let track = match self.track.as_str() {
            "management" => Track::Management,
            _ => Track::Ic,
        };
        let workplace = match self.workplace.as_str() {
            "remote" => Workplace::Remote,
            "hybrid" => Workplace::Hybrid,
            "onsite" => Workplace::Onsite,
            _ => {
                fail("workplace", "Choose remote, hybrid or on site.");
                Workplace::Onsite
            }
        };
        let number = |text: &str| text.trim().replace([',', ' ', '_'], "").parse::<u32>().ok();
        let salary = match (
            self.salary_min.trim(),
            self.salary_max.trim(),
            self.salary_currency.trim(),
        ) {
            ("", "", "") => None,
            (min, max, currency) => match (number(min), number(max)) {
                (Some(min), Some(max)) if !currency.is_empty() => Some(SalaryRange {
                    min,
                    max,
                    currency: currency.to_owned(),
                }),
                _ => {
                    fail(
                        "salary",
                        "Give the lowest and highest yearly pay as whole numbers, and the \
                         currency (such as EUR), or leave all three empty.",
                    );
                    None
                }
            },
        };
        let expires_at = match self.expires_at.trim() {
            "" => None,
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => date.and_hms_opt(23, 59, 59).map(|at| at.and_utc()),
                Err(_) => {
                    fail(
                        "expires_at",
                        "Give the date as year-month-day, like 2027-02-01.",
                    );
                    None
                }
            },
        };
        let some = |text: &str| Some(text.to_owned()).filter(|t| !t.trim().is_empty());
        let draft = ListingDraft {
            title: self.title.clone(),
            track,
            rung: self.rung.clone(),
            location: self.location.clone(),
            workplace,
            salary,
            description: self.description.clone(),
            apply_url: some(&self.apply_url),
            apply_email: some(&self.apply_email),
            expires_at,
        }
        .tidy();
        (draft, problems)
    }
}

/// Words for the error summary's links, by field.
fn field_label(field: &str) -> &'static str {
    match field {
        "title" => "Job title",
        "rung" => "Rung",
        "location" => "Location",
        "workplace" => "Workplace",
        "salary" => "Pay range",
        "description" => "Description",
        "apply_url" => "Where to apply",
        "apply_email" => "Email for applications",
        "expires_at" => "Open until",
        _ => "Form",
    }
}

struct RungOption {
    track: &'static str,
    id: &'static str,
    title: String,
}

#[derive(Template)]
#[template(path = "listing_form.html")]
struct ListingForm {
    chrome: Chrome,
    /// `None` for a new listing.
    listing_id: Option<i64>,
    company: String,
    values: Values,
    errors: Vec<FieldError>,
    rungs: Vec<RungOption>,
    /// Of an existing listing: its state and dates, for the close and renew buttons.
    state: Option<ListingState>,
    posted: String,
}

impl ListingForm {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn label(&self, field: &str) -> &'static str {
        field_label(field)
    }

    fn input_id(&self, field: &str) -> &'static str {
        match field {
            "salary" => "salary_min",
            "title" => "title",
            "rung" => "rung",
            "location" => "location",
            "workplace" => "workplace",
            "description" => "description",
            "apply_url" => "apply_url",
            "apply_email" => "apply_email",
            "expires_at" => "expires_at",
            _ => "title",
        }
    }

    fn is_open(&self) -> bool {
        self.state == Some(ListingState::Open)
    }
}

/// The signed-in employer and its company id, or the refusal.
fn employer(visitor: &Visitor) -> Result<(&Account, i64), AppError> {
    let account = visitor.require_account()?;
    match account.verified_company {
        Some(company) if account.role == Role::Employer => Ok((account, company)),
        _ => Err(AppError::Forbidden(
            "Only an employer account can post listings. You become one by confirming your \
             work address at the company on your account page, with \"I hire for this \
             company\" ticked."
                .into(),
        )),
    }
}

fn rung_options(state: &AppState) -> Vec<RungOption> {
    let framework = state.framework();
    [Track::Ic, Track::Management]
        .into_iter()
        .flat_map(|track| {
            dualtrack_board::rung::rungs(track)
                .iter()
                .map(move |id| RungOption {
                    track: track.as_str(),
                    id,
                    title: dualtrack_board::rung_title(framework, id),
                })
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    company_id: i64,
    listing: Option<&Listing>,
    values: Values,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let company = state
        .store()
        .company(company_id)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let now = Utc::now();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ListingForm {
        chrome: visitor.chrome(Section::Jobs),
        listing_id: listing.map(|l| l.id),
        company,
        values,
        errors,
        rungs: rung_options(state),
        state: listing.map(|l| l.state(now)),
        posted: listing
            .map(|l| l.posted_at.format("%e %B %Y").to_string().trim().to_owned())
            .unwrap_or_default(),
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /jobs/new`.
pub async fn new_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let (_, company) = employer(&visitor)?;
    let values = Values {
        track: "ic".into(),
        workplace: "hybrid".into(),
        ..Values::default()
    };
    form_page(&state, &visitor, company, None, values, Vec::new()).await
}

/// `POST /jobs/new`.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let (_, company) = employer(&visitor)?;
    let values = Values::from_form(&form);
    let (draft, mut errors) = values.draft();
    errors.extend(draft.problems(Utc::now()));
    if !errors.is_empty() {
        return form_page(&state, &visitor, company, None, values, errors).await;
    }
    let listing = state
        .store()
        .create_listing(company, &draft, Utc::now())
        .await?;
    Ok(Redirect::to(&format!("/jobs/{}", listing.id)).into_response())
}

/// The listing at `id` if the visitor may write it.
async fn owned(state: &AppState, visitor: &Visitor, id: &str) -> Result<Listing, AppError> {
    let account = visitor.require_account()?;
    let not_found = || AppError::NotFound(format!("There is no listing {id} on the board."));
    let number: i64 = id.parse().map_err(|_| not_found())?;
    let listing = state.store().listing(number).await?.ok_or_else(not_found)?;
    check_may_post(account, listing.company.id)?;
    Ok(listing)
}

/// `GET /jobs/{id}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let listing = owned(&state, &visitor, &id).await?;
    let values = Values::from_listing(&listing);
    form_page(
        &state,
        &visitor,
        listing.company.id,
        Some(&listing),
        values,
        Vec::new(),
    )
    .await
}

/// `POST /jobs/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form,
) -> Result<Response, AppError> {
    let listing = owned(&state, &visitor, &id).await?;
    let values = Values::from_form(&form);
    let (mut draft, mut errors) = values.draft();
    // An unchanged expiry date (possibly in the past) is not a request to change it.
    if values.expires_at.trim() == listing.expires_at.format("%Y-%m-%d").to_string() {
        draft.expires_at = None;
    }
    errors.extend(draft.problems(Utc::now()));
    if !errors.is_empty() {
        return form_page(
            &state,
            &visitor,
            listing.company.id,
            Some(&listing),
            values,
            errors,
        )
        .await;
    }
    state
        .store()
        .update_listing(listing.id, &draft, Utc::now())
        .await?;
    Ok(Redirect::to(&format!("/jobs/{}", listing.id)).into_response())
}

/// `POST /jobs/{id}/close` and `/jobs/{id}/renew`; `/jobs/{id}/hide` for administrators.
pub async fn act(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form,
) -> Result<Response, AppError> {
    let now = Utc::now();
    if action == "hide" {
        let account = visitor.require_account()?;
        if account.role != Role::Admin {
            return Err(AppError::Forbidden(
                "Only an administrator can hide a listing.".into(),
            ));
        }
        let number: i64 = id
            .parse()
            .map_err(|_| AppError::NotFound(format!("There is no listing {id} on the board.")))?;
        let reason = form.get("reason").unwrap_or_default().trim();
        if reason.is_empty() {
            return Err(AppError::Unprocessable(
                "Say why the listing is hidden: the reason goes into the moderation log. Go \
                 back and fill in the reason."
                    .into(),
            ));
        }
        state
            .store()
            .hide_listing(number, account.id, reason, now)
            .await?;
        return Ok(Redirect::to(&format!("/jobs/{number}")).into_response());
    }
    let listing = owned(&state, &visitor, &id).await?;
    match action.as_str() {
        "close" => state.store().close_listing(listing.id, now).await?,
        "renew" => state.store().renew_listing(listing.id, now).await?,
        _ => {
            return Err(AppError::NotFound(
                "There is nothing at this address.".into(),
            ));
        }
    };
    Ok(Redirect::to(&format!("/jobs/{}/edit", listing.id)).into_response())
}

/// `POST /jobs/preferences`: saves the form's `prefer` values to the signed-in account.
pub async fn save_preferences(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    let prefs = parse_preferences(&form.all("prefer"))?;
    state.store().save_preferences(account.id, &prefs).await?;
    let mut url = url::form_urlencoded::Serializer::new(String::new());
    for pref in &prefs {
        url.append_pair("prefer", &pref.to_param());
    }
    Ok(Redirect::to(&format!("/jobs?{}", url.finish())).into_response())
}

#[derive(Template)]
#[template(path = "api_tokens.html")]
struct TokensPage {
    chrome: Chrome,
    tokens: Vec<ApiToken>,
    /// A token just created: shown once, never stored.
    fresh: Option<String>,
    error: Option<String>,
}

async fn tokens_page(
    state: &AppState,
    visitor: &Visitor,
    fresh: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let (account, _) = employer(visitor)?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = TokensPage {
        chrome: visitor.chrome(Section::Jobs),
        tokens: state.store().api_tokens(account.id).await?,
        fresh,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /account/api-tokens`.
pub async fn tokens(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    tokens_page(&state, &visitor, None, None).await
}

/// `POST /account/api-tokens`: a new token, shown once.
pub async fn create_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let (account, _) = employer(&visitor)?;
    let secret = format!("dtk_{}", cookies::random_token());
    let new = NewApiToken {
        account_id: account.id,
        label: form.get("label").unwrap_or_default().trim().to_owned(),
        token_hash: auth::token_hash(&secret),
        created_at: Utc::now(),
    };
    match state.store().create_api_token(&new).await {
        Ok(_) => tokens_page(&state, &visitor, Some(secret), None).await,
        Err(err) if err.is_client_error() => {
            let message = crate::error::for_people(&err.to_string());
            tokens_page(&state, &visitor, None, Some(message)).await
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST /account/api-tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (account, _) = employer(&visitor)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound("There is no such token.".into()))?;
    if !state.store().revoke_api_token(account.id, id).await? {
        return Err(AppError::NotFound("There is no such token.".into()));
    }
    Ok(Redirect::to("/account/api-tokens").into_response())
}

struct OwnRow {
    id: i64,
    title: String,
    state: &'static str,
    open: bool,
    posted: String,
    expires: String,
}

#[derive(Template)]
#[template(path = "own_listings.html")]
struct OwnListings {
    chrome: Chrome,
    company: String,
    rows: Vec<OwnRow>,
}

/// `GET /account/listings`: every listing of the employer's company, in every state, so a
/// closed or expired one can be found and renewed.
pub async fn own_listings(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let (_, company) = employer(&visitor)?;
    let now = Utc::now();
    let name = state
        .store()
        .company(company)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let day = |at: chrono::DateTime<Utc>| at.format("%e %B %Y").to_string().trim().to_owned();
    let rows = state
        .store()
        .company_listings(company, 1000)
        .await?
        .into_iter()
        .map(|l| {
            let listing_state = l.state(now);
            OwnRow {
                id: l.id,
                title: l.title.clone(),
                state: match listing_state {
                    ListingState::Open => "Open",
                    ListingState::Expired => "Expired",
                    ListingState::Closed => "Closed",
                    ListingState::Hidden => "Hidden by the moderators",
                },
                open: listing_state == ListingState::Open,
                posted: day(l.posted_at),
                expires: day(l.expires_at),
            }
        })
        .collect();
    let page = OwnListings {
        chrome: visitor.chrome(Section::Jobs),
        company: name,
        rows,
    };
    Ok(render(&page)?.into_response())
}
