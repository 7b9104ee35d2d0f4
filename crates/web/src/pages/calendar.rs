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

mod kept;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use dualtrack_calendar::analysis::{
    GuessField, MeetingKind, Track, WindowSource, WorkDays, WorkHours,
};
use dualtrack_calendar::{Analysis, AnalyzeOptions, analyze, render_svg};

use crate::cookies;
use crate::error::{AppError, for_people};
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

/// Analysis options from query or form pairs named like the CLI's flags: `from`, `to`, `tz`,
/// `owner`, `work_hours`, `work_days`, `focus_min` (the form may also tick `work_day` boxes),
/// plus `browser_tz`: the caller's own zone, used only when neither `tz` nor the file names
/// one (UTC when absent: never the server's zone). With no `from` and `to`, the engine picks
/// the window from the file, looking no later than `today`.
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
    let mut options = AnalyzeOptions::latest(today);
    options.from = date("from")?;
    options.to = date("to")?;
    // A browser zone that cannot be read is ignored, not refused: the user never typed it.
    if let Some(tz) = pairs
        .get("browser_tz")
        .and_then(dualtrack_calendar::timezone::resolve_name)
    {
        options.default_tz = tz;
    }
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
    // A guessed owner carries the address too.
    kept.guesses.retain(|g| g.field != GuessField::Owner);
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
    typical_marker: Option<crate::view::SourceMarker>,
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

/// The web form's name for an engine field.
fn field_label(field: GuessField) -> &'static str {
    match field {
        GuessField::Tz => "Time zone",
        GuessField::Owner => "Your email address",
        GuessField::Window => "From and To",
    }
}

/// Each guessed default in words, naming the form field that changes it.
fn guess_words(a: &Analysis) -> Vec<String> {
    a.guesses
        .iter()
        .map(|g| {
            let what = match g.field {
                GuessField::Tz => "Time zone",
                GuessField::Owner => "Owner",
                GuessField::Window => "Dates",
            };
            let value = if g.value.is_empty() {
                "unknown".to_owned()
            } else {
                g.value.clone()
            };
            format!(
                "{what}: {value}, a guess from {}. Change it with \"{}\" below.",
                g.basis,
                field_label(g.field)
            )
        })
        .collect()
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The analysed dates, both ends included (the engine's `to` is the day after the last).
pub fn window_range(a: &Analysis) -> String {
    let last = a.window.to.pred_opt().unwrap_or(a.window.to);
    format!("{} to {}", long_date(a.window.from), long_date(last))
}

/// `mon-fri`, `mon,tue,wed,thu,fri` or `mon,tue,thu` in words: "Monday to Friday" (three or
/// more days in a row), "Monday, Tuesday, Thursday".
fn days_in_words(spec: &str) -> String {
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let index = |d: &str| WEEK.iter().position(|w| d.trim().eq_ignore_ascii_case(w));
    let listed: Option<Vec<usize>> = spec.split(',').map(index).collect();
    if let Some(days) = listed
        && days.len() >= 3
        && days.windows(2).all(|w| w[1] == w[0] + 1)
    {
        return format!(
            "{} to {}",
            day_name(WEEK[days[0]]),
            day_name(WEEK[days[days.len() - 1]])
        );
    }
    spec.split(',')
        .map(|part| match part.split_once('-') {
            Some((a, b)) => format!("{} to {}", day_name(a), day_name(b)),
            None => day_name(part),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn day_name(d: &str) -> String {
    match d.trim().to_ascii_lowercase().get(..3).unwrap_or_default() {
        "mon" => "Monday".into(),
        "tue" => "Tuesday".into(),
        "wed" => "Wednesday".into(),
        "thu" => "Thursday".into(),
        "fri" => "Friday".into(),
        "sat" => "Saturday".into(),
        "sun" => "Sunday".into(),
        _ => d.trim().to_owned(),
    }
}

/// How the window was chosen, in words.
fn window_words(a: &Analysis) -> String {
    match (a.window.source, a.evidence.span.last) {
        (WindowSource::LastBusyWeeks, Some(last)) => format!(
            "the four weeks up to your last meeting on {} (chosen for you; change From and To below)",
            long_date(last)
        ),
        (WindowSource::RecentWeeks | WindowSource::LastBusyWeeks, _) => {
            "the four weeks before this one, because the file has no busy time on or before today"
                .to_owned()
        }
        _ => "the dates you chose".to_owned(),
    }
}

/// The span of the file's busy events, in words.
fn span_words(a: &Analysis) -> String {
    match (a.evidence.span.first, a.evidence.span.last) {
        (Some(f), Some(l)) => format!(
            "Busy events in this file run from {} to {}.",
            long_date(f),
            long_date(l)
        ),
        (Some(f), None) => format!(
            "Busy events in this file start on {}; none fall on or before today.",
            long_date(f)
        ),
        _ => "This file has no busy timed events.".to_owned(),
    }
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
        typical_marker: state
            .framework()
            .comparison()
            .dimensions
            .iter()
            .find(|d| d.id == "calendar_shape")
            .map(|d| crate::view::source_marker(&d.source, d.assumption.as_deref())),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_dates_leave_the_window_to_the_engine_and_the_browser_zone_is_the_fallback() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let o = analyze_options(&Pairs::parse(b"browser_tz=America/Los_Angeles"), today).unwrap();
        assert_eq!((o.from, o.to, o.today), (None, None, today));
        assert_eq!(o.default_tz, chrono_tz::America::Los_Angeles);
        assert_eq!(o.tz, None);
        // Without a browser zone the fallback is UTC, never the server's local zone.
        let o = analyze_options(&Pairs::parse(b"browser_tz=Nowhere/Else"), today).unwrap();
        assert_eq!(o.default_tz, chrono_tz::Tz::UTC);
    }

    #[test]
    fn working_days_read_as_words() {
        assert_eq!(days_in_words("mon-fri"), "Monday to Friday");
        assert_eq!(days_in_words("mon,tue,wed,thu,fri"), "Monday to Friday");
        assert_eq!(days_in_words("mon,tue,thu"), "Monday, Tuesday, Thursday");
    }

    #[test]
    fn options_use_the_cli_names_and_explain_mistakes() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let pairs = Pairs::parse(b"from=2026-01-05&to=2026-02-02&tz=Europe/Berlin&work_hours=08:00-16:00&work_days=mon-thu&focus_min=90");
        let o = analyze_options(&pairs, today).unwrap();
        assert_eq!(o.from.unwrap().to_string(), "2026-01-05");
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
