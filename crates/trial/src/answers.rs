//! Answers to check-in questions (the person's weekly ones and the sponsor's), checked against
//! the questionnaire, plus the small TOML helpers every input file shares.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use toml::Spanned;

use crate::checkin_form::FormQuestion;
use crate::error::{Location, TrialError};

/// A free-text note stays short: it is a reminder to oneself, not a diary.
pub const MAX_NOTE_CHARS: usize = 1000;

/// Check `answers` (question id -> option id) against `questions`. `at` locates a question's
/// answer in the input (or names the input when it did not come from text).
pub(crate) fn check(
    questions: &[FormQuestion],
    answers: &BTreeMap<String, String>,
    what: &str,
    at: &dyn Fn(&str) -> Location,
) -> Result<(), TrialError> {
    if answers.is_empty() {
        return Err(TrialError::invalid(
            at(""),
            format!("the {what} answers no question"),
            format!(
                "answer at least one of: {}",
                questions
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    for (qid, oid) in answers {
        let Some(question) = questions.iter().find(|q| &q.id == qid) else {
            return Err(TrialError::invalid(
                at(qid),
                format!("unknown question `{qid}` in the {what}"),
                format!(
                    "use one of: {}",
                    questions
                        .iter()
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        if question.option(oid).is_none() {
            return Err(TrialError::invalid(
                at(qid),
                format!("`{oid}` is not an option of `{qid}`"),
                format!("use one of {}", question.option_ids()),
            ));
        }
    }
    Ok(())
}

/// A note: trimmed, empty means none, too long is refused.
pub(crate) fn note(note: Option<String>, at: Location) -> Result<Option<String>, TrialError> {
    let Some(note) = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(TrialError::invalid(
            at,
            format!("the note is {chars} characters, over the {MAX_NOTE_CHARS}-character limit"),
            "shorten it to a few sentences",
        ));
    }
    Ok(Some(note))
}

/// A date written either as a TOML date (`2026-01-05`) or a string (`"2026-01-05"`).
pub(crate) fn date(
    value: &Spanned<toml::Value>,
    key: &str,
    origin: &str,
    src: &str,
) -> Result<NaiveDate, TrialError> {
    let text = match value.get_ref() {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        _ => String::new(),
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        TrialError::invalid(
            Location::at(origin, src, value.span().start),
            format!("`{key}` is not a calendar date"),
            format!("write it as YYYY-MM-DD, e.g. `{key} = 2026-01-05`"),
        )
    })
}

/// Option ids from a TOML `[answers]` table, with a locator pointing at each value.
pub(crate) fn from_table(
    table: BTreeMap<String, Spanned<String>>,
    origin: &str,
    src: &str,
    table_offset: usize,
) -> (BTreeMap<String, String>, impl Fn(&str) -> Location) {
    let offsets: BTreeMap<String, usize> = table
        .iter()
        .map(|(k, v)| (k.clone(), v.span().start))
        .collect();
    let answers = table
        .into_iter()
        .map(|(k, v)| (k, v.into_inner()))
        .collect();
    let origin = origin.to_owned();
    let src = src.to_owned();
    let locate = move |qid: &str| {
        let offset = offsets.get(qid).copied().unwrap_or(table_offset);
        Location::at(&origin, &src, offset)
    };
    (answers, locate)
}
