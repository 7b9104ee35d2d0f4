//! Reading one TOML data file: size limit, parse, and errors located at file:line:column.

use serde::de::DeserializeOwned;

use crate::error::{DecideError, Location};

/// No real data file comes close; anything bigger is refused before parsing.
pub const MAX_DATA_BYTES: usize = 1024 * 1024;

/// Parse `src` (named `origin` in errors) into `T`.
pub(crate) fn parse<T: DeserializeOwned>(origin: &str, src: &str) -> Result<T, DecideError> {
    Ok(dualtrack_framework::load_toml(origin, src, MAX_DATA_BYTES)?)
}

/// Refuse a file written for another version of its format.
pub(crate) fn check_version(
    origin: &str,
    src: &str,
    found: &toml::Spanned<u32>,
) -> Result<(), DecideError> {
    Ok(dualtrack_framework::check_schema_version(
        origin, src, found, 1,
    )?)
}

/// Parse `src` like [`parse`], after checking that every table at the dotted `items` paths says
/// where it comes from (`source` or `assumption`, see [`dualtrack_framework::Provenance`]).
pub(crate) fn parse_sourced<T: DeserializeOwned>(
    origin: &str,
    src: &str,
    items: &[&str],
) -> Result<T, DecideError> {
    let value = parse(origin, src)?;
    if let Some(problem) = dualtrack_framework::check_document(src, items)
        .into_iter()
        .next()
    {
        return Err(invalid(
            origin,
            src,
            problem.offset,
            problem.message(),
            problem.error.fix(),
        ));
    }
    Ok(value)
}

/// A validation failure at byte `offset` of `src`.
pub(crate) fn invalid(
    origin: &str,
    src: &str,
    offset: usize,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> DecideError {
    DecideError::Invalid {
        at: Location::at(origin, src, offset),
        message: message.into(),
        fix: fix.into(),
    }
}

/// Validation context for one file: its name and text, so rules can point at spans.
pub(crate) struct Checker<'a> {
    pub origin: &'a str,
    pub src: &'a str,
}

impl Checker<'_> {
    pub fn fail(
        &self,
        offset: usize,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> DecideError {
        invalid(self.origin, self.src, offset, message, fix)
    }

    /// Every string in `items` (spanned as a whole by `span`) must be non-empty, and the list too.
    pub fn non_empty_list(
        &self,
        items: &toml::Spanned<Vec<String>>,
        what: &str,
    ) -> Result<(), DecideError> {
        let start = items.span().start;
        if items.get_ref().is_empty() {
            return Err(self.fail(
                start,
                format!("`{what}` is empty"),
                "list at least one item",
            ));
        }
        if items.get_ref().iter().any(|s| s.trim().is_empty()) {
            return Err(self.fail(
                start,
                format!("`{what}` has a blank item"),
                "remove it or write the text",
            ));
        }
        Ok(())
    }

    /// A required text must not be blank.
    pub fn non_blank(&self, text: &toml::Spanned<String>, what: &str) -> Result<(), DecideError> {
        if text.get_ref().trim().is_empty() {
            return Err(self.fail(
                text.span().start,
                format!("`{what}` is blank"),
                "write the text",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = "#".repeat(MAX_DATA_BYTES + 1);
        let err = parse::<toml::Table>("big.toml", &big).unwrap_err();
        assert!(err.to_string().contains("over the"), "{err}");
    }

    #[test]
    fn parse_errors_name_file_line_and_column() {
        let err = parse::<toml::Table>("x.toml", "a = 1\nb = \n").unwrap_err();
        assert!(err.to_string().starts_with("x.toml:2:"), "{err}");
    }
}
