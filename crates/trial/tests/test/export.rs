//! Export and import: the versioned JSON document, and what an import refuses.

use dualtrack_trial::{TrialError, export_json, import_json};

use super::common::*;

#[test]
fn a_fresh_trial_round_trips_and_a_changed_document_is_refused_with_its_location() {
    let content = content();
    let t = trial(&content);
    let json = export_json(&t);
    assert_eq!(import_json("t.json", &json, &content).unwrap(), t);

    let err = import_json(
        "t.json",
        &json.replace("\"version\": 1", "\"version\": 2"),
        &content,
    )
    .unwrap_err();
    assert!(err.to_string().contains("version 2"), "{err}");

    let err = import_json(
        "t.json",
        &json.replace("\"months\": 6", "\"months\": 24"),
        &content,
    )
    .unwrap_err();
    assert!(err.to_string().contains("outside 6 to 12"), "{err}");

    let err = import_json("t.json", "{\n  \"format\": 1\n}", &content).unwrap_err();
    assert!(matches!(err, TrialError::Parse { .. }));
    assert!(err.to_string().starts_with("t.json:2:"), "{err}");

    let err = import_json("t.json", &json.replace("\"put_it_off\"", "\"x\""), &content);
    assert!(err.is_ok(), "no check-ins yet, nothing to break");

    let big = " ".repeat(dualtrack_trial::MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        import_json("t.json", &big, &content),
        Err(TrialError::TooLarge { .. })
    ));
}

#[test]
fn imported_check_ins_are_checked_against_the_questionnaire() {
    let content = content();
    let mut t = trial(&content);
    t.add_checkin(checkin(day(2026, 1, 12), LATER), &content)
        .unwrap();
    let json = export_json(&t).replace("\"gave_it_and_moved_on\"", "\"shouted\"");
    let err = import_json("t.json", &json, &content)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`shouted` is not an option of `hard_feedback`"),
        "{err}"
    );
}
