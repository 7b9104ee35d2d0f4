//! Verifying as an employee by work email: the member picks a company and types an address at
//! its domain; we mail a single-use link there; opening it while signed in as the same account
//! verifies the account (and, if they said so, makes it an employer for the company).
//!
//! The link's token is 256 random bits. Only its SHA-256 is stored, with the account, the
//! company and the address it was sent to; it expires after a day and works once.

use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use dualtrack_board::{
    NewEmailVerification, Redemption, StoreError, VERIFICATION_HOURS, check_may_verify,
    normalize_email,
};

use super::account::{Sent, account_page, throttled, too_many};
use crate::auth;
use crate::cookies;
use crate::error::{AppError, for_people};
use crate::form::Form;
use crate::session::Visitor;
use crate::state::AppState;
use crate::throttle;
use crate::view::render;

/// The mail that carries the link. Plain sentences; the link on a line of its own.
fn message(company: &str, link: &str, hires: bool) -> String {
    let role = if hires {
        " and as someone who hires for it"
    } else {
        ""
    };
    format!(
        "Someone signed in to the dualtrack job board asked to be verified,\n\
         with this address, as an employee of {company}{role}.\n\n\
         If that was you, open this link while signed in to the same account:\n\n\
         {link}\n\n\
         The link works once, for {VERIFICATION_HOURS} hours. If it was not you, ignore\n\
         this message: nothing changes unless the link is opened.\n"
    )
}

/// 429 when this account has sent too many wrong codes lately.
fn refuse_if_throttled(state: &AppState, key: &str, now: Instant) -> Result<(), AppError> {
    match throttled(state.verify_codes(), key, now) {
        Some(wait) => Err(AppError::TooManyAttempts {
            message: too_many("verification attempts", wait),
            retry_after: throttle::retry_secs(wait),
        }),
        None => Ok(()),
    }
}

/// `POST /account/verify`: mail a verification link to a work address at the chosen company.
pub async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?.clone();
    let slug = form.get("company").unwrap_or_default().to_owned();
    let typed = form.get("address").unwrap_or_default().trim().to_owned();
    let hires = form.get("hires").is_some_and(|v| !v.is_empty());
    let key = account.id.to_string();
    let now = Instant::now();
    refuse_if_throttled(&state, &key, now)?;
    let company =
        state.store().company_by_slug(&slug).await?.ok_or_else(|| {
            AppError::NotFound(format!("There is no company `{slug}` on the board."))
        })?;
    let checked = normalize_email(&typed)
        .map_err(|err| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                for_people(&err.to_string()),
            )
        })
        .and_then(|address| match check_may_verify(&address, &company) {
            Ok(()) => Ok(address),
            Err(_) => Err((
                StatusCode::FORBIDDEN,
                format!(
                    "{address} is not an address at {}. Type your work address at {}: we mail \
                     the link there, and only someone who receives mail there can use it.",
                    company.name, company.domain,
                ),
            )),
        });
    let address = match checked {
        Ok(address) => address,
        Err((status, message)) => {
            let mut page = account_page(&state, &visitor, &account).await?;
            page.picked = slug;
            page.address = typed;
            page.error = Some(message);
            return Ok((status, render(&page)?).into_response());
        }
    };
    // Each link mailed counts against the throttle, so nobody can flood a mailbox.
    state.verify_codes().failure(&key, now);
    let token = cookies::random_token();
    let link = NewEmailVerification::new(
        auth::token_hash(&token),
        &account,
        &company,
        address.clone(),
        hires,
        Utc::now(),
    );
    state.store().create_email_verification(&link).await?;
    let url = format!("{}/account/verify/{token}", state.public_url());
    let subject = format!("Confirm that you work at {}", company.name);
    if let Err(err) = state
        .mailer()
        .send(&address, &subject, &message(&company.name, &url, hires))
        .await
    {
        tracing::warn!(error = %err, "could not send a verification mail");
        let mut page = account_page(&state, &visitor, &account).await?;
        page.picked = company.slug.clone();
        page.address = address;
        page.error = Some(
            "The verification mail could not be sent just now. Try again in a few minutes; \
             if it keeps failing, tell the people who run this site."
                .into(),
        );
        return Ok((StatusCode::SERVICE_UNAVAILABLE, render(&page)?).into_response());
    }
    let mut page = account_page(&state, &visitor, &account).await?;
    page.picked = company.slug.clone();
    page.sent = Some(Sent {
        address,
        company: company.name.clone(),
        outbox: state.mailer().outbox_dir().is_some(),
    });
    Ok(render(&page)?.into_response())
}

/// `GET /account/verify/{token}`: use a link from the mail.
pub async fn open(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let Some(account) = visitor.account().cloned() else {
        let back = format!("/account/verify/{token}");
        let next = super::account::safe_next(Some(&back));
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &next)
            .finish();
        return Ok(Redirect::to(&format!("/login?{query}")).into_response());
    };
    let key = account.id.to_string();
    let now = Instant::now();
    refuse_if_throttled(&state, &key, now)?;
    let outcome = if token.len() > 100 {
        Redemption::Unknown
    } else {
        match state
            .store()
            .redeem_email_verification(&auth::token_hash(&token), account.id, Utc::now())
            .await
        {
            Ok(outcome) => outcome,
            Err(StoreError::NotAllowed(message)) => {
                return Err(AppError::Forbidden(for_people(&message)));
            }
            Err(err) => return Err(err.into()),
        }
    };
    let (status, message) = match outcome {
        Redemption::Verified { account, .. } => {
            state.verify_codes().success(&key);
            let done = if account.role == dualtrack_board::Role::Employer {
                "employer"
            } else {
                "verified"
            };
            return Ok(Redirect::to(&format!("/account?done={done}")).into_response());
        }
        Redemption::Used => (
            StatusCode::GONE,
            "This verification link has already been used, and each link works only once. \
             If your account is not verified yet, ask for a new link below.",
        ),
        Redemption::Expired => (
            StatusCode::GONE,
            "This verification link has expired: links work for 24 hours. Ask for a new one \
             below.",
        ),
        Redemption::OtherAccount => (
            StatusCode::FORBIDDEN,
            "This verification link was asked for by another account, so it cannot verify \
             this one. Sign in to the account that asked for it, or ask for your own link \
             below with your work address.",
        ),
        Redemption::Unknown => (
            StatusCode::NOT_FOUND,
            "We do not know this verification link. Check that you copied the whole link \
             from the mail, or ask for a new one below.",
        ),
    };
    state.verify_codes().failure(&key, now);
    let mut page = account_page(&state, &visitor, &account).await?;
    page.error = Some(message.into());
    Ok((status, render(&page)?).into_response())
}
