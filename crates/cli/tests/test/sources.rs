//! `--sources` on every command that shows statements: after the output, each statement with
//! the seed section it comes from or our assumption, read from the same data the JSON carries.
//!
//! Regression for issue 12 ("Users can see it"): the plan and switch-back outputs used to drop
//! their provenance after loading, so nothing could show it.

use super::common::{dualtrack, fixture};

const HEADING: &str = "Where this comes from";
const NOTHING: &str = "Nothing above comes from the seed documents";

/// Every command whose output rests on the seeds, with the arguments it needs.
fn commands(board: &str) -> Vec<Vec<String>> {
    let answers = fixture("answers/staff_path.toml").display().to_string();
    [
        vec!["ladder", "show"],
        vec!["ladder", "compare"],
        vec!["ladder", "levels"],
        vec!["ladder", "equiv", "Staff Engineer"],
        vec!["outlook"],
        vec!["switchback", "--months", "30", "--org", "startup"],
        vec!["plan", "--transition", "ic-to-manager"],
        vec!["plan", "--transition", "trial"],
        vec!["assess", "--answers", answers.as_str()],
        vec!["jobs", "tags", "--database-url", board],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn every_command_lists_where_its_statements_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let board = format!("sqlite://{}", dir.path().join("board.sqlite").display());
    for args in commands(&board) {
        for format in ["text", "markdown"] {
            let out = dualtrack(&args)
                .arg("--format")
                .arg(format)
                .arg("--sources")
                .ok();
            let footer = out
                .split(HEADING)
                .nth(1)
                .unwrap_or_else(|| panic!("{args:?} {format}: no sources footer\n{out}"));
            assert!(!footer.contains(NOTHING), "{args:?} {format}: {footer}");
            assert!(
                footer.contains("(IC or management: which track fits you)")
                    || footer.contains("(Engineering Leadership Career Path)")
                    || footer.contains("Our assumption:"),
                "{args:?} {format}: the footer names no seed and no assumption\n{footer}"
            );
            // Guards footers of 180 to 600 columns: text wraps like every other block.
            if format == "text" {
                let long = footer.lines().find(|l| l.chars().count() > 100);
                assert!(
                    long.is_none(),
                    "{args:?}: a line over 100 columns: {long:?}"
                );
            }
        }
    }
}

#[test]
fn without_the_flag_there_is_no_footer_and_json_carries_provenance_itself() {
    let out = dualtrack(["outlook"]).ok();
    assert!(!out.contains(HEADING));
    let plan = dualtrack([
        "plan",
        "--transition",
        "trial",
        "--format",
        "json",
        "--sources",
    ])
    .json();
    assert!(plan["source"].is_array(), "{plan}");
    assert!(plan["phases"][0]["assumption"].is_string(), "{plan}");
    let estimate = dualtrack([
        "switchback",
        "--months",
        "30",
        "--org",
        "frontier-lab",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(
        estimate["band_basis"]["source"][0]["doc"], "000",
        "the band's stated points come from 000: {estimate}"
    );
    assert!(estimate["factors"][0]["basis"]["assumption"].is_string());
}

#[test]
fn the_calendar_verdict_names_the_threshold_behind_it() {
    let out = dualtrack([
        "calendar",
        "analyze",
        "--sources",
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-12",
        "--tz",
        "UTC",
    ])
    .arg("--owner")
    .arg("alex@example.com")
    .arg(fixture("report/manager-week.ics"))
    .ok();
    let footer = out.split(HEADING).nth(1).expect("a sources footer");
    assert!(footer.contains("Our assumption:"), "{footer}");
}

#[test]
fn a_command_of_only_input_data_says_so() {
    // `ladder companies` lists names and counts from the company ladder files: no seed
    // statement and no assumption of ours, and the footer says so rather than staying silent.
    let out = dualtrack(["ladder", "companies", "--sources"]).ok();
    let footer = out.split(HEADING).nth(1).expect("a sources footer");
    assert!(footer.contains(NOTHING), "{footer}");
    assert!(!footer.contains("Our assumption:"), "{footer}");
}
