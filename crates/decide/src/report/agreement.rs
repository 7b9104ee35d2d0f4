//! Do the answers and the calendar point the same way?

use dualtrack_assess::{Assessment, Verdict};
use dualtrack_calendar::Analysis;
use serde::Serialize;

use crate::track::Track;

/// The agreement between answers and calendar.
///
/// The rule, in full:
/// 1. The answers' side is the verdict when it names a track (`ic`, `management`); when the
///    verdict is `either` or `unclear` it is the `leaning`; when there is no leaning either, the
///    answers have no side.
/// 2. The calendar's side is its `closest_track`, provided the calendar had working time to
///    measure. A calendar with no working time in its window is not evidence.
/// 3. `no_calendar` when there is no calendar evidence (none given, or no working time);
///    `agree` when both sides exist and are the same track; `disagree` otherwise, including
///    when the answers have no side: agreement means positive corroboration, and a calendar
///    cannot corroborate a choice that was not made. The report says this in words and lets the
///    calendar act as a tie-breaker, not a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agree,
    Disagree,
    NoCalendar,
}

/// Where the answers' side came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswersBasis {
    /// The verdict named a track.
    Verdict,
    /// The verdict was `either` or `unclear`; the leaning named a track.
    Leaning,
    /// Neither did.
    None,
}

/// What was compared and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub answers_track: Option<Track>,
    pub answers_basis: AnswersBasis,
    pub calendar_track: Option<Track>,
    /// The comparison in plain words.
    pub summary: String,
}

pub(crate) fn track_of(track: dualtrack_assess::Track) -> Track {
    match track {
        dualtrack_assess::Track::Ic => Track::Ic,
        dualtrack_assess::Track::Management => Track::Management,
    }
}

/// Rule 1: the answers' side and where it came from.
#[must_use]
pub fn answers_side(assessment: &Assessment) -> (Option<Track>, AnswersBasis) {
    match assessment.verdict {
        Verdict::Ic => (Some(Track::Ic), AnswersBasis::Verdict),
        Verdict::Management => (Some(Track::Management), AnswersBasis::Verdict),
        Verdict::Either | Verdict::Unclear => match assessment.leaning {
            Some(t) => (Some(track_of(t)), AnswersBasis::Leaning),
            None => (None, AnswersBasis::None),
        },
    }
}

/// Rule 2: the calendar's side, if it is usable evidence.
#[must_use]
pub fn calendar_side(calendar: Option<&Analysis>) -> Option<Track> {
    calendar
        .filter(|c| c.hours.working > 0.0)
        .and_then(|c| Track::from_id(&c.closest_track))
}

/// Rule 3, with the sentence that says it plainly.
#[must_use]
pub fn compare(assessment: &Assessment, calendar: Option<&Analysis>) -> (Agreement, Comparison) {
    let (answers, basis) = answers_side(assessment);
    let cal = calendar_side(calendar);
    let agreement = match (answers, cal) {
        (_, None) => Agreement::NoCalendar,
        (Some(a), Some(c)) if a == c => Agreement::Agree,
        _ => Agreement::Disagree,
    };
    let how = match basis {
        AnswersBasis::Leaning => "Your answers lean towards",
        AnswersBasis::Verdict | AnswersBasis::None => "Your answers point to",
    };
    let summary = match (answers, cal) {
        (Some(a), None) if calendar.is_some() => format!(
            "{how} the {} track. The calendar had no working time in its window, so it adds no evidence.",
            a.label()
        ),
        (Some(a), None) => format!(
            "{how} the {} track. No calendar was given, so nothing confirms or challenges that yet.",
            a.label()
        ),
        (None, None) => {
            "Your answers do not favour either track, and there is no calendar evidence yet."
                .to_owned()
        }
        (Some(Track::Ic), Some(Track::Ic)) => {
            format!(
                "{how} the IC track, and your calendar agrees: your week already looks like an IC's."
            )
        }
        (Some(Track::Management), Some(Track::Management)) => format!(
            "{how} management, and your calendar agrees: your week already looks like a manager's, so you are doing much of the job today."
        ),
        (Some(Track::Ic), Some(Track::Management)) => format!(
            "{how} the IC track, but your calendar already looks like a manager's week. Either your job has drifted into management work you do not want, or your week is telling you something your answers are not. Settle which before you choose."
        ),
        (Some(Track::Management), Some(Track::Ic)) => format!(
            "{how} management, but your calendar still looks like an IC's week. That is normal before a move, but it means you have not yet lived a manager's week; a trial is how to find out whether you want it."
        ),
        (None, Some(c)) => format!(
            "Your answers do not favour either track, so there is nothing for the calendar to confirm; the report counts this as not agreeing. Your calendar looks like {} week: treat that as a tie-breaker, not a verdict.",
            week_of(c)
        ),
    };
    (
        agreement,
        Comparison {
            answers_track: answers,
            answers_basis: basis,
            calendar_track: cal,
            summary,
        },
    )
}

/// "an IC's" / "a manager's", for "looks like ... week".
pub(crate) const fn week_of(track: Track) -> &'static str {
    match track {
        Track::Ic => "an IC's",
        Track::Management => "a manager's",
    }
}
