//! One error type for every handler, rendered as JSON under `/api` and as a page elsewhere.
//!
//! Handlers return `Result<_, AppError>`. The error turns itself into a JSON response that also
//! carries an [`ErrorInfo`] extension; the [`render_errors`] middleware then swaps the body for
//! an HTML page when the request was not for the API. Errors axum produces on its own (an
//! unknown route, a wrong method, a body over the limit) pass through the same middleware, so
//! every error a visitor sees looks the same and never shows internals.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use dualtrack_assess::AssessError;
use dualtrack_board::StoreError;
use dualtrack_calendar::CalendarError;
use dualtrack_calendar::analysis::AnalysisError;
use dualtrack_decide::DecideError;
use dualtrack_framework::MappingError;
use dualtrack_trial::TrialError;

use crate::view::Chrome;

mod wording;
pub use wording::for_people;

/// What went wrong, in words a visitor can act on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request could not be read: bad syntax, a missing field, an unparsable file.
    #[error("{0}")]
    BadRequest(String),
    /// The visitor must log in first.
    #[error("{0}")]
    Unauthorized(String),
    /// Logged in, but not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// A form post without a valid anti-forgery token.
    #[error("This form has expired or did not come from this site. Reload the page and try again.")]
    Csrf,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// The body is over the limit for this route.
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Well-formed, but the values do not make sense (an unknown option, a failed check).
    #[error("{0}")]
    Unprocessable(String),
    /// The database did not answer.
    #[error("The service is temporarily unavailable. Try again in a moment.")]
    Unavailable,
    /// Too much CPU-heavy work of this kind is running already; sent with `Retry-After`.
    #[error("The server is busy with other {what} right now. Try again in {retry_after} seconds.")]
    Busy {
        what: &'static str,
        retry_after: u64,
    },
    /// Too many failed attempts (log-in, verification code); sent as 429 with `Retry-After`.
    #[error("{message}")]
    TooManyAttempts { message: String, retry_after: u64 },
    /// Anything else; logged in full, shown only as a generic message.
    #[error("Something went wrong on our side. The error has been logged.")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::Csrf => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unavailable | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Seconds the client should wait before trying again, for refusals that pass.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Busy { retry_after, .. } | Self::TooManyAttempts { retry_after, .. } => {
                Some(*retry_after)
            }
            _ => None,
        }
    }

    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Csrf => "csrf",
            Self::Busy { .. } => "busy",
            _ => code_for(self.status()),
        }
    }
}

// How each engine's errors become HTTP errors: the caller's mistakes are 4xx with the engine's
// own message (it names the place, the field and the fix); the server's are 5xx and hidden.

impl From<AssessError> for AppError {
    fn from(err: AssessError) -> Self {
        match err {
            AssessError::Syntax { .. } | AssessError::WrongType { .. } => {
                Self::BadRequest(err.to_string())
            }
            AssessError::TooLarge { .. } => Self::TooLarge(err.to_string()),
            AssessError::UnknownQuestion { .. }
            | AssessError::UnknownOption { .. }
            | AssessError::MissingAnswer { .. }
            | AssessError::Duplicate { .. } => Self::Unprocessable(err.to_string()),
            AssessError::Questionnaire { .. } => Self::internal(err),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { .. } => Self::NotFound(err.to_string()),
            StoreError::Conflict(message) => Self::Conflict(message),
            StoreError::NotAllowed(message) => Self::Forbidden(message),
            StoreError::InvalidInput(message) => Self::BadRequest(message),
            StoreError::Connect { .. } => Self::Unavailable,
            other => Self::internal(other),
        }
    }
}

impl From<CalendarError> for AppError {
    fn from(err: CalendarError) -> Self {
        match &err {
            CalendarError::TooLarge { .. } => Self::TooLarge(err.to_string()),
            CalendarError::NotICalendar { .. } => Self::Unprocessable(err.to_string()),
            CalendarError::Analysis(AnalysisError::Option(_)) => Self::BadRequest(err.to_string()),
            CalendarError::Analysis(_) => Self::internal(err),
        }
    }
}

impl From<DecideError> for AppError {
    fn from(err: DecideError) -> Self {
        match err {
            DecideError::UnknownOrg { .. } | DecideError::MonthsOutOfRange { .. } => {
                Self::BadRequest(err.to_string())
            }
            other => Self::internal(other),
        }
    }
}

impl From<crate::trials::FieldRefusal> for AppError {
    fn from(refusal: crate::trials::FieldRefusal) -> Self {
        refusal.error
    }
}

impl From<TrialError> for AppError {
    fn from(err: TrialError) -> Self {
        match &err {
            TrialError::TooLarge { .. } => Self::TooLarge(err.to_string()),
            TrialError::Parse { .. } => Self::BadRequest(err.to_string()),
            TrialError::Content(_) => Self::internal(err),
            _ => Self::Unprocessable(err.to_string()),
        }
    }
}

/// Unknown names are 404s; a name matching several rungs is a 422.
pub fn mapping_status(err: &MappingError) -> StatusCode {
    match err {
        MappingError::UnknownCompany { .. } | MappingError::UnknownRung { .. } => {
            StatusCode::NOT_FOUND
        }
        MappingError::Ambiguous { .. } => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<MappingError> for AppError {
    fn from(err: MappingError) -> Self {
        match mapping_status(&err) {
            StatusCode::NOT_FOUND => Self::NotFound(err.to_string()),
            _ => Self::Unprocessable(err.to_string()),
        }
    }
}

fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::CONFLICT => "conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// The error as the API shows it: `{"error":{"code","message"}}`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorInfo,
}

/// A machine-readable code and a human-readable message.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorInfo {
    /// `bad_request`, `unauthorized`, `forbidden`, `csrf`, `not_found`, `payload_too_large`,
    /// `unsupported_media_type`, `unprocessable`, `too_many_requests`, `busy`, `unavailable`
    /// or `internal`.
    pub code: String,
    pub message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Self::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let info = ErrorInfo {
            code: self.code().to_owned(),
            message: self.to_string(),
        };
        let mut response = json_error(status, info);
        if let Some(seconds) = self.retry_after() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

fn json_error(status: StatusCode, info: ErrorInfo) -> Response {
    let mut response = (
        status,
        axum::Json(ErrorBody {
            error: info.clone(),
        }),
    )
        .into_response();
    response.extensions_mut().insert(info);
    response
}

/// The HTML error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    status: u16,
    reason: String,
    message: String,
}

fn html_error(status: StatusCode, info: &ErrorInfo) -> Response {
    let page = ErrorPage {
        chrome: Chrome::plain(),
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("Error").to_owned(),
        message: for_people(&info.message),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, info.message.clone()).into_response(),
    }
}

/// A message for errors that axum produced before any handler ran.
fn message_for(status: StatusCode, path: &str) -> String {
    match status {
        StatusCode::NOT_FOUND => {
            "There is nothing at this address. Check the link, or start again from the home page."
                .to_owned()
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            "This address does not accept that kind of request.".to_owned()
        }
        StatusCode::PAYLOAD_TOO_LARGE if path.contains("calendar") || path.ends_with("/report") => {
            crate::limits::calendar_too_large()
        }
        // The limit is derived from the constant the route uses, so the message cannot drift
        // from it (it once said 64 KB on a route that takes 1 MB).
        StatusCode::PAYLOAD_TOO_LARGE if path.ends_with("/ladder/audit") => format!(
            "Ladder files are limited to {} KB. A ladder that large is probably the wrong file.",
            crate::limits::LADDER_BODY / 1024
        ),
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "The request is larger than this address accepts ({} KB at most).",
            crate::limits::SMALL_BODY / 1024
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "The request body has a content type this address does not accept.".to_owned()
        }
        s if s.is_server_error() => AppError::Internal(anyhow::anyhow!("")).to_string(),
        s => s
            .canonical_reason()
            .unwrap_or("The request could not be handled.")
            .to_owned(),
    }
}

/// Make every error response match the place it was asked for: JSON for the API, an HTML page
/// everywhere else.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let known = response.extensions().get::<ErrorInfo>().cloned();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    if is_api && known.is_some() {
        // Already in the API's format (possibly with extra fields, such as diagnostics).
        return response;
    }
    let info = match known {
        Some(info) => info,
        None => {
            let is_ours = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| {
                    ct.starts_with("application/json") || ct.starts_with("text/html")
                });
            if is_ours {
                return response;
            }
            let message = rejection_message(response, status, &path).await;
            ErrorInfo {
                code: code_for(status).to_owned(),
                message,
            }
        }
    };
    let mut rendered = if is_api {
        json_error(status, info)
    } else {
        html_error(status, &info)
    };
    if let Some(retry) = retry_after {
        rendered.headers_mut().insert(header::RETRY_AFTER, retry);
    }
    rendered
}

/// axum's own rejections explain client mistakes in plain text ("missing field `drift`");
/// keep that for 400/415/422 so the caller can fix the request, and use our words otherwise.
async fn rejection_message(response: Response, status: StatusCode, path: &str) -> String {
    let explain = matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::UNPROCESSABLE_ENTITY
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    if explain && let Ok(bytes) = axum::body::to_bytes(response.into_body(), 2048).await {
        let text = String::from_utf8_lossy(&bytes).trim().to_owned();
        if !text.is_empty() {
            return text;
        }
    }
    message_for(status, path)
}

/// The fallback for unknown addresses.
pub async fn not_found() -> AppError {
    AppError::NotFound(message_for(StatusCode::NOT_FOUND, ""))
}

#[cfg(test)]
mod tests;
