//! A dual ladder: two tracks of rungs and the equivalences between them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::FrameworkError;
use crate::rung::Rung;
use crate::source::Document;
use crate::track::{LadderTrack, Track};
use crate::validate;

/// "This IC rung carries the same weight as this management rung."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equivalence {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see [`crate::Provenance`]).
    #[serde(
        default,
        deserialize_with = "crate::provenance::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<crate::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// A rung id on the IC track.
    pub ic: String,
    /// A rung id on the management track.
    pub management: String,
    /// True when the pairing is an inference rather than something the source states.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub extrapolated: bool,
    /// Why the pairing holds, or where the inference comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Equivalence {
    /// The rung id on `track`.
    pub fn on(&self, track: Track) -> &str {
        match track {
            Track::Ic => &self.ic,
            Track::Management => &self.management,
        }
    }
}

/// The ladder format's small example, as its documentation (`docs/ladder-format.md`) gives it:
/// one text for the docs and the web's audit page, tested to load.
#[must_use]
pub fn example_ladder() -> &'static str {
    const DOC: &str = include_str!("../../../docs/ladder-format.md");
    DOC.split_once("## A small example")
        .and_then(|(_, rest)| rest.split_once("```toml\n"))
        .and_then(|(_, rest)| rest.split_once("```"))
        .map_or("", |(toml, _)| toml)
}

/// A whole ladder file: the reference ladder in `data/ladder.toml`, a company's ladder, or a
/// user's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    /// Seed sections this rests on (`source = [{ doc, section }]`, see [`crate::Provenance`]).
    #[serde(
        default,
        deserialize_with = "crate::provenance::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub source: Vec<crate::SourceRef>,
    /// Why we believe it, where it is our own inference rather than (only) a seed's statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Short id, used to pick the ladder on the command line (`--company acme`).
    pub id: String,
    /// Display name, e.g. "Acme Corp".
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// True for the made-up companies shipped as examples.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// Where the ladder comes from, in words (a published ladder, an estimate). Called
    /// `source` before provenance took that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// One `ic` track and one `management` track (a ladder missing one is valid, and the
    /// audit says what that means).
    #[serde(default)]
    pub tracks: Vec<LadderTrack>,
    #[serde(default)]
    pub equivalences: Vec<Equivalence>,
}

impl Ladder {
    /// Parse and check a ladder file on its own (ids unique, ranges ordered, equivalences
    /// naming real rungs). `source` names the text in messages. Mapping onto the reference
    /// ladder is checked by [`Framework::load_ladder`](crate::Framework::load_ladder).
    pub fn from_toml(source: &str, text: &str) -> Result<Self, FrameworkError> {
        let (ladder, doc): (Self, Document<'_>) = Document::parse(source, text)?;
        // A user's ladder need not cite the seeds; see `Framework::load_ladder`.
        let all = doc.diagnostics(validate::ladder(&ladder));
        if all.is_empty() {
            Ok(ladder)
        } else {
            Err(FrameworkError::Invalid(all))
        }
    }

    /// The track of this kind, if the ladder has one.
    pub fn track(&self, kind: Track) -> Option<&LadderTrack> {
        self.tracks.iter().find(|t| t.id == kind)
    }

    /// The rung with this id and the track it is on.
    pub fn rung(&self, id: &str) -> Option<(Track, &Rung)> {
        self.tracks
            .iter()
            .find_map(|t| t.rung(id).map(|r| (t.id, r)))
    }

    /// Every rung whose id, title or level label matches `query` (case-insensitive).
    pub fn find(&self, query: &str) -> Vec<(Track, &Rung)> {
        self.tracks
            .iter()
            .flat_map(|t| t.rungs.iter().map(move |r| (t.id, r)))
            .filter(|(_, r)| r.answers_to(query))
            .collect()
    }

    /// Every rung of the ladder with its track, IC first, bottom to top.
    pub fn rungs(&self) -> impl Iterator<Item = (Track, &Rung)> {
        self.tracks
            .iter()
            .flat_map(|t| t.rungs.iter().map(move |r| (t.id, r)))
    }

    /// The equivalences that involve this rung.
    pub fn equivalences_of(&self, rung_id: &str) -> Vec<&Equivalence> {
        self.equivalences
            .iter()
            .filter(|e| e.ic == rung_id || e.management == rung_id)
            .collect()
    }

    /// The pairs the ladder states outright (not extrapolated), as `[ic, management]`, in
    /// IC rung order.
    pub fn stated_pairs(&self) -> Vec<[String; 2]> {
        let height = |id: &str| {
            self.track(Track::Ic)
                .and_then(|t| t.position(id))
                .unwrap_or(usize::MAX)
        };
        let mut pairs: Vec<&Equivalence> = self
            .equivalences
            .iter()
            .filter(|e| !e.extrapolated)
            .collect();
        pairs.sort_by_key(|e| height(&e.ic));
        pairs
            .into_iter()
            .map(|e| [e.ic.clone(), e.management.clone()])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
id = "t"
name = "Test"

[[tracks]]
id = "ic"
name = "IC"
[[tracks.rungs]]
id = "a"
title = "Engineer"
scope = "team"
level = "L3"
[[tracks.rungs]]
id = "b"
title = "Staff Engineer"
scope = "multi-team"

[[tracks]]
id = "management"
name = "Management"
[[tracks.rungs]]
id = "m"
title = "Manager"
scope = "team"

[[equivalences]]
ic = "a"
management = "m"
extrapolated = true

[[equivalences]]
ic = "b"
management = "m"
"#;

    /// The fixture with an assumption on every table (provenance has its own tests).
    fn sourced_fixture(text: &str) -> String {
        let mut out = String::from("assumption = \"test fixture\"\n");
        for line in text.lines() {
            out.push_str(line);
            out.push('\n');
            if line.starts_with('[') {
                out.push_str("assumption = \"test fixture\"\n");
            }
        }
        out
    }

    #[test]
    fn lookups_find_rungs_by_id_title_and_level() {
        let l = Ladder::from_toml("t.toml", &sourced_fixture(TEXT)).unwrap();
        assert_eq!(l.rung("m").map(|(k, _)| k), Some(Track::Management));
        assert_eq!(l.find("staff engineer").len(), 1);
        assert_eq!(l.find("l3")[0].1.id, "a");
        assert_eq!(l.equivalences_of("m").len(), 2);
        assert_eq!(l.rungs().count(), 3);
    }

    #[test]
    fn stated_pairs_leave_out_extrapolations() {
        let l = Ladder::from_toml("t.toml", &sourced_fixture(TEXT)).unwrap();
        assert_eq!(l.stated_pairs(), vec![["b".to_owned(), "m".to_owned()]]);
    }
}
