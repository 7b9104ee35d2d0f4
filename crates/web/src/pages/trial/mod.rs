//! The trial pages under `/trial`: a signed-in person starts a bounded trial of the other track,
//! checks in weekly, adds calendar weeks (only the weekly shares are kept), follows the trend,
//! reads each review, shares a private feed of the dates and a sponsor's page, exports
//! everything and deletes it. Only the owner ever reaches a trial: every handler reads it
//! through [`crate::trials::load`] with the visitor's own account as the owner, so another
//! account, an administrator included, gets 404.

mod review;
mod sponsor;
mod start;
mod views;

use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use dualtrack_board::{TrialLink, TrialOwner};
use dualtrack_trial::{FormQuestion, Trial, export_json, render_ics};

use crate::error::AppError;
use crate::form::{Form, Query};
use crate::limits::{self, CALENDAR_FILES};
use crate::pages::calendar::analyze_options;
use crate::session::Visitor;
use crate::state::AppState;
use crate::trials::{self, CalendarKept, FieldRefusal};
use crate::upload;
use crate::view::{Chrome, Section, SourceMarker, render};

use crate::view::marker_of;
pub use review::{build as review_of, mark, markdown as review_markdown, page as review_page};
pub use sponsor::{link as sponsor_link, page as sponsor_page, submit as sponsor_submit};
pub use start::{list, start};

/// The visitor's own trial `id` with its owner key: 401 without an account, 404 when it is
/// not theirs.
pub(super) async fn mine(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
) -> Result<(TrialOwner, Trial), AppError> {
    let owner = trials::owner(visitor.require_account()?);
    let (_, trial) = trials::load(state, &owner, id).await?;
    Ok((owner, trial))
}

/// The full address of a trial's private link.
pub fn link_url(state: &AppState, link: TrialLink, secret: &str) -> String {
    match link {
        TrialLink::Feed => format!("{}/trial/feed/{secret}.ics", state.public_url()),
        TrialLink::Sponsor => format!("{}/trial/sponsor/{secret}", state.public_url()),
    }
}

/// Turn off a private link of the owner's trial `id` (404 when it is not theirs).
///
/// # Errors
/// 404 for a trial that is not the owner's; store errors.
pub async fn revoke_link(
    state: &AppState,
    owner: &TrialOwner,
    id: &str,
    link: TrialLink,
) -> Result<(), AppError> {
    trials::load(state, owner, id).await?;
    state.store().delete_trial_link(owner, id, link).await?;
    Ok(())
}

/// Read the `.ics` files of the multipart field `calendar` in memory, keep only their weekly
/// shares in `trial` and save it. `none_sent` is the refusal when no file came.
///
/// # Errors
/// 400 without a file or with a bad option, 413 over the limit, the calendar engine's refusal.
pub async fn add_uploaded_calendar(
    state: &AppState,
    owner: &TrialOwner,
    trial: &mut Trial,
    request: Request,
    none_sent: &str,
) -> Result<CalendarKept, AppError> {
    let upload::Upload { fields, files } =
        upload::read(request, CALENDAR_FILES, limits::calendar_too_large).await?;
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter(|f| f.field == "calendar")
        .map(|f| (crate::pages::audit::display_name(&f.name), f.bytes))
        .collect();
    if files.is_empty() {
        return Err(AppError::BadRequest(none_sent.to_owned()));
    }
    let options = analyze_options(&fields, state.today())?;
    let kept = trials::add_calendar(state, trial, &files, &options).await?;
    drop(files);
    trials::save(state, owner, trial).await?;
    Ok(kept)
}

/// One question of the check-in form.
struct QuestionView {
    id: String,
    prompt: String,
    help: Option<String>,
    options: Vec<OptionView>,
}

struct OptionView {
    id: String,
    input_id: String,
    label: String,
    marker: SourceMarker,
    /// Chosen in a refused form that is shown again.
    checked: bool,
}

fn question_views(
    questions: &[FormQuestion],
    prefix: &str,
    sent: Option<&crate::form::Pairs>,
) -> Vec<QuestionView> {
    questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            options: q
                .options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    input_id: format!("{prefix}{}-{}", q.id, o.id),
                    label: o.label.clone(),
                    marker: marker_of(&o.provenance),
                    checked: sent.and_then(|p| p.get(&q.id)) == Some(o.id.as_str()),
                })
                .collect(),
        })
        .collect()
}

struct WeekRow {
    monday: NaiveDate,
    meetings: String,
    async_: String,
    focus: String,
    before: bool,
}

#[derive(Template)]
#[template(path = "trial.html")]
struct TrialPage {
    chrome: Chrome,
    trial: Trial,
    kind: &'static str,
    end: NaiveDate,
    next_checkin: Option<NaiveDate>,
    gates: Vec<(NaiveDate, String, String)>,
    questions: Vec<QuestionView>,
    recent: Vec<(NaiveDate, usize)>,
    svg: String,
    weeks: Vec<WeekRow>,
    typical: Vec<(String, String, String, String)>,
    typical_marker: Option<SourceMarker>,
    max_bytes: usize,
    feed_url: Option<String>,
    sponsor_url: Option<String>,
    reminders_on: bool,
    notice: Option<String>,
    /// The check-in form's date and note: today and blank, or what a refused form sent.
    checkin_date: String,
    checkin_note: String,
    /// Why the check-in just sent was not saved.
    refusal: Option<FieldRefusal>,
}

impl TrialPage {
    /// Whether the refusal is about the check-in's date.
    fn date_refused(&self) -> bool {
        self.refusal
            .as_ref()
            .is_some_and(|r| r.field == Some("date"))
    }
}

fn notice(done: Option<&str>, query: &crate::form::Pairs) -> Option<String> {
    match done? {
        "started" => {
            Some("Your trial has started. Check in once a week; it takes a minute.".into())
        }
        "checkin" => Some(format!(
            "Saved the check-in for {}.",
            query.get("date").unwrap_or("that day")
        )),
        "calendar" => Some(format!(
            "Kept the meeting, async and focus shares of {}; the calendar file itself was not \
             stored.{}",
            match query.get("kept").unwrap_or("0") {
                "1" => "1 week".to_owned(),
                n => format!("{n} weeks"),
            },
            match query.get("left_out") {
                Some(weeks) => format!(
                    " Left out weeks without any busy time ({weeks}): the export does not cover \
                     them, or you were away."
                ),
                None => String::new(),
            }
        )),
        "extended" => {
            Some("Extended the trial once; the new end date and its review are below.".into())
        }
        "reminders-on" => Some("You will get a weekly reminder by email again.".into()),
        "reminders-off" => Some("No more reminder emails for this trial.".into()),
        "feed" => Some("Made a new private calendar address; the old one no longer works.".into()),
        "feed-off" => Some("Turned the private calendar address off.".into()),
        "sponsor" => {
            Some("Made a new private link for your sponsor; an older one no longer works.".into())
        }
        "sponsor-off" => Some("Turned your sponsor's link off.".into()),
        _ => None,
    }
}

/// `GET /trial/{id}`: the trial at a glance, with this week's check-in and the calendar form.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let (owner, trial) = mine(&state, &visitor, &id).await?;
    let notice = notice(query.get("done"), &query);
    page(&state, &visitor, &owner, trial, notice, None).await
}

/// The trial page; `sent` is a refused check-in, shown again with its answers and the reason.
async fn page(
    state: &AppState,
    visitor: &Visitor,
    owner: &TrialOwner,
    trial: Trial,
    notice: Option<String>,
    sent: Option<(&crate::form::Pairs, FieldRefusal)>,
) -> Result<Response, AppError> {
    let id = trial.id.clone();
    let (sent, refusal) = match sent {
        Some((pairs, refusal)) => (Some(pairs), Some(refusal)),
        None => (None, None),
    };
    let content = trials::content()?;
    let today = state.today();
    let schedule = trial.schedule(content);
    let typical: Vec<(String, f64, f64, f64)> = state
        .framework()
        .track_profiles()
        .iter()
        .map(|p| {
            let [m, a, f] = p.fractions();
            let label = if p.track.as_str() == "ic" {
                "IC typical"
            } else {
                "Manager typical"
            };
            (label.to_owned(), m, a, f)
        })
        .collect();
    let feed_url = trials::current_link(state, owner, &id, TrialLink::Feed)
        .await?
        .map(|s| link_url(state, TrialLink::Feed, &s));
    let sponsor_url = trials::current_link(state, owner, &id, TrialLink::Sponsor)
        .await?
        .map(|s| link_url(state, TrialLink::Sponsor, &s));
    let sent_field = |name: &str| sent.and_then(|p| p.get(name)).map(str::to_owned);
    let page = TrialPage {
        chrome: visitor.chrome(Section::Trial),
        kind: trial.spec.kind.label(),
        end: trial.end_date(),
        next_checkin: schedule.checkins.iter().find(|d| **d >= today).copied(),
        gates: schedule
            .gates
            .iter()
            .map(|g| (g.date, g.title.clone(), g.id.clone()))
            .collect(),
        questions: question_views(&content.form.questions, "q-", sent),
        recent: trial
            .checkins
            .iter()
            .rev()
            .take(5)
            .map(|c| (c.date, c.answers.len()))
            .collect(),
        svg: views::trend_svg(&trial.calendar, &typical),
        weeks: trial
            .calendar
            .iter()
            .map(|p| WeekRow {
                monday: p.monday,
                meetings: views::percent(p.meetings),
                async_: views::percent(p.async_),
                focus: views::percent(p.focus),
                before: p.monday < trial.spec.start,
            })
            .collect(),
        typical: typical
            .iter()
            .map(|(l, m, a, f)| {
                (
                    l.clone(),
                    views::percent(*m),
                    views::percent(*a),
                    views::percent(*f),
                )
            })
            .collect(),
        typical_marker: crate::pages::calendar::typical_marker(state.framework()),
        max_bytes: CALENDAR_FILES,
        feed_url,
        sponsor_url,
        reminders_on: state.store().trial_reminders_on(owner, &id).await?,
        notice,
        checkin_date: sent_field("date").unwrap_or_else(|| today.to_string()),
        checkin_note: sent_field("note").unwrap_or_default(),
        refusal,
        trial,
    };
    let status = if page.refusal.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)?).into_response())
}

/// `POST /trial/{id}/checkins`: the week's answers, for the date given (today by default).
pub async fn checkin(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let (owner, mut trial) = mine(&state, &visitor, &id).await?;
    let content = trials::content()?;
    let today = state.today();
    let added = trials::checkin_from_pairs(&pairs, today).and_then(|checkin| {
        let date = checkin.date;
        trial
            .add_checkin_on(checkin, content, today)
            .map(|()| date)
            .map_err(FieldRefusal::from)
    });
    let date = match added {
        Ok(date) => date,
        Err(refusal) => {
            // A refused check-in leaves the trial as it was.
            return page(
                &state,
                &visitor,
                &owner,
                trial,
                None,
                Some((&pairs, refusal)),
            )
            .await;
        }
    };
    trials::save(&state, &owner, &trial).await?;
    Ok(Redirect::to(&format!("/trial/{id}?done=checkin&date={date}#checkin")).into_response())
}

/// Whether a multipart post to `path` is a trial's calendar upload (the CSRF guard lets
/// multipart through only on upload routes).
pub fn is_upload_path(path: &str) -> bool {
    path.strip_prefix("/trial/")
        .and_then(|rest| rest.strip_suffix("/calendar"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// `POST /trial/{id}/calendar`: analyse the uploaded export in memory and keep only its weekly
/// shares. The file is never written anywhere.
pub async fn calendar(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let (owner, mut trial) = mine(&state, &visitor, &id).await?;
    let kept = add_uploaded_calendar(
        &state,
        &owner,
        &mut trial,
        request,
        "Choose a calendar export (.ics file) to add.",
    )
    .await?;
    let mut to = format!("/trial/{id}?done=calendar&kept={}", kept.kept);
    if !kept.left_out.is_empty() {
        to.push_str(&format!("&left_out={}", kept.left_out.join(",")));
    }
    to.push_str("#trend");
    Ok(Redirect::to(&to).into_response())
}

/// `POST /trial/{id}/extend`: extend the trial once, to the longest length the plan supports.
pub async fn extend(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(_): Form,
) -> Result<Response, AppError> {
    let (owner, mut trial) = mine(&state, &visitor, &id).await?;
    trial.extend_once(trials::content()?)?;
    trials::save(&state, &owner, &trial).await?;
    Ok(Redirect::to(&format!("/trial/{id}?done=extended")).into_response())
}

/// `GET /trial/{id}/export`: everything the trial holds, as one JSON file.
pub async fn export(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, trial) = mine(&state, &visitor, &id).await?;
    Ok(download(
        export_json(&trial),
        "application/json",
        &format!("{}.json", trial.id),
    ))
}

/// A response of type `media` that is never cached.
fn uncached(body: String, media: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A file download that is never cached.
pub fn download(body: String, media: &'static str, name: &str) -> Response {
    let mut response = uncached(body, media);
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `POST /trial/{id}/delete`: delete the trial and everything it holds (the form asks to tick
/// a confirmation first).
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    if !pairs.checked("confirm") {
        return Err(AppError::BadRequest(
            "Tick the box that confirms the deletion, then press Delete again.".into(),
        ));
    }
    if !state
        .store()
        .delete_trial(&trials::owner(account), &id)
        .await?
    {
        return Err(trials::not_found());
    }
    Ok(Redirect::to("/trial?done=deleted").into_response())
}

/// `POST /trial/{id}/feed`: make a new private calendar address (`action=new`, replacing the
/// old one) or turn it off (`action=off`).
pub async fn feed_link(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    let owner = trials::owner(account);
    if pairs.get("action") == Some("off") {
        revoke_link(&state, &owner, &id, TrialLink::Feed).await?;
        return Ok(Redirect::to(&format!("/trial/{id}?done=feed-off#feed")).into_response());
    }
    trials::new_link(&state, &owner, &id, TrialLink::Feed).await?;
    Ok(Redirect::to(&format!("/trial/{id}?done=feed#feed")).into_response())
}

/// `POST /trial/{id}/reminders`: turn the weekly reminder mail on (`action=on`) or off.
pub async fn reminders(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(pairs): Form,
) -> Result<Response, AppError> {
    let account = visitor.require_account()?;
    let on = pairs.get("action") == Some("on");
    if !state
        .store()
        .set_trial_reminders(&trials::owner(account), &id, on)
        .await?
    {
        return Err(trials::not_found());
    }
    let done = if on { "reminders-on" } else { "reminders-off" };
    Ok(Redirect::to(&format!("/trial/{id}?done={done}#reminders")).into_response())
}

/// `GET /trial/feed/{secret}.ics`: the check-in and review dates as an iCalendar feed, for a
/// calendar app to subscribe to. The unguessable address is the only key.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    let (_, trial) = trials::open_link(&state, TrialLink::Feed, secret).await?;
    let ics = render_ics(&trial, trials::content()?, state.now());
    let mut response = uncached(ics, "text/calendar; charset=utf-8");
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trials_calendar_route_takes_uploads() {
        assert!(is_upload_path("/trial/t-abc/calendar"));
        for path in [
            "/trial/calendar",
            "/trial//calendar",
            "/trial/a/b/calendar",
            "/trial/t-abc/checkins",
            "/calendar",
        ] {
            assert!(!is_upload_path(path), "{path}");
        }
    }
}
