//! A company's own ladder on its board page: the employer uploads the file, the framework's
//! loader and audit read it, and the page shows what the board derived and what the audit found.

use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use dualtrack_board::{
    Company, CompanyLadderUpload, LadderFacts, MAX_LADDER_BYTES, NewAuditEntry, Role,
    StoredCompanyLadder,
};
use dualtrack_framework::{Finding, Framework, Severity};

use crate::error::AppError;
use crate::pages::audit::{Outcome, audit_text, ladder_upload};
use crate::session::Visitor;
use crate::state::AppState;

/// The upload route's path for a company, also checked by the multipart guard.
pub fn is_upload_path(path: &str) -> bool {
    path.strip_prefix("/companies/")
        .and_then(|rest| rest.strip_suffix("/ladder"))
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// What the company page shows about an uploaded ladder.
pub struct LadderSummary {
    pub uploaded: String,
    /// The audit's findings, most severe first; empty when it found nothing to report.
    pub findings: Vec<Finding>,
    /// Set when the stored file no longer loads (the framework's rules changed since).
    pub unreadable: Option<String>,
}

impl LadderSummary {
    /// Re-read and audit the stored file, so the findings follow the framework in use.
    pub fn of(framework: &Framework, company: &Company, stored: &StoredCompanyLadder) -> Self {
        let uploaded = stored
            .uploaded_at
            .format("%e %B %Y")
            .to_string()
            .trim()
            .to_owned();
        match audit_text(
            framework,
            &format!("{}'s ladder", company.name),
            &stored.ladder_toml,
        ) {
            Outcome::Audited { findings, .. } => Self {
                uploaded,
                findings,
                unreadable: None,
            },
            Outcome::Invalid(problems) => Self {
                uploaded,
                findings: Vec::new(),
                unreadable: Some(format!(
                    "The file no longer loads ({} problems); the employer should upload it again.",
                    problems.len()
                )),
            },
        }
    }
}

/// The audit's severity in words for the page.
pub fn severity_words(finding: &Finding) -> &'static str {
    match finding.severity {
        Severity::Error => "not a dual ladder here",
        Severity::Warning => "weaker than it claims",
        Severity::Info => "worth a look",
    }
}

/// True when `visitor` may replace this company's ladder: its verified employer.
pub fn may_upload(visitor: &Visitor, company: &Company) -> bool {
    visitor
        .account()
        .is_some_and(|a| a.role == Role::Employer && a.verified_company == Some(company.id))
}

fn too_large() -> String {
    format!(
        "Ladder files are limited to {} KB. A ladder that large is probably the wrong file.",
        MAX_LADDER_BYTES / 1024
    )
}

/// `POST /companies/{slug}/ladder`: the employer's upload (a file, or pasted text). A file
/// that does not load or cannot be placed is refused with the reasons; nothing is stored.
pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?.clone();
    let store = state.store();
    let company = store
        .company_by_slug(&slug)
        .await?
        .ok_or_else(|| AppError::NotFound("There is no such company on the board.".into()))?;
    if !may_upload(&visitor, &company) {
        return Err(AppError::Forbidden(format!(
            "Only employer accounts at {} can upload its ladder. You become one by confirming \
             your work address at the company on your account page, with \"I hire for this \
             company\" ticked.",
            company.name
        )));
    }
    let (source, text) = ladder_upload(request, MAX_LADDER_BYTES, too_large).await?;
    let framework = state.framework();
    let outcome = state
        .analyses()
        .run_here(|| audit_text(framework, &source, &text))
        .await?;
    let facts = match outcome {
        Outcome::Invalid(problems) => {
            let reasons: Vec<String> = problems
                .iter()
                .take(5)
                .map(|p| p.diagnostic.to_string())
                .collect();
            return Err(AppError::Unprocessable(format!(
                "The ladder was not stored: it does not load. Check it on the ladder audit page \
                 first. {}",
                reasons.join(" ")
            )));
        }
        Outcome::Audited { ladder, findings } => LadderFacts::derive(framework, &ladder, &findings)
            .map_err(|reason| {
                AppError::Unprocessable(format!("The ladder was not stored. {reason}"))
            })?,
    };
    let now = Utc::now();
    store
        .set_company_ladder(&CompanyLadderUpload {
            company_id: company.id,
            ladder_toml: text,
            facts: facts.clone(),
            uploaded_by: account.id,
            uploaded_at: now,
        })
        .await?;
    store
        .record_audit(&NewAuditEntry {
            at: now,
            actor: Some(account.id),
            action: "upload_ladder".into(),
            target: company.name.clone(),
            reason: format!(
                "uploaded a ladder: IC top rung {}, past Staff {}, dual ladder {}",
                facts.ic_top_rung, facts.ic_past_staff, facts.has_dual_ladder
            ),
        })
        .await?;
    Ok(Redirect::to(&format!("/companies/{}#ladder-title", company.slug)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_company_ladder_path_takes_uploads() {
        assert!(is_upload_path("/companies/lumenfold/ladder"));
        assert!(!is_upload_path("/companies//ladder"));
        assert!(!is_upload_path("/companies/a/b/ladder"));
        assert!(!is_upload_path("/companies/lumenfold/endorse"));
    }
}
