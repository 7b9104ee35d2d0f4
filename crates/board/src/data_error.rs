//! Errors in board data files (tag vocabulary, demo data), pointing at file:line:column.

use std::fmt;
use std::ops::Range;

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

    /// Wraps a TOML syntax or shape error, keeping its location.
    pub(crate) fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> Self {
        let (line, column) = err
            .span()
            .map_or((0, 0), |span| line_column(text, span.start));
        Self {
            file: file.to_owned(),
            line,
            column,
            message: err.message().trim_end().to_owned(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` within `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_by_line_and_column() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // Column counts characters, not bytes: `é` is two bytes.
        assert_eq!(line_column(text, 9), (2, 3));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let err = DataError::at("board.toml", "x\ny", 2..3, "bad".into());
        assert_eq!(err.to_string(), "board.toml:2:1: bad");
    }
}
