//! The rung ids the board speaks in, taken from the framework's reference ladder.
//!
//! The full ladder (titles, scopes, equivalences) belongs to `dualtrack-framework`; the board
//! only needs the ids and their order to check listings and to say whether a company's IC
//! ladder reaches past Staff, so it reads them from that ladder instead of keeping a copy.

use std::sync::LazyLock;

use dualtrack_framework::{Framework, Track};

/// The rung a ladder must pass for the board to call it mature.
const STAFF: &str = "staff_engineer";

/// The reference ladder's rung ids per track (IC first), bottom to top.
static RUNGS: LazyLock<[Vec<&'static str>; 2]> = LazyLock::new(|| {
    // The embedded framework is checked by the test suite (and by `reference_rungs_are_the_boards`
    // below); should it ever fail to load, no rung is valid and every listing is
    // refused with the list of valid rungs, which is then empty: loud, not a panic.
    let ids = |track: Track| -> Vec<&'static str> {
        Framework::embedded()
            .ok()
            .and_then(|fw| {
                fw.ladder().track(track).map(|t| {
                    t.rungs
                        .iter()
                        .map(|r| &*Box::leak(r.id.clone().into_boxed_str()))
                        .collect()
                })
            })
            .unwrap_or_default()
    };
    [ids(Track::Ic), ids(Track::Management)]
});

/// Rung ids of `track`, bottom to top.
#[must_use]
pub fn rungs(track: Track) -> &'static [&'static str] {
    match track {
        Track::Ic => &RUNGS[0],
        Track::Management => &RUNGS[1],
    }
}

/// Whether `rung` is a rung of `track` on the reference ladder.
#[must_use]
pub fn has_rung(track: Track, rung: &str) -> bool {
    rungs(track).contains(&rung)
}

/// True when `rung` is an IC rung above Staff (Senior Staff, Principal, Distinguished):
/// the sign of an IC ladder that does not quietly end where management begins.
#[must_use]
pub fn is_past_staff(rung: &str) -> bool {
    let ic = rungs(Track::Ic);
    let position = |id: &str| ic.iter().position(|r| *r == id);
    matches!((position(rung), position(STAFF)), (Some(r), Some(s)) if r > s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_rungs_are_the_boards() {
        assert_eq!(
            rungs(Track::Ic),
            [
                "engineer",
                "senior_engineer",
                "staff_engineer",
                "senior_staff_engineer",
                "principal_engineer",
                "distinguished_engineer",
            ]
        );
        assert_eq!(
            rungs(Track::Management),
            [
                "tech_lead",
                "manager",
                "senior_manager",
                "director",
                "senior_director",
                "vp_engineering",
            ]
        );
    }

    #[test]
    fn past_staff_means_above_staff_on_the_ic_ladder() {
        assert!(!is_past_staff("senior_engineer"));
        assert!(!is_past_staff("staff_engineer"));
        assert!(is_past_staff("senior_staff_engineer"));
        assert!(is_past_staff("principal_engineer"));
        assert!(is_past_staff("distinguished_engineer"));
        assert!(
            !is_past_staff("director"),
            "management rungs are not IC rungs"
        );
        assert!(!is_past_staff("wizard"));
    }

    #[test]
    fn rungs_belong_to_one_track() {
        assert!(has_rung(Track::Ic, "staff_engineer"));
        assert!(!has_rung(Track::Management, "staff_engineer"));
        assert!(has_rung(Track::Management, "vp_engineering"));
    }
}
