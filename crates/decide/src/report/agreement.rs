//! Do the answers and the calendar point the same way?

use dualtrack_assess::{Assessment, Verdict};
use dualtrack_calendar::Analysis;
use serde::Serialize;

use crate::Track;

/// The agreement between answers and calendar.
///
/// The rule, in full (the first that applies wins):
/// 1. `no_verdict`: the verdict is `either` or `unclear`. There is no choice for a calendar to
///    agree with, so no calendar can "agree", whatever the leaning says.
/// 2. `no_calendar`: no calendar was given.
/// 3. `thin_calendar`: a calendar was given but its window holds too little to name a track
///    (`evidence.enough` is false, which includes a window with no working time), or the
///    window is stale (`evidence.stale`: it ended so long ago that it shows how you worked
///    then, not now).
/// 4. `agree` when the verdict's track is the calendar's `closest_track`, else `disagree`.
///
/// The answers' side shown beside it is still the verdict, else the leaning, so the text can
/// say which way the answers lean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agree,
    Disagree,
    NoCalendar,
    ThinCalendar,
    NoVerdict,
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

/// Rule 1: the answers' side and where it came from.
#[must_use]
pub fn answers_side(assessment: &Assessment) -> (Option<Track>, AnswersBasis) {
    match assessment.verdict {
        Verdict::Ic => (Some(Track::Ic), AnswersBasis::Verdict),
        Verdict::Management => (Some(Track::Management), AnswersBasis::Verdict),
        Verdict::Either | Verdict::Unclear => match assessment.leaning {
            Some(t) => (Some(t), AnswersBasis::Leaning),
            None => (None, AnswersBasis::None),
        },
    }
}

/// The calendar's side, if it is usable evidence: enough in the window and working time to
/// measure.
#[must_use]
pub fn calendar_side(calendar: Option<&Analysis>) -> Option<Track> {
    calendar
        .filter(|c| c.evidence.enough && !c.evidence.stale && c.hours.working > 0.0)
        .and_then(|c| c.closest_track)
        .map(|t| Track::from_id(t.as_str()).unwrap_or(Track::Ic))
}

/// Why a calendar is no side, in words: too thin, else too old.
fn why_not_evidence(calendar: &Analysis) -> String {
    if calendar.evidence.enough && calendar.evidence.stale {
        let last = calendar.window.to.pred_opt().unwrap_or(calendar.window.to);
        format!(
            "its window ends on {last}, long before today, so it shows how you worked then, \
             not how you work now. Analyse a recent window, or export a current calendar"
        )
    } else {
        calendar.evidence.reason.trim_end_matches('.').to_owned()
    }
}

/// The rule in [`Agreement`]'s docs: the first case that applies wins.
#[must_use]
pub fn agreement_of(
    assessment: &Assessment,
    calendar: Option<&Analysis>,
    calendar_track: Option<Track>,
) -> Agreement {
    let verdict = match assessment.verdict {
        Verdict::Ic => Some(Track::Ic),
        Verdict::Management => Some(Track::Management),
        Verdict::Either | Verdict::Unclear => None,
    };
    match (verdict, calendar, calendar_track) {
        (None, _, _) => Agreement::NoVerdict,
        (_, None, _) => Agreement::NoCalendar,
        (_, Some(_), None) => Agreement::ThinCalendar,
        (Some(a), Some(_), Some(c)) if a == c => Agreement::Agree,
        _ => Agreement::Disagree,
    }
}

/// The agreement, with the sentence that says it plainly.
#[must_use]
pub fn compare(assessment: &Assessment, calendar: Option<&Analysis>) -> (Agreement, Comparison) {
    let (answers, basis) = answers_side(assessment);
    let cal = calendar_side(calendar);
    let agreement = agreement_of(assessment, calendar, cal);
    let how = match basis {
        AnswersBasis::Leaning => "Your answers lean towards",
        AnswersBasis::Verdict | AnswersBasis::None => "Your answers point to",
    };
    let thin = calendar.map(why_not_evidence);
    let summary = match (answers, cal) {
        (_, None) if thin.is_some() && agreement == Agreement::NoVerdict => format!(
            "Your answers give no clear verdict, and the calendar is too thin to lean on either: {}.",
            thin.unwrap_or_default()
        ),
        (Some(a), None) if calendar.is_some() => format!(
            "{how} the {} track. The calendar cannot confirm or challenge that: {}.",
            a.noun(),
            thin.unwrap_or_default()
        ),
        (Some(a), None) => format!(
            "{how} the {} track. No calendar was given, so nothing confirms or challenges that yet.",
            a.noun()
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
            "{how} the IC track, but your calendar already looks like a manager's week: its mix of meetings, async work and focus time is closest to a typical manager's. That shows where your hours go, not which job you are doing. Staff and Principal weeks are full of meetings and writing too, so a meeting-heavy week does not by itself mean management work. What would point that way is people work: 1:1s with reports, hiring, performance. Check how much of your meeting time is that before you choose."
        ),
        (Some(Track::Management), Some(Track::Ic)) => format!(
            "{how} management, but your calendar still looks like an IC's week. That is normal before a move, but it means you have not yet lived a manager's week; a trial is how to find out whether you want it."
        ),
        (None, Some(c)) => format!(
            "Your answers do not favour either track, so there is nothing for the calendar to confirm. Your calendar looks like {} week: treat that as a tie-breaker, not a verdict.",
            c.week_of()
        ),
    };
    // A leaning is not a verdict: never call it agreement, whatever the calendar shows.
    let summary = match (agreement, answers, cal) {
        (Agreement::NoVerdict, Some(a), Some(c)) => format!(
            "Your answers give no clear verdict; they only lean towards the {} track. Your calendar looks like {} week: a hint to weigh, not a confirmation.",
            a.noun(),
            c.week_of()
        ),
        _ => summary,
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

#[cfg(test)]
mod tests {
    use super::*;
    use dualtrack_calendar::AnalyzeOptions;
    use dualtrack_calendar::analysis::{Context, analyze_occurrences};

    fn assessment(verdict: Verdict, leaning: Option<dualtrack_assess::Track>) -> Assessment {
        let text = include_str!("../../tests/fixtures/ic-answers.toml");
        let answers = dualtrack_assess::Answers::from_toml(text, "ic-answers.toml").unwrap();
        let mut a =
            dualtrack_assess::score(dualtrack_assess::Questionnaire::embedded(), &answers).unwrap();
        a.verdict = verdict;
        a.leaning = leaning;
        a
    }

    /// An analysis of an empty calendar over one week: no busy events, so thin.
    fn empty_calendar() -> Analysis {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        let options = AnalyzeOptions::new(day(5), day(10));
        let fw = dualtrack_framework::Framework::embedded().unwrap();
        analyze_occurrences(&[], &Context::default(), &options, &fw).unwrap()
    }

    fn enough(track: dualtrack_calendar::analysis::Track) -> Analysis {
        let mut a = empty_calendar();
        a.evidence.enough = true;
        a.closest_track = Some(track);
        a
    }

    #[test]
    fn the_first_case_that_applies_wins() {
        use dualtrack_calendar::analysis::Track as CalTrack;
        let ic = assessment(Verdict::Ic, None);
        let either = assessment(Verdict::Either, Some(dualtrack_assess::Track::Ic));
        let unclear = assessment(Verdict::Unclear, None);
        let thin = empty_calendar();
        assert!(!thin.evidence.enough);
        let ic_week = enough(CalTrack::Ic);
        let manager_week = enough(CalTrack::Management);
        // no_verdict beats everything, even a calendar that matches the leaning.
        assert_eq!(compare(&either, Some(&ic_week)).0, Agreement::NoVerdict);
        assert_eq!(compare(&unclear, None).0, Agreement::NoVerdict);
        assert_eq!(compare(&unclear, Some(&thin)).0, Agreement::NoVerdict);
        // then no_calendar, then thin_calendar, then agree / disagree.
        assert_eq!(compare(&ic, None).0, Agreement::NoCalendar);
        assert_eq!(compare(&ic, Some(&thin)).0, Agreement::ThinCalendar);
        assert_eq!(compare(&ic, Some(&ic_week)).0, Agreement::Agree);
        assert_eq!(compare(&ic, Some(&manager_week)).0, Agreement::Disagree);
    }

    /// Regression: a window with almost nothing in it looked like an IC's week and the report
    /// said answers and calendar agree.
    #[test]
    fn a_thin_calendar_never_agrees_and_says_why() {
        let ic = assessment(Verdict::Ic, None);
        let mut thin = empty_calendar();
        // Even if an old analysis still names a track, thin evidence is not a side.
        thin.closest_track = Some(dualtrack_calendar::analysis::Track::Ic);
        let (agreement, comparison) = compare(&ic, Some(&thin));
        assert_eq!(agreement, Agreement::ThinCalendar);
        assert_eq!(comparison.calendar_track, None);
        assert!(
            comparison.summary.contains("Too little evidence"),
            "{}",
            comparison.summary
        );
        let json = serde_json::to_value(agreement).unwrap();
        assert_eq!(json, "thin_calendar");
        assert_eq!(
            serde_json::to_value(Agreement::NoVerdict).unwrap(),
            "no_verdict"
        );
    }

    /// Regression (walkthrough defect 6): a seven-year-old window was compared with the
    /// answers as if it showed today's week.
    #[test]
    fn a_stale_calendar_never_agrees_or_disagrees() {
        use dualtrack_calendar::analysis::Track as CalTrack;
        let management = assessment(Verdict::Management, None);
        let mut old = enough(CalTrack::Ic);
        old.evidence.stale = true;
        let (agreement, comparison) = compare(&management, Some(&old));
        assert_eq!(agreement, Agreement::ThinCalendar);
        assert_eq!(comparison.calendar_track, None);
        assert!(
            comparison.summary.contains("how you worked then"),
            "{}",
            comparison.summary
        );
        assert!(
            !comparison.summary.contains("looks like"),
            "{}",
            comparison.summary
        );
    }

    #[test]
    fn a_leaning_with_a_matching_calendar_is_not_called_agreement() {
        let leaning = assessment(Verdict::Either, Some(dualtrack_assess::Track::Ic));
        let ic_week = enough(dualtrack_calendar::analysis::Track::Ic);
        let (agreement, comparison) = compare(&leaning, Some(&ic_week));
        assert_eq!(agreement, Agreement::NoVerdict);
        assert!(
            !comparison.summary.contains("agrees"),
            "{}",
            comparison.summary
        );
    }
}
