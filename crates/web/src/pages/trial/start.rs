//! `/trial`: the visitor's trials and the form to start one. A refused start shows the form
//! again with what was written kept and the field at fault marked, never an error page: the
//! exit criteria are the part that takes thought, and they must not be lost.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use dualtrack_trial::TrialKind;

use crate::error::AppError;
use crate::form::{Form, Pairs, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::trials::{self, FieldRefusal};
use crate::view::{Chrome, Section, render};

/// One row of the trial list.
struct Listed {
    id: String,
    kind: String,
    start: NaiveDate,
    end: NaiveDate,
    checkins: usize,
    weeks: usize,
}

/// One choice of a select: value, words, whether it is the one chosen.
struct Choice {
    value: String,
    label: String,
    title: String,
    selected: bool,
}

/// What the start form holds: the defaults, or what was sent when it comes back refused.
struct StartValues {
    start: String,
    months: String,
    continue_if: String,
    return_if: String,
    side_practice: bool,
    sponsor_name: String,
    sponsor_role: String,
    use_assessment: bool,
}

#[derive(Template)]
#[template(path = "trial_list.html")]
struct ListPage {
    chrome: Chrome,
    signed_in: bool,
    trials: Vec<Listed>,
    kinds: Vec<Choice>,
    min_months: u32,
    max_months: u32,
    assessed: Option<String>,
    notice: Option<&'static str>,
    /// The trial plan's formats, with "Not decided" first.
    formats: Vec<Choice>,
    /// Kinds of organisation for the switch-back estimate.
    orgs: Vec<Choice>,
    values: StartValues,
    refusal: Option<FieldRefusal>,
}

impl ListPage {
    /// The refusal's words when it is about `field`.
    fn error(&self, field: &str) -> Option<&str> {
        self.refusal
            .as_ref()
            .filter(|r| r.field == Some(field))
            .map(|r| r.words.as_str())
    }

    /// The input a refusal of `field` points at.
    fn input_id(&self, field: &Option<&str>) -> &'static str {
        match *field {
            Some("kind") => "kind",
            Some("start") => "start",
            Some("months") => "months",
            Some("return_if") => "return_if",
            Some("format") => "format",
            Some("org") => "org",
            Some("sponsor") => "sponsor_name",
            _ => "continue_if",
        }
    }
}

fn choices<'a>(
    all: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    chosen: Option<&str>,
) -> Vec<Choice> {
    all.map(|(value, label, title)| Choice {
        selected: chosen == Some(value),
        value: value.to_owned(),
        label: label.to_owned(),
        title: title.to_owned(),
    })
    .collect()
}

/// The list page; `sent` is a refused start form, shown again as it was written.
async fn page(
    state: &AppState,
    visitor: &Visitor,
    headers: &HeaderMap,
    notice: Option<&'static str>,
    sent: Option<(&Pairs, FieldRefusal)>,
) -> Result<Response, AppError> {
    let content = trials::content()?;
    let mut listed = Vec::new();
    if let Some(account) = visitor.account() {
        for stored in state.store().list_trials(&trials::owner(account)).await? {
            let trial = trials::import(&stored)?;
            listed.push(Listed {
                id: trial.id.clone(),
                kind: trial.spec.kind.label().to_owned(),
                start: trial.spec.start,
                end: trial.end_date(),
                checkins: trial.checkins.len(),
                weeks: trial.calendar.len(),
            });
        }
    }
    let assessed =
        crate::pages::assess::kept_assessment(state, headers).map(|(_, a)| verdict_words(&a));
    let plan = &content.plans.trial;
    let pairs = sent.as_ref().map(|(pairs, _)| *pairs);
    let field = |name: &str, default: String| {
        pairs
            .and_then(|p| p.get(name))
            .map_or(default, str::to_owned)
    };
    let values = StartValues {
        start: field("start", state.today().to_string()),
        months: field("months", plan.min_months.to_string()),
        continue_if: field("continue_if", String::new()),
        return_if: field("return_if", String::new()),
        side_practice: pairs.is_some_and(|p| p.checked("side_practice")),
        sponsor_name: field("sponsor_name", String::new()),
        sponsor_role: field("sponsor_role", String::new()),
        use_assessment: pairs.is_none_or(|p| p.checked("use_assessment")),
    };
    let chosen =
        |name: &str, default: &'static str| pairs.and_then(|p| p.get(name)).or(Some(default));
    let kinds = choices(
        TrialKind::ALL.iter().map(|k| (k.id(), k.label(), "")),
        chosen("kind", "ic-to-manager"),
    );
    let formats = choices(
        std::iter::once(("", "Not decided", "")).chain(
            plan.formats
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str(), f.description.as_str())),
        ),
        chosen("format", ""),
    );
    let orgs = choices(
        content
            .switchback
            .orgs
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str(), "")),
        chosen("org", "enterprise"),
    );
    let status = if sent.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ListPage {
        chrome: visitor.chrome(Section::Trial),
        signed_in: visitor.account().is_some(),
        trials: listed,
        kinds,
        min_months: plan.min_months,
        max_months: plan.max_months,
        assessed,
        notice,
        formats,
        orgs,
        values,
        refusal: sent.map(|(_, refusal)| refusal),
    };
    Ok((status, render(&page)?).into_response())
}

/// `GET /trial`: the visitor's trials and the form to start one.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Query(query): Query,
) -> Result<Response, AppError> {
    let notice = match query.get("done") {
        Some("deleted") => Some("The trial and everything it held are deleted."),
        _ => None,
    };
    page(&state, &visitor, &headers, notice, None).await
}

/// `POST /trial`: start a trial with the exit criteria written now; a refusal shows the form
/// again with the field marked.
pub async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    let kept = pairs
        .checked("use_assessment")
        .then(|| crate::pages::assess::kept_assessment(&state, &headers))
        .flatten();
    let started = trials::spec_from_pairs(&pairs, state.today()).and_then(|mut spec| {
        spec.start_answers =
            kept.map(|(kept, _)| kept.to_answers(dualtrack_assess::Questionnaire::embedded()));
        trials::start(spec, state.today())
    });
    let trial = match started {
        Ok(trial) => trial,
        Err(refusal) => {
            return page(&state, &visitor, &headers, None, Some((&pairs, refusal))).await;
        }
    };
    let trial = trials::create(&state, &trials::owner(account), trial).await?;
    Ok(Redirect::to(&format!("/trial/{}?done=started", trial.id)).into_response())
}

fn verdict_words(a: &dualtrack_assess::Assessment) -> String {
    match a.leaning {
        Some(dualtrack_assess::Track::Management) => "leaning towards management".into(),
        Some(dualtrack_assess::Track::Ic) => "leaning towards the IC track".into(),
        None => "without a clear lean".into(),
    }
}
