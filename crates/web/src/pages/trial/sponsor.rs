//! The sponsor's side: the person makes (or revokes) a private link; the sponsor, with no
//! account, opens it and answers the engine's short sponsor check-in for a review. Their
//! answers appear beside the person's own view on the review page; they never vote.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use dualtrack_board::TrialLink;
use dualtrack_trial::{Sponsor, SponsorCheckin};

use super::{QuestionView, question_views};
use crate::error::AppError;
use crate::form::{Form, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::trials;
use crate::view::{Chrome, Section, render};

/// `POST /trial/{id}/sponsor`: make a new link for the sponsor (`action=new`; naming the
/// sponsor with `sponsor_name` and `sponsor_role` when the trial has none yet), or turn it off.
pub async fn link(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let (owner, mut trial) = super::mine(&state, &visitor, &id).await?;
    if pairs.get("action") == Some("off") {
        state
            .store()
            .delete_trial_link(&owner, &id, TrialLink::Sponsor)
            .await?;
        return Ok(Redirect::to(&format!("/trial/{id}?done=sponsor-off#sponsor")).into_response());
    }
    if let Some(name) = pairs.get("sponsor_name") {
        let checkins = trial
            .spec
            .sponsor
            .take()
            .map(|s| s.checkins)
            .unwrap_or_default();
        trial.spec.sponsor = Some(Sponsor {
            name: name.to_owned(),
            role: pairs.get("sponsor_role").unwrap_or("sponsor").to_owned(),
            checkins,
        });
        trial.validate(trials::content()?, "sponsor")?;
        trials::save(&state, &owner, &trial).await?;
    }
    if trial.spec.sponsor.is_none() {
        return Err(AppError::Unprocessable(
            "Write your sponsor's name first: the review shows their view under it.".into(),
        ));
    }
    trials::new_link(&state, &owner, &id, TrialLink::Sponsor).await?;
    Ok(Redirect::to(&format!("/trial/{id}?done=sponsor#sponsor")).into_response())
}

#[derive(Template)]
#[template(path = "trial_sponsor.html")]
struct SponsorPage {
    chrome: Chrome,
    secret: String,
    name: String,
    kind: &'static str,
    start: NaiveDate,
    gates: Vec<(String, String, NaiveDate, bool, bool)>,
    questions: Vec<QuestionView>,
    saved: bool,
}

/// `GET /trial/sponsor/{secret}`: the sponsor's check-in, no account needed.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(secret): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let (_, trial) = trials::open_link(&state, TrialLink::Sponsor, &secret).await?;
    let content = trials::content()?;
    let sponsor = trial
        .spec
        .sponsor
        .as_ref()
        .ok_or_else(|| AppError::NotFound("This trial no longer has a sponsor.".into()))?;
    let due = trial.due_gate(content, state.today());
    let page = SponsorPage {
        chrome: visitor.chrome(Section::None),
        secret,
        name: sponsor.name.clone(),
        kind: trial.spec.kind.label(),
        start: trial.spec.start,
        gates: trial
            .schedule(content)
            .gates
            .iter()
            .map(|g| {
                (
                    g.id.clone(),
                    g.title.clone(),
                    g.date,
                    g.id == due,
                    sponsor.checkins.iter().any(|c| c.gate == g.id),
                )
            })
            .collect(),
        questions: question_views(&content.form.sponsor_questions, "s-", None),
        saved: query.get("done") == Some("saved"),
    };
    Ok(render(&page)?.into_response())
}

/// `POST /trial/sponsor/{secret}`: keep the sponsor's answers for a review.
pub async fn submit(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let (stored, mut trial) = trials::open_link(&state, TrialLink::Sponsor, &secret).await?;
    let content = trials::content()?;
    let answers: BTreeMap<String, String> = content
        .form
        .sponsor_questions
        .iter()
        .filter_map(|q| pairs.get(&q.id).map(|o| (q.id.clone(), o.to_owned())))
        .collect();
    if answers.is_empty() {
        return Err(AppError::Unprocessable(
            "Answer at least one of the questions before saving.".into(),
        ));
    }
    let gate = pairs
        .get("gate")
        .map_or_else(|| trial.due_gate(content, state.today()), str::to_owned);
    trial.add_sponsor_checkin(
        SponsorCheckin {
            gate,
            date: state.today(),
            answers,
            note: pairs.get("note").map(str::to_owned),
        },
        content,
    )?;
    trials::save(&state, &stored.owner, &trial).await?;
    Ok(Redirect::to(&format!("/trial/sponsor/{secret}?done=saved")).into_response())
}
