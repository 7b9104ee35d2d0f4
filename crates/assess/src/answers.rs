//! Answers as the user gave them: one key per question id, before any checking against the
//! questionnaire. Parsing keeps the position of every key so that `score` can point at the
//! offending line.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use crate::error::{AssessError, Location};

/// An honest answers file is a few hundred bytes; this leaves room for comments.
pub const MAX_ANSWERS_BYTES: usize = 64 * 1024;

/// The answer to one question: one option id, or a list of them for a pick-any-number question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

impl Answer {
    /// The chosen option ids, whichever shape was used.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Answer::One(id) => vec![id.as_str()],
            Answer::Many(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

/// Where a key and its value(s) were written, when the answers came from a text file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Positions {
    key: Option<Location>,
    value: Option<Location>,
    items: Vec<Location>,
}

/// A set of answers keyed by question id. Serialises as a plain JSON/TOML object. Two sets are
/// equal when their answers are, wherever they came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Answers {
    values: BTreeMap<String, Answer>,
    /// Name of the input the answers came from, for error messages.
    #[serde(skip)]
    source: Option<String>,
    #[serde(skip)]
    positions: BTreeMap<String, Positions>,
}

impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        self.values == other.values
    }
}

impl Eq for Answers {}

impl Answers {
    /// No answers yet; fill with [`Answers::with`] or [`Answers::set`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Builder form of [`Answers::set`].
    #[must_use]
    pub fn with(mut self, question: &str, answer: Answer) -> Self {
        self.set(question, answer);
        self
    }

    /// Set (or replace) the answer to one question.
    pub fn set(&mut self, question: &str, answer: Answer) {
        self.values.insert(question.to_owned(), answer);
    }

    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.values.get(question)
    }

    /// Question ids in the order they were written in the file (so the first problem reported
    /// is the first one in the file), else alphabetically.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.values.keys().map(String::as_str).collect();
        keys.sort_by_key(|k| {
            let at = self.positions.get(*k).and_then(|p| p.key.as_ref());
            (
                at.is_none(),
                at.and_then(|l| l.line),
                at.and_then(|l| l.column),
            )
        });
        keys
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Name the input these answers came from (used in error messages).
    #[must_use]
    pub fn with_source(mut self, source_name: &str) -> Self {
        self.source = Some(source_name.to_owned());
        self
    }

    /// The name of the input, or "answers" when none was given.
    pub fn source(&self) -> &str {
        self.source.as_deref().unwrap_or("answers")
    }

    /// Where `question`'s key was written (or the whole input when unknown).
    pub fn key_location(&self, question: &str) -> Location {
        self.positions
            .get(question)
            .and_then(|p| p.key.clone())
            .unwrap_or_else(|| self.whole())
    }

    /// Where `question`'s value (or its `index`-th list item) was written.
    pub fn value_location(&self, question: &str, index: Option<usize>) -> Location {
        let positions = self.positions.get(question);
        let item = index.and_then(|i| positions.and_then(|p| p.items.get(i)));
        item.cloned()
            .or_else(|| positions.and_then(|p| p.value.clone()))
            .unwrap_or_else(|| self.key_location(question))
    }

    /// The whole input, for problems with no single position (a missing answer).
    pub fn whole(&self) -> Location {
        Location::whole(self.source())
    }

    /// Parse an answers file written in TOML: `question = "option"` per line,
    /// `reason = ["a", "b"]` for the pick-any-number question. Only the shape is checked here;
    /// ids are checked against the questionnaire by `score`.
    pub fn from_toml(text: &str, source_name: &str) -> Result<Self, AssessError> {
        check_size(text.len(), source_name)?;
        let table = DeTable::parse(text).map_err(|err| {
            let at = match err.span() {
                Some(span) => Location::at(source_name, text, span.start),
                None => Location::whole(source_name),
            };
            AssessError::Syntax {
                at: Box::new(at),
                message: format!("not valid TOML: {}", err.message().trim()),
            }
        })?;
        let mut entries: Vec<_> = table.get_ref().iter().collect();
        // Report problems in the order they appear in the file, not alphabetically.
        entries.sort_by_key(|(key, _)| key.span().start);

        let mut answers = Answers::new().with_source(source_name);
        let at = |offset: usize| Location::at(source_name, text, offset);
        for (key, value) in entries {
            let question = key.get_ref().to_string();
            let mut positions = Positions {
                key: Some(at(key.span().start)),
                value: Some(at(value.span().start)),
                items: Vec::new(),
            };
            let answer = match value.get_ref() {
                DeValue::String(id) => Answer::One(id.to_string()),
                DeValue::Array(items) => {
                    let mut ids = Vec::new();
                    for item in items {
                        positions.items.push(at(item.span().start));
                        match item.get_ref() {
                            DeValue::String(id) => ids.push(id.to_string()),
                            other => {
                                return Err(list_item_error(
                                    &at(item.span().start),
                                    &question,
                                    other.type_str(),
                                ));
                            }
                        }
                    }
                    Answer::Many(ids)
                }
                other => {
                    return Err(value_error(
                        &at(value.span().start),
                        &question,
                        other.type_str(),
                    ));
                }
            };
            answers.set(&question, answer);
            answers.positions.insert(question, positions);
        }
        Ok(answers)
    }

    /// Read answers from a JSON object (the web API's request body): the same shape as the
    /// TOML file, `{"absorbed": "hard_problem_alone", ..., "reason": ["protect_deep_work"]}`.
    pub fn from_json(value: &serde_json::Value, source_name: &str) -> Result<Self, AssessError> {
        let whole = Location::whole(source_name);
        let object = value.as_object().ok_or_else(|| AssessError::Syntax {
            at: Box::new(whole.clone()),
            message: format!(
                "answers must be a JSON object with one key per question, not {}",
                json_type(value)
            ),
        })?;
        let mut answers = Answers::new().with_source(source_name);
        for (question, value) in object {
            let answer = match value {
                serde_json::Value::String(id) => Answer::One(id.clone()),
                serde_json::Value::Array(items) => {
                    let mut ids = Vec::new();
                    for item in items {
                        match item {
                            serde_json::Value::String(id) => ids.push(id.clone()),
                            other => {
                                return Err(list_item_error(&whole, question, json_type(other)));
                            }
                        }
                    }
                    Answer::Many(ids)
                }
                other => return Err(value_error(&whole, question, json_type(other))),
            };
            answers.set(question, answer);
        }
        Ok(answers)
    }

    /// Parse JSON text (a file or request body), refusing oversized input first.
    pub fn from_json_str(text: &str, source_name: &str) -> Result<Self, AssessError> {
        check_size(text.len(), source_name)?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| AssessError::Syntax {
                at: Box::new(Location::at_line_column(
                    source_name,
                    err.line(),
                    err.column(),
                )),
                message: format!("not valid JSON: {err}"),
            })?;
        Self::from_json(&value, source_name)
    }
}

fn check_size(size: usize, source_name: &str) -> Result<(), AssessError> {
    if size > MAX_ANSWERS_BYTES {
        return Err(AssessError::TooLarge {
            at: Box::new(Location::whole(source_name)),
            size,
            limit: MAX_ANSWERS_BYTES,
            what: "an answers file",
        });
    }
    Ok(())
}

fn value_error(at: &Location, question: &str, found: &str) -> AssessError {
    AssessError::WrongType {
        at: Box::new(at.clone()),
        question: question.to_owned(),
        expected: "takes an option id in quotes (or a list of them)",
        found: a_or_an(found),
        example: format!("{question} = \"option_id\""),
    }
}

fn list_item_error(at: &Location, question: &str, found: &str) -> AssessError {
    AssessError::WrongType {
        at: Box::new(at.clone()),
        question: question.to_owned(),
        expected: "takes a list of option ids in quotes",
        found: a_or_an(found),
        example: format!("{question} = [\"option_id\", \"other_option_id\"]"),
    }
}

fn a_or_an(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_strings_and_lists_with_positions() {
        let text = "# mine\ndrift = \"refactoring\"\nreason = [\n  \"more_money\",\n  \"only_way_up\",\n]\n";
        let answers = Answers::from_toml(text, "a.toml").unwrap();
        assert_eq!(
            answers.get("drift"),
            Some(&Answer::One("refactoring".into()))
        );
        assert_eq!(
            answers.get("reason").unwrap().ids(),
            ["more_money", "only_way_up"]
        );
        assert_eq!(answers.key_location("drift").to_string(), "a.toml:2:1");
        assert_eq!(
            answers.value_location("drift", None).to_string(),
            "a.toml:2:9"
        );
        assert_eq!(
            answers.value_location("reason", Some(1)).to_string(),
            "a.toml:5:3"
        );
        assert_eq!(answers.key_location("absent").to_string(), "a.toml");
        assert_eq!(answers.keys(), ["drift", "reason"]);
        let later_first = Answers::from_toml("reason = []\nabsorbed = \"x\"\n", "b.toml").unwrap();
        assert_eq!(later_first.keys(), ["reason", "absorbed"]);
    }

    #[test]
    fn rejects_values_of_the_wrong_type() {
        let err = Answers::from_toml("\n\nabsorbed = 3\n", "a.toml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "a.toml:3:12: `absorbed` takes an option id in quotes (or a list of them), but found an integer; \
             write it as `absorbed = \"option_id\"`"
        );
        let err = Answers::from_toml("reason = [\"more_money\", true]\n", "a.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "a.toml:1:25: `reason` takes a list of option ids in quotes, but found a boolean"
            ),
            "{err}"
        );
        let err = Answers::from_toml("[absorbed]\nx = 1\n", "a.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("found a table"), "{err}");
    }

    #[test]
    fn reports_toml_syntax_errors_with_line_and_column() {
        let err = Answers::from_toml("drift = \"refactoring\"\nabsorbed = \n", "a.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.toml:2:"), "{err}");
        assert!(err.contains("not valid TOML"), "{err}");
        let err = Answers::from_toml("drift = \"a\"\ndrift = \"b\"\n", "a.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.toml:2:"), "{err}");
    }

    #[test]
    fn refuses_oversized_input() {
        let big = format!("# {}\n", "x".repeat(MAX_ANSWERS_BYTES));
        let err = Answers::from_toml(&big, "big.toml").unwrap_err();
        assert!(err.to_string().starts_with("big.toml: "), "{err}");
        assert!(matches!(err, AssessError::TooLarge { .. }));
        assert!(matches!(
            Answers::from_json_str(&big, "body").unwrap_err(),
            AssessError::TooLarge { .. }
        ));
    }

    #[test]
    fn reads_json_objects() {
        let value = serde_json::json!({"absorbed": "org_design", "reason": []});
        let answers = Answers::from_json(&value, "request body").unwrap();
        assert_eq!(answers.get("reason"), Some(&Answer::Many(vec![])));
        assert_eq!(answers.source(), "request body");
        let err = Answers::from_json(&serde_json::json!(["x"]), "request body")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "request body: answers must be a JSON object with one key per question, not array"
        );
        let err = Answers::from_json(&serde_json::json!({"drift": null}), "body")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "`drift` takes an option id in quotes (or a list of them), but found a null"
            ),
            "{err}"
        );
        let err = Answers::from_json(&serde_json::json!({"reason": [1]}), "body")
            .unwrap_err()
            .to_string();
        assert!(err.contains("found a number"), "{err}");
        let err = Answers::from_json_str("{\"drift\": ", "body")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("body:1:"), "{err}");
    }

    #[test]
    fn serialises_as_a_plain_object_and_round_trips() {
        let answers = Answers::new()
            .with("drift", Answer::One("refactoring".into()))
            .with("reason", Answer::Many(vec!["more_money".into()]));
        let json = serde_json::to_value(&answers).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"drift": "refactoring", "reason": ["more_money"]})
        );
        let back: Answers = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back.get("drift"), answers.get("drift"));
        assert_eq!(Answers::from_json(&json, "x").unwrap().len(), 2);
    }
}
