//! An analysis in words for the result page: the window, the working days, the guesses.

use chrono::NaiveDate;
use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::{GuessField, WindowSource};

/// The web form's name for an engine field.
fn field_label(field: GuessField) -> &'static str {
    match field {
        GuessField::Tz => "Time zone",
        GuessField::Owner => "Your email address",
        GuessField::Window => "From and To",
    }
}

/// Each guessed default in words, naming the form field that changes it.
pub(super) fn guess_words(a: &Analysis) -> Vec<String> {
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
pub(super) fn days_in_words(spec: &str) -> String {
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
pub(super) fn window_words(a: &Analysis) -> String {
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
pub(super) fn span_words(a: &Analysis) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_read_as_words() {
        assert_eq!(days_in_words("mon-fri"), "Monday to Friday");
        assert_eq!(days_in_words("mon,tue,wed,thu,fri"), "Monday to Friday");
        assert_eq!(days_in_words("mon,tue,thu"), "Monday, Tuesday, Thursday");
    }
}
