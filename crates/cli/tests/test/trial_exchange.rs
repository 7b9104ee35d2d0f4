//! `dualtrack trial` exchanging with others: the sponsor's answers, an extension, import and
//! export, and every result as JSON.

use super::trial::*;

#[test]
fn sponsor_answers_extension_and_import() {
    let t = Trial::new();
    start(&t);
    let dir = &t.dir;
    let sponsor = dir.join("ana.toml");
    std::fs::write(
        &sponsor,
        "gate = \"month-6\"\ndate = 2026-07-03\nnote = \"Clearer priorities since March.\"\n\
         [answers]\nhard_conversations = \"promptly\"\nteam = \"better\"\n",
    )
    .unwrap();
    let out = t
        .run(
            "2026-07-03",
            &["sponsor", "--answers", sponsor.to_str().unwrap()],
        )
        .ok();
    assert!(out.contains("Kept your sponsor's answers"), "{out}");
    let review = t.run("2026-07-05", &["review", "--format", "json"]).json();
    assert_eq!(review["sponsor"]["name"], "Ana");
    assert_eq!(review["sponsor"]["answers"].as_array().unwrap().len(), 2);
    std::fs::write(
        &sponsor,
        "gate = \"month-9\"\ndate = 2026-07-03\n[answers]\n",
    )
    .unwrap();
    let err = t
        .run(
            "2026-07-03",
            &["sponsor", "--answers", sponsor.to_str().unwrap()],
        )
        .fails();
    assert!(err.contains("unknown gate `month-9`"), "{err}");

    let out = t.run("2026-07-05", &["extend"]).ok();
    assert!(
        out.contains("to 12 months: it now ends on 2027-01-05"),
        "{out}"
    );
    let err = t.run("2026-07-05", &["extend"]).fails();
    assert!(err.contains("already extended once"), "{err}");

    // Export, delete, import: the same trial comes back.
    let file = dir.join("export.json");
    t.run("2026-07-05", &["export", "-o", file.to_str().unwrap()])
        .ok();
    let before = t.run("2026-07-05", &["export"]).json();
    t.run("2026-07-05", &["delete", "--yes"]).ok();
    let out = t
        .run("2026-07-05", &["import", file.to_str().unwrap()])
        .ok();
    assert!(out.contains("Imported trial"), "{out}");
    assert_eq!(t.run("2026-07-05", &["export"]).json(), before);
    let err = t
        .run("2026-07-05", &["import", file.to_str().unwrap()])
        .fails();
    assert!(err.contains("already in this database"), "{err}");
}

/// Every subcommand that prints a result also gives it as one JSON document.
#[test]
fn results_come_as_json_too() {
    let t = Trial::new();
    start(&t);
    let saved = t
        .run(
            "2026-01-12",
            &["checkin", "--answers", "-", "--format", "json"],
        )
        .stdin(checkin_file(day("2026-01-12"), LATER))
        .json();
    assert_eq!(
        saved,
        serde_json::json!({"date": "2026-01-12", "recorded": 1, "due": 1})
    );
    let path = fixture("analyze-week.ics");
    let kept = t
        .run(
            "2026-01-12",
            &[
                "calendar",
                &path,
                "--from",
                "2026-01-05",
                "--to",
                "2026-01-12",
                "--tz",
                "UTC",
                "--format",
                "json",
            ],
        )
        .json();
    assert_eq!(kept["kept"], 1);
    assert_eq!(kept["total"], 1);
    assert_eq!(kept["left_out"], serde_json::json!([]));
    let extended = t.run("2026-01-12", &["extend", "--format", "json"]).json();
    assert_eq!(extended["done"], "extended");
    assert_eq!(extended["end"], "2027-01-05");
    let export = t.dir.join("t.json");
    t.run("2026-01-12", &["export", "-o", export.to_str().unwrap()])
        .ok();
    let deleted = t
        .run("2026-01-12", &["delete", "--yes", "--format", "json"])
        .json();
    assert_eq!(deleted["done"], "deleted");
    let imported = t
        .run(
            "2026-01-12",
            &["import", export.to_str().unwrap(), "--format", "json"],
        )
        .json();
    assert_eq!(imported["done"], "imported");
    assert_eq!(imported["id"], deleted["id"]);
}
