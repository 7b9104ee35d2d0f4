//! The questions asked in the terminal, one at a time, with a way back and a way out.

use std::fmt;

use dualtrack_assess::{Answer, Answers, Question, Questionnaire};
use inquire::error::InquireError;
use inquire::{MultiSelect, Select};

/// One line in a prompt's list: an option of the question, or the step back.
#[derive(Debug, Clone)]
enum Item<'q> {
    Option { index: usize, label: &'q str },
    Back,
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Option { label, .. } => f.write_str(label),
            Item::Back => f.write_str("<- back to the previous question"),
        }
    }
}

/// What the person did at one question.
enum Step {
    Answered(Answer),
    Back,
    Quit,
}

/// Ask every question in order. `Ok(None)` when the person quits (Esc or Ctrl-C).
pub fn ask(questionnaire: &Questionnaire) -> anyhow::Result<Option<Answers>> {
    eprintln!("{}\n", questionnaire.title);
    eprintln!("{}\n", questionnaire.intro);
    let total = questionnaire.questions.len();
    let mut given: Vec<Option<Answer>> = vec![None; total];
    let mut current = 0;
    while let Some(question) = questionnaire.questions.get(current) {
        let previous = given.get(current).cloned().flatten();
        let header = format!("[{}/{total}] {}", current + 1, question.prompt);
        let step = if question.multiple {
            ask_many(question, &header, current > 0, previous.as_ref())?
        } else {
            ask_one(question, &header, current > 0, previous.as_ref())?
        };
        match step {
            Step::Answered(answer) => {
                if let Some(slot) = given.get_mut(current) {
                    *slot = Some(answer);
                }
                current += 1;
            }
            Step::Back => current = current.saturating_sub(1),
            Step::Quit => return Ok(None),
        }
    }
    let mut answers = Answers::new().with_source("your answers");
    for (question, answer) in questionnaire.questions.iter().zip(given) {
        if let Some(answer) = answer {
            answers.set(&question.id, answer);
        }
    }
    Ok(Some(answers))
}

fn items(question: &Question, can_go_back: bool) -> Vec<Item<'_>> {
    let mut items: Vec<Item<'_>> = question
        .options
        .iter()
        .enumerate()
        .map(|(index, choice)| Item::Option {
            index,
            label: &choice.label,
        })
        .collect();
    if can_go_back {
        items.push(Item::Back);
    }
    items
}

fn ask_one(
    question: &Question,
    header: &str,
    can_go_back: bool,
    previous: Option<&Answer>,
) -> anyhow::Result<Step> {
    let help = format!(
        "{}  [up/down to move, enter to choose, esc to quit]",
        question.help
    );
    // Coming back to a question puts the cursor on the answer given before.
    let cursor = previous
        .and_then(|a| a.ids().first().copied())
        .and_then(|id| question.options.iter().position(|o| o.id == id))
        .unwrap_or(0);
    let chosen = Select::new(header, items(question, can_go_back))
        .with_help_message(&help)
        .with_starting_cursor(cursor)
        .with_page_size(10)
        .prompt();
    Ok(match outcome(chosen)? {
        None => Step::Quit,
        Some(Item::Back) => Step::Back,
        Some(Item::Option { index, .. }) => match question.options.get(index) {
            Some(choice) => Step::Answered(Answer::One(choice.id.clone())),
            None => Step::Back,
        },
    })
}

fn ask_many(
    question: &Question,
    header: &str,
    can_go_back: bool,
    previous: Option<&Answer>,
) -> anyhow::Result<Step> {
    let help = format!(
        "{}  [space to tick, enter to confirm (none is fine), tick the last line to go back, esc to quit]",
        question.help
    );
    let defaults: Vec<usize> = previous
        .map(|a| {
            a.ids()
                .into_iter()
                .filter_map(|id| question.options.iter().position(|o| o.id == id))
                .collect()
        })
        .unwrap_or_default();
    let chosen = MultiSelect::new(header, items(question, can_go_back))
        .with_help_message(&help)
        .with_default(&defaults)
        .with_page_size(12)
        .prompt();
    let Some(chosen) = outcome(chosen)? else {
        return Ok(Step::Quit);
    };
    if chosen.iter().any(|item| matches!(item, Item::Back)) {
        return Ok(Step::Back);
    }
    let ids = chosen
        .iter()
        .filter_map(|item| match item {
            Item::Option { index, .. } => question.options.get(*index).map(|o| o.id.clone()),
            Item::Back => None,
        })
        .collect();
    Ok(Step::Answered(Answer::Many(ids)))
}

/// `None` when the person asked to stop; a real terminal failure is an error.
fn outcome<T>(result: Result<T, InquireError>) -> anyhow::Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => Ok(None),
        Err(err) => Err(anyhow::anyhow!(
            "cannot ask the questions in this terminal ({err}); pass --answers FILE instead"
        )),
    }
}
