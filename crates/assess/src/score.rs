//! Answers + questionnaire -> assessment: check every id, count the leans, apply the rule.

use crate::answers::{Answer, Answers};
use crate::assessment::{
    Assessment, Caution, NextStep, Reading, RedFlagNote, Strength, Tally, Verdict,
};
use crate::content::NextStepText;
use crate::error::{AssessError, did_you_mean};
use crate::questionnaire::{Choice, Question, Questionnaire};

/// Score a complete set of answers.
///
/// Every question must be answered (a pick-any-number question may be answered with an empty
/// list), every key must be a question id and every value one of that question's option ids.
/// The first problem, in file order, is returned with its position and the valid ids.
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Result<Assessment, AssessError> {
    let chosen = resolve(questionnaire, answers)?;

    let mut strong = Tally::default();
    let mut mild = Tally::default();
    let mut weighted = Tally::default();
    let mut readings = Vec::new();
    let mut red_flag_notes = Vec::new();
    let mut authority = false;
    let mut empty_multiple = false;
    let mut cautions = Vec::new();

    for (question, choices) in &chosen {
        empty_multiple |= question.multiple && choices.is_empty();
        for choice in choices {
            let track = choice.lean.track();
            if let (Some(track), Some(strength)) = (track, choice.strength) {
                match strength {
                    Strength::Strong => strong.add(track, 1),
                    Strength::Mild => mild.add(track, 1),
                }
                weighted.add(track, strength.weight());
            }
            authority |= choice.staff_path;
            if let Some(text) = &choice.readiness_caution {
                cautions.push(Caution {
                    id: text.id.clone(),
                    question: question.id.clone(),
                    option: choice.id.clone(),
                    headline: text.headline.clone(),
                    detail: text.detail.clone(),
                    trial_first: text.trial_first.clone(),
                    source: text.source.clone(),
                    assumption: text.assumption.clone(),
                });
            }
            if choice.red_flag {
                red_flag_notes.push(RedFlagNote {
                    id: choice.id.clone(),
                    answer: choice.label.clone(),
                    why: choice.reading.clone(),
                    instead: choice.instead.clone().unwrap_or_default(),
                });
            }
            readings.push(Reading {
                question: question.id.clone(),
                theme: question.theme.clone(),
                option: choice.id.clone(),
                answer: choice.label.clone(),
                lean: track,
                strength: track.and(choice.strength),
                red_flag: choice.red_flag,
                reading: choice.reading.clone(),
                source: choice.source.clone(),
                assumption: choice.assumption.clone(),
            });
        }
    }

    let verdict = Verdict::from_strong(strong);
    // A caution qualifies a management verdict; under any other verdict the answer already
    // counts against management and needs no second say.
    if verdict != Verdict::Management {
        cautions.clear();
    }
    let mut summary = questionnaire.verdicts.get(verdict).clone();
    for caution in &cautions {
        summary.headline = format!("{} {}", summary.headline, caution.headline);
    }
    let staff_path = verdict == Verdict::Ic && authority;
    let red_flags: Vec<String> = red_flag_notes.iter().map(|n| n.id.clone()).collect();
    let next_steps = next_steps(
        questionnaire,
        verdict,
        staff_path,
        &red_flag_notes,
        empty_multiple,
    );

    Ok(Assessment {
        verdict,
        leaning: weighted.larger(),
        strong,
        mild,
        weighted,
        red_flags,
        staff_path,
        title: questionnaire.title.clone(),
        summary,
        cautions,
        staff_path_note: staff_path.then(|| questionnaire.staff_path.clone()),
        readings,
        red_flag_notes,
        next_steps,
        guidance: questionnaire.guidance.clone(),
    })
}

/// Check the answers against the questionnaire and pair each question with its chosen options,
/// in questionnaire order (and, within a pick-any-number question, in option order).
fn resolve<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Result<Vec<(&'q Question, Vec<&'q Choice>)>, AssessError> {
    for key in answers.keys() {
        if questionnaire.question(key).is_none() {
            return Err(AssessError::UnknownQuestion {
                at: Box::new(answers.key_location(key)),
                key: key.to_owned(),
                hint: did_you_mean(key, questionnaire.questions.iter().map(|q| q.id.as_str())),
                valid: questionnaire.question_ids(),
            });
        }
    }
    // Wrong ids inside given answers come before missing answers: they are on a line the
    // user can go to, and fixing a typo often also fixes the "missing" one.
    let mut given = Vec::new();
    for question in &questionnaire.questions {
        if let Some(answer) = answers.get(&question.id) {
            given.push((question, check_answer(question, answer, answers)?));
        }
    }
    if let Some(question) = questionnaire
        .questions
        .iter()
        .find(|q| answers.get(&q.id).is_none())
    {
        return Err(AssessError::MissingAnswer {
            at: Box::new(answers.whole()),
            question: question.id.clone(),
            theme: question.theme.clone(),
            example: question.example_line(),
            valid: question.option_ids(),
        });
    }
    Ok(given)
}

fn check_answer<'q>(
    question: &'q Question,
    answer: &Answer,
    answers: &Answers,
) -> Result<Vec<&'q Choice>, AssessError> {
    if let Answer::Many(ids) = answer
        && !question.multiple
    {
        let example = match ids.first() {
            Some(first) => format!("{} = \"{first}\"", question.id),
            None => question.example_line(),
        };
        return Err(AssessError::WrongType {
            at: Box::new(answers.value_location(&question.id, None)),
            question: question.id.clone(),
            expected: "takes exactly one option id",
            found: format!("a list of {}", ids.len()),
            example,
        });
    }
    let ids = answer.ids();
    let mut picked = Vec::with_capacity(ids.len());
    for (index, id) in ids.iter().enumerate() {
        let item = matches!(answer, Answer::Many(_)).then_some(index);
        let Some(choice) = question.option(id) else {
            return Err(AssessError::UnknownOption {
                at: Box::new(answers.value_location(&question.id, item)),
                question: question.id.clone(),
                option: (*id).to_owned(),
                hint: did_you_mean(id, question.options.iter().map(|o| o.id.as_str())),
                valid: question.option_ids(),
            });
        };
        if ids.get(..index).is_some_and(|earlier| earlier.contains(id)) {
            return Err(AssessError::Duplicate {
                at: Box::new(answers.value_location(&question.id, item)),
                question: question.id.clone(),
                option: (*id).to_owned(),
            });
        }
        picked.push(choice);
    }
    // Questionnaire order, whatever order the user listed them in.
    picked.sort_by_key(|choice| question.options.iter().position(|o| o.id == choice.id));
    Ok(picked)
}

/// Which next steps apply, most specific first; re-taking always comes last.
fn next_steps(
    questionnaire: &Questionnaire,
    verdict: Verdict,
    staff_path: bool,
    red_flags: &[RedFlagNote],
    empty_multiple: bool,
) -> Vec<NextStep> {
    let texts = &questionnaire.next_steps;
    let step = |id: &str, text: &NextStepText| NextStep {
        id: id.to_owned(),
        title: text.title.clone(),
        detail: text.detail.clone(),
        command: text.command.clone(),
    };
    let mut steps = Vec::new();
    match verdict {
        Verdict::Ic if staff_path => steps.push(step("staff_case", &texts.staff_case)),
        Verdict::Ic => steps.push(step("grow_ic_reach", &texts.grow_ic_reach)),
        Verdict::Management => {
            if !red_flags.is_empty() {
                let labels: Vec<_> = red_flags
                    .iter()
                    .map(|n| lowercase_first(&n.answer))
                    .collect();
                let mut caution = step("caution", &texts.caution);
                caution.detail = caution.detail.replace("{red_flags}", &labels.join("; "));
                steps.push(caution);
            }
            steps.push(step("practise_management", &texts.practise_management));
        }
        Verdict::Either | Verdict::Unclear => {
            steps.push(step("trial", &texts.trial));
            steps.push(step("calendar", &texts.calendar));
        }
    }
    if empty_multiple {
        steps.push(step("name_reason", &texts.name_reason));
    }
    steps.push(step("retake", &texts.retake));
    steps
}

/// "My company has no Staff role" -> "my company has no Staff role", for use mid-sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
