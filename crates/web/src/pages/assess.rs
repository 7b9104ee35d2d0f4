//! The self-assessment: six questions on one form, and a result page whose address carries
//! the answers and nothing else, so it can be bookmarked or shared without an account.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dualtrack_assess::{
    Answer, Answers, AssessError, Assessment, Question, Questionnaire, Verdict, score,
};
use serde::{Deserialize, Serialize};

use crate::cookies;
use crate::error::AppError;
use crate::form::{Form, Pairs, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// Answers as the cookie and the permalink keep them: question id -> option ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptAnswers(pub BTreeMap<String, Vec<String>>);

impl KeptAnswers {
    fn from_answers(questionnaire: &Questionnaire, answers: &Answers) -> Self {
        let mut kept = BTreeMap::new();
        for question in &questionnaire.questions {
            if let Some(answer) = answers.get(&question.id) {
                let ids = answer.ids().into_iter().map(str::to_owned).collect();
                kept.insert(question.id.clone(), ids);
            }
        }
        Self(kept)
    }

    /// The engine's answers type, shaped by each question's kind.
    pub fn to_answers(&self, questionnaire: &Questionnaire) -> Answers {
        let mut answers = Answers::new().with_source("saved answers");
        for question in &questionnaire.questions {
            let Some(ids) = self.0.get(&question.id) else {
                continue;
            };
            answers.set(&question.id, shape(question, ids.clone()));
        }
        answers
    }

    /// `/assess/result?absorbed=...&reason=a&reason=b`, in questionnaire order.
    pub fn permalink(&self, questionnaire: &Questionnaire) -> String {
        format!("/assess/result?{}", self.query(questionnaire))
    }

    /// The answers as query pairs (`absorbed=...&reason=a`), in questionnaire order.
    pub fn query(&self, questionnaire: &Questionnaire) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.fields(questionnaire) {
            query.append_pair(&name, &value);
        }
        query.finish()
    }

    /// The answers as (question id, option id) pairs, in questionnaire order.
    pub fn fields(&self, questionnaire: &Questionnaire) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for question in &questionnaire.questions {
            for id in self.0.get(&question.id).into_iter().flatten() {
                out.push((question.id.clone(), id.clone()));
            }
        }
        out
    }

    fn chosen(&self, question: &str, option: &str) -> bool {
        self.0
            .get(question)
            .is_some_and(|ids| ids.iter().any(|id| id == option))
    }
}

fn shape(question: &Question, ids: Vec<String>) -> Answer {
    if question.multiple {
        Answer::Many(ids)
    } else {
        match <[String; 1]>::try_from(ids) {
            Ok([one]) => Answer::One(one),
            // Several values for a one-answer question: let the engine say what is expected.
            Err(ids) => Answer::Many(ids),
        }
    }
}

/// Set the answers `pairs` give to the questionnaire's questions (a multiple-choice question
/// left blank is answered with none); whether any question got an answer.
fn set_question_answers(
    questionnaire: &Questionnaire,
    pairs: &Pairs,
    answers: &mut Answers,
) -> bool {
    let mut any = false;
    for question in &questionnaire.questions {
        let ids: Vec<String> = pairs
            .all(&question.id)
            .into_iter()
            .map(str::to_owned)
            .collect();
        if ids.is_empty() && !question.multiple {
            continue;
        }
        any |= !ids.is_empty();
        answers.set(&question.id, shape(question, ids));
    }
    any
}

/// Read answers from form or query pairs. Pairs named like no question are passed on, so the
/// engine can name them and suggest the right id; `ignore` lists fields that are not answers.
fn answers_from_pairs(
    questionnaire: &Questionnaire,
    pairs: &Pairs,
    ignore: &[&str],
    source: &str,
) -> Answers {
    let mut answers = Answers::new().with_source(source);
    set_question_answers(questionnaire, pairs, &mut answers);
    for (key, value) in &pairs.0 {
        if questionnaire.question(key).is_none() && !ignore.contains(&key.as_str()) {
            answers.set(key, Answer::One(value.clone()));
        }
    }
    answers
}

/// The engine's refusal worded for a page: questions by their number and theme, no answers-file
/// syntax (the API keeps the engine's words, which name the fields it takes).
fn worded(questionnaire: &Questionnaire, err: AssessError) -> AppError {
    let numbered = |id: &str| {
        questionnaire
            .questions
            .iter()
            .position(|q| q.id == id)
            .map_or_else(
                || "One question".to_owned(),
                |i| {
                    format!(
                        "Question {} ({})",
                        i + 1,
                        questionnaire.questions[i].theme.to_lowercase()
                    )
                },
            )
    };
    let again = "Choose again on the assessment page.";
    match &err {
        AssessError::MissingAnswer { question, .. } => AppError::Unprocessable(format!(
            "{} has no answer here. Answer it on the assessment page.",
            numbered(question)
        )),
        AssessError::UnknownOption {
            question, option, ..
        } => AppError::Unprocessable(format!(
            "{} has no choice called \"{option}\". {again}",
            numbered(question)
        )),
        AssessError::UnknownQuestion { key, .. } => AppError::Unprocessable(format!(
            "The assessment has no question called \"{key}\". Start again on the assessment page."
        )),
        AssessError::WrongType { question, .. } => AppError::BadRequest(format!(
            "{} takes one answer, and more than one was given. {again}",
            numbered(question)
        )),
        AssessError::Duplicate {
            question, option, ..
        } => AppError::Unprocessable(format!(
            "{} lists \"{option}\" twice. {again}",
            numbered(question)
        )),
        _ => AppError::from(err),
    }
}

/// The answers sent by the questionnaire form (its anti-forgery field is not an answer).
fn form_answers(questionnaire: &Questionnaire, pairs: &Pairs) -> Answers {
    answers_from_pairs(
        questionnaire,
        pairs,
        &[crate::security::CSRF_FIELD],
        "the form",
    )
}

/// The answers this visitor kept for the decision page, if any.
pub fn kept(state: &AppState, headers: &HeaderMap) -> Option<KeptAnswers> {
    let sealed = cookies::get(headers, cookies::ASSESSMENT)?;
    state.keys().open("assessment", sealed)
}

/// Answers carried in an address (a result link handed on to the decision page), scored.
/// `None` when the address names no question or its answers do not score; other parameters
/// (the decision page's own inputs) are ignored.
pub fn linked_assessment(pairs: &Pairs) -> Option<(KeptAnswers, Assessment)> {
    let questionnaire = Questionnaire::embedded();
    let mut answers = Answers::new().with_source("the link");
    if !set_question_answers(questionnaire, pairs, &mut answers) {
        return None;
    }
    let assessment = score(questionnaire, &answers).ok()?;
    Some((
        KeptAnswers::from_answers(questionnaire, &answers),
        assessment,
    ))
}

/// The kept answers scored, when they still score (the questionnaire may have changed).
pub fn kept_assessment(state: &AppState, headers: &HeaderMap) -> Option<(KeptAnswers, Assessment)> {
    let kept = kept(state, headers)?;
    let questionnaire = Questionnaire::embedded();
    let assessment = score(questionnaire, &kept.to_answers(questionnaire)).ok()?;
    Some((kept, assessment))
}

struct OptionView {
    id: String,
    input_id: String,
    label: String,
    checked: bool,
}

struct QuestionView {
    number: usize,
    id: String,
    theme: String,
    prompt: String,
    help: String,
    multiple: bool,
    options: Vec<OptionView>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "assess.html")]
struct AssessPage {
    chrome: Chrome,
    title: String,
    intro: String,
    questions: Vec<QuestionView>,
    has_errors: bool,
}

fn form_page(
    chrome: Chrome,
    answers: &KeptAnswers,
    errors: &BTreeMap<String, String>,
) -> AssessPage {
    let questionnaire = Questionnaire::embedded();
    let questions = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(index, q)| QuestionView {
            number: index + 1,
            id: q.id.clone(),
            theme: q.theme.clone(),
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            multiple: q.multiple,
            options: q
                .options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    input_id: format!("{}-{}", q.id, o.id),
                    label: o.label.clone(),
                    checked: answers.chosen(&q.id, &o.id),
                })
                .collect(),
            error: errors.get(&q.id).cloned(),
        })
        .collect();
    AssessPage {
        chrome,
        title: questionnaire.title.clone(),
        intro: questionnaire.intro.clone(),
        questions,
        has_errors: !errors.is_empty(),
    }
}

/// `GET /assess`: the questionnaire, pre-filled with the answers kept earlier.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    let answers = kept(&state, &headers).unwrap_or_default();
    render(&form_page(
        visitor.chrome(Section::Assess),
        &answers,
        &BTreeMap::new(),
    ))
}

/// `POST /assess`: score the form, keep the answers for the decision page, and go to the
/// result's permalink. Unanswered questions send the form back with the choices kept.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let questionnaire = Questionnaire::embedded();
    let answers = form_answers(questionnaire, &pairs);
    let mut missing = BTreeMap::new();
    for (index, question) in questionnaire.questions.iter().enumerate() {
        if !question.multiple && answers.get(&question.id).is_none() {
            missing.insert(
                question.id.clone(),
                format!("Question {} needs an answer.", index + 1),
            );
        }
    }
    let kept = KeptAnswers::from_answers(questionnaire, &answers);
    if !missing.is_empty() {
        let page = form_page(visitor.chrome(Section::Assess), &kept, &missing);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    score(questionnaire, &answers).map_err(|err| worded(questionnaire, err))?;
    Ok(keep_and_redirect(
        &state,
        &visitor,
        &kept,
        &kept.permalink(questionnaire),
    ))
}

fn keep_and_redirect(
    state: &AppState,
    visitor: &Visitor,
    kept: &KeptAnswers,
    to: &str,
) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Some(sealed) = state.keys().seal("assessment", kept) {
        let cookie = cookies::set(
            cookies::ASSESSMENT,
            &sealed,
            Some(60 * 60 * 24 * 30),
            visitor.secure,
        );
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /assess/keep`: keep the answers of a result page opened from a link.
pub async fn keep(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let questionnaire = Questionnaire::embedded();
    let answers = form_answers(questionnaire, &pairs);
    score(questionnaire, &answers).map_err(|err| worded(questionnaire, err))?;
    let kept = KeptAnswers::from_answers(questionnaire, &answers);
    Ok(keep_and_redirect(&state, &visitor, &kept, "/decision"))
}

#[derive(Template)]
#[template(path = "assess_result.html")]
struct ResultPage {
    chrome: Chrome,
    a: Assessment,
    permalink: String,
    /// Hidden fields to keep these answers for the decision page; empty when already kept.
    keep_fields: Vec<(String, String)>,
    /// The decision page with these answers in its address.
    decision_link: String,
}

/// A next step's web form: the page that does what the step's CLI command does.
pub struct StepLink {
    pub href: String,
    pub label: &'static str,
}

impl ResultPage {
    /// The page matching a next step's command (the CLI form stays in the JSON and Markdown).
    fn step_link(&self, command: &str) -> Option<StepLink> {
        let rest = command.strip_prefix("dualtrack ")?;
        let (href, label) = if rest.starts_with("ladder") {
            (
                "/ladder/roles/staff_engineer".to_owned(),
                "See what the Staff Engineer role asks for",
            )
        } else if rest.starts_with("calendar") {
            ("/calendar".to_owned(), "Add your calendar")
        } else if rest.starts_with("assess") {
            ("#keep-title".to_owned(), "Keep this result")
        } else if rest.starts_with("report") || rest.starts_with("decide") {
            (self.decision_link.clone(), "Open the decision page")
        } else {
            return None;
        };
        Some(StepLink { href, label })
    }

    fn verdict_class(&self) -> &'static str {
        self.a.verdict.as_str()
    }

    fn verdict_title(&self) -> &'static str {
        match self.a.verdict {
            Verdict::Ic => "The IC track",
            Verdict::Management => "The management track",
            Verdict::Either => "Either track could work",
            Verdict::Unclear => "Not clear yet",
        }
    }
}

/// `GET /assess/result?...`: the scored result of the answers in the address.
pub async fn result(
    State(state): State<AppState>,
    headers: HeaderMap,
    visitor: Visitor,
    Query(pairs): Query,
) -> Result<Response, AppError> {
    if pairs.0.is_empty() {
        return Ok(Redirect::to("/assess").into_response());
    }
    let questionnaire = Questionnaire::embedded();
    let answers = answers_from_pairs(questionnaire, &pairs, &[], "the link");
    let assessment = score(questionnaire, &answers).map_err(|err| worded(questionnaire, err))?;
    let shown = KeptAnswers::from_answers(questionnaire, &answers);
    let already = kept(&state, &headers).is_some_and(|k| k == shown);
    let keep_fields = if already {
        Vec::new()
    } else {
        shown
            .0
            .iter()
            .flat_map(|(q, ids)| ids.iter().map(move |id| (q.clone(), id.clone())))
            .collect()
    };
    let page = ResultPage {
        chrome: visitor.chrome(Section::Assess),
        a: assessment,
        permalink: shown.permalink(questionnaire),
        decision_link: format!("/decision?{}", shown.query(questionnaire)),
        keep_fields,
    };
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalink_round_trips_through_pairs() {
        let questionnaire = Questionnaire::embedded();
        let pairs =
            Pairs::parse(b"absorbed=hard_problem_alone&reason=more_money&reason=protect_deep_work");
        let answers = answers_from_pairs(questionnaire, &pairs, &[], "test");
        let kept = KeptAnswers::from_answers(questionnaire, &answers);
        let link = kept.permalink(questionnaire);
        assert!(
            link.starts_with("/assess/result?absorbed=hard_problem_alone"),
            "{link}"
        );
        assert!(
            link.contains("reason=more_money&reason=protect_deep_work"),
            "{link}"
        );
        let again = Pairs::parse(link.split_once('?').unwrap().1.as_bytes());
        let answers2 = answers_from_pairs(questionnaire, &again, &[], "test");
        assert_eq!(KeptAnswers::from_answers(questionnaire, &answers2), kept);
    }

    #[test]
    fn unknown_fields_reach_the_engine() {
        let questionnaire = Questionnaire::embedded();
        let pairs = Pairs::parse(b"absorbd=hard_problem_alone&csrf=x");
        let answers = answers_from_pairs(questionnaire, &pairs, &["csrf"], "test");
        assert!(answers.get("absorbd").is_some());
        assert!(answers.get("csrf").is_none());
    }
}
