//! The ladder API: the reference (or a company's) ladder, equivalents, title mapping, and the
//! audit of a posted ladder file. The JSON matches `dualtrack ladder ... --format json`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dualtrack_framework::{
    Diagnostic, Equivalents, Finding, LadderView, RoleProfile, TitleMapping,
};
use serde::Serialize;

use crate::api::schemas::{
    DiagnosticDoc, EquivalentsDoc, FindingDoc, LadderViewDoc, RoleProfileDoc, TitleMappingDoc,
};
use crate::error::{AppError, ErrorBody, ErrorInfo};
use crate::form::Query;
use crate::state::AppState;

/// The reference dual ladder: tracks of rungs and the stated equivalences.
#[utoipa::path(
    get,
    path = "/api/v1/ladder",
    tag = "ladder",
    params(("company" = Option<String>, Query, description = "A company ladder id or name instead of the reference ladder")),
    responses(
        (status = 200, description = "The ladder, as `dualtrack ladder show --format json`", body = LadderViewDoc),
        (status = 404, description = "No such company ladder", body = ErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Query(query): Query,
) -> Result<Json<LadderView>, AppError> {
    let framework = state.framework();
    let ladder = match query.get("company") {
        Some(name) => framework.resolve_ladder(name)?,
        None => framework.ladder(),
    };
    Ok(Json(ladder.view()))
}

/// What a rung is equivalent to on the other track.
#[utoipa::path(
    get,
    path = "/api/v1/ladder/equiv",
    tag = "ladder",
    params(
        ("rung" = String, Query, description = "A rung id, title or level label, e.g. `staff_engineer` or `Staff Engineer`"),
        ("company" = Option<String>, Query, description = "Look the rung up in this company's ladder"),
    ),
    responses(
        (status = 200, description = "As `dualtrack ladder equiv --format json`", body = EquivalentsDoc),
        (status = 400, description = "`rung` is missing", body = ErrorBody),
        (status = 404, description = "No such rung or company", body = ErrorBody),
        (status = 422, description = "The name matches several rungs", body = ErrorBody),
    )
)]
pub async fn equiv(
    State(state): State<AppState>,
    Query(query): Query,
) -> Result<Json<Equivalents>, AppError> {
    let rung = query.get("rung").ok_or_else(|| {
        AppError::BadRequest("give the rung to look up: ?rung=staff_engineer".into())
    })?;
    Ok(Json(
        state.framework().equivalent(rung, query.get("company"))?,
    ))
}

/// Everything the role page and `dualtrack guide` show about one rung: its leadership level
/// (or, for Staff+ IC rungs, the Staff+ week), borrowed text, equivalents with the limits of
/// parity, the next rung and the step there, and the optional switch of track.
#[utoipa::path(
    get,
    path = "/api/v1/ladder/roles/{id}",
    tag = "ladder",
    params(
        ("id" = String, Path, description = "A rung id, e.g. `staff_engineer`"),
        ("company" = Option<String>, Query, description = "Look the rung up in this company's ladder"),
    ),
    responses(
        (status = 200, description = "The role profile", body = RoleProfileDoc),
        (status = 404, description = "No such rung or company", body = ErrorBody),
    )
)]
pub async fn role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Json<RoleProfile>, AppError> {
    let company = crate::pages::ladder::company_param(&query);
    Ok(Json(state.framework().role_profile(&id, company)?))
}

/// Translate a title from one company's ladder to another's.
#[utoipa::path(
    get,
    path = "/api/v1/ladder/map",
    tag = "ladder",
    params(
        ("title" = String, Query, description = "The title, rung id or level label at `from`"),
        ("from" = String, Query, description = "Company id or name (`reference` for the reference ladder)"),
        ("to" = String, Query, description = "Company id or name (`reference` for the reference ladder)"),
    ),
    responses(
        (status = 200, description = "As `dualtrack ladder map --format json`", body = TitleMappingDoc),
        (status = 400, description = "A parameter is missing", body = ErrorBody),
        (status = 404, description = "No such rung or company", body = ErrorBody),
        (status = 422, description = "The title matches several rungs", body = ErrorBody),
    )
)]
pub async fn map(
    State(state): State<AppState>,
    Query(query): Query,
) -> Result<Json<TitleMapping>, AppError> {
    let need = |name: &str| {
        query.get(name).ok_or_else(|| {
            AppError::BadRequest(format!("`{name}` is required: ?title=...&from=...&to=..."))
        })
    };
    Ok(Json(state.framework().map_title(
        need("title")?,
        need("from")?,
        need("to")?,
    )?))
}

/// The audit of a ladder file that loaded.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditResponse {
    /// The name the file was given (`?source=`), used in messages.
    pub source: String,
    /// The ladder's own id.
    pub ladder: String,
    pub name: String,
    /// Most severe first; `error` findings mean the ladder is not a dual ladder in that respect.
    #[schema(value_type = Vec<FindingDoc>)]
    pub findings: Vec<Finding>,
}

/// A ladder file that did not load: every problem with its line and column.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditRejected {
    pub error: ErrorInfo,
    #[schema(value_type = Vec<DiagnosticDoc>)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Audit a ladder file (TOML) for signs that its IC track is decorative.
#[utoipa::path(
    post,
    path = "/api/v1/ladder/audit",
    tag = "ladder",
    params(("source" = Option<String>, Query, description = "A name for the file in messages (default `ladder.toml`)")),
    request_body(content = String, content_type = "application/toml", description = "The ladder file"),
    responses(
        (status = 200, description = "The findings", body = AuditResponse),
        (status = 400, description = "The body is not UTF-8", body = ErrorBody),
        (status = 413, description = "Over 1 MB", body = ErrorBody),
        (status = 422, description = "The file does not load; each problem names its line", body = AuditRejected),
        (status = 503, description = "Too many analyses running; retry after `Retry-After` seconds", body = ErrorBody),
    )
)]
pub async fn audit(
    State(state): State<AppState>,
    Query(query): Query,
    body: Bytes,
) -> Result<Response, AppError> {
    let source = query.get("source").map_or_else(
        || "ladder.toml".to_owned(),
        crate::pages::audit::display_name,
    );
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::BadRequest(format!("{source}: the ladder must be UTF-8 text")))?;
    let framework = state.framework();
    let job = || -> Result<_, dualtrack_framework::FrameworkError> {
        let ladder = framework.load_ladder(&source, text)?;
        let findings = framework.audit(&ladder);
        Ok((ladder, findings))
    };
    match state.analyses().run_here(job).await? {
        Ok((ladder, findings)) => Ok(Json(AuditResponse {
            source,
            ladder: ladder.id,
            name: ladder.name,
            findings,
        })
        .into_response()),
        Err(err) => {
            let diagnostics = err.diagnostics().to_vec();
            let message = match diagnostics.as_slice() {
                [only] => only.to_string(),
                [first, ..] => format!("{first} (and {} more problem(s))", diagnostics.len() - 1),
                [] => err.to_string(),
            };
            let error = ErrorInfo {
                code: "unprocessable".into(),
                message,
            };
            let mut response = (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(AuditRejected {
                    error: error.clone(),
                    diagnostics,
                }),
            )
                .into_response();
            response.extensions_mut().insert(error);
            Ok(response)
        }
    }
}
