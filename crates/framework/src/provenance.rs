//! Where a statement comes from: a section of one of the four seed documents, or our own
//! assumption, said plainly.
//!
//! Every item in `data/` carries one or both of
//!
//! ```toml
//! source = [{ doc = "001", section = "On Reversibility" }]   # a single inline table works too
//! assumption = "why we believe it"
//! ```
//!
//! [`check_document`] enforces that on the raw text of any data file, so every loader (in this
//! crate and in the others) reports a missing or broken provenance at its file, line and column.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use toml::de::{DeTable, DeValue};

use crate::seed::seed;

/// A pointer into a seed document: its id and the heading of the section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// `"000"` to `"003"`; `dualtrack sources` lists them.
    pub doc: String,
    /// The heading of the section the statement comes from, as the document spells it.
    pub section: String,
}

impl SourceRef {
    /// The seed's title, for display; `None` for an unknown id.
    #[must_use]
    pub fn title(&self) -> Option<&'static str> {
        seed(&self.doc).map(|s| s.title)
    }

    /// `001 "On Reversibility"`-style label for terminals and pages.
    #[must_use]
    pub fn label(&self) -> String {
        match self.title() {
            Some(title) => format!("{} ({}), \"{}\"", self.doc, title, self.section),
            None => format!("{}, \"{}\"", self.doc, self.section),
        }
    }
}

/// Where a statement comes from: seed sections, our stated assumption, or both (a sourced fact
/// that we extend).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The seed sections the statement rests on. In TOML an array of `{ doc, section }` tables,
    /// or a single table.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<SourceRef>,
    /// Why we believe it, when it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// What is wrong with a provenance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProvenanceError {
    #[error("this item has neither `source` nor `assumption`")]
    Missing,
    #[error("`source` names document `{0}`, which is not one of the seeds 000-003")]
    UnknownDoc(String),
    #[error("`source` for document `{0}` has an empty `section`")]
    EmptySection(String),
    #[error("document {doc} has no section headed \"{section}\"")]
    UnknownSection { doc: String, section: String },
    #[error("`assumption` is empty")]
    EmptyAssumption,
}

impl ProvenanceError {
    /// How to fix it, for error messages.
    #[must_use]
    pub fn fix(&self) -> String {
        match self {
            Self::Missing => "add `source = [{ doc = \"000\", section = \"…\" }]` naming the seed section it comes from, or `assumption = \"why we believe it\"` if it is ours; `dualtrack sources` lists the documents".into(),
            Self::UnknownDoc(_) => "use \"000\", \"001\", \"002\" or \"003\"; `dualtrack sources` lists them".into(),
            Self::EmptySection(_) => "write the heading of the section the statement comes from".into(),
            Self::UnknownSection { doc, .. } => {
                let known = seed(doc).map_or_else(String::new, |s| s.sections.join("; "));
                format!("copy the heading exactly; document {doc} has: {known}")
            }
            Self::EmptyAssumption => "say why we believe it, or remove the field and cite a source".into(),
        }
    }
}

impl Provenance {
    /// A statement that is ours.
    #[must_use]
    pub fn assumed(why: impl Into<String>) -> Self {
        Self {
            source: Vec::new(),
            assumption: Some(why.into()),
        }
    }

    /// A statement from one seed section.
    #[must_use]
    pub fn sourced(doc: &str, section: &str) -> Self {
        Self {
            source: vec![SourceRef {
                doc: doc.into(),
                section: section.into(),
            }],
            assumption: None,
        }
    }

    /// A statement resting on several seed sections, `(doc, section)` each.
    #[must_use]
    pub fn sourced_all(refs: &[(&str, &str)]) -> Self {
        Self {
            source: refs
                .iter()
                .map(|(doc, section)| SourceRef {
                    doc: (*doc).into(),
                    section: (*section).into(),
                })
                .collect(),
            assumption: None,
        }
    }

    /// The same sources, extended by our own reasoning.
    #[must_use]
    pub fn and_assumed(mut self, why: impl Into<String>) -> Self {
        self.assumption = Some(why.into());
        self
    }

    /// Whether nothing at all is recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.source.is_empty() && self.assumption.is_none()
    }

    /// Rejects a statement with neither a source nor an assumption, an unknown document, and an
    /// empty or unknown section.
    ///
    /// # Errors
    /// The first problem found.
    pub fn check(&self) -> Result<(), ProvenanceError> {
        if self.source.is_empty() && self.assumption.is_none() {
            return Err(ProvenanceError::Missing);
        }
        if let Some(a) = &self.assumption
            && a.trim().is_empty()
        {
            return Err(ProvenanceError::EmptyAssumption);
        }
        for s in &self.source {
            check_ref(&s.doc, &s.section)?;
        }
        Ok(())
    }

    /// One line for a reader: the sources, then "our assumption: …" when there is one.
    #[must_use]
    pub fn describe(&self) -> String {
        // Sections of one seed share its label: `000 (title), "A", "B"`, not the title twice.
        let mut docs: Vec<&str> = Vec::new();
        for s in &self.source {
            if !docs.contains(&s.doc.as_str()) {
                docs.push(&s.doc);
            }
        }
        let mut parts: Vec<String> = docs
            .iter()
            .map(|doc| {
                let mut refs = self.source.iter().filter(|s| s.doc == *doc);
                let mut label = refs.next().map(SourceRef::label).unwrap_or_default();
                for more in refs {
                    let _ = write!(label, ", \"{}\"", more.section);
                }
                label
            })
            .collect();
        if let Some(a) = &self.assumption {
            parts.push(format!("our assumption: {a}"));
        }
        if parts.is_empty() {
            "no source recorded".into()
        } else {
            parts.join("; ")
        }
    }

    /// A short marker: "source: 001, 003" or "our assumption" (or both).
    #[must_use]
    pub fn marker(&self) -> String {
        let mut docs: Vec<&str> = self.source.iter().map(|s| s.doc.as_str()).collect();
        docs.dedup();
        match (docs.is_empty(), self.assumption.is_some()) {
            (false, false) => format!("source: {}", docs.join(", ")),
            (false, true) => format!("source: {} + our assumption", docs.join(", ")),
            (true, true) => "our assumption".into(),
            (true, false) => "no source".into(),
        }
    }
}

fn normalise_heading(text: &str) -> String {
    text.trim().replace(['’', '‘'], "'").to_lowercase()
}

fn check_ref(doc: &str, section: &str) -> Result<(), ProvenanceError> {
    let Some(seed) = seed(doc) else {
        return Err(ProvenanceError::UnknownDoc(doc.to_owned()));
    };
    if section.trim().is_empty() {
        return Err(ProvenanceError::EmptySection(doc.to_owned()));
    }
    let wanted = normalise_heading(section);
    if seed.sections.iter().any(|s| normalise_heading(s) == wanted) {
        Ok(())
    } else {
        Err(ProvenanceError::UnknownSection {
            doc: doc.to_owned(),
            section: section.to_owned(),
        })
    }
}

/// Accepts `source = { doc, section }` as well as an array of them.
///
/// # Errors
/// When the value is neither a table nor an array of tables of that shape; the message says
/// what to write (serde's untagged enums would only say that no variant matched).
pub fn one_or_many<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<SourceRef>, D::Error> {
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{MapAccess, SeqAccess, Visitor};

    struct Sources;
    impl<'de> Visitor<'de> for Sources {
        type Value = Vec<SourceRef>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "a seed section as { doc = \"000\", section = \"…\" } or a list of them (to say in \
                 words where a ladder comes from, write it as `origin`)",
            )
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            SourceRef::deserialize(MapAccessDeserializer::new(map)).map(|one| vec![one])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(SeqAccessDeserializer::new(seq))
        }
    }
    de.deserialize_any(Sources)
}

/// A provenance problem found in the raw text of a data file, at byte `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvenanceProblem {
    pub offset: usize,
    pub error: ProvenanceError,
    /// The dotted path of the item, e.g. `tracks[0].rungs[2]`.
    pub item: String,
}

impl ProvenanceProblem {
    /// `message` for an error: what is wrong, with the item's path.
    #[must_use]
    pub fn message(&self) -> String {
        format!("{}: {}", self.item, self.error)
    }
}

/// Checks the provenance of every item of a TOML data file.
///
/// `items` lists dotted paths of the tables that are items: `"tracks.rungs"` means every table
/// of the array `rungs` inside every table of `tracks`; `"verdicts.*"` means every table under
/// `verdicts`; `""` means the document itself. Items that are absent are skipped (the loader's
/// own shape check reports those). Syntax errors are left to the loader too: this returns
/// nothing for text that does not parse.
#[must_use]
pub fn check_document(text: &str, items: &[&str]) -> Vec<ProvenanceProblem> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for pattern in items {
        let segs: Vec<&str> = if pattern.is_empty() {
            Vec::new()
        } else {
            pattern.split('.').collect()
        };
        walk(
            root.get_ref(),
            root.span().start,
            &segs,
            String::new(),
            &mut out,
        );
    }
    out.sort_by_key(|p| p.offset);
    out
}

fn walk(
    table: &DeTable<'_>,
    offset: usize,
    segs: &[&str],
    path: String,
    out: &mut Vec<ProvenanceProblem>,
) {
    let Some((first, rest)) = segs.split_first() else {
        check_table(table, offset, path, out);
        return;
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if *first != "*" && *first != name {
            continue;
        }
        if *first == "*" && matches!(name, "source" | "assumption") {
            continue;
        }
        let here = if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        match value.get_ref() {
            DeValue::Table(t) => walk(t, value.span().start, rest, here, out),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk(t, item.span().start, rest, format!("{here}[{i}]"), out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check_table(table: &DeTable<'_>, offset: usize, path: String, out: &mut Vec<ProvenanceProblem>) {
    let item = if path.is_empty() {
        "the document".to_owned()
    } else {
        path
    };
    let source = table.get_key_value("source");
    let assumption = table.get_key_value("assumption");
    if source.is_none() && assumption.is_none() {
        out.push(ProvenanceProblem {
            offset,
            error: ProvenanceError::Missing,
            item,
        });
        return;
    }
    if let Some((key, value)) = assumption {
        let blank = match value.get_ref() {
            DeValue::String(s) => s.trim().is_empty(),
            _ => false, // a wrong type is the loader's shape error
        };
        if blank {
            out.push(ProvenanceProblem {
                offset: key.span().start,
                error: ProvenanceError::EmptyAssumption,
                item: item.clone(),
            });
        }
    }
    let Some((_, value)) = source else { return };
    let refs: Vec<&toml::Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Table(_) => vec![value],
        DeValue::Array(items) => items.iter().collect(),
        _ => Vec::new(),
    };
    for r in refs {
        let DeValue::Table(t) = r.get_ref() else {
            continue;
        };
        let text = |k: &str| {
            t.get(k).and_then(|v| match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
        };
        let (Some(doc), Some(section)) = (text("doc"), text("section")) else {
            continue; // missing fields are the loader's shape error
        };
        if let Err(error) = check_ref(&doc, &section) {
            out.push(ProvenanceProblem {
                offset: r.span().start,
                error,
                item: item.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_names_each_seed_once() {
        let p = Provenance::sourced_all(&[
            ("000", "QUESTION 2"),
            ("001", "On Reversibility"),
            ("000", "QUESTION 1"),
        ])
        .and_assumed("ours");
        assert_eq!(
            p.describe(),
            "000 (IC or management: which track fits you), \"QUESTION 2\", \"QUESTION 1\"; \
             001 (Staff engineer or engineering manager: an essay on the choice), \
             \"On Reversibility\"; our assumption: ours"
        );
    }

    #[test]
    fn an_item_with_neither_is_reported_at_its_table() {
        let text = "[[items]]\nid = \"a\"\nassumption = \"ours\"\n\n[[items]]\nid = \"b\"\n";
        let problems = check_document(text, &["items"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].error, ProvenanceError::Missing);
        assert_eq!(problems[0].item, "items[1]");
        assert!(
            text[problems[0].offset..].starts_with("[[items]]\nid = \"b\"")
                || text[problems[0].offset..].starts_with("id = \"b\""),
            "{}",
            &text[problems[0].offset..]
        );
    }

    #[test]
    fn single_table_and_array_sources_are_both_accepted() {
        let text = "[a]\nsource = { doc = \"001\", section = \"On Reversibility\" }\n[b]\nsource = [{ doc = \"003\", section = \"Day-to-Day Time Allocation\" }, { doc = \"001\", section = \"What I’d Tell Someone Facing the Choice\" }]\n";
        assert!(check_document(text, &["*"]).is_empty());
    }

    #[test]
    fn unknown_docs_and_sections_are_rejected_with_the_known_headings() {
        let text = "[a]\nsource = { doc = \"009\", section = \"x\" }\n[b]\nsource = { doc = \"001\", section = \"Nope\" }\n[c]\nsource = { doc = \"001\", section = \" \" }\n[d]\nassumption = \"\"\n";
        let problems = check_document(text, &["*"]);
        let errors: Vec<_> = problems.iter().map(|p| p.error.clone()).collect();
        assert!(matches!(errors[0], ProvenanceError::UnknownDoc(_)));
        assert!(matches!(errors[1], ProvenanceError::UnknownSection { .. }));
        assert!(errors[1].fix().contains("On Reversibility"));
        assert!(matches!(errors[2], ProvenanceError::EmptySection(_)));
        assert_eq!(errors[3], ProvenanceError::EmptyAssumption);
    }

    #[test]
    fn check_rejects_neither_and_accepts_either() {
        assert_eq!(Provenance::default().check(), Err(ProvenanceError::Missing));
        assert!(Provenance::assumed("ours").check().is_ok());
        assert!(
            Provenance::sourced("000", "The 6 questions")
                .check()
                .is_ok()
        );
        assert!(Provenance::sourced("004", "x").check().is_err());
    }

    #[test]
    fn one_or_many_deserializes_both_shapes() {
        let one: Provenance =
            toml::from_str("source = { doc = \"002\", section = \"Introduction\" }").unwrap();
        let many: Provenance =
            toml::from_str("source = [{ doc = \"002\", section = \"Introduction\" }]").unwrap();
        assert_eq!(one, many);
        assert_eq!(one.marker(), "source: 002");
    }

    /// Guards the message a plain string got: "data did not match any variant of untagged
    /// enum OneOrMany", which named our type and not the fix.
    #[test]
    fn a_string_source_is_told_what_to_write() {
        let err = toml::from_str::<Provenance>("source = \"HR wiki\"").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("{ doc = \"000\", section"), "{message}");
        assert!(message.contains("`origin`"), "{message}");
        assert!(!message.contains("OneOrMany"), "{message}");
    }
}
