//! The analysis options a form or query names like the CLI's flags.

use chrono::NaiveDate;
use dualtrack_calendar::AnalyzeOptions;
use dualtrack_calendar::analysis::{WorkDays, WorkHours};

use crate::error::AppError;
use crate::form::Pairs;

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

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

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
