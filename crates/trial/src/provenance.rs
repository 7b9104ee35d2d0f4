//! Where a statement comes from: a seed document and section, our own assumption, or both.
//!
//! A private stand-in for the framework's shared provenance type, which is being written in
//! parallel; the shapes match (`source = [{ doc, section }]`, `assumption = "..."`) so the two can
//! be unified without touching the data.

use serde::{Deserialize, Serialize};

/// The seed documents a `doc` may name.
pub const SEED_DOCS: [&str; 4] = ["000", "001", "002", "003"];

/// One seed section a statement rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// `000` to `003`: the seed document's number.
    pub doc: String,
    /// The section heading exactly as the seed writes it.
    pub section: String,
}

impl SourceRef {
    #[must_use]
    pub fn new(doc: &str, section: &str) -> Self {
        Self {
            doc: doc.to_owned(),
            section: section.to_owned(),
        }
    }
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "seed {}, \"{}\"", self.doc, self.section)
    }
}

/// Sources, an assumption, or both; never neither (validation refuses that).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SourceRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Provenance {
    #[must_use]
    pub fn sourced(refs: &[(&str, &str)]) -> Self {
        Self {
            source: refs.iter().map(|(d, s)| SourceRef::new(d, s)).collect(),
            assumption: None,
        }
    }

    #[must_use]
    pub fn assumed(why: &str) -> Self {
        Self {
            source: Vec::new(),
            assumption: Some(why.to_owned()),
        }
    }

    #[must_use]
    pub fn and_assumed(mut self, why: &str) -> Self {
        self.assumption = Some(why.to_owned());
        self
    }

    /// Why a provenance is unusable, if it is.
    pub(crate) fn problem(&self) -> Option<String> {
        if self.source.is_empty()
            && self
                .assumption
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
        {
            return Some("no `source` and no `assumption`".to_owned());
        }
        for r in &self.source {
            if !SEED_DOCS.contains(&r.doc.as_str()) {
                return Some(format!(
                    "`doc = \"{}\"` is not a seed document; valid values: {}",
                    r.doc,
                    SEED_DOCS.join(", ")
                ));
            }
            if r.section.trim().is_empty() {
                return Some(format!("seed {} is cited with a blank `section`", r.doc));
            }
        }
        None
    }

    /// `seed 000, "QUESTION 5"; our assumption: ...` for one-line rendering.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.source.iter().map(ToString::to_string).collect();
        if let Some(a) = &self.assumption {
            parts.push(format!("our assumption: {a}"));
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_needs_a_source_or_an_assumption_and_known_docs() {
        assert!(Provenance::default().problem().is_some());
        assert!(Provenance::assumed("  ").problem().is_some());
        assert!(
            Provenance::sourced(&[("004", "x")])
                .problem()
                .unwrap()
                .contains("000, 001")
        );
        assert!(
            Provenance::sourced(&[("000", "QUESTION 5")])
                .problem()
                .is_none()
        );
        assert_eq!(
            Provenance::sourced(&[("000", "QUESTION 5")])
                .and_assumed("why")
                .describe(),
            "seed 000, \"QUESTION 5\"; our assumption: why"
        );
    }
}
