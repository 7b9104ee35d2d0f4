//! `dualtrack outlook`, `switchback`, `plan` and `report` end to end.

use super::common::*;

fn one_line(stderr: &str) -> &str {
    let trimmed = stderr.trim_end();
    assert_eq!(
        trimmed.lines().count(),
        1,
        "stderr is not one line:\n{stderr}"
    );
    trimmed
}

fn switchback_json(args: &[&str]) -> serde_json::Value {
    dualtrack(["switchback"])
        .args_from(args)
        .arg("--format")
        .arg("json")
        .json()
}

trait ArgsFrom {
    fn args_from(self, args: &[&str]) -> Self;
}

impl ArgsFrom for Run {
    fn args_from(mut self, args: &[&str]) -> Self {
        for a in args {
            self = self.arg(a);
        }
        self
    }
}

// ---- switchback ------------------------------------------------------------------------------

#[test]
fn switchback_json_follows_the_contract() {
    let v = switchback_json(&["--months", "30", "--org", "frontier-lab"]);
    assert_eq!(v["band"], "reinvest");
    assert_eq!(v["effective_months"], 120);
    assert_eq!(v["ramp_months"], serde_json::json!({"low": 6, "high": 12}));
    let factors = v["factors"].as_array().unwrap();
    for f in factors {
        assert!(
            f["id"].is_string() && f["effect"].is_string() && f["explanation"].is_string(),
            "{f}"
        );
    }
    assert_eq!(factors[0]["id"], "org_pace");
    assert_eq!(factors.last().unwrap()["id"], "organisational_capital");
}

#[test]
fn switchback_bands_at_their_boundaries() {
    for (months, org, band, effective) in [
        ("18", "enterprise", "intact", 18),
        ("19", "enterprise", "rebuild", 19),
        ("59", "enterprise", "rebuild", 59),
        ("60", "enterprise", "reinvest", 60),
        ("4", "frontier-lab", "intact", 16),
        ("5", "frontier-lab", "rebuild", 20),
        ("5", "infrastructure-heavy", "rebuild", 20),
        ("0", "startup", "intact", 0),
    ] {
        let v = switchback_json(&["--months", months, "--org", org]);
        assert_eq!(
            (
                v["band"].as_str().unwrap(),
                v["effective_months"].as_u64().unwrap()
            ),
            (band, effective),
            "{months} at {org}"
        );
    }
}

#[test]
fn switchback_side_practice_and_strong_technical() {
    let v = switchback_json(&["--months", "24", "--org", "enterprise", "--side-practice"]);
    assert_eq!(
        (
            v["band"].as_str().unwrap(),
            v["effective_months"].as_u64().unwrap()
        ),
        ("intact", 18)
    );
    assert!(
        v["factors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "side_practice")
    );
    let v = switchback_json(&["--months", "6", "--org", "frontier-lab", "--side-practice"]);
    assert_eq!(v["effective_months"], 18);
    let v = switchback_json(&[
        "--months",
        "30",
        "--org",
        "enterprise",
        "--strong-technical",
    ]);
    assert_eq!(v["ramp_months"], serde_json::json!({"low": 2, "high": 5}));
}

#[test]
fn switchback_bad_input_is_one_line_naming_the_valid_values() {
    let err = dualtrack(["switchback", "--months", "-3", "--org", "enterprise"]).fails();
    assert!(one_line(&err).contains("from 0 to 600, got -3"), "{err}");
    let err = dualtrack(["switchback", "--months", "12", "--org", "agency"]).fails();
    assert!(
        one_line(&err).contains("unknown organisation kind `agency`; valid values: startup, scale-up, enterprise, frontier-lab, infrastructure-heavy"),
        "{err}"
    );
    let err = dualtrack(["switchback", "--months", "12"]).fails();
    assert!(
        one_line(&err).contains("--org is required; valid values: startup"),
        "{err}"
    );
    let err = dualtrack(["switchback", "--months", "two", "--org", "startup"]).fails();
    assert!(one_line(&err).contains("whole number"), "{err}");
    let err = dualtrack(["switchback", "--months", "601", "--org", "startup"]).fails();
    assert!(one_line(&err).contains("got 601"), "{err}");
}

#[test]
fn switchback_text_and_markdown() {
    let text = dualtrack(["switchback", "--months", "30", "--org", "scale-up"]).ok();
    assert!(text.contains("45") && text.contains("│ Rebuild "), "{text}");
    // Words, not ids: the band, the organisation kind and the factors.
    assert!(text.contains("at a scale-up,"), "{text}");
    assert!(text.contains("The organisation's pace"), "{text}");
    assert!(
        !text.contains("(rebuild)") && !text.contains("org_pace"),
        "{text}"
    );
    assert!(
        !text.contains("Caveat"),
        "30 months is inside the sources: {text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    let md = dualtrack([
        "switchback",
        "--months",
        "30",
        "--org",
        "scale-up",
        "--format",
        "markdown",
    ])
    .ok();
    assert!(md.starts_with("# Switching back to IC"), "{md}");
}

/// Guards a confident ramp-up for 50 years in management, which the sources (five years at
/// most) say nothing about; and "a enterprise".
#[test]
fn switchback_far_past_the_sources_says_so() {
    let text = dualtrack(["switchback", "--months", "600", "--org", "enterprise"]).ok();
    assert!(text.contains("at an enterprise,"), "{text}");
    assert!(
        text.contains("Caveat: This is far past what the sources measured"),
        "{text}"
    );
    let json = dualtrack([
        "switchback",
        "--months",
        "600",
        "--org",
        "enterprise",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(json["caveats"].as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json["factors"][0]["label"], "The organisation's pace");
}

#[test]
fn switchback_model_file_replaces_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.toml");
    let builtin = std::fs::read_to_string(workspace_root().join("data/switchback.toml")).unwrap();
    std::fs::write(
        &path,
        builtin.replace("weight_percent = 150", "weight_percent = 200"),
    )
    .unwrap();
    let v = dualtrack([
        "switchback",
        "--months",
        "10",
        "--org",
        "scale-up",
        "--format",
        "json",
        "--model",
    ])
    .arg(&path)
    .json();
    assert_eq!(v["effective_months"], 20);
    std::fs::write(&path, builtin.replace("up_to = 59", "up_to = 10")).unwrap();
    let err = dualtrack([
        "switchback",
        "--months",
        "10",
        "--org",
        "scale-up",
        "--model",
    ])
    .arg(&path)
    .fails();
    assert!(one_line(&err).contains("model.toml:"), "{err}");
    assert!(err.contains("does not rise"), "{err}");
}

// ---- outlook and plan --------------------------------------------------------------------------

#[test]
fn outlook_json_and_track_filter() {
    let v = dualtrack(["outlook", "--format", "json"]).json();
    let ids: Vec<&str> = v["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["track"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ic", "management"]);
    let v = dualtrack(["outlook", "--track", "management", "--format", "json"]).json();
    assert_eq!(v["tracks"].as_array().unwrap().len(), 1);
    assert!(
        v["tracks"][0]["years_1_2"]["points"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
    let text = dualtrack(["outlook"]).ok();
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    assert!(
        dualtrack(["outlook", "--format", "markdown"])
            .ok()
            .starts_with("# Five-year outlook")
    );
}

#[test]
fn plan_for_every_kind() {
    for kind in [
        "ic-to-manager",
        "manager-to-director",
        "director-to-vp",
        "trial",
    ] {
        let v = dualtrack(["plan", "--transition", kind, "--format", "json"]).json();
        assert_eq!(v["plan"], kind);
        let text = dualtrack(["plan", "--transition", kind]).ok();
        assert!(
            text.lines().all(|l| l.chars().count() <= 100),
            "{kind}:\n{text}"
        );
    }
    let v = dualtrack(["plan", "--transition", "ic-to-manager", "--format", "json"]).json();
    assert_eq!(v["universal"].as_array().unwrap().len(), 6);
    assert_eq!(v["onboarding"]["phases"].as_array().unwrap().len(), 3);
    let md = dualtrack([
        "plan",
        "--transition",
        "manager-to-director",
        "--format",
        "markdown",
    ])
    .ok();
    assert!(md.contains("- [ ] "), "{md}");
}

#[test]
fn trial_plan_checks_the_switchback_cost() {
    let v = dualtrack([
        "plan",
        "--transition",
        "trial",
        "--org",
        "frontier-lab",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["switchback_check"]["at_min"]["effective_months"], 24);
    assert_eq!(v["switchback_check"]["longest_intact_months"], 4);
    let err = dualtrack(["plan", "--transition", "vp-to-ceo"]).fails();
    assert!(
        one_line(&err)
            .contains("valid values: ic-to-manager, manager-to-director, director-to-vp, trial"),
        "{err}"
    );
    let err = dualtrack(["plan", "--transition", "ic-to-manager", "--org", "startup"]).fails();
    assert!(one_line(&err).contains("--org only applies"), "{err}");
    let err = dualtrack(["plan", "--transition", "trial", "--side-practice"]).fails();
    assert!(
        one_line(&err).contains("needs --org; valid values: startup"),
        "{err}"
    );
}

// ---- report ------------------------------------------------------------------------------------

const WINDOW: [&str; 8] = [
    "--from",
    "2026-01-05",
    "--to",
    "2026-01-10",
    "--tz",
    "UTC",
    "--owner",
    "alex@example.com",
];

fn report(answers: &str, calendar: Option<&str>, extra: &[&str]) -> Run {
    let mut run = dualtrack(["report", "--answers"]).arg(fixture(&format!("report/{answers}")));
    if let Some(calendar) = calendar {
        run = run
            .arg("--calendar")
            .arg(fixture(&format!("report/{calendar}")))
            .args_from(&WINDOW);
    }
    run.args_from(extra)
}

#[test]
fn report_json_embeds_assess_and_calendar_output_and_finds_disagreement() {
    let v = report(
        "ic-answers.toml",
        Some("manager-week.ics"),
        &["--format", "json"],
    )
    .json();
    let assess = dualtrack(["assess", "--format", "json", "--answers"])
        .arg(fixture("report/ic-answers.toml"))
        .json();
    let calendar = dualtrack(["calendar", "analyze", "--format", "json"])
        .arg(fixture("report/manager-week.ics"))
        .args_from(&WINDOW)
        .json();
    assert_eq!(v["assessment"], assess);
    assert_eq!(v["calendar"], calendar);
    assert_eq!(v["calendar"]["closest_track"], "management");
    assert_eq!(v["agreement"], "disagree");
    assert_eq!(v["recommended_track"], "ic");
    assert!(
        v["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "calendar_disagrees")
    );
}

#[test]
fn report_json_agreeing_case() {
    let v = report(
        "ic-answers.toml",
        Some("ic-week.ics"),
        &["--format", "json"],
    )
    .json();
    assert_eq!(v["calendar"]["closest_track"], "ic");
    assert_eq!(v["agreement"], "agree");
}

#[test]
fn report_without_calendar_and_with_switchback() {
    let v = report(
        "management-answers.toml",
        None,
        &[
            "--months-in-management",
            "5",
            "--org",
            "frontier-lab",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v["agreement"], "no_calendar");
    assert_eq!(v["calendar"], serde_json::Value::Null);
    assert_eq!(v["switchback"]["effective_months"], 20);
    assert_eq!(v["switchback"]["band"], "rebuild");
    assert_eq!(
        v["trial"]["switchback_check"]["at_max"]["effective_months"],
        48
    );
    let ids: Vec<&str> = v["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["more_money", "skip_level_wants_it", "costly_trial"]);
}

#[test]
fn report_html_to_a_file_and_markdown_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = report(
        "ic-answers.toml",
        Some("ic-week.ics"),
        &["--format", "html", "-o"],
    )
    .arg(&path)
    .ok();
    assert!(
        out.is_empty(),
        "stdout should be empty when writing a file: {out}"
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"));
    let md = report("ic-answers.toml", None, &[]).ok();
    assert!(md.starts_with("# Decision report"), "{md}");
    assert!(md.contains("Agreement: `no_calendar`."));
}

#[test]
fn report_bad_inputs_fail_with_one_line() {
    let err = report("ic-answers.toml", None, &["--org", "agency"]).fails();
    assert!(one_line(&err).contains("valid values: startup"), "{err}");
    let err = report(
        "ic-answers.toml",
        None,
        &["--months-in-management", "-1", "--org", "startup"],
    )
    .fails();
    assert!(one_line(&err).contains("got -1"), "{err}");
    let err = report("ic-answers.toml", None, &["--months-in-management", "12"]).fails();
    assert!(one_line(&err).contains("needs --org"), "{err}");
    let err = dualtrack(["report", "--answers", "/nonexistent/answers.toml"]).fails();
    assert!(one_line(&err).contains("answers"), "{err}");
}
