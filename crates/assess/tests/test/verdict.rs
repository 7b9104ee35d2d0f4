//! Every branch of the verdict rule, the leaning, red flags, the Staff+ path and next steps.

use dualtrack_assess::{Questionnaire, Strength, Tally, Track, Verdict};

use super::common::{QUIET, assess};

fn step_ids(a: &dualtrack_assess::Assessment) -> Vec<&str> {
    a.next_steps.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn three_strong_ic_and_none_for_management_is_ic() {
    let a = assess(
        [
            "hard_problem_alone",
            "refactoring",
            "own_keyboard",
            "unsure",
            "uncomfortable_but_doable",
        ],
        &[],
    );
    assert_eq!(
        a.strong,
        Tally {
            ic: 3,
            management: 0
        }
    );
    assert_eq!(
        a.mild,
        Tally {
            ic: 0,
            management: 1
        }
    );
    assert_eq!(
        a.weighted,
        Tally {
            ic: 6,
            management: 1
        }
    );
    assert_eq!(a.verdict, Verdict::Ic);
    assert_eq!(a.leaning, Some(Track::Ic));
    assert!(!a.staff_path, "own keyboard is not the Staff+ path");
    assert_eq!(
        a.summary.headline,
        Questionnaire::embedded().verdicts.ic.headline
    );
    assert_eq!(step_ids(&a), ["grow_ic_reach", "name_reason", "retake"]);
}

#[test]
fn three_strong_management_and_fewer_ic_is_management() {
    let a = assess(
        [
            "team_conflict",
            "team_process",
            "own_keyboard",
            "coordinate_many",
            "avoid_for_weeks",
        ],
        &[],
    );
    assert_eq!(
        a.strong,
        Tally {
            ic: 2,
            management: 3
        }
    );
    assert_eq!(a.verdict, Verdict::Management);
    assert_eq!(a.leaning, Some(Track::Management));
    assert!(!a.staff_path);
    assert_eq!(
        step_ids(&a),
        ["practise_management", "name_reason", "retake"]
    );
}

#[test]
fn three_strong_each_way_is_either() {
    let a = assess(
        [
            "hard_problem_alone",
            "refactoring",
            "amplify_with_headcount",
            "coordinate_many",
            "uncomfortable_but_doable",
        ],
        &["protect_deep_work", "drawn_to_people_work"],
    );
    assert_eq!(
        a.strong,
        Tally {
            ic: 3,
            management: 3
        }
    );
    assert_eq!(a.verdict, Verdict::Either);
    // The mild management lean breaks the weighted tie: 6 against 7.
    assert_eq!(
        a.weighted,
        Tally {
            ic: 6,
            management: 7
        }
    );
    assert_eq!(a.leaning, Some(Track::Management));
    assert_eq!(step_ids(&a), ["trial", "calendar", "retake"]);
    let calendar = &a.next_steps[1];
    assert!(
        calendar
            .command
            .as_deref()
            .unwrap()
            .starts_with("dualtrack calendar analyze")
    );
}

#[test]
fn two_strong_each_way_with_equal_weight_is_unclear_with_no_leaning() {
    let a = assess(
        [
            "tricky_code_or_doc",
            "team_process",
            "own_keyboard",
            "coordinate_many",
            "uncomfortable_but_doable",
        ],
        &["protect_deep_work"],
    );
    assert_eq!(
        a.strong,
        Tally {
            ic: 2,
            management: 2
        }
    );
    assert_eq!(
        a.mild,
        Tally {
            ic: 1,
            management: 1
        }
    );
    assert_eq!(a.verdict, Verdict::Unclear);
    assert_eq!(a.leaning, None);
    let json = serde_json::to_value(&a).unwrap();
    assert!(json["leaning"].is_null());
    assert_eq!(step_ids(&a), ["trial", "calendar", "retake"]);
}

#[test]
fn mild_leans_alone_decide_the_leaning() {
    let a = assess(QUIET, &[]);
    assert_eq!(a.strong, Tally::default());
    assert_eq!(
        a.mild,
        Tally {
            ic: 0,
            management: 1
        }
    );
    assert_eq!(a.verdict, Verdict::Unclear);
    assert_eq!(a.leaning, Some(Track::Management));

    // Strong leans level at one each; the one mild IC lean tips it.
    let a = assess(
        [
            "tricky_code_or_doc",
            "refactoring",
            "both_equally",
            "unsure",
            "part_of_caring",
        ],
        &[],
    );
    assert_eq!(
        a.strong,
        Tally {
            ic: 1,
            management: 1
        }
    );
    assert_eq!(a.leaning, Some(Track::Ic));
    assert_eq!(a.verdict, Verdict::Unclear);
}

#[test]
fn each_chosen_reason_counts_toward_the_tally() {
    let base = [
        "pairing_junior",
        "nothing_in_particular",
        "own_keyboard",
        "hands_on_system",
        "uncomfortable_but_doable",
    ];
    assert_eq!(assess(base, &[]).verdict, Verdict::Unclear);
    let a = assess(base, &["protect_deep_work"]);
    assert_eq!(a.strong.ic, 3);
    assert_eq!(a.verdict, Verdict::Ic);
    let both = assess(base, &["drawn_to_people_work", "protect_deep_work"]);
    assert_eq!(
        both.strong,
        Tally {
            ic: 3,
            management: 1
        }
    );
    let reason_readings: Vec<_> = both
        .readings
        .iter()
        .filter(|r| r.question == "reason")
        .collect();
    assert_eq!(reason_readings.len(), 2);
    assert!(!step_ids(&both).contains(&"name_reason"));
}

#[test]
fn staff_path_needs_an_ic_verdict_and_authority_without_headcount() {
    let ic = [
        "hard_problem_alone",
        "refactoring",
        "amplify_by_authority",
        "unsure",
        "uncomfortable_but_doable",
    ];
    let a = assess(ic, &["protect_deep_work"]);
    assert_eq!(a.verdict, Verdict::Ic);
    assert!(a.staff_path);
    assert_eq!(a.staff_path_note.as_ref().unwrap().headline, "Staff+ path");
    assert_eq!(step_ids(&a), ["staff_case", "retake"]);

    // Same amplify answer, but not an IC verdict: no Staff+ path.
    let a = assess(
        [
            "pairing_junior",
            "nothing_in_particular",
            "amplify_by_authority",
            "unsure",
            "part_of_caring",
        ],
        &[],
    );
    assert_eq!(a.verdict, Verdict::Unclear);
    assert!(!a.staff_path);
    assert!(a.staff_path_note.is_none());
}

#[test]
fn every_red_flag_is_reported_with_what_to_do_instead() {
    let q = Questionnaire::embedded();
    let reason = q.question("reason").unwrap();
    let flags: Vec<_> = reason.options.iter().filter(|o| o.red_flag).collect();
    let ids: Vec<_> = flags.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "more_money",
            "title_or_status",
            "skip_level_wants_it",
            "tired_of_coding",
            "my_manager_seems_happy",
            "no_staff_role_here",
            "keep_a_strong_report",
            "only_way_up"
        ]
    );
    for flag in &flags {
        let a = assess(QUIET, &[flag.id.as_str()]);
        assert_eq!(a.red_flags, [flag.id.as_str()]);
        let note = &a.red_flag_notes[0];
        assert_eq!(note.id, flag.id);
        assert_eq!(note.instead, *flag.instead.as_ref().unwrap());
        assert!(!note.why.is_empty());
        let reading = a.readings.iter().find(|r| r.option == flag.id).unwrap();
        assert!(reading.red_flag);
        assert_eq!((reading.lean, reading.strength), (None, None));
        // A red flag is not a lean: counts are the same as with no reason at all.
        assert_eq!(a.strong, assess(QUIET, &[]).strong);
    }
    let company = assess(QUIET, &["no_staff_role_here"]);
    assert!(
        company.red_flag_notes[0]
            .instead
            .contains("change company, not track")
    );
}

#[test]
fn red_flags_come_out_in_questionnaire_order() {
    let a = assess(QUIET, &["only_way_up", "more_money", "tired_of_coding"]);
    assert_eq!(
        a.red_flags,
        ["more_money", "tired_of_coding", "only_way_up"]
    );
    let reasons: Vec<_> = a
        .readings
        .iter()
        .filter(|r| r.question == "reason")
        .map(|r| r.option.as_str())
        .collect();
    assert_eq!(reasons, ["more_money", "tired_of_coding", "only_way_up"]);
}

#[test]
fn management_with_red_flags_gets_a_caution_first() {
    let management = [
        "team_conflict",
        "team_process",
        "amplify_with_headcount",
        "unsure",
        "part_of_caring",
    ];
    let a = assess(management, &["more_money", "skip_level_wants_it"]);
    assert_eq!(a.verdict, Verdict::Management);
    assert_eq!(step_ids(&a), ["caution", "practise_management", "retake"]);
    let caution = &a.next_steps[0].detail;
    assert!(
        caution.contains("(management pays more; my skip-level (or my manager) wants me to)"),
        "{caution}"
    );
    assert!(!caution.contains("{red_flags}"));

    // The same flags with an IC verdict: reported, but no management caution.
    let ic = [
        "hard_problem_alone",
        "refactoring",
        "own_keyboard",
        "unsure",
        "avoid_for_weeks",
    ];
    let a = assess(ic, &["more_money"]);
    assert_eq!(a.red_flags, ["more_money"]);
    assert!(!step_ids(&a).contains(&"caution"));
}

#[test]
fn readings_follow_the_questionnaire_and_carry_lean_and_strength() {
    let a = assess(
        [
            "tricky_code_or_doc",
            "people_conversations",
            "both_equally",
            "hands_on_system",
            "part_of_caring",
        ],
        &[],
    );
    let questions: Vec<_> = a.readings.iter().map(|r| r.question.as_str()).collect();
    assert_eq!(
        questions,
        [
            "absorbed",
            "drift",
            "amplify",
            "next_project",
            "hard_feedback"
        ]
    );
    let first = &a.readings[0];
    assert_eq!(
        (first.lean, first.strength),
        (Some(Track::Ic), Some(Strength::Mild))
    );
    assert_eq!(
        first.answer,
        "Writing a tricky piece of code or a careful design doc"
    );
    let amplify = &a.readings[2];
    assert_eq!((amplify.lean, amplify.strength), (None, None));
    assert!(a.next_steps.last().is_some_and(|s| s.id == "retake"));
}

#[test]
fn json_has_the_stable_keys() {
    let a = assess(QUIET, &["more_money"]);
    let json = serde_json::to_value(&a).unwrap();
    for key in [
        "verdict",
        "leaning",
        "strong",
        "mild",
        "red_flags",
        "staff_path",
        "readings",
        "next_steps",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["verdict"], "unclear");
    assert_eq!(json["leaning"], "management");
    assert_eq!(
        json["strong"],
        serde_json::json!({"ic": 0, "management": 0})
    );
    assert_eq!(json["mild"], serde_json::json!({"ic": 0, "management": 1}));
    assert_eq!(json["red_flags"], serde_json::json!(["more_money"]));
    assert_eq!(json["staff_path"], false);
    let reading = &json["readings"][0];
    assert_eq!(reading["question"], "absorbed");
    assert_eq!(reading["option"], "pairing_junior");
    assert!(reading["lean"].is_null());
    assert!(reading["reading"].as_str().unwrap().len() > 20);
    assert!(json["next_steps"][0]["title"].is_string());
    let back: dualtrack_assess::Assessment = serde_json::from_value(json).unwrap();
    assert_eq!(back, a);
}

#[test]
fn assessment_has_a_json_schema() {
    let schema = schemars::schema_for!(dualtrack_assess::Assessment);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(text.contains("staff_path") && text.contains("red_flags"));
}

/// Regression (issue 12, misreading 2, the hard-feedback rule): three management leans plus
/// "I would put it off for weeks" still said "Your answers point to the management track" with
/// the warning only in a table row. The seed says that answer means not ready yet: the headline
/// itself must carry the caution, and the JSON must list it.
#[test]
fn hard_feedback_put_off_for_weeks_puts_a_readiness_caution_in_the_management_headline() {
    let a = assess(
        [
            "team_conflict",
            "people_conversations",
            "amplify_with_headcount",
            "coordinate_many",
            "avoid_for_weeks",
        ],
        &[],
    );
    assert_eq!(a.verdict, Verdict::Management);
    assert_eq!(a.cautions.len(), 1);
    let caution = &a.cautions[0];
    assert_eq!(caution.id, "hard_feedback");
    assert_eq!(caution.option, "avoid_for_weeks");
    assert!(!caution.source.is_empty(), "the rule is the seed's");
    assert!(
        a.summary
            .headline
            .starts_with(&Questionnaire::embedded().verdicts.management.headline),
        "{}",
        a.summary.headline
    );
    assert!(
        a.summary.headline.contains("Readiness caution"),
        "{}",
        a.summary.headline
    );
    assert!(caution.trial_first.contains("hard feedback"));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["cautions"][0]["id"], "hard_feedback");
    let md = dualtrack_assess::render_markdown(&a);
    assert!(md.contains("Readiness caution"), "{md}");

    // The same answer under an IC verdict already counts against management: no caution.
    let ic = assess(
        [
            "hard_problem_alone",
            "refactoring",
            "own_keyboard",
            "unsure",
            "avoid_for_weeks",
        ],
        &[],
    );
    assert_eq!(ic.verdict, Verdict::Ic);
    assert!(ic.cautions.is_empty());
    assert!(!ic.summary.headline.contains("caution"));
}
