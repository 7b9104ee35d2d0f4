//! Properties of the switch-back model over its whole input range.

use dualtrack_decide::{Band, SwitchbackInput, SwitchbackModel};
use proptest::prelude::*;

const ORGS: [&str; 5] = [
    "startup",
    "scale-up",
    "enterprise",
    "frontier-lab",
    "infrastructure-heavy",
];

fn estimate(months: u32, org: &str, side: bool, strong: bool) -> dualtrack_decide::Estimate {
    SwitchbackModel::embedded()
        .unwrap()
        .estimate(&SwitchbackInput {
            months,
            org: org.into(),
            side_practice: side,
            strong_technical: strong,
        })
        .unwrap()
}

proptest! {
    #[test]
    fn more_months_never_make_the_return_easier(months in 0u32..600, org in 0usize..5, side: bool) {
        let (a, b) = (estimate(months, ORGS[org], side, false), estimate(months + 1, ORGS[org], side, false));
        prop_assert!(b.effective_months >= a.effective_months);
        prop_assert!(b.band >= a.band);
    }

    #[test]
    fn a_side_practice_never_hurts_and_strong_never_lengthens(months in 0u32..=600, org in 0usize..5) {
        let plain = estimate(months, ORGS[org], false, false);
        let side = estimate(months, ORGS[org], true, false);
        let strong = estimate(months, ORGS[org], false, true);
        prop_assert!(side.effective_months <= plain.effective_months);
        prop_assert!(side.band <= plain.band);
        prop_assert_eq!(strong.band, plain.band);
        prop_assert!(strong.ramp_months.high <= plain.ramp_months.high);
        prop_assert!(strong.ramp_months.low <= strong.ramp_months.high);
    }

    #[test]
    fn the_band_always_matches_the_thresholds(months in 0u32..=600, org in 0usize..5, side: bool) {
        let e = estimate(months, ORGS[org], side, false);
        let expected = match e.effective_months {
            0..=18 => Band::Intact,
            19..=59 => Band::Rebuild,
            _ => Band::Reinvest,
        };
        prop_assert_eq!(e.band, expected);
    }
}
