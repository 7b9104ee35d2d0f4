//! What goes wrong when a framework file is loaded, said so a person can fix it.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

/// The kind of problem a [`Diagnostic`] reports, so callers and tests can tell them apart
/// without matching on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// The text is not valid TOML.
    Syntax,
    /// An item without a source or an assumption, or citing a document or section that does
    /// not exist.
    Provenance,
    /// Valid TOML that does not match the format: unknown field, wrong type, missing field.
    Shape,
    /// The file is larger than a framework file could sensibly be.
    TooLarge,
    /// An equivalence or mapping names a rung that does not exist (or is on the wrong track).
    UnknownRung,
    /// Some other reference (a level, a transition, an activity) names nothing.
    UnknownReference,
    /// Two things that must be unique share an id.
    DuplicateId,
    /// A range whose low end is above its high end.
    RangeOrder,
    /// A percentage below 0 or above 100, or shares that do not add up to 100.
    Percentage,
    /// A track with no rungs.
    EmptyTrack,
    /// Something the framework needs is absent (an activity, the calendar shape, a title).
    Missing,
}

/// One problem in one file, located to a line and column, with a way to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The name the caller gave the source (a path, or `embedded:data/ladder.toml`).
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub kind: DiagnosticKind,
    pub message: String,
    /// What to change to make the problem go away.
    pub fix: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} ({})",
            self.source, self.line, self.column, self.message, self.fix
        )
    }
}

/// Loading failed. Every problem found is kept, not only the first, so one run of
/// `dualtrack ladder validate` shows the whole list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkError {
    #[error("{}", summarise(.0))]
    Invalid(Vec<Diagnostic>),
}

impl FrameworkError {
    /// Every problem found, in file order within each file.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid(all) => all,
        }
    }
}

fn summarise(all: &[Diagnostic]) -> String {
    match all {
        [] => "the framework is invalid".to_owned(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first}; and {} more problem(s)", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(line: usize) -> Diagnostic {
        Diagnostic {
            source: "l.toml".into(),
            line,
            column: 3,
            kind: DiagnosticKind::DuplicateId,
            message: "rung id `x` is used twice".into(),
            fix: "rename one".into(),
        }
    }

    #[test]
    fn one_problem_prints_as_path_line_column_message_fix() {
        let err = FrameworkError::Invalid(vec![diag(4)]);
        assert_eq!(
            err.to_string(),
            "l.toml:4:3: rung id `x` is used twice (rename one)"
        );
    }

    #[test]
    fn several_problems_print_the_first_and_a_count_on_one_line() {
        let err = FrameworkError::Invalid(vec![diag(4), diag(9), diag(12)]);
        let text = err.to_string();
        assert!(text.starts_with("l.toml:4:3:"), "{text}");
        assert!(text.ends_with("and 2 more problem(s)"), "{text}");
        assert!(!text.contains('\n'));
        assert_eq!(err.diagnostics().len(), 3);
    }
}
