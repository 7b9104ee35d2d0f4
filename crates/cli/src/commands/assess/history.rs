//! `--save` and `dualtrack assess history`: results kept in the database through the `Store`
//! trait, listed newest first, with changed answers about absorption and drift pointed out.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use dualtrack_assess::{AnswerChange, Answers, Assessment, Questionnaire, trigger_changes};
use dualtrack_board::{NewSavedAssessment, SavedAssessment};
use serde::Serialize;

use crate::database::with_store;
use crate::output::{Format, print_json};
use crate::output::{push_wrapped, table};

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Show at most this many results, newest first (1 to 1000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,

    /// Database to read: sqlite://PATH or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory.
    #[arg(long, env = "DUALTRACK_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
}

/// One saved result with what changed since the one before it.
#[derive(Debug, Serialize)]
struct HistoryItem {
    id: i64,
    taken_at: DateTime<Utc>,
    verdict: String,
    leaning: Option<String>,
    answers: serde_json::Value,
    /// Answers to the re-take trigger questions (absorbed, drift) that differ from the
    /// previous saved result; empty for the oldest one.
    changed: Vec<AnswerChange>,
}

#[derive(Debug, Serialize)]
struct History {
    items: Vec<HistoryItem>,
}

/// Keep one result. The clock is read here, in the shell, never in the engine.
pub fn save(
    database_url: Option<&str>,
    answers: &Answers,
    assessment: &Assessment,
) -> anyhow::Result<SavedAssessment> {
    let record = NewSavedAssessment {
        taken_at: Utc::now(),
        answers: serde_json::to_value(answers)?,
        verdict: assessment.verdict.as_str().to_owned(),
        leaning: assessment.leaning.map(|t| t.as_str().to_owned()),
    };
    with_store(database_url, "saved assessments", async |store| {
        store
            .save_assessment(&record)
            .await
            .context("cannot save the assessment")
    })
}

pub fn run(args: HistoryArgs, questionnaire: &Questionnaire) -> anyhow::Result<ExitCode> {
    // One extra row so the oldest shown result can still be compared with its predecessor.
    let fetch = args
        .limit
        .saturating_add(1)
        .min(dualtrack_board::MAX_ASSESSMENT_LIST);
    let saved = with_store(
        args.database_url.as_deref(),
        "saved assessments",
        async |store| {
            store
                .list_assessments(fetch)
                .await
                .context("cannot read saved assessments")
        },
    )?;
    let history = History {
        items: with_changes(questionnaire, &saved, args.limit as usize),
    };
    match args.format {
        Format::Json => print_json(&history)?,
        Format::Text => print!("{}", render_text(&history)),
        Format::Markdown => print!("{}", render_markdown(&history)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Pair each result (newest first) with the one saved just before it.
fn with_changes(
    questionnaire: &Questionnaire,
    saved: &[SavedAssessment],
    limit: usize,
) -> Vec<HistoryItem> {
    // Saved answers that no longer parse (a hand-edited database) compare as unanswered
    // rather than hiding the whole history.
    let parse = |s: &SavedAssessment| {
        Answers::from_json(&s.answers, &format!("saved assessment #{}", s.id)).ok()
    };
    saved
        .iter()
        .enumerate()
        .take(limit)
        .map(|(i, current)| {
            let changed = match (parse(current), saved.get(i + 1).and_then(parse)) {
                (Some(now), Some(before)) => trigger_changes(questionnaire, &before, &now),
                _ => Vec::new(),
            };
            HistoryItem {
                id: current.id,
                taken_at: current.taken_at,
                verdict: current.verdict.clone(),
                leaning: current.leaning.clone(),
                answers: current.answers.clone(),
                changed,
            }
        })
        .collect()
}

fn render_text(history: &History) -> String {
    let mut out = String::new();
    if history.items.is_empty() {
        out.push_str("No saved assessments yet. Take one with `dualtrack assess --save`.\n");
        return out;
    }
    let mut rows = table(&[
        "#",
        "Taken (UTC)",
        "Verdict",
        "Leaning",
        "Changed since the previous one",
    ]);
    for item in &history.items {
        rows.add_row([
            item.id.to_string(),
            item.taken_at.format("%Y-%m-%d %H:%M").to_string(),
            item.verdict.clone(),
            item.leaning.clone().unwrap_or_else(|| "-".into()),
            changes_cell(&item.changed),
        ]);
    }
    let _ = writeln!(out, "{rows}");
    if let Some(latest) = history.items.first().filter(|i| !i.changed.is_empty()) {
        out.push('\n');
        let themes: Vec<_> = latest
            .changed
            .iter()
            .map(|c| c.theme.to_lowercase())
            .collect();
        push_wrapped(
            &mut out,
            &format!(
                "Your latest answers changed on {}. Those answers move first when a track stops \
                 fitting: read the new report closely, and consider a trial before you switch.",
                themes.join(" and ")
            ),
            "",
            "",
        );
    }
    out
}

fn render_markdown(history: &History) -> String {
    let mut out = String::from("# Saved assessments\n\n");
    if history.items.is_empty() {
        out.push_str("No saved assessments yet. Take one with `dualtrack assess --save`.\n");
        return out;
    }
    out.push_str("| # | Taken (UTC) | Verdict | Leaning | Changed since the previous one |\n");
    out.push_str("| ---: | --- | --- | --- | --- |\n");
    for item in &history.items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            item.id,
            item.taken_at.format("%Y-%m-%d %H:%M"),
            item.verdict,
            item.leaning.as_deref().unwrap_or("-"),
            changes_cell(&item.changed)
                .replace('\n', "<br>")
                .replace('_', "\\_"),
        );
    }
    out
}

fn changes_cell(changes: &[AnswerChange]) -> String {
    if changes.is_empty() {
        return "-".into();
    }
    changes
        .iter()
        .map(AnswerChange::describe)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(id: i64, absorbed: &str, drift: &str) -> SavedAssessment {
        SavedAssessment {
            id,
            taken_at: DateTime::UNIX_EPOCH,
            answers: serde_json::json!({"absorbed": absorbed, "drift": drift, "reason": []}),
            verdict: "unclear".into(),
            leaning: None,
        }
    }

    #[test]
    fn each_result_is_compared_with_the_one_before_it() {
        let q = Questionnaire::embedded();
        // Newest first, as the store returns them.
        let list = [
            saved(3, "org_design", "team_process"),
            saved(2, "org_design", "refactoring"),
            saved(1, "hard_problem_alone", "refactoring"),
        ];
        let items = with_changes(q, &list, 3);
        let described: Vec<Vec<String>> = items
            .iter()
            .map(|i| i.changed.iter().map(AnswerChange::describe).collect())
            .collect();
        assert_eq!(
            described,
            [
                vec!["drift: refactoring -> team_process".to_owned()],
                vec!["absorbed: hard_problem_alone -> org_design".to_owned()],
                vec![],
            ]
        );
        // With a limit, the extra row is only used for comparison.
        let limited = with_changes(q, &list, 2);
        assert_eq!(limited.len(), 2);
        assert_eq!(limited[1].changed.len(), 1);
    }

    #[test]
    fn unreadable_saved_answers_do_not_hide_the_history() {
        let q = Questionnaire::embedded();
        let mut broken = saved(2, "org_design", "refactoring");
        broken.answers = serde_json::json!("not an object");
        let items = with_changes(
            q,
            &[broken, saved(1, "hard_problem_alone", "refactoring")],
            5,
        );
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|i| i.changed.is_empty()));
    }

    #[test]
    fn text_and_markdown_point_out_the_latest_change() {
        let q = Questionnaire::embedded();
        let list = [
            saved(2, "org_design", "refactoring"),
            saved(1, "hard_problem_alone", "refactoring"),
        ];
        let history = History {
            items: with_changes(q, &list, 5),
        };
        let text = render_text(&history);
        assert!(
            text.contains("Your latest answers changed on absorbed in the work."),
            "{text}"
        );
        assert!(text.contains("1970-01-01 00:00"), "{text}");
        let markdown = render_markdown(&history);
        assert!(markdown.contains("| 2 | 1970-01-01 00:00 | unclear | - | absorbed: hard\\_problem\\_alone -> org\\_design |"), "{markdown}");
        let empty = History { items: Vec::new() };
        assert!(render_text(&empty).starts_with("No saved assessments yet"));
    }
}
