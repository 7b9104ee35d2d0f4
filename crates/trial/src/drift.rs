//! The six questions again: how the answers moved since the start of the trial.

use dualtrack_assess::{Answers, Questionnaire, Tally, Track, Verdict};
use serde::{Deserialize, Serialize};

use crate::direction::Direction;
use crate::error::TrialError;
use crate::kind::TrialKind;

/// One question whose answer changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionChange {
    pub question: String,
    pub theme: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
    /// The later answer as the person saw it.
    pub to_label: String,
}

/// Start and now, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentDrift {
    pub start_verdict: Verdict,
    pub start_leaning: Option<Track>,
    pub start_weighted: Tally,
    pub now_verdict: Verdict,
    pub now_leaning: Option<Track>,
    pub now_weighted: Tally,
    pub changed: Vec<QuestionChange>,
    /// Did the weighted lean move towards the trialled track, away, or not at all (`mixed`)?
    pub direction: Direction,
}

fn margin(t: Tally, track: Track) -> i64 {
    let (ic, m) = (i64::from(t.ic), i64::from(t.management));
    match track {
        Track::Ic => ic - m,
        Track::Management => m - ic,
    }
}

impl AssessmentDrift {
    /// Score both sets of answers and compare them question by question.
    ///
    /// # Errors
    /// When either set of answers does not fit the questionnaire.
    pub fn build(
        questionnaire: &Questionnaire,
        start: &Answers,
        now: &Answers,
        kind: TrialKind,
    ) -> Result<Self, TrialError> {
        let before = dualtrack_assess::score(questionnaire, start)?;
        let after = dualtrack_assess::score(questionnaire, now)?;
        let ids = |a: &Answers, q: &str| {
            let mut v: Vec<String> = a
                .get(q)
                .map(|x| x.ids().into_iter().map(str::to_owned).collect())
                .unwrap_or_default();
            v.sort();
            v
        };
        let changed = questionnaire
            .questions
            .iter()
            .filter_map(|q| {
                let (from, to) = (ids(start, &q.id), ids(now, &q.id));
                (from != to).then(|| QuestionChange {
                    to_label: after
                        .readings
                        .iter()
                        .filter(|r| r.question == q.id)
                        .map(|r| r.answer.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                    question: q.id.clone(),
                    theme: q.theme.clone(),
                    from,
                    to,
                })
            })
            .collect();
        let track = kind.trialled_track();
        let moved = margin(after.weighted, track) - margin(before.weighted, track);
        Ok(Self {
            start_verdict: before.verdict,
            start_leaning: before.leaning,
            start_weighted: before.weighted,
            now_verdict: after.verdict,
            now_leaning: after.leaning,
            now_weighted: after.weighted,
            changed,
            direction: match moved.signum() {
                1 => Direction::Towards,
                -1 => Direction::Away,
                _ => Direction::Mixed,
            },
        })
    }
}
