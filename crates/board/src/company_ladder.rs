//! A company's own ladder file, uploaded by its employer, and what the board derives from it.
//!
//! Until an employer uploads one, a company's "IC ladder past Staff" and "dual ladder" flags
//! are what the board was told when the company was added. An uploaded ladder replaces both
//! with what the framework's loader and audit find in the file itself, and the company page
//! shows the audit's findings beside them.

use chrono::{DateTime, Utc};
use dualtrack_framework::{Finding, FindingCode, Framework, Ladder, Track};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rung;

/// The largest ladder file an employer may upload. Real ladders are a few kilobytes.
pub const MAX_LADDER_BYTES: usize = 256 * 1024;

/// What the board records about a company from its ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LadderFacts {
    /// The reference rung the top of the company's IC track matches (its highest if a range).
    pub ic_top_rung: String,
    /// That rung is above Staff on the reference ladder.
    pub ic_past_staff: bool,
    /// Both tracks exist, each management rung has a stated IC equivalent and pay at paired
    /// rungs is within the audit's tolerance.
    pub has_dual_ladder: bool,
}

impl LadderFacts {
    /// Derive the facts from a loaded ladder and its audit findings.
    ///
    /// # Errors
    /// A sentence for the employer when the board cannot place the ladder: it has no IC track,
    /// or its top IC rung says neither which reference rung it matches nor is one.
    pub fn derive(
        framework: &Framework,
        ladder: &Ladder,
        findings: &[Finding],
    ) -> Result<Self, String> {
        let Some(ic) = ladder.track(Track::Ic) else {
            return Err(
                "The file has no IC track, so the board cannot say how far its IC ladder \
                 goes. Add the IC track, even if it is short."
                    .to_owned(),
            );
        };
        let Some(top) = ic.top() else {
            return Err("The IC track has no rungs. Add its rungs, lowest first.".to_owned());
        };
        let reference = framework.ladder();
        let ic_top_rung = match &top.maps_to {
            Some(maps) => maps.high.clone(),
            None if reference
                .track(Track::Ic)
                .is_some_and(|t| t.rung(&top.id).is_some()) =>
            {
                top.id.clone()
            }
            None => {
                return Err(format!(
                    "The top IC rung, \"{}\", does not say which reference rung it matches. Add \
                     maps_to to it (for example maps_to = \"principal_engineer\").",
                    top.title
                ));
            }
        };
        if !rung::has_rung(Track::Ic, &ic_top_rung) {
            return Err(format!(
                "The top IC rung, \"{}\", maps to \"{ic_top_rung}\", which is not an IC rung of \
                 the reference ladder.",
                top.title
            ));
        }
        let broken_pairing = findings.iter().any(|f| {
            matches!(
                f.code,
                FindingCode::MissingTrack
                    | FindingCode::NoEquivalence
                    | FindingCode::UnequalPayAtEquivalentRungs
            )
        });
        Ok(Self {
            ic_past_staff: rung::is_past_staff(&ic_top_rung),
            has_dual_ladder: ladder.track(Track::Management).is_some() && !broken_pairing,
            ic_top_rung,
        })
    }
}

/// An uploaded ladder to store, with what was derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyLadderUpload {
    pub company_id: i64,
    /// The file as uploaded (TOML), kept so the audit can be shown and re-run.
    pub ladder_toml: String,
    pub facts: LadderFacts,
    /// The employer who uploaded it.
    pub uploaded_by: i64,
    pub uploaded_at: DateTime<Utc>,
}

/// A company's stored ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCompanyLadder {
    pub company_id: i64,
    pub ladder_toml: String,
    /// `None` once the uploading account has been deleted.
    pub uploaded_by: Option<i64>,
    pub uploaded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Result<LadderFacts, String> {
        let fw = Framework::embedded().unwrap();
        let ladder = fw.load_ladder("test.toml", text).unwrap();
        let findings = fw.audit(&ladder);
        LadderFacts::derive(&fw, &ladder, &findings)
    }

    #[test]
    fn every_shipped_company_ladder_is_placed() {
        for name in [
            "quanta",
            "meridian",
            "harbourline",
            "brightwave",
            "sprocket",
        ] {
            let path = format!(
                "{}/../../data/companies/{name}.toml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let derived = facts(&text);
            assert!(derived.is_ok(), "{name}: {derived:?}");
        }
        // Quanta is the shipped example of a mature dual ladder.
        let quanta = std::fs::read_to_string(format!(
            "{}/../../data/companies/quanta.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let quanta = facts(&quanta).unwrap();
        assert!(quanta.ic_past_staff && quanta.has_dual_ladder, "{quanta:?}");
    }

    #[test]
    fn the_reference_ladder_reaches_past_staff_with_a_dual_ladder() {
        let fw = Framework::embedded().unwrap();
        let text = include_str!("../../../data/ladder.toml");
        let ladder = fw.load_ladder("ladder.toml", text).unwrap();
        let derived = LadderFacts::derive(&fw, &ladder, &fw.audit(&ladder)).unwrap();
        assert_eq!(derived.ic_top_rung, "distinguished_engineer");
        assert!(derived.ic_past_staff);
    }

    #[test]
    fn a_ladder_without_an_ic_track_is_refused_in_a_sentence() {
        let text = "id = \"x\"\nname = \"X\"\n\n[[tracks]]\nid = \"management\"\nname = \"Management\"\n\n[[tracks.rungs]]\nid = \"m1\"\ntitle = \"Manager\"\nscope = \"team\"\nmaps_to = \"manager\"\n";
        let fw = Framework::embedded().unwrap();
        // The loader accepts a one-track ladder (the audit reports the missing track); it is
        // the board that cannot place it.
        let ladder = fw.load_ladder("test.toml", text).unwrap();
        let err = LadderFacts::derive(&fw, &ladder, &fw.audit(&ladder)).unwrap_err();
        assert!(err.contains("no IC track"), "{err}");
    }
}
