//! What a rung is equivalent to on the other track, stated by its ladder or inferred
//! through the reference ladder.

use schemars::JsonSchema;
use serde::Serialize;

use crate::Provenance;
use crate::company::Confidence;
use crate::framework::Framework;
use crate::ladder::Ladder;
use crate::mapping::{Certainty, MappingError, RungRef, mapped, reference_span, resolve};
use crate::rung::Rung;
use crate::track::Track;

/// A counterpart on the other track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EquivalentRung {
    /// Where the pairing comes from: the seed section the ladder cites, or our assumption.
    #[serde(flatten)]
    pub provenance: Provenance,
    pub rung: RungRef,
    /// True when the pairing is inferred rather than stated by the ladder.
    pub extrapolated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The answer to "what is this rung equivalent to?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Equivalents {
    pub query: String,
    /// Id of the ladder the rung was found in.
    pub ladder: String,
    pub ladder_name: String,
    pub rung: RungRef,
    /// For a company rung: the reference rungs it maps to (empty on the reference ladder).
    pub reference: Vec<RungRef>,
    pub equivalents: Vec<EquivalentRung>,
    pub certainty: Certainty,
    pub notes: Vec<String>,
}

impl Framework {
    /// What a rung (by id, title or level label) is equivalent to on the other track, in
    /// the reference ladder or in a company's.
    pub fn equivalent(
        &self,
        rung_or_title: &str,
        company: Option<&str>,
    ) -> Result<Equivalents, MappingError> {
        let ladder = match company {
            Some(name) => self.resolve_ladder(name)?,
            None => self.ladder(),
        };
        let is_reference = std::ptr::eq(ladder, self.ladder());
        let (track, rung) = resolve(ladder, rung_or_title)?;
        let mut notes = Vec::new();

        let mut equivalents = stated_equivalents(ladder, track, rung);

        let mut reference = Vec::new();
        let mut confidence = rung.mapping_confidence();
        let mut range = false;
        if !is_reference {
            match mapped(self.ladder(), track, rung) {
                Some(m) => {
                    range = m.is_range();
                    if let Some(t) = self.ladder().track(track) {
                        let (lo, hi) = reference_span(self.ladder(), track, rung).unwrap_or((0, 0));
                        reference = t.rungs.iter().skip(lo).take(hi + 1 - lo).map(|r| RungRef::new(track, r)).collect();
                    }
                }
                None => notes.push(format!(
                    "`{}` has no mapping onto the reference ladder; add `maps_to` to compare it with other companies",
                    rung.title
                )),
            }
            if equivalents.is_empty() {
                // Nothing stated by the company: infer through the reference ladder.
                equivalents = self.inferred_equivalents(ladder, track, rung);
                if !equivalents.is_empty() {
                    notes.push(format!(
                        "{} states no equivalent for `{}`; these are inferred through the reference ladder",
                        ladder.name, rung.title
                    ));
                }
            }
            for e in &equivalents {
                if let Some((t, r)) = ladder.rung(&e.rung.id) {
                    confidence = confidence.min(r.mapping_confidence());
                    range |= r.maps_to.as_ref().is_some_and(|m| m.is_range()) && t == track.other();
                }
            }
        }
        if equivalents.is_empty() {
            notes.push(format!(
                "no rung on the {} track is paired with `{}`",
                track.other().noun(),
                rung.title
            ));
        }
        // An answer resting only on inferences is uncertain however confident the mappings.
        let only_inferred = equivalents.iter().all(|e| e.extrapolated);
        let certainty = if equivalents.is_empty() {
            Certainty::None
        } else if confidence < Confidence::High || only_inferred {
            Certainty::Uncertain
        } else if range || equivalents.len() > 1 {
            Certainty::Range
        } else {
            Certainty::Exact
        };
        Ok(Equivalents {
            query: rung_or_title.to_owned(),
            ladder: ladder.id.clone(),
            ladder_name: ladder.name.clone(),
            rung: RungRef::new(track, rung),
            reference,
            equivalents,
            certainty,
            notes,
        })
    }

    /// Equivalents of a company rung derived from the reference ladder's pairings.
    fn inferred_equivalents(
        &self,
        ladder: &Ladder,
        track: Track,
        rung: &Rung,
    ) -> Vec<EquivalentRung> {
        let reference = self.ladder();
        let Some((lo, hi)) = reference_span(reference, track, rung) else {
            return Vec::new();
        };
        let (Some(ref_track), Some(ref_other)) =
            (reference.track(track), reference.track(track.other()))
        else {
            return Vec::new();
        };
        // Reference rungs on the other track paired with any reference rung in our span.
        let targets: Vec<(usize, bool)> = ref_track
            .rungs
            .iter()
            .skip(lo)
            .take(hi + 1 - lo)
            .flat_map(|r| reference.equivalences_of(&r.id))
            .filter_map(|e| {
                ref_other
                    .position(e.on(track.other()))
                    .map(|p| (p, e.extrapolated))
            })
            .collect();
        let Some(other) = ladder.track(track.other()) else {
            return Vec::new();
        };
        other
            .rungs
            .iter()
            .filter_map(|r| {
                let (olo, ohi) = reference_span(reference, track.other(), r)?;
                let hit = targets.iter().find(|(p, _)| olo <= *p && *p <= ohi)?;
                Some(EquivalentRung {
                    provenance: Provenance::assumed(
                        "the ladder states no equivalent for this rung; we line it up with the \
                         other track through the reference ladder's pairings",
                    ),
                    rung: RungRef::new(track.other(), r),
                    extrapolated: true,
                    note: Some(if hit.1 {
                        "inferred through the reference ladder, from a pairing that is itself an extrapolation".to_owned()
                    } else {
                        "inferred through the reference ladder".to_owned()
                    }),
                })
            })
            .collect()
    }
}

/// The counterparts a ladder itself states for `rung`, each with the provenance it gives.
pub(crate) fn stated_equivalents(
    ladder: &Ladder,
    track: Track,
    rung: &Rung,
) -> Vec<EquivalentRung> {
    ladder
        .equivalences_of(&rung.id)
        .into_iter()
        .filter(|e| e.on(track) == rung.id)
        .filter_map(|e| {
            let (t, other) = ladder.rung(e.on(track.other()))?;
            Some(EquivalentRung {
                provenance: Provenance {
                    source: e.source.clone(),
                    assumption: e.assumption.clone(),
                },
                rung: RungRef::new(t, other),
                extrapolated: e.extrapolated,
                note: e.note.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        Framework::embedded().unwrap()
    }

    #[test]
    fn reference_equivalents_are_stated_or_flagged() {
        let e = fw().equivalent("staff_engineer", None).unwrap();
        assert_eq!(e.equivalents.len(), 1);
        assert_eq!(e.equivalents[0].rung.id, "manager");
        assert_eq!(e.certainty, Certainty::Exact);

        let d = fw().equivalent("Distinguished Engineer", None).unwrap();
        assert!(d.equivalents.iter().all(|e| e.extrapolated));
        assert_eq!(d.certainty, Certainty::Uncertain);

        let eng = fw().equivalent("engineer", None).unwrap();
        assert_eq!(eng.certainty, Certainty::None);
    }

    #[test]
    fn unknown_rungs_and_companies_are_errors_that_list_the_options() {
        let err = fw().equivalent("Wizard", None).unwrap_err();
        assert!(err.to_string().contains("Staff Engineer"), "{err}");
        let err = fw().equivalent("Staff", Some("nowhere")).unwrap_err();
        assert!(err.to_string().contains("quanta"), "{err}");
    }

    #[test]
    fn a_shared_level_label_is_ambiguous() {
        let err = fw().equivalent("L6", Some("quanta")).unwrap_err();
        assert!(matches!(err, MappingError::Ambiguous { .. }), "{err}");
    }

    #[test]
    fn company_equivalents_use_stated_pairs_then_the_reference() {
        let e = fw()
            .equivalent("Solution Architect", Some("harbourline"))
            .unwrap();
        assert_eq!(e.equivalents[0].rung.id, "it_manager");
        assert_eq!(e.reference[0].id, "staff_engineer");

        let inferred = fw()
            .equivalent("Senior Member of Technical Staff", Some("meridian"))
            .unwrap();
        assert!(
            inferred
                .equivalents
                .iter()
                .any(|e| e.rung.id == "mgr" && e.extrapolated)
        );
        assert_eq!(inferred.certainty, Certainty::Uncertain);
    }
}
