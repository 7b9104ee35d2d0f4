//! Response security headers and the anti-forgery (CSRF) guard for form posts.
//!
//! The CSRF scheme is a signed double submit tied to the session: each browser gets a random
//! nonce in an `HttpOnly` cookie, and every form carries `HMAC(key, nonce | session secret)`,
//! where the session secret is a random value stored with the session in the database (empty
//! for visitors who are not logged in). A forged cross-site post can read neither, so it cannot
//! produce the token; logging in or out changes the secret, so tokens from before stop
//! working. The JSON API takes no cookies and changes no account state, so it needs no token.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use chrono::Utc;
use dualtrack_board::Session;

use crate::auth;
use crate::cookies;
use crate::error::AppError;
use crate::limits::SMALL_BODY;
use crate::state::AppState;

/// The name of the hidden field every form posts.
pub const CSRF_FIELD: &str = "csrf";

/// The content security policy: everything from our own origin, nothing inline. The JSON-LD
/// block on listing pages is data, not script, so it needs no exception.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Add the security headers to every response.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    for (name, value) in fixed {
        // A handler may set a stricter or different policy for its own response (downloads).
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// The visitor's CSRF nonce, put into the request by [`csrf_guard`].
#[derive(Debug, Clone)]
pub struct CsrfNonce(pub String);

/// On a multipart post, the token the form must carry; the upload reader checks it against the
/// first field before it reads any file.
#[derive(Debug, Clone)]
pub struct ExpectedCsrf(pub String);

/// The logged-in session of this request, looked up once by [`csrf_guard`].
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Option<Session>);

/// The token forms must carry for this nonce and session secret.
pub fn token(state: &AppState, nonce: &str, session_secret: Option<&str>) -> String {
    let data = format!("{nonce}|{}", session_secret.unwrap_or_default());
    state.keys().sign("csrf", data.as_bytes())
}

fn token_matches(state: &AppState, nonce: &str, session_secret: Option<&str>, given: &str) -> bool {
    let data = format!("{nonce}|{}", session_secret.unwrap_or_default());
    state.keys().verify("csrf", data.as_bytes(), given)
}

/// The session named by the request's cookie, if it exists and has not expired.
async fn find_session(state: &AppState, token: Option<&str>) -> Result<Option<Session>, AppError> {
    let Some(token) = token else { return Ok(None) };
    Ok(state
        .store()
        .session(&auth::token_hash(token), Utc::now())
        .await?)
}

fn looks_like_nonce(value: &str) -> bool {
    (20..=100).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Give each browser a nonce and refuse page form posts without the matching token.
pub async fn csrf_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let secure = cookies::is_https(headers, state.config().secure_cookies);
    let existing = cookies::get(headers, cookies::CSRF)
        .filter(|v| looks_like_nonce(v))
        .map(str::to_owned);
    let fresh = existing.is_none();
    let nonce = existing.unwrap_or_else(cookies::random_token);
    let session_cookie = cookies::get(headers, cookies::SESSION).map(str::to_owned);
    let session = match find_session(&state, session_cookie.as_deref()).await {
        Ok(session) => session,
        Err(err) => return err.into_response(),
    };
    let secret = session.as_ref().map(|s| s.csrf_secret.clone());
    request.extensions_mut().insert(CsrfNonce(nonce.clone()));
    request
        .extensions_mut()
        .insert(CurrentSession(session.clone()));

    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let result = if unsafe_method {
        check_post(&state, request, &nonce, secret.as_deref()).await
    } else {
        Ok(request)
    };
    let mut response = match result {
        Ok(request) => next.run(request).await,
        Err(err) => err.into_response(),
    };
    if session_cookie.is_some() && session.is_none() {
        // The log-in expired or was ended elsewhere: drop the stale cookie.
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::SESSION, "", Some(0), secure),
        );
    }
    if fresh {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::CSRF, &nonce, None, secure),
        );
    }
    response
}

/// Check the token of a form post. URL-encoded forms are small, so the body is read here and
/// handed on; multipart uploads are checked by the upload reader as they stream.
async fn check_post(
    state: &AppState,
    request: Request,
    nonce: &str,
    secret: Option<&str>,
) -> Result<Request, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let mut request = request;
        let expected = token(state, nonce, secret);
        request.extensions_mut().insert(ExpectedCsrf(expected));
        return Ok(request);
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(AppError::UnsupportedMediaType(
            "Pages accept form posts only (application/x-www-form-urlencoded or \
             multipart/form-data); programs should use the JSON API under /api/v1."
                .into(),
        ));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, SMALL_BODY).await.map_err(|_| {
        AppError::TooLarge(format!("This form is limited to {} KB.", SMALL_BODY / 1024))
    })?;
    let given = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if !token_matches(state, nonce, secret, &given) {
        return Err(AppError::Csrf);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Compare two secrets without stopping at the first difference, so response timing does not
/// reveal how much of a guess was right.
pub fn same_secret(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_checked_for_shape() {
        assert!(looks_like_nonce(&cookies::random_token()));
        assert!(!looks_like_nonce("short"));
        assert!(!looks_like_nonce("a;b=c d e f g h i j k l m n o p"));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abcdef", "abcdef"));
        assert!(!same_secret("abcdef", "abcdeg"));
        assert!(!same_secret("abcdef", "abcde"));
        assert!(!same_secret("abcdef", ""));
    }
}
