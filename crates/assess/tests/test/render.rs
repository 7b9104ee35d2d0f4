//! Markdown reports, as snapshots (review changes to the `.snap` files like any other text).

use dualtrack_assess::{render_markdown, render_markdown_section};

use super::common::{QUIET, assess};

#[test]
fn markdown_staff_path_with_a_red_flag() {
    let a = assess(
        [
            "hard_problem_alone",
            "deep_technical_rabbit_hole",
            "amplify_by_authority",
            "hands_on_system",
            "avoid_for_weeks",
        ],
        &["protect_deep_work", "no_staff_role_here"],
    );
    insta::assert_snapshot!(render_markdown(&a));
}

#[test]
fn markdown_management_with_caution() {
    let a = assess(
        [
            "org_design",
            "people_conversations",
            "amplify_with_headcount",
            "coordinate_many",
            "part_of_caring",
        ],
        &[
            "drawn_to_people_work",
            "title_or_status",
            "keep_a_strong_report",
        ],
    );
    insta::assert_snapshot!(render_markdown(&a));
}

#[test]
fn markdown_unclear_with_no_reason() {
    insta::assert_snapshot!(render_markdown(&assess(QUIET, &[])));
}

#[test]
fn section_form_nests_one_level_down() {
    let a = assess(QUIET, &[]);
    let section = render_markdown_section(&a);
    assert!(section.starts_with("### Verdict: unclear\n"), "{section}");
    assert!(!section.contains("\n## "));
    assert!(!section.starts_with("# "));
}
