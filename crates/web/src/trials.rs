//! What the trial pages and the trial API share: the engine's content, reading and saving a
//! signed-in person's own trials (another account's trial is simply not found), the forms'
//! values turned into engine values, the calendar upload reduced to weekly shares, and the
//! signed private links (feed, sponsor).
//!
//! Authorisation lives here once: every read and write names the owner, `account:ID`, and the
//! store matches on it, so another account, an administrator included, gets 404.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dualtrack_board::{Account, NewTrialRecord, StoreError, StoredTrial, TrialLink, TrialOwner};
use dualtrack_calendar::{AnalyzeOptions, analyze};
use dualtrack_trial::{
    Checkin, DEFAULT_ORG, ExitCriteria, Sponsor, Trial, TrialContent, TrialError, TrialKind,
    TrialSpec, WeekPoint, export_json, import_json,
};

use crate::cookies::Keys;
use crate::error::{AppError, for_people};
use crate::form::Pairs;
use crate::state::AppState;

/// The shipped trial content (check-in questions, plans, switch-back model), loaded once.
///
/// # Errors
/// [`AppError::Internal`] if the built-in content does not load (a build defect).
pub fn content() -> Result<&'static TrialContent, AppError> {
    static CONTENT: OnceLock<Result<TrialContent, String>> = OnceLock::new();
    CONTENT
        .get_or_init(|| TrialContent::embedded().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| AppError::internal(anyhow::anyhow!("built-in trial content: {e}")))
}

/// The owner key of an account's trials.
pub fn owner(account: &Account) -> TrialOwner {
    TrialOwner::Account(account.id)
}

/// The message for a trial that is not there (or not the visitor's: the same words, so nobody
/// learns whether someone else's exists).
pub fn not_found() -> AppError {
    AppError::NotFound(
        "There is no such trial among yours. It may have been deleted; your trials are listed on \
         the trial page."
            .into(),
    )
}

/// A stored trial read back through the engine's import, which checks every rule.
///
/// # Errors
/// [`AppError::Internal`] when the stored document no longer passes (a defect, logged).
pub fn import(stored: &StoredTrial) -> Result<Trial, AppError> {
    let origin = format!("stored trial {}", stored.id);
    import_json(&origin, &stored.document.to_string(), content()?)
        .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))
}

/// One of `owner`'s trials, or 404.
///
/// # Errors
/// [`AppError::NotFound`] for a trial that is not the owner's; store errors.
pub async fn load(
    state: &AppState,
    owner: &TrialOwner,
    id: &str,
) -> Result<(StoredTrial, Trial), AppError> {
    let stored = state
        .store()
        .trial(owner, id)
        .await?
        .ok_or_else(not_found)?;
    let trial = import(&stored)?;
    Ok((stored, trial))
}

fn record(owner: &TrialOwner, trial: &Trial) -> Result<NewTrialRecord, AppError> {
    Ok(NewTrialRecord {
        id: trial.id.clone(),
        owner: owner.clone(),
        kind: trial.spec.kind.id().to_owned(),
        start: trial.spec.start,
        months: trial.end_months(),
        document: serde_json::from_str(&export_json(trial)).map_err(AppError::internal)?,
        // When the row changed, by the real clock (a pinned "today" dates only the trial).
        now: chrono::Utc::now(),
    })
}

/// Write the trial's new state over the owner's stored one.
///
/// # Errors
/// [`AppError::NotFound`] when it is gone (deleted in another tab); store errors.
pub async fn save(state: &AppState, owner: &TrialOwner, trial: &Trial) -> Result<(), AppError> {
    match state.store().update_trial(&record(owner, trial)?).await {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound { .. }) => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}

/// Start and store a trial under a new random id.
///
/// # Errors
/// The engine's refusal of the spec; the store's (too many trials).
pub async fn create(
    state: &AppState,
    owner: &TrialOwner,
    mut trial: Trial,
) -> Result<Trial, AppError> {
    for _ in 0..3 {
        match state.store().create_trial(&record(owner, &trial)?).await {
            Ok(_) => return Ok(trial),
            // Another trial holds the id: draw another (the id is not part of the spec's rules).
            Err(StoreError::Conflict(_)) => trial.id = fresh_id(),
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::internal(anyhow::anyhow!(
        "no free trial id in three tries"
    )))
}

/// A date field written `YYYY-MM-DD`, or `default` when left blank.
///
/// # Errors
/// [`AppError::BadRequest`] naming the field in words.
pub fn date_field(
    pairs: &Pairs,
    name: &str,
    what: &str,
    default: NaiveDate,
) -> Result<NaiveDate, AppError> {
    parse_date(pairs, name, what, default).map_err(AppError::BadRequest)
}

/// [`date_field`], refused as the form's field `field`.
fn date_form_field(
    pairs: &Pairs,
    field: &'static str,
    what: &str,
    default: NaiveDate,
) -> Result<NaiveDate, FieldRefusal> {
    parse_date(pairs, field, what, default)
        .map_err(|words| FieldRefusal::bad_request(field, &words))
}

fn parse_date(
    pairs: &Pairs,
    name: &str,
    what: &str,
    default: NaiveDate,
) -> Result<NaiveDate, String> {
    match pairs.get(name) {
        None => Ok(default),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| format!("{what} must be a date written YYYY-MM-DD, such as 2026-01-05.")),
    }
}

/// A random trial id, `t-` and 16 URL-safe characters.
fn fresh_id() -> String {
    format!("t-{}", &crate::cookies::random_token()[..16]).replace('_', "-")
}

/// Criteria from a text area: one per line, blanks dropped.
fn lines(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A start the trial refuses: the field at fault (as the form names it) when there is one,
/// the sentence the form shows, and the error the API answers with.
#[derive(Debug)]
pub struct FieldRefusal {
    pub field: Option<&'static str>,
    pub words: String,
    pub error: AppError,
}

impl FieldRefusal {
    /// A failure of ours (the built-in content did not load), shown as such.
    fn internal(error: AppError) -> Self {
        Self {
            field: None,
            words: "Something went wrong on our side; try again later.".into(),
            error,
        }
    }

    fn bad_request(field: &'static str, words: &str) -> Self {
        Self {
            field: Some(field),
            words: words.to_owned(),
            error: AppError::BadRequest(words.to_owned()),
        }
    }
}

impl From<TrialError> for FieldRefusal {
    fn from(err: TrialError) -> Self {
        let words = match err.reason_and_fix() {
            Some((reason, fix)) => {
                // Two sentences: the reason ends in a full stop even after a bracket.
                let mut reason = for_people(reason.trim_end_matches('.'));
                if !reason.ends_with(['.', '!', '?']) {
                    reason.push('.');
                }
                format!("{reason} {}", for_people(fix))
            }
            None => for_people(&err.to_string()),
        };
        Self {
            field: err.field(),
            words,
            error: err.into(),
        }
    }
}

/// The start form (or the API's JSON turned into pairs): kind, start, months, criteria, an
/// optional sponsor.
///
/// # Errors
/// A [`FieldRefusal`] naming the field to fix (400, or 422 without exit criteria).
pub fn spec_from_pairs(pairs: &Pairs, today: NaiveDate) -> Result<TrialSpec, FieldRefusal> {
    let kind: TrialKind = pairs
        .get("kind")
        .unwrap_or("ic-to-manager")
        .parse()
        .map_err(|_| FieldRefusal::bad_request("kind", "Choose which move you are trying."))?;
    let start = date_form_field(pairs, "start", "The start date", today)?;
    let months = pairs
        .get("months")
        .unwrap_or("6")
        .parse::<u32>()
        .map_err(|_| {
            FieldRefusal::bad_request(
                "months",
                "The planned length is a number of months, 6 to 12.",
            )
        })?;
    let continue_if = lines(pairs.get("continue_if"));
    let return_if = lines(pairs.get("return_if"));
    if continue_if.is_empty() || return_if.is_empty() {
        let words = "Write at least one line under \"I will continue if\" and one under \"I will go \
                     back if\": the review checks them one by one.";
        return Err(FieldRefusal {
            field: Some(if continue_if.is_empty() {
                "continue_if"
            } else {
                "return_if"
            }),
            words: words.to_owned(),
            error: AppError::Unprocessable(words.to_owned()),
        });
    }
    let sponsor = match (pairs.get("sponsor_name"), pairs.get("sponsor_role")) {
        (Some(name), role) => Some(Sponsor {
            name: name.to_owned(),
            role: role.unwrap_or("sponsor").to_owned(),
            checkins: Vec::new(),
        }),
        _ => None,
    };
    let org_assumed = pairs.get("org").is_none();
    let org = pairs.get("org").unwrap_or(DEFAULT_ORG).to_owned();
    Ok(TrialSpec {
        kind,
        format: pairs.get("format").map(str::to_owned),
        start,
        months,
        org,
        org_assumed,
        side_practice: pairs.checked("side_practice"),
        months_in_management_before: 0,
        exit_criteria: ExitCriteria {
            continue_if,
            return_if,
        },
        sponsor,
        start_answers: None,
    })
}

/// The trial `spec` starts, under a fresh id, before anything is stored: the engine's rules
/// (length, format, organisation, criteria, sponsor, starting answers) with the field each is
/// about.
///
/// # Errors
/// The engine's refusal as a [`FieldRefusal`].
pub fn start(spec: TrialSpec, today: NaiveDate) -> Result<Trial, FieldRefusal> {
    let content = content().map_err(FieldRefusal::internal)?;
    Ok(Trial::start_on(&fresh_id(), spec, content, today)?)
}

/// A check-in from form pairs: one option per question (fields named after the questions),
/// an optional note, and the date it is for (default today).
///
/// # Errors
/// A date that does not parse; the engine's refusal comes when it is added.
pub fn checkin_from_pairs(pairs: &Pairs, today: NaiveDate) -> Result<Checkin, FieldRefusal> {
    let form = &content().map_err(FieldRefusal::internal)?.form;
    let answers: BTreeMap<String, String> = form
        .questions
        .iter()
        .filter_map(|q| pairs.get(&q.id).map(|o| (q.id.clone(), o.to_owned())))
        .collect();
    if answers.is_empty() {
        let words = "Answer at least one of the questions before saving the check-in.";
        return Err(FieldRefusal {
            field: None,
            words: words.into(),
            error: AppError::Unprocessable(words.into()),
        });
    }
    Ok(Checkin {
        date: date_form_field(pairs, "date", "The check-in date", today)?,
        answers,
        note: pairs.get("note").map(str::to_owned),
    })
}

/// What a calendar upload kept.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CalendarKept {
    /// Weeks whose shares were kept.
    pub kept: usize,
    /// Weeks in the analysed window.
    pub offered: usize,
    /// ISO weeks left out because they had no busy time at all.
    pub left_out: Vec<String>,
    /// Calendar weeks the trial now holds.
    pub total: usize,
}

/// Analyse uploaded calendar files in memory (under the analysis cap) and keep only their
/// weekly shares in `trial`. The files and the analysis are dropped before this returns.
///
/// # Errors
/// The calendar engine's refusal; a window too thin to read ([`AppError::Unprocessable`]).
pub async fn add_calendar(
    state: &AppState,
    trial: &mut Trial,
    files: &[(String, Vec<u8>)],
    options: &AnalyzeOptions,
) -> Result<CalendarKept, AppError> {
    let inputs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let analysis = state
        .analyses()
        .run_here(|| analyze(&inputs, options, state.framework()))
        .await??;
    if !analysis.evidence.enough {
        return Err(AppError::Unprocessable(format!(
            "Nothing was kept: {}. Choose dates that cover busy working weeks.",
            analysis.evidence.reason.trim_end_matches('.')
        )));
    }
    let points = WeekPoint::from_analysis(&analysis);
    drop(analysis);
    let offered = points.len();
    // A week with no busy time in a busy export is a week the export does not cover.
    let (points, empty): (Vec<WeekPoint>, Vec<WeekPoint>) =
        points.into_iter().partition(|p| p.busy_hours > 0.0);
    let kept = trial.add_calendar(points)?;
    Ok(CalendarKept {
        kept,
        offered,
        left_out: empty.into_iter().map(|p| p.week).collect(),
        total: trial.calendar.len(),
    })
}

/// The signature purpose of each kind of link, so a feed address never opens the sponsor page.
fn purpose(link: TrialLink) -> &'static str {
    match link {
        TrialLink::Feed => "trial-feed",
        TrialLink::Sponsor => "trial-sponsor",
    }
}

/// Length of a nonce from [`crate::cookies::random_token`] (32 bytes, base64url).
const NONCE_LEN: usize = 43;

/// The secret part of a link's address: the stored nonce followed by the server's signature of
/// it. The database keeps only the nonce, so a copy of it cannot open anyone's links.
pub fn link_secret(keys: &Keys, link: TrialLink, nonce: &str) -> String {
    format!("{nonce}{}", keys.sign(purpose(link), nonce.as_bytes()))
}

/// The nonce inside a link's secret, when its signature checks out.
pub fn link_nonce(keys: &Keys, link: TrialLink, secret: &str) -> Option<String> {
    if secret.len() <= NONCE_LEN || !secret.is_ascii() {
        return None;
    }
    let (nonce, signature) = secret.split_at(NONCE_LEN);
    keys.verify(purpose(link), nonce.as_bytes(), signature)
        .then(|| nonce.to_owned())
}

/// Make (or replace) the owner's link of kind `link`; returns its secret.
///
/// # Errors
/// [`AppError::NotFound`] for a trial that is not the owner's.
pub async fn new_link(
    state: &AppState,
    owner: &TrialOwner,
    id: &str,
    link: TrialLink,
) -> Result<String, AppError> {
    let nonce = crate::cookies::random_token();
    if !state
        .store()
        .set_trial_link(owner, id, link, &nonce, chrono::Utc::now())
        .await?
    {
        return Err(not_found());
    }
    Ok(link_secret(state.keys(), link, &nonce))
}

/// The owner's current link secret of kind `link`, if one was made.
///
/// # Errors
/// Store errors.
pub async fn current_link(
    state: &AppState,
    owner: &TrialOwner,
    id: &str,
    link: TrialLink,
) -> Result<Option<String>, AppError> {
    Ok(state
        .store()
        .trial_link(owner, id, link)
        .await?
        .map(|nonce| link_secret(state.keys(), link, &nonce)))
}

/// The trial a private link opens, or 404 (a bad signature, a revoked or replaced link).
///
/// # Errors
/// [`AppError::NotFound`]; store errors.
pub async fn open_link(
    state: &AppState,
    link: TrialLink,
    secret: &str,
) -> Result<(StoredTrial, Trial), AppError> {
    let gone = || {
        AppError::NotFound(
            "This private link does not work: it was mistyped, or it was replaced or turned off \
             by the person who shared it. Ask them for the current one."
                .into(),
        )
    };
    let nonce = link_nonce(state.keys(), link, secret).ok_or_else(gone)?;
    let stored = state
        .store()
        .trial_by_link(link, &nonce)
        .await?
        .ok_or_else(gone)?;
    let trial = import(&stored)?;
    Ok((stored, trial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_secrets_verify_only_for_their_kind_and_key() {
        let keys = Keys::new(b"0123456789abcdef0123");
        let state = &keys;
        let nonce = crate::cookies::random_token();
        let secret = link_secret(state, TrialLink::Feed, &nonce);
        assert_eq!(
            link_nonce(state, TrialLink::Feed, &secret),
            Some(nonce.clone())
        );
        assert_eq!(link_nonce(state, TrialLink::Sponsor, &secret), None);
        assert_eq!(link_nonce(state, TrialLink::Feed, &nonce), None);
        let mut forged = secret.clone();
        forged.pop();
        forged.push(if secret.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(link_nonce(state, TrialLink::Feed, &forged), None);
        assert_eq!(link_nonce(state, TrialLink::Feed, "é"), None);
    }

    /// Regression: a reason ending in a bracket ran into the fix ("…07-05) Date it …").
    #[test]
    fn an_engine_refusal_reads_as_two_sentences() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let spec =
            spec_from_pairs(&Pairs::parse(b"months=3&continue_if=a&return_if=b"), today).unwrap();
        let refusal = start(spec, today).unwrap_err();
        assert_eq!(refusal.field, Some("months"));
        assert!(
            refusal.words.contains("?\"). Plan between"),
            "{}",
            refusal.words
        );
    }

    #[test]
    fn the_start_form_needs_both_kinds_of_criteria() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let pairs = Pairs::parse(
            b"kind=ic-to-manager&months=6&continue_if=One%0D%0A%0D%0ATwo&return_if=Back",
        );
        let spec = spec_from_pairs(&pairs, today).unwrap();
        assert_eq!(spec.start, today);
        assert_eq!(spec.exit_criteria.continue_if, ["One", "Two"]);
        let err = spec_from_pairs(&Pairs::parse(b"continue_if=One"), today).unwrap_err();
        assert!(err.words.contains("go back if"), "{err:?}");
        assert_eq!(err.field, Some("return_if"));
        let err = spec_from_pairs(
            &Pairs::parse(b"start=05/01/2026&continue_if=a&return_if=b"),
            today,
        )
        .unwrap_err();
        assert!(err.words.contains("YYYY-MM-DD"), "{err:?}");
        assert_eq!(err.field, Some("start"));
    }
}
