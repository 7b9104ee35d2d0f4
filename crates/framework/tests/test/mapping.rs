//! Equivalents and title mapping across companies.

use dualtrack_framework::{Certainty, Confidence, Framework, MappingError};

fn fw() -> Framework {
    Framework::embedded().unwrap()
}

#[test]
fn a_title_maps_to_the_rung_with_the_same_reference_rung() {
    let m = fw()
        .map_title("Senior Staff Software Engineer", "quanta", "reference")
        .unwrap();
    assert_eq!(m.matches.len(), 1);
    assert_eq!(m.matches[0].rung.id, "senior_staff_engineer");
    assert_eq!(m.certainty, Certainty::Exact);
    assert_eq!(m.confidence, Confidence::High);
}

#[test]
fn a_broad_title_maps_to_a_range_with_its_source() {
    let m = fw()
        .map_title("Principal Member of Technical Staff", "meridian", "quanta")
        .unwrap();
    let ids: Vec<&str> = m.matches.iter().map(|r| r.rung.id.as_str()).collect();
    assert_eq!(ids, ["swe_l6", "swe_l7"]);
    assert!(m.range);
    assert_eq!(m.certainty, Certainty::Uncertain);
    assert_eq!(m.rung.confidence, Confidence::Low);
    assert!(
        m.rung
            .source
            .as_deref()
            .unwrap_or_default()
            .contains("Estimate")
    );
}

#[test]
fn titles_are_matched_without_regard_to_case() {
    let m = fw().map_title(
        "solution ARCHITECT",
        "Harbourline Insurance (example)",
        "quanta",
    );
    assert_eq!(m.unwrap().matches[0].rung.id, "swe_l6");
}

#[test]
fn management_titles_map_on_the_management_track() {
    let m = fw()
        .map_title("IT Manager", "harbourline", "meridian")
        .unwrap();
    assert_eq!(m.matches[0].rung.id, "mgr");
    assert_eq!(m.certainty, Certainty::Exact);
}

#[test]
fn an_unknown_title_lists_the_company_titles() {
    let err = fw().map_title("Ninja", "sprocket", "quanta").unwrap_err();
    assert!(matches!(err, MappingError::UnknownRung { .. }));
    assert!(err.to_string().contains("Head of Engineering"), "{err}");
}

#[test]
fn equivalents_on_a_company_ladder_include_the_reference_rung() {
    let e = fw().equivalent("L7", Some("quanta"));
    // L7 is both an IC and a management level.
    assert!(matches!(e, Err(MappingError::Ambiguous { .. })));
    let e = fw().equivalent("swe_l7", Some("quanta")).unwrap();
    assert_eq!(e.equivalents[0].rung.id, "em_l7");
    assert_eq!(e.reference[0].id, "senior_staff_engineer");
    assert_eq!(e.certainty, Certainty::Exact);
}
