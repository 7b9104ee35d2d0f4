//! Auditing a ladder: upload or paste a ladder file (or pick a known company), and see either
//! the problems that stop it loading, each pointing at its line, or the audit's findings.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dualtrack_framework::{Diagnostic, Finding, Framework, Ladder};

use crate::error::AppError;
use crate::form::Query;
use crate::limits::LADDER_BODY;
use crate::session::Visitor;
use crate::state::AppState;
use crate::upload;
use crate::view::{Chrome, Section, render};

/// A line of the uploaded file shown next to a problem.
pub struct ExcerptLine {
    pub number: usize,
    pub text: String,
    pub marked: bool,
}

/// One problem with the lines around it.
pub struct Problem {
    pub diagnostic: Diagnostic,
    pub excerpt: Vec<ExcerptLine>,
}

/// The lines around `line` (1-based), the line itself marked.
pub fn excerpt(text: &str, line: usize) -> Vec<ExcerptLine> {
    let first = line.saturating_sub(1).max(1);
    text.lines()
        .enumerate()
        .map(|(i, t)| (i + 1, t))
        .skip(first - 1)
        .take(line + 2 - first)
        .map(|(number, t)| ExcerptLine {
            number,
            text: t.chars().take(200).collect(),
            marked: number == line,
        })
        .collect()
}

/// Outcome of loading and auditing one ladder text.
pub enum Outcome {
    Invalid(Vec<Problem>),
    Audited {
        ladder: Box<Ladder>,
        findings: Vec<Finding>,
    },
}

/// Load `text` as a ladder through the framework's checks and audit it.
pub fn audit_text(framework: &Framework, source: &str, text: &str) -> Outcome {
    match framework.load_ladder(source, text) {
        Ok(ladder) => {
            let findings = framework.audit(&ladder);
            Outcome::Audited {
                ladder: Box::new(ladder),
                findings,
            }
        }
        Err(err) => Outcome::Invalid(
            err.diagnostics()
                .iter()
                .map(|d| Problem {
                    excerpt: excerpt(text, d.line),
                    diagnostic: d.clone(),
                })
                .collect(),
        ),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    companies: Vec<(String, String)>,
    source: String,
    text: String,
    outcome: Option<Outcome>,
    /// Why there is nothing to audit: the form came without a ladder.
    nothing: Option<String>,
    /// The ladder format's small example, from the format's documentation.
    example: &'static str,
}

impl AuditPage {
    fn new(chrome: Chrome, framework: &Framework) -> Self {
        Self {
            chrome,
            companies: framework
                .companies()
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            source: String::new(),
            text: String::new(),
            outcome: None,
            nothing: None,
            example: dualtrack_framework::example_ladder(),
        }
    }

    /// The rungs a finding names, by their titles in `ladder`.
    fn titles(&self, ladder: &Ladder, rungs: &[String]) -> String {
        rungs
            .iter()
            .map(|id| ladder.rung(id).map_or(id.as_str(), |(_, rung)| &rung.title))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "1 error", "3 errors", "no errors".
    fn counted(&self, n: usize, one: &str, many: &str) -> String {
        match n {
            0 => format!("no {many}"),
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        }
    }

    fn severity_count(&self, severity: &str) -> usize {
        match &self.outcome {
            Some(Outcome::Audited { findings, .. }) => findings
                .iter()
                .filter(|f| f.severity.as_str() == severity)
                .count(),
            _ => 0,
        }
    }
}

/// `GET /ladder/audit[?company=ID]`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let mut page = AuditPage::new(visitor.chrome(Section::Ladder), framework);
    if let Some(name) = query.get("company") {
        let ladder = framework.resolve_ladder(name)?;
        page.source = ladder.name.clone();
        page.outcome = Some(Outcome::Audited {
            ladder: Box::new(ladder.clone()),
            findings: framework.audit(ladder),
        });
    }
    Ok(render(&page)?.into_response())
}

fn too_large() -> String {
    format!(
        "Ladder files are limited to {} KB. A ladder that large is probably the wrong file.",
        LADDER_BODY / 1024
    )
}

/// `POST /ladder/audit`: a file upload or pasted text.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    request: Request,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let mut page = AuditPage::new(visitor.chrome(Section::Ladder), framework);
    let (source, text) = match ladder_upload(request, LADDER_BODY, too_large).await {
        Ok(given) => given,
        // Nothing to audit: the form again, saying what to give, rather than an error page.
        Err(AppError::BadRequest(message)) => {
            page.nothing = Some(message);
            return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
        }
        Err(other) => return Err(other),
    };
    let outcome = state
        .analyses()
        .run_here(|| audit_text(framework, &source, &text))
        .await?;
    let status = match outcome {
        Outcome::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Outcome::Audited { .. } => StatusCode::OK,
    };
    page.source = source;
    page.text = text;
    page.outcome = Some(outcome);
    Ok((status, render(&page)?).into_response())
}

/// The ladder a form sent, with its name for messages: the file in `ladder`, else the text
/// pasted in `text` (an empty file input or a blank box counts as nothing).
///
/// # Errors
/// 413 over `limit` (explained by `too_large`); 400 without a ladder or for one that is not
/// UTF-8 text.
pub async fn ladder_upload(
    request: Request,
    limit: usize,
    too_large: fn() -> String,
) -> Result<(String, String), AppError> {
    let upload = upload::read(request, limit, too_large).await?;
    let (source, bytes) = match upload.files.into_iter().find(|f| f.field == "ladder") {
        Some(file) if !file.bytes.is_empty() => (display_name(&file.name), file.bytes),
        _ => match upload.fields.get("text").filter(|t| !t.trim().is_empty()) {
            Some(text) => ("the pasted ladder".to_owned(), text.as_bytes().to_vec()),
            None => {
                return Err(AppError::BadRequest(
                    "Choose the ladder file to upload, or paste the ladder into the text box."
                        .into(),
                ));
            }
        },
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        AppError::BadRequest(format!(
            "Not UTF-8 text: {source}. Save it as UTF-8 and upload it again."
        ))
    })?;
    Ok((source, text))
}

/// The uploaded file's name, for messages only: no directories, a sane length.
pub fn display_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(80).collect();
    if clean.trim().is_empty() {
        "uploaded ladder".to_owned()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_marks_the_line_and_keeps_neighbours() {
        let text = "a\nb\nc\nd\ne";
        let lines = excerpt(text, 3);
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert!(lines.iter().find(|l| l.number == 3).unwrap().marked);
        assert_eq!(excerpt(text, 1).len(), 2);
        assert!(excerpt("", 4).is_empty());
    }

    #[test]
    fn display_names_drop_directories() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\me\\ladder.toml"), "ladder.toml");
        assert_eq!(display_name(""), "uploaded ladder");
    }
}
