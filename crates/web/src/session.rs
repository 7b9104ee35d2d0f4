//! Who is asking: the visitor's CSRF nonce and, when logged in, their account.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use dualtrack_board::{Account, Session};

use crate::cookies;
use crate::error::AppError;
use crate::security::{self, CsrfNonce, CurrentSession};
use crate::state::AppState;
use crate::view::{Chrome, Section};

/// The visitor behind a page request.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The token this visitor's forms must post back.
    pub csrf: String,
    /// Whether cookies set for this visitor should be `Secure`.
    pub secure: bool,
    /// The logged-in session, if any.
    pub session: Option<Session>,
}

impl Visitor {
    /// The layout values for a page in `section`.
    pub fn chrome(&self, section: Section) -> Chrome {
        Chrome {
            csrf: self.csrf.clone(),
            user: self.account().map(|a| a.email.clone()),
            section,
            show_account: true,
        }
    }

    /// The logged-in account, if any.
    pub fn account(&self) -> Option<&Account> {
        self.session.as_ref().map(|s| &s.account)
    }

    /// The logged-in account, or a 401 that tells the visitor to log in.
    pub fn require_account(&self) -> Result<&Account, AppError> {
        self.account().ok_or_else(|| {
            AppError::Unauthorized(
                "Log in first: this needs an account. Use the Log in link at the top of the page."
                    .into(),
            )
        })
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let nonce = parts
            .extensions
            .get::<CsrfNonce>()
            .map(|n| n.0.clone())
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("CSRF guard is not installed")))?;
        let session = parts
            .extensions
            .get::<CurrentSession>()
            .and_then(|s| s.0.clone());
        let secret = session.as_ref().map(|s| s.csrf_secret.as_str());
        let csrf = security::token(state, &nonce, secret);
        let secure = cookies::is_https(&parts.headers, state.config().secure_cookies);
        Ok(Self {
            csrf,
            secure,
            session,
        })
    }
}
