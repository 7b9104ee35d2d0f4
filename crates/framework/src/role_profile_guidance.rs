//! `data/staff-plus.toml`: what role pages say about Staff+ IC work, about growing up the IC
//! track, and about how far an equivalence between the tracks carries.
//!
//! The leadership ladder describes one IC level below Manager and is silent on Staff and
//! above, so senior IC rungs take their week from here rather than borrow that entry level.
//! Every item carries its provenance: the seed and section it comes from, or why we believe it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::DiagnosticKind;
use crate::source::{Issue, Path};

/// A seed document and the section heading a statement comes from.
//
// Private to the role profile until the data-wide `Provenance` type lands; the TOML shape is
// the same (`source = [{ doc, section }]`, `assumption = "..."`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RoleSeedSection")]
pub struct SeedSection {
    /// `000` to `003`.
    pub doc: String,
    /// The heading in that document, verbatim.
    pub section: String,
}

/// Where a statement comes from: seed sections, our own reasoning, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "RoleSourcing")]
pub struct Sourcing {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SeedSection>,
    /// Why we believe it, when no seed says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Sourcing {
    /// `true` when no seed backs the statement and it rests on our reasoning alone.
    pub fn is_assumption(&self) -> bool {
        self.source.is_empty()
    }

    /// "000: Section; 001: Section", or "our assumption: why".
    pub fn describe(&self) -> String {
        let sources: Vec<String> = self
            .source
            .iter()
            .map(|s| format!("seed {}, \u{201c}{}\u{201d}", s.doc, s.section))
            .collect();
        match (&self.assumption, sources.is_empty()) {
            (Some(why), true) => format!("our assumption: {why}"),
            (Some(why), false) => format!("{}; our assumption: {why}", sources.join("; ")),
            (None, _) => sources.join("; "),
        }
    }

    fn check(&self, path: &Path, issues: &mut Vec<Issue>) {
        if self.source.is_empty() && self.assumption.as_deref().is_none_or(str::is_empty) {
            issues.push(Issue::new(
                path.clone(),
                DiagnosticKind::Missing,
                "this item says neither where it comes from nor that it is our assumption",
                "add `source = [{ doc = \"001\", section = \"...\" }]` or `assumption = \"why we believe it\"`",
            ));
        }
        for (i, s) in self.source.iter().enumerate() {
            if !matches!(s.doc.as_str(), "000" | "001" | "002" | "003")
                || s.section.trim().is_empty()
            {
                issues.push(Issue::new(
                    path.key("source").index(i),
                    DiagnosticKind::UnknownReference,
                    format!("`{}` is not a seed document with a section", s.doc),
                    "use doc = \"000\", \"001\", \"002\" or \"003\" and the section heading",
                ));
            }
        }
    }
}

/// One part of a Staff+ week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RoleTimeUse")]
pub struct TimeUse {
    pub activity: String,
    /// A share of the week in words, only where a source or our inference gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SeedSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A named piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RoleAdvice")]
pub struct Advice {
    pub name: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SeedSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A statement shown in a fixed place (beside equivalences, on a low IC ceiling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RoleNote")]
pub struct Note {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<SeedSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

macro_rules! sourced {
    ($($ty:ty),*) => {$(
        impl $ty {
            /// Where this item comes from.
            pub fn sourcing(&self) -> Sourcing {
                Sourcing {
                    source: self.source.clone(),
                    assumption: self.assumption.clone(),
                }
            }
        }
    )*};
}
sourced!(TimeUse, Advice, Note);

/// The whole `data/staff-plus.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGuidance {
    /// One sentence on what Staff+ work is.
    pub intro: String,
    pub intro_source: Vec<SeedSection>,
    /// Where a Staff+ week goes.
    pub time_use: Vec<TimeUse>,
    /// What speeds up a step to the next IC rung.
    pub growth: Vec<Advice>,
    /// What else matters on the one step that reaches Staff (from a rung below it).
    #[serde(default)]
    pub growth_into_staff: Vec<Advice>,
    /// The limits of parity, shown wherever two rungs are called equivalent.
    pub counterweight: Note,
    /// Shown on the top rung of an IC track that ends at Staff scope.
    pub low_ceiling: Note,
}

impl RoleGuidance {
    /// Every item without a source or an assumption, and every malformed source.
    pub(crate) fn issues(doc: &Self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let root = Path::root();
        Sourcing {
            source: doc.intro_source.clone(),
            assumption: None,
        }
        .check(&root.key("intro_source"), &mut issues);
        for (i, t) in doc.time_use.iter().enumerate() {
            t.sourcing()
                .check(&root.key("time_use").index(i), &mut issues);
        }
        for (key, advice) in [
            ("growth", &doc.growth),
            ("growth_into_staff", &doc.growth_into_staff),
        ] {
            for (i, a) in advice.iter().enumerate() {
                a.sourcing().check(&root.key(key).index(i), &mut issues);
            }
        }
        doc.counterweight
            .sourcing()
            .check(&root.key("counterweight"), &mut issues);
        doc.low_ceiling
            .sourcing()
            .check(&root.key("low_ceiling"), &mut issues);
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Document;

    const EMBEDDED: &str = include_str!("../../../data/staff-plus.toml");

    fn load(text: &str) -> Result<RoleGuidance, Vec<String>> {
        let (g, doc) = Document::parse::<RoleGuidance>("staff-plus.toml", text).map_err(|e| {
            e.diagnostics()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        })?;
        let d = doc.diagnostics(RoleGuidance::issues(&g));
        if d.is_empty() {
            Ok(g)
        } else {
            Err(d.iter().map(ToString::to_string).collect())
        }
    }

    #[test]
    fn the_shipped_file_loads_with_a_source_or_assumption_on_every_item() {
        let g = load(EMBEDDED).unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(g.time_use.len() >= 4);
        assert!(g.time_use.iter().any(|t| t.sourcing().is_assumption()));
        assert_eq!(g.counterweight.source[0].doc, "002");
    }

    #[test]
    fn an_item_without_provenance_is_refused_with_its_line() {
        let text = EMBEDDED.replacen(
            "source = [{ doc = \"002\", section = \"Why the Industry Structure Reinforces the Problem\" }]",
            "",
            1,
        );
        assert_ne!(text, EMBEDDED, "the fixture edit must apply");
        let errors = load(&text).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("staff-plus.toml:")
                    && e.contains("neither where it comes from")),
            "{errors:#?}"
        );
    }

    #[test]
    fn provenance_is_described_for_readers() {
        let s = Sourcing {
            source: vec![SeedSection {
                doc: "001".into(),
                section: "On Reversibility".into(),
            }],
            assumption: None,
        };
        assert_eq!(s.describe(), "seed 001, \u{201c}On Reversibility\u{201d}");
        let a = Sourcing {
            source: vec![],
            assumption: Some("we infer it".into()),
        };
        assert!(a.is_assumption());
        assert_eq!(a.describe(), "our assumption: we infer it");
    }
}
