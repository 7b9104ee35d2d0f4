//! `dualtrack assess` end to end.

use super::common::*;

fn answers(name: &str) -> std::path::PathBuf {
    fixture(&format!("answers/{name}"))
}

fn assess_json(name: &str) -> serde_json::Value {
    dualtrack(["assess", "--format", "json", "--answers"])
        .arg(answers(name))
        .json()
}

#[test]
fn json_has_the_stable_shape() {
    let json = assess_json("staff_path.toml");
    assert_eq!(json["verdict"], "ic");
    assert_eq!(json["leaning"], "ic");
    assert_eq!(
        json["strong"],
        serde_json::json!({"ic": 5, "management": 0})
    );
    assert_eq!(json["mild"], serde_json::json!({"ic": 0, "management": 1}));
    assert_eq!(json["red_flags"], serde_json::json!(["no_staff_role_here"]));
    assert_eq!(json["staff_path"], true);
    let readings = json["readings"].as_array().unwrap();
    assert_eq!(readings.len(), 7);
    assert_eq!(readings[2]["question"], "amplify");
    assert_eq!(readings[2]["option"], "amplify_by_authority");
    assert_eq!(readings[2]["lean"], "ic");
    assert_eq!(readings[2]["strength"], "strong");
    let steps: Vec<_> = json["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["staff_case", "retake"]);
}

#[test]
fn each_verdict_from_files() {
    let m = assess_json("management_red_flags.toml");
    assert_eq!(
        (m["verdict"].as_str(), m["staff_path"].as_bool()),
        (Some("management"), Some(false))
    );
    assert_eq!(
        m["red_flags"],
        serde_json::json!(["more_money", "skip_level_wants_it"])
    );
    assert_eq!(m["next_steps"][0]["id"], "caution");

    let either = assess_json("either.toml");
    assert_eq!(either["verdict"], "either");
    assert_eq!(
        either["strong"],
        serde_json::json!({"ic": 3, "management": 3})
    );

    let tie = assess_json("unclear_tie.toml");
    assert_eq!(tie["verdict"], "unclear");
    assert!(tie["leaning"].is_null());
    let steps: Vec<_> = tie["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["trial", "calendar", "retake"]);
}

#[test]
fn json_answers_and_stdin_give_the_same_result() {
    let from_toml = assess_json("staff_path.toml");
    assert_eq!(assess_json("staff_path.json"), from_toml);
    let toml = std::fs::read_to_string(answers("staff_path.toml")).unwrap();
    let piped = dualtrack(["assess", "--answers", "-", "--format", "json"])
        .stdin(toml)
        .json();
    assert_eq!(piped, from_toml);
    let json = std::fs::read_to_string(answers("staff_path.json")).unwrap();
    let piped = dualtrack(["assess", "--answers", "-", "--format", "json"])
        .stdin(json)
        .json();
    assert_eq!(piped, from_toml);
}

#[test]
fn text_report() {
    let out = dualtrack(["assess", "--answers"])
        .arg(answers("management_red_flags.toml"))
        .ok();
    assert!(
        out.lines().all(|l| l.chars().count() <= 100),
        "a line is wider than 100 columns:\n{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_report() {
    let out = dualtrack(["assess", "--format", "markdown", "--answers"])
        .arg(answers("staff_path.toml"))
        .ok();
    insta::assert_snapshot!(out);
}

#[test]
fn template_is_a_complete_answers_file() {
    let template = dualtrack(["assess", "template"]).ok();
    assert!(template.contains("reason = []"));
    let json = dualtrack(["assess", "--answers", "-", "--format", "json"])
        .stdin(template)
        .json();
    // The template picks the first option of each question and no reason.
    assert_eq!(json["verdict"], "ic");
    assert_eq!(
        json["strong"],
        serde_json::json!({"ic": 4, "management": 1})
    );
    assert_eq!(json["red_flags"], serde_json::json!([]));
}

#[test]
fn without_a_terminal_or_answers_it_says_how_to_pass_them() {
    let err = dualtrack(["assess"]).stdin("").fails();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--answers FILE"), "{err}");
    assert!(err.contains("absorbed = \"hard_problem_alone\""), "{err}");
    assert!(err.contains("dualtrack assess template"), "{err}");
}

#[test]
fn bad_answers_fail_with_one_line_naming_file_line_and_valid_ids() {
    let out = dualtrack(["assess", "--format", "json", "--answers"])
        .arg(answers("unknown_option.toml"))
        .output();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("unknown_option.toml:2:9: question `drift` has no option `refactor`"),
        "{err}"
    );
    assert!(err.contains("(did you mean `refactoring`?)"), "{err}");
    assert!(
        err.contains("valid options: refactoring, deep_technical_rabbit_hole"),
        "{err}"
    );

    let err = dualtrack(["assess", "--answers"])
        .arg(answers("missing_answer.toml"))
        .fails();
    assert!(
        err.contains("missing_answer.toml: no answer to `hard_feedback`"),
        "{err}"
    );
    assert!(
        err.contains("valid options: part_of_caring, uncomfortable_but_doable, avoid_for_weeks"),
        "{err}"
    );

    let err = dualtrack(["assess", "--answers", "no/such/file.toml"]).fails();
    assert!(
        err.contains("cannot open the answers file no/such/file.toml"),
        "{err}"
    );

    let err = dualtrack(["assess", "--answers", "-"])
        .stdin(vec![0xff, 0xfe])
        .fails();
    assert!(err.contains("<stdin>: not UTF-8 text"), "{err}");

    let huge = format!("# {}\n", "x".repeat(70_000));
    let err = dualtrack(["assess", "--answers", "-"]).stdin(huge).fails();
    assert!(
        err.contains("<stdin>: over 64 KiB, more than any answers file needs"),
        "{err}"
    );
}

#[test]
fn saved_results_show_in_history_with_changed_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("history.sqlite").display());
    let empty = dualtrack(["assess", "history", "--database-url", &db]).ok();
    assert!(empty.contains("No saved assessments yet"), "{empty}");

    let first = std::fs::read_to_string(answers("staff_path.toml")).unwrap();
    // Same drift, new absorption: one trigger change.
    let second = first.replace("\"hard_problem_alone\"", "\"org_design\"");
    // Only a non-trigger answer changes: nothing to point out.
    let third = second.replace("\"amplify_by_authority\"", "\"both_equally\"");
    for text in [&first, &second, &third] {
        let out = dualtrack([
            "assess",
            "--save",
            "--answers",
            "-",
            "--format",
            "json",
            "--database-url",
            &db,
        ])
        .stdin(text.as_str())
        .output();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .expect("stdout is still one JSON document");
        assert!(String::from_utf8_lossy(&out.stderr).contains("saved as assessment #"));
    }

    let history = dualtrack([
        "assess",
        "history",
        "--format",
        "json",
        "--database-url",
        &db,
    ])
    .json();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    // Newest first.
    assert_eq!(items[0]["answers"]["amplify"], "both_equally");
    assert_eq!(items[0]["changed"], serde_json::json!([]));
    assert_eq!(
        items[1]["changed"],
        serde_json::json!([{
            "question": "absorbed", "theme": "Absorbed in the work",
            "from": ["hard_problem_alone"], "to": ["org_design"]
        }])
    );
    assert_eq!(items[2]["changed"], serde_json::json!([]));
    assert_eq!(items[2]["verdict"], "ic");
    assert_eq!(items[2]["leaning"], "ic");

    let limited = dualtrack([
        "assess",
        "history",
        "--format",
        "json",
        "--limit",
        "2",
        "--database-url",
        &db,
    ])
    .json();
    let limited = limited["items"].as_array().unwrap();
    assert_eq!(limited.len(), 2);
    // The oldest one shown is still compared with the one before it.
    assert_eq!(limited[1]["changed"][0]["question"], "absorbed");

    let text = dualtrack(["assess", "history", "--database-url", &db]).ok();
    assert!(
        text.contains("absorbed: hard_problem_alone -> org_design"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
}

#[test]
fn history_warns_when_the_latest_answers_changed() {
    let dir = tempfile::tempdir().unwrap();
    let first = std::fs::read_to_string(answers("staff_path.toml")).unwrap();
    let second = first.replace("\"deep_technical_rabbit_hole\"", "\"team_process\"");
    for text in [&first, &second] {
        // The default database lives in DUALTRACK_DATA_DIR.
        dualtrack(["assess", "--save", "--answers", "-"])
            .env("DUALTRACK_DATA_DIR", dir.path())
            .stdin(text.as_str())
            .ok();
    }
    assert!(dir.path().join("dualtrack.sqlite").exists());
    let text = dualtrack(["assess", "history"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .ok();
    assert!(
        text.contains("drift: deep_technical_rabbit_hole -> team_process"),
        "{text}"
    );
    assert!(
        text.contains("Your latest answers changed on where a bad week drifts."),
        "{text}"
    );
    let markdown = dualtrack(["assess", "history", "--format", "markdown"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .ok();
    assert!(
        markdown.contains("| Changed since the previous one |"),
        "{markdown}"
    );
}

/// Send keys to the pseudo-terminal now (rexpect buffers writes until a flush).
#[cfg(unix)]
fn press(p: &mut rexpect::session::PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Drive the real binary through a pseudo-terminal: arrow keys and enter for all six
/// questions, one step back, and the verdict at the end.
#[cfg(unix)]
#[test]
fn interactive_flow_in_a_terminal() {
    use rexpect::session::spawn_command;

    const DOWN: &str = "\x1b[B";
    const UP: &str = "\x1b[A";
    const ENTER: &str = "\r";

    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dualtrack"));
    cmd.args(["assess", "--format", "json"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();

    p.exp_string("[1/6]").unwrap();
    press(&mut p, ENTER); // hard_problem_alone
    p.exp_string("[2/6]").unwrap();
    press(&mut p, DOWN);
    press(&mut p, ENTER); // deep_technical_rabbit_hole, replaced below
    p.exp_string("[3/6]").unwrap();
    for _ in 0..4 {
        press(&mut p, DOWN); // past the four options to "<- back"
    }
    press(&mut p, ENTER);
    p.exp_string("[2/6]").unwrap();
    // The cursor starts on the earlier answer; one up is `refactoring`.
    press(&mut p, UP);
    press(&mut p, ENTER);
    p.exp_string("[3/6]").unwrap();
    press(&mut p, DOWN);
    press(&mut p, ENTER); // amplify_by_authority
    p.exp_string("[4/6]").unwrap();
    press(&mut p, ENTER); // hands_on_system
    p.exp_string("[5/6]").unwrap();
    press(&mut p, DOWN);
    press(&mut p, DOWN);
    press(&mut p, ENTER); // avoid_for_weeks
    p.exp_string("[6/6]").unwrap();
    press(&mut p, DOWN);
    press(&mut p, " "); // tick protect_deep_work
    press(&mut p, ENTER);

    // The prompts and the report share the terminal; the report is the JSON document at the end.
    let output = p.exp_eof().unwrap().replace("\r\n", "\n");
    let start = output
        .find("{\n  \"verdict\"")
        .unwrap_or_else(|| panic!("no JSON report in:\n{output}"));
    let report: serde_json::Value = serde_json::from_str(output[start..].trim()).unwrap();
    assert_eq!(report["verdict"], "ic");
    assert_eq!(report["staff_path"], true);
    let chosen: Vec<_> = report["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["option"].as_str().unwrap())
        .collect();
    // `refactoring`, not the answer given before going back.
    assert_eq!(
        chosen,
        [
            "hard_problem_alone",
            "refactoring",
            "amplify_by_authority",
            "hands_on_system",
            "avoid_for_weeks",
            "protect_deep_work"
        ]
    );
}

/// Esc quits without a result and without saving.
#[cfg(unix)]
#[test]
fn interactive_escape_quits() {
    use rexpect::session::spawn_command;

    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dualtrack"));
    cmd.args(["assess", "--save"])
        .env("DUALTRACK_DATA_DIR", dir.path())
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("[1/6]").unwrap();
    press(&mut p, "\x1b");
    p.exp_string("assessment cancelled; nothing was kept")
        .unwrap();
    p.exp_eof().unwrap();
    let status = p.process().wait().unwrap();
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    assert!(!dir.path().join("dualtrack.sqlite").exists());
}

#[test]
fn an_organisation_can_reword_the_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::fs::read_to_string(workspace_root().join("data/assessment.toml")).unwrap();
    let reworded = data.replace(
        "label = \"Cracking a hard technical problem on my own\"",
        "label = \"Solving a gnarly problem solo\"",
    );
    assert_ne!(reworded, data);
    let path = dir.path().join("questions.toml");
    std::fs::write(&path, &reworded).unwrap();
    let out = dualtrack(["assess", "--format", "markdown", "--questionnaire"])
        .arg(&path)
        .arg("--answers")
        .arg(answers("staff_path.toml"))
        .ok();
    assert!(
        out.contains("| Solving a gnarly problem solo | IC (strong) |"),
        "{out}"
    );

    let broken = data.replace("lean = \"ic\"\nstrength = \"mild\"\n", "lean = \"ic\"\n");
    std::fs::write(&path, broken).unwrap();
    let err = dualtrack(["assess", "--questionnaire"])
        .arg(&path)
        .arg("--answers")
        .arg(answers("staff_path.toml"))
        .fails();
    assert!(
        err.contains("questions.toml: invalid questionnaire: option `tricky_code_or_doc`"),
        "{err}"
    );
    assert!(err.contains("leans but has no strength"), "{err}");
}
