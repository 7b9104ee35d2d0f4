//! What would make the person continue, and what would send them back: written before the trial
//! starts, so the decision later is checked against a rule they set when nothing was at stake.

use serde::{Deserialize, Serialize};

use crate::error::{Location, TrialError};

/// Most people can name three or four; a long list is a sign of hedging.
pub const MAX_CRITERIA: usize = 8;
/// One criterion is one sentence.
pub const MAX_CRITERION_CHARS: usize = 240;

/// Both lists are required and non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitCriteria {
    pub continue_if: Vec<String>,
    pub return_if: Vec<String>,
}

/// Which list a criterion is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionList {
    ContinueIf,
    ReturnIf,
}

impl CriterionList {
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            CriterionList::ContinueIf => "continue_if",
            CriterionList::ReturnIf => "return_if",
        }
    }
}

/// The person's marks at one review: one entry per criterion, in list order; `None` (or a
/// missing entry at the end) is "not marked yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    #[serde(default)]
    pub continue_if: Vec<Option<bool>>,
    #[serde(default)]
    pub return_if: Vec<Option<bool>>,
}

/// One criterion as a review shows it, ready to be marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionStatus {
    pub list: CriterionList,
    pub index: usize,
    pub text: String,
    /// `None` until the person marks it.
    pub met: Option<bool>,
}

impl ExitCriteria {
    /// Trim every item and check the lists.
    ///
    /// # Errors
    /// An empty list, a blank or overlong item, or too many items; `at` is where the criteria
    /// were written.
    pub fn normalised(mut self, at: &Location) -> Result<Self, TrialError> {
        for (list, items) in [
            (CriterionList::ContinueIf, &mut self.continue_if),
            (CriterionList::ReturnIf, &mut self.return_if),
        ] {
            let key = list.key();
            if items.is_empty() {
                return Err(TrialError::invalid(
                    at.clone(),
                    format!("`{key}` is empty: exit criteria are written at the start"),
                    format!(
                        "list at least one thing that would make you {}",
                        match list {
                            CriterionList::ContinueIf => "continue",
                            CriterionList::ReturnIf => "go back",
                        }
                    ),
                )
                .on_field(key));
            }
            if items.len() > MAX_CRITERIA {
                return Err(TrialError::invalid(
                    at.clone(),
                    format!(
                        "`{key}` has {} items, over the limit of {MAX_CRITERIA}",
                        items.len()
                    ),
                    "keep the few that would really decide it",
                )
                .on_field(key));
            }
            for (i, item) in items.iter_mut().enumerate() {
                *item = item.trim().to_owned();
                let chars = item.chars().count();
                if chars == 0 || chars > MAX_CRITERION_CHARS {
                    return Err(TrialError::invalid(
                        at.clone(),
                        format!(
                            "`{key}` item {} is {chars} characters; 1 to {MAX_CRITERION_CHARS} are allowed",
                            i + 1
                        ),
                        "write each criterion as one sentence",
                    ).on_field(key));
                }
            }
        }
        Ok(self)
    }

    /// Check marks against the lists.
    ///
    /// # Errors
    /// More marks than criteria.
    pub fn check_marks(&self, marks: &Marks, at: &Location) -> Result<(), TrialError> {
        for (key, len, given) in [
            (
                "continue_if",
                self.continue_if.len(),
                marks.continue_if.len(),
            ),
            ("return_if", self.return_if.len(), marks.return_if.len()),
        ] {
            if given > len {
                return Err(TrialError::invalid(
                    at.clone(),
                    format!("{given} marks for `{key}`, which has {len} criteria"),
                    "give one mark (true, false or null) per criterion, in order",
                ));
            }
        }
        Ok(())
    }

    /// Every criterion with its mark.
    #[must_use]
    pub fn statuses(&self, marks: &Marks) -> Vec<CriterionStatus> {
        let one = |list, items: &[String], given: &[Option<bool>]| {
            items
                .iter()
                .enumerate()
                .map(|(index, text)| CriterionStatus {
                    list,
                    index,
                    text: text.clone(),
                    met: given.get(index).copied().flatten(),
                })
                .collect::<Vec<_>>()
        };
        let mut all = one(
            CriterionList::ContinueIf,
            &self.continue_if,
            &marks.continue_if,
        );
        all.extend(one(
            CriterionList::ReturnIf,
            &self.return_if,
            &marks.return_if,
        ));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria(c: &[&str], r: &[&str]) -> ExitCriteria {
        ExitCriteria {
            continue_if: c.iter().map(|s| (*s).to_owned()).collect(),
            return_if: r.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn both_lists_are_required_non_empty_and_bounded() {
        let at = Location::whole("trial.toml");
        assert!(
            criteria(&[" a "], &["b"])
                .normalised(&at)
                .unwrap()
                .continue_if
                == ["a"]
        );
        let err = criteria(&[], &["b"])
            .normalised(&at)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`continue_if` is empty"), "{err}");
        let err = criteria(&["a"], &["  "])
            .normalised(&at)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`return_if` item 1 is 0 characters"), "{err}");
        let long = "x".repeat(MAX_CRITERION_CHARS + 1);
        assert!(criteria(&[&long], &["b"]).normalised(&at).is_err());
        let many = vec!["a"; MAX_CRITERIA + 1];
        assert!(criteria(&many, &["b"]).normalised(&at).is_err());
    }

    #[test]
    fn marks_default_to_unmarked_and_extra_marks_are_refused() {
        let c = criteria(&["a", "b"], &["c"]);
        let marks = Marks {
            continue_if: vec![Some(true)],
            return_if: vec![],
        };
        let s = c.statuses(&marks);
        assert_eq!(
            s.iter().map(|s| s.met).collect::<Vec<_>>(),
            [Some(true), None, None]
        );
        let extra = Marks {
            continue_if: vec![],
            return_if: vec![None, None],
        };
        assert!(c.check_marks(&extra, &Location::whole("x")).is_err());
    }
}
