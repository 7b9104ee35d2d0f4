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

/// An option value that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OptionError {
    #[error("working hours {0:?} are not HH:MM-HH:MM with two different times (e.g. 09:00-17:00)")]
    WorkHours(String),
    #[error("working days {0:?} are not a list of days or ranges (e.g. mon-fri, or mon,tue,thu)")]
    WorkDays(String),
    #[error("the window is empty: --to {to} must be after --from {from} (--to is exclusive)")]
    EmptyWindow {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    #[error("the window from {from} to {to} is {days} days long; at most {max} days are analysed")]
    WindowTooLong {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        days: i64,
        max: i64,
    },
    #[error("--focus-min must be at least 1 minute")]
    FocusMin,
    #[error("--owner {0:?} is not an email address (e.g. ana@example.com)")]
    Owner(String),
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
