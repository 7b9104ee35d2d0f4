//! The review of a trial as a page: the recommendation with the signals that carried it, the
//! exit criteria one by one (marked here), the check-in signals, the drift of the six answers,
//! the calendar by month, the sponsor's view beside the person's own, and the switch-back clock.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use dualtrack_trial::{
    CriterionList, Marks, Review, ReviewRecord, SwitchbackClock, Trial, TrialContent,
};

use super::views::{self, plain};
use crate::error::AppError;
use crate::form::{Form, Pairs, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::trials;
use crate::view::marker_of;
use crate::view::{Chrome, Section, SourceMarker, render};

struct ReasonView {
    text: String,
    carried: Vec<String>,
    marker: SourceMarker,
}

struct CriterionView {
    field: String,
    list: &'static str,
    text: String,
    met: Option<bool>,
}

struct SignalRow {
    label: String,
    reads: &'static str,
    count: usize,
    marker: SourceMarker,
}

struct MonthRow {
    month: String,
    before: bool,
    weeks: usize,
    meetings: String,
    async_: String,
    focus: String,
    closest: &'static str,
}

struct ClockRow {
    years: u32,
    months: u32,
    band: String,
    ramp: String,
}

#[derive(Template)]
#[template(path = "trial_review.html")]
struct ReviewPage {
    chrome: Chrome,
    /// Engine sentences shown as they are, made plain.
    signals_reason: String,
    calendar_privacy: String,
    switchback_note: String,
    drift_note: Option<String>,
    id: String,
    r: Review,
    at: NaiveDate,
    gates: Vec<(String, String, NaiveDate, bool)>,
    outcome: &'static str,
    outcome_id: &'static str,
    reasons: Vec<ReasonView>,
    criteria: Vec<CriterionView>,
    signals: Vec<SignalRow>,
    your_direction: &'static str,
    your_leading: Vec<String>,
    sponsor_direction: &'static str,
    months: Vec<MonthRow>,
    typical: String,
    drift: Vec<(String, String)>,
    drift_summary: Option<String>,
    clock: Vec<ClockRow>,
    warnings: Vec<(String, SourceMarker)>,
    assessed: bool,
    saved: bool,
    /// The trial can still be extended once (offered when the recommendation says so).
    extendable: bool,
}

/// The review as of `at` for `gate` (the one due by `at` when not given), with the person's
/// stored input for that gate.
pub fn build(
    trial: &Trial,
    content: &TrialContent,
    at: NaiveDate,
    gate: Option<&str>,
) -> Result<Review, AppError> {
    let gate = gate.map_or_else(|| trial.due_gate(content, at), str::to_owned);
    let earlier = trial.reviews.iter().find(|r| r.gate == gate).cloned();
    let record = ReviewRecord {
        gate,
        as_of: at,
        answers: earlier.as_ref().and_then(|r| r.answers.clone()),
        marks: earlier.map(|r| r.marks).unwrap_or_default(),
    };
    Ok(trial.review_with(content, &record)?)
}

fn theme_of(content: &TrialContent, question: &str) -> String {
    content
        .questionnaire
        .questions
        .iter()
        .find(|q| q.id == question)
        .map_or_else(|| question.to_owned(), |q| q.theme.clone())
}

/// The review the address asks for (`at`, today by default; `gate`, the one due by then by
/// default) of the visitor's own trial `id`, with the trial, its content and the date.
async fn asked_for(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
    query: &Pairs,
) -> Result<(Trial, &'static TrialContent, NaiveDate, Review), AppError> {
    let (_, trial) = super::mine(state, visitor, id).await?;
    let content = trials::content()?;
    let at = trials::date_field(query, "at", "The review date", state.today())?;
    let review = build(&trial, content, at, query.get("gate"))?;
    Ok((trial, content, at, review))
}

/// `GET /trial/{id}/review?at=DATE&gate=ID`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let (trial, content, at, r) = asked_for(&state, &visitor, &id, &query).await?;
    let schedule = trial.schedule(content);
    let rec = &r.recommendation;
    let months_away = if trial.spec.kind.away_from_ic() {
        trial
            .spec
            .months_in_management_before
            .saturating_add(r.months_elapsed)
    } else {
        0
    };
    let clock = if trial.spec.kind.away_from_ic() {
        Some(SwitchbackClock::build(
            &content.switchback,
            &trial.spec.org,
            trial.spec.side_practice,
            months_away,
            5,
        )?)
    } else {
        None
    };
    let page = ReviewPage {
        chrome: visitor.chrome(Section::Trial),
        id: trial.id.clone(),
        at,
        gates: schedule
            .gates
            .iter()
            .map(|g| (g.id.clone(), g.title.clone(), g.date, g.id == r.gate.id))
            .collect(),
        outcome: views::outcome_words(rec.outcome),
        outcome_id: views::outcome_id(rec.outcome),
        reasons: rec
            .reasons
            .iter()
            .map(|reason| ReasonView {
                text: plain(&reason.text, content),
                carried: reason.carried_by_labels.clone(),
                marker: marker_of(&reason.provenance),
            })
            .collect(),
        criteria: r
            .criteria
            .iter()
            .map(|c| CriterionView {
                field: format!(
                    "{}{}",
                    match c.list {
                        CriterionList::ContinueIf => "c",
                        CriterionList::ReturnIf => "r",
                    },
                    c.index
                ),
                list: views::list_words(c.list),
                text: c.text.clone(),
                met: c.met,
            })
            .collect(),
        signals: r
            .signals
            .counts
            .iter()
            .map(|s| SignalRow {
                label: s.label.clone(),
                reads: views::reads(s.signal, s.relation),
                count: s.count,
                marker: marker_of(&s.provenance),
            })
            .collect(),
        your_direction: views::direction_words(r.signals.direction),
        your_leading: r
            .signals
            .counts
            .iter()
            .filter(|s| s.signal == dualtrack_trial::SignalKind::Real && s.count > 0)
            .take(3)
            .map(|s| s.label.clone())
            .collect(),
        sponsor_direction: r
            .sponsor
            .as_ref()
            .map_or("", |s| views::direction_words(s.direction)),
        months: r
            .calendar
            .months
            .iter()
            .map(|m| MonthRow {
                month: m.month.clone(),
                before: !m.in_trial,
                weeks: m.weeks,
                meetings: views::percent(m.meetings),
                async_: views::percent(m.async_),
                focus: views::percent(m.focus),
                closest: if m.closest_track == "management" {
                    "a manager's week"
                } else {
                    "an IC's week"
                },
            })
            .collect(),
        typical: r
            .calendar
            .profiles
            .iter()
            .map(|p| {
                format!(
                    "a typical {} week has {} meetings, {} async and {} focus",
                    if p.track == "ic" { "IC" } else { "manager's" },
                    views::percent(p.meetings),
                    views::percent(p.async_),
                    views::percent(p.focus)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        drift: r
            .drift
            .as_ref()
            .map(|d| {
                d.changed
                    .iter()
                    .map(|c| (theme_of(content, &c.question), c.to_label.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        drift_summary: r.drift.as_ref().map(|d| {
            format!(
                "Since the start your answers moved {}.",
                views::direction_words(d.direction)
            )
        }),
        clock: clock
            .as_ref()
            .map(|c| {
                c.points
                    .iter()
                    .map(|p| ClockRow {
                        years: p.years_from_now,
                        months: p.months_in_management,
                        band: p.band_name.clone(),
                        ramp: format!("{}–{} months", p.ramp_months.low, p.ramp_months.high),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        warnings: clock
            .as_ref()
            .map(|c| {
                c.warnings
                    .iter()
                    .map(|w| (plain(&w.text, content), marker_of(&w.provenance)))
                    .collect()
            })
            .unwrap_or_default(),
        assessed: crate::pages::assess::kept_assessment(&state, &headers).is_some(),
        extendable: trial.extended_to_months.is_none()
            && trial.spec.months < content.plans.trial.max_months,
        saved: query.get("done") == Some("saved"),
        signals_reason: plain(&r.signals.reason, content),
        calendar_privacy: plain(&r.calendar.privacy, content),
        switchback_note: plain(&r.switchback.note, content),
        drift_note: r.drift_note.as_deref().map(|n| plain(n, content)),
        r,
    };
    Ok(render(&page)?.into_response())
}

/// `GET /trial/{id}/review.md?at=DATE&gate=ID`: the same review as a Markdown file, as the
/// CLI's `trial review --format markdown` writes it.
pub async fn markdown(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let (_, _, at, r) = asked_for(&state, &visitor, &id, &query).await?;
    Ok(super::download(
        dualtrack_trial::markdown::render_review(&r, 1),
        "text/markdown; charset=utf-8",
        &format!("trial-review-{}-{at}.md", r.gate.id),
    ))
}

/// The marks from the review form: fields `c0`, `c1`... and `r0`... set to `met` or `not_met`.
fn marks_from(pairs: &Pairs, trial: &Trial) -> Marks {
    let read = |prefix: &str, len: usize| -> Vec<Option<bool>> {
        (0..len)
            .map(|i| match pairs.get(&format!("{prefix}{i}")) {
                Some("met") => Some(true),
                Some("not_met") => Some(false),
                _ => None,
            })
            .collect()
    };
    Marks {
        continue_if: read("c", trial.spec.exit_criteria.continue_if.len()),
        return_if: read("r", trial.spec.exit_criteria.return_if.len()),
    }
}

/// `POST /trial/{id}/review`: keep the person's marks (and, when asked, their current answers
/// to the six questions) for a gate's review.
pub async fn mark(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let (owner, mut trial) = super::mine(&state, &visitor, &id).await?;
    let content = trials::content()?;
    let at = trials::date_field(&pairs, "at", "The review date", state.today())?;
    let gate = pairs
        .get("gate")
        .map_or_else(|| trial.due_gate(content, at), str::to_owned);
    let earlier = trial.reviews.iter().find(|r| r.gate == gate).cloned();
    let answers = if pairs.checked("use_assessment") {
        crate::pages::assess::kept_assessment(&state, &headers)
            .map(|(kept, _)| kept.to_answers(dualtrack_assess::Questionnaire::embedded()))
    } else {
        earlier.and_then(|r| r.answers)
    };
    let record = ReviewRecord {
        gate: gate.clone(),
        as_of: at,
        answers,
        marks: marks_from(&pairs, &trial),
    };
    trial.record_review(record, content)?;
    trials::save(&state, &owner, &trial).await?;
    Ok(Redirect::to(&format!(
        "/trial/{id}/review?gate={gate}&at={at}&done=saved#criteria"
    ))
    .into_response())
}
