use super::*;

fn fw() -> Framework {
    Framework::embedded().unwrap()
}

/// Regression (issue 12, misreading 1): Staff and above borrowed the leadership ladder's
/// entry IC level, so Principal showed 70-90% coding and "IC to Manager" as its growth.
#[test]
fn staff_plus_rungs_do_not_borrow_the_entry_ic_level() {
    let fw = fw();
    for id in [
        "staff_engineer",
        "senior_staff_engineer",
        "principal_engineer",
        "distinguished_engineer",
    ] {
        let p = fw.role_profile(id, None).unwrap();
        assert!(p.leadership_level.is_none(), "{id}");
        assert!(p.allocation.is_empty(), "{id}");
        assert!(p.staff_plus.is_some(), "{id}");
        if let Some(next) = &p.next {
            assert_eq!(next.rung.track, Track::Ic, "{id}");
            assert!(next.step.transition.is_none(), "{id}");
        }
        let switch = p.switch.unwrap();
        assert_eq!(switch.to_track, Track::Management);
    }
    let principal = fw.role_profile("principal_engineer", None).unwrap();
    assert_eq!(principal.next.unwrap().rung.id, "distinguished_engineer");
}

/// Regression (issue 12, misreading 1): the Staff page said both "a third to a half" and
/// "70-90%" for coding.
#[test]
fn the_staff_profile_states_one_coding_share() {
    let p = fw().role_profile("staff_engineer", None).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("70"), "{json}");
    let week = p.staff_plus.unwrap();
    assert!(
        week.time_use
            .iter()
            .any(|t| t.share.as_deref().is_some_and(|s| s.contains("30-50%")))
    );
}

/// Guards advice for reaching Staff shown on the step from Staff to Senior Staff.
#[test]
fn clearing_the_staff_bar_is_advice_for_the_step_into_staff_only() {
    let fw = fw();
    let names = |id: &str| -> Vec<String> {
        let p = fw.role_profile(id, None).unwrap();
        p.next
            .unwrap()
            .step
            .accelerators
            .iter()
            .map(|a| a.name.clone())
            .collect()
    };
    let bar = "Clear the Staff bar in time".to_owned();
    assert!(names("senior_engineer").contains(&bar));
    for id in [
        "engineer",
        "staff_engineer",
        "senior_staff_engineer",
        "principal_engineer",
    ] {
        assert!(!names(id).contains(&bar), "{id}");
        assert!(
            !names(id).is_empty(),
            "{id} keeps the general growth advice"
        );
    }
}

#[test]
fn team_scope_rungs_keep_their_level_and_grow_on_their_track() {
    let fw = fw();
    let senior = fw.role_profile("senior_engineer", None).unwrap();
    assert_eq!(senior.leadership_level.unwrap().level.id, "ic");
    assert_eq!(senior.next.unwrap().rung.id, "staff_engineer");
    let lead = fw.role_profile("tech_lead", None).unwrap();
    let step = lead.next.unwrap().step;
    assert_eq!(step.transition.unwrap().id, "ic_to_manager");
    let manager = fw.role_profile("manager", None).unwrap();
    assert!(manager.next.unwrap().step.transition.is_none());
}

#[test]
fn company_rungs_borrow_from_their_reference_rung_and_level() {
    let fw = fw();
    let em = fw.role_profile("em_l6", Some("quanta")).unwrap();
    let fit = em.leadership_level.unwrap();
    assert_eq!(fit.level.id, "manager");
    assert_eq!(fit.basis, LevelBasis::Reference);
    assert!(em.borrowed.unwrap().responsibilities);
    assert!(em.equivalents.iter().any(|e| e.rung.id == "swe_l6"));
    assert!(em.counterweight.is_some());
}

#[test]
fn a_company_ic_track_ending_at_staff_shows_the_lower_ceiling() {
    let p = fw().role_profile("staff", Some("brightwave")).unwrap();
    assert!(p.next.is_none());
    assert!(p.ceiling.is_some());
    assert!(
        fw().role_profile("distinguished_engineer", None)
            .unwrap()
            .ceiling
            .is_none()
    );
}

#[test]
fn unknown_rungs_are_errors_that_list_the_ids() {
    let err = fw().role_profile("wizard", None).unwrap_err();
    assert!(err.to_string().contains("staff_engineer"), "{err}");
}
