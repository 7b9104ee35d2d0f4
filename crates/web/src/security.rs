//! Response security headers and the anti-forgery (CSRF) guard for form posts.
//!
//! The CSRF scheme is a signed double submit tied to the session: each browser gets a random
//! nonce in an `HttpOnly` cookie, and every form carries `HMAC(key, nonce | session secret)`,
//! where the session secret is a random value stored with the session in the database (empty
//! for visitors who are not logged in). A forged cross-site post can read neither, so it cannot
//! produce the token; logging in or out changes the secret, so tokens from before stop
//! working. The JSON API is not guarded here: its only cookie-authenticated writes (an
//! employer's listings, `api::postings`) check the same token in the `X-CSRF-Token` header
//! themselves, and requests with an API token carry no cookie to forge.
//!
//! Every state-changing page request (any method but GET, HEAD and OPTIONS) must carry the
//! token, whatever its content type: in the `X-CSRF-Token` header, or as the `csrf` field of a
//! URL-encoded form (checked here), or as the first field of a multipart upload (checked by
//! the upload reader before it reads any file). Multipart is accepted only on the upload
//! routes ([`UPLOAD_PATHS`]) and any other content type is refused with 415, so no handler ever
//! sees a body of a kind the guard did not check: a multipart post with a URL-encoded body
//! once slipped past both the guard and the form reader.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use chrono::Utc;
use dualtrack_board::Session;

use crate::auth;
use crate::cookies;
use crate::error::AppError;
use crate::form::{FORM_URLENCODED, media_type};
use crate::limits::SMALL_BODY;
use crate::state::{AppState, Config};

/// The name of the hidden field every form posts.
pub const CSRF_FIELD: &str = "csrf";

/// The header that may carry the token instead (scripts, uploads sent with `fetch`).
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The page routes that take multipart uploads; every other page form is URL-encoded.
pub const UPLOAD_PATHS: &[&str] = &["/calendar", "/ladder/audit"];

/// HSTS for responses served over TLS: a year, subdomains included.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The content security policy: everything from our own origin, nothing inline. The JSON-LD
/// block on listing pages is data, not script, so it needs no exception.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Whether the request reached the client side of our TLS: always when TLS ends before a proxy
/// that cannot say so (`secure_cookies`), or when a trusted proxy says `X-Forwarded-Proto:
/// https` (the first value: the one the client used).
pub fn served_over_tls(headers: &HeaderMap, config: &Config) -> bool {
    config.secure_cookies || (config.trust_proxy && cookies::forwarded_https(headers))
}

/// Add the security headers to every response.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let tls = served_over_tls(request.headers(), state.config());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
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

/// Put in the request when the guard has already checked the token (the header carried it).
#[derive(Debug, Clone, Copy)]
pub struct CsrfChecked;

/// The logged-in session of this request, looked up once by [`csrf_guard`].
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Option<Session>);

/// The token forms must carry for this nonce and session secret.
pub fn token(state: &AppState, nonce: &str, session_secret: Option<&str>) -> String {
    let data = format!("{nonce}|{}", session_secret.unwrap_or_default());
    state.keys().sign("csrf", data.as_bytes())
}

pub fn token_matches(
    state: &AppState,
    nonce: &str,
    session_secret: Option<&str>,
    given: &str,
) -> bool {
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
    let mut request = request;
    if let Some(given) = request.headers().get(CSRF_HEADER) {
        let given = given.to_str().unwrap_or_default();
        if !token_matches(state, nonce, secret, given) {
            return Err(AppError::Csrf);
        }
        // The handler's own reader still refuses a body of a kind it does not parse.
        request.extensions_mut().insert(CsrfChecked);
        return Ok(request);
    }
    let content_type = media_type(request.headers());
    if content_type == "multipart/form-data" {
        let path = request.uri().path();
        if !UPLOAD_PATHS.contains(&path) && !crate::pages::trial::is_upload_path(path) {
            return Err(AppError::UnsupportedMediaType(
                "This form takes application/x-www-form-urlencoded only; multipart/form-data \
                 is accepted only by the upload forms."
                    .into(),
            ));
        }
        let expected = token(state, nonce, secret);
        request.extensions_mut().insert(ExpectedCsrf(expected));
        return Ok(request);
    }
    if content_type != FORM_URLENCODED {
        return Err(AppError::UnsupportedMediaType(
            "Pages accept form posts only (application/x-www-form-urlencoded, or \
             multipart/form-data on the upload forms); programs should use the JSON API under \
             /api/v1."
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

/// The first control character in `text` (NUL, C0, DEL, C1), if any.
pub fn control_char(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// The message for a control character found in `what`.
pub fn control_char_message(what: &str, c: char) -> String {
    format!(
        "{what} contains a control character (U+{:04X}). Remove it and send the request again.",
        u32::from(c)
    )
}

/// Decode `%XX` escapes (invalid escapes stay as they are).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(u8::try_from(hi * 16 + lo).unwrap_or_default());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Refuse, with 400, any request whose path or query holds a control character once decoded.
/// NUL bytes once reached the database (PostgreSQL refuses them with an error, SQLite stores
/// them); refusing at the edge answers the same on both backends and on every route, API
/// included.
pub async fn refuse_control_chars(request: Request, next: Next) -> Response {
    let path = percent_decode(request.uri().path());
    if let Some(c) = control_char(&path) {
        return AppError::BadRequest(control_char_message("The address", c)).into_response();
    }
    if let Some(query) = request.uri().query() {
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            if let Some(c) = control_char(&name).or_else(|| control_char(&value)) {
                let what = format!("The query parameter `{}`", name.escape_default());
                return AppError::BadRequest(control_char_message(&what, c)).into_response();
            }
        }
    }
    next.run(request).await
}

/// The address of the client: the socket peer, or, when the proxy in front is trusted, the
/// last address in `X-Forwarded-For` (the one our proxy added; earlier ones are whatever the
/// client claimed). `unknown` when neither is known (in-process tests).
pub fn client_address(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    config: &Config,
) -> String {
    if config.trust_proxy
        && let Some(forwarded) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
    {
        return forwarded.to_owned();
    }
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string())
}

/// The client's address (see [`client_address`]), as an extractor.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, AppError> {
        Ok(Self(client_address(
            &parts.headers,
            &parts.extensions,
            state.config(),
        )))
    }
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
    fn control_characters_are_found_after_decoding() {
        assert_eq!(
            control_char(&percent_decode("/companies/a%00b")),
            Some('\0')
        );
        assert_eq!(control_char(&percent_decode("/jobs%09x")), Some('\t'));
        assert_eq!(control_char(&percent_decode("/jobs/%E2%82%AC%")), None);
        assert_eq!(control_char("caf\u{e9}"), None);
        assert_eq!(control_char("a\u{85}b"), Some('\u{85}'));
    }

    #[test]
    fn forwarded_for_is_read_only_from_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 10.0.0.7"),
        );
        let extensions = axum::http::Extensions::new();
        let trusted = Config {
            trust_proxy: true,
            ..Config::default()
        };
        assert_eq!(client_address(&headers, &extensions, &trusted), "10.0.0.7");
        assert_eq!(
            client_address(&headers, &extensions, &Config::default()),
            "unknown"
        );
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abcdef", "abcdef"));
        assert!(!same_secret("abcdef", "abcdeg"));
        assert!(!same_secret("abcdef", "abcde"));
        assert!(!same_secret("abcdef", ""));
    }
}
