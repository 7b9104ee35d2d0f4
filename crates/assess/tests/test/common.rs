//! Building answer sets tersely.

use dualtrack_assess::{Answer, Answers, Assessment, Questionnaire, score};

/// Answers from the five single questions plus the list for `reason`.
pub fn answers(singles: [&str; 5], reasons: &[&str]) -> Answers {
    let ids = [
        "absorbed",
        "drift",
        "amplify",
        "next_project",
        "hard_feedback",
    ];
    let mut answers = Answers::new();
    for (question, option) in ids.into_iter().zip(singles) {
        answers.set(question, Answer::One(option.to_owned()));
    }
    answers.set(
        "reason",
        Answer::Many(reasons.iter().map(|s| (*s).to_owned()).collect()),
    );
    answers
}

/// Score with the embedded questionnaire, requiring success.
pub fn assess(singles: [&str; 5], reasons: &[&str]) -> Assessment {
    score(Questionnaire::embedded(), &answers(singles, reasons)).unwrap()
}

/// Score an answers file written in TOML, returning the error message.
pub fn toml_error(text: &str) -> String {
    let parsed = Answers::from_toml(text, "answers.toml");
    match parsed {
        Err(err) => err.to_string(),
        Ok(answers) => score(Questionnaire::embedded(), &answers)
            .unwrap_err()
            .to_string(),
    }
}

/// The quietest answers possible: no lean anywhere except a mild management one (every
/// `hard_feedback` option leans). A base to change one answer at a time.
pub const QUIET: [&str; 5] = [
    "pairing_junior",
    "nothing_in_particular",
    "both_equally",
    "unsure",
    "uncomfortable_but_doable",
];
