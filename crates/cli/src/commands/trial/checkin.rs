//! `dualtrack trial checkin`: a minute's weekly answers, asked in the terminal or read from a
//! check-in file (`date = ...` and an `[answers]` table).

use std::collections::BTreeMap;
use std::fmt;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use dualtrack_trial::{Checkin, CheckinForm, FormQuestion, MAX_CHECKIN_BYTES, TrialContent};
use inquire::error::InquireError;
use inquire::{Select, Text};

use super::store::{self, Place};
use crate::input::{self, Kind};

#[derive(Debug, clap::Args)]
pub struct CheckinArgs {
    /// A check-in file (TOML: `date = 2026-01-12` and an `[answers]` table), or - for stdin.
    /// Without it the questions are asked in the terminal.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// The check-in's date when asked in the terminal (default: today).
    #[arg(long, value_name = "DATE", conflicts_with = "answers")]
    pub date: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::output::Format,
}

/// What a check-in saved, for `--format json`.
#[derive(Debug, serde::Serialize)]
struct Saved {
    date: NaiveDate,
    recorded: usize,
    due: usize,
}

pub fn run(place: &Place, args: CheckinArgs, content: &TrialContent) -> anyhow::Result<ExitCode> {
    let (stored, mut trial) = store::load(place, content)?;
    let checkin = match &args.answers {
        Some(path) => from_file(path, &content.form)?,
        None => {
            if !std::io::stdin().is_terminal() {
                bail!(
                    "no terminal to ask the check-in questions on; pass --answers FILE \
                     (`date = YYYY-MM-DD` and an `[answers]` table of question = \"option\")"
                );
            }
            let date = args.date.unwrap_or_else(crate::clock::today);
            match ask(&content.form, date)? {
                Some(c) => c,
                None => {
                    eprintln!("Check-in abandoned; nothing saved.");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    };
    let date = checkin.date;
    trial.add_checkin_on(checkin, content, crate::clock::today())?;
    store::save(place, &stored, &trial)?;
    let expected = trial
        .schedule(content)
        .checkins
        .iter()
        .filter(|d| **d <= date)
        .count();
    let saved = Saved {
        date,
        recorded: trial.checkins.len(),
        due: expected,
    };
    let text = || {
        format!(
            "Saved the check-in for {date}: {} recorded, {expected} due by then.\n",
            saved.recorded
        )
    };
    crate::output::emit(args.format, &saved, text, text)?;
    Ok(ExitCode::SUCCESS)
}

fn from_file(path: &std::path::Path, form: &CheckinForm) -> anyhow::Result<Checkin> {
    let (origin, text) = input::read_text(path, Kind::new("check-in file", MAX_CHECKIN_BYTES))?;
    Ok(Checkin::from_toml(&origin, &text, form)?)
}

/// One line of a prompt: an option of the question, or leaving it out.
enum Item<'q> {
    Option { id: &'q str, label: &'q str },
    Skip,
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Option { label, .. } => f.write_str(label),
            Item::Skip => f.write_str("(skip this question)"),
        }
    }
}

/// Ask each question once. `Ok(None)` when the person quits (Esc or Ctrl-C).
fn ask(form: &CheckinForm, date: NaiveDate) -> anyhow::Result<Option<Checkin>> {
    eprintln!("Check-in for the week of {date}: a minute, one answer per question.\n");
    let total = form.questions.len();
    let mut answers = BTreeMap::new();
    for (i, q) in form.questions.iter().enumerate() {
        match ask_one(q, &format!("[{}/{total}] {}", i + 1, q.prompt))? {
            Some(Some(option)) => {
                answers.insert(q.id.clone(), option);
            }
            Some(None) => {}
            None => return Ok(None),
        }
    }
    if answers.is_empty() {
        bail!("no question answered; a check-in needs at least one answer");
    }
    let note = match Text::new("A note for yourself (optional, Enter to skip):").prompt() {
        Ok(n) if !n.trim().is_empty() => Some(n.trim().to_owned()),
        Ok(_) => None,
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Some(Checkin {
        date,
        answers,
        note,
    }))
}

/// `Some(Some(option))` answered, `Some(None)` skipped, `None` quit.
fn ask_one(q: &FormQuestion, header: &str) -> anyhow::Result<Option<Option<String>>> {
    let mut items: Vec<Item<'_>> = q
        .options
        .iter()
        .map(|o| Item::Option {
            id: &o.id,
            label: &o.label,
        })
        .collect();
    items.push(Item::Skip);
    let mut prompt = Select::new(header, items);
    if let Some(help) = &q.help {
        prompt = prompt.with_help_message(help);
    }
    match prompt.prompt() {
        Ok(Item::Option { id, .. }) => Ok(Some(Some(id.to_owned()))),
        Ok(Item::Skip) => Ok(Some(None)),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
