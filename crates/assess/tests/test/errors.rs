//! Every error message: it names the place, the key, and lists the valid ids.

use dualtrack_assess::{Answers, AssessError, MAX_ANSWERS_BYTES, Questionnaire, score};

use super::common::toml_error;

const VALID: &str = "\
absorbed = \"hard_problem_alone\"
drift = \"refactoring\"
amplify = \"amplify_by_authority\"
next_project = \"hands_on_system\"
hard_feedback = \"avoid_for_weeks\"
reason = [\"protect_deep_work\"]
";

#[test]
fn the_valid_file_scores() {
    let answers = Answers::from_toml(VALID, "answers.toml").unwrap();
    assert!(score(Questionnaire::embedded(), &answers).is_ok());
}

#[test]
fn unknown_question_names_key_line_and_valid_ids() {
    let text = VALID.replace("drift =", "drfit =");
    assert_eq!(
        toml_error(&text),
        "answers.toml:2:1: unknown question `drfit` (did you mean `drift`?); \
         valid questions: absorbed, drift, amplify, next_project, hard_feedback, reason"
    );
    let text = format!("{VALID}salary = \"high\"\n");
    assert_eq!(
        toml_error(&text),
        "answers.toml:7:1: unknown question `salary`; \
         valid questions: absorbed, drift, amplify, next_project, hard_feedback, reason"
    );
}

#[test]
fn unknown_option_names_question_position_and_valid_options() {
    let text = VALID.replace("\"refactoring\"", "\"refactor\"");
    assert_eq!(
        toml_error(&text),
        "answers.toml:2:9: question `drift` has no option `refactor` (did you mean `refactoring`?); \
         valid options: refactoring, deep_technical_rabbit_hole, team_process, people_conversations, \
         nothing_in_particular"
    );
    let text = VALID.replace(
        "[\"protect_deep_work\"]",
        "[\"protect_deep_work\", \"money\"]",
    );
    let err = toml_error(&text);
    assert!(
        err.starts_with(
            "answers.toml:6:32: question `reason` has no option `money`; valid options: "
        ),
        "{err}"
    );
    assert!(err.ends_with("keep_a_strong_report, only_way_up"), "{err}");
}

#[test]
fn missing_answer_names_the_question_and_shows_a_line_to_add() {
    let text = VALID.replace("hard_feedback = \"avoid_for_weeks\"\n", "");
    assert_eq!(
        toml_error(&text),
        "answers.toml: no answer to `hard_feedback` (Telling someone their work isn't working); \
         add a line such as `hard_feedback = \"part_of_caring\"`; \
         valid options: part_of_caring, uncomfortable_but_doable, avoid_for_weeks"
    );
    let text = VALID.replace("reason = [\"protect_deep_work\"]\n", "");
    let err = toml_error(&text);
    assert!(
        err.contains(
            "no answer to `reason` (Your honest reason); add a line such as `reason = []`"
        ),
        "{err}"
    );
    // A typo is reported before the answer it leaves missing.
    let text = VALID.replace("absorbed =", "absorbd =");
    assert!(
        toml_error(&text)
            .starts_with("answers.toml:1:1: unknown question `absorbd` (did you mean `absorbed`?)")
    );
}

#[test]
fn wrong_shapes_say_how_to_write_the_value() {
    let text = VALID.replace("\"hands_on_system\"", "[\"hands_on_system\", \"unsure\"]");
    assert_eq!(
        toml_error(&text),
        "answers.toml:4:16: `next_project` takes exactly one option id, but found a list of 2; \
         write it as `next_project = \"hands_on_system\"`"
    );
    let text = VALID.replace("\"hands_on_system\"", "[]");
    assert!(
        toml_error(&text)
            .contains("found a list of 0; write it as `next_project = \"hands_on_system\"`")
    );
    let text = VALID.replace("\"avoid_for_weeks\"", "2");
    assert!(
        toml_error(&text)
            .starts_with("answers.toml:5:17: `hard_feedback` takes an option id in quotes")
    );
}

#[test]
fn a_single_reason_may_be_written_without_a_list() {
    let text = VALID.replace("[\"protect_deep_work\"]", "\"protect_deep_work\"");
    let answers = Answers::from_toml(&text, "answers.toml").unwrap();
    let a = score(Questionnaire::embedded(), &answers).unwrap();
    assert_eq!(a.strong.ic, 6);
    assert_eq!(a.readings.last().unwrap().option, "protect_deep_work");
}

#[test]
fn duplicates_are_refused() {
    let text = VALID.replace(
        "[\"protect_deep_work\"]",
        "[\"protect_deep_work\", \"more_money\", \"protect_deep_work\"]",
    );
    assert_eq!(
        toml_error(&text),
        "answers.toml:6:46: `reason` lists `protect_deep_work` more than once; list each option once"
    );
}

#[test]
fn syntax_errors_point_at_the_line() {
    let err = toml_error("absorbed = \"hard_problem_alone\"\ndrift = refactoring\n");
    assert!(
        err.starts_with("answers.toml:2:9: not valid TOML: "),
        "{err}"
    );
}

#[test]
fn oversized_answers_are_refused_with_a_reason() {
    let text = format!("{VALID}#{}\n", "x".repeat(MAX_ANSWERS_BYTES));
    let err = Answers::from_toml(&text, "answers.toml").unwrap_err();
    assert!(matches!(err, AssessError::TooLarge { .. }));
    assert!(
        err.to_string()
            .contains("more than the 65536-byte limit for an answers file"),
        "{err}"
    );
}

#[test]
fn json_answers_report_the_source_without_a_line() {
    let value = serde_json::json!({
        "absorbed": "hard_problem_alone", "drift": "refactoring", "amplify": "amplify_by_authority",
        "next_project": "hands_on_system", "hard_feedback": "avoid_for_weeks", "reason": ["nope"]
    });
    let answers = Answers::from_json(&value, "request body").unwrap();
    let err = score(Questionnaire::embedded(), &answers)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("request body: question `reason` has no option `nope`; valid options: drawn_to_people_work"), "{err}");
}
