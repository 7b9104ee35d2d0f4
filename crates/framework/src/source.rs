//! Turning TOML text into typed values while keeping enough of the text around to point at
//! the exact line and column of any problem found later.
//!
//! Serde errors carry a byte span; semantic problems (an unknown rung, a duplicate id) are
//! found on the typed value and carry a [`Path`] instead, which [`Document::locate`] resolves
//! against the spanned parse tree.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, DiagnosticKind, FrameworkError};
use crate::location::line_column;

/// Framework files are hand-written TOML; anything this big is a mistake or an attack.
pub const MAX_SOURCE_BYTES: usize = 1024 * 1024;

/// One step into a TOML document: a key of a table or an index into an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Where in a document a problem lives, e.g. `tracks[0].rungs[2].id`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Path(Vec<Seg>);

impl Path {
    pub(crate) fn root() -> Self {
        Self(Vec::new())
    }

    pub(crate) fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Seg::Key(key.to_owned()));
        next
    }

    pub(crate) fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Seg::Index(index));
        next
    }
}

/// A problem found on a typed value, not yet located in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    pub path: Path,
    pub kind: DiagnosticKind,
    pub message: String,
    pub fix: String,
}

impl Issue {
    pub(crate) fn new(
        path: Path,
        kind: DiagnosticKind,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            path,
            kind,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// The parsed text of one source, kept to locate issues.
pub(crate) struct Document<'a> {
    name: &'a str,
    text: &'a str,
    root: Spanned<DeTable<'a>>,
}

impl<'a> Document<'a> {
    /// Parse `text` (named `name` in messages) and deserialize it into `T`. Syntax errors are
    /// all reported; a shape error (wrong type, unknown field) stops at the first, because
    /// serde cannot continue past it.
    pub(crate) fn parse<T: DeserializeOwned>(
        name: &'a str,
        text: &'a str,
    ) -> Result<(T, Self), FrameworkError> {
        if text.len() > MAX_SOURCE_BYTES {
            return Err(FrameworkError::Invalid(vec![Diagnostic {
                source: name.to_owned(),
                line: 1,
                column: 1,
                kind: DiagnosticKind::TooLarge,
                message: format!(
                    "the file is {} bytes, over the {MAX_SOURCE_BYTES}-byte limit for a framework file",
                    text.len()
                ),
                fix: "a ladder fits in a few kilobytes; check that this is the right file".into(),
            }]));
        }
        let (root, errors) = DeTable::parse_recoverable(text);
        let doc = Self { name, text, root };
        if !errors.is_empty() {
            let all = errors
                .iter()
                .map(|e| {
                    doc.diagnostic_at(
                        e.span().unwrap_or(0..0).start,
                        DiagnosticKind::Syntax,
                        e.message().trim().to_owned(),
                        "fix the TOML syntax at this position".into(),
                    )
                })
                .collect();
            return Err(FrameworkError::Invalid(all));
        }
        let de = toml::de::Deserializer::from(doc.root.clone());
        match T::deserialize(de) {
            Ok(value) => Ok((value, doc)),
            Err(e) => {
                let message = e.message().trim().to_owned();
                let fix = shape_fix(&message);
                let at = e.span().unwrap_or(0..0).start;
                Err(FrameworkError::Invalid(vec![doc.diagnostic_at(
                    at,
                    DiagnosticKind::Shape,
                    message,
                    fix,
                )]))
            }
        }
    }

    /// Diagnostics for every item (tables at the dotted `items` paths, see
    /// [`crate::check_document`]) without a valid source or assumption.
    pub(crate) fn provenance(&self, items: &[&str]) -> Vec<Diagnostic> {
        crate::provenance::check_document(self.text, items)
            .into_iter()
            .map(|p| {
                let fix = p.error.fix();
                self.diagnostic_at(p.offset, DiagnosticKind::Provenance, p.message(), fix)
            })
            .collect()
    }

    /// Locate issues and turn them into diagnostics, sorted by position.
    pub(crate) fn diagnostics(&self, issues: Vec<Issue>) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = issues
            .into_iter()
            .map(|i| self.diagnostic_at(self.locate(&i.path).start, i.kind, i.message, i.fix))
            .collect();
        out.sort_by_key(|d| (d.line, d.column));
        out
    }

    fn diagnostic_at(
        &self,
        offset: usize,
        kind: DiagnosticKind,
        message: String,
        fix: String,
    ) -> Diagnostic {
        let (line, column) = line_column(self.text, offset);
        Diagnostic {
            source: self.name.to_owned(),
            line,
            column,
            kind,
            message,
            fix,
        }
    }

    /// The span of the deepest part of `path` that exists in the document. A path to a
    /// missing key resolves to the table that should have held it.
    pub(crate) fn locate(&self, path: &Path) -> Range<usize> {
        let mut span = self.root.span();
        let mut table: Option<&DeTable<'_>> = Some(self.root.get_ref());
        let mut array: Option<&[Spanned<DeValue<'_>>]> = None;
        for seg in &path.0 {
            let next = match (seg, table, array) {
                (Seg::Key(k), Some(t), _) => t.get_key_value(k.as_str()).map(|(key, value)| {
                    // Point at the key for scalars (where people look), at the value otherwise.
                    let at = if value.get_ref().as_table().is_some()
                        || value.get_ref().as_array().is_some()
                    {
                        value.span()
                    } else {
                        key.span()
                    };
                    (at, value)
                }),
                (Seg::Index(i), _, Some(items)) => items.get(*i).map(|v| (v.span(), v)),
                _ => None,
            };
            let Some((at, value)) = next else { break };
            span = at;
            table = value.get_ref().as_table();
            array = value.get_ref().as_array().map(|a| &a[..]);
        }
        span
    }
}

fn shape_fix(message: &str) -> String {
    if message.starts_with("unknown field") {
        "remove the field or correct its spelling; the message lists the fields allowed here".into()
    } else if message.starts_with("missing field") {
        "add the field".into()
    } else if message.starts_with("unknown variant") {
        "use one of the values the message lists".into()
    } else {
        "give the value the type the ladder format expects (text, a number, a table or a list)"
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)] // reason: only the shape matters to these tests
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)] // reason: only the shape matters to these tests
        id: String,
    }

    const TEXT: &str = "# items\n[[items]]\nid = \"a\"\n\n[[items]]\nid = \"b\"\n";

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("abc", 99), (1, 4));
        // Inside a multi-byte character: clamp back to its start.
        assert_eq!(line_column("é", 1), (1, 1));
    }

    #[test]
    fn a_path_resolves_to_the_key_of_a_scalar() {
        let (_doc, d): (Doc, _) = Document::parse("t.toml", TEXT).unwrap();
        let span = d.locate(&Path::root().key("items").index(1).key("id"));
        assert_eq!(line_column(TEXT, span.start), (6, 1));
    }

    #[test]
    fn a_missing_key_resolves_to_its_table() {
        let (_doc, d): (Doc, _) = Document::parse("t.toml", TEXT).unwrap();
        let span = d.locate(&Path::root().key("items").index(1).key("nope"));
        let (line, _) = line_column(TEXT, span.start);
        assert!(line >= 5, "line {line}");
    }

    #[test]
    fn unknown_fields_are_located() {
        let text = "[[items]]\nid = \"a\"\ncolour = 1\n";
        let err = Document::parse::<Doc>("t.toml", text).err().unwrap();
        let d = &err.diagnostics()[0];
        assert_eq!((d.line, d.column, d.kind), (3, 1, DiagnosticKind::Shape));
        assert!(d.message.contains("colour"), "{}", d.message);
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let text = "a = \nb = 1\nc = ]\n";
        let err = Document::parse::<toml::Table>("t.toml", text)
            .err()
            .unwrap();
        assert!(err.diagnostics().len() >= 2, "{err:?}");
        assert!(
            err.diagnostics()
                .iter()
                .all(|d| d.kind == DiagnosticKind::Syntax)
        );
    }

    #[test]
    fn oversized_input_is_refused_with_a_reason() {
        let text = "#".repeat(MAX_SOURCE_BYTES + 1);
        let err = Document::parse::<toml::Table>("big.toml", &text)
            .err()
            .unwrap();
        assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::TooLarge);
    }
}
