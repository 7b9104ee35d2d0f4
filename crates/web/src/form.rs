//! Reading URL-encoded forms and query strings as ordered name/value pairs.
//!
//! serde's form support keeps one value per name, but our forms repeat names (checkboxes,
//! `reason=a&reason=b` permalinks), so handlers read the pairs and pick what they need.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::error::AppError;
use crate::limits::SMALL_BODY;
use crate::security::{control_char, control_char_message};

/// The media type of URL-encoded forms.
pub const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";

/// Fields that name or prove something (addresses, passwords, codes, slugs, ids, redirect
/// targets): no control character at all, not even a tab or a line break.
const IDENTIFIER_FIELDS: &[&str] = &[
    "email", "password", "code", "company", "tag", "next", "csrf", "track", "rung", "tz", "owner",
    "from", "to", "ladder",
];

/// The request's media type, lower-cased and without parameters (`multipart/form-data`).
pub fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Name/value pairs in the order they were sent.
#[derive(Debug, Clone, Default)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    pub fn parse(bytes: &[u8]) -> Self {
        Self(url::form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// The first value of `name`, trimmed, if present and not blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The first value of `name` exactly as sent (a password keeps its spaces), or empty.
    pub fn untrimmed(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every non-blank value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Refuse control characters: none in names or identifier fields, and in free text only
    /// tabs and line breaks (a pasted ladder file has them).
    ///
    /// # Errors
    /// [`AppError::BadRequest`] naming the field.
    pub fn refuse_control_chars(&self) -> Result<(), AppError> {
        for (name, value) in &self.0 {
            let text_ok = |c: char| {
                !IDENTIFIER_FIELDS.contains(&name.as_str()) && matches!(c, '\t' | '\n' | '\r')
            };
            let found = control_char(name)
                .or_else(|| value.chars().find(|c| c.is_control() && !text_ok(*c)));
            if let Some(c) = found {
                let what = format!("The field `{}`", name.escape_default());
                return Err(AppError::BadRequest(control_char_message(&what, c)));
            }
        }
        Ok(())
    }

    /// Whether a checkbox named `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v, "on" | "true" | "1" | "yes"))
    }
}

/// The body of a URL-encoded form post (the CSRF guard has already checked its token). Any
/// other content type is refused with 415: the guard checks tokens by content type, so a
/// reader that parsed a body of another declared type would let unchecked posts through.
#[derive(Debug, Clone)]
pub struct Form(pub Pairs);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, AppError> {
        if media_type(request.headers()) != FORM_URLENCODED {
            return Err(AppError::UnsupportedMediaType(format!(
                "This form must be sent as {FORM_URLENCODED}."
            )));
        }
        let bytes = axum::body::to_bytes(request.into_body(), SMALL_BODY)
            .await
            .map_err(|_| {
                AppError::TooLarge(format!("This form is limited to {} KB.", SMALL_BODY / 1024))
            })?;
        let pairs = Pairs::parse(&bytes);
        pairs.refuse_control_chars()?;
        Ok(Self(pairs))
    }
}

/// The query string of the request.
#[derive(Debug, Clone)]
pub struct Query(pub Pairs);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        Ok(Self(Pairs::parse(query.as_bytes())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_names_in_order() {
        let pairs = Pairs::parse(b"reason=a&x=%20&reason=b+c&flag=on");
        assert_eq!(pairs.all("reason"), ["a", "b c"]);
        assert_eq!(pairs.get("x"), None, "blank values count as absent");
        assert!(pairs.checked("flag"));
        assert!(!pairs.checked("missing"));
    }

    #[test]
    fn control_characters_are_refused_by_field_kind() {
        assert!(Pairs::parse(b"email=a%00b").refuse_control_chars().is_err());
        assert!(
            Pairs::parse(b"password=a%09b")
                .refuse_control_chars()
                .is_err()
        );
        assert!(
            Pairs::parse(b"text=a%0D%0Ab%09c")
                .refuse_control_chars()
                .is_ok()
        );
        assert!(Pairs::parse(b"text=a%00").refuse_control_chars().is_err());
        assert!(Pairs::parse(b"a%01=x").refuse_control_chars().is_err());
    }

    #[test]
    fn media_type_ignores_parameters_and_case() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "Multipart/Form-Data; boundary=x".parse().unwrap(),
        );
        assert_eq!(media_type(&headers), "multipart/form-data");
    }
}
