use super::*;

fn model() -> SwitchbackModel {
    SwitchbackModel::embedded().unwrap()
}

fn run(months: u32, org: &str, side: bool, strong: bool) -> Estimate {
    model()
        .estimate(&SwitchbackInput {
            months,
            org: org.into(),
            side_practice: side,
            strong_technical: strong,
        })
        .unwrap()
}

#[test]
fn enterprise_band_boundaries_18_19_59_60() {
    for (months, band) in [
        (0, Band::Intact),
        (18, Band::Intact),
        (19, Band::Rebuild),
        (59, Band::Rebuild),
        (60, Band::Reinvest),
        (600, Band::Reinvest),
    ] {
        let e = run(months, "enterprise", false, false);
        assert_eq!(
            (e.effective_months, e.band),
            (months, band),
            "{months} months"
        );
    }
}

#[test]
fn ramp_ranges_follow_the_band() {
    assert_eq!(
        run(18, "enterprise", false, false).ramp_months,
        MonthRange { low: 1, high: 2 }
    );
    assert_eq!(
        run(19, "enterprise", false, false).ramp_months,
        MonthRange { low: 3, high: 6 }
    );
    assert_eq!(
        run(60, "enterprise", false, false).ramp_months,
        MonthRange { low: 6, high: 12 }
    );
}

#[test]
fn fast_orgs_count_each_month_four_times() {
    let e = run(5, "frontier-lab", false, false);
    assert_eq!((e.effective_months, e.band), (20, Band::Rebuild));
    let e = run(4, "infrastructure-heavy", false, false);
    assert_eq!((e.effective_months, e.band), (16, Band::Intact));
    // Six months there feel like two years.
    assert_eq!(run(6, "frontier-lab", false, false).effective_months, 24);
    let e = run(15, "frontier-lab", false, false);
    assert_eq!((e.effective_months, e.band), (60, Band::Reinvest));
    assert_eq!(run(14, "frontier-lab", false, false).band, Band::Rebuild);
    let factor = &e.factors[0];
    assert_eq!(
        (
            factor.id.as_str(),
            factor.effect.as_str(),
            factor.assumption
        ),
        // Regression (issue 12, misreading 5): only the six-month point is stated; the
        // rate beyond it is our extrapolation and is flagged as such.
        ("org_pace", "each month counts x4.00", true)
    );
}

#[test]
fn scale_up_weight_rounds_halves_up() {
    // 12 x 1.5 = 18 (intact); 13 x 1.5 = 19.5 -> 20 (rebuild).
    assert_eq!(run(12, "scale-up", false, false).band, Band::Intact);
    let e = run(13, "scale-up", false, false);
    assert_eq!((e.effective_months, e.band), (20, Band::Rebuild));
    assert!(e.factors[0].assumption);
}

#[test]
fn side_practice_counts_months_at_three_quarters() {
    // 24 x 0.75 = 18: intact, where 24 alone would be rebuild.
    assert_eq!(run(24, "enterprise", false, false).band, Band::Rebuild);
    let e = run(24, "enterprise", true, false);
    assert_eq!((e.effective_months, e.band), (18, Band::Intact));
    assert!(
        e.factors.iter().any(|f| f.id == "side_practice"
            && f.effect == "effective months x0.75"
            && f.assumption)
    );
    // 25 x 0.75 = 18.75 -> 19: rebuild.
    assert_eq!(run(25, "enterprise", true, false).effective_months, 19);
    // 80 x 0.75 = 60 (reinvest), 79 x 0.75 = 59.25 -> 59 (rebuild).
    assert_eq!(run(80, "enterprise", true, false).band, Band::Reinvest);
    assert_eq!(run(79, "enterprise", true, false).band, Band::Rebuild);
    // Frontier lab: 6 x 4 x 0.75 = 18, intact; 7 -> 21, rebuild.
    assert_eq!(run(6, "frontier-lab", true, false).band, Band::Intact);
    assert_eq!(run(7, "frontier-lab", true, false).effective_months, 21);
}

#[test]
fn strong_technical_shortens_the_ramp_not_the_band() {
    let plain = run(30, "enterprise", false, false);
    let strong = run(30, "enterprise", false, true);
    assert_eq!(plain.band, strong.band);
    assert_eq!(plain.effective_months, strong.effective_months);
    // 3 x 0.75 = 2.25 -> 2; 6 x 0.75 = 4.5 -> 5.
    assert_eq!(strong.ramp_months, MonthRange { low: 2, high: 5 });
    let factor = strong
        .factors
        .iter()
        .find(|f| f.id == "strong_technical")
        .unwrap();
    assert_eq!(factor.effect, "ramp-up x0.75: 3-6 months becomes 2-5");
    assert_eq!(
        run(60, "enterprise", false, true).ramp_months,
        MonthRange { low: 5, high: 9 }
    );
}

#[test]
fn factors_list_what_applied_and_always_the_organisational_capital() {
    let ids = |e: &Estimate| e.factors.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&run(30, "startup", false, false)),
        ["org_pace", "organisational_capital"]
    );
    assert_eq!(
        ids(&run(30, "startup", true, true)),
        [
            "org_pace",
            "side_practice",
            "strong_technical",
            "organisational_capital"
        ]
    );
}

/// Regression (issue 12, misreading 5): organisational capital, 001's mechanism of
/// reversibility, was only a side note ("not in the numbers"). The estimate now weighs it
/// by months in the seat, a level deeper at a large organisation, and says it is ours.
#[test]
fn organisational_capital_is_weighed_in_the_estimate() {
    let stake = |months, org| {
        let e = run(months, org, false, false);
        let factor = e.factors.last().unwrap().clone();
        assert_eq!(factor.id, "organisational_capital");
        assert!(factor.assumption, "the thresholds are ours");
        let level = e.organisational_capital.unwrap().level;
        assert!(
            factor
                .effect
                .contains(&format!("{months} months in the seat"))
        );
        level
    };
    assert_eq!(stake(12, "startup"), "light");
    assert_eq!(stake(13, "startup"), "substantial");
    assert_eq!(stake(36, "scale-up"), "substantial");
    assert_eq!(stake(37, "frontier-lab"), "deep");
    // 001 describes a large company: one level deeper there.
    assert_eq!(stake(12, "enterprise"), "substantial");
    assert_eq!(stake(37, "enterprise"), "deep");
    // Capital does not change the skills estimate.
    let e = run(12, "enterprise", false, false);
    assert_eq!((e.effective_months, e.band), (12, Band::Intact));
}

/// Regression (issue 12, misreading 5): the seeds' own points must come out exactly,
/// whatever we extrapolate between them: 18 months out is intact; three years needs a
/// 3-6 month rebuild; past five years needs real investment; six months at a frontier lab
/// is like two years; a strong engineer recovers in months, not years.
#[test]
fn the_seeds_stated_points_are_exact() {
    let e = run(18, "enterprise", false, false);
    assert_eq!(e.band, Band::Intact);
    let e = run(36, "enterprise", false, false);
    assert_eq!(
        (e.band, e.ramp_months),
        (Band::Rebuild, MonthRange { low: 3, high: 6 })
    );
    assert_eq!(run(61, "enterprise", false, false).band, Band::Reinvest);
    assert_eq!(run(6, "frontier-lab", false, false).effective_months, 24);
    assert_eq!(
        run(6, "infrastructure-heavy", false, false).effective_months,
        24
    );
    let e = run(600, "frontier-lab", false, true);
    assert!(
        e.ramp_months.high < 12,
        "months, not years: {:?}",
        e.ramp_months
    );
}

#[test]
fn hints_are_computed_from_the_same_rules() {
    let e = run(24, "enterprise", false, false);
    assert_eq!(
        e.hints,
        [
            "A side technical practice kept throughout would bring this to 18 effective months: Skills intact."
        ]
    );
    let e = run(3, "frontier-lab", false, false);
    assert_eq!(
        e.hints,
        ["At this organisation, skills stay intact up to 4 months in management."]
    );
    assert!(run(200, "enterprise", false, false).hints.is_empty());
}

#[test]
fn longest_stint_within_intact() {
    let m = model();
    assert_eq!(
        m.longest_stint_within(Band::Intact, "enterprise", false)
            .unwrap(),
        Some(18)
    );
    assert_eq!(
        m.longest_stint_within(Band::Intact, "frontier-lab", false)
            .unwrap(),
        Some(4)
    );
    assert_eq!(
        m.longest_stint_within(Band::Intact, "frontier-lab", true)
            .unwrap(),
        Some(6)
    );
    assert_eq!(
        m.longest_stint_within(Band::Reinvest, "enterprise", false)
            .unwrap(),
        Some(600)
    );
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let m = model();
    let input = SwitchbackInput {
        months: 601,
        org: "enterprise".into(),
        side_practice: false,
        strong_technical: false,
    };
    assert!(matches!(
        m.estimate(&input),
        Err(DecideError::MonthsOutOfRange { .. })
    ));
    let input = SwitchbackInput {
        months: 1,
        org: "agency".into(),
        ..input
    };
    assert!(matches!(
        m.estimate(&input),
        Err(DecideError::UnknownOrg { .. })
    ));
}

#[test]
fn json_starts_with_the_contract_fields() {
    let json = serde_json::to_value(run(30, "frontier-lab", false, false)).unwrap();
    assert_eq!(json["band"], "reinvest");
    assert_eq!(json["effective_months"], 120);
    assert_eq!(
        json["ramp_months"],
        serde_json::json!({"low": 6, "high": 12})
    );
    assert_eq!(json["factors"][0]["id"], "org_pace");
    assert!(
        json["factors"][0]["explanation"]
            .as_str()
            .unwrap()
            .contains("two years")
    );
}
