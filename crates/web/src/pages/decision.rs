//! The decision page: the kept assessment and calendar totals joined by the decide engine into
//! one report, where they agree and where they pull apart, with the report to download as
//! standalone HTML, Markdown or JSON.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use dualtrack_assess::Assessment;
use dualtrack_calendar::Analysis;
use dualtrack_decide::SwitchbackInput;
use dualtrack_decide::plans::TrialContext;
use dualtrack_decide::report::{
    self, Report, ReportInput, render_html, render_html_body, render_markdown,
};

use crate::error::AppError;
use crate::form::{Pairs, Query};
use crate::pages::{assess, calendar};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// Switch-back inputs from the address: `months`, `org`, `side_practice`, `strong_technical`.
#[derive(Debug, Default, Clone)]
pub struct Situation {
    pub months: Option<u32>,
    pub org: Option<String>,
    pub side_practice: bool,
    pub strong_technical: bool,
}

impl Situation {
    pub fn from_pairs(pairs: &Pairs) -> Result<Self, AppError> {
        let months = pairs
            .get("months")
            .map(|m| {
                m.parse::<u32>().map_err(|_| {
                    AppError::BadRequest(format!(
                        "Months in management must be a whole number, not {m}."
                    ))
                })
            })
            .transpose()?;
        Ok(Self {
            months,
            org: pairs.get("org").map(str::to_owned),
            side_practice: pairs.checked("side_practice"),
            strong_technical: pairs.checked("strong_technical"),
        })
    }

    fn switchback(&self) -> Option<SwitchbackInput> {
        Some(SwitchbackInput {
            months: self.months?,
            org: self.org.clone()?,
            side_practice: self.side_practice,
            strong_technical: self.strong_technical,
        })
    }

    /// The situation and `answers` as a query string (`?...`, or empty).
    fn query_with(&self, answers: &[(String, String)]) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in answers {
            q.append_pair(name, value);
        }
        if let Some(m) = self.months {
            q.append_pair("months", &m.to_string());
        }
        if let Some(org) = &self.org {
            q.append_pair("org", org);
        }
        if self.side_practice {
            q.append_pair("side_practice", "on");
        }
        if self.strong_technical {
            q.append_pair("strong_technical", "on");
        }
        let q = q.finish();
        if q.is_empty() { q } else { format!("?{q}") }
    }
}

/// Build the report from an assessment, optional calendar totals and the situation.
pub fn build_report(
    state: &AppState,
    assessment: &Assessment,
    calendar: Option<&Analysis>,
    situation: &Situation,
) -> Result<Report, AppError> {
    let switchback = situation.switchback();
    let trial_at = situation.org.as_deref().map(|org| TrialContext {
        org,
        side_practice: situation.side_practice,
    });
    let input = ReportInput {
        assessment,
        calendar,
        switchback: switchback.as_ref(),
        trial_at,
    };
    Ok(report::build(state.content(), state.framework(), &input)?)
}

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage {
    chrome: Chrome,
    has_calendar: bool,
    permalink: Option<String>,
    body: Option<String>,
    agreement: String,
    orgs: Vec<(String, String)>,
    situation: Situation,
    query: String,
    /// Answers from a result link, carried by the situation form and the downloads.
    answer_fields: Vec<(String, String)>,
    /// The kept calendar's dates, both included.
    calendar_window: Option<String>,
}

/// `GET /decision`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Query(pairs): Query,
) -> Result<Response, AppError> {
    let situation = Situation::from_pairs(&pairs)?;
    // A result link carries its answers in the address; they win over the kept ones.
    let linked = assess::linked_assessment(&pairs);
    let answer_fields = linked
        .as_ref()
        .map(|(answers, _)| answers.fields(dualtrack_assess::Questionnaire::embedded()))
        .unwrap_or_default();
    let kept_assessment = linked.or_else(|| assess::kept_assessment(&state, &headers));
    let kept_calendar = calendar::kept(&state, &headers);
    let report = match &kept_assessment {
        Some((_, assessment)) => Some(build_report(
            &state,
            assessment,
            kept_calendar.as_ref(),
            &situation,
        )?),
        None => None,
    };
    let page = DecisionPage {
        chrome: visitor.chrome(Section::Decision),
        has_calendar: kept_calendar.is_some(),
        permalink: kept_assessment
            .as_ref()
            .map(|(answers, _)| answers.permalink(dualtrack_assess::Questionnaire::embedded())),
        body: report.as_ref().map(render_html_body),
        agreement: report
            .as_ref()
            .map(|r| r.agreement.as_str().to_owned())
            .unwrap_or_default(),
        orgs: state
            .content()
            .switchback
            .orgs
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
        query: situation.query_with(&answer_fields),
        calendar_window: kept_calendar.as_ref().map(calendar::window_range),
        answer_fields,
        situation,
    };
    Ok(render(&page)?.into_response())
}

/// `GET /decision/report.{html,md,json}`: the report as a download.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(pairs): Query,
) -> Result<Response, AppError> {
    let situation = Situation::from_pairs(&pairs)?;
    let linked = assess::linked_assessment(&pairs);
    let (_, assessment) = linked.or_else(|| assess::kept_assessment(&state, &headers)).ok_or_else(|| {
        AppError::NotFound("There is no assessment in this browser yet. Take the assessment first, then download the report.".into())
    })?;
    let calendar = calendar::kept(&state, &headers);
    let report = build_report(&state, &assessment, calendar.as_ref(), &situation)?;
    let (body, content_type) = match file.as_str() {
        "report.html" => (render_html(&report), "text/html; charset=utf-8"),
        "report.md" => (render_markdown(&report), "text/markdown; charset=utf-8"),
        "report.json" => (
            serde_json::to_string_pretty(&report).map_err(AppError::internal)?,
            "application/json",
        ),
        _ => {
            return Err(AppError::NotFound(
                "The report comes as report.html, report.md or report.json.".into(),
            ));
        }
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!("attachment; filename=\"dualtrack-{file}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(AppError::internal)?,
    );
    // The standalone report carries its own stylesheet and no script: allow exactly that.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    Ok(response)
}
