//! Comparing one set of answers with the previous one: a changed answer to a question marked
//! `retake_trigger` (what absorbs you, where you drift) is the cue that a track may no longer
//! fit.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Answers};
use crate::questionnaire::Questionnaire;

/// One trigger question whose answer differs between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AnswerChange {
    pub question: String,
    pub theme: String,
    /// The earlier option id(s); empty when the earlier assessment did not answer it.
    pub from: Vec<String>,
    /// The later option id(s).
    pub to: Vec<String>,
}

impl AnswerChange {
    /// `absorbed: hard_problem_alone -> org_design`, for tables and log lines.
    pub fn describe(&self) -> String {
        let side = |ids: &[String]| {
            if ids.is_empty() {
                "(none)".to_owned()
            } else {
                ids.join(", ")
            }
        };
        format!(
            "{}: {} -> {}",
            self.question,
            side(&self.from),
            side(&self.to)
        )
    }
}

/// The trigger questions whose answers changed from `previous` to `current`, in questionnaire
/// order. Saved answers may come from an older questionnaire, so ids are compared as given,
/// without checking them.
pub fn trigger_changes(
    questionnaire: &Questionnaire,
    previous: &Answers,
    current: &Answers,
) -> Vec<AnswerChange> {
    let ids = |answer: Option<&Answer>| -> Vec<String> {
        let mut ids: Vec<String> = answer
            .map(|a| a.ids().into_iter().map(str::to_owned).collect())
            .unwrap_or_default();
        ids.sort();
        ids
    };
    questionnaire
        .questions
        .iter()
        .filter(|q| q.retake_trigger)
        .filter_map(|q| {
            let from = ids(previous.get(&q.id));
            let to = ids(current.get(&q.id));
            (from != to).then(|| AnswerChange {
                question: q.id.clone(),
                theme: q.theme.clone(),
                from,
                to,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(absorbed: &str, drift: &str, amplify: &str) -> Answers {
        Answers::new()
            .with("absorbed", Answer::One(absorbed.into()))
            .with("drift", Answer::One(drift.into()))
            .with("amplify", Answer::One(amplify.into()))
    }

    #[test]
    fn only_trigger_questions_count() {
        let q = Questionnaire::embedded();
        let before = answers("hard_problem_alone", "refactoring", "own_keyboard");
        let after = answers(
            "hard_problem_alone",
            "refactoring",
            "amplify_with_headcount",
        );
        assert!(trigger_changes(q, &before, &after).is_empty());
    }

    #[test]
    fn reports_absorbed_and_drift_changes_in_order() {
        let q = Questionnaire::embedded();
        let before = answers("hard_problem_alone", "refactoring", "own_keyboard");
        let after = answers("org_design", "team_process", "own_keyboard");
        let changes = trigger_changes(q, &before, &after);
        let described: Vec<_> = changes.iter().map(AnswerChange::describe).collect();
        assert_eq!(
            described,
            [
                "absorbed: hard_problem_alone -> org_design",
                "drift: refactoring -> team_process"
            ]
        );
        assert_eq!(changes[0].theme, "Absorbed in the work");
    }

    #[test]
    fn a_newly_answered_trigger_is_a_change() {
        let q = Questionnaire::embedded();
        let after = answers("org_design", "team_process", "own_keyboard");
        let changes = trigger_changes(q, &Answers::new(), &after);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].describe(), "absorbed: (none) -> org_design");
    }
}
