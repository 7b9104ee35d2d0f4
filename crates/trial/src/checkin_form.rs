//! The weekly check-in questionnaire and the sponsor's gate questions (`data/trial-checkin.toml`):
//! every option tied to the signal it reads and where that comes from.

use std::collections::BTreeSet;

use dualtrack_assess::Track;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Location, TrialError};
use crate::kind::TrialKind;
use dualtrack_framework::{Provenance, SourceRef};

/// The shipped questionnaire.
pub const EMBEDDED_CHECKIN: &str = include_str!("../../../data/trial-checkin.toml");

/// A real questionnaire is a few kilobytes.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// What kind of evidence an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Evidence about fit the seeds say to watch.
    Real,
    /// A reason the seeds say misleads; listed, never counted.
    False,
    /// Says nothing either way.
    None,
}

/// Which track an answer points to, as written in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    Management,
    Ic,
    None,
}

impl Lean {
    #[must_use]
    pub fn track(self) -> Option<Track> {
        match self {
            Lean::Management => Some(Track::Management),
            Lean::Ic => Some(Track::Ic),
            Lean::None => None,
        }
    }
}

/// An answer's direction relative to the track being trialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Towards,
    Away,
    Neither,
}

impl Relation {
    #[must_use]
    pub fn of(lean: Lean, kind: TrialKind) -> Self {
        match lean.track() {
            Some(track) if track == kind.trialled_track() => Relation::Towards,
            Some(_) => Relation::Away,
            None => Relation::Neither,
        }
    }
}

/// One option of a check-in question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOption {
    pub id: String,
    pub label: String,
    pub signal: SignalKind,
    pub lean: Lean,
    pub provenance: Provenance,
}

/// One question with its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormQuestion {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub options: Vec<FormOption>,
}

impl FormQuestion {
    #[must_use]
    pub fn option(&self, id: &str) -> Option<&FormOption> {
        self.options.iter().find(|o| o.id == id)
    }

    #[must_use]
    pub fn option_ids(&self) -> String {
        self.options
            .iter()
            .map(|o| format!("`{}`", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The weekly questions and the sponsor's gate questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinForm {
    pub questions: Vec<FormQuestion>,
    pub sponsor_questions: Vec<FormQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    schema_version: Spanned<u32>,
    #[serde(default)]
    question: Vec<RawQuestion>,
    #[serde(default)]
    sponsor_question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    prompt: Spanned<String>,
    help: Option<String>,
    #[serde(default)]
    option: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    label: Spanned<String>,
    signal: SignalKind,
    lean: Lean,
    #[serde(default)]
    source: Vec<SourceRef>,
    assumption: Option<String>,
}

/// The longest label or prompt; a check-in is meant to take a minute.
const MAX_TEXT_CHARS: usize = 200;

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl CheckinForm {
    /// The shipped questionnaire.
    ///
    /// # Errors
    /// Only if the shipped file is broken, which the tests rule out.
    pub fn embedded() -> Result<Self, TrialError> {
        Self::from_toml("data/trial-checkin.toml", EMBEDDED_CHECKIN)
    }

    /// Parse and validate a questionnaire file named `origin`.
    ///
    /// # Errors
    /// [`TrialError::TooLarge`], [`TrialError::Parse`] or [`TrialError::Invalid`], located.
    pub fn from_toml(origin: &str, src: &str) -> Result<Self, TrialError> {
        let raw: RawForm = dualtrack_framework::load_toml(origin, src, MAX_FORM_BYTES)
            .map_err(|e| e.with_fix("compare with the shipped data/trial-checkin.toml; its header explains each key"))?;
        let at = |offset: usize| Location::at(origin, src, offset);
        dualtrack_framework::check_schema_version(origin, src, &raw.schema_version, 1)?;
        if raw.question.is_empty() {
            return Err(TrialError::invalid(
                at(0),
                "no `[[question]]` tables",
                "add at least one question with its options",
            ));
        }
        let questions = convert(origin, src, raw.question)?;
        let sponsor_questions = convert(origin, src, raw.sponsor_question)?;
        Ok(Self {
            questions,
            sponsor_questions,
        })
    }

    #[must_use]
    pub fn question(&self, id: &str) -> Option<&FormQuestion> {
        self.questions.iter().find(|q| q.id == id)
    }

    #[must_use]
    pub fn sponsor_question(&self, id: &str) -> Option<&FormQuestion> {
        self.sponsor_questions.iter().find(|q| q.id == id)
    }
}

fn convert(
    origin: &str,
    src: &str,
    raw: Vec<RawQuestion>,
) -> Result<Vec<FormQuestion>, TrialError> {
    let at = |offset: usize| Location::at(origin, src, offset);
    let text_ok = |s: &Spanned<String>, what: &str| -> Result<(), TrialError> {
        let chars = s.get_ref().trim().chars().count();
        if chars == 0 || chars > MAX_TEXT_CHARS {
            return Err(TrialError::invalid(
                at(s.span().start),
                format!("`{what}` must be 1 to {MAX_TEXT_CHARS} characters, got {chars}"),
                "write a short sentence; a check-in should take about a minute",
            ));
        }
        Ok(())
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for q in raw {
        let qid = q.id.get_ref();
        if !is_id(qid) {
            return Err(TrialError::invalid(
                at(q.id.span().start),
                format!("question id `{qid}` is not a snake_case id"),
                "use 1-40 lowercase letters, digits and underscores, starting with a letter",
            ));
        }
        if !seen.insert(qid.clone()) {
            return Err(TrialError::invalid(
                at(q.id.span().start),
                format!("question id `{qid}` is used twice"),
                "give each question its own id",
            ));
        }
        text_ok(&q.prompt, "prompt")?;
        if q.option.len() < 2 {
            return Err(TrialError::invalid(
                at(q.id.span().start),
                format!("question `{qid}` has {} option(s)", q.option.len()),
                "give every question at least two `[[question.option]]` tables",
            ));
        }
        let mut option_ids = BTreeSet::new();
        let mut options = Vec::with_capacity(q.option.len());
        for o in q.option {
            let oid = o.id.get_ref();
            if !is_id(oid) || !option_ids.insert(oid.clone()) {
                return Err(TrialError::invalid(
                    at(o.id.span().start),
                    format!("option id `{oid}` in question `{qid}` is not a new snake_case id"),
                    "use a unique id of lowercase letters, digits and underscores",
                ));
            }
            text_ok(&o.label, "label")?;
            let provenance = Provenance {
                source: o.source,
                assumption: o.assumption,
            };
            if let Err(problem) = provenance.check() {
                return Err(TrialError::invalid(
                    at(o.id.span().start),
                    format!("option `{qid}.{oid}`: {problem}"),
                    problem.fix(),
                ));
            }
            if o.signal == SignalKind::Real
                && o.lean == Lean::None
                && provenance.assumption.is_none()
            {
                return Err(TrialError::invalid(
                    at(o.id.span().start),
                    format!("option `{qid}.{oid}` is a real signal that leans nowhere"),
                    "give it a `lean`, or say in `assumption` why it does not separate the tracks",
                ));
            }
            options.push(FormOption {
                id: o.id.into_inner(),
                label: o.label.into_inner().trim().to_owned(),
                signal: o.signal,
                lean: o.lean,
                provenance,
            });
        }
        out.push(FormQuestion {
            id: q.id.into_inner(),
            prompt: q.prompt.into_inner().trim().to_owned(),
            help: q.help,
            options,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_questionnaire_loads_with_real_and_false_signals_on_both_sides() {
        let form = CheckinForm::embedded().unwrap();
        assert!(
            (5..=8).contains(&form.questions.len()),
            "a handful of questions"
        );
        let all: Vec<&FormOption> = form.questions.iter().flat_map(|q| &q.options).collect();
        let has = |signal, lean| all.iter().any(|o| o.signal == signal && o.lean == lean);
        assert!(has(SignalKind::Real, Lean::Management));
        assert!(has(SignalKind::Real, Lean::Ic));
        assert!(has(SignalKind::False, Lean::Management));
        assert!(!form.sponsor_questions.is_empty());
        for q in &form.questions {
            assert!(form.question(&q.id).is_some());
        }
    }

    #[test]
    fn errors_name_the_line_and_the_fix() {
        let src = "schema_version = 1\n[[question]]\nid = \"q\"\nprompt = \"P?\"\n[[question.option]]\nid = \"a\"\nlabel = \"A\"\nsignal = \"real\"\nlean = \"ic\"\n[[question.option]]\nid = \"b\"\nlabel = \"B\"\nsignal = \"real\"\nlean = \"ic\"\n";
        let err = CheckinForm::from_toml("mine.toml", src)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "mine.toml:6:6: option `q.a`: this item has neither `source` nor `assumption`"
            ),
            "{err}"
        );
        assert!(err.contains("fix: add `source"), "{err}");

        let bad_enum = src.replace(
            "lean = \"ic\"\n[[question.option]]",
            "lean = \"maybe\"\n[[question.option]]",
        );
        let err = CheckinForm::from_toml("mine.toml", &bad_enum)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("mine.toml:9:"), "{err}");
        assert!(err.contains("management") && err.contains("fix:"), "{err}");
    }

    #[test]
    fn relation_depends_on_the_track_being_trialled() {
        assert_eq!(
            Relation::of(Lean::Management, TrialKind::IcToManager),
            Relation::Towards
        );
        assert_eq!(
            Relation::of(Lean::Management, TrialKind::ManagerToIc),
            Relation::Away
        );
        assert_eq!(
            Relation::of(Lean::None, TrialKind::IcToManager),
            Relation::Neither
        );
    }
}
