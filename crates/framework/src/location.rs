//! Where in an input something was found, and the one way every engine reads a TOML data file.
//!
//! Each engine used to carry its own `Location` and its own offset-to-line helper, and they
//! disagreed on multibyte text. This is the one copy: engines re-export it.

use std::fmt;

use serde::de::DeserializeOwned;

/// A place in an input: its name as the caller gave it (a path, `stdin`, `request body`,
/// `embedded:data/outlook.toml`) and, when known, a 1-based line and a column in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub origin: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    /// The whole input, with no position inside it.
    #[must_use]
    pub fn whole(origin: &str) -> Self {
        Self {
            origin: origin.to_owned(),
            line: None,
            column: None,
        }
    }

    /// A known 1-based line and column inside `origin`.
    #[must_use]
    pub fn at_line_column(origin: &str, line: usize, column: usize) -> Self {
        Self {
            origin: origin.to_owned(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// The line and column of byte `offset` in `text`, clamped to its end and never inside a
    /// UTF-8 sequence; the column counts characters, not bytes.
    #[must_use]
    pub fn at(origin: &str, text: &str, offset: usize) -> Self {
        let (line, column) = line_column(text, offset);
        Self::at_line_column(origin, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line and character column of byte `offset` in `text` (clamped to the text).
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// A data file that could not be read: too large, not TOML, or not the expected shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}; fix: {fix}")]
pub struct LoadError {
    pub at: Location,
    pub message: String,
    /// How to put it right, in a sentence fragment.
    pub fix: String,
}

impl LoadError {
    /// The same error with a fix that names this file's format, for callers that know it.
    #[must_use]
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }
}

/// Parse `text` (named `origin`) as TOML into `T`, refusing it first if it is longer than
/// `limit` bytes, and locating a syntax or shape error by line and column.
pub fn load_toml<T: DeserializeOwned>(
    origin: &str,
    text: &str,
    limit: usize,
) -> Result<T, LoadError> {
    if text.len() > limit {
        return Err(LoadError {
            at: Location::whole(origin),
            message: format!(
                "the file is {} bytes, over the {limit}-byte limit",
                text.len()
            ),
            fix: "split it or remove what it does not need".to_owned(),
        });
    }
    toml::from_str(text).map_err(|err| LoadError {
        at: err.span().map_or_else(
            || Location::whole(origin),
            |span| Location::at(origin, text, span.start),
        ),
        message: err.message().trim_end().to_owned(),
        fix: "correct the value there; the file's format is described in docs/".to_owned(),
    })
}

/// Refuse a data file written for another version of its format.
pub fn check_schema_version(
    origin: &str,
    text: &str,
    found: &toml::Spanned<u32>,
    expected: u32,
) -> Result<(), LoadError> {
    if *found.get_ref() == expected {
        return Ok(());
    }
    Err(LoadError {
        at: Location::at(origin, text, found.span().start),
        message: format!(
            "schema_version {} is not supported (this build reads version {expected})",
            found.get_ref()
        ),
        fix: format!(
            "set `schema_version = {expected}` after checking the file against the current format"
        ),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;

    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 9), (2, 3));
        // Inside the two bytes of `é`: backs up to its start.
        assert_eq!(line_column(text, 8), (2, 2));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }

    #[test]
    fn displays_only_what_is_known() {
        assert_eq!(Location::whole("stdin").to_string(), "stdin");
        assert_eq!(Location::at("f.toml", "x\ny", 2).to_string(), "f.toml:2:1");
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        schema_version: toml::Spanned<u32>,
        #[allow(dead_code)] // reason: only the shape matters to these tests
        name: String,
    }

    #[test]
    fn load_toml_locates_shape_errors_and_refuses_oversized_input() {
        let err =
            load_toml::<Doc>("d.toml", "schema_version = 1\nnmae = \"x\"\n", 1_000).unwrap_err();
        assert_eq!((err.at.line, err.at.column), (Some(2), Some(1)), "{err}");
        let err = load_toml::<Doc>("d.toml", "name = \"x\"", 4).unwrap_err();
        assert_eq!(err.at, Location::whole("d.toml"));
        assert!(err.to_string().contains("over the 4-byte limit"), "{err}");
    }

    #[test]
    fn schema_version_mismatch_points_at_the_number() {
        let text = "schema_version = 2\nname = \"x\"\n";
        let doc: Doc = load_toml("d.toml", text, 1_000).unwrap();
        let err = check_schema_version("d.toml", text, &doc.schema_version, 1).unwrap_err();
        assert_eq!(err.at.to_string(), "d.toml:1:18");
        assert!(check_schema_version("d.toml", text, &doc.schema_version, 2).is_ok());
    }

    proptest! {
        #[test]
        fn line_column_never_panics_and_agrees_with_a_character_walk(text in "\\PC{0,40}(\n\\PC{0,20}){0,3}", offset in 0usize..200) {
            let (line, column) = line_column(&text, offset);
            let mut offset = offset.min(text.len());
            while !text.is_char_boundary(offset) { offset -= 1; }
            let (mut l, mut c) = (1, 1);
            for ch in text[..offset].chars() {
                if ch == '\n' { l += 1; c = 1; } else { c += 1; }
            }
            prop_assert_eq!((line, column), (l, c));
        }
    }
}
