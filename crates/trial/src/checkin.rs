//! One weekly check-in: a date and one option per question answered.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::answers;
use crate::checkin_form::CheckinForm;
use crate::error::{Location, TrialError};

/// A check-in file is a dozen lines; this leaves room for a note and comments.
pub const MAX_CHECKIN_BYTES: usize = 16 * 1024;

/// One week's answers. Stored as is: question id -> option id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    pub date: NaiveDate,
    pub answers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckin {
    date: Spanned<toml::Value>,
    answers: Spanned<BTreeMap<String, Spanned<String>>>,
    note: Option<Spanned<String>>,
}

impl Checkin {
    /// Parse a check-in file:
    ///
    /// ```toml
    /// date = 2026-01-12
    /// note = "optional"
    /// [answers]
    /// energy = "people_work"
    /// hard_feedback = "put_it_off"
    /// ```
    ///
    /// # Errors
    /// Oversized input, bad TOML, an unknown question or option (the valid ids are listed).
    pub fn from_toml(origin: &str, src: &str, form: &CheckinForm) -> Result<Self, TrialError> {
        let raw: RawCheckin = dualtrack_framework::load_toml(origin, src, MAX_CHECKIN_BYTES)
            .map_err(|e| {
                e.with_fix(
                    "write `date = YYYY-MM-DD` and an `[answers]` table of question = \"option\"",
                )
            })?;
        let date = answers::date(&raw.date, "date", origin, src)?;
        let table_offset = raw.answers.span().start;
        let (answers, locate) =
            answers::from_table(raw.answers.into_inner(), origin, src, table_offset);
        answers::check(&form.questions, &answers, "check-in", &locate)?;
        let note = match raw.note {
            Some(n) => {
                let at = Location::at(origin, src, n.span().start);
                answers::note(Some(n.into_inner()), at)?
            }
            None => None,
        };
        Ok(Self {
            date,
            answers,
            note,
        })
    }

    /// Check a check-in that did not come from a file (JSON, a web form).
    ///
    /// # Errors
    /// [`TrialError::Invalid`] naming `origin`.
    pub fn validate(&self, form: &CheckinForm, origin: &str) -> Result<(), TrialError> {
        answers::check(&form.questions, &self.answers, "check-in", &|_| {
            Location::whole(origin)
        })?;
        answers::note(self.note.clone(), Location::whole(origin))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CheckinForm {
        CheckinForm::embedded().unwrap()
    }

    #[test]
    fn a_check_in_file_parses_with_a_date_literal_or_a_string() {
        let src = "date = 2026-01-12\n[answers]\nenergy = \"people_work\"\nhard_feedback = \"put_it_off\"\n";
        let c = Checkin::from_toml("week.toml", src, &form()).unwrap();
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2026, 1, 12).unwrap());
        assert_eq!(c.answers["hard_feedback"], "put_it_off");
        let quoted = src.replace("2026-01-12", "\"2026-01-12\"");
        assert_eq!(
            Checkin::from_toml("week.toml", &quoted, &form()).unwrap(),
            c
        );
    }

    #[test]
    fn an_unknown_option_is_located_and_the_valid_ones_listed() {
        let src = "date = 2026-01-12\n[answers]\nenergy = \"money\"\n";
        let err = Checkin::from_toml("week.toml", src, &form())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("week.toml:3:10: `money` is not an option of `energy`"),
            "{err}"
        );
        assert!(err.contains("`people_work`"), "{err}");
        let src = "date = 2026-13-12\n[answers]\nenergy = \"nothing\"\n";
        let err = Checkin::from_toml("week.toml", src, &form())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("week.toml:1:"), "{err}");
        let src = "date = 2026-01-12\n[answers]\n";
        let err = Checkin::from_toml("week.toml", src, &form())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("answers no question") && err.contains("energy"),
            "{err}"
        );
    }
}
