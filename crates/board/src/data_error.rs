//! Errors in board data files (tag vocabulary, demo data), pointing at file:line:column.

use std::fmt;
use std::ops::Range;

use dualtrack_framework::line_column;
use thiserror::Error;

/// A problem in a board TOML file. Displays as `FILE:LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct DataError {
    pub file: String,
    /// 1-based; 0 when the problem has no single location (e.g. a missing section).
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (line, 0) => write!(f, "{}:{line}: {}", self.file, self.message),
            (line, column) => write!(f, "{}:{line}:{column}: {}", self.file, self.message),
        }
    }
}

impl DataError {
    /// An error located at byte `span` of `text`.
    pub(crate) fn at(file: &str, text: &str, span: Range<usize>, message: String) -> Self {
        let (line, column) = line_column(text, span.start);
        Self {
            file: file.to_owned(),
            line,
            column,
            message,
        }
    }
}

impl From<dualtrack_framework::LoadError> for DataError {
    fn from(err: dualtrack_framework::LoadError) -> Self {
        Self {
            file: err.at.origin,
            line: err.at.line.unwrap_or(0),
            column: err.at.column.unwrap_or(0),
            message: err.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let err = DataError::at("board.toml", "x\ny", 2..3, "bad".into());
        assert_eq!(err.to_string(), "board.toml:2:1: bad");
    }
}
