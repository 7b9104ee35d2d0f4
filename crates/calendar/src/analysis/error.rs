//! Errors of the analysis half of the engine.

use thiserror::Error;

/// A rules file that cannot be used, located as precisely as the TOML reader allows.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{source_name}:{line}:{column}: {message}")]
pub struct RulesError {
    pub source_name: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl RulesError {
    /// Locate byte offset `at` of `text` as a line and column.
    pub fn at(source: &str, text: &str, at: usize, message: &str) -> Self {
        let (line, column) = dualtrack_framework::line_column(text, at);
        RulesError {
            source_name: source.to_owned(),
            line,
            column,
            message: format!("{message} (see data/calendar-rules.toml for the expected shape)"),
        }
    }
}

impl From<dualtrack_framework::LoadError> for RulesError {
    fn from(err: dualtrack_framework::LoadError) -> Self {
        RulesError {
            source_name: err.at.origin,
            line: err.at.line.unwrap_or(1),
            column: err.at.column.unwrap_or(1),
            message: format!(
                "{} (see data/calendar-rules.toml for the expected shape)",
                err.message
            ),
        }
    }
}

/// An analysis option, by the name [`AnalyzeOptions`](crate::AnalyzeOptions) and the JSON API
/// give it. The engine's messages name options this way (`` `to` ``); each shell words them its
/// own way through [`OptionError::worded`]: the CLI as its flags (`--to`), web pages as their
/// form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionField {
    From,
    To,
    FocusMin,
    Owner,
}

impl OptionField {
    /// The field's name: `from`, `to`, `focus_min`, `owner`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::From => "from",
            Self::To => "to",
            Self::FocusMin => "focus_min",
            Self::Owner => "owner",
        }
    }
}

/// An option value that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OptionError {
    WorkHours(String),
    /// Working hours whose end is at or before their start, without `+1` on the end.
    WorkHoursBackwards {
        text: String,
        start: String,
        end: String,
    },
    WorkDays(String),
    EmptyWindow {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    WindowTooLong {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        days: i64,
        max: i64,
    },
    FocusMin,
    Owner(String),
}

impl OptionError {
    /// The message with every option it mentions named by `name`.
    pub fn worded(&self, name: impl Fn(OptionField) -> String) -> String {
        match self {
            Self::WorkHours(text) => format!(
                "working hours {text:?} are not HH:MM-HH:MM with two different times on the 24-hour clock (e.g. 09:00-17:00)"
            ),
            Self::WorkHoursBackwards { text, start, end } => format!(
                "working hours {text:?} end at {end}, before they start at {start}; write them \
                 on the 24-hour clock, e.g. 09:00-17:00 (a shift past midnight is written with \
                 +1 on its end, e.g. 22:00-06:00+1)"
            ),
            Self::WorkDays(text) => format!(
                "working days {text:?} are not a list of days or ranges (e.g. mon-fri, or mon,tue,thu)"
            ),
            Self::EmptyWindow { from, to } => {
                let (from_name, to_name) = (name(OptionField::From), name(OptionField::To));
                format!(
                    "the window is empty: {to_name} {to} must be after {from_name} {from} \
                     ({to_name} is exclusive)"
                )
            }
            Self::WindowTooLong {
                from,
                to,
                days,
                max,
            } => format!(
                "the window from {from} to {to} is {days} days long; at most {max} days are analysed"
            ),
            Self::FocusMin => format!("{} must be at least 1 minute", name(OptionField::FocusMin)),
            Self::Owner(owner) => format!(
                "{} {owner:?} is not an email address (e.g. ana@example.com)",
                name(OptionField::Owner)
            ),
        }
    }
}

/// Options named as fields: `` `to` ``.
impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.worded(|field| format!("`{}`", field.name())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_fields_and_shells_word_them() {
        let from = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let to = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let err = OptionError::EmptyWindow { from, to };
        assert_eq!(
            err.to_string(),
            "the window is empty: `to` 2026-01-01 must be after `from` 2026-02-01 (`to` is exclusive)"
        );
        let flag = |f: OptionField| format!("--{}", f.name().replace('_', "-"));
        assert_eq!(
            OptionError::FocusMin.worded(flag),
            "--focus-min must be at least 1 minute"
        );
        for err in [err, OptionError::FocusMin, OptionError::Owner("x".into())] {
            assert!(!err.to_string().contains("--"), "{err}");
        }
    }
}

/// Why an analysis could not be run (wrapped in [`CalendarError::Analysis`](crate::CalendarError)).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error(transparent)]
    Option(#[from] OptionError),
    /// The framework lacks what the comparison needs (a custom framework can do this).
    #[error(
        "the career framework has no {0}; add it to the framework data or use the built-in one"
    )]
    Framework(&'static str),
}
