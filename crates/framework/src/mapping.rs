//! Translating a title from one company's ladder to another's through the reference ladder,
//! and the rung lookups that equivalents share.
//!
//! Company rungs map onto reference rungs, sometimes as a range and sometimes with low
//! confidence; every answer carries that uncertainty forward instead of hiding it.

use schemars::JsonSchema;
use serde::Serialize;

use crate::company::Confidence;
use crate::framework::Framework;
use crate::ladder::Ladder;
use crate::rung::{Rung, Scope};
use crate::track::Track;

/// Why a lookup could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("no company ladder called `{name}` (known: {known})")]
    UnknownCompany { name: String, known: String },
    #[error("no rung of {ladder} matches `{query}` (try one of: {known})")]
    UnknownRung {
        query: String,
        ladder: String,
        known: String,
    },
    #[error(
        "`{query}` matches several rungs of {ladder}: {}; give a rung id instead",
        listed(candidates)
    )]
    Ambiguous {
        query: String,
        ladder: String,
        /// The rungs it matches, so each shell can name them its own way.
        candidates: Vec<RungRef>,
    },
}

/// "Staff Software Engineer (swe_l6, IC), …": the candidates with the ids a command takes.
fn listed(candidates: &[RungRef]) -> String {
    candidates
        .iter()
        .map(|r| format!("{} ({}, {})", r.title, r.id, r.track.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rung, named enough to display without the ladder at hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RungRef {
    pub id: String,
    pub title: String,
    pub track: Track,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub scope: Scope,
}

impl RungRef {
    pub fn new(track: Track, rung: &Rung) -> Self {
        Self {
            id: rung.id.clone(),
            title: rung.title.clone(),
            track,
            level: rung.level.clone(),
            scope: rung.scope,
        }
    }
}

/// How sure an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// One rung matches one rung, with high confidence.
    Exact,
    /// The match spans more than one rung on at least one side.
    Range,
    /// A mapping involved has medium or low confidence.
    Uncertain,
    /// Nothing matches.
    None,
}

/// A company rung together with its place on the reference ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MappedRung {
    pub rung: RungRef,
    /// Lowest reference rung id it corresponds to.
    pub reference_low: String,
    /// Highest reference rung id it corresponds to (the same as low when not a range).
    pub reference_high: String,
    pub confidence: Confidence,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl MappedRung {
    pub fn is_range(&self) -> bool {
        self.reference_low != self.reference_high
    }
}

/// A ladder named in a mapping answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LadderRef {
    pub id: String,
    pub name: String,
}

/// The answer to "what is this title at that company?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TitleMapping {
    pub title: String,
    pub from: LadderRef,
    pub to: LadderRef,
    /// The rung the title names at `from`.
    pub rung: MappedRung,
    /// Rungs at `to` whose reference range overlaps, lowest first.
    pub matches: Vec<MappedRung>,
    /// When nothing matches: the nearest rung on the same track at `to`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closest: Option<MappedRung>,
    pub certainty: Certainty,
    /// True when either side spans more than one reference rung, or several rungs match.
    pub range: bool,
    /// The weakest confidence among the mappings used.
    pub confidence: Confidence,
    pub notes: Vec<String>,
}

/// The reference positions `[low, high]` a rung covers, or `None` when it is not mapped.
pub(crate) fn reference_span(
    reference: &Ladder,
    track: Track,
    rung: &Rung,
) -> Option<(usize, usize)> {
    let ref_track = reference.track(track)?;
    match &rung.maps_to {
        Some(m) => Some((ref_track.position(&m.low)?, ref_track.position(&m.high)?)),
        None => ref_track.position(&rung.id).map(|p| (p, p)),
    }
}

/// The widest scope a rung certainly or possibly has: taken from the reference rung at
/// the chosen end of its span, else the rung's own scope.
pub(crate) fn reference_scope(
    reference: &Ladder,
    track: Track,
    rung: &Rung,
    high_end: bool,
) -> Scope {
    reference_span(reference, track, rung)
        .and_then(|(lo, hi)| {
            let at = if high_end { hi } else { lo };
            reference
                .track(track)
                .and_then(|t| t.rungs.get(at))
                .map(|r| r.scope)
        })
        .unwrap_or(rung.scope)
}

pub(crate) fn mapped(reference: &Ladder, track: Track, rung: &Rung) -> Option<MappedRung> {
    let ref_track = reference.track(track)?;
    let (lo, hi) = reference_span(reference, track, rung)?;
    Some(MappedRung {
        rung: RungRef::new(track, rung),
        reference_low: ref_track.rungs.get(lo)?.id.clone(),
        reference_high: ref_track.rungs.get(hi)?.id.clone(),
        confidence: rung.mapping_confidence(),
        source: rung.mapping_note.clone(),
    })
}

/// The single rung of `ladder` that `query` names.
pub(crate) fn resolve<'l>(
    ladder: &'l Ladder,
    query: &str,
) -> Result<(Track, &'l Rung), MappingError> {
    let found = ladder.find(query);
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(MappingError::UnknownRung {
            query: query.to_owned(),
            ladder: ladder.name.clone(),
            known: ladder
                .rungs()
                .map(|(_, r)| r.title.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
        many => {
            // An exact id match wins over a shared level label.
            if let Some(exact) = many.iter().find(|(_, r)| r.id == query.trim()) {
                return Ok(*exact);
            }
            Err(MappingError::Ambiguous {
                query: query.to_owned(),
                ladder: ladder.name.clone(),
                candidates: many.iter().map(|(t, r)| RungRef::new(*t, r)).collect(),
            })
        }
    }
}

impl Framework {
    /// The ladder `name` refers to: a company by id or name, or the reference ladder when
    /// `name` is its id, `reference` or `dualtrack`.
    pub fn resolve_ladder(&self, name: &str) -> Result<&Ladder, MappingError> {
        let q = name.trim();
        if q.eq_ignore_ascii_case(&self.ladder().id)
            || q.eq_ignore_ascii_case("reference")
            || q.eq_ignore_ascii_case("dualtrack")
        {
            return Ok(self.ladder());
        }
        self.company(q).ok_or_else(|| MappingError::UnknownCompany {
            name: q.to_owned(),
            known: std::iter::once(self.ladder().id.as_str())
                .chain(self.companies().iter().map(|c| c.id.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Translate a title (or rung id, or level label) at company `from` into the rungs at
    /// company `to` that cover the same reference rungs. Either side may be the reference
    /// ladder. The answer says when the match is a range or rests on uncertain mappings.
    pub fn map_title(
        &self,
        title: &str,
        from: &str,
        to: &str,
    ) -> Result<TitleMapping, MappingError> {
        let reference = self.ladder();
        let from_ladder = self.resolve_ladder(from)?;
        let to_ladder = self.resolve_ladder(to)?;
        let (track, rung) = resolve(from_ladder, title)?;
        let refs = |l: &Ladder| LadderRef {
            id: l.id.clone(),
            name: l.name.clone(),
        };
        let mut notes = Vec::new();

        let Some(source) = mapped(reference, track, rung) else {
            return Ok(TitleMapping {
                title: title.to_owned(),
                from: refs(from_ladder),
                to: refs(to_ladder),
                rung: MappedRung {
                    rung: RungRef::new(track, rung),
                    reference_low: String::new(),
                    reference_high: String::new(),
                    confidence: Confidence::Low,
                    source: rung.mapping_note.clone(),
                },
                matches: Vec::new(),
                closest: None,
                certainty: Certainty::None,
                range: false,
                confidence: Confidence::Low,
                notes: vec![format!(
                    "`{}` at {} has no mapping onto the reference ladder; add `maps_to` to its rung",
                    rung.title, from_ladder.name
                )],
            });
        };
        let (lo, hi) = reference_span(reference, track, rung).unwrap_or((0, 0));

        let candidates: Vec<(MappedRung, usize, usize)> = to_ladder
            .track(track)
            .map(|t| {
                t.rungs
                    .iter()
                    .filter_map(|r| {
                        let (a, b) = reference_span(reference, track, r)?;
                        Some((mapped(reference, track, r)?, a, b))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if to_ladder.track(track).is_none() {
            notes.push(format!("{} has no {} track", to_ladder.name, track.noun()));
        }
        let matches: Vec<MappedRung> = candidates
            .iter()
            .filter(|(_, a, b)| *a <= hi && lo <= *b)
            .map(|(m, _, _)| m.clone())
            .collect();

        let mut closest = None;
        if matches.is_empty() {
            // Nearest by distance between reference ranges.
            let distance = |a: usize, b: usize| if b < lo { lo - b } else { a.saturating_sub(hi) };
            closest = candidates
                .iter()
                .min_by_key(|(_, a, b)| distance(*a, *b))
                .map(|(m, _, _)| m.clone());
            if let Some(c) = &closest {
                let direction = if candidates.iter().all(|(_, _, b)| *b < lo) {
                    "stops below"
                } else {
                    "starts above"
                };
                notes.push(format!(
                    "{}'s {} track {direction} this level; the nearest rung is `{}`",
                    to_ladder.name,
                    track.noun(),
                    c.rung.title
                ));
            }
        }

        let confidence = matches
            .iter()
            .map(|m| m.confidence)
            .chain(std::iter::once(source.confidence))
            .min()
            .unwrap_or(Confidence::Low);
        let range =
            source.is_range() || matches.len() > 1 || matches.iter().any(MappedRung::is_range);
        if source.is_range() {
            notes.push(format!(
                "`{}` covers more than one reference rung ({} to {})",
                rung.title, source.reference_low, source.reference_high
            ));
        }
        if confidence < Confidence::High {
            notes.push(format!(
                "at least one mapping used has {confidence} confidence"
            ));
        }
        let certainty = if matches.is_empty() {
            Certainty::None
        } else if confidence < Confidence::High {
            Certainty::Uncertain
        } else if range {
            Certainty::Range
        } else {
            Certainty::Exact
        };
        Ok(TitleMapping {
            title: title.to_owned(),
            from: refs(from_ladder),
            to: refs(to_ladder),
            rung: source,
            matches,
            closest,
            certainty,
            range,
            confidence,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        Framework::embedded().unwrap()
    }

    #[test]
    fn mapping_a_single_rung_to_a_single_rung_is_exact() {
        let m = fw()
            .map_title("Staff Software Engineer", "quanta", "brightwave")
            .unwrap();
        assert_eq!(m.matches.len(), 1);
        assert_eq!(m.matches[0].rung.id, "staff");
        assert_eq!(m.certainty, Certainty::Exact);
        assert!(!m.range);
    }

    #[test]
    fn mapping_onto_a_range_says_so() {
        let m = fw()
            .map_title("Staff Software Engineer", "quanta", "meridian")
            .unwrap();
        let ids: Vec<&str> = m.matches.iter().map(|x| x.rung.id.as_str()).collect();
        assert_eq!(ids, ["smts", "pmts"]);
        assert!(m.range);
        assert_eq!(m.certainty, Certainty::Uncertain);
        assert_eq!(m.confidence, Confidence::Low);
    }

    #[test]
    fn mapping_past_the_top_of_a_short_ladder_names_the_nearest_rung() {
        let m = fw()
            .map_title("Principal Software Engineer", "quanta", "sprocket")
            .unwrap();
        assert!(m.matches.is_empty());
        assert_eq!(m.certainty, Certainty::None);
        assert_eq!(
            m.closest.as_ref().map(|c| c.rung.id.as_str()),
            Some("senior")
        );
        assert!(
            m.notes.iter().any(|n| n.contains("stops below")),
            "{:?}",
            m.notes
        );
    }

    #[test]
    fn the_reference_ladder_can_be_either_side() {
        let m = fw()
            .map_title("Principal Engineer", "reference", "quanta")
            .unwrap();
        assert_eq!(m.matches[0].rung.id, "swe_l8");
        let back = fw().map_title("L8", "quanta", "dualtrack");
        // L8 is both an IC and a management level at Quanta.
        assert!(matches!(back, Err(MappingError::Ambiguous { .. })));
    }
}
