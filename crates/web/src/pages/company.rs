//! A company's page on the board: its ladder facts (and the ladder its employer uploaded), its
//! culture tags with who confirms or disputes them, and its open roles; verified employees
//! endorse and dispute tags here.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use dualtrack_board::{
    Company, CultureTag, ListingQuery, NewEndorsement, TagStatus, check_may_endorse, rung_title,
    salary_text,
};

use super::jobs::ListingCard;
use crate::error::AppError;
use crate::form::Form;
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

struct TagRow {
    tag: CultureTag,
    status: Option<TagStatus>,
    endorsed_by_me: bool,
    disputed_by_me: bool,
    /// The newest confirmation's date, in words.
    latest: Option<String>,
    /// The teams the counted confirmers gave.
    teams: String,
}

#[derive(Template)]
#[template(path = "company.html")]
struct CompanyPage {
    chrome: Chrome,
    company: Company,
    top_rung: String,
    rows: Vec<TagRow>,
    can_endorse: bool,
    logged_in: bool,
    listings: Vec<ListingCard>,
    threshold: u32,
    max_age_days: i64,
    /// The ladder the employer uploaded, audited; `None` until one is.
    ladder: Option<super::company_ladder::LadderSummary>,
    may_upload_ladder: bool,
}

/// `GET /companies/{slug}`.
pub async fn company(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let store = state.store();
    let company = store
        .company_by_slug(&slug)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no company `{slug}` on the board.")))?;
    let statuses = store
        .company_tags_at(company.id, Utc::now(), state.confirmation_max_age())
        .await?;
    let disputed: Vec<String> = match visitor.account() {
        Some(account) => store.account_disputes(account.id, company.id).await?,
        None => Vec::new(),
    };
    let mine: Vec<String> = match visitor.account() {
        Some(account) => store
            .account_endorsements(account.id)
            .await?
            .into_iter()
            .filter(|e| e.company_id == company.id)
            .map(|e| e.tag)
            .collect(),
        None => Vec::new(),
    };
    let rows = store
        .tags()
        .await?
        .into_iter()
        .map(|tag| {
            let status = statuses.iter().find(|s| s.id == tag.id).cloned();
            TagRow {
                latest: status
                    .as_ref()
                    .and_then(|s| s.latest_confirmation)
                    .map(|at| at.format("%e %B %Y").to_string().trim().to_owned()),
                teams: status
                    .as_ref()
                    .map(|s| s.teams.join(", "))
                    .unwrap_or_default(),
                status,
                endorsed_by_me: mine.contains(&tag.id),
                disputed_by_me: disputed.contains(&tag.id),
                tag,
            }
        })
        .collect();
    let can_endorse = visitor
        .account()
        .is_some_and(|a| check_may_endorse(a, &company).is_ok());
    let framework = state.framework();
    // The store searches listings, not companies' listings; walk the (small) board's pages.
    let mut items = Vec::new();
    let mut query = ListingQuery {
        limit: dualtrack_board::MAX_LIMIT,
        confirmation_max_age_days: state.confirmation_max_age_days(),
        ..ListingQuery::default()
    };
    for _ in 0..20 {
        let page = store.search_listings(&query, Utc::now()).await?;
        items.extend(
            page.items
                .into_iter()
                .filter(|l| l.company.id == company.id),
        );
        match page.next {
            Some(next) => query.cursor = Some(next),
            None => break,
        }
    }
    let listings = items
        .into_iter()
        .map(|l| ListingCard {
            id: l.id,
            title: l.title,
            track: l.track.as_str(),
            rung: rung_title(framework, &l.rung),
            company: l.company.name,
            company_slug: l.company.slug,
            ic_past_staff: l.company.ic_past_staff,
            location: l.location,
            workplace: l.workplace.label(),
            salary: l.salary.as_ref().map(salary_text),
            posted: l.posted_at.format("%e %b %Y").to_string().trim().to_owned(),
            tags: Vec::new(),
            fit: None,
        })
        .collect();
    let ladder = store
        .company_ladder(company.id)
        .await?
        .map(|stored| super::company_ladder::LadderSummary::of(framework, &company, &stored));
    let page = CompanyPage {
        may_upload_ladder: super::company_ladder::may_upload(&visitor, &company),
        ladder,
        chrome: visitor.chrome(Section::Jobs),
        top_rung: rung_title(framework, &company.ic_top_rung),
        company,
        rows,
        can_endorse,
        logged_in: visitor.account().is_some(),
        listings,
        threshold: dualtrack_board::CONFIRMATION_THRESHOLD,
        max_age_days: state.confirmation_max_age().num_days(),
    };
    Ok(render(&page)?.into_response())
}

/// `POST /companies/{slug}/endorse` and `/withdraw`: only a verified employee of this company
/// may change its endorsements; the store checks it again on write.
pub async fn endorse(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, action)): Path<(String, String)>,
    Form(form): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    let store = state.store();
    let company = store
        .company_by_slug(&slug)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no company `{slug}` on the board.")))?;
    check_may_endorse(account, &company)?;
    let tag = form
        .get("tag")
        .ok_or_else(|| AppError::BadRequest("Say which tag to endorse.".into()))?;
    if !store.tags().await?.iter().any(|t| t.id == tag) {
        return Err(AppError::Unprocessable(format!(
            "`{tag}` is not one of the board's culture tags."
        )));
    }
    match action.as_str() {
        "endorse" => {
            let new = NewEndorsement {
                account_id: account.id,
                company_id: company.id,
                tag: tag.to_owned(),
                created_at: Utc::now(),
                team: form.get("team").map(str::to_owned),
            };
            match store.endorse(&new).await {
                Ok(_) => {}
                // Endorsing again confirms afresh: a new date (and team), so it keeps counting.
                Err(dualtrack_board::StoreError::Conflict(_)) => {
                    store
                        .withdraw_endorsement(account.id, company.id, tag)
                        .await?;
                    store.endorse(&new).await?;
                }
                Err(err) => return Err(err.into()),
            }
        }
        "dispute" => {
            match store
                .dispute_tag(account.id, company.id, tag, Utc::now())
                .await
            {
                // Disputing twice (a double click) leaves things as they were.
                Ok(()) | Err(dualtrack_board::StoreError::Conflict(_)) => {}
                Err(err) => return Err(err.into()),
            }
        }
        "undispute" => {
            store.withdraw_dispute(account.id, company.id, tag).await?;
        }
        "withdraw" => {
            store
                .withdraw_endorsement(account.id, company.id, tag)
                .await?;
        }
        _ => {
            return Err(AppError::NotFound(
                "There is nothing at this address.".into(),
            ));
        }
    }
    Ok(Redirect::to(&format!("/companies/{}#tag-{tag}", company.slug)).into_response())
}
