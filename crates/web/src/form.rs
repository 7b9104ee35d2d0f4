//! Reading URL-encoded forms and query strings as ordered name/value pairs.
//!
//! serde's form support keeps one value per name, but our forms repeat names (checkboxes,
//! `reason=a&reason=b` permalinks), so handlers read the pairs and pick what they need.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::limits::SMALL_BODY;

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

    /// Every non-blank value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Whether a checkbox named `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v, "on" | "true" | "1" | "yes"))
    }
}

/// The body of a URL-encoded form post (the CSRF guard has already checked its token).
#[derive(Debug, Clone)]
pub struct Form(pub Pairs);

impl<S: Send + Sync> FromRequest<S> for Form {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, AppError> {
        let bytes = axum::body::to_bytes(request.into_body(), SMALL_BODY)
            .await
            .map_err(|_| {
                AppError::TooLarge(format!("This form is limited to {} KB.", SMALL_BODY / 1024))
            })?;
        Ok(Self(Pairs::parse(&bytes)))
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
}
