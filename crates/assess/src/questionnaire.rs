//! The questionnaire: questions, their options and which way each option leans, as data.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Strength, Track};
use crate::content::{Guidance, NextStepTexts, TextBlock, VerdictTexts};
use crate::error::{AssessError, Location};

/// The questionnaire shipped in the binary (`data/assessment.toml`).
const EMBEDDED: &str = include_str!("../../../data/assessment.toml");

/// A replacement questionnaire is a few kilobytes; anything this big is the wrong file.
pub const MAX_QUESTIONNAIRE_BYTES: usize = 1024 * 1024;

static EMBEDDED_QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    // The embedded file is checked by this crate's tests, so failing here is a build defect,
    // never a user's input problem.
    #[allow(clippy::expect_used)] // reason: see above; covered by `embedded_questionnaire_is_valid`
    Questionnaire::from_toml(EMBEDDED, "data/assessment.toml")
        .expect("embedded questionnaire is valid")
});

/// The whole questionnaire with every text the reports show around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub version: u32,
    pub title: String,
    pub intro: String,
    pub questions: Vec<Question>,
    pub verdicts: VerdictTexts,
    pub staff_path: TextBlock,
    pub next_steps: NextStepTexts,
    pub guidance: Guidance,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub id: String,
    /// A short name for the question, used as a heading and in tables.
    pub theme: String,
    /// The question as asked.
    pub prompt: String,
    /// Why the question is asked, shown under the prompt.
    pub help: String,
    /// Pick any number of options (possibly none) instead of exactly one.
    #[serde(default)]
    pub multiple: bool,
    /// A changed answer to this question is a cue to re-take the assessment.
    #[serde(default)]
    pub retake_trigger: bool,
    pub options: Vec<Choice>,
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see
    /// [`dualtrack_framework::Provenance`]).
    #[serde(
        default,
        deserialize_with = "dualtrack_framework::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<dualtrack_framework::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub id: String,
    pub label: String,
    pub lean: Lean,
    /// Present exactly when `lean` is not `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
    /// What picking this option suggests.
    pub reading: String,
    /// A reason that does not survive scrutiny.
    #[serde(default)]
    pub red_flag: bool,
    /// For a red flag: what to do instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// With an IC verdict, this answer marks the Staff+ path (influence without headcount).
    #[serde(default)]
    pub staff_path: bool,
    /// With a management verdict, this answer is a readiness caution the headline must carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_caution: Option<crate::content::CautionText>,
}

/// Which track an option points to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    Ic,
    Management,
    None,
}

impl Lean {
    pub fn track(self) -> Option<Track> {
        match self {
            Lean::Ic => Some(Track::Ic),
            Lean::Management => Some(Track::Management),
            Lean::None => None,
        }
    }
}

/// The tables of a questionnaire file that must say where they come from: the questions,
/// their options (whose readings the report shows), the verdict texts, the Staff+ note, the next
/// steps and the guidance.
pub const PROVENANCE_ITEMS: &[&str] = &[
    "questions",
    "questions.options",
    "questions.options.readiness_caution",
    "verdicts.*",
    "staff_path",
    "next_steps.*",
    "guidance",
];

impl Questionnaire {
    /// The questionnaire built into the binary.
    pub fn embedded() -> &'static Questionnaire {
        &EMBEDDED_QUESTIONNAIRE
    }

    /// Parse and check a questionnaire file (an organisation's replacement for the built-in one).
    pub fn from_toml(text: &str, source_name: &str) -> Result<Self, AssessError> {
        if text.len() > MAX_QUESTIONNAIRE_BYTES {
            return Err(AssessError::TooLarge {
                at: Box::new(Location::whole(source_name)),
                size: text.len(),
                limit: MAX_QUESTIONNAIRE_BYTES,
                what: "a questionnaire",
            });
        }
        let questionnaire: Questionnaire =
            dualtrack_framework::load_toml(source_name, text, MAX_QUESTIONNAIRE_BYTES).map_err(
                |err| AssessError::Syntax {
                    at: Box::new(err.at),
                    message: err.message,
                },
            )?;
        if let Some(problem) = dualtrack_framework::check_document(text, PROVENANCE_ITEMS)
            .into_iter()
            .next()
        {
            return Err(AssessError::Questionnaire {
                at: Box::new(Location::at(source_name, text, problem.offset)),
                message: format!("{}; {}", problem.message(), problem.error.fix()),
            });
        }
        questionnaire
            .check()
            .map_err(|message| AssessError::Questionnaire {
                at: Box::new(Location::whole(source_name)),
                message,
            })?;
        Ok(questionnaire)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Question ids in order, comma-separated (for error messages).
    pub fn question_ids(&self) -> String {
        self.questions
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A complete, valid answers file: every question as a comment, every option listed, and
    /// the first option chosen (none for pick-any-number questions). Printed by
    /// `dualtrack assess template`.
    pub fn answers_template(&self) -> String {
        let mut out = String::from(
            "# Answers for `dualtrack assess --answers FILE`: one line per question.\n\
             # Replace each value with the option id that fits you best.\n",
        );
        for question in &self.questions {
            out.push('\n');
            push_comment(
                &mut out,
                "#",
                "#",
                &format!("{}: {}", question.theme, question.prompt),
            );
            if question.multiple {
                out.push_str("# Pick any number of these (a list, possibly empty):\n");
            }
            for choice in &question.options {
                let first = format!("#   {:<27}", choice.id);
                push_comment(&mut out, &first, &format!("#{:30}", ""), &choice.label);
            }
            out.push_str(&question.example_line());
            out.push('\n');
        }
        out
    }

    /// Every rule the scoring relies on; returns the first broken one.
    fn check(&self) -> Result<(), String> {
        if self.questions.is_empty() {
            return Err("there are no questions; add at least one [[questions]] table".into());
        }
        let mut seen = BTreeSet::new();
        for question in &self.questions {
            check_id(&question.id, "question")?;
            if !seen.insert(question.id.as_str()) {
                return Err(format!(
                    "question id `{}` is used twice; ids must be unique",
                    question.id
                ));
            }
            question.check()?;
        }
        Ok(())
    }
}

impl Question {
    /// Option ids in order, comma-separated (for error messages).
    pub fn option_ids(&self) -> String {
        self.options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    /// A valid answers-file line for this question, for templates and error messages.
    pub fn example_line(&self) -> String {
        if self.multiple {
            format!("{} = []", self.id)
        } else {
            let first = self.options.first().map_or("", |o| o.id.as_str());
            format!("{} = \"{first}\"", self.id)
        }
    }

    fn check(&self) -> Result<(), String> {
        let min = if self.multiple { 1 } else { 2 };
        if self.options.len() < min {
            return Err(format!(
                "question `{}` needs at least {min} options",
                self.id
            ));
        }
        let mut seen = BTreeSet::new();
        for choice in &self.options {
            check_id(&choice.id, "option")?;
            if !seen.insert(choice.id.as_str()) {
                return Err(format!(
                    "question `{}` has option `{}` twice",
                    self.id, choice.id
                ));
            }
            let at = format!("option `{}` of question `{}`", choice.id, self.id);
            match (choice.lean, choice.strength) {
                (Lean::None, Some(_)) => {
                    return Err(format!(
                        "{at} has a strength but no lean; remove the strength"
                    ));
                }
                (Lean::Ic | Lean::Management, None) => {
                    return Err(format!(
                        "{at} leans but has no strength; add strength = \"strong\" or \"mild\""
                    ));
                }
                _ => {}
            }
            if choice.red_flag && (choice.lean != Lean::None || choice.instead.is_none()) {
                return Err(format!(
                    "{at} is a red flag, so it needs lean = \"none\" and an `instead`"
                ));
            }
            if !choice.red_flag && choice.instead.is_some() {
                return Err(format!(
                    "{at} has `instead` but is not a red flag; add red_flag = true or remove it"
                ));
            }
            if choice.staff_path && choice.lean != Lean::Ic {
                return Err(format!(
                    "{at} marks the Staff+ path, so it must lean \"ic\""
                ));
            }
            for (name, text) in [("label", &choice.label), ("reading", &choice.reading)] {
                if text.trim().is_empty() {
                    return Err(format!("{at} has an empty {name}"));
                }
            }
        }
        Ok(())
    }
}

/// Append `text` word-wrapped as comment lines of at most 100 columns: the first line starts
/// with `first`, the others with `rest`.
fn push_comment(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = String::from(first);
    let mut has_words = false;
    for word in text.split_whitespace() {
        if has_words && line.chars().count() + 1 + word.chars().count() > 100 {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
        }
        line.push(' ');
        line.push_str(word);
        has_words = true;
    }
    out.push_str(&line);
    out.push('\n');
}

/// Ids appear in answers files and URLs, so keep them to lowercase snake case.
fn check_id(id: &str, what: &str) -> Result<(), String> {
    let well_formed = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "{what} id `{id}` must be lowercase letters, digits and underscores, starting with a letter"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_questionnaire_is_valid() {
        let q = Questionnaire::from_toml(EMBEDDED, "data/assessment.toml").unwrap();
        let ids: Vec<_> = q.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "absorbed",
                "drift",
                "amplify",
                "next_project",
                "hard_feedback",
                "reason"
            ]
        );
        assert_eq!(q.questions.iter().filter(|q| q.multiple).count(), 1);
        assert_eq!(Questionnaire::embedded(), &q);
    }

    #[test]
    fn template_is_a_valid_answers_file() {
        let q = Questionnaire::embedded();
        let template = q.answers_template();
        let answers = crate::Answers::from_toml(&template, "template.toml").unwrap();
        assert!(crate::score(q, &answers).is_ok());
        assert!(template.contains("#   amplify_by_authority"));
        assert!(
            template.lines().all(|l| l.chars().count() <= 100),
            "{template}"
        );
    }

    fn replace(from: &str, to: &str) -> Result<Questionnaire, AssessError> {
        assert!(
            EMBEDDED.contains(from),
            "fixture text {from:?} not in the data file"
        );
        Questionnaire::from_toml(&EMBEDDED.replacen(from, to, 1), "q.toml")
    }

    fn broken(from: &str, to: &str) -> String {
        replace(from, to).unwrap_err().to_string()
    }

    #[test]
    fn rejects_inconsistent_questionnaires() {
        assert!(
            broken("id = \"drift\"", "id = \"absorbed\"")
                .contains("question id `absorbed` is used twice")
        );
        assert!(
            broken("id = \"refactoring\"", "id = \"Refactoring\"").contains("must be lowercase")
        );
        assert!(
            broken("id = \"tricky_code_or_doc\"", "id = \"hard_problem_alone\"").contains("twice")
        );
        assert!(
            broken(
                "lean = \"none\"\nreading = \"Making",
                "lean = \"none\"\nstrength = \"mild\"\nreading = \"Making"
            )
            .contains("has a strength but no lean")
        );
        assert!(
            broken("lean = \"ic\"\nstrength = \"mild\"\n", "lean = \"ic\"\n")
                .contains("leans but has no strength")
        );
        assert!(
            broken(
                "red_flag = true\nreading = \"Where a real",
                "reading = \"Where a real"
            )
            .contains("not a red flag")
        );
        assert!(
            broken(
                "lean = \"none\"\nred_flag = true",
                "lean = \"ic\"\nstrength = \"mild\"\nred_flag = true"
            )
            .contains("red flag")
        );
        assert!(
            broken(
                "lean = \"ic\"\nstrength = \"strong\"\nstaff_path",
                "lean = \"management\"\nstrength = \"strong\"\nstaff_path"
            )
            .contains("must lean \"ic\"")
        );
        assert!(
            broken(
                "label = \"Cracking a hard technical problem on my own\"",
                "label = \" \""
            )
            .contains("empty label")
        );
    }

    #[test]
    fn reports_syntax_errors_with_a_line() {
        let err = broken("theme = \"Where a bad week drifts\"", "theme = ");
        assert!(err.starts_with("q.toml:"), "{err}");
        let line: usize = err.split(':').nth(1).unwrap().parse().unwrap();
        let expected = EMBEDDED
            .lines()
            .position(|l| l.starts_with("theme = \"Where a bad"))
            .unwrap()
            + 1;
        assert_eq!(line, expected);
        let unknown = broken(
            "retake_trigger = true\n",
            "retake_trigger = true\nweight = 3\n",
        );
        assert!(unknown.contains("weight"), "{unknown}");
    }

    #[test]
    fn refuses_oversized_questionnaires() {
        let huge = "#".repeat(MAX_QUESTIONNAIRE_BYTES + 1);
        let err = Questionnaire::from_toml(&huge, "big.toml").unwrap_err();
        assert!(matches!(err, AssessError::TooLarge { .. }));
    }

    #[test]
    fn an_empty_questionnaire_is_refused() {
        let cut = EMBEDDED.find("[[questions]]").unwrap();
        let rest = EMBEDDED.find("[verdicts.ic]").unwrap();
        let text = format!("{}{}", &EMBEDDED[..cut], &EMBEDDED[rest..]);
        // `questions` is required by serde, so it fails as a missing field first…
        assert!(Questionnaire::from_toml(&text, "q.toml").is_err());
        // …and as an empty list by the check.
        let text = format!("questions = []\n{text}");
        assert!(
            Questionnaire::from_toml(&text, "q.toml")
                .unwrap_err()
                .to_string()
                .contains("no questions")
        );
    }
}
