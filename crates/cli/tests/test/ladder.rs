//! `dualtrack ladder` and `dualtrack guide` end to end.

use super::common::*;

fn ladder_fixture(name: &str) -> String {
    fixture(&format!("ladders/{name}")).display().to_string()
}

#[test]
fn show_json_has_the_documented_shape() {
    let v = dualtrack(["ladder", "show", "--format", "json"]).json();
    let obj = v.as_object().unwrap();
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort();
    assert_eq!(keys, ["equivalences", "tracks"]);

    let tracks = v["tracks"].as_array().unwrap();
    assert_eq!(tracks.len(), 2);
    assert_eq!(tracks[0]["id"], "ic");
    assert_eq!(tracks[1]["id"], "management");
    let ids = |t: &serde_json::Value| -> Vec<String> {
        t["rungs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&tracks[0]),
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
        ids(&tracks[1]),
        [
            "tech_lead",
            "manager",
            "senior_manager",
            "director",
            "senior_director",
            "vp_engineering"
        ]
    );
    for t in tracks {
        for r in t["rungs"].as_array().unwrap() {
            assert!(r["title"].is_string() && r["scope"].is_string(), "{r}");
        }
    }
    assert_eq!(tracks[0]["rungs"][2]["scope"], "multi-team");

    let eq = v["equivalences"].as_array().unwrap();
    assert!(eq.iter().all(|p| {
        p.as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(|x| x.is_string()))
    }));
    assert_eq!(eq[0], serde_json::json!(["staff_engineer", "manager"]));
    assert!(eq.contains(&serde_json::json!([
        "senior_staff_engineer",
        "senior_manager"
    ])));
    assert!(eq.contains(&serde_json::json!(["principal_engineer", "director"])));
}

#[test]
fn show_json_flags_extrapolated_equivalents_on_the_rung() {
    let v = dualtrack(["ladder", "show", "--format", "json"]).json();
    let distinguished = &v["tracks"][0]["rungs"][5];
    assert_eq!(distinguished["equivalents"][0]["rung"], "senior_director");
    assert_eq!(distinguished["equivalents"][0]["extrapolated"], true);
    let staff = &v["tracks"][0]["rungs"][2];
    assert_eq!(staff["equivalents"][0]["extrapolated"], false);
}

#[test]
fn show_text_is_a_table_within_100_columns() {
    let out = dualtrack(["ladder", "show"]).ok();
    assert!(
        out.contains("Staff Engineer") && out.contains("Engineering Manager"),
        "{out}"
    );
    for line in out.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
}

#[test]
fn show_a_users_ladder_and_a_company_ladder() {
    let v = dualtrack([
        "ladder",
        "show",
        "--ladder",
        &ladder_fixture("mature.toml"),
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["tracks"][0]["rungs"][2]["id"], "e6");
    assert_eq!(
        v["equivalences"],
        serde_json::json!([["e6", "m1"], ["e7", "m2"]])
    );
    let md = dualtrack([
        "ladder",
        "show",
        "--company",
        "quanta",
        "--format",
        "markdown",
    ])
    .ok();
    assert!(md.starts_with("# Quanta Labs (example)"), "{md}");
}

#[test]
fn equiv_finds_the_management_twin() {
    let v = dualtrack(["ladder", "equiv", "Principal Engineer", "--format", "json"]).json();
    assert_eq!(v["equivalents"][0]["rung"]["id"], "director");
    assert_eq!(v["certainty"], "exact");
    let v = dualtrack([
        "ladder",
        "equiv",
        "swe_l6",
        "--company",
        "quanta",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["equivalents"][0]["rung"]["id"], "em_l6");
}

#[test]
fn map_says_when_the_answer_is_a_range() {
    let v = dualtrack([
        "ladder",
        "map",
        "Staff Software Engineer",
        "--from",
        "quanta",
        "--to",
        "meridian",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["range"], true);
    assert_eq!(v["certainty"], "uncertain");
    assert_eq!(v["matches"].as_array().unwrap().len(), 2);
    let text = dualtrack([
        "ladder",
        "map",
        "Staff Software Engineer",
        "--from",
        "quanta",
        "--to",
        "meridian",
    ])
    .ok();
    assert!(text.contains("Certainty: uncertain"), "{text}");
}

#[test]
fn map_with_an_unknown_company_fails_with_the_known_ones() {
    let err = dualtrack([
        "ladder", "map", "Staff", "--from", "nowhere", "--to", "quanta",
    ])
    .fails();
    assert!(err.contains("nowhere") && err.contains("quanta"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn audit_json_lists_findings() {
    let v = dualtrack([
        "ladder",
        "audit",
        "--company",
        "harbourline",
        "--format",
        "json",
    ])
    .json();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let mut keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["code", "fix", "message", "rungs", "severity"]);
    }
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"architect-without-authority"), "{codes:?}");
}

#[test]
fn audit_of_a_mature_ladder_is_clean_and_succeeds() {
    let v = dualtrack([
        "ladder",
        "audit",
        &ladder_fixture("mature.toml"),
        "--format",
        "json",
        "--strict",
    ])
    .json();
    assert_eq!(v, serde_json::json!({ "findings": [] }));
}

#[test]
fn audit_strict_fails_on_warnings_only() {
    let file = ladder_fixture("stops-at-staff.toml");
    let relaxed = dualtrack(["ladder", "audit", &file]).output();
    assert_eq!(relaxed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&relaxed.stdout).contains("ic-ends-at-staff"));
    let strict = dualtrack(["ladder", "audit", &file, "--strict"]).output();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn audit_fails_on_errors_even_without_strict() {
    let out = dualtrack([
        "ladder",
        "audit",
        &ladder_fixture("stops-at-senior.toml"),
        "--format",
        "json",
    ])
    .output();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "ic-ends-at-senior");
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn validate_reports_every_problem_with_its_line() {
    let file = ladder_fixture("invalid.toml");
    let out = dualtrack(["ladder", "validate", &file]).output();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with(&format!("{file}:17:11: `maps_to` range runs downwards")),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("{file}:32:1: rung id `em` is used twice")),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{file}:38:1: equivalence names unknown rung `staff`"
        )),
        "{err}"
    );
    assert!(lines[2].ends_with("(use an IC rung id: eng)"), "{err}");
    assert!(lines[3].ends_with("3 problem(s) found"), "{err}");
}

#[test]
fn validate_json_carries_the_diagnostics() {
    let out = dualtrack([
        "ladder",
        "validate",
        &ladder_fixture("invalid.toml"),
        "--format",
        "json",
    ])
    .output();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    let lines: Vec<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [17, 32, 38]);
    assert_eq!(v["diagnostics"][1]["kind"], "duplicate-id");
}

#[test]
fn validate_accepts_a_good_file() {
    let out = dualtrack(["ladder", "validate", &ladder_fixture("mature.toml")]).ok();
    assert!(out.contains("valid ladder `northwind`"), "{out}");
}

/// Every file the CLI reads goes through one reader: `-` is stdin, and the limit names the input.
#[test]
fn a_ladder_file_can_come_from_stdin_and_an_oversized_one_is_refused() {
    let text = std::fs::read_to_string(ladder_fixture("invalid.toml")).unwrap();
    let out = dualtrack(["ladder", "validate", "-"]).stdin(text).output();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("<stdin>:17:11: "), "{err}");

    let huge = format!("# {}\n", "x".repeat(2 * 1024 * 1024));
    let err = dualtrack(["ladder", "show", "--ladder", "-"])
        .stdin(huge)
        .fails();
    assert!(err.contains("<stdin>: over "), "{err}");
    assert!(err.contains("more than any ladder file needs"), "{err}");
}

#[test]
fn a_syntax_error_prints_path_line_and_column_on_one_line() {
    let file = ladder_fixture("syntax-error.toml");
    let err = dualtrack(["ladder", "show", "--ladder", &file]).fails();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // The string runs to the end of the line, where the parser notices.
    assert!(
        err.contains(&format!("{file}:6:20: invalid basic string")),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let err = dualtrack(["ladder", "audit", "/nonexistent/ladder.toml"]).fails();
    assert!(err.contains("/nonexistent/ladder.toml"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn schema_is_json_schema_for_the_ladder() {
    let v = dualtrack(["ladder", "schema"]).json();
    assert_eq!(v["title"], "Ladder");
    assert!(v["properties"]["tracks"].is_object());
    assert!(v["$schema"].as_str().unwrap().contains("json-schema"));
}

#[test]
fn companies_compare_and_levels_render_in_every_format() {
    let v = dualtrack(["ladder", "companies", "--format", "json"]).json();
    assert!(v["companies"].as_array().unwrap().len() >= 4);
    let v = dualtrack(["ladder", "compare", "--format", "json"]).json();
    assert_eq!(
        v["profiles"][0],
        serde_json::json!({"track":"ic","meetings":30.0,"async":30.0,"focus":40.0})
    );
    let v = dualtrack(["ladder", "levels", "--format", "json"]).json();
    assert_eq!(v["levels"].as_array().unwrap().len(), 4);
    for cmd in ["companies", "compare", "levels"] {
        for format in ["text", "markdown"] {
            let out = dualtrack(["ladder", cmd, "--format", format]).ok();
            assert!(!out.trim().is_empty(), "{cmd} {format}");
        }
    }
}

#[test]
fn guide_writes_an_index_and_a_page_per_role() {
    let dir = tempfile::tempdir().unwrap();
    dualtrack(["guide", "--out"]).arg(dir.path()).ok();
    let index = std::fs::read_to_string(dir.path().join("index.md")).unwrap();
    assert!(
        index.contains("[Staff Engineer](staff_engineer.md)"),
        "{index}"
    );
    let page = std::fs::read_to_string(dir.path().join("vp_engineering.md")).unwrap();
    assert!(page.contains("## Time allocation"), "{page}");
    let pages = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(pages, 13);
}

#[test]
fn guide_for_a_users_ladder() {
    let dir = tempfile::tempdir().unwrap();
    dualtrack(["guide", "--ladder", &ladder_fixture("mature.toml"), "--out"])
        .arg(dir.path())
        .ok();
    let page = std::fs::read_to_string(dir.path().join("e6.md")).unwrap();
    assert!(page.contains("# Staff Engineer"), "{page}");
    assert!(page.contains("[Engineering Manager](m1.md)"), "{page}");
}

#[test]
fn a_framework_directory_replaces_parts_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("comparison.toml"),
        "[[dimensions]]\nid = \"calendar_shape\"\nassumption = \"test\"\nlabel = \"x\"\nic = \"x\"\nmanagement = \"x\"\n\
         [dimensions.shares.ic]\nmeetings = 20\nasync = 30\nfocus = 50\n\
         [dimensions.shares.management]\nmeetings = 70\nasync = 20\nfocus = 10\n",
    )
    .unwrap();
    let v = dualtrack(["ladder", "compare", "--format", "json", "--framework"])
        .arg(dir.path())
        .json();
    assert_eq!(v["profiles"][0]["meetings"], 20.0);

    std::fs::write(dir.path().join("comparison.toml"), "dimensions = []\n").unwrap();
    let err = dualtrack(["ladder", "show", "--framework"])
        .arg(dir.path())
        .fails();
    assert!(
        err.contains("comparison.toml:1:14: the comparison has no calendar shape"),
        "{err}"
    );
}

#[path = "../../../framework/tests/support/role_facts.rs"]
mod role_facts;
use role_facts::profile_facts;

/// Regression (issue 10): the guide and the web role page chose levels, equivalents and
/// transitions with separate code. Both now render `RoleProfile` (the JSON of
/// `GET /api/v1/ladder/roles/{id}`); every guide page shows every fact of its profile, for
/// every rung of the reference ladder and of every shipped company ladder.
#[test]
fn guide_pages_show_every_fact_of_the_role_profile() {
    let fw = dualtrack_framework::Framework::embedded().unwrap();
    let mut ladders = vec![(None, fw.ladder())];
    ladders.extend(fw.companies().iter().map(|c| (Some(c.id.as_str()), c)));
    let mut checked = 0;
    for (company, ladder) in ladders {
        let dir = tempfile::tempdir().unwrap();
        let mut run = dualtrack(["guide", "--out"]).arg(dir.path());
        if let Some(id) = company {
            let file = workspace_root().join(format!("data/companies/{id}.toml"));
            run = run.arg("--ladder").arg(file);
        }
        run.ok();
        for (_, rung) in ladder.rungs() {
            let profile =
                serde_json::to_value(fw.role_profile(&rung.id, company).unwrap()).unwrap();
            let page = std::fs::read_to_string(dir.path().join(format!("{}.md", rung.id))).unwrap();
            for fact in profile_facts(&profile) {
                assert!(
                    page.contains(&fact),
                    "{}/{}: the guide misses {fact:?}\n{page}",
                    ladder.id,
                    rung.id
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

/// Regression (issue 12, misreading 1): the Principal page showed 70-90% coding, task-level
/// decisions and "IC to Manager" as its only growth step.
#[test]
fn guide_for_principal_grows_on_the_ic_track_with_management_optional() {
    let dir = tempfile::tempdir().unwrap();
    dualtrack(["guide", "--out"]).arg(dir.path()).ok();
    let page = std::fs::read_to_string(dir.path().join("principal_engineer.md")).unwrap();
    assert!(!page.contains("70-90%"), "{page}");
    assert!(
        page.contains("Next rung on this track: [Distinguished Engineer]"),
        "{page}"
    );
    assert!(
        page.contains("### Optional: switching to the management track"),
        "{page}"
    );
    assert!(page.contains("our assumption"), "{page}");
    let staff = std::fs::read_to_string(dir.path().join("staff_engineer.md")).unwrap();
    assert!(
        !staff.contains("70-90%"),
        "the Staff page states one coding share:\n{staff}"
    );
}

#[test]
fn a_framework_directory_replaces_the_staff_plus_guidance() {
    let dir = tempfile::tempdir().unwrap();
    let mine = std::fs::read_to_string(workspace_root().join("data/staff-plus.toml"))
        .unwrap()
        .replace("Code is still written", "Our own Staff code text");
    std::fs::write(dir.path().join("staff-plus.toml"), mine).unwrap();
    let out = dir.path().join("guide");
    dualtrack(["guide", "--framework"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .ok();
    let page = std::fs::read_to_string(out.join("staff_engineer.md")).unwrap();
    assert!(page.contains("Our own Staff code text"), "{page}");

    std::fs::write(dir.path().join("staff-plus.toml"), "intro = 1\n").unwrap();
    let err = dualtrack(["guide", "--framework"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .fails();
    assert!(err.contains("staff-plus.toml:1:"), "{err}");
}

/// The header cells of each Markdown table in `markdown`.
fn markdown_headers(markdown: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = markdown.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[1].starts_with("| ---") || w[1].starts_with("| ---:"))
        .map(|w| {
            w[0].trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

/// Regression: text and Markdown used to draw different columns (`ladder companies` showed
/// audit counts in the terminal and a description in Markdown; `equiv`, `map` and `audit` split
/// cells differently). Every view now draws one table per section in both formats, with the
/// same headings.
#[test]
fn text_and_markdown_show_the_same_tables() {
    let views: [&[&str]; 7] = [
        &["ladder", "show"],
        &["ladder", "equiv", "staff_engineer"],
        &[
            "ladder",
            "map",
            "Staff Software Engineer",
            "--from",
            "quanta",
            "--to",
            "meridian",
        ],
        &["ladder", "audit", "--company", "harbourline"],
        &["ladder", "companies"],
        &["ladder", "compare"],
        &["ladder", "levels"],
    ];
    for view in views {
        let with = |format: &str| {
            let mut args: Vec<&str> = view.to_vec();
            args.extend(["--format", format]);
            let out = dualtrack(args).output();
            String::from_utf8(out.stdout).unwrap()
        };
        let (text, markdown) = (with("text"), with("markdown"));
        let tables = markdown_headers(&markdown);
        assert!(
            !tables.is_empty(),
            "{view:?}: no Markdown table\n{markdown}"
        );
        assert_eq!(
            text.matches('╞').count(),
            tables.len(),
            "{view:?}: a different number of tables\n{text}\n{markdown}"
        );
        for header in tables.iter().flatten().filter(|h| !h.is_empty()) {
            assert!(
                text.contains(header.as_str()),
                "{view:?}: the text lacks the column {header:?}\n{text}"
            );
        }
    }
}
