//! Calendar analysis: upload one or more `.ics` exports, choose the window and working time,
//! and see where the week goes, which track's typical week it resembles, and which leadership
//! level's time allocation it fits.
//!
//! Files are read into memory and analysed. They are never written to disk or the database
//! and never logged; they stay in memory for a short, bounded time (see [`kept`]) so the result
//! page can re-run the analysis with another window, zone, owner or working hours. Only the
//! aggregates (no titles, no owner) are kept longer, sealed in cookies in the visitor's own
//! browser, so the decision page can use them.
//!
//! The zone fallback is the browser's: `static/calendar.js` fills the hidden `browser_tz`
//! field from `Intl`, and the "Time zone" picker covers browsers without scripts. The
//! server's own zone is never used.

mod browser_copy;
mod kept;
mod options;
mod words;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use dualtrack_calendar::analysis::{MeetingKind, Track};
use dualtrack_calendar::{Analysis, analyze, render_svg};
use dualtrack_framework::Framework;

use crate::error::{AppError, for_people};
use crate::form::Pairs;
use crate::limits::{self, CALENDAR_FILES};
use crate::session::Visitor;
use crate::state::AppState;
use crate::upload;
use crate::view::{Chrome, Section, SourceMarker, render};

use browser_copy::keep_headers;
pub use browser_copy::kept;
pub use options::analyze_options;
pub use words::window_range;
use words::{days_in_words, guess_words, span_words, window_words};

struct Row {
    label: &'static str,
    hours: f64,
    share: Option<f64>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    chrome: Chrome,
    from: String,
    to: String,
    tz: String,
    work_start: String,
    work_end: String,
    days: Vec<(&'static str, &'static str, bool)>,
    focus_min: u32,
    owner: String,
    error: Option<String>,
    max_bytes: usize,
    kept: Option<Analysis>,
    zones: &'static [String],
}

/// Every IANA zone name, for the picker (sorted, computed once).
fn zone_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name().to_owned())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
            .collect();
        names.push("UTC".to_owned());
        names.sort();
        names
    })
}

const DAYS: [(&str, &str); 7] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
];

fn form_page(
    chrome: Chrome,
    pairs: &Pairs,
    error: Option<String>,
    kept: Option<Analysis>,
) -> CalendarPage {
    let ticked = pairs.all("work_day");
    CalendarPage {
        chrome,
        from: pairs.get("from").unwrap_or_default().to_owned(),
        to: pairs.get("to").unwrap_or_default().to_owned(),
        tz: pairs.get("tz").unwrap_or_default().to_owned(),
        work_start: pairs.get("work_start").unwrap_or("09:00").to_owned(),
        work_end: pairs.get("work_end").unwrap_or("17:00").to_owned(),
        days: DAYS
            .iter()
            .enumerate()
            .map(|(i, (id, label))| {
                (
                    *id,
                    *label,
                    if ticked.is_empty() {
                        i < 5
                    } else {
                        ticked.contains(id)
                    },
                )
            })
            .collect(),
        focus_min: pairs
            .get("focus_min")
            .and_then(|m| m.parse().ok())
            .unwrap_or(120),
        owner: pairs.get("owner").unwrap_or_default().to_owned(),
        error,
        max_bytes: CALENDAR_FILES,
        kept,
        zones: zone_names(),
    }
}

/// `GET /calendar`: the upload form, and a reminder of the kept result.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let page = form_page(
        visitor.chrome(Section::Calendar),
        &Pairs::default(),
        None,
        kept(&state, &headers),
    );
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "calendar_result.html")]
struct ResultPage {
    chrome: Chrome,
    a: Analysis,
    files: Vec<String>,
    svg: String,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, f64)>,
    kept: bool,
    /// Id of the upload kept in memory for re-running, if it was small enough.
    upload_id: Option<String>,
    /// The settings form, pre-filled with what this result used.
    again: CalendarPage,
    guesses: Vec<String>,
    /// Where the typical weeks' shapes come from (the comparison's calendar-shape row).
    typical_marker: Option<SourceMarker>,
    window_words: String,
    span_words: String,
}

impl ResultPage {
    fn percent(&self, fraction: &f64) -> String {
        format!("{:.0}%", fraction * 100.0)
    }

    /// Hours for reading: one decimal.
    fn hours(&self, value: &f64) -> String {
        format!("{value:.1}")
    }

    /// The window as a person reads it: first and last day, both included.
    fn window_range(&self) -> String {
        window_range(&self.a)
    }

    fn work_days(&self) -> String {
        days_in_words(&self.a.settings.work_days)
    }

    fn closest_id(&self) -> &'static str {
        self.a.closest_track.map_or("none", Track::as_str)
    }

    fn level_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.a
            .levels
            .fits
            .iter()
            .find(|f| f.id == id)
            .map_or(id, |f| f.name.as_str())
    }

    fn closest_label(&self) -> &'static str {
        match self.a.closest_track {
            Some(Track::Management) => "a manager's week",
            Some(Track::Ic) => "an IC's week",
            None => "no track: too little evidence",
        }
    }
}

/// Replace every value of `name` with `value`.
fn set_pair(pairs: &mut Pairs, name: &str, value: &str) {
    pairs.0.retain(|(k, _)| k != name);
    pairs.0.push((name.to_owned(), value.to_owned()));
}

/// Where the typical weeks' shapes come from: the comparison's calendar-shape row.
pub fn typical_marker(framework: &Framework) -> Option<SourceMarker> {
    framework
        .comparison()
        .dimensions
        .iter()
        .find(|d| d.id == "calendar_shape")
        .map(|d| crate::view::source_marker(&d.source, d.assumption.as_deref()))
}

/// `POST /calendar`: analyse the uploaded files, or, from the result page's settings form, the
/// upload kept in memory under `upload` (no files sent).
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    request: Request,
) -> Result<Response, AppError> {
    let upload::Upload { fields, files } =
        upload::read(request, CALENDAR_FILES, limits::calendar_too_large).await?;
    let chrome = visitor.chrome(Section::Calendar);
    let refuse = |status: StatusCode, message: String| -> Result<Response, AppError> {
        Ok((
            status,
            render(&form_page(chrome.clone(), &fields, Some(message), None))?,
        )
            .into_response())
    };
    // A file input left empty still sends a part with no name and no bytes.
    let sent: kept::Files = files
        .into_iter()
        .filter(|f| f.field == "calendar" && !(f.name.is_empty() && f.bytes.is_empty()))
        .map(|f| (crate::pages::audit::display_name(&f.name), f.bytes))
        .collect();
    let (files, upload_id) = if sent.is_empty() {
        match fields.get("upload") {
            Some(id) => match kept::get(id) {
                Some(files) => (files, Some(id.to_owned())),
                None => {
                    return refuse(
                        StatusCode::BAD_REQUEST,
                        "The uploaded file is no longer kept (uploads are held in memory for 15 \
                         minutes at most). Choose the .ics file again."
                            .into(),
                    );
                }
            },
            None => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "Choose at least one .ics file to analyse.".into(),
                );
            }
        }
    } else {
        let (id, files) = kept::keep(sent);
        (files, id)
    };
    let options = match analyze_options(&fields, Utc::now().date_naive()) {
        Ok(options) => options,
        Err(err) => return refuse(err.status(), for_people(&err.to_string())),
    };
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    let inputs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let analysis = match state
        .analyses()
        .run_here(|| analyze(&inputs, &options, state.framework()))
        .await?
    {
        Ok(analysis) => analysis,
        Err(err) => {
            let err = AppError::from(err);
            return match err {
                AppError::Internal(_) => Err(err),
                _ => refuse(err.status(), for_people(&err.to_string())),
            };
        }
    };
    drop(inputs);
    drop(files);
    let cookies = keep_headers(&state, &analysis, visitor.secure);
    let h = analysis.hours;
    let s = analysis.shares;
    let rows = [
        ("Meetings", h.meetings, Some(s.meetings)),
        ("Async work (short gaps)", h.async_, Some(s.async_)),
        ("Focus (long gaps and focus blocks)", h.focus, Some(s.focus)),
        ("Working time", h.working, None),
    ]
    .map(|(label, hours, share)| Row {
        label,
        hours,
        share,
    })
    .into();
    let kinds = [
        ("One-to-ones", MeetingKind::OneOnOne),
        ("Team", MeetingKind::Team),
        ("Cross-functional", MeetingKind::CrossFunctional),
        ("Hiring", MeetingKind::Hiring),
        ("Planning", MeetingKind::Planning),
        ("External", MeetingKind::External),
        ("Other", MeetingKind::Other),
    ]
    .into_iter()
    .map(|(label, kind)| (label, analysis.categories.get(kind)))
    .collect();
    let mut again_pairs = fields.clone();
    set_pair(&mut again_pairs, "from", &analysis.window.from.to_string());
    set_pair(&mut again_pairs, "to", &analysis.window.to.to_string());
    if let Some(owner) = &analysis.owner {
        set_pair(&mut again_pairs, "owner", owner);
    }
    let mut again = form_page(chrome.clone(), &again_pairs, None, None);
    again.tz = analysis.window.tz.clone();
    let page = ResultPage {
        chrome,
        svg: render_svg(&analysis),
        files: names,
        rows,
        kinds,
        kept: !cookies.is_empty(),
        upload_id,
        again,
        guesses: guess_words(&analysis),
        typical_marker: typical_marker(state.framework()),
        window_words: window_words(&analysis),
        span_words: span_words(&analysis),
        a: analysis,
    };
    let mut response = render(&page)?.into_response();
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
