//! Calendar analysis: upload one or more `.ics` exports, choose the window and working time,
//! and see where the week goes, which track's typical week it resembles, and which leadership
//! level's time allocation it fits.
//!
//! Files are read into memory, analysed and dropped. They are never written to disk or the
//! database and never logged. Only the aggregates (no titles, no owner) are kept, sealed in
//! cookies in the visitor's own browser, so the decision page can use them.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Days, NaiveDate, Utc};
use dualtrack_calendar::analysis::{AnalysisError, MeetingKind, WorkDays, WorkHours};
use dualtrack_calendar::{Analysis, AnalyzeOptions, CalendarError, analyze, render_svg};

use crate::cookies;
use crate::error::AppError;
use crate::form::Pairs;
use crate::limits::{self, CALENDAR_FILES};
use crate::session::Visitor;
use crate::state::AppState;
use crate::upload;
use crate::view::{Chrome, Section, render};

/// Most cookies the kept analysis may be split across.
const MAX_CHUNKS: usize = 6;
/// Bytes of sealed value per cookie, well under browsers' 4 KB per cookie.
const CHUNK: usize = 3500;

impl From<CalendarError> for AppError {
    fn from(err: CalendarError) -> Self {
        match &err {
            CalendarError::TooLarge { .. } => Self::TooLarge(err.to_string()),
            CalendarError::NotICalendar { .. } => Self::Unprocessable(err.to_string()),
            CalendarError::Analysis(AnalysisError::Option(_)) => Self::BadRequest(err.to_string()),
            CalendarError::Analysis(_) => Self::internal(err),
        }
    }
}

/// The window used when none is given: the four full weeks before this one.
pub fn default_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today
        .checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))
        .unwrap_or(today);
    (
        monday.checked_sub_days(Days::new(28)).unwrap_or(monday),
        monday,
    )
}

/// Analysis options from query or form pairs named like the CLI's flags: `from`, `to`, `tz`,
/// `owner`, `work_hours`, `work_days`, `focus_min` (the form may also tick `work_day` boxes).
pub fn analyze_options(pairs: &Pairs, today: NaiveDate) -> Result<AnalyzeOptions, AppError> {
    let date = |name: &str| -> Result<Option<NaiveDate>, AppError> {
        pairs
            .get(name)
            .map(|text| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    AppError::BadRequest(format!(
                        "`{name}` must be a date written YYYY-MM-DD, not `{text}`"
                    ))
                })
            })
            .transpose()
    };
    let (default_from, default_to) = default_window(today);
    let (from, to) = match (date("from")?, date("to")?) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (f, f.checked_add_days(Days::new(28)).unwrap_or(f)),
        (None, Some(t)) => (t.checked_sub_days(Days::new(28)).unwrap_or(t), t),
        (None, None) => (default_from, default_to),
    };
    let mut options = AnalyzeOptions::new(from, to);
    if let Some(name) = pairs.get("tz") {
        options.tz = Some(
            dualtrack_calendar::timezone::resolve_name(name).ok_or_else(|| {
                AppError::BadRequest(format!(
                    "`tz`: `{name}` is not a time zone; use an IANA name such as Europe/Berlin"
                ))
            })?,
        );
    }
    options.owner = pairs.get("owner").map(str::to_owned);
    if let Some(text) = pairs.get("work_hours") {
        options.work_hours = text
            .parse::<WorkHours>()
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
    } else if let (Some(start), Some(end)) = (pairs.get("work_start"), pairs.get("work_end")) {
        let text = format!("{start}-{end}");
        options.work_hours = text
            .parse::<WorkHours>()
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
    }
    let ticked = pairs.all("work_day");
    let days = match pairs.get("work_days") {
        Some(text) => Some(text.to_owned()),
        None if !ticked.is_empty() => Some(ticked.join(",")),
        None => None,
    };
    if let Some(text) = days {
        options.work_days = text
            .parse::<WorkDays>()
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
    }
    if let Some(text) = pairs.get("focus_min") {
        options.focus_min_minutes = text
            .parse()
            .ok()
            .filter(|m| (1..=1440).contains(m))
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "`focus_min` must be minutes from 1 to 1440, not `{text}`"
                ))
            })?;
    }
    Ok(options)
}

/// The copy of an analysis the browser keeps: aggregates only, no owner, notes capped.
pub fn aggregates_only(analysis: &Analysis) -> Analysis {
    let mut kept = analysis.clone();
    kept.owner = None;
    kept.explain.clear();
    kept.skipped_lines.truncate(5);
    kept.warnings.truncate(10);
    for note in kept
        .warnings
        .iter_mut()
        .chain(kept.skipped_lines.iter_mut())
    {
        note.message = note.message.chars().take(160).collect();
    }
    kept
}

/// `Set-Cookie` headers that keep `analysis` (sealed, split over as many cookies as needed).
pub fn keep_headers(state: &AppState, analysis: &Analysis, secure: bool) -> Vec<HeaderValue> {
    let Some(sealed) = state.keys().seal("calendar", &aggregates_only(analysis)) else {
        return Vec::new();
    };
    let chunks: Vec<&str> = sealed
        .as_bytes()
        .chunks(CHUNK)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    if chunks.len() > MAX_CHUNKS {
        return Vec::new();
    }
    let age = Some(60 * 60 * 24 * 30);
    (0..MAX_CHUNKS)
        .map(|i| {
            let name = format!("{}_{i}", cookies::CALENDAR);
            match chunks.get(i) {
                Some(chunk) => cookies::set(&name, chunk, age, secure),
                None => cookies::set(&name, "", Some(0), secure),
            }
        })
        .collect()
}

/// The analysis this browser kept, if any and if intact.
pub fn kept(state: &AppState, headers: &HeaderMap) -> Option<Analysis> {
    let mut sealed = String::new();
    for i in 0..MAX_CHUNKS {
        match cookies::get(headers, &format!("{}_{i}", cookies::CALENDAR)) {
            Some(chunk) if !chunk.is_empty() => sealed.push_str(chunk),
            _ => break,
        }
    }
    if sealed.is_empty() {
        None
    } else {
        state.keys().open("calendar", &sealed)
    }
}

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
    let (from, to) = default_window(Utc::now().date_naive());
    let ticked = pairs.all("work_day");
    CalendarPage {
        chrome,
        from: pairs
            .get("from")
            .map_or_else(|| from.to_string(), str::to_owned),
        to: pairs
            .get("to")
            .map_or_else(|| to.to_string(), str::to_owned),
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
}

impl ResultPage {
    fn percent(&self, fraction: &f64) -> String {
        format!("{:.0}%", fraction * 100.0)
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
        if self.a.closest_track == "management" {
            "a manager's week"
        } else {
            "an IC's week"
        }
    }
}

/// `POST /calendar`: analyse the uploaded files.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    request: Request,
) -> Result<Response, AppError> {
    let upload = upload::read(request, CALENDAR_FILES, limits::calendar_too_large).await?;
    let chrome = visitor.chrome(Section::Calendar);
    let refuse = |status: StatusCode, message: String| -> Result<Response, AppError> {
        Ok((
            status,
            render(&form_page(
                chrome.clone(),
                &upload.fields,
                Some(message),
                None,
            ))?,
        )
            .into_response())
    };
    let files: Vec<&upload::File> = upload
        .files
        .iter()
        .filter(|f| f.field == "calendar")
        .collect();
    if files.is_empty() {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Choose at least one .ics file to analyse.".into(),
        );
    }
    let options = match analyze_options(&upload.fields, Utc::now().date_naive()) {
        Ok(options) => options,
        Err(err) => return refuse(err.status(), err.to_string()),
    };
    let names: Vec<String> = files
        .iter()
        .map(|f| crate::pages::audit::display_name(&f.name))
        .collect();
    let inputs: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(files.iter().map(|f| f.bytes.as_slice()))
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
                _ => refuse(err.status(), err.to_string()),
            };
        }
    };
    let cookies = keep_headers(&state, &analysis, visitor.secure);
    let h = analysis.hours;
    let s = analysis.shares;
    let rows = vec![
        Row {
            label: "Meetings",
            hours: h.meetings,
            share: Some(s.meetings),
        },
        Row {
            label: "Async work (short gaps)",
            hours: h.async_,
            share: Some(s.async_),
        },
        Row {
            label: "Focus (long gaps and focus blocks)",
            hours: h.focus,
            share: Some(s.focus),
        },
        Row {
            label: "Working time",
            hours: h.working,
            share: None,
        },
    ];
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
    let page = ResultPage {
        chrome,
        svg: render_svg(&analysis),
        files: names,
        rows,
        kinds,
        kept: !cookies.is_empty(),
        a: analysis,
    };
    let mut response = render(&page)?.into_response();
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_window_is_the_four_weeks_before_this_one() {
        let thursday = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let (from, to) = default_window(thursday);
        assert_eq!(to, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 2, 9).unwrap());
    }

    #[test]
    fn options_use_the_cli_names_and_explain_mistakes() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let pairs = Pairs::parse(b"from=2026-01-05&to=2026-02-02&tz=Europe/Berlin&work_hours=08:00-16:00&work_days=mon-thu&focus_min=90");
        let o = analyze_options(&pairs, today).unwrap();
        assert_eq!(o.from.to_string(), "2026-01-05");
        assert_eq!(o.work_hours.to_string(), "08:00-16:00");
        assert_eq!(o.work_days.to_string(), "mon,tue,wed,thu");
        assert_eq!(o.focus_min_minutes, 90);
        let boxes = Pairs::parse(b"work_day=mon&work_day=wed&work_start=10:00&work_end=18:00");
        let o = analyze_options(&boxes, today).unwrap();
        assert_eq!(o.work_days.to_string(), "mon,wed");
        assert_eq!(o.work_hours.to_string(), "10:00-18:00");
        for bad in [
            "from=05/01/2026",
            "tz=Mars/Olympus",
            "work_hours=9-9",
            "focus_min=0",
            "work_days=funday",
        ] {
            let err = analyze_options(&Pairs::parse(bad.as_bytes()), today).unwrap_err();
            assert_eq!(err.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
    }
}
