//! `/admin`: moderation for administrators. Ban or lift the ban on an account, remove an
//! endorsement, and read the audit log, newest first. Every act needs a reason and is logged.
//! (Hiding listings lives with the listings.)

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use dualtrack_board::{Account, Company, CultureTag, MAX_AUDIT_REASON_LEN, NewAuditEntry, Role};

use crate::error::AppError;
use crate::form::{Form, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// Audit entries the page shows.
const LOG_ROWS: u32 = 200;

pub struct LogRow {
    pub at: String,
    pub actor: String,
    pub act: String,
    pub target: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    companies: Vec<Company>,
    tags: Vec<CultureTag>,
    log: Vec<LogRow>,
    notice: Option<&'static str>,
    error: Option<String>,
}

/// The signed-in administrator, or why not: anonymous visitors are sent to log in (by the
/// caller), everyone else gets 403.
fn require_admin(visitor: &Visitor) -> Result<&Account, AppError> {
    let account = visitor.require_account()?;
    if account.role == Role::Admin {
        Ok(account)
    } else {
        Err(AppError::Forbidden(
            "This page is for the board's administrators only.".into(),
        ))
    }
}

/// What an audit action says on the page.
fn act_words(action: &str) -> String {
    match action {
        "grant_admin" => "made an administrator".into(),
        "ban_account" => "banned".into(),
        "unban_account" => "lifted the ban on".into(),
        "remove_endorsement" => "removed an endorsement by".into(),
        "hide_listing" => "hid".into(),
        "unhide_listing" => "showed again".into(),
        "upload_ladder" => "uploaded the ladder of".into(),
        other => other.replace('_', " "),
    }
}

/// `account 7...` becomes the account's address; anything else is shown as written.
async fn target_words(state: &AppState, target: &str) -> String {
    let Some(rest) = target.strip_prefix("account ") else {
        return target.to_owned();
    };
    let (id, tail) = rest.split_once(':').unwrap_or((rest, ""));
    let Ok(id) = id.trim().parse::<i64>() else {
        return target.to_owned();
    };
    match state.store().account(id).await {
        Ok(Some(account)) if tail.is_empty() => account.email,
        Ok(Some(account)) => format!("{}:{tail}", account.email),
        _ => target.to_owned(),
    }
}

async fn admin_page(state: &AppState, visitor: &Visitor) -> Result<AdminPage, AppError> {
    let entries = state.store().audit_log(LOG_ROWS).await?;
    let mut log = Vec::with_capacity(entries.len());
    for entry in entries {
        let actor = match entry.actor {
            None => "the command line".to_owned(),
            Some(id) => state
                .store()
                .account(id)
                .await?
                .map_or_else(|| "a deleted account".to_owned(), |a| a.email),
        };
        log.push(LogRow {
            at: entry
                .at
                .format("%e %b %Y %H:%M UTC")
                .to_string()
                .trim()
                .to_owned(),
            actor,
            act: act_words(&entry.action),
            target: target_words(state, &entry.target).await,
            reason: entry.reason,
        });
    }
    Ok(AdminPage {
        chrome: visitor.chrome(Section::None),
        companies: state.store().companies().await?,
        tags: state.store().tags().await?,
        log,
        notice: None,
        error: None,
    })
}

/// `GET /admin`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    if visitor.account().is_none() {
        return Ok(Redirect::to("/login?next=/admin").into_response());
    }
    require_admin(&visitor)?;
    let mut page = admin_page(&state, &visitor).await?;
    page.notice = match query.get("done") {
        Some("banned") => Some("The account is banned and signed out everywhere."),
        Some("unbanned") => Some("The ban is lifted; the account can sign in again."),
        Some("removed") => Some("The endorsement is removed."),
        _ => None,
    };
    Ok(render(&page)?.into_response())
}

/// The form again with an error, for a refused act.
async fn refuse(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    message: String,
) -> Result<Response, AppError> {
    let mut page = admin_page(state, visitor).await?;
    page.error = Some(message);
    Ok((status, render(&page)?).into_response())
}

/// The reason typed in the form, or why it is refused.
fn reason(form: &crate::form::Pairs) -> Result<String, String> {
    let reason = form.get("reason").unwrap_or_default().trim().to_owned();
    if reason.is_empty() {
        return Err("Give a reason: it goes into the audit log with the act.".into());
    }
    if reason.chars().count() > MAX_AUDIT_REASON_LEN {
        return Err(format!(
            "Shorten the reason to at most {MAX_AUDIT_REASON_LEN} characters."
        ));
    }
    Ok(reason)
}

async fn log(
    state: &AppState,
    actor: &Account,
    action: &str,
    target: String,
    reason: String,
) -> Result<(), AppError> {
    state
        .store()
        .record_audit(&NewAuditEntry {
            at: Utc::now(),
            actor: Some(actor.id),
            action: action.into(),
            target,
            reason,
        })
        .await?;
    Ok(())
}

/// `POST /admin/ban` and `POST /admin/unban` (`ban` says which).
async fn set_ban(
    state: AppState,
    visitor: Visitor,
    form: crate::form::Pairs,
    ban: bool,
) -> Result<Response, AppError> {
    let admin = require_admin(&visitor)?.clone();
    let reason = match reason(&form) {
        Ok(reason) => reason,
        Err(message) => {
            return refuse(&state, &visitor, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let email = form.get("email").unwrap_or_default().trim().to_owned();
    let Some(account) = state.store().account_by_email(&email).await? else {
        let message = format!("There is no account with the address {email}.");
        return refuse(&state, &visitor, StatusCode::NOT_FOUND, message).await;
    };
    if account.id == admin.id {
        let message = "You cannot ban your own account.".to_owned();
        return refuse(&state, &visitor, StatusCode::UNPROCESSABLE_ENTITY, message).await;
    }
    let at = ban.then(Utc::now);
    state.store().set_account_banned(account.id, at).await?;
    let action = if ban { "ban_account" } else { "unban_account" };
    log(
        &state,
        &admin,
        action,
        format!("account {}", account.id),
        reason,
    )
    .await?;
    let done = if ban { "banned" } else { "unbanned" };
    Ok(Redirect::to(&format!("/admin?done={done}")).into_response())
}

/// `POST /admin/ban`.
pub async fn ban(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    set_ban(state, visitor, form, true).await
}

/// `POST /admin/unban`.
pub async fn unban(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    set_ban(state, visitor, form, false).await
}

/// `POST /admin/endorsements/remove`: remove one person's endorsement of a tag at a company.
pub async fn remove_endorsement(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form,
) -> Result<Response, AppError> {
    let admin = require_admin(&visitor)?.clone();
    let reason = match reason(&form) {
        Ok(reason) => reason,
        Err(message) => {
            return refuse(&state, &visitor, StatusCode::UNPROCESSABLE_ENTITY, message).await;
        }
    };
    let email = form.get("email").unwrap_or_default().trim().to_owned();
    let slug = form.get("company").unwrap_or_default();
    let tag = form.get("tag").unwrap_or_default();
    let Some(account) = state.store().account_by_email(&email).await? else {
        let message = format!("There is no account with the address {email}.");
        return refuse(&state, &visitor, StatusCode::NOT_FOUND, message).await;
    };
    let Some(company) = state.store().company_by_slug(slug).await? else {
        let message = "Pick a company from the list.".to_owned();
        return refuse(&state, &visitor, StatusCode::NOT_FOUND, message).await;
    };
    if !state
        .store()
        .withdraw_endorsement(account.id, company.id, tag)
        .await?
    {
        let message = format!(
            "{email} has not endorsed that tag at {}, so there was nothing to remove.",
            company.name
        );
        return refuse(&state, &visitor, StatusCode::NOT_FOUND, message).await;
    }
    let target = format!("account {}: {tag} at {}", account.id, company.name);
    log(&state, &admin, "remove_endorsement", target, reason).await?;
    Ok(Redirect::to("/admin?done=removed").into_response())
}

#[cfg(test)]
mod tests {
    use super::act_words;

    #[test]
    fn actions_read_as_words() {
        assert_eq!(act_words("ban_account"), "banned");
        assert_eq!(act_words("something_new"), "something new");
    }
}
