//! Accounts: sign-up, log-in, log-out (here or everywhere) and the account page. Verifying as
//! an employee by work email is in [`super::verify`].

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use dualtrack_board::{
    Account, Company, Endorsement, NewAccount, NewSession, StoreError, normalize_email,
};

use std::time::{Duration as Wait, Instant};

use crate::auth;
use crate::cookies;
use crate::error::{AppError, for_people};
use crate::form::{Form, Query};
use crate::security::{ClientAddress, control_char, percent_decode};
use crate::session::Visitor;
use crate::state::AppState;
use crate::throttle::{self, Throttle};
use crate::view::{Chrome, Section, render};

/// Where to go after logging in when `next` is absent or unsafe.
const DEFAULT_NEXT: &str = "/account";

/// Where to go after logging in: only a path on this site that parses cleanly, else
/// [`DEFAULT_NEXT`]. Browsers forgive a lot in `Location` (they drop tabs and line breaks and
/// read `\` as `/`), so `/\t/evil.example` once sent visitors to another site; the check
/// therefore runs on the value and on its percent-decoded form.
pub(super) fn safe_next(next: Option<&str>) -> String {
    next.filter(|path| is_local_path(path))
        .map_or_else(|| DEFAULT_NEXT.to_owned(), str::to_owned)
}

fn is_local_path(path: &str) -> bool {
    let clean = |p: &str| {
        p.starts_with('/')
            && !p.contains("//")
            && !p.contains('\\')
            && !p.contains(char::is_whitespace)
            && control_char(p).is_none()
    };
    path.len() <= 2048
        && clean(path)
        && clean(&percent_decode(path))
        && path.parse::<axum::http::Uri>().is_ok()
        && axum::http::HeaderValue::from_str(path).is_ok()
}

/// Refuse an attempt while `key` is waiting out earlier failures.
pub(super) fn throttled(throttle: &Throttle, key: &str, now: Instant) -> Option<Wait> {
    throttle.check(key, now).err()
}

pub(super) fn too_many(what: &str, wait: Wait) -> String {
    format!(
        "Too many wrong {what} in a row. For your account's safety, try again in {}.",
        throttle::in_words(wait)
    )
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    chrome: Chrome,
    email: String,
    error: Option<String>,
}

/// `GET /login`.
pub async fn login_page(visitor: Visitor, Query(query): Query) -> Result<Response, AppError> {
    let next = safe_next(query.get("next"));
    if visitor.account().is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let page = LoginPage {
        chrome: visitor.chrome(Section::Account),
        email: String::new(),
        next,
        error: None,
        notice: match query.get("notice") {
            Some("signup") => Some(SIGNUP_NOTICE),
            Some("everywhere") => Some(
                "You are signed out on every device and browser that was signed in to this \
                 account. Sign in again here when you want to.",
            ),
            _ => None,
        },
    };
    Ok(render(&page)?.into_response())
}

/// What a sign-up with an address that already has an account is told: the same whatever the
/// case, so the form does not reveal which addresses have accounts.
const SIGNUP_NOTICE: &str = "If this address could be used, your account is ready: log in below. \
    If it already had an account, nothing was changed and no second account was made; log in \
    with its existing password.";

/// What a banned account is told when it signs in.
const BANNED: &str = "This account has been suspended by the board's moderators, so it cannot \
    sign in. If you think this is a mistake, contact the people who run this site.";

/// `POST /login`. Failures are counted per account and per client address (see
/// [`crate::throttle`]); a key that failed too often is refused with 429 before any password
/// is hashed.
pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddress(address): ClientAddress,
    Form(form): Form,
) -> Result<Response, AppError> {
    let email = form.get("email").unwrap_or_default().to_owned();
    let password = form.untrimmed("password");
    let next = safe_next(form.get("next"));
    let normalized = normalize_email(&email).ok();
    let account_key = normalized.clone().unwrap_or_else(|| email.to_lowercase());
    let now = Instant::now();
    let wait = throttled(state.login_accounts(), &account_key, now)
        .into_iter()
        .chain(throttled(state.login_addresses(), &address, now))
        .max();
    let login_page = |error: String| LoginPage {
        chrome: visitor.chrome(Section::Account),
        email: email.clone(),
        next: next.clone(),
        error: Some(error),
        notice: None,
    };
    if let Some(wait) = wait {
        let page = login_page(too_many("passwords", wait));
        let retry = throttle::retry_secs(wait).to_string();
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry)],
            render(&page)?,
        )
            .into_response());
    }
    let account = match &normalized {
        Some(normalized) => state.store().account_by_email(normalized).await?,
        None => None,
    };
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = password.len() <= auth::MAX_PASSWORD * 4
        && auth::verify_password(state.hashing(), password, stored).await?;
    if !matches {
        state.login_accounts().failure(&account_key, now);
        state.login_addresses().failure(&address, now);
        let page = login_page("That email address and password do not match an account.".into());
        return Ok((StatusCode::UNAUTHORIZED, render(&page)?).into_response());
    }
    state.login_accounts().success(&account_key);
    let Some(account) = account else {
        return Err(AppError::internal(anyhow::anyhow!(
            "password verified without an account"
        )));
    };
    if account.banned_at.is_some() {
        // Said only after the right password, so a guesser learns nothing about bans.
        let page = login_page(BANNED.into());
        return Ok((StatusCode::FORBIDDEN, render(&page)?).into_response());
    }
    start_session(&state, &visitor, &account, &next).await
}

/// `GET /signup`.
pub async fn signup_page(visitor: Visitor) -> Result<Response, AppError> {
    if visitor.account().is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let page = SignupPage {
        chrome: visitor.chrome(Section::Account),
        email: String::new(),
        error: None,
    };
    Ok(render(&page)?.into_response())
}

/// `POST /signup`.
pub async fn signup(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let email = form.get("email").unwrap_or_default().to_owned();
    let password = form.untrimmed("password");
    let refuse = |status: StatusCode, message: String| -> Result<Response, AppError> {
        let page = SignupPage {
            chrome: visitor.chrome(Section::Account),
            email: email.clone(),
            error: Some(message),
        };
        Ok((status, render(&page)?).into_response())
    };
    let normalized = match normalize_email(&email) {
        Ok(normalized) => normalized,
        Err(err) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                for_people(&err.to_string()),
            );
        }
    };
    if let Err(message) = auth::check_new_password(&password) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, message);
    }
    let password_hash = auth::hash_password(state.hashing(), password).await?;
    let new = NewAccount {
        email: normalized,
        password_hash,
        created_at: Utc::now(),
    };
    let account = match state.store().create_account(&new).await {
        Ok(account) => account,
        Err(StoreError::Conflict(_)) => {
            // No 409: that would tell anyone which addresses have accounts. The password was
            // hashed all the same, so the answer takes as long as a real sign-up.
            return Ok(Redirect::to("/login?notice=signup").into_response());
        }
        Err(err) => return Err(err.into()),
    };
    start_session(&state, &visitor, &account, "/account?done=welcome").await
}

async fn start_session(
    state: &AppState,
    visitor: &Visitor,
    account: &Account,
    next: &str,
) -> Result<Response, AppError> {
    // A fresh token on every log-in, so a token planted before log-in is worthless after it.
    if let Some(old) = &visitor.session {
        state.store().delete_session(&old.token_hash).await?;
    }
    let token = cookies::random_token();
    let now = Utc::now();
    let session = NewSession {
        token_hash: auth::token_hash(&token),
        account_id: account.id,
        csrf_secret: cookies::random_token(),
        created_at: now,
        expires_at: now + Duration::days(auth::SESSION_DAYS),
    };
    state.store().create_session(&session).await?;
    let mut response = Redirect::to(next).into_response();
    let max_age = auth::SESSION_DAYS * 24 * 60 * 60;
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, &token, Some(max_age), visitor.secure),
    );
    Ok(response)
}

/// `POST /logout`.
pub async fn logout(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    if let Some(session) = &visitor.session {
        state.store().delete_session(&session.token_hash).await?;
    }
    let mut response = Redirect::to("/").into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", Some(0), visitor.secure),
    );
    Ok(response)
}

/// `POST /account/logout-everywhere`: end every session of the account, this one included.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    state.store().delete_account_sessions(account.id).await?;
    let mut response = Redirect::to("/login?notice=everywhere").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", Some(0), visitor.secure),
    );
    Ok(response)
}

pub(super) struct EndorsementView {
    tag: String,
    company_name: String,
    company_slug: String,
}

/// A verification link just mailed.
pub(super) struct Sent {
    pub address: String,
    pub company: String,
    /// The message went to the local outbox, not to a mail server.
    pub outbox: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
pub(super) struct AccountPage {
    pub chrome: Chrome,
    pub email: String,
    pub since: String,
    pub role: &'static str,
    pub verified: Option<Company>,
    pub companies: Vec<Company>,
    pub endorsements: Vec<EndorsementView>,
    /// The company picked and the address typed, kept when the form is shown again.
    pub picked: String,
    pub address: String,
    pub sent: Option<Sent>,
    pub notice: Option<&'static str>,
    pub error: Option<String>,
}

pub(super) async fn account_page(
    state: &AppState,
    visitor: &Visitor,
    account: &Account,
) -> Result<AccountPage, AppError> {
    let companies = state.store().companies().await?;
    let verified = account
        .verified_company
        .and_then(|id| companies.iter().find(|c| c.id == id).cloned());
    let vocabulary = state.store().tags().await?;
    let endorsements = state
        .store()
        .account_endorsements(account.id)
        .await?
        .into_iter()
        .map(|e: Endorsement| {
            let company = companies.iter().find(|c| c.id == e.company_id);
            // Show the tag's label, as the company page does; the id only if it has none.
            let label = vocabulary
                .iter()
                .find(|t| t.id == e.tag)
                .map_or(e.tag, |t| t.label.clone());
            EndorsementView {
                tag: label,
                company_name: company.map(|c| c.name.clone()).unwrap_or_default(),
                company_slug: company.map(|c| c.slug.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(AccountPage {
        chrome: visitor.chrome(Section::Account),
        email: account.email.clone(),
        since: account
            .created_at
            .format("%e %B %Y")
            .to_string()
            .trim()
            .to_owned(),
        role: account.role.label(),
        picked: verified
            .as_ref()
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        verified,
        companies,
        endorsements,
        address: String::new(),
        sent: None,
        notice: None,
        error: None,
    })
}

/// `GET /account`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    let Some(account) = visitor.account() else {
        return Ok(Redirect::to("/login?next=/account").into_response());
    };
    let mut page = account_page(&state, &visitor, account).await?;
    page.notice = match query.get("done") {
        Some("verified") => Some(
            "You are now a verified employee. You can endorse your company's culture tags on its page.",
        ),
        Some("employer") => Some(
            "You are now a verified employee and an employer for your company. You can endorse \
             its culture tags on its page.",
        ),
        Some("welcome") => Some("Welcome. Your account is ready."),
        _ => None,
    };
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/jobs?tag=x")), "/jobs?tag=x");
        assert_eq!(safe_next(Some("//evil.example/")), "/account");
        assert_eq!(safe_next(Some("https://evil.example/")), "/account");
        assert_eq!(safe_next(Some("/\\evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }

    /// Regression: `next=/%09/evil.example` became `Location: /\t/evil.example`, which
    /// browsers follow to `//evil.example`; a control character gave a 500 after the session
    /// row was written.
    #[test]
    fn next_refuses_what_a_browser_could_read_as_another_site() {
        for hostile in [
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/\n/evil",
            "/a\u{0}b",
            "/ /evil",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/account", "{hostile:?}");
        }
        assert_eq!(
            safe_next(Some("/companies/lumenfold")),
            "/companies/lumenfold"
        );
    }
}
