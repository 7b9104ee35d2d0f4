//! The built-in data: complete, consistent, and saying what the product promises.

use dualtrack_framework::{Activity, Framework, Scope, Track};

fn fw() -> Framework {
    Framework::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_reference_rungs_are_in_the_documented_order() {
    let fw = fw();
    let ids = |k| -> Vec<String> {
        fw.ladder()
            .track(k)
            .unwrap()
            .rungs
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(
        ids(Track::Ic),
        [
            "engineer",
            "senior_engineer",
            "staff_engineer",
            "senior_staff_engineer",
            "principal_engineer",
            "distinguished_engineer"
        ]
    );
    assert_eq!(
        ids(Track::Management),
        [
            "tech_lead",
            "manager",
            "senior_manager",
            "director",
            "senior_director",
            "vp_engineering"
        ]
    );
}

#[test]
fn stated_equivalences_are_the_three_from_the_sources() {
    let fw = fw();
    let pairs = fw.ladder().stated_pairs();
    let expect = [
        ["staff_engineer", "manager"],
        ["senior_staff_engineer", "senior_manager"],
        ["principal_engineer", "director"],
    ];
    assert_eq!(pairs, expect.map(|p| p.map(String::from)));
    for e in fw.ladder().equivalences.iter().filter(|e| e.extrapolated) {
        let note = e.note.as_deref().unwrap_or_default();
        assert!(note.contains("extrapolation"), "{e:?}");
    }
}

#[test]
fn scopes_and_spans_match_the_sources() {
    let fw = fw();
    let rung = |id| fw.ladder().rung(id).unwrap().1.clone();
    assert_eq!(rung("staff_engineer").scope, Scope::MultiTeam);
    assert_eq!(rung("distinguished_engineer").scope, Scope::Company);
    assert_eq!(rung("vp_engineering").scope, Scope::Function);
    assert_eq!(
        rung("tech_lead").reports.map(|r| (r.low, r.high)),
        Some((0, 3))
    );
    assert_eq!(
        rung("manager").reports.map(|r| (r.low, r.high)),
        Some((4, 8))
    );
}

#[test]
fn every_level_allocates_all_six_activities() {
    let fw = fw();
    let ids: Vec<&str> = fw
        .leadership()
        .levels
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ids, ["ic", "manager", "director", "vp"]);
    for level in &fw.leadership().levels {
        for a in Activity::ALL {
            assert!(level.allocation(a).is_some(), "{} lacks {a}", level.id);
        }
    }
    let vp = fw.leadership().level("vp").unwrap();
    let cross = vp.allocation(Activity::CrossFunctional).unwrap();
    assert_eq!((cross.low, cross.high), (40.0, 50.0));
}

#[test]
fn transitions_and_accelerators_cover_every_step() {
    let fw = fw();
    let l = fw.leadership();
    let ids: Vec<&str> = l.transitions.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["ic_to_manager", "manager_to_director", "director_to_vp"]
    );
    assert_eq!(l.accelerators.len(), 6);
    for a in &l.accelerators {
        for t in &ids {
            assert!(a.by_transition.contains_key(*t), "{} lacks {t}", a.id);
        }
    }
    for t in &l.transitions {
        assert!(
            !t.shifts.is_empty() && !t.accelerators.is_empty(),
            "{}",
            t.id
        );
    }
    let paths: Vec<&str> = l.career_paths.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(paths, ["ceiling", "satisfaction", "risk", "reversibility"]);
}

#[test]
fn the_comparison_has_the_nine_dimensions() {
    let fw = fw();
    let ids: Vec<&str> = fw
        .comparison()
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "day_to_day",
            "impact_lever",
            "calendar_shape",
            "how_judged",
            "worst_week",
            "skills_compounding",
            "exit_options",
            "atrophy_risk",
            "recovery_if_wrong"
        ]
    );
}

#[test]
fn every_example_company_is_labelled_as_an_example() {
    let fw = fw();
    assert!(fw.companies().len() >= 4);
    for c in fw.companies() {
        assert!(c.example, "{}", c.id);
        assert!(c.name.contains("(example)"), "{}", c.name);
    }
}
