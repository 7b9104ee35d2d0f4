//! The job board: search with filters carried in the address (so every result page can be
//! bookmarked and shared), and a page per listing with schema.org JSON-LD. Company pages are
//! in `company.rs`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use dualtrack_board::{
    CultureTag, Listing, ListingPage, ListingQuery, TagStatus, Track, rung_title, salary_text,
};
use dualtrack_framework::Framework;

use crate::error::{AppError, for_people};
use crate::form::{Pairs, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// Build a listing search from query pairs (`tag` may repeat or hold a comma list);
/// `confirmation_max_age_days` is the server's setting for how long a culture-tag
/// confirmation counts.
pub fn listing_query(
    pairs: &Pairs,
    confirmation_max_age_days: u32,
) -> Result<ListingQuery, AppError> {
    let flag = |name: &str| -> Result<Option<bool>, AppError> {
        match pairs.get(name) {
            None => Ok(None),
            Some("true" | "1" | "yes" | "on") => Ok(Some(true)),
            Some("false" | "0" | "no" | "off") => Ok(Some(false)),
            Some(other) => Err(AppError::BadRequest(format!(
                "`{name}` must be true or false, not `{other}`"
            ))),
        }
    };
    let track = match pairs.get("track") {
        None | Some("any") => None,
        Some("ic") => Some(Track::Ic),
        Some("management") => Some(Track::Management),
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "`track` must be ic or management, not `{other}`"
            )));
        }
    };
    let limit = match pairs.get("limit") {
        None => dualtrack_board::DEFAULT_LIMIT,
        Some(text) => text.parse().map_err(|_| {
            AppError::BadRequest(format!(
                "`limit` must be a whole number from 1 to {}",
                dualtrack_board::MAX_LIMIT
            ))
        })?,
    };
    Ok(ListingQuery {
        q: pairs.get("q").map(str::to_owned),
        tag: pairs.all("tag").into_iter().map(str::to_owned).collect(),
        track,
        ic_past_staff: flag("ic_past_staff")?,
        remote: flag("remote")?,
        cursor: pairs.get("cursor").map(str::to_owned),
        limit,
        prefer: pairs
            .all("prefer")
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        confirmation_max_age_days,
    })
}

struct TagFilter {
    id: String,
    label: String,
    count: u64,
    checked: bool,
    /// The preference level chosen for this tag (`""` for none).
    level: &'static str,
}

pub(super) struct ListingCard {
    pub(super) id: i64,
    pub(super) title: String,
    pub(super) track: &'static str,
    pub(super) rung: String,
    pub(super) company: String,
    pub(super) company_slug: String,
    pub(super) ic_past_staff: bool,
    pub(super) location: String,
    pub(super) workplace: &'static str,
    pub(super) salary: Option<String>,
    pub(super) posted: String,
    pub(super) tags: Vec<TagStatus>,
    /// "Matches 3 of your 4 important tags ...", when the search has preferences.
    pub(super) fit: Option<String>,
}

#[derive(Template)]
#[template(path = "jobs.html")]
struct JobsPage {
    chrome: Chrome,
    q: String,
    track: String,
    ic_past_staff: bool,
    remote: bool,
    tags: Vec<TagFilter>,
    page: ListingPage,
    cards: Vec<ListingCard>,
    next_url: Option<String>,
    first_url: Option<String>,
    error: Option<String>,
    /// The preference levels, for each tag's control.
    levels: Vec<(&'static str, &'static str)>,
    /// Signed in: preferences may be saved; `saved_url` applies the saved ones.
    logged_in: bool,
    saved_url: Option<String>,
    has_prefs: bool,
    /// An employer: links to post a listing and manage API tokens.
    employer: bool,
}

impl JobsPage {
    /// How many filters inside the collapsed box are set, for its summary line.
    fn active_filters(&self) -> usize {
        usize::from(self.track != "any")
            + usize::from(self.ic_past_staff)
            + usize::from(self.remote)
            + self
                .tags
                .iter()
                .filter(|t| t.checked || !t.level.is_empty())
                .count()
    }
}

/// The current filters as a query string, without the cursor, plus `extra`.
fn filter_url(pairs: &Pairs, extra: Option<(&str, &str)>) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in &pairs.0 {
        if k != "cursor" && !v.trim().is_empty() {
            query.append_pair(k, v);
        }
    }
    if let Some((k, v)) = extra {
        query.append_pair(k, v);
    }
    let query = query.finish();
    if query.is_empty() {
        "/jobs".to_owned()
    } else {
        format!("/jobs?{query}")
    }
}

/// `GET /jobs?q=&tag=&track=&ic_past_staff=&remote=&cursor=`.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(pairs): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let vocabulary: Vec<CultureTag> = state.store().tags().await?;
    let query = listing_query(&pairs, state.confirmation_max_age_days())?;
    let prefs = dualtrack_board::parse_preferences(&query.prefer).unwrap_or_default();
    let (page, error) = match state.search_listings(&query, Utc::now()).await {
        Ok(page) => (page, None),
        // A bad filter in a hand-edited address: show the board with the reason, not a dead end.
        Err(err) if err.is_client_error() => (
            ListingPage {
                items: Vec::new(),
                next: None,
                facets: Default::default(),
            },
            Some(for_people(&err.to_string())),
        ),
        Err(err) => return Err(err.into()),
    };
    let chosen: Vec<String> = query
        .tag
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect();
    let tags = vocabulary
        .iter()
        .map(|t| TagFilter {
            id: t.id.clone(),
            label: t.label.clone(),
            count: page.facets.tags.get(&t.id).copied().unwrap_or(0),
            checked: chosen.contains(&t.id),
            level: prefs
                .iter()
                .find(|p| p.tag == t.id)
                .map_or("", |p| p.level.as_str()),
        })
        .collect();
    let cards = page
        .items
        .iter()
        .map(|l| ListingCard {
            id: l.id,
            title: l.title.clone(),
            track: l.track.as_str(),
            rung: rung_title(framework, &l.rung),
            company: l.company.name.clone(),
            company_slug: l.company.slug.clone(),
            ic_past_staff: l.company.ic_past_staff,
            location: l.location.clone(),
            workplace: l.workplace.label(),
            salary: l.salary.as_ref().map(salary_text),
            posted: l.posted_at.format("%e %b %Y").to_string().trim().to_owned(),
            tags: l
                .company
                .tags
                .iter()
                .filter(|t| t.confirmed || t.claimed)
                .take(6)
                .cloned()
                .collect(),
            fit: l
                .fit
                .as_ref()
                .and_then(|fit| dualtrack_board::match_sentence(&prefs, fit)),
        })
        .collect();
    let saved_url = match visitor.account() {
        Some(account) => {
            let saved = state.store().preferences(account.id).await?;
            (!saved.is_empty()).then(|| {
                let mut url = url::form_urlencoded::Serializer::new(String::new());
                for pref in &saved {
                    url.append_pair("prefer", &pref.to_param());
                }
                format!("/jobs?{}", url.finish())
            })
        }
        None => None,
    };
    let next_url = page
        .next
        .as_deref()
        .map(|c| filter_url(&pairs, Some(("cursor", c))));
    let first_url = query.cursor.is_some().then(|| filter_url(&pairs, None));
    let view = JobsPage {
        chrome: visitor.chrome(Section::Jobs),
        q: query.q.clone().unwrap_or_default(),
        track: query.track.map_or("any", Track::as_str).to_owned(),
        ic_past_staff: query.ic_past_staff == Some(true),
        remote: query.remote == Some(true),
        tags,
        page,
        cards,
        next_url,
        first_url,
        error,
        levels: dualtrack_board::Level::ALL
            .iter()
            .map(|l| (l.as_str(), l.label()))
            .collect(),
        logged_in: visitor.account().is_some(),
        employer: visitor.account().is_some_and(|a| {
            a.role == dualtrack_board::Role::Employer && a.verified_company.is_some()
        }),
        saved_url,
        has_prefs: !prefs.is_empty(),
    };
    Ok(render(&view)?.into_response())
}

/// The listing as schema.org `JobPosting` JSON-LD, escaped so that no string in it can close
/// the `<script>` element it sits in.
pub fn job_posting_json_ld(listing: &Listing, framework: &Framework, base: &str) -> String {
    script_safe_json(&dualtrack_board::to_job_posting(listing, framework, base))
}

/// JSON that is safe inside `<script>`: `<`, `>` and `&` (and the two JavaScript line
/// separators) become `\u` escapes, which JSON parsers read back as the same characters.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[derive(Template)]
#[template(path = "job.html")]
struct JobPage {
    chrome: Chrome,
    listing: Listing,
    rung: String,
    salary: Option<String>,
    posted: String,
    paragraphs: Vec<String>,
    /// Empty unless the listing is open: search engines should not list a closed job.
    json_ld: String,
    state: dualtrack_board::ListingState,
    expires: String,
    /// An employer of this company: show the edit link.
    can_edit: bool,
    /// An administrator: show the hide form.
    can_hide: bool,
}

impl JobPage {
    fn is_open(&self) -> bool {
        self.state == dualtrack_board::ListingState::Open
    }
}

/// `GET /jobs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let not_found = || {
        AppError::NotFound(format!(
            "There is no listing {id} on the board. It may have been filled."
        ))
    };
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let listing = state.store().listing(id).await?.ok_or_else(not_found)?;
    let now = Utc::now();
    let listing_state = listing.state(now);
    let can_edit = visitor
        .account()
        .is_some_and(|a| dualtrack_board::check_may_post(a, listing.company.id).is_ok());
    let can_hide = visitor
        .account()
        .is_some_and(|a| a.role == dualtrack_board::Role::Admin);
    // Hidden by the moderators: gone for everyone but them and the listing's employer.
    if listing_state == dualtrack_board::ListingState::Hidden && !can_edit && !can_hide {
        return Err(not_found());
    }
    let framework = state.framework();
    let base = base_url(&headers);
    let page = JobPage {
        chrome: visitor.chrome(Section::Jobs),
        rung: rung_title(framework, &listing.rung),
        salary: listing.salary.as_ref().map(salary_text),
        posted: listing
            .posted_at
            .format("%e %B %Y")
            .to_string()
            .trim()
            .to_owned(),
        paragraphs: listing
            .description
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
        json_ld: if listing_state == dualtrack_board::ListingState::Open {
            job_posting_json_ld(&listing, framework, &base)
        } else {
            String::new()
        },
        state: listing_state,
        expires: listing
            .expires_at
            .format("%e %B %Y")
            .to_string()
            .trim()
            .to_owned(),
        can_edit,
        can_hide: can_hide && listing_state != dualtrack_board::ListingState::Hidden,
        listing,
    };
    Ok(render(&page)?.into_response())
}

/// `scheme://host` of this request, for absolute URLs in JSON-LD.
fn base_url(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if crate::cookies::is_https(headers, false) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let value = serde_json::json!({"description": "</script><script>alert(1)</script> & more"});
        let safe = script_safe_json(&value);
        assert!(!safe.contains("</script>"));
        assert!(!safe.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn filters_parse_from_the_address() {
        let pairs = Pairs::parse(
            b"q=rust&tag=deep-work&tag=remote-first&track=ic&ic_past_staff=true&limit=5",
        );
        let query = listing_query(&pairs, 365).unwrap();
        assert_eq!(query.tag, ["deep-work", "remote-first"]);
        assert_eq!(query.track, Some(Track::Ic));
        assert_eq!(query.ic_past_staff, Some(true));
        assert_eq!(query.limit, 5);
        assert!(listing_query(&Pairs::parse(b"track=ceo"), 365).is_err());
        assert!(listing_query(&Pairs::parse(b"remote=maybe"), 365).is_err());
    }
}
